//! The page model: an arena of nodes in document order.
//!
//! A node's id is its index; its descendants are exactly the ids
//! `id + 1 .. end(id)`, so subtree walks are ranges and nothing recurses. The
//! same `Page` comes from html5ever natively ([`Page::parse`]) and from a
//! browser snapshot ([`Page::from_snapshot`]).

pub mod names;
pub mod snapshot;

#[cfg(feature = "native")]
mod encoding;
#[cfg(feature = "native")]
mod html;

pub use names::Name;

/// Index of a node in its [`Page`] (and in the snapshot it came from, where
/// the document is 0 and the snapshot's first node is 1).
#[derive(
    Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct NodeId(pub u32);

impl NodeId {
    /// The index as `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What a node is; the numbers are the DOM's `nodeType`s.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum NodeKind {
    /// An element.
    Element = 1,
    /// A run of text.
    Text = 3,
    /// A comment (kept so the cleaned page serializes faithfully).
    Comment = 8,
    /// The document itself, always node 0.
    Document = 9,
    /// `<!DOCTYPE name>`.
    Doctype = 10,
}

impl NodeKind {
    /// The kind for a DOM `nodeType`.
    pub fn from_dom(n: u8) -> Option<NodeKind> {
        Some(match n {
            1 => NodeKind::Element,
            3 => NodeKind::Text,
            8 => NodeKind::Comment,
            9 => NodeKind::Document,
            10 => NodeKind::Doctype,
            _ => return None,
        })
    }
}

/// Per-node flags. The namespace bits come from either front door; the others
/// only a live browser knows, and natively they are never set.
pub mod flags {
    /// The element is in the SVG namespace.
    pub const SVG: u8 = 1;
    /// The element is in the MathML namespace.
    pub const MATHML: u8 = 2;
    /// The browser computed `display: none` or `visibility: hidden`.
    pub const COMPUTED_HIDDEN: u8 = 4;
    /// The browser laid the element out as an empty (0×0) box.
    pub const ZERO_SIZE: u8 = 8;
    /// Every flag a snapshot may carry.
    pub const ALL: u8 = SVG | MATHML | COMPUTED_HIDDEN | ZERO_SIZE;
}

const NONE: u32 = u32::MAX;

/// A node's kind, flags and name in one `u32`: 20 bytes a node instead of
/// 24, a sixth of the page, which on node-dense inputs is the largest table
/// resident while judging.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Head(u32);

impl Head {
    const KINDS: [NodeKind; 5] = [
        NodeKind::Element,
        NodeKind::Text,
        NodeKind::Comment,
        NodeKind::Document,
        NodeKind::Doctype,
    ];
    const FLAGS_SHIFT: u32 = 3;
    const NAME_SHIFT: u32 = 7;

    fn new(kind: NodeKind, flags: u8, name: Name) -> Head {
        let kind = Self::KINDS.iter().position(|&k| k == kind).unwrap_or(0) as u32;
        debug_assert!(name.0 < MAX_NAMES, "name id past MAX_NAMES");
        Head(kind | u32::from(flags & flags::ALL) << Self::FLAGS_SHIFT | name.0 << Self::NAME_SHIFT)
    }

    fn kind(self) -> NodeKind {
        Self::KINDS[(self.0 & 7) as usize]
    }

    fn flags(self) -> u8 {
        (self.0 >> Self::FLAGS_SHIFT & 15) as u8
    }

    fn name(self) -> Name {
        Name(self.0 >> Self::NAME_SHIFT)
    }
}

/// Distinct element and attribute names a page may hold: what the bits
/// [`Head`] leaves for a name can address. Each costs a few bytes of input
/// at least, so only a page of hundreds of megabytes made for it gets there.
pub const MAX_NAMES: u32 = 1 << (32 - Head::NAME_SHIFT);

#[derive(Clone, Debug)]
struct Node {
    head: Head,
    parent: u32,
    end: u32,
    /// Element: first index into `attrs`; text, comment, doctype: byte offset into `buf`.
    data_start: u32,
    /// Element: attribute count; others: byte length.
    data_len: u32,
}

#[derive(Clone, Debug)]
struct Attr {
    name: Name,
    start: u32,
    len: u32,
}

/// A parsed page. Cheap to walk, immutable once built.
#[derive(Clone, Debug)]
pub struct Page {
    nodes: Vec<Node>,
    attrs: Vec<Attr>,
    buf: String,
    names: names::Names,
    url: Option<String>,
}

