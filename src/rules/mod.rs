//! Knowledge as data: clutter labels per language, class/id tokens and
//! ad-network hosts. The classifier code stays generic; these tables say what
//! the words are.

pub mod boilerplate;
pub mod classes;
pub mod hosts;
pub mod labels;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::api::Kind;

/// The class/id token tables with the kind each marks.
const TOKEN_TABLES: [(Kind, &[&str]); 6] = [
    (Kind::Ad, classes::AD_TOKENS),
    (Kind::Trending, classes::TRENDING_TOKENS),
    (Kind::QuickLinks, classes::QUICK_LINK_TOKENS),
    (Kind::Related, classes::RELATED_TOKENS),
    (Kind::Social, classes::SOCIAL_TOKENS),
    (Kind::Promo, classes::PROMO_TOKENS),
];

/// The token-pair tables with the kind each marks.
const PAIR_TABLES: [(Kind, &[(&str, &str)]); 6] = [
    (Kind::Ad, classes::AD_PAIRS),
    (Kind::Trending, classes::TRENDING_PAIRS),
    (Kind::QuickLinks, classes::QUICK_LINK_PAIRS),
    (Kind::Related, classes::RELATED_PAIRS),
    (Kind::Social, classes::SOCIAL_PAIRS),
    (Kind::Promo, classes::PROMO_PAIRS),
];

/// Where on a page a box sits, as its tag, ARIA role or class words say.
/// Regions are not clutter by themselves: the article can sit in a "widget"
/// and its standfirst in a `<header>`. The classifier judges them only
/// outside the article.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Region {
    Header,
    Nav,
    Footer,
    Sidebar,
    Widget,
    Comments,
    AuthorBox,
    Teaser,
    Legal,
    Form,
}

impl Region {
    /// The name used in removal reasons ("region:footer").
    pub fn as_str(self) -> &'static str {
        match self {
            Region::Header => "header",
            Region::Nav => "nav",
            Region::Footer => "footer",
            Region::Sidebar => "sidebar",
            Region::Widget => "widget",
            Region::Comments => "comments",
            Region::AuthorBox => "author-box",
            Region::Teaser => "teaser",
            Region::Legal => "legal",
            Region::Form => "form",
        }
    }
}

/// The region token tables.
const REGION_TABLES: [(Region, &[&str]); 9] = [
    (Region::Header, classes::HEADER_TOKENS),
    (Region::Nav, classes::NAV_TOKENS),
    (Region::Footer, classes::FOOTER_TOKENS),
    (Region::Sidebar, classes::SIDEBAR_TOKENS),
    (Region::Widget, classes::WIDGET_TOKENS),
    (Region::Comments, classes::COMMENT_TOKENS),
    (Region::AuthorBox, classes::AUTHOR_BOX_TOKENS),
    (Region::Teaser, classes::TEASER_TOKENS),
    (Region::Legal, classes::LEGAL_TOKENS),
];

/// The region a single class/id token names.
pub fn region_token(token: &str) -> Option<Region> {
    REGION_TABLES
        .iter()
        .find(|(_, table)| table.binary_search(&token).is_ok())
        .map(|&(r, _)| r)
}

/// The region a pair of consecutive class/id tokens names.
pub fn region_pair(a: &str, b: &str) -> Option<Region> {
    classes::AUTHOR_BOX_PAIRS
        .binary_search(&(a, b))
        .is_ok()
        .then_some(Region::AuthorBox)
}

/// The region an ARIA landmark role names.
pub fn region_role(role: &str) -> Option<Region> {
    match role.trim() {
        "banner" => Some(Region::Header),
        "navigation" | "menu" | "menubar" => Some(Region::Nav),
        "contentinfo" => Some(Region::Footer),
        "complementary" => Some(Region::Sidebar),
        _ => None,
    }
}

/// Folds spelling variants that pages use interchangeably in the same label,
/// applied to table labels and looked-up text alike: Arabic hamza forms of
/// alef, alef maqsura and ta marbuta; Russian ё; Devanagari and Bengali
/// nukta (dropped, precomposed letters included); Turkish dotless ı and the
/// dot that lowercasing İ leaves. Borrows when there is nothing to fold.
pub(crate) fn fold(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| fold_char(c) == Some(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().filter_map(fold_char).collect())
}

