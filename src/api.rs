//! The types every front end shares: options in, plans and articles out.
//! Field names are camelCase on the wire (serde-wasm-bindgen, the CLI's JSON).

use serde::{Deserialize, Serialize};

use crate::page::NodeId;

/// The clutter taxonomy (see DESIGN.md): what kind of thing a removal was.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Ad slots and placeholders ("Advertisement", "STORY CONTINUES BELOW THIS AD").
    Ad,
    /// "Trending:", "Most read", "Top stories" bars and rails.
    Trending,
    /// Link clusters: "QUICK LINKS", "Home Video Shorts Live TV", nav and footer lists.
    QuickLinks,
    /// "Also read", "Recommended", Outbrain/Taboola widgets.
    Related,
    /// Share bars, "Follow us".
    Social,
    /// Newsletter, app, subscribe, cookie and consent boxes.
    Promo,
}

impl Kind {
    /// Every kind, in display order.
    pub const ALL: [Kind; 6] = [
        Kind::Ad,
        Kind::Trending,
        Kind::QuickLinks,
        Kind::Related,
        Kind::Social,
        Kind::Promo,
    ];

    /// The wire name ("quick-links").
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Ad => "ad",
            Kind::Trending => "trending",
            Kind::QuickLinks => "quick-links",
            Kind::Related => "related",
            Kind::Social => "social",
            Kind::Promo => "promo",
        }
    }

    /// The kind for a wire name.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Knobs for [`crate::clean`] and [`crate::extract`]. Every field has a default.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct Options {
    /// The kinds `clean` removes; all of them by default.
    pub kinds: Vec<Kind>,
    /// Base address for resolving relative links (overrides the page's own).
    pub url: Option<String>,
    /// Work budget: pages with more nodes than this are judged only up to it.
    pub max_nodes: usize,
    /// Work budget in milliseconds (0 = no limit); checked between phases.
    pub max_millis: u32,
    /// An article needs at least this many characters (Readability's default).
    pub char_threshold: usize,
    /// Also render the article as Markdown (`Article::markdown`).
    pub markdown: bool,
}

/// Readability's default minimum article length.
pub const DEFAULT_CHAR_THRESHOLD: usize = 500;
/// Default node budget: far above any real page (the largest news pages have
/// ~60,000 nodes) and low enough to bound the time a hostile one costs.
pub const DEFAULT_MAX_NODES: usize = 2_000_000;

impl Default for Options {
    fn default() -> Self {
        Options {
            kinds: Kind::ALL.to_vec(),
            url: None,
            max_nodes: DEFAULT_MAX_NODES,
            max_millis: 0,
            char_threshold: DEFAULT_CHAR_THRESHOLD,
            markdown: false,
        }
    }
}

/// One element `clean` removes, and why.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Removal {
    /// The element (an index into the page / snapshot node list, document = 0).
    pub node: NodeId,
    /// What kind of clutter it is.
    pub kind: Kind,
    /// The rule that fired, e.g. `label:advertisement` or `link-cluster`.
    pub reason: String,
    /// The start of its text, for people reviewing the removal.
    pub text: String,
}

/// What `clean` decided for a page.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct CleanPlan {
    /// Removals in document order; none contains another.
    pub removed: Vec<Removal>,
    /// How many removals of each kind (kinds with none are absent).
    pub counts: std::collections::BTreeMap<Kind, usize>,
    /// True when the work budget stopped the judge before the end of the page.
    pub budget_hit: bool,
}

/// The article found by `extract`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    /// Headline, without the site's suffix.
    pub title: String,
    /// Author(s), as the page gives them.
    pub byline: Option<String>,
    /// The publication's name.
    pub site_name: Option<String>,
    /// Publication time as the page gives it (usually ISO 8601).
    pub published_time: Option<String>,
    /// Language code from the page.
    pub lang: Option<String>,
    /// Text direction (`ltr`/`rtl`) when the page states it.
    pub dir: Option<String>,
    /// A short summary: the page's description or the first paragraph.
    pub excerpt: Option<String>,
    /// The body as sanitized HTML (allowlisted tags and attributes only).
    pub content: String,
    /// The body as plain text, blocks separated by blank lines.
    pub text_content: String,
    /// Characters in `text_content`.
    pub length: usize,
    /// Estimated reading time in minutes at the language's reading speed.
    pub reading_minutes: u32,
    /// The body as Markdown, when `Options::markdown` asked for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub markdown: Option<String>,
    /// The page nodes the body was taken from (not serialized).
    #[serde(skip)]
    pub source_nodes: Vec<NodeId>,
}
