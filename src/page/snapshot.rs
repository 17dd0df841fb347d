//! The snapshot: a page as plain data, so it can cross a message channel.
//!
//! A browser walks its live DOM once and fills these arrays; the engine (in the
//! same content script, or in an offscreen document) rebuilds the [`Page`] from
//! them. Nodes are listed in document order after the implicit document node,
//! each with its depth, so the tree needs no pointers. Texts and attribute
//! values are concatenated into one string each, with lengths in UTF-16 code
//! units (what JavaScript's `length` gives for free), so the whole snapshot
//! crosses into WASM as a handful of values.
//!
//! Only what the judge reads is carried (see [`keeps_attr`] and
//! [`keeps_text`]): the native front door judges the same reduced view, and a
//! parity test holds the two together.

use serde::{Deserialize, Serialize};

use super::names::{self, Name};
use super::{NodeKind, Page, PageBuilder, PageError};

/// The format version this build reads and writes.
pub const SNAPSHOT_VERSION: u32 = 1;

/// Attributes carried for every element.
pub const KEPT_ATTRS: &[&str] = &[
    "alt",
    "aria-hidden",
    "aria-label",
    "aria-modal",
    "charset",
    "class",
    "colspan",
    "content",
    "datatable",
    "datetime",
    "dir",
    "height",
    "hidden",
    "href",
    "http-equiv",
    "id",
    "itemprop",
    "itemtype",
    "lang",
    "name",
    "property",
    "rel",
    "role",
    "rowspan",
    "src",
    "srcset",
    "style",
    "summary",
    "title",
    "type",
    "width",
];

/// Elements whose attributes are all carried: media (lazy-image attributes
/// have site-specific names) and `<meta>`.
pub const ALL_ATTR_TAGS: &[&str] = &[
    "amp-img", "audio", "embed", "figure", "iframe", "img", "meta", "object", "picture", "source",
    "video",
];

/// `data-*` attributes longer than this are framework state, not signals.
pub const MAX_DATA_ATTR_LEN: usize = 256;

/// True when the snapshot carries attribute `attr` (of length `value_len` in
/// UTF-16 units) on element `tag`.
pub fn keeps_attr(tag: &str, attr: &str, value_len: usize) -> bool {
    ALL_ATTR_TAGS.contains(&tag)
        || KEPT_ATTRS.binary_search(&attr).is_ok()
        || (attr.starts_with("data-") && value_len <= MAX_DATA_ATTR_LEN)
}

/// True when the snapshot carries the text inside element `tag` (with its
/// `type` attribute): scripts only when they are JSON-LD, never styles.
pub fn keeps_text(tag: &str, script_type: Option<&str>) -> bool {
    match tag {
        "script" => {
            script_type.is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        }
        "style" => false,
        _ => true,
    }
}

/// Deeper nodes are laid out at this depth, as children of the element at
/// the level above: the nesting the HTML front door keeps (src/page/html.rs
/// drops start tags past 1024 levels; browsers' parsers flatten past 512).
/// Only script can build a DOM deeper than that, and the judge's per-level
/// work must stay bounded on it. Elements above the cap keep their subtrees
/// exactly, so ids and containment above it are unchanged.
pub const MAX_DEPTH: usize = 1024;

/// A page as plain data. Field names are camelCase on the wire.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    /// Format version, [`SNAPSHOT_VERSION`].
    pub v: u32,
    /// The page's address.
    #[serde(default)]
    pub url: Option<String>,
    /// Element and attribute names, referenced by index.
    pub names: Vec<String>,
    /// Per node: depth below the document (children of the document are 1).
    pub depth: Vec<u32>,
    /// Per node: DOM nodeType (1 element, 3 text, 8 comment, 10 doctype).
    pub kind: Vec<u8>,
    /// Per node: index into `names` (elements; 0 for other kinds).
    pub name: Vec<u32>,
    /// Per node: [`super::flags`] bits; may be empty (all zero).
    #[serde(default)]
    pub flags: Vec<u8>,
    /// Texts of text, comment and doctype nodes, in node order, concatenated.
    pub text: String,
    /// UTF-16 length of each of those texts.
    pub text_len: Vec<u32>,
    /// Per element, in node order: how many attributes it has.
    pub attr_count: Vec<u32>,
    /// Per attribute: index into `names`.
    pub attr_name: Vec<u32>,
    /// Attribute values, concatenated.
    pub attr_value: String,
    /// UTF-16 length of each value.
    pub attr_len: Vec<u32>,
}