/// Why a page could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageError {
    /// The input is larger than the page model can address.
    TooLarge(usize),
    /// The input has more distinct element and attribute names than
    /// [`MAX_NAMES`].
    TooManyNames(usize),
    /// A snapshot that does not describe a tree.
    BadSnapshot(String),
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PageError::TooLarge(n) => write!(
                f,
                "page too large ({n} bytes of text and attributes; the limit is 4 GiB)"
            ),
            PageError::TooManyNames(n) => write!(
                f,
                "page too large ({n} distinct element and attribute names; the limit is {MAX_NAMES})"
            ),
            PageError::BadSnapshot(why) => write!(f, "bad snapshot: {why}"),
        }
    }
}

impl std::error::Error for PageError {}

impl Page {
    /// Number of nodes, the document node included.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Never true: a page always has its document node.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The document node.
    pub fn root(&self) -> NodeId {
        NodeId(0)
    }

    /// The page's address, used to resolve relative links.
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// Sets the page's address.
    pub fn set_url(&mut self, url: Option<String>) {
        self.url = url;
    }

    /// All node ids in document order.
    pub fn ids(&self) -> impl DoubleEndedIterator<Item = NodeId> + ExactSizeIterator {
        (0..self.nodes.len() as u32).map(NodeId)
    }

    /// The kind of a node.
    pub fn kind(&self, id: NodeId) -> NodeKind {
        self.nodes[id.index()].head.kind()
    }

    /// True for elements.
    pub fn is_element(&self, id: NodeId) -> bool {
        self.kind(id) == NodeKind::Element
    }

    /// True for text nodes.
    pub fn is_text(&self, id: NodeId) -> bool {
        self.kind(id) == NodeKind::Text
    }

    /// The node's flags (see [`flags`]).
    pub fn flags(&self, id: NodeId) -> u8 {
        self.nodes[id.index()].head.flags()
    }

    /// The element's name id (meaningless for other kinds).
    pub fn name(&self, id: NodeId) -> Name {
        self.nodes[id.index()].head.name()
    }

    /// True when `id` is an HTML element named `name`.
    pub fn is(&self, id: NodeId, name: Name) -> bool {
        let h = self.nodes[id.index()].head;
        h.kind() == NodeKind::Element
            && h.name() == name
            && h.flags() & (flags::SVG | flags::MATHML) == 0
    }

    /// The element's tag name as text.
    pub fn tag(&self, id: NodeId) -> &str {
        self.names.text(self.name(id))
    }

    /// The page's name table.
    pub fn names(&self) -> &names::Names {
        &self.names
    }

