//! The native front door: HTML bytes -> [`Page`] through html5ever.
//!
//! html5ever needs a tree it can rearrange (foster parenting, the adoption
//! agency), so the sink builds a linked tree of indexes first and then lays it
//! out in document order with one iterative walk.

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::collections::HashMap;
use std::ops::{Index, IndexMut};

use html5ever::interface::{ElementFlags, NodeOrText, QualName, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{local_name, ns, Attribute, LocalName, Namespace, TokenizerResult};

use super::{flags, NodeKind, Page, PageBuilder, PageError, NONE as NIL};

/// A growable array kept in fixed-size blocks. A page's node count is not
/// known before parsing, and a doubling `Vec` would copy everything on each
/// growth and leave up to half its room unused; here growth never copies and
/// at most one block is partly empty.
struct Blocks<T> {
    blocks: Vec<Vec<T>>,
    len: u32,
}

impl<T> Blocks<T> {
    /// Elements a block holds: 16384, 192 to 384 KiB of the types kept
    /// here. That is above glibc's mmap threshold (the CLI fixes it at 128
    /// KiB), so a block is mapped on its own and returned to the system
    /// when freed; heap blocks freed while laying the tree out stayed
    /// resident beside the page.
    const SHIFT: u32 = 14;
    const MASK: u32 = (1 << Self::SHIFT) - 1;

    fn new() -> Self {
        Blocks {
            blocks: Vec::new(),
            len: 0,
        }
    }

    fn len(&self) -> u32 {
        self.len
    }

    /// Appends `value` and returns its index, or `None` when the array holds
    /// `u32::MAX - 1` elements (`NIL` stays free to mean "none").
    fn push(&mut self, value: T) -> Option<u32> {
        let id = self.len;
        if id >= NIL - 1 {
            return None;
        }
        if id & Self::MASK == 0 {
            self.blocks.push(Vec::with_capacity(1 << Self::SHIFT));
        }
        self.blocks.last_mut()?.push(value);
        self.len += 1;
        Some(id)
    }

    fn iter(&self) -> impl Iterator<Item = &T> {
        self.blocks.iter().flatten()
    }

    /// Converts every element, freeing each block once it is converted, so
    /// the two arrays never exist in full at once.
    fn map<U>(self, mut f: impl FnMut(T) -> U) -> Blocks<U> {
        let mut blocks = Vec::with_capacity(self.blocks.len());
        for block in self.blocks {
            // Not `collect`, which may convert in place and keep the larger
            // allocation.
            let mut out = Vec::with_capacity(block.len());
            out.extend(block.into_iter().map(&mut f));
            blocks.push(out);
        }
        Blocks {
            blocks,
            len: self.len,
        }
    }
}

/// A table read once more, element by element, whose blocks are freed as
/// their last element is read: laying the linked tree out reads each node,
/// element, attribute and text once, mostly in creation order, so the
/// linked tree shrinks as the page grows instead of both existing in full.
struct Releasing<T> {
    table: Blocks<T>,
    /// Per block: elements not released yet.
    left: Vec<u16>,
}

impl<T> Releasing<T> {
    fn new(table: Blocks<T>) -> Self {
        let left = table.blocks.iter().map(|b| b.len() as u16).collect();
        Releasing { table, left }
    }

    /// Element `i` will not be read again; frees its block when no other
    /// element of it is left. Called at most once per element.
    fn release(&mut self, i: u32) {
        let b = (i >> Blocks::<T>::SHIFT) as usize;
        debug_assert!(self.left[b] > 0, "element {i} released twice");
        self.left[b] -= 1;
        if self.left[b] == 0 {
            self.table.blocks[b] = Vec::new();
        }
    }
}

impl<T> Index<u32> for Releasing<T> {
    type Output = T;
    fn index(&self, i: u32) -> &T {
        &self.table[i]
    }
}

impl<T> IndexMut<u32> for Releasing<T> {
    fn index_mut(&mut self, i: u32) -> &mut T {
        &mut self.table[i]
    }
}

impl<T> Index<u32> for Blocks<T> {
    type Output = T;
    fn index(&self, i: u32) -> &T {
        &self.blocks[(i >> Self::SHIFT) as usize][(i & Self::MASK) as usize]
    }
}

impl<T> IndexMut<u32> for Blocks<T> {
    fn index_mut(&mut self, i: u32) -> &mut T {
        &mut self.blocks[(i >> Self::SHIFT) as usize][(i & Self::MASK) as usize]
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Document,
    Element,
    Text,
    Comment,
    Doctype,
    Fragment,
}

impl Kind {
    const ALL: [Kind; 6] = [
        Kind::Document,
        Kind::Element,
        Kind::Text,
        Kind::Comment,
        Kind::Doctype,
        Kind::Fragment,
    ];
}

/// A node's kind and the index of its payload (in `elems` for elements, in
/// `texts` for text, comments and doctypes), packed in one `u32` to keep the
/// linked node at 24 bytes.
#[derive(Clone, Copy, Debug)]
struct Data(u32);

impl Data {
    const SHIFT: u32 = 29;
    /// Payload indexes must stay below this.
    const LIMIT: u32 = 1 << Self::SHIFT;

    fn new(kind: Kind, index: u32) -> Self {
        // The guard stops the parse when the tables near the limit (`full`).
        assert!(index < Self::LIMIT, "payload index overflow");
        Data((kind as u32) << Self::SHIFT | index)
    }

    fn kind(self) -> Kind {
        Kind::ALL[(self.0 >> Self::SHIFT) as usize]
    }

    fn index(self) -> u32 {
        self.0 & (Self::LIMIT - 1)
    }
}

struct LNode {
    data: Data,
    parent: u32,
    first: u32,
    last: u32,
    prev: u32,
    next: u32,
}

/// What flatten still needs of a node once the tree stops changing.
#[derive(Clone, Copy)]
struct Walk {
    data: Data,
    first: u32,
    next: u32,
}

/// html5ever's handle on a node: its id, and its kind and payload index,
/// which never change, so naming an element or reading its depth skips the
/// node table.
#[derive(Clone, Copy, Debug)]
struct Handle {
    id: u32,
    data: Data,
}

/// The namespaces html5ever creates elements in, indexed by `Elem::ns`.
static NAMESPACES: [Namespace; 3] = [ns!(html), ns!(svg), ns!(mathml)];
static NOT_AN_ELEMENT: Elem = Elem {
    local: local_name!(""),
    attrs: 0,
    depth: 0,
    ns: 0,
};

#[derive(Debug)]
struct Elem {
    local: LocalName,
    /// First index into `Tree::attrs`; the element's attributes run up to
    /// the next element's first (elements take theirs in creation order).
    attrs: u32,
    /// Tree depth when the element was inserted (not updated when html5ever
    /// moves a subtree, and saturating; it only feeds the nesting guard).
    depth: u16,
    /// Index into `NAMESPACES`.
    ns: u8,
}

/// The linked tree html5ever builds, kept in flat tables of `u32` indexes.
struct Tree {
    nodes: Blocks<LNode>,
    elems: Blocks<Elem>,
    attrs: Blocks<(LocalName, StrTendril)>,
    /// Attributes `add_attrs_if_missing` gave an element after its creation,
    /// by element index (a repeated `<html>` or `<body>` tag: rare).
    late_attrs: HashMap<u32, Vec<(LocalName, StrTendril)>>,
    texts: Blocks<StrTendril>,
}

impl Tree {
    fn handle(&self, id: u32) -> Handle {
        Handle {
            id,
            data: self.nodes[id].data,
        }
    }

    /// Depth of a node as a parent; only elements record theirs (the
    /// document and template contents are roots).
    fn depth(&self, node: Handle) -> u16 {
        match node.data.kind() {
            Kind::Element => self.elems[node.data.index()].depth,
            _ => 0,
        }
    }

    fn set_depth(&mut self, node: Handle, depth: u16) {
        if node.data.kind() == Kind::Element {
            self.elems[node.data.index()].depth = depth;
        }
    }

    fn detach(&mut self, id: u32) {
        let n = &self.nodes[id];
        let (parent, prev, next) = (n.parent, n.prev, n.next);
        if parent == NIL {
            return;
        }
        if prev != NIL {
            self.nodes[prev].next = next;
        } else {
            self.nodes[parent].first = next;
        }
        if next != NIL {
            self.nodes[next].prev = prev;
        } else {
            self.nodes[parent].last = prev;
        }
        let n = &mut self.nodes[id];
        n.parent = NIL;
        n.prev = NIL;
        n.next = NIL;
    }

    fn append_child(&mut self, parent: Handle, child: Handle) {
        self.detach(child.id);
        let depth = self.depth(parent).saturating_add(1);
        self.set_depth(child, depth);
        let (parent, child) = (parent.id, child.id);
        let last = self.nodes[parent].last;
        let n = &mut self.nodes[child];
        n.parent = parent;
        n.prev = last;
        if last != NIL {
            self.nodes[last].next = child;
        } else {
            self.nodes[parent].first = child;
        }
        self.nodes[parent].last = child;
    }

    fn insert_before(&mut self, sibling: Handle, child: Handle) {
        self.detach(child.id);
        // html5ever only inserts before a table (foster parenting).
        let depth = self.depth(sibling);
        self.set_depth(child, depth);
        let (sibling, child) = (sibling.id, child.id);
        let (parent, prev) = (self.nodes[sibling].parent, self.nodes[sibling].prev);
        let n = &mut self.nodes[child];
        n.parent = parent;
        n.prev = prev;
        n.next = sibling;
        self.nodes[sibling].prev = child;
        if prev != NIL {
            self.nodes[prev].next = child;
        } else if parent != NIL {
            self.nodes[parent].first = child;
        }
    }

    /// Indexes into `attrs` of the attributes element `elem` was created with.
    fn own_attrs(&self, elem: u32) -> std::ops::Range<u32> {
        let end = if elem + 1 < self.elems.len() {
            self.elems[elem + 1].attrs
        } else {
            self.attrs.len()
        };
        self.elems[elem].attrs..end
    }

    /// The text of `id` when it is a text node.
    fn text_mut(&mut self, id: u32) -> Option<&mut StrTendril> {
        let data = self.nodes[id].data;
        (data.kind() == Kind::Text).then(|| &mut self.texts[data.index()])
    }
}

struct Sink {
    tree: RefCell<Tree>,
    quirks: Cell<bool>,
    /// Depth of the parent the last node went under: the current insertion point.
    insertion_depth: Cell<u16>,
    /// Set once the tables are nearly full; the guard then drops every token
    /// and the parse fails with `TooLarge`.
    full: Cell<bool>,
}

/// Nodes past which the sink reports `full`: below what `Data` can address
/// by a margin no single token can cross (the most one makes is a clone of
/// each active formatting element, and the guard bounds their nesting).
const FULL_AT: u32 = Data::LIMIT - (1 << 20);

impl Sink {
    /// A sink holding only the document node, which is node 0.
    fn new() -> Self {
        let sink = Sink {
            tree: RefCell::new(Tree {
                nodes: Blocks::new(),
                elems: Blocks::new(),
                attrs: Blocks::new(),
                late_attrs: HashMap::new(),
                texts: Blocks::new(),
            }),
            quirks: Cell::new(false),
            insertion_depth: Cell::new(0),
            full: Cell::new(false),
        };
        sink.new_node(Kind::Document, 0);
        sink
    }

    fn new_node(&self, kind: Kind, index: u32) -> Handle {
        let mut tree = self.tree.borrow_mut();
        // Payload indexes never pass the node count.
        if tree.nodes.len() >= FULL_AT {
            self.full.set(true);
        }
        let data = Data::new(kind, index);
        let id = tree.nodes.push(LNode {
            data,
            parent: NIL,
            first: NIL,
            last: NIL,
            prev: NIL,
            next: NIL,
        });
        let id = id.expect("the guard stops the parse long before the node table fills");
        Handle { id, data }
    }

    fn new_text(&self, kind: Kind, text: StrTendril) -> Handle {
        let index = self.tree.borrow_mut().texts.push(text);
        self.new_node(kind, index.expect("bounded by the node count"))
    }

    /// Appends text to `parent`, merging with a trailing text node.
    fn append_text(&self, parent: Handle, text: StrTendril) {
        let mut tree = self.tree.borrow_mut();
        let last = tree.nodes[parent.id].last;
        if last != NIL {
            if let Some(t) = tree.text_mut(last) {
                t.push_tendril(&text);
                return;
            }
        }
        drop(tree);
        let node = self.new_text(Kind::Text, text);
        self.tree.borrow_mut().append_child(parent, node);
    }

    fn text_before(&self, sibling: Handle, text: StrTendril) {
        let mut tree = self.tree.borrow_mut();
        let prev = tree.nodes[sibling.id].prev;
        if prev != NIL {
            if let Some(t) = tree.text_mut(prev) {
                t.push_tendril(&text);
                return;
            }
        }
        drop(tree);
        let node = self.new_text(Kind::Text, text);
        self.tree.borrow_mut().insert_before(sibling, node);
    }
}

/// An element's name as html5ever asks for it, borrowed from the tree.
#[derive(Debug)]
struct ElemName<'a>(Ref<'a, Elem>);

impl html5ever::interface::ElemName for ElemName<'_> {
    fn ns(&self) -> &Namespace {
        &NAMESPACES[self.0.ns as usize]
    }

    fn local_name(&self) -> &LocalName {
        &self.0.local
    }
}