/// Splits a concatenation into pieces by UTF-16 lengths.
struct Pieces<'a> {
    rest: &'a str,
    what: &'static str,
}

impl<'a> Pieces<'a> {
    fn take(&mut self, utf16_len: u32) -> Result<&'a str, PageError> {
        let mut units = 0u32;
        let mut bytes = 0usize;
        for c in self.rest.chars() {
            if units >= utf16_len {
                break;
            }
            units += c.len_utf16() as u32;
            bytes += c.len_utf8();
        }
        if units < utf16_len {
            return Err(bad(format!("{} shorter than its lengths say", self.what)));
        }
        let (piece, rest) = self.rest.split_at(bytes);
        self.rest = rest;
        Ok(piece)
    }
}

fn bad(why: String) -> PageError {
    PageError::BadSnapshot(why)
}

fn utf16_len(s: &str) -> u32 {
    s.chars().map(|c| c.len_utf16() as u32).sum()
}

impl Page {
    /// Builds a page from a snapshot, checking that it describes a tree.
    pub fn from_snapshot(s: &Snapshot) -> Result<Page, PageError> {
        if s.v != SNAPSHOT_VERSION {
            return Err(bad(format!(
                "version {} (this build reads {SNAPSHOT_VERSION})",
                s.v
            )));
        }
        let n = s.depth.len();
        if s.kind.len() != n || s.name.len() != n || !(s.flags.is_empty() || s.flags.len() == n) {
            return Err(bad("per-node arrays differ in length".into()));
        }
        let mut texts = Pieces {
            rest: &s.text,
            what: "text",
        };
        let mut values = Pieces {
            rest: &s.attr_value,
            what: "attrValue",
        };
        let (mut next_text, mut next_element, mut next_attr) = (0usize, 0usize, 0usize);
        let mut b = PageBuilder::new();
        // Sizes of data already received, not counts the snapshot claims.
        b.reserve(n, s.attr_name.len(), s.text.len() + s.attr_value.len());
        let mut attrs: Vec<(&str, &str)> = Vec::new();
        // Depth of the innermost open element as the snapshot gives it (before capping).
        let mut open = 0usize;
        for i in 0..n {
            let depth = s.depth[i] as usize;
            if depth == 0 || depth > open + 1 {
                return Err(bad(format!(
                    "node {i}: depth {depth} does not follow its predecessor"
                )));
            }
            open = if s.kind[i] == NodeKind::Element as u8 {
                depth
            } else {
                depth - 1
            };
            let depth = depth.min(MAX_DEPTH);
            while b.open_depth() >= depth {
                b.close();
            }
            let kind = NodeKind::from_dom(s.kind[i])
                .filter(|k| *k != NodeKind::Document)
                .ok_or_else(|| bad(format!("node {i}: unknown kind {}", s.kind[i])))?;
            let flags = s.flags.get(i).copied().unwrap_or(0) & super::flags::ALL;
            if kind == NodeKind::Element {
                let name = name_at(s, s.name[i])?;
                let count = *s
                    .attr_count
                    .get(next_element)
                    .ok_or_else(|| bad("attrCount shorter than the elements".into()))?
                    as usize;
                next_element += 1;
                attrs.clear();
                for _ in 0..count {
                    let an = *s
                        .attr_name
                        .get(next_attr)
                        .ok_or_else(|| bad("attrName shorter than attrCount says".into()))?;
                    let len = *s
                        .attr_len
                        .get(next_attr)
                        .ok_or_else(|| bad("attrLen shorter than attrCount says".into()))?;
                    next_attr += 1;
                    attrs.push((name_at(s, an)?, values.take(len)?));
                }
                b.open(name, flags, attrs.iter().copied())?;
            } else {
                let len = *s
                    .text_len
                    .get(next_text)
                    .ok_or_else(|| bad("textLen shorter than the text nodes".into()))?;
                next_text += 1;
                b.leaf(kind, texts.take(len)?)?;
            }
        }
        if next_element != s.attr_count.len()
            || next_text != s.text_len.len()
            || next_attr != s.attr_name.len()
        {
            return Err(bad(
                "trailing entries in attrCount, textLen or attrName".into()
            ));
        }
        let mut page = b.finish();
        page.url = s.url.clone();
        Ok(page)
    }

