//! The last pass over the article: page furniture that sits inside the
//! story's container and that Readability keeps.
//!
//! Readability judges boxes by their class names and shapes; what is left
//! inside the winning container still holds lines no reader reads as the
//! story: "Category: News", "Read also: …" inserts, "To view the full story,
//! please subscribe", "Follow us on Twitter", copyright notices, the author's
//! box, a comment section, picture credits. This pass looks at the article's
//! leaf blocks (blocks holding no other block), matches their wording against
//! the tables in [`crate::rules::boilerplate`], and
//! - removes furniture lines and prompts wherever they are;
//! - cuts the article at a heading that opens a closing section (comments,
//!   "About the author", "Related posts") near its end;
//! - leaves picture credits and the captions carrying them ([`credits`]) in
//!   the tree (the HTML shows them under their pictures) but lists them so
//!   the plain-text rendering, which has no pictures, leaves them out.
//!
//! Every rule is about a block's own wording and size, never a site.

use std::collections::HashSet;
use std::sync::OnceLock;

mod credits;

use super::tree::{Tree, HEADINGS, NIL, T};
use crate::api::Kind;
use crate::page::{names, Name};
use crate::rules::{self, boilerplate as bp};
use crate::text::{class_tokens, normalize_label, PhraseSet};
use credits::{credit_whole_captions, is_credit, is_credited_caption, is_marked_caption};

/// Blocks longer than this are story text, whatever words they use.
const MAX_PROMPT_CHARS: usize = 400;
/// A line pointing elsewhere ("more information at …") is at most this long.
const MAX_POINTER_CHARS: usize = 120;
/// "Label: …" lines longer than this are story text.
const MAX_PREFIX_LINE_CHARS: usize = 200;
/// Lines of "key: value | key: value" metadata are at most this long.
const MAX_META_LINE_CHARS: usize = 160;
/// A closing section starts in the last this-much of the article's text.
const TAIL_SHARE: f32 = 0.4;
/// At most this many link lines follow a related-links label.
const MAX_RELATED_LINES: usize = 8;
/// A related link line is at most this long.
const MAX_RELATED_LINE_CHARS: usize = 200;

const MEDIA: &[Name] = &[
    names::IMG,
    names::PICTURE,
    names::VIDEO,
    names::IFRAME,
    names::EMBED,
    names::OBJECT,
];

const BLOCKS: &[Name] = &[
    names::P,
    names::H1,
    names::H2,
    names::H3,
    names::H4,
    names::H5,
    names::H6,
    names::LI,
    names::DD,
    names::DT,
    names::DL,
    names::UL,
    names::OL,
    names::FIGCAPTION,
    names::FIGURE,
    names::BLOCKQUOTE,
    names::PRE,
    names::TABLE,
    names::TR,
    names::TD,
    names::TH,
    names::CAPTION,
    names::DIV,
    names::SECTION,
    names::ARTICLE,
    names::HEADER,
    names::FOOTER,
    names::ASIDE,
    names::ADDRESS,
];

/// The merged tables, built once.
struct Tables {
    labels: HashSet<&'static str>,
    tail_heads: Vec<&'static str>,
    related: HashSet<&'static str>,
    meta_keys: HashSet<&'static str>,
    credits: HashSet<&'static str>,
    phrases: PhraseSet,
    pointers: PhraseSet,
    sources: PhraseSet,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Tables {
            labels: HashSet::new(),
            tail_heads: Vec::new(),
            related: HashSet::new(),
            meta_keys: HashSet::new(),
            credits: HashSet::new(),
            phrases: PhraseSet::new(bp::LANGUAGES.iter().flat_map(|l| l.phrases.iter().copied())),
            pointers: PhraseSet::new(
                bp::LANGUAGES
                    .iter()
                    .flat_map(|l| l.pointers.iter().copied()),
            ),
            sources: PhraseSet::new(bp::PICTURE_SOURCES.iter().copied()),
        };
        for set in bp::LANGUAGES {
            t.labels.extend(set.labels.iter().copied());
            t.tail_heads.extend(set.tail_heads.iter().copied());
            t.related.extend(set.related.iter().copied());
            t.meta_keys.extend(set.meta_keys.iter().copied());
            t.credits.extend(set.credits.iter().copied());
        }
        t
    })
}

/// One leaf block of the article: a block holding no other block, or a run
/// of loose inline content beside blocks. Only the leaf being scanned has
/// one: the rules read its texts once, as it is found.
#[derive(Clone, Copy)]
struct Leaf<'a> {
    /// The block, or the nodes of the run.
    nodes: &'a [T],
    /// Its text, whitespace squashed; empty past `MAX_PROMPT_CHARS`.
    raw: &'a str,
    /// Its text normalised for lookup; empty past `MAX_PROMPT_CHARS`.
    norm: &'a str,
    chars: usize,
    /// Characters of link text in it.
    link_chars: usize,
    /// Links in it.
    links: usize,
    /// Characters of article text since the last picture before it (0 when
    /// it holds a picture itself); `usize::MAX` when none came before.
    since_media: usize,
}