impl TreeSink for Sink {
    type Handle = Handle;
    type Output = Self;
    type ElemName<'a> = ElemName<'a>;

    fn finish(self) -> Self {
        self
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        Handle {
            id: 0,
            data: Data::new(Kind::Document, 0),
        }
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> ElemName<'a> {
        ElemName(Ref::map(self.tree.borrow(), |tree| {
            // html5ever only asks for names of elements it created.
            if target.data.kind() == Kind::Element {
                &tree.elems[target.data.index()]
            } else {
                &NOT_AN_ELEMENT
            }
        }))
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        if flags.template {
            // The contents come right before their template, which is how
            // get_template_contents finds them.
            self.new_node(Kind::Fragment, 0);
        }
        let ns = NAMESPACES.iter().position(|ns| *ns == name.ns);
        debug_assert!(ns.is_some(), "html5ever made an element in {:?}", name.ns);
        let mut tree = self.tree.borrow_mut();
        let first = tree.attrs.len();
        for a in attrs {
            // Only the local name survives into the Page.
            tree.attrs
                .push((a.name.local, a.value))
                .expect("bounded by the input size");
        }
        let index = tree.elems.push(Elem {
            local: name.local,
            attrs: first,
            depth: 0,
            ns: ns.unwrap_or(0) as u8,
        });
        drop(tree);
        self.new_node(Kind::Element, index.expect("bounded by the node count"))
    }

