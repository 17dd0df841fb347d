//! Text helpers shared by the classifier and the extractor: label
//! normalisation, class/id tokens, whitespace handling.

/// True for characters that separate words in a label: whitespace,
/// punctuation, symbols, emoji, zero-width characters.
pub fn is_separator(c: char) -> bool {
    if c.is_whitespace() || c.is_ascii_punctuation() {
        return true;
    }
    let u = c as u32;
    matches!(u,
        0x00A1..=0x00BF          // ¡ « » · ¿ and friends
        | 0x00D7 | 0x00F7        // × ÷
        | 0x2000..=0x2BFF        // general punctuation, arrows, shapes, dingbats
        | 0x3000..=0x3003        // ideographic space, 、 。 〃
        | 0x3008..=0x3011        // 〈 〉 《 》 「 」 『 』 【 】
        | 0x3014..=0x301F
        | 0x30FB                 // ・
        | 0xFE10..=0xFE1F | 0xFE30..=0xFE4F | 0xFE50..=0xFE6F
        | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65
        | 0x060C | 0x061B | 0x061F | 0x066A..=0x066D | 0x06D4 // Arabic punctuation
        | 0x0964 | 0x0965        // Devanagari danda
        | 0x1F000..=0x1FAFF      // emoji and pictographs
        | 0xFE00..=0xFE0F        // variation selectors
    ) || matches!(c, '\u{200B}'..='\u{200F}' | '\u{FEFF}' | '|' | '¦')
}

/// Characters dropped entirely: Arabic diacritics and tatweel, which pages
/// use or omit freely in the same word.
fn is_ignorable(c: char) -> bool {
    matches!(c as u32, 0x064B..=0x065F | 0x0670 | 0x0640)
}

/// Folds full-width ASCII (Ｔｒｅｎｄｉｎｇ) to ASCII.
fn fold_width(c: char) -> char {
    match c as u32 {
        u @ 0xFF01..=0xFF5E => char::from_u32(u - 0xFF01 + 0x21).unwrap_or(c),
        _ => c,
    }
}

/// Feeds `c` lowercased to `f`; most label and class text is ASCII, which
/// skips the Unicode case tables.
fn lowercase(c: char, f: &mut impl FnMut(char)) {
    if c.is_ascii() {
        f(c.to_ascii_lowercase());
    } else {
        c.to_lowercase().for_each(f);
    }
}

/// Appends `c` lowercased.
fn push_lowercase(out: &mut String, c: char) {
    lowercase(c, &mut |l| out.push(l));
}

/// Normalises a block's text for label lookup: lowercase, punctuation,
/// symbols and emoji turned into spaces, runs of spaces collapsed, trimmed.
/// "  Trending: " and "TRENDING" both give "trending".
pub fn normalize_label(text: &str) -> String {
    normalize_joined([text])
}

/// [`normalize_label`] of the concatenated `parts`, without joining them first.
pub fn normalize_joined<'t>(parts: impl IntoIterator<Item = &'t str>) -> String {
    let mut out = String::new();
    label_chars(parts, |c| out.push(c));
    out
}

/// [`normalize_label`] of the concatenated `parts`, a character at a time,
/// for texts too long to copy twice.
pub fn label_chars<'t>(parts: impl IntoIterator<Item = &'t str>, mut f: impl FnMut(char)) {
    let mut started = false;
    let mut pending_space = false;
    for c in parts.into_iter().flat_map(str::chars).map(fold_width) {
        if is_ignorable(c) {
            continue;
        }
        if is_separator(c) {
            pending_space = started;
            continue;
        }
        if pending_space {
            f(' ');
            pending_space = false;
        }
        started = true;
        lowercase(c, &mut f);
    }
}

/// Splits a class or id attribute into lowercase word tokens: on anything
/// that is not a letter or digit, at lower→upper case changes (`adSlot`) and
/// where digits follow letters (`ad300`). Letters after digits stay joined:
/// generated ids (`e1ad`, `x9f3ad`) hold no words.
pub fn class_tokens(value: &str, mut f: impl FnMut(&str)) {
    let mut token = String::new();
    let mut prev: Option<char> = None;
    let flush = |token: &mut String, f: &mut dyn FnMut(&str)| {
        if !token.is_empty() {
            f(token);
            token.clear();
        }
    };
    for c in value.chars() {
        if !c.is_alphanumeric() {
            flush(&mut token, &mut f);
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            let case_break = p.is_lowercase() && c.is_uppercase();
            let digit_break = !p.is_ascii_digit() && c.is_ascii_digit();
            if case_break || digit_break {
                flush(&mut token, &mut f);
            }
        }
        push_lowercase(&mut token, c);
        prev = Some(c);
    }
    flush(&mut token, &mut f);
}

/// Normalised phrases to find as whole words in normalised text, indexed by
/// their first word: a block is tested against every language's phrases, and
/// one lookup per word of the block replaces a substring search per phrase.
pub struct PhraseSet {
    by_first_word: std::collections::HashMap<&'static str, Vec<&'static str>>,
}