impl Leaf<'_> {
    fn first(&self) -> T {
        self.nodes[0]
    }
}

/// The length in characters of `squash_whitespace` of texts joined, fed
/// piece by piece.
#[derive(Default)]
struct SquashedLen {
    chars: usize,
    /// A word was seen…
    word: bool,
    /// …and whitespace after it: a space, if another word follows.
    gap: bool,
}

impl SquashedLen {
    fn feed(&mut self, piece: &str) {
        for c in piece.chars() {
            if c.is_whitespace() {
                self.gap = self.word;
            } else {
                self.chars += 1 + usize::from(self.gap);
                self.gap = false;
                self.word = true;
            }
        }
    }
}

/// A leaf's texts and counts, before it is judged.
struct Measured {
    /// Empty past `MAX_PROMPT_CHARS`, as `Leaf::raw`.
    raw: String,
    norm: String,
    chars: usize,
    link_chars: usize,
    links: usize,
}

/// What `closing_bio` reads of one of the two leaves before a cut.
#[derive(Default)]
struct Line {
    raw: String,
    chars: usize,
    link_chars: usize,
}

/// Marks the first node of each leaf in `Kept::nodes` (tree indices stay
/// far below it).
const LEAF_START: u32 = 1 << 31;
/// `Kept::marks`: the leaf is at most `MAX_PROMPT_CHARS` long…
const SHORT: u8 = 1;
/// …or could be a link line under a related-links label.
const LINK_LINE: u8 = 2;

/// The judged leaves, a few bytes each: node-dense pages have hundreds of
/// thousands of leaves, and keeping their texts and counts until every leaf
/// was seen made this pass the extractor's peak.
#[derive(Default)]
struct Kept {
    /// Every leaf's nodes in order, its first one or'ed with `LEAF_START`.
    nodes: Vec<u32>,
    /// Per leaf.
    verdicts: Vec<Verdict>,
    marks: Vec<u8>,
}

impl Kept {
    fn len(&self) -> usize {
        self.marks.len()
    }

    fn push(&mut self, nodes: &[T], verdict: Verdict, marks: u8) {
        assert!(!nodes.is_empty(), "a leaf has nodes");
        for (k, &t) in nodes.iter().enumerate() {
            assert!(t & LEAF_START == 0, "tree index too large for a leaf mark");
            self.nodes.push(if k == 0 { t | LEAF_START } else { t });
        }
        self.verdicts.push(verdict);
        self.marks.push(marks);
    }

    fn has(&self, i: usize, mark: u8) -> bool {
        self.marks[i] & mark != 0
    }

    /// Every leaf's nodes, in order, each with its leaf's index.
    fn each_node(&self) -> impl Iterator<Item = (usize, T)> + '_ {
        let mut leaf = usize::MAX;
        self.nodes.iter().map(move |&n| {
            if n & LEAF_START != 0 {
                leaf = leaf.wrapping_add(1);
            }
            (leaf, n & !LEAF_START)
        })
    }

    /// Each leaf's first node, in order.
    fn firsts(&self) -> impl Iterator<Item = T> + '_ {
        self.nodes
            .iter()
            .filter(|&&n| n & LEAF_START != 0)
            .map(|&n| n & !LEAF_START)
    }
}

/// A leaf that opens a closing section if enough text comes before it; the
/// total is only known at the end.
struct TailHead {
    leaf: usize,
    /// Characters of the leaves up to and including it.
    through: usize,
    /// `closing_bio` of the two leaves before it.
    bio_before: bool,
}

/// The leaves of the article, judged one by one as they are found.
struct Scan<'a, 'p> {
    tree: &'a Tree<'p>,
    root: T,
    tables: &'static Tables,
    /// The nodes of the leaf being measured.
    pending: Vec<T>,
    kept: Kept,
    tail_heads: Vec<TailHead>,
    /// Characters of the leaves kept so far.
    total: usize,
    /// The last two leaves kept, the older first.
    last: [Line; 2],
}

impl<'a, 'p> Scan<'a, 'p> {
    /// Measures the pending nodes as a leaf.
    fn measure(&self) -> Measured {
        let tree = self.tree;
        let mut len = SquashedLen::default();
        let mut link_chars = 0;
        let mut links = 0;
        for &n in &self.pending {
            if tree.is_text(n) {
                len.feed(tree.text(n));
            } else {
                tree.for_each_descendant(n, |d| {
                    if tree.is_text(d) {
                        len.feed(tree.text(d));
                    }
                });
            }
            if tree.is(n, names::A) {
                link_chars += tree.inner_len(n);
                links += 1;
            } else if tree.is_element(n) {
                for a in tree.by_tag(n, names::A) {
                    link_chars += tree.inner_len(a);
                    links += 1;
                }
            }
        }
        let chars = len.chars;
        // Every wording rule is for short lines; story paragraphs (and
        // megabyte-long texts) are counted, never copied.
        let (raw, norm) = if chars <= MAX_PROMPT_CHARS {
            let text: String = self.pending.iter().map(|&n| tree.text_content(n)).collect();
            let raw = crate::text::squash_whitespace(&text);
            debug_assert_eq!(raw.chars().count(), chars);
            let norm = normalize_label(&raw);
            (raw, norm)
        } else {
            (String::new(), String::new())
        };
        Measured {
            raw,
            norm,
            chars,
            link_chars,
            links,
        }
    }

