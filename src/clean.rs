//! The cleanup plan: clutter verdicts minus anything that would take part of
//! the article with it.

use std::collections::BTreeMap;

use crate::api::{CleanPlan, Options, Removal};
use crate::classify::{self, Strength, Verdict};
use crate::extract;
use crate::page::{names, NodeId, Page};
use crate::signals::{Signals, Visible};
use crate::text::preview;

/// A box with this many dates (`<time>`) is a list of stories, not a
/// dateline.
const MIN_LISTED_DATES: u32 = 3;
/// Characters of text shown per removal.
const PREVIEW_CHARS: usize = 80;

/// Everything judged about one page: verdicts, the article, the plan.
pub struct Judgement<'a> {
    pub verdicts: Vec<Verdict>,
    /// The article's page nodes (see [`extract::protected_nodes`]), when
    /// there is an article; it is found, not rendered.
    pub protected: Option<Vec<NodeId>>,
    pub budget_hit: bool,
    /// For the removals' previews.
    pub visible: Visible<'a>,
}

/// Classifies the page and extracts its article.
pub fn judge<'a>(page: &'a Page, options: &Options) -> Judgement<'a> {
    let signals = Signals::measure(page);
    let (verdicts, budget_hit) = classify::classify(page, &signals, options.max_nodes);
    let visible = signals.into_visible();
    let protected = if budget_hit {
        None
    } else {
        extract::protected_nodes(page, options, &verdicts)
    };
    Judgement {
        verdicts,
        protected,
        budget_hit,
        visible,
    }
}
/// Turns a judgement into the plan: outermost verdicts first, none that
/// holds a protected node, only the kinds asked for.
pub fn plan(page: &Page, options: &Options, j: &Judgement<'_>) -> CleanPlan {
    // The article's span in document order: its first and last text.
    let span = j.protected.as_ref().and_then(|protected| {
        let first = protected.iter().min()?;
        let last = protected.iter().max()?;
        Some((*first, *last))
    });
    // Dates and the main headline stay whatever the article search found;
    // past the article's end they are the dates and titles of other stories.
    // A box with several dates is a list of stories, so its dates may go.
    // When the article search found the heading that carries the title,
    // that heading is protected and other h1s (a site name, a rail title)
    // are not the headline.
    let title_found = j.protected.as_ref().is_some_and(|protected| {
        protected.iter().any(|&p| {
            [names::H1, names::H2, names::H3]
                .iter()
                .any(|&h| page.is(p, h))
        })
    });
    let article_end = span.map_or(page.len() as u32, |(_, last)| last.0);
    // Kept nodes and dates as sorted ids, so a box's count is two binary
    // searches: arrays the size of the page cost more than the page's
    // signals on node-dense pages.
    let mut kept: Vec<u32> = j.protected.iter().flatten().map(|p| p.0).collect();
    let mut times: Vec<u32> = Vec::new();
    for id in page.ids() {
        if id.0 > article_end {
            break;
        }
        if page.is(id, names::H1) {
            if !title_found {
                kept.push(id.0);
            }
        } else if page.is(id, names::TIME) {
            times.push(id.0);
        }
    }
    kept.sort_unstable();
    let holds_protected = |id: NodeId| {
        let (start, end) = (id.0, page.end(id).0);
        let dates =
            (times.partition_point(|&i| i < end) - times.partition_point(|&i| i < start)) as u32;
        let next_kept = kept.partition_point(|&i| i < start);
        kept.get(next_kept).is_some_and(|&i| i < end) || (1..MIN_LISTED_DATES).contains(&dates)
    };
    // Region verdicts apply only outside the article, and not at all
    // without one.
    let placed = |v: &Verdict| match v.strength {
        Strength::Strong | Strength::Shape => true,
        Strength::Outside => {
            span.is_some_and(|(first, last)| page.end(v.node) <= first || v.node > last)
        }
        Strength::After => span.is_some_and(|(_, last)| v.node > last),
    };

    let mut removed: Vec<Removal> = Vec::new();
    let mut covered_until = 0u32;
    for v in &j.verdicts {
        if v.node.0 < covered_until
            || !options.kinds.contains(&v.kind)
            || holds_protected(v.node)
            || !placed(v)
        {
            continue;
        }
        covered_until = page.end(v.node).0;
        removed.push(Removal {
            node: v.node,
            kind: v.kind,
            reason: v.reason.to_string(),
            text: preview(&j.visible.text(v.node), PREVIEW_CHARS),
        });
    }
    let mut counts = BTreeMap::new();
    for r in &removed {
        *counts.entry(r.kind).or_insert(0) += 1;
    }
    CleanPlan {
        removed,
        counts,
        budget_hit: j.budget_hit,
    }
}