    fn create_comment(&self, text: StrTendril) -> Handle {
        self.new_text(Kind::Comment, text)
    }

    fn create_pi(&self, _target: StrTendril, data: StrTendril) -> Handle {
        self.new_text(Kind::Comment, data)
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.insertion_depth.set(self.tree.borrow().depth(*parent));
        match child {
            NodeOrText::AppendNode(n) => self.tree.borrow_mut().append_child(*parent, n),
            NodeOrText::AppendText(t) => self.append_text(*parent, t),
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        let has_parent = self.tree.borrow().nodes[element.id].parent != NIL;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        _public: StrTendril,
        _system: StrTendril,
    ) {
        let node = self.new_text(Kind::Doctype, name);
        let document = self.get_document();
        self.tree.borrow_mut().append_child(document, node);
    }

    fn get_template_contents(&self, target: &Handle) -> Handle {
        let tree = self.tree.borrow();
        if target.data.kind() == Kind::Element && target.id > 0 {
            let before = tree.handle(target.id - 1);
            if before.data.kind() == Kind::Fragment {
                return before;
            }
        }
        *target
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x.id == y.id
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.quirks.set(mode == QuirksMode::Quirks);
    }

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        match new_node {
            NodeOrText::AppendNode(n) => self.tree.borrow_mut().insert_before(*sibling, n),
            NodeOrText::AppendText(t) => self.text_before(*sibling, t),
        }
    }

