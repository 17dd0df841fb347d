//! The native front door: HTML bytes -> [`Page`] through html5ever.
//!
//! html5ever needs a tree it can rearrange (foster parenting, the adoption
//! agency), so the sink builds a linked tree of indexes first and then lays it
//! out in document order with one iterative walk.

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};

use html5ever::interface::{ElementFlags, NodeOrText, QualName, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{local_name, ns, Attribute, TokenizerResult};

use super::{flags, NodeKind, Page, PageBuilder, PageError};

const NIL: usize = usize::MAX;

enum Data {
    Document,
    Element {
        name: QualName,
        attrs: Vec<Attribute>,
        template: Option<usize>,
    },
    Text(StrTendril),
    Comment(StrTendril),
    Doctype(StrTendril),
    Fragment,
}

struct LNode {
    data: Data,
    /// Tree depth when the node was inserted (not updated when html5ever
    /// moves a subtree; it only feeds the nesting guard).
    depth: u32,
    parent: usize,
    first: usize,
    last: usize,
    prev: usize,
    next: usize,
}

struct Sink {
    nodes: RefCell<Vec<LNode>>,
    quirks: Cell<bool>,
    /// Depth of the parent the last node went under: the current insertion point.
    insertion_depth: Cell<u32>,
}

impl Sink {
    /// A sink holding only the document node, which is node 0.
    fn new() -> Self {
        let sink = Sink {
            nodes: RefCell::new(Vec::new()),
            quirks: Cell::new(false),
            insertion_depth: Cell::new(0),
        };
        sink.new_node(Data::Document);
        sink
    }

    fn new_node(&self, data: Data) -> usize {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(LNode {
            data,
            depth: 0,
            parent: NIL,
            first: NIL,
            last: NIL,
            prev: NIL,
            next: NIL,
        });
        nodes.len() - 1
    }

    fn detach(nodes: &mut [LNode], id: usize) {
        let (parent, prev, next) = (nodes[id].parent, nodes[id].prev, nodes[id].next);
        if parent == NIL {
            return;
        }
        if prev != NIL {
            nodes[prev].next = next;
        } else {
            nodes[parent].first = next;
        }
        if next != NIL {
            nodes[next].prev = prev;
        } else {
            nodes[parent].last = prev;
        }
        nodes[id].parent = NIL;
        nodes[id].prev = NIL;
        nodes[id].next = NIL;
    }

    fn append_child(nodes: &mut [LNode], parent: usize, child: usize) {
        Self::detach(nodes, child);
        let last = nodes[parent].last;
        nodes[child].parent = parent;
        nodes[child].depth = nodes[parent].depth + 1;
        nodes[child].prev = last;
        if last != NIL {
            nodes[last].next = child;
        } else {
            nodes[parent].first = child;
        }
        nodes[parent].last = child;
    }

    fn insert_before(nodes: &mut [LNode], sibling: usize, child: usize) {
        Self::detach(nodes, child);
        let parent = nodes[sibling].parent;
        let prev = nodes[sibling].prev;
        nodes[child].parent = parent;
        nodes[child].depth = nodes[sibling].depth;
        nodes[child].prev = prev;
        nodes[child].next = sibling;
        nodes[sibling].prev = child;
        if prev != NIL {
            nodes[prev].next = child;
        } else if parent != NIL {
            nodes[parent].first = child;
        }
    }

    /// Appends text to `parent`, merging with a trailing text node.
    fn append_text(&self, parent: usize, text: StrTendril) {
        let last = self.nodes.borrow()[parent].last;
        if last != NIL {
            if let Data::Text(t) = &mut self.nodes.borrow_mut()[last].data {
                t.push_tendril(&text);
                return;
            }
        }
        let id = self.new_node(Data::Text(text));
        Self::append_child(&mut self.nodes.borrow_mut(), parent, id);
    }

    fn text_before(&self, sibling: usize, text: StrTendril) {
        let prev = self.nodes.borrow()[sibling].prev;
        if prev != NIL {
            if let Data::Text(t) = &mut self.nodes.borrow_mut()[prev].data {
                t.push_tendril(&text);
                return;
            }
        }
        let id = self.new_node(Data::Text(text));
        Self::insert_before(&mut self.nodes.borrow_mut(), sibling, id);
    }
}

impl TreeSink for Sink {
    type Handle = usize;
    type Output = Self;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Self {
        self
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> usize {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a usize) -> Ref<'a, QualName> {
        Ref::map(self.nodes.borrow(), |nodes| match &nodes[*target].data {
            Data::Element { name, .. } => name,
            // html5ever only asks for names of elements it created.
            _ => unreachable_name(),
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> usize {
        let template = flags.template.then(|| self.new_node(Data::Fragment));
        self.new_node(Data::Element {
            name,
            attrs,
            template,
        })
    }

    fn create_comment(&self, text: StrTendril) -> usize {
        self.new_node(Data::Comment(text))
    }

    fn create_pi(&self, _target: StrTendril, data: StrTendril) -> usize {
        self.new_node(Data::Comment(data))
    }

    fn append(&self, parent: &usize, child: NodeOrText<usize>) {
        self.insertion_depth.set(self.nodes.borrow()[*parent].depth);
        match child {
            NodeOrText::AppendNode(n) => {
                Self::append_child(&mut self.nodes.borrow_mut(), *parent, n)
            }
            NodeOrText::AppendText(t) => self.append_text(*parent, t),
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &usize,
        prev_element: &usize,
        child: NodeOrText<usize>,
    ) {
        let has_parent = self.nodes.borrow()[*element].parent != NIL;
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
        let id = self.new_node(Data::Doctype(name));
        Self::append_child(&mut self.nodes.borrow_mut(), 0, id);
    }

    fn get_template_contents(&self, target: &usize) -> usize {
        match &self.nodes.borrow()[*target].data {
            Data::Element {
                template: Some(t), ..
            } => *t,
            _ => *target,
        }
    }

    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.quirks.set(mode == QuirksMode::Quirks);
    }

    fn append_before_sibling(&self, sibling: &usize, new_node: NodeOrText<usize>) {
        match new_node {
            NodeOrText::AppendNode(n) => {
                Self::insert_before(&mut self.nodes.borrow_mut(), *sibling, n)
            }
            NodeOrText::AppendText(t) => self.text_before(*sibling, t),
        }
    }

    fn add_attrs_if_missing(&self, target: &usize, add: Vec<Attribute>) {
        if let Data::Element { attrs, .. } = &mut self.nodes.borrow_mut()[*target].data {
            for a in add {
                if !attrs.iter().any(|b| b.name == a.name) {
                    attrs.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &usize) {
        Self::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &usize, new_parent: &usize) {
        let mut nodes = self.nodes.borrow_mut();
        let mut child = nodes[*node].first;
        while child != NIL {
            let next = nodes[child].next;
            Self::append_child(&mut nodes, *new_parent, child);
            child = next;
        }
    }
}

fn unreachable_name() -> &'static QualName {
    use std::sync::OnceLock;
    static EMPTY: OnceLock<QualName> = OnceLock::new();
    EMPTY.get_or_init(|| QualName::new(None, ns!(), html5ever::LocalName::from("")))
}

fn namespace_flags(name: &QualName) -> u8 {
    if name.ns == ns!(svg) {
        flags::SVG
    } else if name.ns == ns!(mathml) {
        flags::MATHML
    } else {
        0
    }
}

/// Past this depth, start tags are dropped, so their content joins the deepest
/// open element (browsers flatten past 512 levels the same way). html5ever's
/// scope checks walk the open-element stack, so unbounded nesting would cost
/// quadratic time: a 100,000-deep page took 33 s before this guard.
const MAX_PARSE_DEPTH: u32 = 1024;

/// Sits between the tokenizer and the tree builder and keeps nesting bounded.
struct NestingGuard {
    builder: TreeBuilder<usize, Sink>,
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
    type Handle = usize;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<usize> {
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

/// Lays the linked tree out in document order, iteratively. Each node's
/// text and attributes are freed once copied, so the linked tree and the page
/// do not both hold the whole text at the peak.
fn flatten(sink: Sink) -> Result<Page, PageError> {
    let mut nodes = sink.nodes.into_inner();
    let mut b = PageBuilder::new();
    let (mut attrs, mut bytes) = (0, 0);
    for n in &nodes {
        match &n.data {
            Data::Element { attrs: a, .. } => {
                attrs += a.len();
                bytes += a.iter().map(|a| a.value.len()).sum::<usize>();
            }
            Data::Text(t) | Data::Comment(t) | Data::Doctype(t) => bytes += t.len(),
            Data::Document | Data::Fragment => {}
        }
    }
    b.reserve(nodes.len(), attrs, bytes);
    // (node, entering): children are pushed in reverse so they pop in order.
    let mut stack: Vec<(usize, bool)> = Vec::new();
    let mut child = nodes[0].last;
    while child != NIL {
        stack.push((child, true));
        child = nodes[child].prev;
    }
    while let Some((id, entering)) = stack.pop() {
        if !entering {
            b.close();
            continue;
        }
        match std::mem::replace(&mut nodes[id].data, Data::Fragment) {
            Data::Element { name, attrs, .. } => {
                b.open(
                    &name.local,
                    namespace_flags(&name),
                    attrs.iter().map(|a| (&*a.name.local, &*a.value)),
                )?;
                stack.push((id, false));
                let mut c = nodes[id].last;
                while c != NIL {
                    stack.push((c, true));
                    c = nodes[c].prev;
                }
            }
            Data::Text(t) => b.leaf(NodeKind::Text, &t)?,
            Data::Comment(t) => b.leaf(NodeKind::Comment, &t)?,
            Data::Doctype(t) => b.leaf(NodeKind::Doctype, &t)?,
            Data::Document | Data::Fragment => {}
        }
    }
    Ok(b.finish())
}

impl Page {
    /// Parses HTML bytes, sniffing the encoding (BOM, then `<meta charset>`,
    /// then UTF-8 when valid, else a legacy encoding). Invalid bytes become
    /// U+FFFD.
    pub fn parse(bytes: &[u8]) -> Result<Page, PageError> {
        let text = super::encoding::decode(bytes);
        Self::parse_str(&text)
    }

    /// Parses HTML text that is already decoded.
    pub fn parse_str(html: &str) -> Result<Page, PageError> {
        if html.len() > u32::MAX as usize / 2 {
            return Err(PageError::TooLarge(html.len()));
        }
        let builder = TreeBuilder::new(Sink::new(), TreeBuilderOpts::default());
        let tokenizer = Tokenizer::new(
            NestingGuard {
                builder,
                dropped: Cell::new(0),
            },
            TokenizerOpts::default(),
        );
        let input = BufferQueue::default();
        input.push_back(StrTendril::from(html));
        // A `Script` result only pauses for script execution; we run none.
        while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
        tokenizer.end();
        flatten(tokenizer.sink.builder.sink)
    }

    /// Parses and records the page's address.
    pub fn parse_with_url(bytes: &[u8], url: Option<&str>) -> Result<Page, PageError> {
        let mut page = Self::parse(bytes)?;
        page.url = url.map(str::to_owned);
        Ok(page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::names;

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
}