    /// Judges the measured pending leaf and keeps it, if it has text.
    fn keep(&mut self, m: Measured, since_media: usize) {
        if m.chars == 0 {
            self.pending.clear();
            return;
        }
        let leaf = Leaf {
            nodes: &self.pending,
            raw: &m.raw,
            norm: &m.norm,
            chars: m.chars,
            link_chars: m.link_chars,
            links: m.links,
            since_media,
        };
        let (verdict, tail_head) = judge(self.tree, self.root, &leaf, self.tables);
        let i = self.kept.len();
        self.total += m.chars;
        if tail_head {
            self.tail_heads.push(TailHead {
                leaf: i,
                through: self.total,
                bio_before: i >= 2 && closing_bio(&self.last[0], &self.last[1]),
            });
        }
        let mut marks = 0;
        if m.chars <= MAX_PROMPT_CHARS {
            marks |= SHORT;
        }
        if m.chars <= MAX_RELATED_LINE_CHARS && m.link_chars * 2 >= m.chars {
            marks |= LINK_LINE;
        }
        self.kept.push(&self.pending, verdict, marks);
        self.pending.clear();
        self.last.swap(0, 1);
        self.last[1] = Line {
            raw: m.raw,
            chars: m.chars,
            link_chars: m.link_chars,
        };
    }
}

/// A leaf's verdict, and whether it is a tail heading (which cuts the
/// article there if enough text comes before it; the verdict then does not
/// count).
fn judge(tree: &Tree<'_>, root: T, leaf: &Leaf<'_>, tables: &Tables) -> (Verdict, bool) {
    if in_author_box(tree, leaf.first(), root) {
        return (Verdict::Furniture, false);
    }
    let tail_head = is_tail_head(tree, leaf, tables);
    let verdict = if is_related_label(leaf, tables) {
        Verdict::RelatedLabel
    } else if is_furniture(leaf, tables) || is_related_insert(leaf, tables) {
        Verdict::Furniture
    } else if is_credit(leaf, tables)
        || is_credited_caption(tree, leaf, tables)
        || is_marked_caption(tree, leaf, tables)
    {
        Verdict::Credit
    } else {
        Verdict::Keep
    };
    (verdict, tail_head)
}

/// What the pass decided beyond the removals it made.
#[derive(Default)]
pub struct Outcome {
    /// Elements to leave out of the plain text (credits, credited captions).
    pub text_skips: Vec<T>,
}

/// Why a leaf goes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Verdict {
    Keep,
    /// Furniture or a prompt: removed.
    Furniture,
    /// A label heading a list of related links: removed with the links.
    RelatedLabel,
    /// A credit or credited caption: kept for the eyes, not in plain text.
    Credit,
}

/// Runs the pass over `root`'s content: removes furniture, returns the
/// credits the text rendering should skip.
pub fn strip(tree: &mut Tree<'_>, root: T) -> Outcome {
    let mut out = Outcome::default();
    let Scan {
        mut kept,
        tail_heads,
        total,
        last,
        ..
    } = scan(tree, root);
    let n = kept.len();
    if n == 0 {
        return out;
    }
    // A closing section starts at the first tail heading in the last
    // `TAIL_SHARE` of the text.
    let cut = tail_heads
        .iter()
        .find(|h| ((total - h.through) as f32) <= TAIL_SHARE * total as f32);
    let (cut_at, bio) = match cut {
        Some(h) => (h.leaf, h.bio_before),
        None => (n, n >= 2 && closing_bio(&last[0], &last[1])),
    };
    let mut verdicts = std::mem::take(&mut kept.verdicts);
    verdicts[cut_at..].fill(Verdict::Keep);
    credit_whole_captions(tree, root, &kept, &mut verdicts);
    if cut_at >= 2 && bio {
        verdicts[cut_at - 2] = Verdict::Furniture;
        verdicts[cut_at - 1] = Verdict::Furniture;
    }
    // A related-links label takes the link lines after it.
    for i in 0..cut_at {
        if verdicts[i] != Verdict::RelatedLabel {
            continue;
        }
        let end = cut_at.min(i + 1 + MAX_RELATED_LINES);
        for (j, v) in verdicts.iter_mut().enumerate().take(end).skip(i + 1) {
            if *v != Verdict::Keep || !kept.has(j, LINK_LINE) {
                break;
            }
            *v = Verdict::Furniture;
        }
    }
    for (i, t) in kept.each_node() {
        let verdict = verdicts[i];
        let removed = i >= cut_at || matches!(verdict, Verdict::Furniture | Verdict::RelatedLabel);
        if removed {
            detach_with_empty_parents(tree, t, root);
        } else if verdict == Verdict::Credit {
            out.text_skips.push(t);
        }
    }
    out.text_skips.retain(|&t| is_attached(tree, t, root));
    out
}