    fn add_attrs_if_missing(&self, target: &Handle, add: Vec<Attribute>) {
        if target.data.kind() != Kind::Element {
            return;
        }
        let elem = target.data.index();
        let mut tree = self.tree.borrow_mut();
        let own = tree.own_attrs(elem);
        let Tree {
            attrs, late_attrs, ..
        } = &mut *tree;
        for a in add {
            // html5ever adds these only to <html> and <body>, whose
            // attributes are all plain (no prefix, no namespace), so the
            // local name identifies them.
            let late = late_attrs.get(&elem).map_or(&[][..], Vec::as_slice);
            let known = own.clone().any(|i| attrs[i].0 == a.name.local)
                || late.iter().any(|(n, _)| *n == a.name.local);
            if !known {
                late_attrs
                    .entry(elem)
                    .or_default()
                    .push((a.name.local, a.value));
            }
        }
    }

    fn remove_from_parent(&self, target: &Handle) {
        self.tree.borrow_mut().detach(target.id);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        let mut tree = self.tree.borrow_mut();
        let mut child = tree.nodes[node.id].first;
        while child != NIL {
            let next = tree.nodes[child].next;
            let handle = tree.handle(child);
            tree.append_child(*new_parent, handle);
            child = next;
        }
    }
}

/// The Page flags for `Elem::ns`.
const NAMESPACE_FLAGS: [u8; 3] = [0, flags::SVG, flags::MATHML];

