//! Per-node measurements the classifier reads: how much text, how much of it
//! is link text, how many links, paragraphs, sentences. Two linear passes, no
//! recursion: forward for context (inside a link? a script?), backward to sum
//! each subtree into its parent.

use crate::page::{flags, names, NodeId, NodeKind, Page};
use crate::rules;

/// A paragraph with at least this many characters of its own (non-link)
/// text reads like story text.
pub const LONG_PARAGRAPH_CHARS: u32 = 120;

/// Measurements for every node of a page (indexed by node id).
pub struct Signals {
    /// Non-whitespace characters of visible text in the subtree.
    pub text: Vec<u32>,
    /// Of those, characters inside links.
    pub link_text: Vec<u32>,
    /// Links (`<a href>`) in the subtree.
    pub links: Vec<u32>,
    /// Share-intent links in the subtree.
    pub share_links: Vec<u32>,
    /// Links to a social network account ("Follow us on Instagram").
    pub social_links: Vec<u32>,
    /// Story-like paragraphs in the subtree.
    pub long_paras: Vec<u32>,
    /// Sentence ends (". ", "! ", "。"…) in non-link text.
    pub sentences: Vec<u32>,
    /// Form controls.
    pub inputs: Vec<u32>,
    /// Of the text, characters inside buttons, labels and select boxes: the
    /// wording of controls, not of the page.
    pub control_text: Vec<u32>,
    /// Text in a non-rendered context (script, style, template, noscript).
    pub muted: Vec<bool>,
    /// Hidden by the page (hidden attribute, aria-hidden, inline or computed
    /// `display:none`), itself or through an ancestor.
    pub hidden: Vec<bool>,
    /// Text characters before each node in document order (a prefix sum), so
    /// "is this the first text of that box" is a subtraction.
    pub text_before: Vec<u32>,
}

fn is_muting(page: &Page, id: NodeId) -> bool {
    [
        names::SCRIPT,
        names::STYLE,
        names::TEMPLATE,
        names::NOSCRIPT,
        names::TITLE,
        names::HEAD,
    ]
    .iter()
    .any(|&n| page.name(id) == n)
        && page.flags(id) & flags::SVG == 0
        || page.flags(id) & flags::SVG != 0 && page.name(id) == names::SVG
}

/// True when the element itself says it is hidden.
pub fn hides_itself(page: &Page, id: NodeId) -> bool {
    if page.flags(id) & flags::COMPUTED_HIDDEN != 0 || page.attr(id, names::HIDDEN).is_some() {
        return true;
    }
    if page.attr(id, names::ARIA_HIDDEN) == Some("true") {
        return true;
    }
    page.attr(id, names::STYLE).is_some_and(|s| {
        let compact: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        compact.contains("display:none") || compact.contains("visibility:hidden")
    })
}

fn sentence_ends(text: &str) -> u32 {
    let mut n = 0;
    let mut prev: Option<char> = None;
    for c in text.chars() {
        let full_stop = matches!(c, '。' | '！' | '？' | '۔' | '।');
        if full_stop || c.is_whitespace() && matches!(prev, Some('.' | '!' | '?')) {
            n += 1;
        }
        prev = Some(c);
    }
    if matches!(prev, Some('.' | '!' | '?')) {
        n += 1;
    }
    n
}

