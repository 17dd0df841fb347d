//! Ad-network hosts and share-intent URLs.
//!
//! Hosts are lowercase; a table entry also covers its subdomains
//! ([`host_matches`]). Entries are mostly registrable domains; a few are
//! subdomains of a larger company's domain (`adservice.google.com`), so the
//! company's other hosts stay unmatched.

/// Ad networks, ad servers, ad verification and recommendation-widget hosts
/// whose iframes, scripts and images mark an ad box. Sorted, unique.
pub const AD_HOSTS: &[&str] = &[
    "33across.com",
    "360yield.com",
    "3lift.com",
    "adblade.com",
    "adcash.com",
    "adform.net",
    "adfox.ru",
    "adhese.com",
    "adition.com",
    "adnuntius.com",
    "adnxs.com",
    "adpushup.com",
    "adriver.ru",
    "adroll.com",
    "adsafeprotected.com",
    "adservice.google.com",
    "adskeeper.com",
    "adsrvr.org",
    "adsterra.com",
    "adthrive.com",
    "advertising.com",
    "amazon-adsystem.com",
    "an.yandex.ru",
    "appnexus.com",
    "bidswitch.net",
    "buysellads.com",
    "carbonads.com",
    "carbonads.net",
    "casalemedia.com",
    "connatix.com",
    "content.ad",
    "contextweb.com",
    "criteo.com",
    "criteo.net",
    "dianomi.com",
    "districtm.io",
    "doubleclick.net",
    "doubleverify.com",
    "exoclick.com",
    "ezoic.net",
    "flashtalking.com",
    "googleadservices.com",
    "googlesyndication.com",
    "googletagservices.com",
    "gumgum.com",
    "imasdk.googleapis.com",
    "improvedigital.com",
    "indexww.com",
    "infolinks.com",
    "kargo.com",
    "ligatus.com",
    "lijit.com",
    "media.net",
    "mediavine.com",
    "mgid.com",
    "moatads.com",
    "nativo.com",
    "ntv.io",
    "openx.net",
    "outbrain.com",
    "outbrainimg.com",
    "plista.com",
    "popads.net",
    "powerinbox.com",
    "primis.tech",
    "propellerads.com",
    "pubmatic.com",
    "revcontent.com",
    "rubiconproject.com",
    "serving-sys.com",
    "sharethrough.com",
    "smartadserver.com",
    "sonobi.com",
    "sovrn.com",
    "spotx.tv",
    "spotxchange.com",
    "springserve.com",
    "taboola.com",
    "taboolasyndication.com",
    "teads.tv",
    "triplelift.com",
    "undertone.com",
    "vidazoo.com",
    "yandexadexchange.net",
    "yieldlab.net",
    "yieldmo.com",
    "zergnet.com",
];

