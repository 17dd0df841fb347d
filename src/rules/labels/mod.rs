//! Clutter labels per language: the whole text of a small block (a heading
//! above a rail, an ad placeholder's only text) that on its own means clutter.
//!
//! Every label is already normalised by [`crate::text::normalize_label`];
//! each list is sorted in byte order and unique. Only texts that cannot be an
//! ordinary one-word paragraph or heading of a story belong here: "News",
//! "Video", "Home" or "Trends" are not labels ("Home Video Shorts Live TV" is
//! a quick-links cluster, found by its shape). Spelling variants that
//! [`super::fold`] merges (Arabic hamza forms, ё/е, Devanagari and Bengali
//! nukta, Turkish dotted/dotless i) are listed once.

use crate::api::Kind;

mod ar;
mod bn;
mod cs;
mod de;
mod en;
mod es;
mod fr;
mod hi;
mod id;
mod it;
mod ja;
mod ko;
mod nl;
mod pl;
mod pt;
mod ru;
mod sv;
mod tr;
mod uk;
mod zh;

/// A list of labels, stored as one string with a line per label: 1,700
/// labels as `&[&str]` would add 14 KB of pointers to the `.wasm`.
#[derive(Clone, Copy)]
pub struct Labels(&'static str);

/// `labels!["a", "b"]`: the [`Labels`] "a" and "b".
macro_rules! labels {
    ($($label:literal),* $(,)?) => {
        $crate::rules::labels::Labels::new(concat!($($label, "\n"),*))
    };
}
use labels;

impl Labels {
    #[doc(hidden)]
    pub const fn new(lines: &'static str) -> Self {
        Labels(lines)
    }

    /// The labels, in their order.
    pub fn iter(self) -> std::str::SplitTerminator<'static, char> {
        self.0.split_terminator('\n')
    }

    pub fn is_empty(self) -> bool {
        self.0.is_empty()
    }
}

impl IntoIterator for Labels {
    type Item = &'static str;
    type IntoIter = std::str::SplitTerminator<'static, char>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Clutter labels of one language, each list normalised, sorted, unique.
pub struct LabelSet {
    pub lang: &'static str,
    pub ad: Labels,
    pub trending: Labels,
    pub quick_links: Labels,
    pub related: Labels,
    pub social: Labels,
    pub promo: Labels,
}

impl LabelSet {
    /// The lists with the kind each marks, in [`Kind::ALL`] order.
    pub fn by_kind(&self) -> [(Kind, Labels); 6] {
        [
            (Kind::Ad, self.ad),
            (Kind::Trending, self.trending),
            (Kind::QuickLinks, self.quick_links),
            (Kind::Related, self.related),
            (Kind::Social, self.social),
            (Kind::Promo, self.promo),
        ]
    }
}

/// Every language with labels (ISO 639-1 codes).
pub const LANGUAGES: &[LabelSet] = &[
    en::SET,
    de::SET,
    fr::SET,
    es::SET,
    pt::SET,
    it::SET,
    nl::SET,
    pl::SET,
    ru::SET,
    hi::SET,
    zh::SET,
    ja::SET,
    ar::SET,
    tr::SET,
    id::SET,
    sv::SET,
    cs::SET,
    uk::SET,
    ko::SET,
    bn::SET,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fold;
    use crate::text::normalize_label;
    use std::collections::{HashMap, HashSet};

    /// Ordinary story words: a one-word heading or paragraph, never a label.
    const NOT_LABELS: &[&str] = &[
        "analysis",
        "business",
        "comment",
        "comments",
        "culture",
        "economy",
        "editorial",
        "entertainment",
        "health",
        "home",
        "latest",
        "live",
        "menu",
        "more",
        "navigation",
        "news",
        "opinion",
        "photo",
        "photos",
        "politics",
        "science",
        "share price",
        "sport",
        "sports",
        "technology",
        "trends",
        "update",
        "updates",
        "video",
        "videos",
        "weather",
        "world",
        "anzeigen",
        "nachrichten",
        "promotion",
        "empfehlungen",
        "tendances",
        "actualités",
        "noticias",
        "tendencias",
        "notícias",
        "tendências",
        "notizie",
        "nieuws",
        "deel",
        "wiadomości",
        "новости",
        "главное",
        "समाचार",
        "शेयर",
        "新闻",
        "排行榜",
        "ランキング",
        "ニュース",
        "おすすめ",
        "أخبار",
        "مشاركة",
        "haberler",
        "berita",
        "nyheter",
        "zprávy",
        "новини",
        "뉴스",
        "랭킹",
        "খবর",
    ];

    #[test]
    fn lists_are_normalised_sorted_unique() {
        for set in LANGUAGES {
            for (kind, list) in set.by_kind() {
                for l in list {
                    assert!(!l.contains('\n'));
                    assert_eq!(
                        normalize_label(l),
                        l,
                        "{} {kind:?}: not normalised",
                        set.lang
                    );
                }
                for w in list.iter().collect::<Vec<_>>().windows(2) {
                    assert!(
                        w[0] < w[1],
                        "{} {kind:?}: {:?} !< {:?}",
                        set.lang,
                        w[0],
                        w[1]
                    );
                }
            }
        }
    }

    #[test]
    fn every_language_has_every_kind() {
        let mut langs = HashSet::new();
        for set in LANGUAGES {
            assert!(langs.insert(set.lang), "{} twice", set.lang);
            for (kind, list) in set.by_kind() {
                assert!(!list.is_empty(), "{} has no {kind:?} label", set.lang);
            }
        }
        for lang in [
            "en", "de", "fr", "es", "pt", "it", "nl", "pl", "ru", "hi", "zh", "ja", "ar",
        ] {
            assert!(langs.contains(lang), "{lang} missing");
        }
    }

    #[test]
    fn no_label_in_two_kinds() {
        let mut seen: HashMap<String, (Kind, &str)> = HashMap::new();
        for set in LANGUAGES {
            let mut own = HashSet::new();
            for (kind, list) in set.by_kind() {
                for l in list {
                    let key = fold(l).into_owned();
                    assert!(
                        own.insert(key.clone()),
                        "{}: {l:?} listed twice (after folding)",
                        set.lang
                    );
                    if let Some(&(k, lang)) = seen.get(&key) {
                        assert_eq!(
                            k, kind,
                            "{l:?}: {kind:?} in {} but {k:?} in {lang}",
                            set.lang
                        );
                    }
                    seen.insert(key, (kind, set.lang));
                }
            }
        }
    }

    #[test]
    fn no_ordinary_words() {
        for word in NOT_LABELS {
            let word = normalize_label(word);
            for set in LANGUAGES {
                for (kind, list) in set.by_kind() {
                    assert!(
                        !list.iter().any(|l| l == word),
                        "{} {kind:?} has {word:?}",
                        set.lang
                    );
                }
            }
        }
    }
}