/// Past this depth, start tags are dropped, so their content joins the deepest
/// open element (browsers flatten past 512 levels the same way). html5ever's
/// scope checks walk the open-element stack, so unbounded nesting would cost
/// quadratic time: a 100,000-deep page took 33 s before this guard.
const MAX_PARSE_DEPTH: u16 = 1024;

/// Sits between the tokenizer and the tree builder and keeps nesting bounded.
struct NestingGuard {
    builder: TreeBuilder<Handle, Sink>,
    /// Start tags dropped whose end tags are still to come.
    dropped: Cell<u32>,
}

impl NestingGuard {
    fn droppable(name: &html5ever::LocalName) -> bool {
        // Void elements never nest; raw-text elements switch the tokenizer's
        // state through the tree builder, so they must always pass.
        !matches!(
            *name,
            local_name!("area")
                | local_name!("base")
                | local_name!("br")
                | local_name!("col")
                | local_name!("embed")
                | local_name!("hr")
                | local_name!("img")
                | local_name!("input")
                | local_name!("link")
                | local_name!("meta")
                | local_name!("source")
                | local_name!("track")
                | local_name!("wbr")
                | local_name!("script")
                | local_name!("style")
                | local_name!("textarea")
                | local_name!("title")
                | local_name!("xmp")
                | local_name!("iframe")
                | local_name!("noembed")
                | local_name!("noframes")
                | local_name!("noscript")
                | local_name!("plaintext")
        )
    }
}

impl TokenSink for NestingGuard {
    type Handle = Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Handle> {
        if self.builder.sink.full.get() {
            return TokenSinkResult::Continue;
        }
        if let Token::TagToken(tag) = &token {
            if Self::droppable(&tag.name) {
                match tag.kind {
                    TagKind::StartTag
                        if self.builder.sink.insertion_depth.get() >= MAX_PARSE_DEPTH =>
                    {
                        self.dropped.set(self.dropped.get() + 1);
                        return TokenSinkResult::Continue;
                    }
                    TagKind::EndTag if self.dropped.get() > 0 => {
                        self.dropped.set(self.dropped.get() - 1);
                        return TokenSinkResult::Continue;
                    }
                    _ => {}
                }
            }
        }
        self.builder.process_token(token, line_number)
    }

