//! Readability's class/id patterns, as plain substring tests (no regex engine
//! in the WASM build). The lists are Readability.js's, so pages score as its
//! users expect; newsclean's own knowledge lives in `crate::rules`.

/// `unlikelyCandidates`: class/id fragments of boxes that are rarely the story.
pub const UNLIKELY: &[&str] = &[
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumbs",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
];

/// `okMaybeItsACandidate`: fragments that rescue an unlikely-looking box.
pub const MAYBE_CANDIDATE: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "mathjax", "shadow",
];

/// `positive`: fragments that raise a box's class weight.
pub const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
];

/// `negative`: fragments that lower it (the `hid` word forms are handled apart).
pub const NEGATIVE: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
];

/// `byline`: fragments of elements that hold the author line.
pub const BYLINE: &[&str] = &["byline", "author", "dateline", "writtenby", "p-author"];

/// ARIA roles of boxes that are never the story.
pub const UNLIKELY_ROLES: &[&str] = &[
    "menu",
    "menubar",
    "complementary",
    "navigation",
    "alert",
    "alertdialog",
    "dialog",
];

/// Hosts of embedded players kept in articles (`videos`).
pub const VIDEO_HOSTS: &[&str] = &[
    "dailymotion.com",
    "youtube.com",
    "youtube-nocookie.com",
    "player.vimeo.com",
    "v.qq.com",
    "archive.org",
    "upload.wikimedia.org",
    "player.twitch.tv",
];

/// Whole-text ad words (`adWords`), compared case-insensitively.
pub const AD_WORDS: &[&str] = &[
    "ad",
    "advertising",
    "advertisement",
    "pub",
    "publicité",
    "werb",
    "werbung",
    "广告",
    "реклама",
    "anuncio",
];

/// Whole-text loading indicators (`loadingWords`), with optional "…"/"...".
pub const LOADING_WORDS: &[&str] = &["loading", "正在加载", "загрузка", "chargement", "cargando"];

/// Which of the class/id pattern lists a lowercased value hits, as bits.
#[derive(Clone, Copy, Default)]
pub struct Hits(u8);

impl Hits {
    pub const UNLIKELY: u8 = 1;
    pub const MAYBE_CANDIDATE: u8 = 2;
    pub const POSITIVE: u8 = 4;
    pub const NEGATIVE: u8 = 8;
    pub const BYLINE: u8 = 16;

    pub fn has(self, list: u8) -> bool {
        self.0 & list != 0
    }

    pub fn union(self, other: Hits) -> Hits {
        Hits(self.0 | other.0)
    }
}

/// The lists [`hits`] tests, each with its bit.
const LISTS: [(&[&str], u8); 5] = [
    (UNLIKELY, Hits::UNLIKELY),
    (MAYBE_CANDIDATE, Hits::MAYBE_CANDIDATE),
    (POSITIVE, Hits::POSITIVE),
    (NEGATIVE, Hits::NEGATIVE),
    (BYLINE, Hits::BYLINE),
];

/// A fragment and the bit of the list it belongs to.
type Fragment = (&'static [u8], u8);

/// The lists' fragments by first byte. Every element with a class or id is
/// tested against all five lists, so one pass over the value replaces some
/// seventy substring searches.
fn by_first_byte() -> &'static [Vec<Fragment>] {
    static TABLE: std::sync::OnceLock<Vec<Vec<Fragment>>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = vec![Vec::new(); 256];
        for (list, bit) in LISTS {
            for f in list {
                t[usize::from(f.as_bytes()[0])].push((f.as_bytes(), bit));
            }
        }
        t
    })
}

/// The lists with a fragment inside `lower` (already lowercased). The
/// `hid` word forms count as negative, as in Readability's pattern.
pub fn hits(lower: &str) -> Hits {
    let table = by_first_byte();
    let bytes = lower.as_bytes();
    let mut bits = 0u8;
    for (i, &b) in bytes.iter().enumerate() {
        for &(frag, bit) in &table[usize::from(b)] {
            if bits & bit == 0 && bytes[i..].starts_with(frag) {
                bits |= bit;
            }
        }
    }
    if lower == "hid"
        || lower.ends_with(" hid")
        || lower.starts_with("hid ")
        || lower.contains(" hid ")
    {
        bits |= Hits::NEGATIVE;
    }
    Hits(bits)
}

