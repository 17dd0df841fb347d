//! Output: the article as sanitized HTML, plain text and Markdown (all from
//! one allowlisted event stream), and the whole cleaned page as HTML.

pub mod events;
mod html;
mod markdown;
#[cfg(feature = "native")]
pub mod page_html;
mod text;

pub use events::{Event, Sink, Tag};
pub use html::{escape_attr, escape_text, HtmlOut};
pub use markdown::MarkdownOut;
pub use text::TextOut;