    fn end(&self) {
        self.builder.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// Lays the linked tree out in document order, iteratively. The links only
/// html5ever's moves needed are dropped first, and each node, element,
/// attribute and text is freed once copied, block by block, so the linked
/// tree and the page do not both hold everything at the peak.
fn flatten(sink: Sink) -> Result<Page, PageError> {
    if sink.full.get() {
        return Err(PageError::TooLarge(sink.tree.borrow().nodes.len() as usize));
    }
    let Tree {
        nodes,
        elems,
        attrs,
        mut late_attrs,
        texts,
    } = sink.tree.into_inner();
    let late_count: usize = late_attrs.values().map(Vec::len).sum();
    let value_bytes: usize = (attrs.iter())
        .chain(late_attrs.values().flatten())
        .map(|(_, v)| v.len())
        .sum();
    let text_bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mut nodes = Releasing::new(nodes.map(|n| Walk {
        data: n.data,
        first: n.first,
        next: n.next,
    }));
    // An element's attributes end where the next element's begin; that one
    // may sit in a block already freed, so each block's first is kept.
    let block_firsts: Vec<u32> = (elems.blocks.iter())
        .map(|b| b.first().map_or(0, |e| e.attrs))
        .collect();
    let (elem_count, attr_count) = (elems.len(), attrs.len());
    let (mut elems, mut attrs, mut texts) = (
        Releasing::new(elems),
        Releasing::new(attrs),
        Releasing::new(texts),
    );
    let mut b = PageBuilder::new();
    b.reserve(
        nodes.table.len() as usize,
        attr_count as usize + late_count,
        value_bytes + text_bytes,
    );
    // The next sibling of each open element, read when it opens, so that
    // every node is read just once.
    let mut open: Vec<u32> = Vec::new();
    let mut id = nodes[0].first;
    nodes.release(0);
    loop {
        while id == NIL {
            let Some(next) = open.pop() else {
                return Ok(b.finish());
            };
            b.close();
            id = next;
        }
        let Walk { data, first, next } = nodes[id];
        nodes.release(id);
        match data.kind() {
            Kind::Element => {
                let e = data.index();
                let end = if e + 1 >= elem_count {
                    attr_count
                } else if (e + 1) & Blocks::<Elem>::MASK == 0 {
                    block_firsts[((e + 1) >> Blocks::<Elem>::SHIFT) as usize]
                } else {
                    elems[e + 1].attrs
                };
                let own = elems[e].attrs..end;
                // Checked first: hashing for every element costs 3 % of the parse.
                let late = (!late_attrs.is_empty())
                    .then(|| late_attrs.remove(&e))
                    .flatten();
                let elem = &elems[e];
                let list = (own.clone().map(|i| &attrs[i]))
                    .chain(late.iter().flatten())
                    .map(|(name, value)| (&**name, &**value));
                b.open(&elem.local, NAMESPACE_FLAGS[elem.ns as usize], list)?;
                elems.release(e);
                for i in own {
                    // Frees a long value now, even if a detached element
                    // keeps its block.
                    attrs[i].1 = StrTendril::new();
                    attrs.release(i);
                }
                if first != NIL {
                    open.push(next);
                    id = first;
                    continue;
                }
                b.close();
            }
            Kind::Text | Kind::Comment | Kind::Doctype => {
                let text = std::mem::take(&mut texts[data.index()]);
                texts.release(data.index());
                let kind = match data.kind() {
                    Kind::Text => NodeKind::Text,
                    Kind::Comment => NodeKind::Comment,
                    _ => NodeKind::Doctype,
                };
                b.leaf(kind, &text)?;
            }
            Kind::Document | Kind::Fragment => {}
        }
        id = next;
    }
}

impl Page {
    /// Parses HTML bytes, sniffing the encoding (BOM, then `<meta charset>`,
    /// then UTF-8 when valid, else a legacy encoding). Invalid bytes become
    /// U+FFFD.
    pub fn parse(bytes: &[u8]) -> Result<Page, PageError> {
        let mut parser = Parser::new();
        super::encoding::decode_in_pieces(bytes, PIECE_BYTES, |text| parser.feed(text));
        parser.finish()
    }

    /// [`Page::parse`], freeing the bytes once they are tokenized: laying
    /// the tree out is the parse's peak, and the input is no part of it.
    pub fn parse_owned(bytes: Vec<u8>) -> Result<Page, PageError> {
        let mut parser = Parser::new();
        super::encoding::decode_in_pieces(&bytes, PIECE_BYTES, |text| parser.feed(text));
        drop(bytes);
        parser.finish()
    }

    /// Parses HTML text that is already decoded.
    pub fn parse_str(html: &str) -> Result<Page, PageError> {
        parse_in_pieces(html, PIECE_BYTES)
    }

    /// Parses and records the page's address.
    pub fn parse_with_url(bytes: &[u8], url: Option<&str>) -> Result<Page, PageError> {
        let mut page = Self::parse(bytes)?;
        page.url = url.map(str::to_owned);
        Ok(page)
    }
}

/// How much text the tokenizer is handed at a time: it copies what it is
/// handed, and a copy of a whole large page would outweigh its tree.
const PIECE_BYTES: usize = 1 << 16;

/// The longest text a page may have: its offsets must fit in `u32`.
const MAX_TEXT_BYTES: usize = u32::MAX as usize / 2;

fn parse_in_pieces(html: &str, size: usize) -> Result<Page, PageError> {
    if html.len() > MAX_TEXT_BYTES {
        return Err(PageError::TooLarge(html.len()));
    }
    let mut parser = Parser::new();
    super::encoding::pieces(html, size).for_each(|text| parser.feed(text));
    parser.finish()
}

/// html5ever fed piece by piece.
struct Parser {
    tokenizer: Tokenizer<NestingGuard>,
    input: BufferQueue,
    /// Text bytes received so far; past `MAX_TEXT_BYTES` the rest is only
    /// counted, for the error.
    len: usize,
}

impl Parser {
    fn new() -> Self {
        let builder = TreeBuilder::new(Sink::new(), TreeBuilderOpts::default());
        let guard = NestingGuard {
            builder,
            dropped: Cell::new(0),
        };
        Parser {
            tokenizer: Tokenizer::new(guard, TokenizerOpts::default()),
            input: BufferQueue::default(),
            len: 0,
        }
    }

    fn feed(&mut self, text: &str) {
        self.len += text.len();
        if self.len > MAX_TEXT_BYTES {
            return;
        }
        self.input.push_back(StrTendril::from_slice(text));
        // A `Script` result only pauses for script execution; we run none.
        while !matches!(self.tokenizer.feed(&self.input), TokenizerResult::Done) {}
    }

    fn finish(self) -> Result<Page, PageError> {
        if self.len > MAX_TEXT_BYTES {
            return Err(PageError::TooLarge(self.len));
        }
        self.tokenizer.end();
        flatten(self.tokenizer.sink.builder.sink)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::names;

    #[test]
    fn releasing_frees_a_block_with_its_last_element() {
        let k = 1u32 << Blocks::<u32>::SHIFT;
        let n = 3 * k + 5;
        let mut table = Blocks::new();
        for i in 0..n {
            table.push(i);
        }
        let mut r = Releasing::new(table);
        assert_eq!(r.left, [k as u16, k as u16, k as u16, 5]);
        // Out of order within the second block; its last release frees it.
        for i in (k..2 * k).rev() {
            assert_eq!(r[i], i);
            r.release(i);
        }
        assert_eq!(r.table.blocks[1].capacity(), 0);
        // One element short of the first block: it stays whole.
        for i in 1..k {
            r.release(i);
        }
        assert_eq!(r.table.blocks[0].len(), k as usize);
        assert_eq!(r[0], 0);
        assert_eq!(r[2 * k + 7], 2 * k + 7);
        assert_eq!(r[n - 1], n - 1);
        r.release(0);
        assert_eq!(r.table.blocks[0].capacity(), 0);
    }

    #[test]
    fn parse_owned_matches_parse() {
        // Legacy-encoded, and longer than a piece, so sniffing and piecing
        // both take part.
        let mut bytes = b"<meta charset=windows-1252><p class=x>caf\xe9</p>".to_vec();
        for i in 0..(PIECE_BYTES / 16) {
            bytes.extend_from_slice(format!("<p>{i} ").as_bytes());
            bytes.extend_from_slice(b"\xe9t\xe9</p>");
        }
        let page = Page::parse(&bytes).unwrap();
        let owned = Page::parse_owned(bytes).unwrap();
        assert_eq!(owned.len(), page.len());
        assert_eq!(owned.to_snapshot(), page.to_snapshot());
        assert_eq!(
            owned
                .text_content(owned.root())
                .chars()
                .filter(|&c| c == 'é')
                .count(),
            1 + 2 * (PIECE_BYTES / 16)
        );
    }

    #[test]
    fn parses_a_document() {
        let page = Page::parse(b"<!doctype html><title>T</title><p class=a>One<p>Two").unwrap();
        let ps: Vec<_> = page.ids().filter(|&id| page.is(id, names::P)).collect();
        assert_eq!(ps.len(), 2);
        assert_eq!(page.text_content(ps[0]), "One");
        assert_eq!(page.attr(ps[0], names::CLASS), Some("a"));
        assert_eq!(page.kind(crate::page::NodeId(1)), NodeKind::Doctype);
    }

    #[test]
    fn foster_parenting_and_adoption_agency() {
        let page =
            Page::parse(b"<table><tr><td>x</td></tr>loose</table><b>1<p>2</b>3</p>").unwrap();
        let body = page.body().unwrap();
        let text = page.text_content(body);
        assert_eq!(text, "loosex123");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 100_000;
        let html = "<div>".repeat(depth) + "deep" + &"</div>".repeat(depth);
        let page = Page::parse(html.as_bytes()).unwrap();
        assert!(page.len() > 1000);
        assert!(page.text_content(page.root()).contains("deep"));
    }

    #[test]
    fn svg_is_flagged() {
        let page = Page::parse(b"<svg><title>icon</title></svg><title>Real</title>").unwrap();
        let titles: Vec<_> = page
            .ids()
            .filter(|&id| page.is_element(id) && page.tag(id) == "title")
            .collect();
        assert_eq!(titles.len(), 2);
        assert!(titles.iter().any(|&t| page.flags(t) & flags::SVG != 0));
        assert_eq!(
            page.find(names::TITLE)
                .map(|t| page.text_content(t))
                .as_deref(),
            Some("Real")
        );
    }

    #[test]
    fn blocks_index_across_blocks_and_map_keeps_order() {
        let mut blocks = Blocks::new();
        let n = 3 * (1 << Blocks::<u64>::SHIFT) + 5;
        for i in 0..n {
            assert_eq!(blocks.push(u64::from(i) * 3), Some(i));
        }
        assert_eq!(blocks.len(), n);
        assert_eq!(blocks.blocks.len(), 4);
        blocks[n - 1] += 1;
        assert_eq!(blocks[n - 1], u64::from(n - 1) * 3 + 1);
        assert_eq!(blocks[1 << Blocks::<u64>::SHIFT], 3 << Blocks::<u64>::SHIFT);
        let halves = blocks.map(|v| (v / 3) as u32);
        assert_eq!(halves.len(), n);
        assert!(halves.iter().copied().eq(0..n));
    }

    #[test]
    fn data_packs_kind_and_index() {
        for kind in Kind::ALL {
            let data = Data::new(kind, Data::LIMIT - 1);
            assert_eq!((data.kind(), data.index()), (kind, Data::LIMIT - 1));
        }
    }

    /// Everything a Page says about its nodes, for comparing two parses.
    fn dump(page: &Page) -> Vec<String> {
        page.ids()
            .map(|id| {
                let attrs: Vec<_> = page
                    .attrs(id)
                    .map(|(n, v)| format!("{}={v}", page.names().text(n)))
                    .collect();
                format!(
                    "{:?} {} {} {:?} {} {:?} {attrs:?}",
                    page.kind(id),
                    page.flags(id),
                    if page.is_element(id) {
                        page.tag(id)
                    } else {
                        ""
                    },
                    page.parent(id),
                    page.end(id).0,
                    page.text(id),
                )
            })
            .collect()
    }

    #[test]
    fn piece_boundaries_do_not_change_the_page() {
        let html = "<!doctype html><p class=\"a b\">caf\u{e9} &amp; &nGt; \r\n\r\ntea\0</p>\
            <table>loose<tr><td>x</td>more</table><b>1<p>2</b>3</p>\
            <svg viewBox=\"0 0 1 1\"><title>t</title></svg><!-- c -->"
            .repeat(3);
        let whole = dump(&parse_in_pieces(&html, usize::MAX).unwrap());
        for chunk in 1..=17 {
            assert_eq!(
                dump(&parse_in_pieces(&html, chunk).unwrap()),
                whole,
                "{chunk}"
            );
        }
    }

    #[test]
    fn repeated_html_and_body_tags_add_missing_attributes() {
        let page =
            Page::parse(b"<html a=1><body b=2><p x=0><html a=9 c=3><body b=8 d=4 e=5>").unwrap();
        let pairs = |id| {
            page.attrs(id)
                .map(|(n, v)| format!("{}={v}", page.names().text(n)))
                .collect::<Vec<_>>()
        };
        assert_eq!(pairs(page.find(names::HTML).unwrap()), ["a=1", "c=3"]);
        assert_eq!(
            pairs(page.find(names::BODY).unwrap()),
            ["b=2", "d=4", "e=5"]
        );
        assert_eq!(pairs(page.find(names::P).unwrap()), ["x=0"]);
    }

    #[test]
    fn template_contents_stay_out_of_the_page() {
        let page = Page::parse(b"<template><p>inside</p></template><p>after</p>").unwrap();
        let template = page.find(names::TEMPLATE).unwrap();
        assert_eq!(page.first_child(template), None);
        assert_eq!(page.text_content(page.root()), "after");
    }
}