/// Share intents as (host, path prefix). Matching lowercases the URL, so
/// paths are stored lowercase (LinkedIn's `/shareArticle` is
/// `/sharearticle`); the host also covers subdomains (`m.facebook.com`), and
/// the prefix must end at a path boundary (`/`, `?`, `.`, `#`, `&`, `;`) so
/// `t.me/share` does not match a channel called `t.me/sharetips`. An empty
/// prefix matches every path on that host. Sorted, unique.
pub const SHARE_URLS: &[(&str, &str)] = &[
    ("b.hatena.ne.jp", "/add"),
    ("b.hatena.ne.jp", "/entry"),
    ("bsky.app", "/intent/compose"),
    ("buffer.com", "/add"),
    ("bufferapp.com", "/add"),
    ("connect.ok.ru", "/offer"),
    ("connect.qq.com", "/widget/shareqq"),
    ("digg.com", "/submit"),
    ("facebook.com", "/dialog/feed"),
    ("facebook.com", "/dialog/share"),
    ("facebook.com", "/share.php"),
    ("facebook.com", "/sharer"),
    ("flipboard.com", "/bookmarklet"),
    ("getpocket.com", "/edit"),
    ("getpocket.com", "/save"),
    ("line.me", "/r/msg/text"),
    ("linkedin.com", "/cws/share"),
    ("linkedin.com", "/sharearticle"),
    ("linkedin.com", "/sharing/share-offsite"),
    ("mail.google.com", "/mail"),
    ("mix.com", "/add"),
    ("news.ycombinator.com", "/submitlink"),
    ("ok.ru", "/dk"),
    ("pinterest.com", "/pin/create"),
    ("plus.google.com", "/share"),
    ("reddit.com", "/submit"),
    ("service.weibo.com", "/share"),
    ("sns.qzone.qq.com", "/cgi-bin/qzshare"),
    ("social-plugins.line.me", "/lineit/share"),
    ("t.me", "/share"),
    ("telegram.me", "/share"),
    ("threads.net", "/intent"),
    ("timeline.line.me", "/social-plugin/share"),
    ("tumblr.com", "/share"),
    ("tumblr.com", "/widgets/share"),
    ("twitter.com", "/intent"),
    ("twitter.com", "/share"),
    ("vk.com", "/share.php"),
    ("vkontakte.ru", "/share.php"),
    ("wa.me", ""),
    ("whatsapp.com", "/send"),
    ("x.com", "/intent"),
    ("x.com", "/share"),
    ("xing.com", "/social/share"),
    ("xing.com", "/spi/shares"),
];

/// Non-web share links, matched as lowercase prefixes of the whole URL:
/// app intents, and mail or SMS links with no recipient but a prepared
/// subject or body (`mailto:?subject=...`).
pub const SHARE_SCHEMES: &[&str] = &[
    "fb-messenger://share",
    "line://msg",
    "mailto:?",
    "sms:&",
    "sms:?",
    "tg://msg_url",
    "viber://forward",
    "whatsapp://send",
];

/// True when `host` is `domain` or a subdomain of it, ASCII
/// case-insensitively: "pagead2.googlesyndication.com" matches
/// "googlesyndication.com"; "notdoubleclick.net" does not match
/// "doubleclick.net".
/// Social networks whose profile and channel links ("Follow us on
/// Instagram") make up follow boxes. A link counts only when it names an
/// account, not a post (see [`crate::rules::is_social_profile_url`]).
/// Sorted, unique.
pub const SOCIAL_HOSTS: &[&str] = &[
    "bsky.app",
    "facebook.com",
    "flipboard.com",
    "instagram.com",
    "linkedin.com",
    "mastodon.social",
    "ok.ru",
    "pinterest.com",
    "snapchat.com",
    "t.me",
    "telegram.me",
    "threads.net",
    "tiktok.com",
    "tumblr.com",
    "twitter.com",
    "vk.com",
    "weibo.com",
    "whatsapp.com",
    "x.com",
    "xing.com",
    "youtube.com",
];

/// Path segments that put an account name second: `/channel/UC…`,
/// `/company/acme`. Sorted, unique.
pub const SOCIAL_ACCOUNT_PREFIXES: &[&str] = &["c", "channel", "company", "in", "pages", "user"];

/// First path segments that are not an account: `/watch?v=…`, `/hashtag/x`.
/// Sorted, unique.
pub const SOCIAL_NON_ACCOUNT_PATHS: &[&str] = &[
    "explore",
    "hashtag",
    "home",
    "intent",
    "login",
    "p",
    "reel",
    "search",
    "share",
    "share.php",
    "sharer",
    "sharer.php",
    "shorts",
    "signup",
    "watch",
];

/// `host` and each domain above it, longest first ("a.b.com", "b.com",
/// "com"): the only table entries that can cover it, so a sorted table is
/// searched a few times instead of scanned (this runs for every link).
pub fn domains_of(host: &str) -> impl Iterator<Item = &str> {
    let host = host.strip_suffix('.').unwrap_or(host);
    std::iter::successors(Some(host), |h| h.find('.').map(|dot| &h[dot + 1..]))
}

