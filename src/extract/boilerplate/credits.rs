//! Picture credits and the captions that carry them: kept in the article
//! for the eyes (under their pictures), left out of the plain text, which
//! has no pictures.

use std::collections::HashSet;

use super::{ends_sentence, prefix_of, Kept, Leaf, Tables, Verdict, MAX_PROMPT_CHARS, SHORT};
use crate::extract::tree::{Tree, NIL, T};
use crate::page::names;

/// A credit line is at most this long.
const MAX_CREDIT_CHARS: usize = 100;
/// A line naming a picture agency without a "Photo:" word is at most this long.
const MAX_SOURCE_LINE_CHARS: usize = 60;

/// A picture credit on its own line: "Foto: Sascha Klahn", "(crédito: …)",
/// "© Markus Leitner", "iStock/cjp", "Judy Eddy/WENN.com".
pub(super) fn is_credit(leaf: &Leaf<'_>, tables: &Tables) -> bool {
    if leaf.chars > MAX_CREDIT_CHARS {
        return false;
    }
    let raw = leaf
        .raw
        .trim_start_matches(['(', '[', '.', ' ', '|', '-', '–']);
    if raw.starts_with('©') || raw.to_lowercase().starts_with("(c)") {
        return true;
    }
    if let Some(p) = prefix_of(raw) {
        let words = leaf.norm.split(' ').count();
        if tables.credits.contains(p.as_str()) && (words <= 10 || !ends_sentence(raw)) {
            return true;
        }
    }
    // "Bild via …", "…, Bild via"
    let words: Vec<&str> = leaf.norm.split(' ').collect();
    if words
        .windows(2)
        .any(|w| w[1] == "via" && tables.credits.contains(w[0]))
    {
        return true;
    }
    leaf.chars <= MAX_SOURCE_LINE_CHARS
        && !ends_sentence(leaf.raw)
        && tables.sources.occurs_in(leaf.norm)
}

/// A figure caption that ends in a credit ("Striking workers last year.
/// Photograph: Jane Doe/Getty Images"): the caption describes a picture the
/// plain text does not show.
pub(super) fn is_credited_caption(tree: &Tree<'_>, leaf: &Leaf<'_>, tables: &Tables) -> bool {
    let t = leaf.first();
    let in_caption = tree.is_element(t) && tree.tag(t) == names::FIGCAPTION
        || tree.parent(t) != NIL && tree.tag(tree.parent(t)) == names::FIGCAPTION;
    if !in_caption || leaf.chars > MAX_PROMPT_CHARS {
        return false;
    }
    let last = leaf
        .raw
        .rsplit_once(". ")
        .map_or(leaf.raw, |(_, tail)| tail);
    last.chars().count() <= MAX_CREDIT_CHARS
        && prefix_of(last).is_some_and(|p| tables.credits.contains(p.as_str()))
}

/// A caption (a leaf in a `<figcaption>` or right after its picture) that
/// ends in a credit ("Skiers at the start. © AFP / Jane Doe", "Roman
/// Prymula, photo: Archives"): it describes a picture the plain text does
/// not show. (Uncredited captions stay: Readability keeps every caption, and
/// many are story text.)
pub(super) fn is_marked_caption(tree: &Tree<'_>, leaf: &Leaf<'_>, tables: &Tables) -> bool {
    let at_picture = leaf.since_media == 0 || in_figcaption(tree, leaf.first());
    if leaf.chars > MAX_PROMPT_CHARS || !at_picture {
        return false;
    }
    has_credit_mark(leaf.raw, tables)
}

/// "©", "(c)" or a credit word before a colon ("photo:", "Foto :", glued
/// on as in "…des TurniersBild: AFP") opening the line's last words: a
/// credit closes a caption, it does not open a story paragraph.
fn has_credit_mark(raw: &str, tables: &Tables) -> bool {
    let closes = |at: usize| {
        let tail = &raw[at..];
        tail.chars().count() <= MAX_CREDIT_CHARS && !tail.contains(". ")
    };
    if ["©", "(c)", "(C)"]
        .iter()
        .any(|m| raw.find(m).is_some_and(closes))
    {
        return true;
    }
    let words = word_spans(raw);
    words.iter().enumerate().any(|(i, &(at, w))| {
        let colon_next = words
            .get(i + 1)
            .is_some_and(|(_, n)| n.starts_with([':', '：']));
        let Some(word) = w
            .strip_suffix([':', '：'])
            .or_else(|| colon_next.then_some(w))
        else {
            return false;
        };
        let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
        closes(at) && ends_with_credit_word(word, tables)
    })
}

/// The whitespace-separated words of `raw` with their byte offsets.
fn word_spans(raw: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in raw.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &raw[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &raw[s..]));
    }
    out
}

/// True when `word` is a credit word, or ends in a capitalised one glued to
/// the word before ("TurniersBild").
fn ends_with_credit_word(word: &str, tables: &Tables) -> bool {
    let lower = word.to_lowercase();
    if tables.credits.contains(lower.as_str()) {
        return true;
    }
    word.char_indices().skip(1).any(|(i, c)| {
        c.is_uppercase()
            && word[..i].chars().last().is_some_and(char::is_lowercase)
            && tables.credits.contains(word[i..].to_lowercase().as_str())
    })
}

/// True when `t` is, or sits just inside, a `<figcaption>`.
fn in_figcaption(tree: &Tree<'_>, t: T) -> bool {
    tree.is_element(t) && tree.tag(t) == names::FIGCAPTION
        || tree.has_ancestor_tag(t, names::FIGCAPTION, 2, |_| true)
}

/// A figure with a credit in it: its whole caption is for the eyes ("Jansen
/// and Trochowski get on well." / "Foto:" / "WITTERS").
pub(super) fn credit_whole_captions(
    tree: &Tree<'_>,
    root: T,
    leaves: &Kept,
    verdicts: &mut [Verdict],
) {
    let figure_of = |t: T| {
        let mut a = tree.parent(t);
        while a != NIL && a != root {
            if tree.is(a, names::FIGURE) {
                return Some(a);
            }
            a = tree.parent(a);
        }
        None
    };
    let credited: HashSet<T> = leaves
        .firsts()
        .zip(verdicts.iter())
        .filter(|(_, v)| **v == Verdict::Credit)
        .filter_map(|(first, _)| figure_of(first))
        .collect();
    if credited.is_empty() {
        return;
    }
    for (i, (first, v)) in leaves.firsts().zip(verdicts.iter_mut()).enumerate() {
        if *v == Verdict::Keep
            && leaves.has(i, SHORT)
            && in_figcaption(tree, first)
            && figure_of(first).is_some_and(|f| credited.contains(&f))
        {
            *v = Verdict::Credit;
        }
    }
}
