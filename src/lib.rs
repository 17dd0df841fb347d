//! newsclean: makes news pages readable.
//!
//! One algorithm, two front doors. A [`Page`] is built from HTML natively
//! ([`Page::parse`]) or from a browser's [`Snapshot`]; [`clean`] judges which
//! elements are clutter and [`extract`] finds the article for reading mode.
//!
//! ```
//! # #[cfg(feature = "native")] {
//! let html = br#"<html><body><article><h1>Storm closes port</h1>
//!   <p>The harbour authority closed the port on Monday after a storm, with winds of 120 km/h.</p>
//!   <div class="ad-slot"><span>Advertisement</span></div></article></body></html>"#;
//! let page = newsclean::Page::parse(html).unwrap();
//! let plan = newsclean::clean(&page, &newsclean::Options::default());
//! assert!(plan.removed.iter().any(|r| r.kind == newsclean::Kind::Ad));
//! # }
//! ```

pub mod api;
pub mod classify;
pub mod clean;
#[cfg(feature = "cli")]
pub mod cli;
pub mod extract;
pub mod json;
pub mod page;
pub mod rules;
pub mod serialize;
pub mod signals;
pub mod text;
pub mod url;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use api::{Article, CleanPlan, Kind, Options, Removal};
pub use page::snapshot::Snapshot;
pub use page::{NodeId, NodeKind, Page, PageError};

/// Decides what clutter to remove from `page`. Never removes article text.
pub fn clean(page: &Page, options: &Options) -> CleanPlan {
    let judgement = clean::judge(page, options);
    clean::plan(page, options, &judgement)
}

/// Finds the article in `page` for reading mode; `None` when there is none.
pub fn extract(page: &Page, options: &Options) -> Option<Article> {
    let signals = signals::Signals::measure(page);
    let (verdicts, budget_hit) = classify::classify(page, &signals, options.max_nodes);
    // The article search reads the verdicts only; the signals (about 5 bytes
    // a node) need not stay resident beside its own tables.
    drop(signals);
    if budget_hit {
        return None;
    }
    extract::run(page, options, &verdicts).map(|x| x.article)
}

/// A quick guess whether `extract` will find an article worth reading.
pub fn is_probably_readerable(page: &Page) -> bool {
    extract::readerable::is_probably_readerable(page)
}