fn fold_char(c: char) -> Option<char> {
    Some(match c {
        'ё' => 'е',
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        'ı' => 'i',
        '\u{307}' | '\u{93C}' | '\u{9BC}' => return None,
        '\u{958}' => '\u{915}',
        '\u{959}' => '\u{916}',
        '\u{95A}' => '\u{917}',
        '\u{95B}' => '\u{91C}',
        '\u{95C}' => '\u{921}',
        '\u{95D}' => '\u{922}',
        '\u{95E}' => '\u{92B}',
        '\u{95F}' => '\u{92F}',
        '\u{9DC}' => '\u{9A1}',
        '\u{9DD}' => '\u{9A2}',
        '\u{9DF}' => '\u{9AF}',
        _ => c,
    })
}

fn label_map() -> &'static HashMap<Cow<'static, str>, Kind> {
    static MAP: OnceLock<HashMap<Cow<'static, str>, Kind>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = HashMap::new();
        for set in labels::LANGUAGES {
            for (kind, list) in set.by_kind() {
                for label in list {
                    map.insert(fold(label), kind);
                }
            }
        }
        map
    })
}

/// The kind of a whole normalised block text ([`crate::text::normalize_label`]),
/// if it is a known label in any language.
pub fn label_kind(normalised: &str) -> Option<Kind> {
    label_map().get(fold(normalised).as_ref()).copied()
}

/// The kind a single class/id token marks.
pub fn token_kind(token: &str) -> Option<Kind> {
    static MAP: OnceLock<HashMap<&'static str, Kind>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = HashMap::new();
        for (kind, table) in TOKEN_TABLES {
            for t in table.iter() {
                m.entry(*t).or_insert(kind);
            }
        }
        m
    })
    .get(token)
    .copied()
}

/// The kind a pair of consecutive class/id tokens marks.
pub fn pair_kind(a: &str, b: &str) -> Option<Kind> {
    // Keyed by the first token; a token starts only a few pairs.
    static MAP: OnceLock<HashMap<&'static str, Vec<(&'static str, Kind)>>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m: HashMap<&'static str, Vec<(&'static str, Kind)>> = HashMap::new();
        for (kind, table) in PAIR_TABLES {
            for (x, y) in table.iter() {
                m.entry(*x).or_default().push((*y, kind));
            }
        }
        m
    })
    .get(a)
    .and_then(|seconds| seconds.iter().find(|(y, _)| *y == b))
    .map(|&(_, kind)| kind)
}

/// True when `host` is an ad network's (or a subdomain of one).
pub fn is_ad_host(host: &str) -> bool {
    let host = ascii_lowercase(host);
    let listed = hosts::domains_of(&host).any(|d| hosts::AD_HOSTS.binary_search(&d).is_ok());
    listed
}

/// `s` in ASCII lowercase, copied only when it has capitals.
fn ascii_lowercase(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        s.to_ascii_lowercase().into()
    } else {
        s.into()
    }
}