    /// The parent, `None` for the document.
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        let p = self.nodes[id.index()].parent;
        (p != NONE).then_some(NodeId(p))
    }

    /// One past the last descendant: the subtree is `id .. end(id)`.
    pub fn end(&self, id: NodeId) -> NodeId {
        NodeId(self.nodes[id.index()].end)
    }

    /// The node's proper descendants in document order.
    pub fn descendants(&self, id: NodeId) -> impl DoubleEndedIterator<Item = NodeId> {
        (id.0 + 1..self.nodes[id.index()].end).map(NodeId)
    }

    /// True when `anc` is `id` or one of its ancestors.
    pub fn contains(&self, anc: NodeId, id: NodeId) -> bool {
        anc <= id && id.0 < self.nodes[anc.index()].end
    }

    /// The first child, if any.
    pub fn first_child(&self, id: NodeId) -> Option<NodeId> {
        let next = id.0 + 1;
        (next < self.nodes[id.index()].end).then_some(NodeId(next))
    }

    /// The next sibling, if any.
    pub fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
        let n = &self.nodes[id.index()];
        if n.parent == NONE {
            return None;
        }
        let after = n.end;
        (after < self.nodes[n.parent as usize].end).then_some(NodeId(after))
    }

    /// The children in order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            page: self,
            next: self.first_child(id),
        }
    }

    /// The element children in order.
    pub fn element_children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.children(id).filter(move |&c| self.is_element(c))
    }

    /// Ancestors from the parent up to the document.
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.parent(id), move |&p| self.parent(p))
    }

    /// Depth below the document (the document is 0). Walks the parent chain.
    pub fn depth(&self, id: NodeId) -> usize {
        self.ancestors(id).count()
    }

    /// The text of a text or comment node (empty for elements).
    pub fn text(&self, id: NodeId) -> &str {
        let n = &self.nodes[id.index()];
        match n.head.kind() {
            NodeKind::Text | NodeKind::Comment | NodeKind::Doctype => {
                self.slice(n.data_start, n.data_len)
            }
            _ => "",
        }
    }

    fn slice(&self, start: u32, len: u32) -> &str {
        &self.buf[start as usize..(start + len) as usize]
    }

    /// The element's attributes as (name, value) in source order.
    pub fn attrs(&self, id: NodeId) -> impl Iterator<Item = (Name, &str)> + '_ {
        let n = &self.nodes[id.index()];
        let range = if n.head.kind() == NodeKind::Element {
            n.data_start as usize..(n.data_start + n.data_len) as usize
        } else {
            0..0
        };
        self.attrs[range]
            .iter()
            .map(move |a| (a.name, self.slice(a.start, a.len)))
    }

    /// The value of attribute `name`.
    pub fn attr(&self, id: NodeId, name: Name) -> Option<&str> {
        self.attrs(id).find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// The value of an attribute given by its text name.
    pub fn attr_named(&self, id: NodeId, name: &str) -> Option<&str> {
        self.names.get(name).and_then(|n| self.attr(id, n))
    }

    /// The DOM's `textContent`: every descendant text node, concatenated.
    pub fn text_content(&self, id: NodeId) -> String {
        let mut out = String::new();
        if self.is_text(id) {
            out.push_str(self.text(id));
        }
        for d in self.descendants(id) {
            if self.is_text(d) {
                out.push_str(self.text(d));
            }
        }
        out
    }

    /// `text_content` as both front doors see it: the text of scripts and
    /// styles, which a browser snapshot does not carry
    /// ([`snapshot::keeps_text`]), is left out. The judge reads this, so a
    /// page judges the same natively and from its snapshot.
    pub fn carried_text(&self, id: NodeId) -> String {
        let mut out = String::new();
        if self.is_text(id) {
            out.push_str(self.text(id));
        }
        let mut muted_until = 0u32;
        for d in self.descendants(id) {
            if d.0 < muted_until {
                continue;
            }
            if self.is_text(d) {
                out.push_str(self.text(d));
            } else if self.is_element(d)
                && !snapshot::keeps_text(self.tag(d), self.attr(d, names::TYPE))
            {
                muted_until = self.end(d).0;
            }
        }
        out
    }

    /// The first element named `name` in document order.
    pub fn find(&self, name: Name) -> Option<NodeId> {
        self.ids().find(|&id| self.is(id, name))
    }

    /// The `<body>` (or the root element when the page has none).
    pub fn body(&self) -> Option<NodeId> {
        self.find(names::BODY)
            .or_else(|| self.find(names::FRAMESET))
            .or_else(|| self.element_children(self.root()).next())
    }
}

/// Iterator over a node's children.
pub struct Children<'a> {
    page: &'a Page,
    next: Option<NodeId>,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = self.next?;
        self.next = self.page.next_sibling(cur);
        Some(cur)
    }
}

/// Builds a [`Page`] in document order: open, add leaves, close.
pub(crate) struct PageBuilder {
    page: Page,
    stack: Vec<u32>,
}

impl PageBuilder {
    /// A builder holding only the document node.
    pub fn new() -> Self {
        let mut page = Page {
            nodes: Vec::new(),
            attrs: Vec::new(),
            buf: String::new(),
            names: names::Names::default(),
            url: None,
        };
        page.nodes.push(Node {
            head: Head::new(NodeKind::Document, 0, Name(0)),
            parent: NONE,
            end: 1,
            data_start: 0,
            data_len: 0,
        });
        PageBuilder {
            page,
            stack: vec![0],
        }
    }

    /// Room for `nodes` nodes, `attrs` attributes and `bytes` of text, so a
    /// large page is laid out without its arrays doubling (and being copied)
    /// as they fill.
    pub fn reserve(&mut self, nodes: usize, attrs: usize, bytes: usize) {
        self.page.nodes.reserve(nodes);
        self.page.attrs.reserve(attrs);
        self.page.buf.reserve(bytes);
    }

    /// Depth of the node that the next node will be appended under (document = 0).
    pub fn open_depth(&self) -> usize {
        self.stack.len() - 1
    }

    fn intern(&mut self, name: &str) -> Result<Name, PageError> {
        let name = self.page.names.intern(name);
        if name.0 >= MAX_NAMES {
            return Err(PageError::TooManyNames(self.page.names.len()));
        }
        Ok(name)
    }

    fn push_str(&mut self, s: &str) -> Result<(u32, u32), PageError> {
        let start = self.page.buf.len();
        let end = start + s.len();
        if end > u32::MAX as usize {
            return Err(PageError::TooLarge(end));
        }
        self.page.buf.push_str(s);
        Ok((start as u32, s.len() as u32))
    }

