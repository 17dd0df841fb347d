//! `isProbablyReaderable`: a cheap check, before extracting, whether the page
//! has enough paragraph text to be worth reading mode (Readability-readerable.js).

use super::patterns::{self as pat, Hits};
use crate::page::{names, NodeId, Page};

/// Paragraphs shorter than this do not count.
const MIN_CONTENT_LENGTH: usize = 140;
/// The page is readerable once the paragraphs' score passes this.
const MIN_SCORE: f64 = 20.0;

fn visible(page: &Page, id: NodeId) -> bool {
    if page.attr(id, names::HIDDEN).is_some()
        || page.flags(id) & crate::page::flags::COMPUTED_HIDDEN != 0
    {
        return false;
    }
    if page.attr(id, names::STYLE).is_some_and(|s| {
        s.split(';').any(|d| {
            d.split_once(':').is_some_and(|(k, v)| {
                k.trim().eq_ignore_ascii_case("display") && v.trim().eq_ignore_ascii_case("none")
            })
        })
    }) {
        return false;
    }
    page.attr(id, names::ARIA_HIDDEN) != Some("true")
        || page
            .attr(id, names::CLASS)
            .is_some_and(|c| c.contains("fallback-image"))
}

/// True when the page looks like it holds an article.
pub fn is_probably_readerable(page: &Page) -> bool {
    let mut score = 0.0f64;
    for id in page.ids() {
        if !page.is_element(id) {
            continue;
        }
        let candidate =
            page.is(id, names::P) || page.is(id, names::PRE) || page.is(id, names::ARTICLE);
        // A <div> holding a <br> directly counts too ("div > br").
        let div_with_br =
            page.is(id, names::DIV) && page.children(id).any(|c| page.is(c, names::BR));
        if !(candidate || div_with_br) {
            continue;
        }
        if !visible(page, id) {
            continue;
        }
        let ms = format!(
            "{} {}",
            page.attr(id, names::CLASS).unwrap_or(""),
            page.attr(id, names::ID).unwrap_or("")
        )
        .to_ascii_lowercase();
        let h = pat::hits(&ms);
        if h.has(Hits::UNLIKELY) && !h.has(Hits::MAYBE_CANDIDATE) {
            continue;
        }
        if page.is(id, names::P) && page.ancestors(id).any(|a| page.is(a, names::LI)) {
            continue;
        }
        let len = page.carried_text(id).trim().chars().count();
        if len < MIN_CONTENT_LENGTH {
            continue;
        }
        score += ((len - MIN_CONTENT_LENGTH) as f64).sqrt();
        if score > MIN_SCORE {
            return true;
        }
    }
    false
}
