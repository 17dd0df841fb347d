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

use crate::api::Kind;
use crate::page::{names, NodeId, Page};
use crate::rules;
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
/// Promo boxes (newsletter, cookie bar) hold at most this much text.
const MAX_PROMO_BOX_CHARS: u32 = 800;
/// A "Label: link" line is at least this much link text after the label.
const PREFIX_MIN_LINK_DENSITY: f32 = 0.6;
/// Link clusters: at least this many links...
const CLUSTER_MIN_LINKS: u32 = 4;
/// ...this much of the text in links...
const CLUSTER_MIN_LINK_DENSITY: f32 = 0.75;
/// ...links this short on average (characters)...
const CLUSTER_MAX_AVG_LINK_CHARS: u32 = 32;
/// ...and at most this many sentences outside the links.
const CLUSTER_MAX_SENTENCES: u32 = 1;

/// How sure a rule is. Strong verdicts are also left out of reading mode.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Strength {
    /// A label, an ad class, an ad network, share links: clutter wherever it is.
    Strong,
    /// A link cluster: clutter outside the article, maybe not inside it.
    Shape,
}

/// One judged box.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    pub node: NodeId,
    pub kind: Kind,
    pub reason: String,
    pub strength: Strength,
}

/// Judges the whole page; verdicts in document order (boxes may nest).
pub fn classify(page: &Page, signals: &Signals, max_nodes: usize) -> (Vec<Verdict>, bool) {
    let mut c = Classifier {
        page,
        s: signals,
        out: Vec::new(),
        class_words: std::collections::HashMap::new(),
    };
    let limit = page.len().min(max_nodes.max(1));
    let mut id = 0u32;
    while (id as usize) < limit {
        let node = NodeId(id);
        id += 1;
        if !page.is_element(node) {
            continue;
        }
        if signals.muted[node.index()] || is_structural(page, node) {
            continue;
        }
        c.judge(node);
    }
    c.out.sort_by_key(|v| v.node);
    c.out.dedup_by_key(|v| v.node);
    (c.out, limit < page.len())
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

fn is_structural(page: &Page, id: NodeId) -> bool {
    [names::HTML, names::HEAD, names::BODY, names::MAIN].iter().any(|&n| page.is(id, n))
}

struct Classifier<'a> {
    page: &'a Page,
    s: &'a Signals,
    out: Vec<Verdict>,
    /// Class attribute values seen so far and what their words say: pages
    /// repeat the same few class lists thousands of times.
    class_words: std::collections::HashMap<&'a str, Option<(Kind, String)>>,
}

