//! A mutable working copy of a page for the extractor.
//!
//! Readability's algorithm rearranges the document as it goes (wraps loose
//! text in `<p>`, retags `<div>`s, moves candidates into a new container,
//! removes junk). The [`Page`] stays immutable; this tree is a linked copy of
//! the part the extractor looks at. Each node remembers the page node it came
//! from, so attributes and text are read from the page and decisions map back.

use crate::page::{flags, names, Name, NodeId, NodeKind, Page};

/// Index of a node in a [`Tree`].
pub type T = u32;
/// "No node".
pub const NIL: T = u32::MAX;

/// Readability's "textish" tags for text density (SPAN, LI, TD and the
/// DIV_TO_P_ELEMS).
const TEXTISH: &[Name] = &[
    names::SPAN,
    names::LI,
    names::TD,
    names::BLOCKQUOTE,
    names::DL,
    names::DIV,
    names::IMG,
    names::OL,
    names::P,
    names::PRE,
    names::TABLE,
    names::UL,
];
/// Readability's DIV_TO_P_ELEMS: children that make a `<div>` a block.
pub const BLOCK_CHILDREN: &[Name] = &[
    names::BLOCKQUOTE,
    names::DL,
    names::DIV,
    names::IMG,
    names::OL,
    names::P,
    names::PRE,
    names::TABLE,
    names::UL,
];
/// The heading tags, h1 to h6.
pub(super) const HEADINGS: &[Name] = &[
    names::H1,
    names::H2,
    names::H3,
    names::H4,
    names::H5,
    names::H6,
];

/// Measurements of a subtree, kept per node and recomputed only below what
/// changed. Lengths are those of Readability's `_getInnerText`: text trimmed,
/// whitespace runs counted as one character, in UTF-16 units (JavaScript's
/// `length`). Sums over descendants count nested matches once per level, as
/// `getElementsByTagName` does.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Stats {
    /// Inner-text length.
    pub len: u32,
    /// Any non-whitespace text at all.
    pub content: bool,
    /// Whitespace before the first / after the last content (or anywhere,
    /// when there is no content), for joining neighbours.
    lead: bool,
    trail: bool,
    /// Readability's comma forms, and ASCII commas alone.
    pub commas: u32,
    pub ascii_commas: u32,
    /// Σ inner length of descendant links (×0.3 for `#fragment` links).
    pub link_len: f32,
    /// Σ inner length of descendant lists, headings, "textish" elements.
    pub list_len: u32,
    pub heading_len: u32,
    pub textish_len: u32,
    /// Descendant element counts.
    pub p: u32,
    pub img: u32,
    pub li: u32,
    pub input: u32,
    /// `<object>`, `<embed>`, `<iframe>`, and of those the video players.
    pub embeds: u32,
    pub video_embeds: u32,
    pub br_hr: u32,
    pub elements: u32,
    /// Descendants with a BLOCK_CHILDREN tag.
    pub blocks: u32,
    /// Descendant tables marked as data tables.
    pub data_tables: u32,
}

impl Stats {
    fn of_text(s: &str) -> Stats {
        let mut st = Stats::default();
        let mut pending_ws = false;
        for c in s.chars() {
            if c.is_whitespace() {
                if st.content {
                    pending_ws = true;
                } else {
                    st.lead = true;
                }
                continue;
            }
            if pending_ws {
                st.len += 1;
                pending_ws = false;
            }
            st.content = true;
            st.len += c.len_utf16() as u32;
            if c == ',' {
                st.ascii_commas += 1;
            }
            if super::patterns::is_comma(c) {
                st.commas += 1;
            }
        }
        st.trail = if st.content { pending_ws } else { st.lead };
        st
    }

    /// The stats of `self` followed by `b` (text joined in order).
    fn join(&mut self, b: &Stats) {
        let gap = u32::from(self.content && b.content && (self.trail || b.lead));
        if !self.content {
            self.lead = self.lead || b.lead;
        }
        if b.content {
            self.trail = b.trail;
        } else {
            self.trail = self.trail || b.lead;
        }
        self.len += b.len + gap;
        self.content = self.content || b.content;
        self.commas += b.commas;
        self.ascii_commas += b.ascii_commas;
        self.link_len += b.link_len;
        self.list_len += b.list_len;
        self.heading_len += b.heading_len;
        self.textish_len += b.textish_len;
        self.p += b.p;
        self.img += b.img;
        self.li += b.li;
        self.input += b.input;
        self.embeds += b.embeds;
        self.video_embeds += b.video_embeds;
        self.br_hr += b.br_hr;
        self.elements += b.elements;
        self.blocks += b.blocks;
        self.data_tables += b.data_tables;
    }
}