/// Walks the article's leaf blocks in document order and judges each.
fn scan<'a, 'p>(tree: &'a Tree<'p>, root: T) -> Scan<'a, 'p> {
    let mut out = Scan {
        tree,
        root,
        tables: tables(),
        pending: Vec::new(),
        kept: Kept::default(),
        tail_heads: Vec::new(),
        total: 0,
        last: Default::default(),
    };
    let mut since_media = usize::MAX;
    let mut t = tree.first_child(root);
    while t != NIL {
        if tree.is_element(t) && MEDIA.contains(&tree.tag(t)) {
            since_media = 0;
            t = tree.walk_skip(root, t);
            continue;
        }
        let block = tree.is_element(t) && BLOCKS.contains(&tree.tag(t));
        let container = tree.is_element(t) && has_block_inside(tree, t);
        if block && !container {
            out.pending.push(t);
            let leaf = out.measure();
            let mut leaf_since = since_media;
            since_media = advance(since_media, leaf.chars);
            if has_media(tree, t) {
                leaf_since = 0;
                // The block's own text is the picture's caption, if any;
                // what follows it is not.
                since_media = leaf.chars;
            }
            out.keep(leaf, leaf_since);
            t = tree.walk_skip(root, t);
            continue;
        }
        if container {
            t = tree.walk_next(root, t);
            continue;
        }
        // Loose inline content: the run of inline siblings from here.
        out.pending.push(t);
        let mut last = t;
        let mut n = tree.next_sibling(t);
        while n != NIL
            && !(tree.is_element(n)
                && (BLOCKS.contains(&tree.tag(n))
                    || MEDIA.contains(&tree.tag(n))
                    || has_block_inside(tree, n)))
        {
            out.pending.push(n);
            last = n;
            n = tree.next_sibling(n);
        }
        let leaf = out.measure();
        let pictured = out
            .pending
            .iter()
            .any(|&r| tree.is_element(r) && has_media(tree, r));
        let mut leaf_since = since_media;
        since_media = advance(since_media, leaf.chars);
        if pictured {
            leaf_since = 0;
            since_media = leaf.chars;
        }
        out.keep(leaf, leaf_since);
        t = tree.walk_skip(root, last);
    }
    out
}

fn advance(since: usize, chars: usize) -> usize {
    since.saturating_add(chars)
}

fn has_block_inside(tree: &Tree<'_>, t: T) -> bool {
    let mut d = tree.first_child(t);
    while d != NIL {
        if tree.is_element(d) && BLOCKS.contains(&tree.tag(d)) {
            return true;
        }
        d = tree.walk_next(t, d);
    }
    false
}

fn is_attached(tree: &Tree<'_>, mut t: T, root: T) -> bool {
    while t != NIL {
        if t == root {
            return true;
        }
        t = tree.parent(t);
    }
    false
}

/// Removes `t`, then each ancestor left without text or pictures.
fn detach_with_empty_parents(tree: &mut Tree<'_>, t: T, root: T) {
    let mut node = t;
    loop {
        let parent = tree.parent(node);
        tree.detach(node);
        if parent == NIL || parent == root || tree.has_text(parent) || has_media(tree, parent) {
            return;
        }
        node = parent;
    }
}

fn has_media(tree: &Tree<'_>, t: T) -> bool {
    MEDIA.iter().any(|&m| tree.has_tag(t, m))
}

/// The normalised text before the line's first colon, if the colon comes early.
fn prefix_of(raw: &str) -> Option<String> {
    let (head, _) = raw.split_once([':', '：'])?;
    (head.chars().count() <= 40).then(|| normalize_label(head))
}

/// A heading (or heading-sized line) that opens the comments, the author's
/// box or a related-posts list: its text starts with a tail heading
/// ("Comments (3)", "Lesen Sie auch die folgenden Beiträge:").
fn is_tail_head(tree: &Tree<'_>, leaf: &Leaf<'_>, tables: &Tables) -> bool {
    if leaf.chars > 60 {
        return false;
    }
    let n = strip_count(leaf.norm);
    let heading = tree.is_element(leaf.first()) && HEADINGS.contains(&tree.tag(leaf.first()));
    let labelish = heading || leaf.raw.trim_end().ends_with([':', '：']) || leaf.link_chars == 0;
    if tables
        .tail_heads
        .iter()
        .any(|h| n == *h || (labelish && starts_with_words(n, h)))
    {
        return true;
    }
    // Rails' own headings ("Related stories", "More from …") at the end.
    heading
        && matches!(
            rules::label_kind(leaf.norm),
            Some(Kind::Related | Kind::Trending)
        )
}