impl Signals {
    /// Measures `page`.
    pub fn measure(page: &Page) -> Signals {
        let n = page.len();
        let mut s = Signals {
            text: vec![0; n],
            link_text: vec![0; n],
            links: vec![0; n],
            share_links: vec![0; n],
            social_links: vec![0; n],
            long_paras: vec![0; n],
            sentences: vec![0; n],
            inputs: vec![0; n],
            control_text: vec![0; n],
            muted: vec![false; n],
            hidden: vec![false; n],
            text_before: vec![0; n + 1],
        };
        // Forward: context flags and the text prefix sum.
        let mut in_link = vec![false; n];
        let mut in_control = vec![false; n];
        let mut before = 0u32;
        for id in page.ids() {
            let i = id.index();
            if let Some(p) = page.parent(id) {
                let pi = p.index();
                s.muted[i] = s.muted[pi];
                s.hidden[i] = s.hidden[pi];
                in_link[i] = in_link[pi];
                in_control[i] = in_control[pi];
            }
            s.text_before[i] = before;
            match page.kind(id) {
                NodeKind::Element => {
                    if is_muting(page, id) {
                        s.muted[i] = true;
                    }
                    if hides_itself(page, id) {
                        s.hidden[i] = true;
                    }
                    if page.is(id, names::A) && page.attr(id, names::HREF).is_some() {
                        in_link[i] = true;
                    }
                    if [names::BUTTON, names::LABEL, names::SELECT]
                        .iter()
                        .any(|&t| page.is(id, t))
                    {
                        in_control[i] = true;
                    }
                }
                NodeKind::Text if !s.muted[i] => {
                    let chars = page.text(id).chars().filter(|c| !c.is_whitespace()).count() as u32;
                    s.text[i] = chars;
                    before += chars;
                    if in_control[i] {
                        s.control_text[i] = chars;
                    }
                    if in_link[i] {
                        s.link_text[i] = chars;
                    } else {
                        s.sentences[i] = sentence_ends(page.text(id));
                    }
                }
                _ => {}
            }
        }
        s.text_before[n] = before;
        // Backward: own contributions, then add into the parent.
        for id in page.ids().rev() {
            let i = id.index();
            if page.is_element(id) && !s.muted[i] {
                if page.is(id, names::A) {
                    if let Some(href) = page.attr(id, names::HREF) {
                        s.links[i] += 1;
                        if rules::is_share_url(href) {
                            s.share_links[i] += 1;
                        } else if rules::is_social_profile_url(href) {
                            s.social_links[i] += 1;
                        }
                    }
                }
                if page.is(id, names::P) && s.text[i] - s.link_text[i] >= LONG_PARAGRAPH_CHARS {
                    s.long_paras[i] += 1;
                }
                if [names::INPUT, names::TEXTAREA, names::SELECT, names::BUTTON]
                    .iter()
                    .any(|&t| page.is(id, t))
                {
                    s.inputs[i] += 1;
                }
            }
            if let Some(p) = page.parent(id) {
                let pi = p.index();
                s.text[pi] += s.text[i];
                s.link_text[pi] += s.link_text[i];
                s.links[pi] += s.links[i];
                s.share_links[pi] += s.share_links[i];
                s.social_links[pi] += s.social_links[i];
                s.long_paras[pi] += s.long_paras[i];
                s.sentences[pi] += s.sentences[i];
                s.inputs[pi] += s.inputs[i];
                s.control_text[pi] += s.control_text[i];
            }
        }
        s
    }

    /// Share of the subtree's text that is link text (0 when there is none).
    pub fn link_density(&self, id: NodeId) -> f32 {
        let t = self.text[id.index()];
        if t == 0 {
            0.0
        } else {
            self.link_text[id.index()] as f32 / t as f32
        }
    }

    /// Text characters inside `outer` that come after `inner` ends.
    pub fn text_after(&self, inner: NodeId, outer: NodeId, page: &Page) -> u32 {
        self.text_before[page.end(outer).index()] - self.text_before[page.end(inner).index()]
    }

    /// Text characters inside `outer` that come before `inner` starts.
    pub fn text_between(&self, outer: NodeId, inner: NodeId) -> u32 {
        self.text_before[inner.index()] - self.text_before[outer.index()]
    }
}

#[cfg(all(test, feature = "native"))]
mod tests {
    use super::*;

    #[test]
    fn measures_a_box() {
        let page = Page::parse(
            b"<div id=d><p>One sentence here. Another one follows!</p><a href=/x>Link text</a><script>var x = 1;</script></div>",
        )
        .unwrap();
        let s = Signals::measure(&page);
        let d = page
            .ids()
            .find(|&i| page.attr(i, names::ID) == Some("d"))
            .unwrap();
        assert_eq!(
            s.text[d.index()],
            "Onesentencehere.Anotheronefollows!Linktext".len() as u32
        );
        assert_eq!(s.link_text[d.index()], 8);
        assert_eq!(s.links[d.index()], 1);
        assert_eq!(s.sentences[d.index()], 2);
    }
}
