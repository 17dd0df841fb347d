//! The whole page as HTML with `clean`'s removals left out: what
//! `newsclean clean --format html` prints.

use super::html::{escape_attr, escape_text};
use crate::page::{NodeId, NodeKind, Page};

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
    "noscript",
];

/// Serializes `page`, skipping the subtrees of `removed` (sorted ids).
pub fn page_html(page: &Page, removed: &[NodeId]) -> String {
    let mut skip = vec![false; page.len()];
    for r in removed {
        if let Some(s) = skip.get_mut(r.index()) {
            *s = true;
        }
    }
    let mut out = String::with_capacity(page.len() * 16);
    // Open elements as (end id, tag) so closing tags come without recursion.
    let mut open: Vec<(u32, &str)> = Vec::new();
    let mut raw_until = 0u32;
    let mut id = 1u32;
    let n = page.len() as u32;
    while id < n {
        while let Some(&(end, tag)) = open.last() {
            if id < end {
                break;
            }
            out.push_str("</");
            out.push_str(tag);
            out.push('>');
            open.pop();
        }
        let node = NodeId(id);
        if skip[node.index()] {
            id = page.end(node).0;
            continue;
        }
        match page.kind(node) {
            NodeKind::Element => {
                let tag = page.tag(node);
                out.push('<');
                out.push_str(tag);
                for (name, value) in page.attrs(node) {
                    out.push(' ');
                    out.push_str(page.names().text(name));
                    out.push_str("=\"");
                    escape_attr(value, &mut out);
                    out.push('"');
                }
                out.push('>');
                if !VOID.contains(&tag) {
                    open.push((page.end(node).0, tag));
                    if RAW_TEXT.contains(&tag) {
                        raw_until = page.end(node).0;
                    }
                }
            }
            NodeKind::Text => {
                if id < raw_until {
                    out.push_str(page.text(node));
                } else {
                    escape_text(page.text(node), &mut out);
                }
            }
            NodeKind::Comment => {
                out.push_str("<!--");
                out.push_str(&page.text(node).replace("-->", "--&gt;"));
                out.push_str("-->");
            }
            NodeKind::Doctype => {
                out.push_str("<!DOCTYPE ");
                out.push_str(if page.text(node).is_empty() {
                    "html"
                } else {
                    page.text(node)
                });
                out.push('>');
            }
            NodeKind::Document => {}
        }
        id += 1;
    }
    while let Some((_, tag)) = open.pop() {
        out.push_str("</");
        out.push_str(tag);
        out.push('>');
    }
    out
}

/// Elements that start a new line of text when a page is read as text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
    "option",
    "caption",
];
const UNRENDERED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "svg", "iframe",
];

/// The page's visible text with `removed` subtrees left out: blocks on their
/// own lines, scripts and styles skipped. What a reader sees after `clean`.
pub fn page_text(page: &Page, removed: &[NodeId]) -> String {
    let mut skip = vec![false; page.len()];
    for r in removed {
        if let Some(s) = skip.get_mut(r.index()) {
            *s = true;
        }
    }
    let mut out = String::new();
    let mut block_ends: Vec<u32> = Vec::new();
    let mut id = 1u32;
    let n = page.len() as u32;
    while id < n {
        while block_ends.last().is_some_and(|&e| id >= e) {
            block_ends.pop();
            out.push('\n');
        }
        let node = NodeId(id);
        if skip[node.index()] {
            id = page.end(node).0;
            continue;
        }
        match page.kind(node) {
            NodeKind::Element => {
                let tag = page.tag(node);
                if UNRENDERED.contains(&tag) {
                    id = page.end(node).0;
                    continue;
                }
                if BLOCKS.contains(&tag) {
                    out.push('\n');
                    block_ends.push(page.end(node).0);
                }
            }
            NodeKind::Text => out.push_str(page.text(node)),
            _ => {}
        }
        id += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_skips() {
        let page = Page::parse(b"<!DOCTYPE html><html><head><script>if (a<b) x()</script></head><body><p class=\"x\">A &amp; B</p><div id=ad>Ad</div><br></body></html>").unwrap();
        let html = page_html(&page, &[]);
        assert_eq!(html, "<!DOCTYPE html><html><head><script>if (a<b) x()</script></head><body><p class=\"x\">A &amp; B</p><div id=\"ad\">Ad</div><br></body></html>");
        let div = page
            .ids()
            .find(|&i| page.tag(i) == "div" && page.is_element(i))
            .unwrap();
        let html = page_html(&page, &[div]);
        assert!(!html.contains("Ad</div>") && html.contains("A &amp; B"));
    }
}