#[derive(Clone, Debug)]
pub struct TNode {
    /// The page node this came from, or `NIL` for nodes the extractor made.
    pub orig: u32,
    pub tag: Name,
    pub is_text: bool,
    pub parent: T,
    pub first: T,
    pub last: T,
    pub prev: T,
    pub next: T,
    /// Readability's content score, once initialised.
    pub score: Option<f32>,
    /// Attributes for made nodes (noscript images), index into `Tree::made_attrs`.
    pub made_attrs: u32,
    /// Set by `mark_data_tables`.
    pub data_table: bool,
}

/// The working tree.
pub struct Tree<'p> {
    pub page: &'p Page,
    pub nodes: Vec<TNode>,
    pub made_attrs: Vec<Vec<(String, String)>>,
    /// Memoised subtree stats. If a node's entry is valid, so are those of
    /// all its descendants; a change clears the entries up the parent chain.
    memo: std::cell::RefCell<Vec<Option<Stats>>>,
}

impl<'p> Tree<'p> {
    /// An empty tree over `page`.
    pub fn new(page: &'p Page) -> Self {
        Tree {
            page,
            nodes: Vec::with_capacity(page.len()),
            made_attrs: Vec::new(),
            memo: std::cell::RefCell::new(Vec::with_capacity(page.len())),
        }
    }

    /// Makes a detached element.
    pub fn create(&mut self, tag: Name) -> T {
        self.push(NIL, tag, false)
    }

    fn push(&mut self, orig: u32, tag: Name, is_text: bool) -> T {
        self.nodes.push(TNode {
            orig,
            tag,
            is_text,
            parent: NIL,
            first: NIL,
            last: NIL,
            prev: NIL,
            next: NIL,
            score: None,
            made_attrs: NIL,
            data_table: false,
        });
        self.memo.get_mut().push(None);
        (self.nodes.len() - 1) as T
    }

    /// Copies page node `id` (without children) into the tree, detached.
    pub fn copy_node(&mut self, id: NodeId) -> T {
        let is_text = self.page.kind(id) == NodeKind::Text;
        let tag = if is_text { Name(0) } else { self.page.name(id) };
        self.push(id.0, tag, is_text)
    }

    /// Makes an element with its own attributes.
    pub fn create_with_attrs(&mut self, tag: Name, attrs: Vec<(String, String)>) -> T {
        let t = self.create(tag);
        self.nodes[t as usize].made_attrs = self.made_attrs.len() as u32;
        self.made_attrs.push(attrs);
        t
    }

    #[inline]
    pub fn n(&self, t: T) -> &TNode {
        &self.nodes[t as usize]
    }

    #[inline]
    pub fn tag(&self, t: T) -> Name {
        self.nodes[t as usize].tag
    }

    /// True when `t` is an element named `name`.
    #[inline]
    pub fn is(&self, t: T, name: Name) -> bool {
        let n = &self.nodes[t as usize];
        !n.is_text && n.tag == name
    }

    #[inline]
    pub fn is_text(&self, t: T) -> bool {
        self.nodes[t as usize].is_text
    }

    #[inline]
    pub fn is_element(&self, t: T) -> bool {
        !self.nodes[t as usize].is_text
    }

    pub fn orig(&self, t: T) -> Option<NodeId> {
        let o = self.nodes[t as usize].orig;
        (o != NIL).then_some(NodeId(o))
    }

