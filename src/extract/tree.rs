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
}

impl<'p> Tree<'p> {
    /// An empty tree over `page`.
    pub fn new(page: &'p Page) -> Self {
        Tree {
            page,
            nodes: Vec::with_capacity(page.len()),
            made_attrs: Vec::new(),
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
            Some(id) => self.page.attrs(id).map(|(k, v)| (self.page.names().text(k), v)).collect(),
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

    /// Unlinks `t` from its parent (its subtree stays attached to it).
    pub fn detach(&mut self, t: T) {
        let (parent, prev, next) = {
            let n = &self.nodes[t as usize];
            (n.parent, n.prev, n.next)
        };
        if parent == NIL {
            return;
        }
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
        let (parent, prev) = (self.nodes[sibling as usize].parent, self.nodes[sibling as usize].prev);
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

    /// Length of `inner_text(t)` in characters, without building it.
    pub fn inner_len(&self, t: T) -> usize {
        let mut len = 0usize;
        let mut pending_ws = false;
        let mut started = false;
        let mut count = |s: &str| {
            for c in s.chars() {
                if c.is_whitespace() {
                    pending_ws = started;
                } else {
                    if pending_ws {
                        len += 1;
                        pending_ws = false;
                    }
                    started = true;
                    len += 1;
                }
            }
        };
        if self.is_text(t) {
            count(self.text(t));
        } else {
            self.for_each_descendant(t, |d| {
                if self.is_text(d) {
                    count(self.text(d));
                }
            });
        }
        len
    }

    /// True when the subtree has any non-whitespace text.
    pub fn has_text(&self, t: T) -> bool {
        if self.is_text(t) {
            return !self.text(t).trim().is_empty();
        }
        let mut d = self.nodes[t as usize].first;
        while d != NIL {
            if self.is_text(d) && !self.text(d).trim().is_empty() {
                return true;
            }
            d = self.walk_next(t, d);
        }
        false
    }

    /// True when `t` has an ancestor named `name` within `max_depth` steps
    /// (0 = unlimited), for which `filter` holds.
    pub fn has_ancestor_tag(&self, t: T, name: Name, max_depth: usize, filter: impl Fn(T) -> bool) -> bool {
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