pub fn host_matches(host: &str, domain: &str) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    if host.len() < domain.len() {
        return false;
    }
    let cut = host.len() - domain.len();
    host.is_char_boundary(cut)
        && host[cut..].eq_ignore_ascii_case(domain)
        && (cut == 0 || host.as_bytes()[cut - 1] == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_sorted_unique_lowercase() {
        for w in AD_HOSTS.windows(2) {
            assert!(w[0] < w[1], "{:?} !< {:?}", w[0], w[1]);
        }
        for w in SHARE_URLS.windows(2) {
            assert!(w[0] < w[1], "{:?} !< {:?}", w[0], w[1]);
        }
        for table in [
            SOCIAL_HOSTS,
            SOCIAL_ACCOUNT_PREFIXES,
            SOCIAL_NON_ACCOUNT_PATHS,
        ] {
            for w in table.windows(2) {
                assert!(w[0] < w[1], "{:?} !< {:?}", w[0], w[1]);
            }
        }
        for w in SHARE_SCHEMES.windows(2) {
            assert!(w[0] < w[1], "{:?} !< {:?}", w[0], w[1]);
        }
        let hosts = AD_HOSTS.iter().chain(SHARE_URLS.iter().map(|(h, _)| h));
        for h in hosts {
            assert!(
                h.contains('.') && !h.starts_with('.') && !h.ends_with('.'),
                "{h}"
            );
            assert!(
                h.bytes().all(|b| b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || b == b'.'
                    || b == b'-'),
                "{h}"
            );
        }
        for (h, p) in SHARE_URLS {
            assert!(p.is_empty() || p.starts_with('/'), "{h}{p}");
            assert_eq!(p.to_lowercase(), *p, "{h}{p}");
        }
        for s in SHARE_SCHEMES {
            assert_eq!(s.to_lowercase(), *s);
        }
    }

    #[test]
    fn no_ad_host_covers_another() {
        for a in AD_HOSTS {
            for b in AD_HOSTS {
                assert!(
                    a == b || !host_matches(a, b),
                    "{a} is already covered by {b}"
                );
            }
        }
    }

    #[test]
    fn domains_of_walks_up_to_the_top_level() {
        let all = |h| domains_of(h).collect::<Vec<_>>();
        assert_eq!(all("a.b.com."), ["a.b.com", "b.com", "com"]);
        assert_eq!(all("com"), ["com"]);
        assert_eq!(all(""), [""]);
        for (host, domain) in [
            ("pagead2.googlesyndication.com", "googlesyndication.com"),
            ("x.com", "x.com"),
        ] {
            assert!(domains_of(host).any(|d| d == domain) && host_matches(host, domain));
        }
        assert!(
            !domains_of("notx.com").any(|d| d == "x.com") && !host_matches("notx.com", "x.com")
        );
    }

    #[test]
    fn hosts_match_exactly_or_as_subdomain() {
        assert!(host_matches("doubleclick.net", "doubleclick.net"));
        assert!(host_matches(
            "pagead2.googlesyndication.com",
            "googlesyndication.com"
        ));
        assert!(host_matches(
            "securepubads.g.doubleclick.net",
            "doubleclick.net"
        ));
        assert!(host_matches(
            "Tpc.GoogleSyndication.com",
            "googlesyndication.com"
        ));
        assert!(host_matches("doubleclick.net.", "doubleclick.net"));
        assert!(!host_matches("notdoubleclick.net", "doubleclick.net"));
        assert!(!host_matches("doubleclick.net.evil.com", "doubleclick.net"));
        assert!(!host_matches("net", "doubleclick.net"));
        assert!(!host_matches("", "doubleclick.net"));
        assert!(!host_matches("ünicodeclick.net", "doubleclick.net"));
    }
}