impl PhraseSet {
    /// `phrases` must be normalised ([`normalize_label`]).
    pub fn new(phrases: impl IntoIterator<Item = &'static str>) -> PhraseSet {
        let mut by_first_word = std::collections::HashMap::<_, Vec<_>>::new();
        for p in phrases {
            let first = p.split(' ').next().unwrap_or(p);
            by_first_word.entry(first).or_default().push(p);
        }
        PhraseSet { by_first_word }
    }

    /// True when a phrase occurs in `norm` starting and ending at word
    /// boundaries; `norm` is normalised text (single spaces, trimmed).
    pub fn occurs_in(&self, norm: &str) -> bool {
        let mut start = 0;
        while start < norm.len() {
            let rest = &norm[start..];
            let word_end = rest.find(' ').unwrap_or(rest.len());
            if let Some(phrases) = self.by_first_word.get(&rest[..word_end]) {
                let whole = |p: &&str| {
                    rest.starts_with(*p) && rest.as_bytes().get(p.len()).is_none_or(|&b| b == b' ')
                };
                if phrases.iter().any(whole) {
                    return true;
                }
            }
            start += word_end + 1;
        }
        false
    }
}

/// Collapses runs of whitespace to one space and trims.
pub fn squash_whitespace(text: &str) -> String {
    squash_joined([text])
}

/// [`squash_whitespace`] of the concatenated `parts`, without joining them
/// first (a block's text can be most of the page).
pub fn squash_joined<'t>(parts: impl IntoIterator<Item = &'t str>) -> String {
    let mut out = String::new();
    let mut pending_space = false;
    for c in parts.into_iter().flat_map(str::chars) {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// The first `max` characters of `text`, whitespace squashed, with "…" when cut.
pub fn preview(text: &str, max: usize) -> String {
    let squashed = squash_whitespace(text);
    match squashed.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", squashed[..cut].trim_end()),
        None => squashed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squashing_pieces_is_squashing_them_joined() {
        let pieces = [
            "  Harbour",
            "master ",
            "\u{a0} said,\n",
            "",
            " \t",
            "it reopens.  ",
        ];
        for n in 0..=pieces.len() {
            let joined: String = pieces[..n].concat();
            let want: Vec<&str> = joined.split_whitespace().collect();
            assert_eq!(squash_joined(pieces[..n].iter().copied()), want.join(" "));
            assert_eq!(squash_whitespace(&joined), want.join(" "));
        }
        let mut label = String::new();
        label_chars(["  TREND", "ING: ", "ｎｅｗｓ"], |c| label.push(c));
        assert_eq!(label, normalize_label("  TRENDING: ｎｅｗｓ"));
        assert_eq!(label, "trending news");
    }

    #[test]
    fn labels_normalise() {
        assert_eq!(normalize_label("  Trending: "), "trending");
        assert_eq!(
            normalize_label("STORY CONTINUES BELOW THIS AD"),
            "story continues below this ad"
        );
        assert_eq!(normalize_label("— Also read —"), "also read");
        assert_eq!(normalize_label("🔥 Trending Now »"), "trending now");
        assert_eq!(normalize_label("Ｔｒｅｎｄｉｎｇ"), "trending");
        assert_eq!(normalize_label("اقرأ أيضاً:"), "اقرأ أيضا");
        assert_eq!(normalize_label("यह भी पढ़ें:"), "यह भी पढ़ें");
        assert_eq!(normalize_label("【関連記事】"), "関連記事");
        assert_eq!(normalize_label("Реклама"), "реклама");
    }

    #[test]
    fn phrases_match_whole_words_only() {
        let set = PhraseSet::new(["read more", "subscribe", "関連記事", "read more about us"]);
        assert!(set.occurs_in("read more"));
        assert!(set.occurs_in("please subscribe now"));
        assert!(set.occurs_in("click to read more about us"));
        assert!(set.occurs_in("関連記事"));
        assert!(!set.occurs_in("read moreover"));
        assert!(!set.occurs_in("unsubscribe here"));
        assert!(!set.occurs_in("subscribers read"));
        assert!(!set.occurs_in(""));
        // The same answers as a search for the phrase padded with spaces.
        for text in [
            "a read more b",
            "read",
            "more read more",
            "x 関連記事 y",
            "関連記事を",
        ] {
            let padded = format!(" {text} ");
            let naive = ["read more", "subscribe", "関連記事"]
                .iter()
                .any(|p| padded.contains(&format!(" {p} ")));
            assert_eq!(set.occurs_in(text), naive, "{text}");
        }
    }

    #[test]
    fn class_tokens_split() {
        let mut v = Vec::new();
        class_tokens(
            "article-header shadow-sm adSlot ad300x250 DOWNLOAD_link e1ad",
            |t| v.push(t.to_owned()),
        );
        assert_eq!(
            v,
            [
                "article", "header", "shadow", "sm", "ad", "slot", "ad", "300x", "250", "download",
                "link", "e", "1ad"
            ]
        );
    }

    #[test]
    fn previews_cut_on_chars() {
        assert_eq!(preview("  a  b ", 10), "a b");
        assert_eq!(preview("héllo wörld", 5), "héllo…");
    }
}