impl Classifier<'_> {
    fn text(&self, id: NodeId) -> u32 {
        self.s.text[id.index()]
    }

    fn push(&mut self, node: NodeId, kind: Kind, reason: String, strength: Strength) {
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
    }

    /// The element's visible text, normalised, if short enough to be a label.
    fn label_text(&self, id: NodeId) -> Option<String> {
        let t = self.text(id);
        if t == 0 || t > MAX_LABEL_CHARS {
            return None;
        }
        let mut raw = String::new();
        for d in self.page.descendants(id) {
            if self.page.is_text(d) && !self.s.muted[d.index()] {
                raw.push_str(self.page.text(d));
                raw.push(' ');
            }
        }
        Some(normalize_label(&raw))
    }

    /// The parent, unless it is the page's frame (html, body, main).
    fn container(&self, id: NodeId) -> Option<NodeId> {
        self.page.parent(id).filter(|&p| self.page.is_element(p) && !is_structural(self.page, p))
    }

    /// Grows an ad label or ad element to the box that holds nothing else.
    fn empty_box(&self, id: NodeId) -> NodeId {
        let own = self.text(id);
        let mut b = id;
        for _ in 0..MAX_BOX_LEVELS {
            match self.container(b) {
                Some(p) if self.text(p) == own && self.s.long_paras[p.index()] == 0 => b = p,
                _ => break,
            }
        }
        b
    }

    /// Grows a heading-like label to the rail it heads: ancestors whose first
    /// text is the label and whose other text is mostly links (or, for
    /// promos and share boxes, little text at all).
    fn labelled_box(&self, label: NodeId, kind: Kind) -> NodeId {
        let own_text = self.text(label);
        let own_links = self.s.link_text[label.index()];
        let mut b = label;
        for _ in 0..MAX_BOX_LEVELS {
            let Some(p) = self.container(b) else { break };
            let pi = p.index();
            if self.s.text_between(p, label) != 0 || self.s.long_paras[pi] > 0 || self.text(p) > MAX_RAIL_CHARS {
                break;
            }
            let rest = self.text(p) - own_text;
            let rest_links = self.s.link_text[pi] - own_links;
            // Rails (trending, related, link lists) are mostly links; promo and
            // share boxes are small, whatever they hold.
            let fits = match kind {
                Kind::Promo | Kind::Social | Kind::Ad => self.text(p) <= SMALL_BOX_CHARS,
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
            .any(|c| self.text(c) == own && !self.s.muted[c.index()])
        {
            return;
        }
        let Some(label) = self.label_text(id) else { return };
        let Some(kind) = rules::label_kind(&label) else { return };
        let reason = format!("label:{label}");
        if kind == Kind::Ad {
            let b = self.empty_box(id);
            self.push(b, kind, reason, Strength::Strong);
            return;
        }
        let b = self.labelled_box(id, kind);
        self.push(b, kind, reason.clone(), Strength::Strong);
        if b == id {
            // A bare heading: the link lists right after it belong to it.
            let mut next = self.page.next_sibling(id);
            let mut taken = 0;
            while let Some(n) = next {
                if taken == 3 {
                    break;
                }
                if self.page.is_element(n) {
                    let linky = self.s.links[n.index()] >= 2 && self.s.link_density(n) >= 0.7 && self.s.long_paras[n.index()] == 0;
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
        let i = id.index();
        if self.s.links[i] == 0 || self.s.long_paras[i] > 0 || self.text(id) > MAX_RAIL_CHARS {
            return;
        }
        let Some(first) = self.page.children(id).find(|&c| self.text(c) > 0) else {
            return;
        };
        if !self.page.is_text(first) {
            return;
        }
        let raw = self.page.text(first);
        let Some((head, _)) = raw.split_once([':', '：']) else { return };
        let label = normalize_label(head);
        let Some(kind) = rules::label_kind(&label) else { return };
        let label_chars = head.chars().filter(|c| !c.is_whitespace()).count() as u32;
        let rest = self.text(id).saturating_sub(label_chars + 1);
        if rest == 0 || (self.s.link_text[i] as f32) / (rest as f32) < PREFIX_MIN_LINK_DENSITY {
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
        if self.page.is(id, names::INS) && self.page.attr(id, names::CLASS).is_some_and(|c| c.contains("adsbygoogle")) {
            found = Some((Kind::Ad, "adsbygoogle".to_owned()));
        }
        let tag = self.page.tag(id);
        if tag == "amp-ad" || tag == "amp-sticky-ad" {
            found = Some((Kind::Ad, tag.to_owned()));
        }
        let Some((kind, word)) = found else { return };
        let i = id.index();
        let text = self.text(id);
        let fits = self.s.long_paras[i] == 0
            && match kind {
                Kind::Ad => text <= MAX_AD_BOX_CHARS,
                Kind::Social => text <= MAX_SHARE_BOX_CHARS,
                Kind::Promo => text <= MAX_PROMO_BOX_CHARS,
                Kind::Trending | Kind::Related | Kind::QuickLinks => {
                    text <= MAX_RAIL_CHARS && (text <= SMALL_BOX_CHARS || self.s.link_density(id) >= RAIL_MIN_LINK_DENSITY)
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
        let Some(url) = self.page.attr(id, attr) else { return };
        let Some(host) = crate::url::host(url.trim()) else { return };
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

    /// A bar of share-intent links.
    fn share_rule(&mut self, id: NodeId) {
        let i = id.index();
        let share = self.s.share_links[i];
        if share < 2 || share * 2 < self.s.links[i] || self.text(id) > MAX_SHARE_BOX_CHARS || self.s.long_paras[i] > 0 {
            return;
        }
        // The outermost such box wins; an inner one is left to it.
        if self.container(id).is_some_and(|p| {
            let pi = p.index();
            self.s.share_links[pi] * 2 >= self.s.links[pi]
                && self.text(p) <= MAX_SHARE_BOX_CHARS
                && self.s.long_paras[pi] == 0
        }) {
            return;
        }
        self.push(id, Kind::Social, "share-links".to_owned(), Strength::Strong);
    }

    /// Many short links and little else: navigation, footer lists, "Home
    /// Video Shorts Live TV".
    fn cluster_rule(&mut self, id: NodeId) {
        let i = id.index();
        let links = self.s.links[i];
        if links < CLUSTER_MIN_LINKS || self.s.long_paras[i] > 0 {
            return;
        }
        let text = self.text(id);
        if text == 0
            || self.s.link_density(id) < CLUSTER_MIN_LINK_DENSITY
            || self.s.link_text[i] / links > CLUSTER_MAX_AVG_LINK_CHARS
            || self.s.sentences[i] > CLUSTER_MAX_SENTENCES + self.s.link_text[i] / 200
        {
            return;
        }
        let listy = [names::NAV, names::UL, names::OL, names::MENU].iter().any(|&n| self.page.is(id, n))
            || self
                .page
                .element_children(id)
                .filter(|&c| self.text(c) > 0)
                .all(|c| self.page.is(c, names::A) || self.page.is(c, names::LI) || self.s.link_density(c) >= 0.9);
        if listy {
            self.push(id, Kind::QuickLinks, "link-cluster".to_owned(), Strength::Shape);
        }
    }
}
