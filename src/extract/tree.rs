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

/// A node of the working tree. Kept small: the tree has one per copied page
/// node, and node-dense pages have millions.
#[derive(Clone, Debug)]
pub struct TNode {
    /// Flags (`TEXT`, `MADE`, `DATA_TABLE`) over an index: the page node this
    /// came from or, for made nodes, the node's own attributes in
    /// `Tree::made_attrs` (`INDEX` when it has none).
    source: u32,
    pub tag: Name,
    pub parent: T,
    pub first: T,
    pub last: T,
    pub prev: T,
    pub next: T,
    /// Readability's content score; NaN until initialised.
    score: f32,
}

/// `TNode::source`'s index bits; page nodes past this are not supported
/// (such a page would take tens of gigabytes).
const INDEX: u32 = (1 << 29) - 1;
const TEXT: u32 = 1 << 29;
/// Made by the extractor, not copied from the page.
const MADE: u32 = 1 << 30;
/// Set by `mark_data_table`.
const DATA_TABLE: u32 = 1 << 31;

impl TNode {
    fn has(&self, flag: u32) -> bool {
        self.source & flag != 0
    }

    fn index(&self) -> u32 {
        self.source & INDEX
    }
}

/// Memo entry: not known (nor are the node's ancestors').
const UNKNOWN: u32 = u32::MAX;
/// Memo entry: known but cheaper to recompute than to keep.
const SMALL: u32 = u32::MAX - 1;
/// Subtrees costing less than this to measure (nodes, plus a unit per
/// `TEXT_BYTES_PER_COST` bytes of text) keep no stats: on node-dense pages
/// most nodes are short texts and small inline elements, and 72 bytes of
/// stats each would dwarf the tree itself. (Texts of a sentence or more are
/// kept: scanning them again costs more than the lookup.)
const MEMO_MIN_COST: u32 = 8;
const TEXT_BYTES_PER_COST: usize = 4;

/// Memo entry bit: the rest indexes `Memo::texts`, not `Memo::slots`.
const TEXT_SLOT: u32 = 1 << 31;

/// A text node's stats: the rest of [`Stats`] is zero for a text, and pages
/// of many sentence-sized texts would otherwise keep 72 bytes per text.
#[derive(Clone, Copy, Debug, PartialEq)]
struct TextStats {
    len: u32,
    commas: u32,
    ascii_commas: u32,
    content: bool,
    lead: bool,
    trail: bool,
}

impl TextStats {
    fn of(st: &Stats) -> TextStats {
        TextStats {
            len: st.len,
            commas: st.commas,
            ascii_commas: st.ascii_commas,
            content: st.content,
            lead: st.lead,
            trail: st.trail,
        }
    }

    fn stats(self) -> Stats {
        Stats {
            len: self.len,
            content: self.content,
            lead: self.lead,
            trail: self.trail,
            commas: self.commas,
            ascii_commas: self.ascii_commas,
            ..Stats::default()
        }
    }
}

/// Memoised subtree stats, for the subtrees that are costly to measure.
///
/// Invariant: when a node's entry is `UNKNOWN`, so are its ancestors'; every
/// other node's stats are those of its current subtree (kept in a slot or,
/// for `SMALL` subtrees, recomputed on demand). A change clears entries up
/// the parent chain, returning their slots for reuse.
#[derive(Default)]
struct Memo {
    /// Set by `Tree::forget_stats`: `entry` is empty and nothing is stored.
    off: bool,
    /// Per node: `UNKNOWN`, `SMALL`, an index into `slots`, or `TEXT_SLOT`
    /// and an index into `texts`.
    entry: Vec<u32>,
    slots: Vec<Stats>,
    texts: Vec<TextStats>,
    /// Slots no entry points at, of each kind.
    free: Vec<u32>,
    free_texts: Vec<u32>,
    /// `Tree::stats`' work space, kept between calls.
    stack: Vec<Frame>,
}

impl Memo {
    /// A zeroed slot.
    fn slot(&mut self) -> u32 {
        if let Some(s) = self.free.pop() {
            self.slots[s as usize] = Stats::default();
            return s;
        }
        self.slots.push(Stats::default());
        let s = (self.slots.len() - 1) as u32;
        assert!(s < TEXT_SLOT, "too many memo slots");
        s
    }