    /// The snapshot of this page, carrying only what the judge reads.
    pub fn to_snapshot(&self) -> Snapshot {
        let mut s = Snapshot {
            v: SNAPSHOT_VERSION,
            url: self.url.clone(),
            ..Snapshot::default()
        };
        let mut name_index: Vec<u32> = vec![u32::MAX; self.names.len()];
        let mut intern = |s: &mut Snapshot, name: Name, text: &str| -> u32 {
            let slot = &mut name_index[name.0 as usize];
            if *slot == u32::MAX {
                *slot = s.names.len() as u32;
                s.names.push(text.to_owned());
            }
            *slot
        };
        // Ids of elements whose text is not carried (non-JSON-LD scripts, styles).
        let mut muted_until = 0u32;
        // Ends of the open elements, so depths come without walking parent chains.
        let mut open: Vec<u32> = Vec::new();
        for id in self.ids().skip(1) {
            while open.last().is_some_and(|&end| id.0 >= end) {
                open.pop();
            }
            let kind = self.kind(id);
            s.depth.push(open.len() as u32 + 1);
            if kind == NodeKind::Element {
                open.push(self.end(id).0);
            }
            s.kind.push(kind as u8);
            s.flags.push(self.flags(id));
            match kind {
                NodeKind::Element => {
                    let tag = self.tag(id);
                    let idx = intern(&mut s, self.name(id), tag);
                    s.name.push(idx);
                    let mut count = 0;
                    for (an, value) in self.attrs(id) {
                        let text = self.names.text(an);
                        let len = utf16_len(value);
                        if keeps_attr(tag, text, len as usize) {
                            let idx = intern(&mut s, an, text);
                            s.attr_name.push(idx);
                            s.attr_value.push_str(value);
                            s.attr_len.push(len);
                            count += 1;
                        }
                    }
                    s.attr_count.push(count);
                    if id.0 >= muted_until && !keeps_text(tag, self.attr(id, names::TYPE)) {
                        muted_until = self.end(id).0;
                    }
                }
                _ => {
                    s.name.push(0);
                    let text = if id.0 < muted_until {
                        ""
                    } else {
                        self.text(id)
                    };
                    s.text.push_str(text);
                    s.text_len.push(utf16_len(text));
                }
            }
        }
        if s.flags.iter().all(|&f| f == 0) {
            s.flags.clear();
        }
        s
    }
}

fn name_at(s: &Snapshot, i: u32) -> Result<&str, PageError> {
    s.names
        .get(i as usize)
        .map(String::as_str)
        .filter(|n| !n.is_empty())
        .ok_or_else(|| bad(format!("name index {i} out of range")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_attrs_sorted_and_unique() {
        assert!(KEPT_ATTRS.windows(2).all(|w| w[0] < w[1]));
        assert!(ALL_ATTR_TAGS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn rejects_malformed_snapshots() {
        let mut s = Snapshot {
            v: SNAPSHOT_VERSION,
            names: vec!["html".into()],
            depth: vec![1, 3],
            kind: vec![1, 3],
            name: vec![0, 0],
            text: "x".into(),
            text_len: vec![1],
            attr_count: vec![0],
            ..Snapshot::default()
        };
        assert!(matches!(
            Page::from_snapshot(&s),
            Err(PageError::BadSnapshot(_))
        ));
        s.depth = vec![1, 2];
        assert!(Page::from_snapshot(&s).is_ok());
        s.text_len = vec![5];
        assert!(Page::from_snapshot(&s).is_err());
        s.text_len = vec![1];
        s.v = 99;
        assert!(Page::from_snapshot(&s).is_err());
    }

    #[test]
    fn utf16_lengths_split_astral_text() {
        let s = Snapshot {
            v: SNAPSHOT_VERSION,
            names: vec!["p".into()],
            depth: vec![1, 2, 2],
            kind: vec![1, 3, 3],
            name: vec![0, 0, 0],
            text: "a😀bc".into(),
            text_len: vec![3, 2],
            attr_count: vec![0],
            ..Snapshot::default()
        };
        let page = Page::from_snapshot(&s).unwrap();
        let texts: Vec<_> = page
            .ids()
            .filter(|&i| page.is_text(i))
            .map(|i| page.text(i))
            .collect();
        assert_eq!(texts, vec!["a😀", "bc"]);
    }
}