    /// The text of a text node.
    pub fn text(&self, t: T) -> &'p str {
        match self.orig(t) {
            Some(id) if self.nodes[t as usize].is_text => self.page.text(id),
            _ => "",
        }
    }

    /// An attribute of an element.
    pub fn attr(&self, t: T, name: Name) -> Option<&str> {
        let n = &self.nodes[t as usize];
        if n.made_attrs != NIL {
            let text = self.page.names().text(name);
            return self.made_attrs[n.made_attrs as usize]
                .iter()
                .find(|(k, _)| k == text)
                .map(|(_, v)| v.as_str());
        }
        self.orig(t).and_then(|id| self.page.attr(id, name))
    }

    /// An attribute given by its text name.
    pub fn attr_named(&self, t: T, name: &str) -> Option<&str> {
        let n = &self.nodes[t as usize];
        if n.made_attrs != NIL {
            return self.made_attrs[n.made_attrs as usize]
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str());
        }
        self.orig(t).and_then(|id| self.page.attr_named(id, name))
    }

    /// All attributes of an element as (name text, value).
    pub fn attrs(&self, t: T) -> Vec<(&str, &str)> {
        let n = &self.nodes[t as usize];
        if n.made_attrs != NIL {
            return self.made_attrs[n.made_attrs as usize]
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
        }
        match self.orig(t) {
            Some(id) => self
                .page
                .attrs(id)
                .map(|(k, v)| (self.page.names().text(k), v))
                .collect(),
            None => Vec::new(),
        }
    }

    /// The page flags of the node (0 for made nodes).
    pub fn flags(&self, t: T) -> u8 {
        self.orig(t).map_or(0, |id| self.page.flags(id))
    }

    /// True for SVG and MathML elements.
    pub fn is_foreign(&self, t: T) -> bool {
        self.flags(t) & (flags::SVG | flags::MATHML) != 0
    }

    pub fn class(&self, t: T) -> &str {
        self.attr(t, names::CLASS).unwrap_or("")
    }

    pub fn id(&self, t: T) -> &str {
        self.attr(t, names::ID).unwrap_or("")
    }

    // ---- structure -------------------------------------------------------

    pub fn parent(&self, t: T) -> T {
        self.nodes[t as usize].parent
    }

    /// Clears the memoised stats of `t` and its ancestors.
    pub fn invalidate(&mut self, mut t: T) {
        let memo = self.memo.get_mut();
        while t != NIL {
            if memo[t as usize].take().is_none() {
                // Its ancestors are already clear (see `memo`).
                break;
            }
            t = self.nodes[t as usize].parent;
        }
    }

    /// Renames an element (Readability's `_setNodeTag`).
    pub fn set_tag(&mut self, t: T, tag: Name) {
        if self.nodes[t as usize].tag != tag {
            self.nodes[t as usize].tag = tag;
            self.invalidate(t);
        }
    }

    /// Unlinks `t` from its parent (its subtree stays attached to it).
    pub fn detach(&mut self, t: T) {
        let (parent, prev, next) = {
            let n = &self.nodes[t as usize];
            (n.parent, n.prev, n.next)
        };
        if parent == NIL {
            return;
        }
        self.invalidate(parent);
        if prev != NIL {
            self.nodes[prev as usize].next = next;
        } else {
            self.nodes[parent as usize].first = next;
        }
        if next != NIL {
            self.nodes[next as usize].prev = prev;
        } else {
            self.nodes[parent as usize].last = prev;
        }
        let n = &mut self.nodes[t as usize];
        n.parent = NIL;
        n.prev = NIL;
        n.next = NIL;
    }

    /// Appends `child` as the last child of `parent` (moving it if attached).
    pub fn append(&mut self, parent: T, child: T) {
        self.detach(child);
        self.invalidate(parent);
        let last = self.nodes[parent as usize].last;
        {
            let c = &mut self.nodes[child as usize];
            c.parent = parent;
            c.prev = last;
        }
        if last != NIL {
            self.nodes[last as usize].next = child;
        } else {
            self.nodes[parent as usize].first = child;
        }
        self.nodes[parent as usize].last = child;
    }

    /// Puts `new` where `old` is; `old` ends up detached.
    pub fn replace(&mut self, new: T, old: T) {
        self.detach(new);
        let (parent, prev, next) = {
            let n = &self.nodes[old as usize];
            (n.parent, n.prev, n.next)
        };
        if parent == NIL {
            return;
        }
        self.invalidate(parent);
        {
            let n = &mut self.nodes[new as usize];
            n.parent = parent;
            n.prev = prev;
            n.next = next;
        }
        if prev != NIL {
            self.nodes[prev as usize].next = new;
        } else {
            self.nodes[parent as usize].first = new;
        }
        if next != NIL {
            self.nodes[next as usize].prev = new;
        } else {
            self.nodes[parent as usize].last = new;
        }
        let o = &mut self.nodes[old as usize];
        o.parent = NIL;
        o.prev = NIL;
        o.next = NIL;
    }

    /// Inserts `new` before `sibling`.
    pub fn insert_before(&mut self, sibling: T, new: T) {
        self.detach(new);
        let (parent, prev) = (
            self.nodes[sibling as usize].parent,
            self.nodes[sibling as usize].prev,
        );
        self.invalidate(parent);
        {
            let n = &mut self.nodes[new as usize];
            n.parent = parent;
            n.prev = prev;
            n.next = sibling;
        }
        self.nodes[sibling as usize].prev = new;
        if prev != NIL {
            self.nodes[prev as usize].next = new;
        } else if parent != NIL {
            self.nodes[parent as usize].first = new;
        }
    }

    pub fn first_child(&self, t: T) -> T {
        self.nodes[t as usize].first
    }

    pub fn next_sibling(&self, t: T) -> T {
        self.nodes[t as usize].next
    }

    pub fn prev_sibling(&self, t: T) -> T {
        self.nodes[t as usize].prev
    }

    /// Child nodes (text included), as a list (the tree may change while the
    /// caller works through it).
    pub fn child_nodes(&self, t: T) -> Vec<T> {
        let mut v = Vec::new();
        let mut c = self.nodes[t as usize].first;
        while c != NIL {
            v.push(c);
            c = self.nodes[c as usize].next;
        }
        v
    }

    /// Element children.
    pub fn children(&self, t: T) -> Vec<T> {
        let mut v = Vec::new();
        let mut c = self.nodes[t as usize].first;
        while c != NIL {
            if !self.nodes[c as usize].is_text {
                v.push(c);
            }
            c = self.nodes[c as usize].next;
        }
        v
    }

    pub fn first_element_child(&self, t: T) -> T {
        let mut c = self.nodes[t as usize].first;
        while c != NIL && self.nodes[c as usize].is_text {
            c = self.nodes[c as usize].next;
        }
        c
    }

    pub fn next_element_sibling(&self, t: T) -> T {
        let mut c = self.nodes[t as usize].next;
        while c != NIL && self.nodes[c as usize].is_text {
            c = self.nodes[c as usize].next;
        }
        c
    }

    pub fn prev_element_sibling(&self, t: T) -> T {
        let mut c = self.nodes[t as usize].prev;
        while c != NIL && self.nodes[c as usize].is_text {
            c = self.nodes[c as usize].prev;
        }
        c
    }

    pub fn element_child_count(&self, t: T) -> usize {
        let mut n = 0;
        let mut c = self.nodes[t as usize].first;
        while c != NIL {
            n += usize::from(!self.nodes[c as usize].is_text);
            c = self.nodes[c as usize].next;
        }
        n
    }

    /// The next node in a pre-order walk of `root`'s subtree, after `t`.
    #[inline]
    pub fn walk_next(&self, root: T, t: T) -> T {
        let n = &self.nodes[t as usize];
        if n.first != NIL {
            return n.first;
        }
        self.walk_skip(root, t)
    }

    /// Like `walk_next` but skips `t`'s subtree.
    #[inline]
    pub fn walk_skip(&self, root: T, mut t: T) -> T {
        while t != root {
            let n = &self.nodes[t as usize];
            if n.next != NIL {
                return n.next;
            }
            t = n.parent;
            if t == NIL {
                return NIL;
            }
        }
        NIL
    }

    /// Calls `f` for every node below `root` in document order.
    pub fn for_each_descendant(&self, root: T, mut f: impl FnMut(T)) {
        let mut t = self.nodes[root as usize].first;
        while t != NIL {
            f(t);
            t = self.walk_next(root, t);
        }
    }

    /// Descendant elements named `name`, in document order.
    pub fn by_tag(&self, root: T, name: Name) -> Vec<T> {
        let mut v = Vec::new();
        self.for_each_descendant(root, |t| {
            if self.is(t, name) {
                v.push(t);
            }
        });
        v
    }

    /// Descendant elements with any of `names`, in document order.
    pub fn by_tags(&self, root: T, tags: &[Name]) -> Vec<T> {
        let mut v = Vec::new();
        self.for_each_descendant(root, |t| {
            if !self.is_text(t) && tags.contains(&self.tag(t)) {
                v.push(t);
            }
        });
        v
    }

    /// Number of descendant elements named `name`.
    pub fn count_tag(&self, root: T, name: Name) -> usize {
        let mut n = 0;
        self.for_each_descendant(root, |t| n += usize::from(self.is(t, name)));
        n
    }

    /// True when `t` has a descendant element named `name`.
    pub fn has_tag(&self, root: T, name: Name) -> bool {
        let mut t = self.nodes[root as usize].first;
        while t != NIL {
            if self.is(t, name) {
                return true;
            }
            t = self.walk_next(root, t);
        }
        false
    }

    /// The DOM's textContent.
    pub fn text_content(&self, t: T) -> String {
        if self.is_text(t) {
            return self.text(t).to_owned();
        }
        let mut s = String::new();
        self.for_each_descendant(t, |d| {
            if self.is_text(d) {
                s.push_str(self.text(d));
            }
        });
        s
    }

    /// Readability's `_getInnerText(e)`: textContent trimmed, runs of two or
    /// more whitespace characters squashed to one space.
    pub fn inner_text(&self, t: T) -> String {
        let raw = self.text_content(t);
        let trimmed = raw.trim();
        let mut out = String::with_capacity(trimmed.len());
        let mut run = 0usize;
        let mut first_ws = ' ';
        for c in trimmed.chars() {
            if c.is_whitespace() {
                if run == 0 {
                    first_ws = c;
                }
                run += 1;
                continue;
            }
            if run == 1 {
                out.push(first_ws);
            } else if run > 1 {
                out.push(' ');
            }
            run = 0;
            out.push(c);
        }
        out
    }

    /// Length of `inner_text(t)` in UTF-16 units, without building it.
    pub fn inner_len(&self, t: T) -> usize {
        self.stats(t).len as usize
    }

    /// True when the subtree has any non-whitespace text.
    pub fn has_text(&self, t: T) -> bool {
        self.stats(t).content
    }

    /// The stats of `t`'s subtree, computing what is not memoised.
    pub fn stats(&self, t: T) -> Stats {
        if let Some(s) = self.memo.borrow()[t as usize] {
            return s;
        }
        // Post-order over the part of the subtree without valid entries.
        let mut memo = self.memo.borrow_mut();
        let mut stack: Vec<(T, bool)> = vec![(t, false)];
        while let Some((x, done)) = stack.pop() {
            if memo[x as usize].is_some() {
                continue;
            }
            let n = &self.nodes[x as usize];
            if n.is_text {
                memo[x as usize] = Some(Stats::of_text(self.text(x)));
                continue;
            }
            if !done {
                stack.push((x, true));
                let mut c = n.first;
                while c != NIL {
                    if memo[c as usize].is_none() {
                        stack.push((c, false));
                    }
                    c = self.nodes[c as usize].next;
                }
                continue;
            }
            let mut st = Stats::default();
            let mut c = n.first;
            while c != NIL {
                let cs = memo[c as usize].unwrap_or_default();
                st.join(&cs);
                let cn = &self.nodes[c as usize];
                if !cn.is_text {
                    self.count_self(c, &cs, &mut st);
                }
                c = cn.next;
            }
            memo[x as usize] = Some(st);
        }
        memo[t as usize].unwrap_or_default()
    }

    /// Adds what element `c` itself contributes to its parent's sums.
    fn count_self(&self, c: T, cs: &Stats, st: &mut Stats) {
        let tag = self.nodes[c as usize].tag;
        st.elements += 1;
        if tag == names::A {
            let hash = self
                .attr(c, names::HREF)
                .is_some_and(|h| h.len() > 1 && h.starts_with('#'));
            st.link_len += cs.len as f32 * if hash { 0.3 } else { 1.0 };
        } else if tag == names::P {
            st.p += 1;
        } else if tag == names::IMG {
            st.img += 1;
        } else if tag == names::LI {
            st.li += 1;
        } else if tag == names::INPUT {
            st.input += 1;
        } else if tag == names::BR || tag == names::HR {
            st.br_hr += 1;
        } else if tag == names::OBJECT || tag == names::EMBED || tag == names::IFRAME {
            st.embeds += 1;
            if self
                .attrs(c)
                .iter()
                .any(|(_, v)| super::patterns::is_video_url(v))
            {
                st.video_embeds += 1;
            }
        }
        if tag == names::UL || tag == names::OL {
            st.list_len += cs.len;
        }
        if HEADINGS.contains(&tag) {
            st.heading_len += cs.len;
        }
        if TEXTISH.contains(&tag) {
            st.textish_len += cs.len;
        }
        if BLOCK_CHILDREN.contains(&tag) {
            st.blocks += 1;
        }
        if self.nodes[c as usize].data_table {
            st.data_tables += 1;
        }
    }

    /// True when `t` has an ancestor named `name` within `max_depth` steps
    /// (0 = unlimited), for which `filter` holds.
    pub fn has_ancestor_tag(
        &self,
        t: T,
        name: Name,
        max_depth: usize,
        filter: impl Fn(T) -> bool,
    ) -> bool {
        let mut depth = 0;
        let mut node = t;
        loop {
            let parent = self.parent(node);
            if parent == NIL {
                return false;
            }
            if max_depth > 0 && depth > max_depth {
                return false;
            }
            if self.is(parent, name) && filter(parent) {
                return true;
            }
            node = parent;
            depth += 1;
        }
    }

    /// Ancestors from the parent up, at most `max` of them (0 = all).
    pub fn ancestors(&self, t: T, max: usize) -> Vec<T> {
        let mut v = Vec::new();
        let mut p = self.parent(t);
        while p != NIL {
            v.push(p);
            if max > 0 && v.len() == max {
                break;
            }
            p = self.parent(p);
        }
        v
    }
}