    /// Stores a text node's stats; returns its entry.
    fn store_text(&mut self, st: &Stats) -> u32 {
        let ts = TextStats::of(st);
        let s = if let Some(s) = self.free_texts.pop() {
            self.texts[s as usize] = ts;
            s
        } else {
            self.texts.push(ts);
            (self.texts.len() - 1) as u32
        };
        assert!(s < SMALL & !TEXT_SLOT, "too many memo slots");
        s | TEXT_SLOT
    }

    /// Clears `t`'s entry; false when it was already `UNKNOWN`.
    fn clear(&mut self, t: T) -> bool {
        if self.off {
            return false;
        }
        let e = std::mem::replace(&mut self.entry[t as usize], UNKNOWN);
        self.release(e);
        e != UNKNOWN
    }

    /// Records `t`'s entry (and, when the memo is off, frees its slot).
    fn set(&mut self, t: T, e: u32) {
        if self.off {
            self.release(e);
        } else {
            self.entry[t as usize] = e;
        }
    }

    /// Returns the slot entry `e` points at, if any, for reuse.
    fn release(&mut self, e: u32) {
        if e < TEXT_SLOT {
            self.free.push(e);
        } else if e < SMALL {
            self.free_texts.push(e & !TEXT_SLOT);
        }
    }

    fn stored(&self, t: T) -> Option<Stats> {
        if self.off {
            return None;
        }
        let e = self.entry[t as usize];
        if e < TEXT_SLOT {
            Some(self.slots[e as usize])
        } else if e < SMALL {
            Some(self.texts[(e & !TEXT_SLOT) as usize].stats())
        } else {
            None
        }
    }
}

/// A node being measured by `Tree::stats`: its stats accumulate in `slot`.
struct Frame {
    node: T,
    /// The next child to add.
    child: T,
    slot: u32,
    cost: u32,
}

/// The working tree.
pub struct Tree<'p> {
    pub page: &'p Page,
    nodes: Vec<TNode>,
    made_attrs: Vec<Vec<(String, String)>>,
    memo: std::cell::RefCell<Memo>,
}

impl<'p> Tree<'p> {
    /// An empty tree over `page`, with room for `nodes` nodes.
    pub fn with_capacity(page: &'p Page, nodes: usize) -> Self {
        Tree {
            page,
            nodes: Vec::with_capacity(nodes),
            made_attrs: Vec::new(),
            memo: std::cell::RefCell::new(Memo {
                entry: Vec::with_capacity(nodes),
                ..Memo::default()
            }),
        }
    }

    /// Makes a detached element.
    pub fn create(&mut self, tag: Name) -> T {
        self.push(INDEX, tag, MADE)
    }

    fn push(&mut self, index: u32, tag: Name, flags: u32) -> T {
        assert!(index <= INDEX, "page too large for the working tree");
        self.nodes.push(TNode {
            source: index | flags,
            tag,
            parent: NIL,
            first: NIL,
            last: NIL,
            prev: NIL,
            next: NIL,
            score: f32::NAN,
        });
        let memo = self.memo.get_mut();
        if !memo.off {
            memo.entry.push(UNKNOWN);
        }
        (self.nodes.len() - 1) as T
    }

    /// Copies page node `id` (without children) into the tree, detached.
    pub fn copy_node(&mut self, id: NodeId) -> T {
        if self.page.kind(id) == NodeKind::Text {
            self.push(id.0, Name(0), TEXT)
        } else {
            self.push(id.0, self.page.name(id), 0)
        }
    }

    /// Makes an element with its own attributes.
    pub fn create_with_attrs(&mut self, tag: Name, attrs: Vec<(String, String)>) -> T {
        let index = self.made_attrs.len() as u32;
        self.made_attrs.push(attrs);
        self.push(index, tag, MADE)
    }

    /// The attributes of a made node, if it has its own.
    fn own_attrs(&self, t: T) -> Option<&[(String, String)]> {
        let n = &self.nodes[t as usize];
        (n.has(MADE) && n.index() != INDEX).then(|| self.made_attrs[n.index() as usize].as_slice())
    }

    /// Readability's content score, once initialised.
    pub fn score(&self, t: T) -> Option<f32> {
        let s = self.nodes[t as usize].score;
        (!s.is_nan()).then_some(s)
    }

    pub fn set_score(&mut self, t: T, score: f32) {
        self.nodes[t as usize].score = score;
    }

