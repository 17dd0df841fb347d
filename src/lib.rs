//! newsclean: makes news pages readable.
//!
//! One algorithm, two front doors. A [`Page`] is built from HTML natively
//! ([`Page::parse`]) or from a browser's [`Snapshot`]; [`clean`] judges which
//! elements are clutter and [`extract`] finds the article for reading mode.

pub mod page;

pub use page::snapshot::Snapshot;
pub use page::{NodeId, NodeKind, Page, PageError};