/// True when an absolute URL is a share intent: a known share endpoint
/// (`https://www.facebook.com/sharer/sharer.php?u=...`), an app intent
/// (`whatsapp://send?text=...`) or a recipient-less `mailto:?subject=...`.
/// Scheme and host are matched case-insensitively.
pub fn is_share_url(url: &str) -> bool {
    let url = url.trim().to_ascii_lowercase();
    if hosts::SHARE_SCHEMES.iter().any(|s| url.starts_with(s)) {
        return true;
    }
    let Some(rest) = ["https://", "http://", "//"]
        .iter()
        .find_map(|scheme| url.strip_prefix(scheme))
    else {
        return false;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = host.split(':').next().unwrap_or(host);
    let shared = hosts::domains_of(host).any(|domain| {
        let from = hosts::SHARE_URLS.partition_point(|&(d, _)| d < domain);
        hosts::SHARE_URLS[from..]
            .iter()
            .take_while(|&&(d, _)| d == domain)
            .any(|&(_, prefix)| {
                path.strip_prefix(prefix).is_some_and(|after| {
                    prefix.is_empty()
                        || after.is_empty()
                        || after.starts_with(['/', '?', '#', '.', '&', ';'])
                })
            })
    });
    shared
}

/// True when an absolute URL names an account on a social network
/// (`https://www.instagram.com/examplenews`, `https://youtube.com/@news`,
/// `https://www.youtube.com/channel/UC123`), not a post, a video or a share
/// intent: the links of a "Follow us" box.
pub fn is_social_profile_url(url: &str) -> bool {
    let url = url.trim();
    let Some(rest) = ["https://", "http://", "//"].iter().find_map(|scheme| {
        url.get(..scheme.len())
            .filter(|head| head.eq_ignore_ascii_case(scheme))
            .map(|_| &url[scheme.len()..])
    }) else {
        return false;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = host.split(':').next().unwrap_or(host);
    if !hosts::domains_of(&ascii_lowercase(host))
        .any(|d| hosts::SOCIAL_HOSTS.binary_search(&d).is_ok())
    {
        return false;
    }
    let path = tail.split(['?', '#']).next().unwrap_or("");
    let mut segments = path.split('/').filter(|s| !s.is_empty());
    let (Some(first), second, third) = (segments.next(), segments.next(), segments.next()) else {
        return false;
    };
    let first = first.to_ascii_lowercase();
    if hosts::SOCIAL_NON_ACCOUNT_PATHS
        .binary_search(&first.as_str())
        .is_ok()
    {
        return false;
    }
    match (second, third) {
        (None, _) => true,
        (Some(_), None) => hosts::SOCIAL_ACCOUNT_PREFIXES
            .binary_search(&first.as_str())
            .is_ok(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{class_tokens, normalize_label};

    fn tokens(value: &str) -> Vec<String> {
        let mut v = Vec::new();
        class_tokens(value, |t| v.push(t.to_owned()));
        v
    }

    #[test]
    fn labels_look_up_in_every_script() {
        let cases = [
            ("trending", Kind::Trending),
            ("STORY CONTINUES BELOW THIS AD", Kind::Ad),
            ("ADVERTISEMENT", Kind::Ad),
            ("Anzeige", Kind::Ad),
            ("Publicité", Kind::Ad),
            ("Реклама", Kind::Ad),
            ("विज्ञापन", Kind::Ad),
            ("广告", Kind::Ad),
            ("広告", Kind::Ad),
            ("إعلان", Kind::Ad),
            ("اعلان", Kind::Ad),
            ("🔥 Trending Now »", Kind::Trending),
            ("Most Read", Kind::Trending),
            ("Ｔｒｅｎｄｉｎｇ", Kind::Trending),
            ("Самое читаемое", Kind::Trending),
            ("الأكثر قراءةً", Kind::Trending),
            ("ट्रेंडिंग", Kind::Trending),
            ("アクセスランキング", Kind::Trending),
            ("QUICK LINKS", Kind::QuickLinks),
            ("— Also read —", Kind::Related),
            ("You may also like", Kind::Related),
            ("Don't miss", Kind::Related),
            ("Lesen Sie auch:", Kind::Related),
            ("À lire aussi", Kind::Related),
            ("Читайте также:", Kind::Related),
            ("ЕЩЁ ПО ТЕМЕ", Kind::Related),
            ("यह भी पढ़ें:", Kind::Related),
            ("【関連記事】", Kind::Related),
            ("اقرأ أيضاً:", Kind::Related),
            ("اقرا ايضا", Kind::Related),
            ("İLGİLİ HABERLER", Kind::Related),
            ("Share this article", Kind::Social),
            ("シェアする", Kind::Social),
            ("شارك", Kind::Social),
            ("Sign up for our newsletter", Kind::Promo),
            ("メールマガジン登録", Kind::Promo),
            ("اشترك في النشرة", Kind::Promo),
        ];
        for (text, kind) in cases {
            assert_eq!(label_kind(&normalize_label(text)), Some(kind), "{text:?}");
        }
        // Precomposed nukta letters fold to the table's spelling.
        assert_eq!(label_kind("यह भी प\u{95D}ें"), Some(Kind::Related));
        assert_eq!(label_kind("ज\u{93C}रूर पढ़ें"), Some(Kind::Related));
        for text in [
            "news",
            "video",
            "home",
            "world",
            "the ad",
            "advertisement 2",
            "",
        ] {
            assert_eq!(label_kind(&normalize_label(text)), None, "{text:?}");
        }
    }

    #[test]
    fn tokens_are_single_lowercase_words() {
        let pairs = PAIR_TABLES
            .iter()
            .flat_map(|(_, t)| t.iter().flat_map(|&(a, b)| [a, b]));
        let singles = TOKEN_TABLES.iter().flat_map(|(_, t)| t.iter().copied());
        for t in singles
            .chain(pairs)
            .chain(classes::LOOKALIKE_WORDS.iter().copied())
        {
            assert_eq!(tokens(t), [t], "{t:?} is not one class token");
        }
    }

    #[test]
    fn token_tables_sorted_unique_disjoint() {
        for (kind, table) in TOKEN_TABLES {
            for w in table.windows(2) {
                assert!(w[0] < w[1], "{kind:?}: {:?} !< {:?}", w[0], w[1]);
            }
            for t in table {
                assert_eq!(token_kind(t), Some(kind), "{t:?} is in two kinds");
            }
        }
        for (kind, table) in PAIR_TABLES {
            for w in table.windows(2) {
                assert!(w[0] < w[1], "{kind:?}: {:?} !< {:?}", w[0], w[1]);
            }
            for &(a, b) in table {
                assert_eq!(pair_kind(a, b), Some(kind), "{a} {b} is in two kinds");
                let redundant = token_kind(a) == Some(kind) || token_kind(b) == Some(kind);
                assert!(
                    !redundant,
                    "({a}, {b}): one token alone already marks {kind:?}"
                );
            }
        }
    }

    #[test]
    fn region_tables_sorted_unique_disjoint() {
        for (region, table) in REGION_TABLES {
            for w in table.windows(2) {
                assert!(w[0] < w[1], "{region:?}: {:?} !< {:?}", w[0], w[1]);
            }
            for t in table {
                assert_eq!(tokens(t), [*t], "{t:?} is not one class token");
                assert_eq!(region_token(t), Some(region), "{t:?} is in two regions");
                assert_eq!(token_kind(t), None, "{t:?} is a region and a kind");
            }
        }
        for w in classes::AUTHOR_BOX_PAIRS.windows(2) {
            assert!(w[0] < w[1], "{:?} !< {:?}", w[0], w[1]);
        }
        for &(a, b) in classes::AUTHOR_BOX_PAIRS {
            assert_eq!(pair_kind(a, b), None, "({a}, {b}) is a region and a kind");
            assert_eq!(region_pair(a, b), Some(Region::AuthorBox));
        }
        let region_of = |value: &str| {
            let t = tokens(value);
            let single = t.iter().find_map(|t| region_token(t));
            single.or_else(|| t.windows(2).find_map(|w| region_pair(&w[0], &w[1])))
        };
        for (value, region) in [
            ("site-header", Region::Header),
            ("mainNav", Region::Nav),
            ("pagination", Region::Nav),
            ("ly-footer", Region::Footer),
            ("widget_text", Region::Widget),
            ("right-rail", Region::Sidebar),
            ("comments-area", Region::Comments),
            ("disqus_thread", Region::Comments),
            ("about-author", Region::AuthorBox),
            ("author-bio", Region::AuthorBox),
        ] {
            assert_eq!(region_of(value), Some(region), "{value:?}");
        }
        for value in [
            "entry-content",
            "article-body",
            "byline author",
            "headline",
            "navy",
        ] {
            assert_eq!(region_of(value), None, "{value:?}");
        }
        assert_eq!(region_role("contentinfo"), Some(Region::Footer));
        assert_eq!(region_role("main"), None);
    }

    #[test]
    fn class_names_mark_kinds() {
        let kind_of = |value: &str| {
            let t = tokens(value);
            let single = t.iter().find_map(|t| token_kind(t));
            single.or_else(|| t.windows(2).find_map(|w| pair_kind(&w[0], &w[1])))
        };
        let cases = [
            ("adSlot", Kind::Ad),
            ("ad300x250", Kind::Ad),
            ("div-gpt-ad-1234", Kind::Ad),
            ("adsbygoogle", Kind::Ad),
            ("GoogleActiveViewElement ADVERT", Kind::Ad),
            ("paid-post", Kind::Ad),
            ("most-read-list", Kind::Trending),
            ("mostPopular", Kind::Trending),
            ("trending-bar", Kind::Trending),
            ("quickLinks", Kind::QuickLinks),
            ("c-breadcrumbs", Kind::QuickLinks),
            ("related-articles", Kind::Related),
            ("OUTBRAIN", Kind::Related),
            ("trc_related_container", Kind::Related),
            ("read-more-box", Kind::Related),
            ("share-bar", Kind::Social),
            ("sharedaddy sd-sharing-enabled", Kind::Social),
            ("follow-us", Kind::Social),
            ("newsletter-signup", Kind::Promo),
            ("cookie-consent", Kind::Promo),
            ("onetrust-banner-sdk", Kind::Promo),
            ("app-download", Kind::Promo),
        ];
        for (value, kind) in cases {
            assert_eq!(kind_of(value), Some(kind), "{value:?}");
        }
        for value in [
            "article-header",
            "shadow-box",
            "download-link",
            "thread",
            "loaded",
            "badge",
        ] {
            assert!(
                tokens(value)
                    .iter()
                    .all(|t| token_kind(t) != Some(Kind::Ad)),
                "{value:?}"
            );
        }
        for value in [
            "article-body",
            "story-content paywall",
            "entry-content",
            "pub-date",
            "lead-image",
        ] {
            assert_eq!(kind_of(value), None, "{value:?}");
        }
        for w in classes::LOOKALIKE_WORDS {
            assert_eq!(token_kind(w), None, "{w:?}");
        }
    }

    #[test]
    fn ad_hosts() {
        for host in [
            "doubleclick.net",
            "securepubads.g.doubleclick.net",
            "pagead2.googlesyndication.com",
            "TPC.GOOGLESYNDICATION.COM",
            "cdn.taboola.com",
            "ib.adnxs.com",
            "c.amazon-adsystem.com",
            "adservice.google.com",
            "an.yandex.ru.",
        ] {
            assert!(is_ad_host(host), "{host}");
        }
        for host in [
            "notdoubleclick.net",
            "google.com",
            "www.google.com",
            "yandex.ru",
            "example.com",
            "net",
            "",
            ".",
        ] {
            assert!(!is_ad_host(host), "{host}");
        }
        for host in hosts::AD_HOSTS {
            assert!(
                is_ad_host(host) && is_ad_host(&format!("x.{host}")),
                "{host}"
            );
        }
    }

    #[test]
    fn social_profile_urls() {
        for url in [
            "https://www.instagram.com/londonledger",
            "https://www.tiktok.com/@londonledger",
            "https://twitter.com/examplenews/",
            "https://x.com/examplenews?ref=footer",
            "https://www.youtube.com/channel/UC123",
            "https://youtube.com/@news",
            "https://www.linkedin.com/company/example",
            "HTTPS://WWW.FACEBOOK.COM/ExampleNews",
            "//t.me/examplenews",
        ] {
            assert!(is_social_profile_url(url), "{url}");
        }
        for url in [
            "https://x.com/examplenews/status/1",
            "https://www.instagram.com/p/Cx123/",
            "https://www.youtube.com/watch?v=abc",
            "https://www.facebook.com/",
            "https://www.facebook.com/sharer/sharer.php?u=x",
            "https://example.com/instagram",
            "https://notinstagram.com/news",
            "/instagram",
            "",
        ] {
            assert!(!is_social_profile_url(url), "{url}");
        }
    }

    #[test]
    fn share_urls() {
        for url in [
            "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fexample.com",
            "https://facebook.com/sharer.php?u=x",
            "http://m.facebook.com/dialog/share?app_id=1",
            "https://twitter.com/intent/tweet?text=x&url=y",
            "https://twitter.com/share?url=y",
            "https://x.com/intent/post?text=x",
            "https://www.linkedin.com/shareArticle?mini=true&url=y",
            "https://www.linkedin.com/sharing/share-offsite/?url=y",
            "https://pinterest.com/pin/create/button/?url=y",
            "https://www.reddit.com/submit?url=y",
            "https://wa.me/?text=y",
            "https://api.whatsapp.com/send?text=y",
            "https://t.me/share/url?url=y",
            "https://vk.com/share.php?url=y",
            "https://getpocket.com/save?url=y",
            "https://share.flipboard.com/bookmarklet/popout?v=2&url=y",
            "https://mail.google.com/mail/?view=cm&su=x",
            "//www.facebook.com/sharer.php?u=y",
            "HTTPS://WWW.FACEBOOK.COM/SHARER.PHP?U=Y",
            "whatsapp://send?text=y",
            "mailto:?subject=Story&body=https%3A%2F%2Fexample.com",
            "  https://telegram.me/share/url?url=y ",
        ] {
            assert!(is_share_url(url), "{url}");
        }
        for url in [
            "https://www.facebook.com/ExampleNews",
            "https://twitter.com/examplenews",
            "https://x.com/examplenews/status/1",
            "https://t.me/sharetips",
            "https://www.linkedin.com/in/someone",
            "https://www.reddit.com/r/news",
            "https://example.com/sharer.php?u=y",
            "https://notfacebook.com/sharer.php",
            "https://facebook.com.evil.com/sharer.php",
            "mailto:editor@example.com?subject=Tip",
            "/share?url=y",
            "javascript:void(0)",
            "",
        ] {
            assert!(!is_share_url(url), "{url}");
        }
    }
}