    fn push_node(
        &mut self,
        kind: NodeKind,
        flags: u8,
        name: Name,
        data: (u32, u32),
    ) -> Result<u32, PageError> {
        let id = self.page.nodes.len();
        if id >= NONE as usize - 1 {
            return Err(PageError::TooLarge(id));
        }
        let parent = *self.stack.last().unwrap_or(&0);
        self.page.nodes.push(Node {
            head: Head::new(kind, flags, name),
            parent,
            end: id as u32 + 1,
            data_start: data.0,
            data_len: data.1,
        });
        Ok(id as u32)
    }

    /// Opens an element; later nodes are its descendants until [`close`](Self::close).
    pub fn open<'a>(
        &mut self,
        tag: &str,
        flags: u8,
        attrs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<(), PageError> {
        let name = self.intern(tag)?;
        let first = self.page.attrs.len() as u32;
        let mut count = 0u32;
        for (n, v) in attrs {
            let name = self.intern(n)?;
            let (start, len) = self.push_str(v)?;
            self.page.attrs.push(Attr { name, start, len });
            count += 1;
        }
        let id = self.push_node(NodeKind::Element, flags, name, (first, count))?;
        self.stack.push(id);
        Ok(())
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) {
        if self.stack.len() > 1 {
            if let Some(id) = self.stack.pop() {
                self.page.nodes[id as usize].end = self.page.nodes.len() as u32;
            }
        }
    }

    /// Appends a leaf: text, comment or doctype.
    pub fn leaf(&mut self, kind: NodeKind, text: &str) -> Result<(), PageError> {
        let data = self.push_str(text)?;
        self.push_node(kind, 0, Name(0), data)?;
        Ok(())
    }

    /// Closes what is open and returns the page.
    pub fn finish(mut self) -> Page {
        while self.stack.len() > 1 {
            self.close();
        }
        let n = self.page.nodes.len() as u32;
        self.page.nodes[0].end = n;
        self.page
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Page {
        // <html><body><p>a<b>b</b></p>c</body></html>
        let mut b = PageBuilder::new();
        b.open("html", 0, []).unwrap();
        b.open("body", 0, [("class", "x")]).unwrap();
        b.open("p", 0, []).unwrap();
        b.leaf(NodeKind::Text, "a").unwrap();
        b.open("b", 0, []).unwrap();
        b.leaf(NodeKind::Text, "b").unwrap();
        b.close();
        b.close();
        b.leaf(NodeKind::Text, "c").unwrap();
        b.finish()
    }

    #[test]
    fn head_keeps_kind_flags_and_name() {
        let kinds = [
            NodeKind::Element,
            NodeKind::Text,
            NodeKind::Comment,
            NodeKind::Document,
            NodeKind::Doctype,
        ];
        for kind in kinds {
            for flags in 0..=flags::ALL {
                for name in [0, 1, 77, 1 << 20, MAX_NAMES - 1] {
                    let h = Head::new(kind, flags, Name(name));
                    assert_eq!((h.kind(), h.flags(), h.name()), (kind, flags, Name(name)));
                }
            }
        }
        // Bits outside the flags a page may carry are not kept.
        assert_eq!(Head::new(NodeKind::Text, 0xF0, Name(3)).flags(), 0);
    }

    #[test]
    fn is_means_an_html_element() {
        let mut b = PageBuilder::new();
        b.open("a", flags::SVG, []).unwrap();
        b.close();
        b.open("a", flags::COMPUTED_HIDDEN | flags::ZERO_SIZE, [])
            .unwrap();
        b.close();
        b.open("b", 0, []).unwrap();
        let page = b.finish();
        let is_a: Vec<bool> = page.ids().map(|id| page.is(id, names::A)).collect();
        assert_eq!(is_a, [false, false, true, false]);
        assert_eq!(page.flags(NodeId(1)), flags::SVG);
        assert_eq!(page.tag(NodeId(3)), "b");
        assert_eq!(std::mem::size_of::<Node>(), 20);
    }

    #[test]
    fn ranges_and_links() {
        let page = sample();
        assert_eq!(page.len(), 8);
        let body = page.body().unwrap();
        assert_eq!(page.tag(body), "body");
        assert_eq!(page.attr(body, names::CLASS), Some("x"));
        let kids: Vec<_> = page.children(body).collect();
        assert_eq!(kids.len(), 2);
        assert_eq!(page.tag(kids[0]), "p");
        assert_eq!(page.text(kids[1]), "c");
        assert_eq!(page.text_content(body), "abc");
        assert_eq!(page.depth(kids[1]), 3);
        assert!(page.contains(body, kids[1]));
        assert!(!page.contains(kids[0], kids[1]));
        assert_eq!(page.next_sibling(kids[1]), None);
    }
}
