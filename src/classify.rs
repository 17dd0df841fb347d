//! The clutter classifier: which boxes of a page are ads, trending bars, link
//! clusters, related-story rails, share bars or promos, each with the rule
//! that said so.
//!
//! Rules look at what a reader sees: a small block whose whole text is a
//! known label ("Advertisement", "Lesen Sie auch"), a box whose first text is
//! such a label and whose rest is links, class/id words, ad-network and
//! share-intent URLs, and the shape of link clusters. Word lists live in
//! [`crate::rules`]; the thresholds are named here. Every verdict is a
//! candidate: [`crate::clean`] drops those that would take article text.

use std::collections::HashSet;
use std::rc::Rc;

use crate::api::Kind;
use crate::page::{names, NodeId, Page};
use crate::rules::{self, Region};
use crate::signals::Signals;
use crate::text::{class_tokens, normalize_label};

/// A block whose text is longer than this is not a label.
const MAX_LABEL_CHARS: u32 = 60;
/// A label's box grows at most this many levels up.
const MAX_BOX_LEVELS: usize = 8;
/// After the label, a rail is at least this much link text...
const RAIL_MIN_LINK_DENSITY: f32 = 0.5;
/// ...unless it is a promo or share box this small (non-whitespace chars).
const SMALL_BOX_CHARS: u32 = 400;
/// A label-led box never grows past this much text.
const MAX_RAIL_CHARS: u32 = 6000;
/// Ad boxes (by class or id) hold at most this much text.
const MAX_AD_BOX_CHARS: u32 = 160;
/// Share boxes hold at most this much text.
const MAX_SHARE_BOX_CHARS: u32 = 300;
/// Share boxes hold at most this much text outside their links.
const MAX_SHARE_OWN_CHARS: u32 = 100;
/// A link styled as a share button holds at most this much text.
const MAX_SHARE_LINK_CHARS: u32 = 30;
/// A toolbar holds at most this much text, all of it on its controls.
const MAX_CONTROLS_CHARS: u32 = 200;
/// Promo boxes (newsletter, cookie bar) hold at most this much text.
const MAX_PROMO_BOX_CHARS: u32 = 800;
/// A "Label: link" line is at least this much link text after the label.
const PREFIX_MIN_LINK_DENSITY: f32 = 0.6;
/// Link lists outside the article: at least this many links.
const LIST_MIN_LINKS: u32 = 2;
/// Link clusters: at least this many links...
const CLUSTER_MIN_LINKS: u32 = 4;
/// ...this much of the text in links...
const CLUSTER_MIN_LINK_DENSITY: f32 = 0.75;
/// ...links this short on average (characters)...
const CLUSTER_MAX_AVG_LINK_CHARS: u32 = 32;
/// ...and at most this many sentences outside the links.
const CLUSTER_MAX_SENTENCES: u32 = 1;

/// Headers and navigation bars are at least this much link text.
const NAV_MIN_LINK_DENSITY: f32 = 0.5;
/// A site header is a bar of at least this many links.
const MIN_HEADER_BAR_LINKS: u32 = 3;
/// An author box holds at most this much text.
const MAX_AUTHOR_BOX_CHARS: u32 = 1500;

/// How sure a rule is. Strong verdicts are also left out of reading mode.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Strength {
    /// A label, an ad class, an ad network, share links: clutter wherever it is.
    Strong,
    /// A link cluster: clutter outside the article, maybe not inside it.
    Shape,
    /// A page region by its tag, role or class words (site header, menu,
    /// footer, sidebar): clutter only when it lies wholly outside the
    /// article, before or after it. `clean` keeps it when there is no article.
    Outside,
    /// A region that follows a story (comments, author box): clutter only
    /// when it lies after the article's last text.
    After,
}

impl Strength {
    /// Orders verdicts on the same node: the widest-reaching first.
    fn rank(self) -> u8 {
        match self {
            Strength::Strong => 0,
            Strength::Shape => 1,
            Strength::Outside => 2,
            Strength::After => 3,
        }
    }
}