/// `shareElements`: "share"/"sharedaddy" as a word (or `_`-separated).
pub fn is_share_element(lower: &str) -> bool {
    for word in ["sharedaddy", "share"] {
        let mut from = 0;
        while let Some(pos) = lower[from..].find(word) {
            let start = from + pos;
            let end = start + word.len();
            let before_ok = lower[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !is_word(c) || c == '_');
            let after_ok = lower[end..]
                .chars()
                .next()
                .is_none_or(|c| !is_word(c) || c == '_');
            if before_ok && after_ok {
                return true;
            }
            from = start + 1;
        }
    }
    false
}

/// JavaScript's `\w`: ASCII letters, digits and underscore.
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `videos`: an attribute value that points at an allowed video player.
pub fn is_video_url(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find("//") {
        let rest = &lower[from + pos + 2..];
        let rest = rest.strip_prefix("www.").unwrap_or(rest);
        if VIDEO_HOSTS.iter().any(|h| rest.starts_with(h)) {
            return true;
        }
        from += pos + 2;
    }
    false
}

/// `adWords` / `loadingWords`: the whole text is an ad or loading label.
pub fn is_ad_or_loading_text(text: &str) -> bool {
    let lower = text.to_lowercase();
    if AD_WORDS.contains(&lower.as_str()) {
        return true;
    }
    let stem = lower
        .strip_suffix('…')
        .or_else(|| lower.strip_suffix("..."))
        .unwrap_or(&lower);
    LOADING_WORDS.contains(&stem)
}

/// Readability's `commas`: comma forms used across scripts.
pub fn is_comma(c: char) -> bool {
    matches!(
        c,
        '\u{002C}'
            | '\u{060C}'
            | '\u{FE50}'
            | '\u{FE10}'
            | '\u{FE11}'
            | '\u{2E41}'
            | '\u{2E34}'
            | '\u{2E32}'
            | '\u{FF0C}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_words() {
        assert!(is_share_element("post-share-buttons"));
        assert!(is_share_element("sharedaddy sd-sharing"));
        assert!(is_share_element("social_share"));
        assert!(!is_share_element("shared-content"));
        assert!(!is_share_element("timeshare2"));
    }

    #[test]
    fn video_urls() {
        assert!(is_video_url("https://www.youtube.com/embed/xyz"));
        assert!(is_video_url("//player.vimeo.com/video/1"));
        assert!(!is_video_url("https://ads.example.com/?u=youtube.com"));
    }

    #[test]
    fn ad_words() {
        assert!(is_ad_or_loading_text("Advertisement"));
        assert!(is_ad_or_loading_text("Loading..."));
        assert!(is_ad_or_loading_text("Реклама"));
        assert!(!is_ad_or_loading_text("Advertisements are everywhere"));
    }

    #[test]
    fn hid_forms() {
        assert!(hits("hid").has(Hits::NEGATIVE));
        assert!(hits("x hid").has(Hits::NEGATIVE));
        assert!(!hits("hidalgo").has(Hits::NEGATIVE));
    }

    /// The one-pass matcher agrees with a substring test of every list.
    #[test]
    fn hits_agree_with_substring_tests() {
        let values = [
            "",
            "article-body main-content",
            "sidebar-ad-unit",
            "post-author byline",
            "comment-list hidden",
            "x-ad-y",
            "shadow-box",
            "pagination",
            "entry-content h-entry",
            "mathjax_preview",
            "related-stories widget",
        ];
        for v in values {
            let h = hits(v);
            for (list, bit) in LISTS {
                assert_eq!(
                    h.has(bit),
                    list.iter().any(|f| v.contains(f)),
                    "{v:?} {bit}"
                );
            }
        }
    }
}
