//! Class and id tokens that mark clutter, per kind.
//!
//! The classifier splits `class` and `id` values with
//! [`crate::text::class_tokens`] (`adSlot` -> `ad` `slot`, `ad300x250` ->
//! `ad` `300` `x` `250`) and looks tokens up whole, so "head", "shadow" or
//! "download" never match "ad". Every list is sorted (byte order) and unique;
//! no token or pair is in two kinds. Ad-network and widget vendors whose
//! boxes are "more stories" rails (Outbrain, Taboola, ...) count as related.

/// Tokens that alone mark an ad box.
///
/// Left out: "banner" and "billboard" (often the site header or a hero
/// image), "leaderboard" (also golf and sports standings), "skyscraper",
/// "pub" (French sites use it for ads, but `pub-date` is a publish date),
/// "native", "commercial", "partner" (ordinary words in story classes),
/// "taboola"/"outbrain" (related), "paywall"/"premium" (story paragraphs).
pub const AD_TOKENS: &[&str] = &[
    "ad",
    "adbanner",
    "adblock",
    "adbox",
    "adcontainer",
    "adfox",
    "adhese",
    "adholder",
    "adnxs",
    "adplaceholder",
    "ads",
    "adsbygoogle",
    "adsense",
    "adserver",
    "adslot",
    "adspace",
    "adthrive",
    "adunit",
    "adv",
    "advert",
    "advertisement",
    "advertisements",
    "advertising",
    "advertorial",
    "adverts",
    "adwrapper",
    "adzone",
    "anzeige",
    "arcad",
    "dfp",
    "doubleclick",
    "ezoic",
    "googletag",
    "gpt",
    "mpu",
    "prebid",
    "promoted",
    "pubblicita",
    "publicidad",
    "publicite",
    "reklama",
    "sponsor",
    "sponsored",
    "teads",
    "werbung",
];

/// Tokens that alone mark a trending or most-read rail.
///
/// Left out: "top", "hot", "latest" and "news" (layout and story words);
/// "trend"/"trends" (story tags); "ranking" alone is kept because sites use
/// it for read-count rails, "leaderboard" is not (sports tables).
pub const TRENDING_TOKENS: &[&str] = &[
    "hottopics",
    "meistgelesen",
    "mostcommented",
    "mostpopular",
    "mostread",
    "mostshared",
    "mostviewed",
    "popular",
    "ranking",
    "topstories",
    "trending",
];

/// Tokens that alone mark a link cluster: quick links, breadcrumbs, site
/// maps, mega menus.
///
/// Left out: "nav", "menu", "navigation", "header" and "footer" (layout
/// words, and body-state classes like `nav-open` or `has-sticky-nav` sit on
/// `<body>`); "pagination"/"pager" (multi-page articles need them); "toc"
/// (an article's own table of contents).
pub const QUICK_LINK_TOKENS: &[&str] = &[
    "breadcrumb",
    "breadcrumbs",
    "jumplinks",
    "megamenu",
    "navbar",
    "quicklink",
    "quicklinks",
    "sitemap",
    "sitenav",
    "subnav",
    "tagcloud",
    "taglist",
    "tags",
];

/// Tokens that alone mark a related-stories or recommendation box.
///
/// Left out: "more", "next" and "read" alone (too common; see the pairs),
/// "teaser" (also the article's own standfirst on some sites).
pub const RELATED_TOKENS: &[&str] = &[
    "alsoread",
    "dianomi",
    "mgid",
    "morestories",
    "outbrain",
    "readalso",
    "readmore",
    "recirc",
    "recirculation",
    "recommendation",
    "recommendations",
    "recommended",
    "related",
    "relatedarticles",
    "relatedposts",
    "revcontent",
    "seealso",
    "taboola",
    "yarpp",
    "zergnet",
];

/// Tokens that alone mark a share bar or follow-us box.
///
/// Left out: platform names ("facebook", "twitter", "instagram", "tiktok",
/// "youtube"): embedded posts inside the story carry them and are content;
/// "tweet" (embedded tweets); "print"/"email" (tools, not social).
pub const SOCIAL_TOKENS: &[&str] = &[
    "addthis",
    "addtoany",
    "followus",
    "share",
    "shareaholic",
    "sharebar",
    "sharebuttons",
    "sharedaddy",
    "sharelinks",
    "sharethis",
    "sharetools",
    "sharing",
    "sns",
    "social",
    "socials",
    "socialshare",
];

/// Tokens that alone mark a newsletter, subscribe, app or consent box.
///
/// Left out: "paywall", "premium", "locked", "meter", "subscriber" and
/// "subscription" (paywalled sites put them on the story's own paragraphs);
/// "privacy" (policy text); "modal"/"popup"/"overlay" (layout words).
pub const PROMO_TOKENS: &[&str] = &[
    "appbanner",
    "appdownload",
    "cmp",
    "consent",
    "cookie",
    "cookiebanner",
    "cookiebot",
    "cookieconsent",
    "cookies",
    "didomi",
    "gdpr",
    "newsletter",
    "newsletters",
    "onesignal",
    "onetrust",
    "optin",
    "promo",
    "promotion",
    "signup",
    "smartbanner",
    "subscribe",
    "usercentrics",
];

/// Words whose letters contain a clutter token but that are not clutter.
/// Token matching makes them safe by construction; the tests keep it so.
pub const LOOKALIKE_WORDS: &[&str] = &[
    "add", "address", "admin", "adobe", "badge", "download", "gradient", "head", "header",
    "headline", "lead", "loaded", "pubdate", "read", "reading", "shadow", "shared", "thread",
];

