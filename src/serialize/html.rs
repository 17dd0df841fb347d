//! Events → HTML. Every text and attribute value is escaped; tags come only
//! from the allowlist, so nothing here can open a script context.

use super::events::{Event, Sink};

/// Escapes text content.
pub fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            _ => out.push(c),
        }
    }
}

/// Escapes a double-quoted attribute value.
pub fn escape_attr(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            _ => out.push(c),
        }
    }
}

/// Renders the stream as HTML, one event at a time.
#[derive(Default)]
pub struct HtmlOut {
    pub out: String,
}

impl Sink for HtmlOut {
    fn event(&mut self, e: Event<'_>) {
        let out = &mut self.out;
        match e {
            Event::Open(tag, attrs) => {
                out.push('<');
                out.push_str(tag.name());
                for (k, v) in attrs {
                    out.push(' ');
                    out.push_str(k);
                    if !v.is_empty() || *k == "alt" {
                        out.push_str("=\"");
                        escape_attr(v, out);
                        out.push('"');
                    }
                }
                out.push('>');
            }
            Event::Close(tag) => {
                out.push_str("</");
                out.push_str(tag.name());
                out.push('>');
            }
            Event::Text(t) => escape_text(t, out),
            Event::TextOff | Event::TextOn => {}
        }
    }
}
