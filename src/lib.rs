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
pub mod page;
pub mod rules;
pub mod text;

pub use api::{Article, CleanPlan, Kind, Options, Removal};
pub use page::snapshot::Snapshot;
pub use page::{NodeId, NodeKind, Page, PageError};

/// Decides what clutter to remove from `page`. Never removes article text.
pub fn clean(_page: &Page, _options: &Options) -> CleanPlan {
    CleanPlan::default()
}

/// Finds the article in `page` for reading mode; `None` when there is none.
pub fn extract(_page: &Page, _options: &Options) -> Option<Article> {
    None
}

/// A quick guess whether `extract` will find an article worth reading.
pub fn is_probably_readerable(_page: &Page) -> bool {
    false
}