/// Two consecutive tokens that mark an ad box.
pub const AD_PAIRS: &[(&str, &str)] = &[
    ("brand", "studio"),
    ("branded", "content"),
    ("paid", "content"),
    ("paid", "post"),
    ("partner", "content"),
];

/// Two consecutive tokens that mark a trending rail.
pub const TRENDING_PAIRS: &[(&str, &str)] = &[
    ("editor", "picks"),
    ("editors", "picks"),
    ("hot", "news"),
    ("hot", "topics"),
    ("most", "commented"),
    ("most", "emailed"),
    ("most", "read"),
    ("most", "shared"),
    ("most", "viewed"),
    ("most", "watched"),
    ("top", "articles"),
    ("top", "stories"),
];

/// Two consecutive tokens that mark a link cluster.
pub const QUICK_LINK_PAIRS: &[(&str, &str)] = &[
    ("bread", "crumbs"),
    ("footer", "links"),
    ("footer", "menu"),
    ("footer", "nav"),
    ("jump", "links"),
    ("main", "menu"),
    ("main", "nav"),
    ("mega", "menu"),
    ("more", "sections"),
    ("quick", "link"),
    ("quick", "links"),
    ("section", "links"),
    ("section", "nav"),
    ("site", "map"),
    ("site", "nav"),
    ("site", "navigation"),
    ("skip", "link"),
    ("skip", "links"),
    ("sub", "nav"),
    ("tag", "cloud"),
    ("tag", "list"),
    ("top", "nav"),
    ("useful", "links"),
];

/// Two consecutive tokens that mark a related-stories box.
pub const RELATED_PAIRS: &[(&str, &str)] = &[
    ("also", "like"),
    ("also", "read"),
    ("dont", "miss"),
    ("further", "reading"),
    ("keep", "reading"),
    ("more", "articles"),
    ("more", "from"),
    ("more", "like"),
    ("more", "news"),
    ("more", "on"),
    ("more", "stories"),
    ("must", "read"),
    ("read", "also"),
    ("read", "more"),
    ("read", "next"),
    ("see", "also"),
    ("suggested", "articles"),
    ("suggested", "posts"),
    ("suggested", "stories"),
    ("up", "next"),
    ("you", "may"),
    ("you", "might"),
];

/// Two consecutive tokens that mark a share bar or follow-us box.
pub const SOCIAL_PAIRS: &[(&str, &str)] = &[
    ("add", "this"),
    ("copy", "link"),
    ("follow", "us"),
    ("tweet", "this"),
];

/// Two consecutive tokens that mark a newsletter, app or consent box.
pub const PROMO_PAIRS: &[(&str, &str)] = &[
    ("app", "banner"),
    ("app", "download"),
    ("download", "app"),
    ("email", "capture"),
    ("get", "app"),
    ("lead", "gen"),
    ("opt", "in"),
    ("privacy", "banner"),
    ("push", "notification"),
    ("push", "notifications"),
    ("sign", "up"),
    ("smart", "banner"),
];

/// Page regions named by class or id tokens. Unlike the kind tables above,
/// these words say where a box sits, not that it is clutter: a "footer" or
/// "sidebar" box is removed only when it lies outside the article (see
/// [`crate::classify::Strength::Outside`]). Each list sorted and unique; no
/// token in two regions or in a kind table.
///
/// The site's header: logo, top links, search. Left out: "top" and "head"
/// (layout words), "banner" (also hero images of the story).
pub const HEADER_TOKENS: &[&str] = &["header", "masthead", "siteheader", "topbar"];

/// Menus and navigation bars, pagers. Left out: "toc" (the article's own
/// table of contents), "tabs".
pub const NAV_TOKENS: &[&str] = &[
    "menu",
    "menubar",
    "nav",
    "navi",
    "navigation",
    "nextprev",
    "pager",
    "paginate",
    "pagination",
    "postnav",
    "prevnext",
];

/// The page footer. Left out: "bottom" (layout), "copyright" (photo credits
/// inside the story carry it).
pub const FOOTER_TOKENS: &[&str] = &["colophon", "footer", "sitefooter"];

/// Sidebars and their widgets. Left out: "secondary" (buttons and text
/// styles), "side" alone (layout).
pub const SIDEBAR_TOKENS: &[&str] = &["aside", "rail", "sidebar", "sidebars"];

/// Widgets: in a theme, the boxes of a sidebar or footer; in a page builder
/// (`elementor-widget-text-editor`), the blocks of the story itself. Taken
/// only without paragraphs.
pub const WIDGET_TOKENS: &[&str] = &["widget", "widgets"];

/// Reader comments and their forms.
pub const COMMENT_TOKENS: &[&str] = &[
    "comment",
    "commentform",
    "commentlist",
    "comments",
    "disqus",
    "feedback",
    "kommentare",
    "rating",
    "ratings",
    "respond",
];

/// Story teasers: after the story they are other stories. Left out of the
/// related tokens because some sites call the story's own standfirst a
/// teaser.
pub const TEASER_TOKENS: &[&str] = &["teaser", "teasers"];

/// Copyright and licence notices under the story. Left out of the footer
/// tokens because photo credits inside the story carry "copyright".
pub const LEGAL_TOKENS: &[&str] = &["copyright", "licence", "license"];

/// Boxes about the author under the story.
pub const AUTHOR_BOX_TOKENS: &[&str] = &["authorbio", "authorbox"];

/// Two consecutive tokens that name an author box.
pub const AUTHOR_BOX_PAIRS: &[(&str, &str)] = &[
    ("about", "author"),
    ("author", "bio"),
    ("author", "box"),
    ("author", "description"),
];