    /// True for a table `mark_data_table` marked.
    pub fn is_data_table(&self, t: T) -> bool {
        self.nodes[t as usize].has(DATA_TABLE)
    }

    /// Marks a table as holding data (its ancestors count it).
    pub fn mark_data_table(&mut self, t: T) {
        self.nodes[t as usize].source |= DATA_TABLE;
        self.invalidate(t);
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
        !n.has(TEXT) && n.tag == name
    }

    #[inline]
    pub fn is_text(&self, t: T) -> bool {
        self.nodes[t as usize].has(TEXT)
    }

    #[inline]
    pub fn is_element(&self, t: T) -> bool {
        !self.is_text(t)
    }

    pub fn orig(&self, t: T) -> Option<NodeId> {
        let n = &self.nodes[t as usize];
        (!n.has(MADE)).then_some(NodeId(n.index()))
    }

    /// The text of a text node.
    pub fn text(&self, t: T) -> &'p str {
        let n = &self.nodes[t as usize];
        if n.has(TEXT) {
            self.page.text(NodeId(n.index()))
        } else {
            ""
        }
    }

    /// An attribute of an element.
    pub fn attr(&self, t: T, name: Name) -> Option<&str> {
        if let Some(attrs) = self.own_attrs(t) {
            let text = self.page.names().text(name);
            return attrs
                .iter()
                .find(|(k, _)| k == text)
                .map(|(_, v)| v.as_str());
        }
        self.orig(t).and_then(|id| self.page.attr(id, name))
    }

    /// An attribute given by its text name.
    pub fn attr_named(&self, t: T, name: &str) -> Option<&str> {
        if let Some(attrs) = self.own_attrs(t) {
            return attrs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str());
        }
        self.orig(t).and_then(|id| self.page.attr_named(id, name))
    }

    /// All attributes of an element as (name text, value).
    pub fn attrs(&self, t: T) -> Vec<(&str, &str)> {
        if let Some(attrs) = self.own_attrs(t) {
            return attrs
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
        // An `UNKNOWN` node's ancestors are already clear (see `Memo`).
        while t != NIL && memo.clear(t) {
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
            if !self.is_text(c) {
                v.push(c);
            }
            c = self.nodes[c as usize].next;
        }
        v
    }

    pub fn first_element_child(&self, t: T) -> T {
        let mut c = self.nodes[t as usize].first;
        while c != NIL && self.is_text(c) {
            c = self.nodes[c as usize].next;
        }
        c
    }

    pub fn next_element_sibling(&self, t: T) -> T {
        let mut c = self.nodes[t as usize].next;
        while c != NIL && self.is_text(c) {
            c = self.nodes[c as usize].next;
        }
        c
    }

    pub fn prev_element_sibling(&self, t: T) -> T {
        let mut c = self.nodes[t as usize].prev;
        while c != NIL && self.is_text(c) {
            c = self.nodes[c as usize].prev;
        }
        c
    }

    pub fn element_child_count(&self, t: T) -> usize {
        let mut n = 0;
        let mut c = self.nodes[t as usize].first;
        while c != NIL {
            n += usize::from(!self.is_text(c));
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
        self.texts(t).concat()
    }

    /// The pieces of [`Tree::text_content`], for reading a long text without
    /// joining it.
    pub fn texts(&self, t: T) -> Vec<&'p str> {
        if self.is_text(t) {
            return vec![self.text(t)];
        }
        let mut parts = Vec::new();
        self.for_each_descendant(t, |d| {
            if self.is_text(d) {
                parts.push(self.text(d));
            }
        });
        parts
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

    /// Frees the memoised stats, for good: once the article is found only
    /// its text and markup are read, and on node-dense pages the memo is
    /// megabytes. Stats asked for later are measured afresh.
    pub fn forget_stats(&mut self) {
        *self.memo.get_mut() = Memo {
            off: true,
            ..Memo::default()
        };
    }

    /// The stats of `t`'s subtree, computing what is not memoised.
    pub fn stats(&self, t: T) -> Stats {
        let mut memo = self.memo.borrow_mut();
        if let Some(s) = memo.stored(t) {
            return s;
        }
        if self.is_text(t) {
            return self.text_stats(&mut memo, t).0;
        }
        // Depth first over the part of the subtree without stored stats; an
        // open element sums its children into a slot as they complete, so
        // the work space follows the depth, not the width.
        let slot = memo.slot();
        let mut stack = std::mem::take(&mut memo.stack);
        stack.push(Frame {
            node: t,
            child: self.nodes[t as usize].first,
            slot,
            cost: 1,
        });
        loop {
            let top = stack.last_mut().expect("an open element");
            let c = top.child;
            if c != NIL {
                top.child = self.nodes[c as usize].next;
                let (cs, cost) = if let Some(cs) = memo.stored(c) {
                    (cs, MEMO_MIN_COST)
                } else if self.is_text(c) {
                    self.text_stats(&mut memo, c)
                } else {
                    let slot = memo.slot();
                    let first = self.nodes[c as usize].first;
                    stack.push(Frame {
                        node: c,
                        child: first,
                        slot,
                        cost: 1,
                    });
                    continue;
                };
                top.cost = top.cost.saturating_add(cost);
                self.add_child(&mut memo.slots[top.slot as usize], c, &cs);
                continue;
            }
            let done = stack.pop().expect("an open element");
            let st = memo.slots[done.slot as usize];
            if done.cost >= MEMO_MIN_COST {
                memo.set(done.node, done.slot);
            } else {
                memo.set(done.node, SMALL);
                memo.free.push(done.slot);
            }
            let Some(parent) = stack.last_mut() else {
                memo.stack = stack;
                return st;
            };
            parent.cost = parent.cost.saturating_add(done.cost);
            self.add_child(&mut memo.slots[parent.slot as usize], done.node, &st);
        }
    }

    /// The stats of text node `t` and what they cost to compute, stored when
    /// that is a lot.
    fn text_stats(&self, memo: &mut Memo, t: T) -> (Stats, u32) {
        let text = self.text(t);
        let st = Stats::of_text(text);
        let cost = u32::try_from(1 + text.len() / TEXT_BYTES_PER_COST).unwrap_or(u32::MAX);
        let e = if cost >= MEMO_MIN_COST {
            memo.store_text(&st)
        } else {
            SMALL
        };
        memo.set(t, e);
        (st, cost)
    }

    /// Adds child `c`, whose subtree has stats `cs`, to its parent's `st`.
    fn add_child(&self, st: &mut Stats, c: T, cs: &Stats) {
        st.join(cs);
        if self.is_element(c) {
            self.count_self(c, cs, st);
        }
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
        if self.is_data_table(c) {
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

#[cfg(all(test, feature = "native"))]
mod tests {
    use super::*;

    /// `t`'s stats measured from scratch, without the memo.
    fn fresh(tree: &Tree<'_>, t: T) -> Stats {
        if tree.is_text(t) {
            return Stats::of_text(tree.text(t));
        }
        let mut st = Stats::default();
        for c in tree.child_nodes(t) {
            tree.add_child(&mut st, c, &fresh(tree, c));
        }
        st
    }

    /// Every node's stats agree with a measure from scratch.
    fn check(tree: &Tree<'_>, root: T) {
        let mut all = vec![root];
        tree.for_each_descendant(root, |t| all.push(t));
        for t in all {
            assert_eq!(tree.stats(t), fresh(tree, t), "node {t}");
        }
    }

    /// Copies the whole page; returns the tree and the page ids of its nodes.
    fn copy(page: &Page) -> (Tree<'_>, Vec<T>) {
        let mut tree = Tree::with_capacity(page, page.len());
        let mut map = vec![NIL; page.len()];
        for id in page.descendants(page.root()) {
            let t = tree.copy_node(id);
            map[id.index()] = t;
            if let Some(p) = page.parent(id).filter(|p| map[p.index()] != NIL) {
                tree.append(map[p.index()], t);
            }
        }
        (tree, map)
    }

    const LONG: &str = "A sentence long enough, with commas, to be worth keeping in the memo.";

    fn page() -> Page {
        let spans = "<span>w, </span> <a href=#x>link</a>".repeat(12);
        let html = format!(
            "<html><body><div id=a><p>{LONG}</p><div id=b>{spans}<table><tr><td>{LONG}</td></tr></table></div>\
             <ul><li>one</li><li><img src=x.jpg></li></ul><p>  {LONG}  <b>{LONG}</b></p></div></body></html>"
        );
        Page::parse(html.as_bytes()).unwrap()
    }

    #[test]
    fn nodes_stay_small() {
        assert_eq!(std::mem::size_of::<TNode>(), 32);
    }

    #[test]
    fn stats_follow_changes() {
        let page = page();
        let (mut tree, map) = copy(&page);
        let html = map[page.find(names::HTML).unwrap().index()];
        check(&tree, html);
        let memo = tree.memo.borrow();
        assert!(memo.slots.len() > memo.free.len(), "something is stored");
        assert!(memo.entry.contains(&SMALL), "something is not");
        drop(memo);

        let by_id = |id: &str| {
            let d = page.ids().find(|&d| page.attr(d, names::ID) == Some(id));
            map[d.unwrap().index()]
        };
        let (a, b) = (by_id("a"), by_id("b"));
        // Each change below a measured node must reach every ancestor.
        let span = tree.first_element_child(b);
        tree.detach(span);
        check(&tree, html);
        tree.append(a, span);
        check(&tree, html);
        let table = tree.by_tag(b, names::TABLE)[0];
        tree.mark_data_table(table);
        check(&tree, html);
        assert_eq!(tree.stats(a).data_tables, 1);
        let p = tree.first_element_child(a);
        tree.set_tag(p, names::DIV);
        check(&tree, html);
        let made = tree.create(names::P);
        tree.insert_before(b, made);
        tree.append(made, p);
        check(&tree, html);
        tree.replace(b, made);
        check(&tree, html);
    }

    #[test]
    fn text_stats_keep_everything_a_text_has() {
        for text in [
            "",
            "   ",
            "plain",
            "  lead, trail ,  ",
            "a\u{3001}b\u{ff0c}c, d\u{1f600}",
        ] {
            let st = Stats::of_text(text);
            assert_eq!(TextStats::of(&st).stats(), st, "{text:?}");
        }
    }

    #[test]
    fn long_texts_are_kept_in_text_slots_and_freed_on_change() {
        let page = page();
        let (mut tree, map) = copy(&page);
        let html = map[page.find(names::HTML).unwrap().index()];
        check(&tree, html);
        let texts = tree.memo.borrow().texts.len();
        // LONG appears four times; nothing else is that long.
        assert_eq!(texts, 4);
        let text = map
            .iter()
            .copied()
            .find(|&t| t != NIL && tree.is_text(t) && tree.text(t) == LONG)
            .unwrap();
        assert_eq!(tree.memo.borrow().stored(text), Some(Stats::of_text(LONG)));
        tree.invalidate(text);
        assert_eq!(tree.memo.borrow().free_texts.len(), 1);
        assert_eq!(tree.memo.borrow().stored(text), None);
        check(&tree, html);
        let memo = tree.memo.borrow();
        assert_eq!((memo.texts.len(), memo.free_texts.len()), (4, 0));
    }

    #[test]
    fn stats_stay_right_after_the_memo_is_forgotten() {
        let page = page();
        let (mut tree, map) = copy(&page);
        let html = map[page.find(names::HTML).unwrap().index()];
        check(&tree, html);
        tree.forget_stats();
        check(&tree, html);
        let body = map[page.find(names::BODY).unwrap().index()];
        let div = tree.first_element_child(body);
        let p = tree.first_element_child(div);
        tree.detach(p);
        let made = tree.create(names::P);
        tree.append(body, made);
        tree.append(made, p);
        check(&tree, html);
        let memo = tree.memo.borrow();
        assert!(memo.entry.is_empty(), "no entry is kept");
        // Work slots are reused, never kept.
        assert_eq!(memo.slots.len(), memo.free.len());
        assert_eq!(memo.texts.len(), memo.free_texts.len());
        assert!(memo.slots.len() <= 16, "{}", memo.slots.len());
    }

    #[test]
    fn made_nodes_and_scores() {
        let page = page();
        let (mut tree, map) = copy(&page);
        let img = tree.create_with_attrs(names::IMG, vec![("src".into(), "a.jpg".into())]);
        let div = tree.create(names::DIV);
        assert_eq!(tree.orig(img), None);
        assert_eq!(tree.attr(img, names::SRC), Some("a.jpg"));
        assert_eq!(tree.attr(div, names::SRC), None);
        assert!(tree.attrs(div).is_empty());
        let body = map[page.find(names::BODY).unwrap().index()];
        assert_eq!(tree.orig(body), page.find(names::BODY));
        assert!(tree.is(body, names::BODY) && !tree.is_data_table(body));
        assert_eq!(tree.score(body), None);
        tree.set_score(body, 0.0);
        assert_eq!(tree.score(body), Some(0.0));
    }
}