/// One judged box.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    pub node: NodeId,
    pub kind: Kind,
    /// Shared by every verdict with the same reason: a page of thousands of
    /// ad slots has one "label:advertisement".
    pub reason: Rc<str>,
    pub strength: Strength,
}

/// Judges the whole page; verdicts in document order (boxes may nest).
pub fn classify(page: &Page, signals: &Signals, max_nodes: usize) -> (Vec<Verdict>, bool) {
    let mut c = Classifier {
        page,
        s: signals,
        out: Vec::new(),
        reasons: HashSet::new(),
        class_words: std::collections::HashMap::new(),
        class_regions: std::collections::HashMap::new(),
    };
    let limit = page.len().min(max_nodes.max(1));
    let mut id = 0u32;
    while (id as usize) < limit {
        let node = NodeId(id);
        id += 1;
        if !page.is_element(node) {
            continue;
        }
        if signals.muted(node) || is_structural(page, node) {
            continue;
        }
        c.judge(node);
    }
    // One verdict per node: the one that applies in the most places.
    c.out.sort_by_key(|v| (v.node, v.strength.rank()));
    c.out.dedup_by_key(|v| v.node);
    keep_headers_with_judged_parts(page, &mut c.out);
    (c.out, limit < page.len())
}

/// A site header holding parts already judged on their own (a trending bar,
/// a menu, an ad) is cleaned part by part: the logo and the page's layout
/// stay, and the report names what each part was.
fn keep_headers_with_judged_parts(page: &Page, out: &mut Vec<Verdict>) {
    let header = format!("region:{}", Region::Header.as_str());
    let mut drop = vec![false; out.len()];
    for (i, v) in out.iter().enumerate() {
        if *v.reason == header {
            let end = page.end(v.node);
            drop[i] = out[i + 1..].first().is_some_and(|n| n.node < end);
        }
    }
    let mut i = 0;
    out.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
}

/// The first region word (or word pair) in a class or id value.
fn attribute_region(value: &str) -> Option<Region> {
    let mut found = None;
    let mut prev = String::new();
    class_tokens(value, |tok| {
        if found.is_some() {
            return;
        }
        found = rules::region_token(tok).or_else(|| rules::region_pair(&prev, tok));
        prev.clear();
        prev.push_str(tok);
    });
    found
}

/// The first clutter word (or word pair) in a class or id value.
fn attribute_words(value: &str) -> Option<(Kind, String)> {
    let mut found: Option<(Kind, String)> = None;
    let mut prev = String::new();
    class_tokens(value, |tok| {
        if found.is_some() {
            return;
        }
        if let Some(k) = rules::token_kind(tok) {
            found = Some((k, tok.to_owned()));
        } else if let Some(k) = rules::pair_kind(&prev, tok) {
            found = Some((k, format!("{prev}-{tok}")));
        }
        prev.clear();
        prev.push_str(tok);
    });
    found
}

/// Inline elements: inside a sentence they are part of it.
const INLINE: &[crate::page::Name] = &[
    names::A,
    names::ABBR,
    names::B,
    names::CITE,
    names::CODE,
    names::EM,
    names::FONT,
    names::I,
    names::MARK,
    names::Q,
    names::S,
    names::SMALL,
    names::SPAN,
    names::STRONG,
    names::SUB,
    names::SUP,
    names::TIME,
    names::U,
];

/// Elements whose class or id can name a page region.
const REGION_BOXES: &[crate::page::Name] = &[
    names::DIV,
    names::SECTION,
    names::ASIDE,
    names::NAV,
    names::HEADER,
    names::FOOTER,
    names::ARTICLE,
    names::UL,
    names::OL,
    names::LI,
    names::DL,
    names::MENU,
    names::FORM,
    names::SPAN,
    names::P,
];

fn is_structural(page: &Page, id: NodeId) -> bool {
    [names::HTML, names::HEAD, names::BODY, names::MAIN]
        .iter()
        .any(|&n| page.is(id, n))
}