/// True when `text` is `head` or starts with it followed by a space.
fn starts_with_words(text: &str, head: &str) -> bool {
    text.strip_prefix(head)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// A line that is only a related-stories label ("Read also:", "Mehr lesen").
fn is_related_label(leaf: &Leaf<'_>, tables: &Tables) -> bool {
    leaf.chars <= 60 && {
        let n = strip_count(leaf.norm);
        tables.related.contains(n) || matches!(rules::label_kind(n), Some(Kind::Related))
    }
}

/// A related-stories label and its links in one block ("Siehe auch<br>
/// <a>…</a><br><a>…</a>"): the label opens it and links fill the rest.
/// (One link after "Read more" is a pointer inside the story.)
fn is_related_insert(leaf: &Leaf<'_>, tables: &Tables) -> bool {
    leaf.chars <= MAX_PROMPT_CHARS
        && leaf.links >= 2
        && leaf.link_chars * 3 >= leaf.chars * 2
        && tables
            .related
            .iter()
            .any(|h| leaf.norm.len() > h.len() && starts_with_words(leaf.norm, h))
}

/// "3 Kommentare", "Comments (12)": the label without its count.
fn strip_count(norm: &str) -> &str {
    let s = norm.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    s.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ')
}

/// Furniture lines and prompts, removed from the article.
fn is_furniture(leaf: &Leaf<'_>, tables: &Tables) -> bool {
    if leaf.chars > MAX_PROMPT_CHARS {
        return false;
    }
    let n = strip_count(leaf.norm);
    if n.is_empty() {
        return false;
    }
    if tables.labels.contains(n) || tables.meta_keys.contains(n) {
        return true;
    }
    if leaf.chars <= 80 && rules::label_kind(n).is_some() {
        return true;
    }
    if leaf.chars <= MAX_PREFIX_LINE_CHARS
        && prefix_of(leaf.raw).is_some_and(|p| {
            tables.related.contains(p.as_str()) || tables.meta_keys.contains(p.as_str())
        })
    {
        return true;
    }
    if leaf.chars <= MAX_META_LINE_CHARS && is_meta_line(leaf.raw, tables) {
        return true;
    }
    if is_copyright_line(leaf.raw) {
        return true;
    }
    if leaf.chars <= MAX_POINTER_CHARS && tables.pointers.occurs_in(leaf.norm) {
        return true;
    }
    tables.phrases.occurs_in(leaf.norm) || is_follow_prompt(leaf.norm)
}

/// "Follow The Gleaner on Twitter and Instagram", "Folgen Sie uns auf
/// Facebook": a follow word with a social network a few words on.
fn is_follow_prompt(norm: &str) -> bool {
    let words: Vec<&str> = norm.split(' ').collect();
    words.iter().enumerate().any(|(i, w)| {
        bp::FOLLOW_WORDS.contains(w)
            && words[i + 1..]
                .iter()
                .take(6)
                .any(|n| bp::SOCIAL_NETWORKS.contains(n))
    })
}

/// "Views: 1120 | Added by: Posh | Tags: …", "24.01.2022 Category: News":
/// a short line whose keys include a category/tag key.
fn is_meta_line(raw: &str, tables: &Tables) -> bool {
    if ends_sentence(raw) {
        return false;
    }
    let mut rest = raw;
    while let Some(i) = rest.find([':', '：']) {
        // The words before the colon, a number glued in front dropped.
        let key = normalize_label(&rest[..i]);
        let words: Vec<&str> = key.split(' ').collect();
        for k in 1..=words.len().min(2) {
            let cand = words[words.len() - k..].join(" ");
            let cand = cand.trim_start_matches(|c: char| c.is_ascii_digit());
            if tables.meta_keys.contains(cand) {
                return true;
            }
        }
        let colon_len = rest[i..].chars().next().map_or(1, char::len_utf8);
        rest = &rest[i + colon_len..];
    }
    false
}

/// True when the text has a sentence end: ". ", "! ", "? " or one at the end.
fn ends_sentence(raw: &str) -> bool {
    let t = raw.trim_end();
    t.ends_with(['.', '!', '?']) || t.contains(". ") || t.contains("! ") || t.contains("? ")
}

/// "© 2022 Example Media. All rights reserved." and "Copyright …" lines.
fn is_copyright_line(raw: &str) -> bool {
    let t = raw.trim_start();
    let lower = t.to_lowercase();
    let marked = t.starts_with('©') || lower.starts_with("(c) ") || lower.starts_with("copyright");
    marked && t.chars().count() <= MAX_PROMPT_CHARS && lower.chars().any(|c| c.is_ascii_digit())
}

/// A name on its own line is at most this long…
const MAX_NAME_CHARS: usize = 40;
/// …and this many words ("Dr. Thomas Schulte").
const MAX_NAME_WORDS: usize = 5;

/// The article's last two lines as an author's box without a class to tell:
/// a name on its own ("Inga Buller") and a short bio that repeats it or goes
/// on from it ("Inga Buller ist Head of Social …", "… ist Gründungspartner
/// der Kanzlei …").
fn closing_bio(name: &Line, bio: &Line) -> bool {
    let words: Vec<&str> = name.raw.split_whitespace().collect();
    let is_name = name.chars <= MAX_NAME_CHARS
        && name.link_chars == 0
        && (2..=MAX_NAME_WORDS).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !name.raw.chars().any(|c| c.is_ascii_digit() || c == ':');
    let goes_on = bio
        .raw
        .strip_prefix(name.raw.as_str())
        .is_some_and(|rest| rest.starts_with(' '))
        || bio.raw.chars().next().is_some_and(char::is_lowercase);
    is_name && goes_on && bio.chars <= MAX_PROMPT_CHARS
}

/// Inside an author's box: an ancestor whose class or id pairs "author" with
/// "bio", "box", "info", … ("author-bio", "about-author", "authorbox").
fn in_author_box(tree: &Tree<'_>, t: T, root: T) -> bool {
    let mut node = tree.parent(t);
    let mut at = t;
    loop {
        if at == NIL || at == root {
            return false;
        }
        for value in [tree.class(at), tree.id(at)] {
            if value.is_empty() {
                continue;
            }
            let mut author = false;
            let mut boxy = false;
            class_tokens(value, |tok| {
                if let Some(rest) = tok.strip_prefix("author") {
                    author = true;
                    boxy = boxy || bp::AUTHOR_BOX_TOKENS.contains(&rest);
                } else if let Some(head) = tok.strip_suffix("author") {
                    author = true;
                    boxy = boxy || bp::AUTHOR_BOX_TOKENS.contains(&head);
                } else {
                    boxy = boxy || bp::AUTHOR_BOX_TOKENS.contains(&tok);
                }
            });
            if author && boxy {
                return true;
            }
        }
        at = node;
        if node != NIL {
            node = tree.parent(node);
        }
    }
}

#[cfg(all(test, feature = "native"))]
mod tests {
    use super::*;
    use crate::page::Page;

    /// Calls `f` with the tree of `body` and the node wrapping it.
    fn with_tree<R>(body: &str, f: impl FnOnce(&mut Tree<'_>, T) -> R) -> R {
        let html = format!("<html><body><div id=root>{body}</div></body></html>");
        let page = Page::parse(html.as_bytes()).unwrap();
        let mut tree = Tree::with_capacity(&page, page.len());
        // Copy the page into the tree.
        let mut map = vec![NIL; page.len()];
        for id in page.descendants(page.root()) {
            let t = tree.copy_node(id);
            map[id.index()] = t;
            if let Some(p) = page.parent(id) {
                if map[p.index()] != NIL {
                    tree.append(map[p.index()], t);
                }
            }
        }
        let root = page
            .descendants(page.root())
            .find(|&d| page.attr(d, names::ID) == Some("root"))
            .map(|d| map[d.index()])
            .unwrap();
        f(&mut tree, root)
    }

    fn run(body: &str) -> (String, Vec<String>) {
        with_tree(body, |tree, root| {
            let out = strip(tree, root);
            let skipped = out
                .text_skips
                .iter()
                .map(|&t| tree.text_content(t).trim().to_owned())
                .collect();
            (
                crate::text::squash_whitespace(&tree.text_content(root)),
                skipped,
            )
        })
    }

    #[test]
    fn squashed_length_matches_squash_whitespace_across_pieces() {
        let texts = [
            "",
            "   ",
            "one",
            "  two  words ",
            "a\u{a0}b\tc\n\nd",
            "Ünïcödé  text,\u{3000}wide space",
            " x",
        ];
        for a in texts {
            for b in texts {
                for c in texts {
                    let mut len = SquashedLen::default();
                    for piece in [a, b, c] {
                        len.feed(piece);
                    }
                    let joined = format!("{a}{b}{c}");
                    let want = crate::text::squash_whitespace(&joined).chars().count();
                    assert_eq!(len.chars, want, "{joined:?}");
                }
            }
        }
    }

    #[test]
    fn kept_leaves_give_back_their_nodes_in_order() {
        let mut kept = Kept::default();
        kept.push(&[5], Verdict::Keep, SHORT);
        kept.push(&[6, 7, 9], Verdict::Credit, LINK_LINE);
        kept.push(&[0], Verdict::Furniture, SHORT | LINK_LINE);
        assert_eq!(kept.len(), 3);
        let nodes: Vec<(usize, T)> = kept.each_node().collect();
        assert_eq!(nodes, [(0, 5), (1, 6), (1, 7), (1, 9), (2, 0)]);
        assert_eq!(kept.firsts().collect::<Vec<_>>(), [5, 6, 0]);
        let marks: Vec<(bool, bool)> = (0..3)
            .map(|i| (kept.has(i, SHORT), kept.has(i, LINK_LINE)))
            .collect();
        assert_eq!(marks, [(true, false), (false, true), (true, true)]);
        assert_eq!(
            kept.verdicts,
            [Verdict::Keep, Verdict::Credit, Verdict::Furniture]
        );
    }

    #[test]
    fn scan_keeps_leaves_with_text_and_the_last_two_lines() {
        let long = "word ".repeat(100);
        let body = format!(
            "<p>One <a>two</a></p><p> </p>loose <b>run</b><div><p>{long}</p></div>\
             <p><a>Link line</a></p><p>After</p>"
        );
        with_tree(&body, |tree, root| {
            let scan = scan(tree, root);
            // The blank paragraph is measured, then dropped.
            assert_eq!(scan.kept.len(), 5);
            let mut sizes = vec![0; 5];
            for (i, _) in scan.kept.each_node() {
                sizes[i] += 1;
            }
            assert_eq!(sizes, [1, 2, 1, 1, 1]);
            let texts: Vec<String> = scan
                .kept
                .firsts()
                .map(|t| crate::text::squash_whitespace(&tree.text_content(t)))
                .collect();
            assert_eq!(texts[0], "One two");
            assert_eq!(texts[1], "loose");
            let short: Vec<bool> = (0..5).map(|i| scan.kept.has(i, SHORT)).collect();
            assert_eq!(short, [true, true, false, true, true]);
            let link: Vec<bool> = (0..5).map(|i| scan.kept.has(i, LINK_LINE)).collect();
            assert_eq!(link, [false, false, false, true, false]);
            assert_eq!(scan.total, 7 + 9 + long.trim_end().len() + 9 + 5);
            assert_eq!(scan.last[0].raw, "Link line");
            assert_eq!((scan.last[0].chars, scan.last[0].link_chars), (9, 9));
            assert_eq!(scan.last[1].raw, "After");
            assert!(scan.tail_heads.is_empty());
        });
    }

    #[test]
    fn scan_notes_tail_headings_with_the_text_before_them() {
        let body = "<p>First line here</p><p>Inga Buller</p>\
                    <p>Inga Buller writes about ports.</p><h2>Comments</h2><p>Nice</p>";
        with_tree(body, |tree, root| {
            let scan = scan(tree, root);
            assert_eq!(scan.tail_heads.len(), 1);
            let h = &scan.tail_heads[0];
            assert_eq!(h.leaf, 3);
            assert_eq!(h.through, 15 + 11 + 31 + 8);
            assert!(h.bio_before);
        });
    }

    const STORY: &str = "<p>The harbour authority closed the port on Monday after a storm, with winds of 120 km/h and waves of eight metres that damaged two piers.</p><p>Ships were sent to anchor off the coast, and ferries to the islands were cancelled until Wednesday, officials said at a briefing in the town hall.</p><p>Repairs are expected to take weeks; the cost has not yet been estimated, but insurers said claims were already arriving from the waterfront businesses.</p>";

    #[test]
    fn removes_prompts_and_meta_lines() {
        let (text, _) = run(&format!(
            "<p>24.01.2022 11:38 Kategorie: News</p>{STORY}<p>LE PUEDE INTERESAR: La ficha del caso en Nueva York</p>\
             <p>To view the full story, please subscribe to The Times.</p><p>© 2022 Example News. All rights reserved.</p>"
        ));
        assert!(text.contains("The harbour authority"), "{text}");
        for gone in ["Kategorie", "LE PUEDE", "subscribe", "All rights"] {
            assert!(!text.contains(gone), "{gone}: {text}");
        }
    }

    #[test]
    fn cuts_comments_at_the_end() {
        let (text, _) = run(&format!(
            "{STORY}<h3>3 Kommentare</h3><p>Danke für dieses Kapitel!</p><p>Super Artikel, weiter so.</p>"
        ));
        assert!(text.contains("Repairs are expected"), "{text}");
        assert!(
            !text.contains("Kommentare") && !text.contains("Danke"),
            "{text}"
        );
    }

    #[test]
    fn keeps_a_comments_heading_early_in_the_story() {
        let (text, _) = run(&format!("<h2>Comments</h2>{STORY}{STORY}"));
        assert!(text.contains("Repairs are expected"), "{text}");
    }

    #[test]
    fn credits_skipped_in_text_only() {
        let (text, skipped) = run(&format!(
            "<figure><img src=a.jpg><figcaption>Striking workers last year. Photograph: Jane Doe/Getty Images</figcaption></figure>\
             <p>Foto: Sascha Klahn</p>{STORY}<p class=caption>A quiet harbour at dawn</p>"
        ));
        assert!(
            text.contains("Striking workers"),
            "the tree keeps captions: {text}"
        );
        assert_eq!(
            skipped,
            [
                "Striking workers last year. Photograph: Jane Doe/Getty Images",
                "Foto: Sascha Klahn"
            ]
        );
    }

    #[test]
    fn captions_ending_in_a_credit_skipped_in_text_only() {
        let (text, skipped) = run(&format!(
            "<p><a href=big.jpg><img src=a.jpg alt=\"\"></a></p><p>Marco Odermatt, ski star from Switzerland. © AFP / Jane Doe</p>{STORY}\
             <p><img src=b.jpg alt=\"\"></p><p>Alexander Zverev in the quarter-finalBild: AFP/SID/Pascal Guyot</p>\
             <figure><img src=c.jpg><figcaption>A fracking site in Pennsylvania ©&nbsp;Noah Addis</figcaption></figure>\
             <p><img src=d.jpg></p><p>The picket line in the university hall / (C) Kab Niang</p>\
             <figure><img src=e.jpg><figcaption>A quiet harbour at dawn</figcaption></figure>"
        ));
        assert!(
            text.contains("Marco Odermatt"),
            "the tree keeps captions: {text}"
        );
        assert_eq!(
            skipped,
            [
                "Marco Odermatt, ski star from Switzerland. © AFP / Jane Doe",
                "Alexander Zverev in the quarter-finalBild: AFP/SID/Pascal Guyot",
                "A fracking site in Pennsylvania ©\u{a0}Noah Addis",
                "The picket line in the university hall / (C) Kab Niang",
            ]
        );
    }

    #[test]
    fn a_credit_opening_a_long_block_is_not_a_caption() {
        // "© Provided by …" before the first paragraph in the same block, and
        // a credit word in a sentence away from any picture.
        let (_, skipped) = run(&format!(
            "<p><img src=a.jpg> © Provided by Example Media. The harbour authority closed the port on Monday after a storm damaged two piers and sank a ferry.</p>\
             {STORY}<p>The photo: a ferry stuck on the rocks, taken by a passenger.</p>"
        ));
        assert!(skipped.is_empty(), "{skipped:?}");
    }

    #[test]
    fn a_credit_in_a_figure_takes_its_whole_caption() {
        let (_, skipped) = run(&format!(
            "{STORY}<figure><p><img src=a.jpg></p><figcaption><p>Two captains shake hands on the pier.</p><p>Foto:</p><p>WITTERS</p></figcaption></figure>\
             <figure><p><picture><img src=b.jpg></picture> © Markus Leitner</p><figcaption>Gulls over the harbour.</figcaption></figure>"
        ));
        assert_eq!(
            skipped,
            [
                "Two captains shake hands on the pier.",
                "Foto:",
                "WITTERS",
                "© Markus Leitner",
                "Gulls over the harbour."
            ]
        );
    }

    #[test]
    fn related_label_with_its_links_in_one_block() {
        let (text, _) = run(&format!(
            "{STORY}<p>Siehe auch<br>\n<a href=/a>Die Hafenmauer bröckelt</a><br>\n<a href=/b>Fähren fallen aus</a></p>\
             <p><a href=/c>Read more about the storm here.</a></p>"
        ));
        assert!(!text.contains("Hafenmauer"), "{text}");
        assert!(text.contains("Read more about the storm"), "{text}");
    }

    #[test]
    fn removes_view_counts_and_a_lone_by_label() {
        let (text, _) = run(&format!(
            "{STORY}<p>Aufrufe: 1120 | Hinzugefügt von: Posh | Tags: Denken, Bilder, ich und..</p><p><b>Von:</b></p><p>Götz Warnke</p>"
        ));
        assert!(
            !text.contains("Aufrufe") && !text.contains("Von:"),
            "{text}"
        );
        assert!(text.contains("Götz Warnke"), "{text}");
    }

    #[test]
    fn removes_a_closing_bio_without_a_class() {
        let (text, _) = run(&format!(
            "{STORY}<h3>Dr. Thomas Schulte</h3><p> ist Gründungspartner der Kanzlei Schulte und Partner in Berlin.</p>"
        ));
        assert!(!text.contains("Schulte"), "{text}");
        let (text, _) = run(&format!(
            "{STORY}<figure><img src=a.jpg><figcaption>Inga Buller</figcaption></figure><blockquote>Inga Buller ist Redakteurin für Haushalt und Garten.</blockquote>"
        ));
        assert!(!text.contains("Buller"), "{text}");
        // A closing subheading and its paragraph are story text.
        let (text, _) = run(&format!(
            "{STORY}<h3>What Comes Next</h3><p>The council meets again in March to decide on the repairs.</p>"
        ));
        assert!(
            text.contains("What Comes Next") && text.contains("in March"),
            "{text}"
        );
    }

    #[test]
    fn removes_author_box() {
        let (text, _) = run(&format!(
            "{STORY}<div class=author-bio><h4>Jane Doe</h4><p>Jane covers the waterfront for the paper.</p></div>"
        ));
        assert!(!text.contains("Jane"), "{text}");
        assert!(text.contains("Repairs"), "{text}");
    }

    #[test]
    fn story_sentences_stay() {
        let story = "<p>Source: the port's own figures, published by the authority on Friday, show that 1,200 ships call a year.</p>\
                     <p>Readers can follow the storm's path on the map below, the mayor said.</p>";
        let (text, skipped) = run(&format!(
            "{STORY}{story}<p>Follow The Gazette on Twitter and Instagram @gazette.</p>"
        ));
        assert!(
            text.contains("Repairs") && text.contains("follow the storm"),
            "{text}"
        );
        assert!(!text.contains("@gazette"), "{text}");
        // A sentence-long "Source:" line is not a credit.
        assert!(skipped.is_empty(), "{skipped:?}");
    }
}