struct Classifier<'a> {
    page: &'a Page,
    s: &'a Signals<'a>,
    out: Vec<Verdict>,
    /// The reasons given so far.
    reasons: HashSet<Rc<str>>,
    /// Class attribute values seen so far and what their words say: pages
    /// repeat the same few class lists thousands of times.
    class_words: std::collections::HashMap<&'a str, Option<(Kind, String)>>,
    /// The same for region words.
    class_regions: std::collections::HashMap<&'a str, Option<Region>>,
}

impl Classifier<'_> {
    fn text(&self, id: NodeId) -> u32 {
        self.s.text(id)
    }

    fn push(&mut self, node: NodeId, kind: Kind, reason: String, strength: Strength) {
        let reason = match self.reasons.get(reason.as_str()) {
            Some(known) => known.clone(),
            None => {
                let new: Rc<str> = reason.into();
                self.reasons.insert(new.clone());
                new
            }
        };
        self.out.push(Verdict {
            node,
            kind,
            reason,
            strength,
        });
    }

    fn judge(&mut self, id: NodeId) {
        self.label_rule(id);
        self.prefix_label_rule(id);
        self.class_rule(id);
        self.host_rule(id);
        self.share_rule(id);
        self.cluster_rule(id);
        self.region_rule(id);
        self.follow_rule(id);
        self.dialog_rule(id);
        self.controls_rule(id);
    }

    /// True for an inline element with words beside it in its parent: a
    /// link or an emphasis inside a sentence ("multiple <a>services</a>
    /// worth monitoring") is part of the sentence, never a label.
    fn in_running_text(&self, id: NodeId) -> bool {
        let page = self.page;
        if !INLINE.iter().any(|&n| page.is(id, n)) {
            return false;
        }
        let Some(parent) = page.parent(id) else {
            return false;
        };
        // Words, not punctuation: "<em>Read more</em>: <a>…</a>" is a label.
        page.children(parent).any(|c| {
            c != id
                && page.is_text(c)
                && !self.s.muted(c)
                && page.text(c).chars().any(char::is_alphanumeric)
        })
    }

    /// The element's visible text, normalised, if short enough to be a label.
    fn label_text(&self, id: NodeId) -> Option<String> {
        let t = self.text(id);
        if t == 0 || t > MAX_LABEL_CHARS {
            return None;
        }
        Some(normalize_label(&self.s.visible_text(id)))
    }

    /// The parent, unless it is the page's frame (html, body, main).
    fn container(&self, id: NodeId) -> Option<NodeId> {
        self.page
            .parent(id)
            .filter(|&p| self.page.is_element(p) && !is_structural(self.page, p))
    }

    /// Grows an ad label or ad element to the box that holds nothing else.
    fn empty_box(&self, id: NodeId) -> NodeId {
        let own = self.text(id);
        let mut b = id;
        for _ in 0..MAX_BOX_LEVELS {
            match self.container(b) {
                Some(p) if self.text(p) == own && self.s.long_paras(p) == 0 => b = p,
                _ => break,
            }
        }
        b
    }

    /// Grows an element to the largest small box around it: no paragraph,
    /// little text.
    fn small_box(&self, id: NodeId) -> NodeId {
        let (own, own_links) = (self.text(id), self.s.link_text(id));
        let mut b = id;
        for _ in 0..MAX_BOX_LEVELS {
            let Some(p) = self.container(b) else { break };
            // Not into a menu: the rest of a promo box is mostly words.
            let rest = self.text(p) - own;
            let rest_links = self.s.link_text(p) - own_links;
            if self.text(p) > SMALL_BOX_CHARS || self.s.long_paras(p) > 0 || rest_links * 2 > rest {
                break;
            }
            b = p;
        }
        b
    }

    /// Grows a heading-like label to the rail it heads: ancestors whose first
    /// text is the label and whose other text is mostly links (or, for
    /// promos and share boxes, little text at all).
    fn labelled_box(&self, label: NodeId, kind: Kind) -> NodeId {
        let own_text = self.text(label);
        let own_links = self.s.link_text(label);
        let mut b = label;
        for _ in 0..MAX_BOX_LEVELS {
            let Some(p) = self.container(b) else { break };
            if self.s.text_between(p, label) != 0
                || self.s.long_paras(p) > 0
                || self.text(p) > MAX_RAIL_CHARS
            {
                break;
            }
            let rest = self.text(p) - own_text;
            let rest_links = self.s.link_text(p) - own_links;
            // Rails (trending, related, link lists) are mostly links; promo and
            // share boxes are small, whatever they hold.
            let fits = match kind {
                // Not into a menu: a "Subscribe" link in the site header
                // names itself, not the navigation around it.
                Kind::Promo => self.text(p) <= SMALL_BOX_CHARS && rest_links * 2 <= rest,
                Kind::Social | Kind::Ad => self.text(p) <= SMALL_BOX_CHARS,
                _ => rest == 0 || rest_links as f32 / rest as f32 >= RAIL_MIN_LINK_DENSITY,
            };
            if !fits {
                break;
            }
            b = p;
        }
        b
    }

    /// A small block whose whole text is a clutter label.
    fn label_rule(&mut self, id: NodeId) {
        let own = self.text(id);
        if own == 0 || own > MAX_LABEL_CHARS {
            return;
        }
        // Only the innermost element carrying the label text decides.
        if self
            .page
            .element_children(id)
            .any(|c| self.text(c) == own && !self.s.muted(c))
        {
            return;
        }
        let Some(label) = self.label_text(id) else {
            return;
        };
        let Some(kind) = rules::label_kind(&label) else {
            return;
        };
        if self.in_running_text(id) {
            return;
        }
        let reason = format!("label:{label}");
        if kind == Kind::Ad {
            let b = self.empty_box(id);
            self.push(b, kind, reason, Strength::Strong);
            return;
        }
        let b = self.labelled_box(id, kind);
        // A form (comment, sign-up) never reaches reading mode anyway, and
        // pulling it out of the page changes how the article search scores
        // its neighbours: for forms the label speaks to `clean` only.
        let strength = if self.s.inputs(b) > 0 {
            Strength::Shape
        } else {
            Strength::Strong
        };
        self.push(b, kind, reason.clone(), strength);
        if b == id && kind == Kind::Promo {
            // A call to action ("Subscribe", "Accept all") usually ends its
            // box: the small box around it is the promo.
            // When the call is a link or button that ends the box, the box
            // is the promo as surely as a label; otherwise clean alone takes
            // it (the article's own text stays protected).
            let cta = self.small_box(id);
            if cta != id {
                let button = self.page.is(id, names::A)
                    || self.page.is(id, names::BUTTON)
                    || self.page.parent(id).is_some_and(|p| {
                        self.page.is(p, names::A) || self.page.is(p, names::BUTTON)
                    });
                let ends_box = self.s.text_after(id, cta) == 0;
                let strength = if button && ends_box && self.s.inputs(cta) == 0 {
                    Strength::Strong
                } else {
                    Strength::Shape
                };
                self.push(cta, kind, format!("promo-box:{label}"), strength);
            }
        }
        if b == id {
            // A bare heading: the link lists right after it belong to it.
            let mut next = self.page.next_sibling(id);
            let mut taken = 0;
            while let Some(n) = next {
                if taken == 3 {
                    break;
                }
                if self.page.is_element(n) {
                    let linky = self.s.links(n) >= 2
                        && self.s.link_density(n) >= 0.7
                        && self.s.long_paras(n) == 0;
                    if !linky {
                        break;
                    }
                    self.push(n, kind, reason.clone(), Strength::Strong);
                    taken += 1;
                } else if self.text(n) > 0 {
                    break;
                }
                next = self.page.next_sibling(n);
            }
        }
    }

    /// "Also read: <a>…</a>": a box starting with a label and a colon, the
    /// rest links.
    fn prefix_label_rule(&mut self, id: NodeId) {
        if self.s.links(id) == 0 || self.s.long_paras(id) > 0 || self.text(id) > MAX_RAIL_CHARS {
            return;
        }
        let Some(first) = self.page.children(id).find(|&c| self.text(c) > 0) else {
            return;
        };
        if !self.page.is_text(first) {
            return;
        }
        let raw = self.page.text(first);
        let Some((head, _)) = raw.split_once([':', '：']) else {
            return;
        };
        let label = normalize_label(head);
        let Some(kind) = rules::label_kind(&label) else {
            return;
        };
        let label_chars = head.chars().filter(|c| !c.is_whitespace()).count() as u32;
        let rest = self.text(id).saturating_sub(label_chars + 1);
        if rest == 0 || (self.s.link_text(id) as f32) / (rest as f32) < PREFIX_MIN_LINK_DENSITY {
            return;
        }
        self.push(id, kind, format!("label-prefix:{label}"), Strength::Strong);
    }

    /// Class and id words ("ad-slot", "trending-bar", "newsletter-signup").
    fn class_rule(&mut self, id: NodeId) {
        let mut found: Option<(Kind, String)> = None;
        if let Some(class) = self.page.attr(id, names::CLASS) {
            found = match self.class_words.get(class) {
                Some(cached) => cached.clone(),
                None => {
                    let words = attribute_words(class);
                    self.class_words.insert(class, words.clone());
                    words
                }
            };
        }
        if found.is_none() {
            found = self.page.attr(id, names::ID).and_then(attribute_words);
        }
        if self.page.is(id, names::INS)
            && self
                .page
                .attr(id, names::CLASS)
                .is_some_and(|c| c.contains("adsbygoogle"))
        {
            found = Some((Kind::Ad, "adsbygoogle".to_owned()));
        }
        let tag = self.page.tag(id);
        if tag == "amp-ad" || tag == "amp-sticky-ad" {
            found = Some((Kind::Ad, tag.to_owned()));
        }
        let Some((kind, word)) = found else { return };
        let text = self.text(id);
        let fits = self.s.long_paras(id) == 0
            && match kind {
                Kind::Ad => text <= MAX_AD_BOX_CHARS,
                // A link is a share button only with a button's text.
                Kind::Social if self.page.is(id, names::A) => text <= MAX_SHARE_LINK_CHARS,
                Kind::Social => text <= MAX_SHARE_BOX_CHARS,
                Kind::Promo => text <= MAX_PROMO_BOX_CHARS,
                Kind::Trending | Kind::Related | Kind::QuickLinks => {
                    text <= MAX_RAIL_CHARS
                        && (text <= SMALL_BOX_CHARS
                            || self.s.link_density(id) >= RAIL_MIN_LINK_DENSITY)
                }
            };
        if fits {
            self.push(id, kind, format!("class:{word}"), Strength::Strong);
        }
    }

    /// Frames, images and links served by ad networks.
    fn host_rule(&mut self, id: NodeId) {
        let attr = if self.page.is(id, names::IFRAME) || self.page.is(id, names::IMG) {
            names::SRC
        } else if self.page.is(id, names::A) {
            names::HREF
        } else {
            return;
        };
        let Some(url) = self.page.attr(id, attr) else {
            return;
        };
        let Some(host) = crate::url::host(url.trim()) else {
            return;
        };
        if !rules::is_ad_host(&host) {
            return;
        }
        if self.page.is(id, names::A) && self.text(id) > MAX_AD_BOX_CHARS {
            return;
        }
        let b = self.empty_box(id);
        let kind = if self.page.is(id, names::A) && self.text(id) > 0 {
            Kind::Related
        } else {
            Kind::Ad
        };
        self.push(b, kind, format!("host:{host}"), Strength::Strong);
    }

    /// Mostly share-intent links, little else: no paragraph, no more own
    /// text than a label and a count.
    fn is_share_box(&self, id: NodeId) -> bool {
        let share = self.s.share_links(id);
        share >= 2
            && share * 2 >= self.s.links(id)
            && self.text(id) <= MAX_SHARE_BOX_CHARS
            && self.text(id) - self.s.link_text(id) <= MAX_SHARE_OWN_CHARS
            && self.s.long_paras(id) == 0
    }

    /// A bar of share-intent links.
    fn share_rule(&mut self, id: NodeId) {
        if !self.is_share_box(id) {
            return;
        }
        // The outermost such box wins; an inner one is left to it.
        if self.container(id).is_some_and(|p| self.is_share_box(p)) {
            return;
        }
        self.push(id, Kind::Social, "share-links".to_owned(), Strength::Strong);
    }

    /// Many short links and little else: navigation, footer lists, "Home
    /// Video Shorts Live TV".
    fn cluster_rule(&mut self, id: NodeId) {
        let links = self.s.links(id);
        if links < LIST_MIN_LINKS || self.s.long_paras(id) > 0 {
            return;
        }
        let text = self.text(id);
        if text == 0
            || self.s.link_density(id) < CLUSTER_MIN_LINK_DENSITY
            || self.s.sentences(id) > CLUSTER_MAX_SENTENCES + self.s.link_text(id) / 200
        {
            return;
        }
        let listy = [names::NAV, names::UL, names::OL, names::MENU]
            .iter()
            .any(|&n| self.page.is(id, n))
            || self
                .page
                .element_children(id)
                .filter(|&c| self.text(c) > 0)
                .all(|c| {
                    self.page.is(c, names::A)
                        || self.page.is(c, names::LI)
                        || self.s.link_density(c) >= 0.9
                });
        if !listy {
            return;
        }
        let short_links = self.s.link_text(id) / links <= CLUSTER_MAX_AVG_LINK_CHARS;
        if links >= CLUSTER_MIN_LINKS && short_links {
            self.push(
                id,
                Kind::QuickLinks,
                "link-cluster".to_owned(),
                Strength::Shape,
            );
        } else if self.is_link_list_box(id, links) {
            // Fewer or longer links (a "Services" list, a rail of
            // headlines): a link list, clutter where it lies outside the
            // article.
            let kind = if short_links {
                Kind::QuickLinks
            } else {
                Kind::Related
            };
            self.push(id, kind, "link-list".to_owned(), Strength::Outside);
        }
    }

    /// A block that can hold a link list: a list with two links, a box with
    /// three (not a byline's "By <a>A</a> and <a>B</a>").
    fn is_link_list_box(&self, id: NodeId, links: u32) -> bool {
        let page = self.page;
        if [names::UL, names::OL, names::MENU, names::NAV]
            .iter()
            .any(|&n| page.is(id, n))
        {
            return true;
        }
        links >= 3
            && [
                names::DIV,
                names::SECTION,
                names::ASIDE,
                names::HEADER,
                names::FOOTER,
                names::DL,
                names::TD,
            ]
            .iter()
            .any(|&n| page.is(id, n))
    }

    /// The region an element names by its tag, ARIA role, class or id.
    fn region_of(&mut self, id: NodeId) -> Option<Region> {
        let page = self.page;
        let by_tag = if page.is(id, names::FOOTER) {
            Some(Region::Footer)
        } else if page.is(id, names::NAV) {
            Some(Region::Nav)
        } else if page.is(id, names::ASIDE) {
            Some(Region::Sidebar)
        } else if page.is(id, names::HEADER) {
            Some(Region::Header)
        } else if page.is(id, names::FORM) {
            Some(Region::Form)
        } else {
            None
        };
        if by_tag.is_some() {
            return by_tag;
        }
        if let Some(r) = page.attr(id, names::ROLE).and_then(rules::region_role) {
            return Some(r);
        }
        // Class words name regions only on boxes: a "table-header" row or a
        // "nav-link" anchor is not a page region.
        if !REGION_BOXES.iter().any(|&n| page.is(id, n)) {
            return None;
        }
        let by_class = page.attr(id, names::CLASS).and_then(|class| {
            *self
                .class_regions
                .entry(class)
                .or_insert_with(|| attribute_region(class))
        });
        by_class.or_else(|| page.attr(id, names::ID).and_then(attribute_region))
    }

    /// Site headers, menus, footers, sidebars, comments and author boxes:
    /// judged here by what they are, applied by [`crate::clean`] only where
    /// they lie outside the article.
    fn region_rule(&mut self, id: NodeId) {
        let Some(region) = self.region_of(id) else {
            return;
        };
        let text = self.text(id);
        if text == 0 {
            return;
        }
        let long_paras = self.s.long_paras(id);
        let (kind, strength, fits) = match region {
            // A site header is a bar of links; an article's header
            // (headline, standfirst) is not. What is left of a site header
            // once its menus and bars are gone (a logo, the date) stays.
            Region::Header => (
                Kind::QuickLinks,
                Strength::Outside,
                long_paras == 0
                    && self.s.links(id) >= MIN_HEADER_BAR_LINKS
                    && self.s.link_density(id) >= NAV_MIN_LINK_DENSITY,
            ),
            Region::Nav => (
                Kind::QuickLinks,
                Strength::Outside,
                long_paras == 0 && self.s.link_density(id) >= NAV_MIN_LINK_DENSITY,
            ),
            Region::Footer => (Kind::QuickLinks, Strength::Outside, true),
            Region::Sidebar => (Kind::Related, Strength::Outside, true),
            Region::Widget => (Kind::Related, Strength::Outside, long_paras == 0),
            // A comment count or "Leave a reply" link can sit in the byline.
            Region::Comments if text <= MAX_LABEL_CHARS => (Kind::Promo, Strength::Outside, true),
            Region::Comments => (Kind::Promo, Strength::After, true),
            Region::AuthorBox => (Kind::Related, Strength::After, text <= MAX_AUTHOR_BOX_CHARS),
            Region::Teaser => (Kind::Related, Strength::After, true),
            Region::Legal => (Kind::QuickLinks, Strength::After, true),
            // Search, sign-up and sign-in forms; a form that wraps a page's
            // story (ASP.NET pages) holds paragraphs.
            Region::Form => (Kind::Promo, Strength::Outside, long_paras == 0),
        };
        if fits {
            self.push(id, kind, format!("region:{}", region.as_str()), strength);
        }
    }

    /// Mostly links to the site's social accounts, little else: "Follow us
    /// on Instagram and TikTok".
    fn is_follow_box(&self, id: NodeId) -> bool {
        let social = self.s.social_links(id);
        social >= 2
            && social + self.s.share_links(id) >= self.s.links(id)
            && self.text(id) <= MAX_SHARE_BOX_CHARS
            && self.text(id) - self.s.link_text(id) <= MAX_SHARE_OWN_CHARS
            && self.s.long_paras(id) == 0
    }

    /// A box of follow links; the outermost wins.
    fn follow_rule(&mut self, id: NodeId) {
        if !self.is_follow_box(id) || self.container(id).is_some_and(|p| self.is_follow_box(p)) {
            return;
        }
        self.push(id, Kind::Social, "social-links".to_owned(), Strength::Shape);
    }

    /// Dialogs and modal layers (cookie consent, sign-in, newsletter
    /// pop-ups) lie over the page; none is the story.
    fn dialog_rule(&mut self, id: NodeId) {
        let page = self.page;
        let dialog = page.is(id, names::DIALOG)
            || page.attr(id, names::ARIA_MODAL) == Some("true")
            || page
                .attr(id, names::ROLE)
                .is_some_and(|r| matches!(r.trim(), "dialog" | "alertdialog"));
        if dialog && self.text(id) > 0 {
            self.push(id, Kind::Promo, "dialog".to_owned(), Strength::Outside);
        }
    }

    /// Only the wording of controls (buttons, labels, select boxes) and
    /// little of it: a toolbar, a search box.
    fn is_controls_box(&self, id: NodeId) -> bool {
        // Controls first: most boxes have none, and they are the cheapest
        // count to read.
        if self.s.inputs(id) == 0 {
            return false;
        }
        let text = self.text(id);
        text > 0
            && text <= MAX_CONTROLS_CHARS
            && self.s.control_text(id) == text
            && self.s.long_paras(id) == 0
    }

    /// A toolbar of controls, and each control in it: where the toolbar
    /// holds article text (a caption on a label), its buttons still go.
    /// Clean only: pulling a form's controls out of the page changes how
    /// the article search scores their neighbours.
    fn controls_rule(&mut self, id: NodeId) {
        if !self.is_controls_box(id) {
            return;
        }
        let text = self.text(id);
        if self
            .container(id)
            .is_some_and(|p| self.text(p) == text && self.is_controls_box(p))
        {
            return;
        }
        self.push(id, Kind::QuickLinks, "controls".to_owned(), Strength::Shape);
    }
}
