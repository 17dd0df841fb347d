//! Finding the article: Readability.js's `_grabArticle` and `_prepArticle`,
//! ported to the working [`Tree`].
//!
//! The steps and thresholds follow Readability.js 0.6 closely, so pages come
//! out as its many users expect; newsclean's own additions (the clutter
//! verdicts, browser-known hidden nodes) enter through [`GrabInput`].
//!
//! Workflow, as in Readability:
//! 1. copy the page (scripts, styles and clutter left out; `<noscript>`
//!    images unwrapped), turn `<br><br>` runs into paragraphs;
//! 2. walk the tree: drop hidden, unlikely and empty boxes, the byline and the
//!    heading that repeats the title; turn text-only `<div>`s into `<p>`s;
//! 3. score paragraphs (length, commas) into their ancestors, scale by link
//!    density, pick the best candidate and maybe a better ancestor;
//! 4. gather the candidate's siblings that look like more of the story;
//! 5. clean the result (forms, embeds, share boxes, "fishy" tables/lists/divs);
//! 6. when the result is under the length threshold, retry with fewer
//!    heuristics; keep the longest attempt.

use super::noscript;
use super::patterns::{self as pat, Hits};
use super::tree::{Tree, HEADINGS, NIL, T};
use crate::page::{flags, names, Name, NodeId, NodeKind, Page};

const FLAG_STRIP_UNLIKELYS: u8 = 1;
const FLAG_WEIGHT_CLASSES: u8 = 2;
const FLAG_CLEAN_CONDITIONALLY: u8 = 4;

/// How many top candidates compete (`DEFAULT_N_TOP_CANDIDATES`).
const N_TOP_CANDIDATES: usize = 5;
/// Paragraphs shorter than this are not scored.
const MIN_PARAGRAPH_CHARS: usize = 25;
/// A candidate's ancestors this far up share its score.
const SCORE_ANCESTOR_LEVELS: usize = 5;
/// Alternative candidates needed to promote a common ancestor.
const MIN_TOP_CANDIDATES: usize = 3;
/// Share boxes shorter than this are removed from the article.
const SHARE_ELEMENT_MAX_CHARS: usize = 500;

const TAGS_TO_SCORE: &[Name] = &[
    names::SECTION,
    names::H2,
    names::H3,
    names::H4,
    names::H5,
    names::H6,
    names::P,
    names::TD,
    names::PRE,
];

const ALTER_TO_DIV_EXCEPTIONS: &[Name] = &[names::DIV, names::ARTICLE, names::SECTION, names::P];

const PHRASING_ELEMS: &[Name] = &[
    names::ABBR,
    names::AUDIO,
    names::B,
    names::BDO,
    names::BR,
    names::BUTTON,
    names::CITE,
    names::CODE,
    names::DATA,
    names::DATALIST,
    names::DFN,
    names::EM,
    names::EMBED,
    names::I,
    names::IMG,
    names::INPUT,
    names::KBD,
    names::LABEL,
    names::MARK,
    names::MATH,
    names::METER,
    names::NOSCRIPT,
    names::OBJECT,
    names::OUTPUT,
    names::PROGRESS,
    names::Q,
    names::RUBY,
    names::SAMP,
    names::SCRIPT,
    names::SELECT,
    names::SMALL,
    names::SPAN,
    names::STRONG,
    names::SUB,
    names::SUP,
    names::TEXTAREA,
    names::TIME,
    names::VAR,
    names::WBR,
];

/// What the caller knows before the grab.
pub struct GrabInput<'a> {
    /// The article title, for dropping the heading that repeats it.
    pub title: &'a str,
    /// A byline from metadata (then no element is taken as the byline).
    pub metadata_byline: bool,
    /// Page nodes left out of the copy (clutter), as a per-node mask.
    pub skip: &'a [bool],
    /// Minimum article length.
    pub char_threshold: usize,
}

/// What the grab found.
pub struct Grabbed<'p> {
    pub tree: Tree<'p>,
    /// The article container in `tree`.
    pub root: T,
    /// Text of the element taken as the byline, if any.
    pub byline: Option<String>,
    /// Page nodes of the byline and of the heading that repeated the title.
    pub header_nodes: Vec<NodeId>,
    /// `dir` of the candidate's nearest ancestor that has one.
    pub dir: Option<String>,
}

/// Runs the grab; `None` when the page has no text at all.
pub fn grab<'p>(page: &'p Page, input: &GrabInput<'_>) -> Option<Grabbed<'p>> {
    let mut flags = FLAG_STRIP_UNLIKELYS | FLAG_WEIGHT_CLASSES | FLAG_CLEAN_CONDITIONALLY;
    let mut byline: Option<String> = None;
    // Only the longest attempt so far is kept: a page that misses the
    // threshold would otherwise hold four working trees at once.
    let mut best: Option<(Grabbed<'p>, usize)> = None;
    let class_cache = std::cell::RefCell::new(vec![0u8; page.len()]);
    loop {
        let (tree, html) = copy_page(page, input.skip)?;
        let mut g = Grab {
            tree,
            flags,
            title: input.title,
            byline_known: input.metadata_byline,
            byline: byline.take(),
            header_nodes: Vec::new(),
            class_cache: &class_cache,
        };
        let (root, dir) = g.grab_once(html);
        byline = g.byline.take();
        let len = g.tree.inner_len(root);
        let result = Grabbed {
            header_nodes: std::mem::take(&mut g.header_nodes),
            tree: g.tree,
            root,
            byline: byline.clone(),
            dir,
        };
        if len >= input.char_threshold {
            return Some(result);
        }
        // The first one among equals, as Readability's stable sort gives.
        if best.as_ref().is_none_or(|(_, l)| len > *l) {
            best = Some((result, len));
        }
        if flags & FLAG_STRIP_UNLIKELYS != 0 {
            flags &= !FLAG_STRIP_UNLIKELYS;
        } else if flags & FLAG_WEIGHT_CLASSES != 0 {
            flags &= !FLAG_WEIGHT_CLASSES;
        } else if flags & FLAG_CLEAN_CONDITIONALLY != 0 {
            flags &= !FLAG_CLEAN_CONDITIONALLY;
        } else {
            let (g, len) = best?;
            return (len > 0).then_some(g);
        }
    }
}

// ---- copying the page ------------------------------------------------------

/// True for elements whose content never enters the tree.
fn is_skipped_element(page: &Page, id: NodeId) -> bool {
    let name = page.name(id);
    if page.flags(id) & (flags::SVG | flags::MATHML) != 0 {
        // Keep <svg>/<math> themselves, drop their scripts and styles.
        return name == names::SCRIPT || name == names::STYLE;
    }
    matches!(name, n if n == names::SCRIPT || n == names::STYLE || n == names::TEMPLATE || n == names::NOSCRIPT)
}

/// Copies the page's `<html>` into a tree. Head content is left out (nothing
/// there is scored); scripts, styles, templates and `skip`ped nodes too.
/// Returns the tree and its `<html>` node.
fn copy_page<'p>(page: &'p Page, skip: &[bool]) -> Option<(Tree<'p>, T)> {
    let html_id = page
        .element_children(page.root())
        .find(|&c| page.is(c, names::HTML))?;
    let copied = copied_nodes(page, skip, html_id);
    // Room for the nodes the grab makes too (paragraphs for loose text, the
    // article container), so that the tree is rarely grown by doubling.
    let mut tree = Tree::with_capacity(page, copied + copied / 16 + 16);
    let html = tree.copy_node(html_id);
    // (page node, tree parent) pairs still to copy, children pushed in reverse.
    let mut stack: Vec<(NodeId, T)> = Vec::new();
    let kids: Vec<NodeId> = page.children(html_id).collect();
    for &k in kids.iter().rev() {
        stack.push((k, html));
    }
    while let Some((id, parent)) = stack.pop() {
        if skip.get(id.index()).copied().unwrap_or(false) {
            continue;
        }
        match page.kind(id) {
            NodeKind::Text => {
                let t = tree.copy_node(id);
                tree.append(parent, t);
            }
            NodeKind::Element => {
                if page.is(id, names::NOSCRIPT) {
                    unwrap_noscript_image(&mut tree, page, id, parent);
                    continue;
                }
                if is_skipped_element(page, id) {
                    continue;
                }
                let t = tree.copy_node(id);
                tree.append(parent, t);
                if page.is(id, names::HEAD) {
                    continue;
                }
                let kids: Vec<NodeId> = page.children(id).collect();
                for &k in kids.iter().rev() {
                    stack.push((k, t));
                }
            }
            _ => {}
        }
    }
    remove_sourceless_images(&mut tree, html);
    if let Some(body) = tree
        .children(html)
        .into_iter()
        .find(|&c| tree.is(c, names::BODY))
    {
        replace_brs(&mut tree, body);
    }
    for font in tree.by_tag(html, names::FONT) {
        tree.set_tag(font, names::SPAN);
    }
    Some((tree, html))
}

/// How many nodes `copy_page` copies from `html`'s subtree (at most: a
/// `<noscript>` counts for the image it may give).
fn copied_nodes(page: &Page, skip: &[bool], html: NodeId) -> usize {
    let mut n = 1;
    let mut id = NodeId(html.0 + 1);
    let end = page.end(html);
    while id < end {
        let skipped = skip.get(id.index()).copied().unwrap_or(false);
        let descend = !skipped
            && match page.kind(id) {
                NodeKind::Text => {
                    n += 1;
                    false
                }
                NodeKind::Element => {
                    let noscript = page.is(id, names::NOSCRIPT);
                    let copied = noscript || !is_skipped_element(page, id);
                    n += usize::from(copied);
                    copied && !noscript && !page.is(id, names::HEAD)
                }
                _ => false,
            };
        id = if descend {
            NodeId(id.0 + 1)
        } else {
            page.end(id)
        };
    }
    n
}

fn has_image_like_value(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".webp"]
        .iter()
        .any(|e| lower.contains(e))
}

/// `_unwrapNoscriptImages`, first half: `<img>`s with nothing that could be a
/// source are placeholders, and go.
fn remove_sourceless_images(tree: &mut Tree<'_>, root: T) {
    for img in tree.by_tag(root, names::IMG) {
        let keep = tree.attrs(img).iter().any(|(n, v)| {
            matches!(*n, "src" | "srcset" | "data-src" | "data-srcset") || has_image_like_value(v)
        });
        if !keep {
            tree.detach(img);
        }
    }
}

/// `_unwrapNoscriptImages`, second half: a `<noscript>` holding one image
/// replaces the placeholder image just before it.
fn unwrap_noscript_image(tree: &mut Tree<'_>, page: &Page, noscript: NodeId, parent: T) {
    let text: String = page.text_content(noscript);
    let Some(mut attrs) = noscript::single_image(&text) else {
        return;
    };
    let prev = tree.n(parent).last;
    let prev = if prev != NIL && tree.is_text(prev) {
        tree.prev_element_sibling(prev)
    } else {
        prev
    };
    if prev == NIL || !is_single_image(tree, prev) {
        return;
    }
    let prev_img = if tree.is(prev, names::IMG) {
        prev
    } else {
        match tree.by_tag(prev, names::IMG).first() {
            Some(&i) => i,
            None => return,
        }
    };
    for (name, value) in tree.attrs(prev_img) {
        if value.is_empty() || !(name == "src" || name == "srcset" || has_image_like_value(value)) {
            continue;
        }
        if attrs.iter().any(|(n, v)| n == name && v == value) {
            continue;
        }
        let name = if attrs.iter().any(|(n, _)| n == name) {
            format!("data-old-{name}")
        } else {
            name.to_owned()
        };
        attrs.push((name, value.to_owned()));
    }
    let img = tree.create_with_attrs(names::IMG, attrs);
    tree.replace(img, prev);
}

fn is_single_image(tree: &Tree<'_>, mut t: T) -> bool {
    while t != NIL {
        if tree.is(t, names::IMG) {
            return true;
        }
        if tree.element_child_count(t) != 1 || tree.has_text(t) {
            return false;
        }
        t = tree.first_element_child(t);
    }
    false
}

fn is_whitespace(tree: &Tree<'_>, t: T) -> bool {
    if tree.is_text(t) {
        tree.text(t).trim().is_empty()
    } else {
        tree.is(t, names::BR)
    }
}

/// `_nextNode`: skips whitespace-only text.
fn next_node(tree: &Tree<'_>, mut t: T) -> T {
    while t != NIL && tree.is_text(t) && tree.text(t).trim().is_empty() {
        t = tree.next_sibling(t);
    }
    t
}

fn is_phrasing(tree: &Tree<'_>, t: T) -> bool {
    if tree.is_text(t) {
        return true;
    }
    let tag = tree.tag(t);
    if PHRASING_ELEMS.contains(&tag) {
        return true;
    }
    if tag == names::A || tag == names::DEL || tag == names::INS {
        // Iterative "every descendant is phrasing": a non-phrasing element at
        // any depth under a chain of a/del/ins makes the whole thing block.
        let mut stack = tree.child_nodes(t);
        while let Some(c) = stack.pop() {
            if tree.is_text(c) {
                continue;
            }
            let ct = tree.tag(c);
            if PHRASING_ELEMS.contains(&ct) {
                continue;
            }
            if ct == names::A || ct == names::DEL || ct == names::INS {
                stack.extend(tree.child_nodes(c));
                continue;
            }
            return false;
        }
        return true;
    }
    false
}

/// `_replaceBrs`: two or more `<br>`s in a row start a paragraph.
fn replace_brs(tree: &mut Tree<'_>, body: T) {
    for br in tree.by_tag(body, names::BR) {
        let mut next = tree.next_sibling(br);
        let mut replaced = false;
        loop {
            next = next_node(tree, next);
            if next == NIL || !tree.is(next, names::BR) {
                break;
            }
            replaced = true;
            let sibling = tree.next_sibling(next);
            tree.detach(next);
            next = sibling;
        }
        if !replaced {
            continue;
        }
        let p = tree.create(names::P);
        tree.replace(p, br);
        let mut next = tree.next_sibling(p);
        while next != NIL {
            if tree.is(next, names::BR) {
                let after = next_node(tree, tree.next_sibling(next));
                if after != NIL && tree.is(after, names::BR) {
                    break;
                }
            }
            if !is_phrasing(tree, next) {
                break;
            }
            let sibling = tree.next_sibling(next);
            tree.append(p, next);
            next = sibling;
        }
        while tree.n(p).last != NIL && is_whitespace(tree, tree.n(p).last) {
            let last = tree.n(p).last;
            tree.detach(last);
        }
        let parent = tree.parent(p);
        if parent != NIL && tree.is(parent, names::P) {
            tree.set_tag(parent, names::DIV);
        }
    }
}

// ---- the grab ----------------------------------------------------------------

/// What Readability's class/id patterns say about one element.
#[derive(Clone, Copy, Default, Debug, PartialEq)]
struct ClassInfo {
    unlikely: bool,
    maybe: bool,
    byline: bool,
    share: bool,
    /// The class weight (±25 for each of class and id) when classes weigh.
    weight: i8,
}

/// `ClassInfo::pack`: a byte that holds one (0 holds none).
const CLASS_KNOWN: u8 = 0x80;

impl ClassInfo {
    /// One byte: the four flags, the weight in 25s (-2 to 2) and
    /// `CLASS_KNOWN`.
    fn pack(self) -> u8 {
        let steps = (self.weight / 25 + 2) as u8;
        debug_assert!(steps <= 4 && self.weight % 25 == 0);
        CLASS_KNOWN
            | u8::from(self.unlikely)
            | u8::from(self.maybe) << 1
            | u8::from(self.byline) << 2
            | u8::from(self.share) << 3
            | steps << 4
    }

    /// What `pack` made, or `None` for a byte that holds nothing yet.
    fn unpack(b: u8) -> Option<ClassInfo> {
        (b & CLASS_KNOWN != 0).then(|| ClassInfo {
            unlikely: b & 1 != 0,
            maybe: b & 2 != 0,
            byline: b & 4 != 0,
            share: b & 8 != 0,
            weight: (((b >> 4) & 7) as i8 - 2) * 25,
        })
    }

    fn of(class: &str, id: &str) -> ClassInfo {
        if class.is_empty() && id.is_empty() {
            return ClassInfo::default();
        }
        let (class, id) = (class.to_ascii_lowercase(), id.to_ascii_lowercase());
        let mut weight = 0i8;
        let mut all = Hits::default();
        for value in [&class, &id] {
            if value.is_empty() {
                continue;
            }
            let h = pat::hits(value);
            if h.has(Hits::NEGATIVE) {
                weight -= 25;
            }
            if h.has(Hits::POSITIVE) {
                weight += 25;
            }
            all = all.union(h);
        }
        ClassInfo {
            unlikely: all.has(Hits::UNLIKELY),
            maybe: all.has(Hits::MAYBE_CANDIDATE),
            byline: all.has(Hits::BYLINE),
            share: pat::is_share_element(&format!("{class} {id}")),
            weight,
        }
    }
}

struct Grab<'a, 'p> {
    tree: Tree<'p>,
    flags: u8,
    title: &'a str,
    byline_known: bool,
    byline: Option<String>,
    header_nodes: Vec<NodeId>,
    /// Per page node, filled on first use and kept across attempts.
    /// (`ClassInfo::pack`ed, a byte each: the cache is page-sized.)
    class_cache: &'a std::cell::RefCell<Vec<u8>>,
}

/// Inline `style` says the element is not displayed.
fn style_hides(style: &str) -> bool {
    let mut display_none = false;
    let mut visibility_hidden = false;
    for decl in style.split(';') {
        let Some((prop, value)) = decl.split_once(':') else {
            continue;
        };
        let prop = prop.trim().to_ascii_lowercase();
        let value = value
            .trim()
            .trim_end_matches("!important")
            .trim()
            .to_ascii_lowercase();
        match prop.as_str() {
            "display" => display_none = value == "none",
            "visibility" => visibility_hidden = value == "hidden",
            _ => {}
        }
    }
    display_none || visibility_hidden
}

/// `_isProbablyVisible`, plus what a live browser computed.
pub fn is_probably_visible(tree: &Tree<'_>, t: T) -> bool {
    if tree.flags(t) & flags::COMPUTED_HIDDEN != 0 {
        return false;
    }
    if tree.attr(t, names::STYLE).is_some_and(style_hides) || tree.attr(t, names::HIDDEN).is_some()
    {
        return false;
    }
    tree.attr(t, names::ARIA_HIDDEN) != Some("true") || tree.class(t).contains("fallback-image")
}

impl<'p> Grab<'_, 'p> {
    fn flag(&self, f: u8) -> bool {
        self.flags & f != 0
    }

    /// What the element's class and id say, computed once per page node.
    fn class_info(&self, t: T) -> ClassInfo {
        let Some(orig) = self.tree.orig(t) else {
            return ClassInfo::default();
        };
        let mut cache = self.class_cache.borrow_mut();
        if let Some(info) = ClassInfo::unpack(cache[orig.index()]) {
            return info;
        }
        let info = ClassInfo::of(self.tree.class(t), self.tree.id(t));
        cache[orig.index()] = info.pack();
        info
    }

    /// `_getNextNode`: pre-order over elements.
    fn next_element(&self, t: T, skip_kids: bool) -> T {
        let tree = &self.tree;
        if !skip_kids {
            let c = tree.first_element_child(t);
            if c != NIL {
                return c;
            }
        }
        let s = tree.next_element_sibling(t);
        if s != NIL {
            return s;
        }
        let mut p = tree.parent(t);
        while p != NIL {
            let s = tree.next_element_sibling(p);
            if s != NIL {
                return s;
            }
            p = tree.parent(p);
        }
        NIL
    }

    fn remove_and_next(&mut self, t: T) -> T {
        let next = self.next_element(t, true);
        self.tree.detach(t);
        next
    }

    fn class_weight(&self, t: T) -> f32 {
        if !self.flag(FLAG_WEIGHT_CLASSES) {
            return 0.0;
        }
        f32::from(self.class_info(t).weight)
    }

    fn initialize(&mut self, t: T) {
        let tag = self.tree.tag(t);
        let base = match tag {
            n if n == names::DIV => 5.0,
            n if n == names::PRE || n == names::TD || n == names::BLOCKQUOTE => 3.0,
            n if [
                names::ADDRESS,
                names::OL,
                names::UL,
                names::DL,
                names::DD,
                names::DT,
                names::LI,
                names::FORM,
            ]
            .contains(&n) =>
            {
                -3.0
            }
            n if HEADINGS.contains(&n) || n == names::TH => -5.0,
            _ => 0.0,
        };
        let w = self.class_weight(t);
        self.tree.set_score(t, base + w);
    }

    fn score(&self, t: T) -> f32 {
        self.tree.score(t).unwrap_or(0.0)
    }

    fn link_density(&self, t: T) -> f32 {
        let st = self.tree.stats(t);
        if st.len == 0 {
            0.0
        } else {
            st.link_len / st.len as f32
        }
    }

    fn check_byline(&mut self, t: T, info: ClassInfo) -> bool {
        if self.byline.is_some() || self.byline_known {
            return false;
        }
        let rel = self.tree.attr(t, names::REL);
        let itemprop = self.tree.attr(t, names::ITEMPROP);
        let looks =
            rel == Some("author") || itemprop.is_some_and(|i| i.contains("author")) || info.byline;
        if !looks {
            return false;
        }
        let text = self.tree.text_content(t);
        let trimmed = text.trim();
        if trimmed.is_empty() || trimmed.chars().count() >= 100 {
            return false;
        }
        self.byline = Some(trimmed.to_owned());
        self.header_nodes.extend(self.tree.orig(t));
        true
    }

    fn header_duplicates_title(&self, t: T) -> bool {
        if !(self.tree.is(t, names::H1) || self.tree.is(t, names::H2)) {
            return false;
        }
        let heading = self.tree.text_content(t);
        text_similarity(self.title, heading.trim()) > 0.75
    }

    fn is_element_without_content(&self, t: T) -> bool {
        let st = self.tree.stats(t);
        if st.content {
            return false;
        }
        let kids = self.tree.element_child_count(t);
        kids == 0 || kids == st.br_hr as usize
    }

    fn has_single_tag_inside(&self, t: T, tag: Name) -> bool {
        let tree = &self.tree;
        let first = tree.first_element_child(t);
        if first == NIL || !tree.is(first, tag) || tree.next_element_sibling(first) != NIL {
            return false;
        }
        !tree.child_nodes(t).into_iter().any(|c| {
            tree.is_text(c)
                && tree
                    .text(c)
                    .chars()
                    .next_back()
                    .is_some_and(|ch| !ch.is_whitespace())
        })
    }

    fn has_child_block_element(&self, t: T) -> bool {
        self.tree.stats(t).blocks > 0
    }

    /// One pass of `_grabArticle`; returns the article container and its `dir`.
    fn grab_once(&mut self, html: T) -> (T, Option<String>) {
        let strip_unlikely = self.flag(FLAG_STRIP_UNLIKELYS);
        let mut to_score: Vec<T> = Vec::new();
        let mut node = html;
        let mut remove_title_header = true;
        while node != NIL {
            let info = self.class_info(node);
            if !is_probably_visible(&self.tree, node) {
                node = self.remove_and_next(node);
                continue;
            }
            if self.tree.attr(node, names::ARIA_MODAL) == Some("true")
                && self.tree.attr(node, names::ROLE) == Some("dialog")
            {
                node = self.remove_and_next(node);
                continue;
            }
            if self.check_byline(node, info) {
                node = self.remove_and_next(node);
                continue;
            }
            if remove_title_header && self.header_duplicates_title(node) {
                remove_title_header = false;
                self.header_nodes.extend(self.tree.orig(node));
                node = self.remove_and_next(node);
                continue;
            }
            let tag = self.tree.tag(node);
            if strip_unlikely {
                if info.unlikely
                    && !info.maybe
                    && !self.tree.has_ancestor_tag(node, names::TABLE, 3, |_| true)
                    && !self.tree.has_ancestor_tag(node, names::CODE, 3, |_| true)
                    && tag != names::BODY
                    && tag != names::A
                {
                    node = self.remove_and_next(node);
                    continue;
                }
                if self
                    .tree
                    .attr(node, names::ROLE)
                    .is_some_and(|r| pat::UNLIKELY_ROLES.contains(&r))
                {
                    node = self.remove_and_next(node);
                    continue;
                }
            }
            if (tag == names::DIV
                || tag == names::SECTION
                || tag == names::HEADER
                || HEADINGS.contains(&tag))
                && self.is_element_without_content(node)
            {
                node = self.remove_and_next(node);
                continue;
            }
            if TAGS_TO_SCORE.contains(&tag) {
                to_score.push(node);
            }
            if tag == names::DIV {
                self.wrap_phrasing_runs(node);
                if self.has_single_tag_inside(node, names::P) && self.link_density(node) < 0.25 {
                    let p = self.tree.first_element_child(node);
                    self.tree.replace(p, node);
                    node = p;
                    to_score.push(node);
                } else if !self.has_child_block_element(node) {
                    self.tree.set_tag(node, names::P);
                    to_score.push(node);
                }
            }
            node = self.next_element(node, false);
        }

        let candidates = self.score_paragraphs(&to_score);
        let top = self.top_candidates(&candidates);
        let body = self
            .tree
            .children(html)
            .into_iter()
            .find(|&c| self.tree.is(c, names::BODY))
            .unwrap_or(html);
        let top = self.choose_top(top, body);
        let parent = self.tree.parent(top);
        let article = self.gather_siblings(top, parent);
        self.prep_article(article);
        let dir = self.find_dir(top, parent);
        (article, dir)
    }

    /// Wraps runs of phrasing content directly inside a `<div>` in `<p>`s.
    fn wrap_phrasing_runs(&mut self, div: T) {
        let mut p = NIL;
        let mut child = self.tree.first_child(div);
        while child != NIL {
            let next = self.tree.next_sibling(child);
            if is_phrasing(&self.tree, child) {
                if p != NIL {
                    self.tree.append(p, child);
                } else if !is_whitespace(&self.tree, child) {
                    p = self.tree.create(names::P);
                    self.tree.replace(p, child);
                    self.tree.append(p, child);
                }
            } else if p != NIL {
                while self.tree.n(p).last != NIL && is_whitespace(&self.tree, self.tree.n(p).last) {
                    let last = self.tree.n(p).last;
                    self.tree.detach(last);
                }
                p = NIL;
            }
            child = next;
        }
    }

    fn score_paragraphs(&mut self, to_score: &[T]) -> Vec<T> {
        let mut candidates = Vec::new();
        for &el in to_score {
            let parent = self.tree.parent(el);
            if parent == NIL {
                continue;
            }
            let st = self.tree.stats(el);
            let len = st.len as usize;
            if len < MIN_PARAGRAPH_CHARS {
                continue;
            }
            let ancestors = self.tree.ancestors(el, SCORE_ANCESTOR_LEVELS);
            if ancestors.is_empty() {
                continue;
            }
            let commas = st.commas as usize;
            let score = 1.0 + (commas + 1) as f32 + (len / 100).min(3) as f32;
            for (level, &anc) in ancestors.iter().enumerate() {
                // Readability skips ancestors whose parent is not an element
                // (the document element).
                if self.tree.parent(anc) == NIL {
                    continue;
                }
                if self.tree.score(anc).is_none() {
                    self.initialize(anc);
                    candidates.push(anc);
                }
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                let s = self.score(anc) + score / divider;
                self.tree.set_score(anc, s);
            }
        }
        candidates
    }

    fn top_candidates(&mut self, candidates: &[T]) -> Vec<T> {
        let mut top: Vec<T> = Vec::with_capacity(N_TOP_CANDIDATES + 1);
        for &c in candidates {
            let scaled = self.score(c) * (1.0 - self.link_density(c));
            self.tree.set_score(c, scaled);
            for t in 0..N_TOP_CANDIDATES {
                if t >= top.len() || scaled > self.score(top[t]) {
                    top.insert(t, c);
                    top.truncate(N_TOP_CANDIDATES);
                    break;
                }
            }
        }
        top
    }

    fn choose_top(&mut self, top: Vec<T>, body: T) -> T {
        let first = top.first().copied().unwrap_or(NIL);
        if first == NIL || self.tree.is(first, names::BODY) {
            // Everything in the body becomes the candidate.
            let div = self.tree.create(names::DIV);
            for c in self.tree.child_nodes(body) {
                self.tree.append(div, c);
            }
            self.tree.append(body, div);
            self.initialize(div);
            return div;
        }
        let mut top_candidate = first;
        let top_score = self.score(first);
        let alternatives: Vec<Vec<T>> = top[1..]
            .iter()
            .filter(|&&c| top_score != 0.0 && self.score(c) / top_score >= 0.75)
            .map(|&c| self.tree.ancestors(c, 0))
            .collect();
        if alternatives.len() >= MIN_TOP_CANDIDATES {
            let mut p = self.tree.parent(top_candidate);
            while p != NIL && !self.tree.is(p, names::BODY) {
                let lists = alternatives.iter().filter(|a| a.contains(&p)).count();
                if lists >= MIN_TOP_CANDIDATES {
                    top_candidate = p;
                    break;
                }
                p = self.tree.parent(p);
            }
        }
        if self.tree.score(top_candidate).is_none() {
            self.initialize(top_candidate);
        }
        // A parent scoring higher than the candidate (on the way up, before the
        // scores fall too low) is the better container.
        let mut p = self.tree.parent(top_candidate);
        let mut last = self.score(top_candidate);
        let threshold = last / 3.0;
        while p != NIL && !self.tree.is(p, names::BODY) {
            let Some(ps) = self.tree.score(p) else {
                p = self.tree.parent(p);
                continue;
            };
            if ps < threshold {
                break;
            }
            if ps > last {
                top_candidate = p;
                break;
            }
            last = ps;
            p = self.tree.parent(p);
        }
        // An only child hands over to its parent, so siblings can join.
        let mut p = self.tree.parent(top_candidate);
        while p != NIL && !self.tree.is(p, names::BODY) && self.tree.element_child_count(p) == 1 {
            top_candidate = p;
            p = self.tree.parent(top_candidate);
        }
        if self.tree.score(top_candidate).is_none() {
            self.initialize(top_candidate);
        }
        top_candidate
    }

    fn gather_siblings(&mut self, top: T, parent: T) -> T {
        let article = self.tree.create(names::DIV);
        let top_score = self.score(top);
        let threshold = (top_score * 0.2).max(10.0);
        let top_class = self.tree.class(top).to_owned();
        let siblings = if parent == NIL {
            vec![top]
        } else {
            self.tree.children(parent)
        };
        for s in siblings {
            let mut append = s == top;
            if !append {
                let bonus = if !top_class.is_empty() && self.tree.class(s) == top_class {
                    top_score * 0.2
                } else {
                    0.0
                };
                if self.tree.score(s).is_some_and(|sc| sc + bonus >= threshold) {
                    append = true;
                } else if self.tree.is(s, names::P) {
                    let ld = self.link_density(s);
                    let len = self.tree.inner_len(s);
                    append = (len > 80 && ld < 0.25)
                        || (len < 80
                            && len > 0
                            && ld == 0.0
                            && ends_sentence(&self.tree.inner_text(s)));
                }
            }
            if append {
                if !ALTER_TO_DIV_EXCEPTIONS.contains(&self.tree.tag(s)) {
                    self.tree.set_tag(s, names::DIV);
                }
                self.tree.append(article, s);
            }
        }
        article
    }

    fn find_dir(&self, top: T, parent: T) -> Option<String> {
        let mut chain = vec![parent, top];
        if parent != NIL {
            chain.extend(self.tree.ancestors(parent, 0));
        }
        chain
            .into_iter()
            .filter(|&t| t != NIL && self.tree.is_element(t))
            .find_map(|t| {
                self.tree
                    .attr(t, names::DIR)
                    .filter(|d| !d.is_empty())
                    .map(str::to_owned)
            })
    }

    // ---- _prepArticle ------------------------------------------------------

    fn prep_article(&mut self, article: T) {
        self.mark_data_tables(article);
        self.fix_lazy_figures(article);
        self.clean_conditionally(article, names::FORM);
        self.clean_conditionally(article, names::FIELDSET);
        for tag in [
            names::OBJECT,
            names::EMBED,
            names::FOOTER,
            names::LINK,
            names::ASIDE,
        ] {
            self.clean_tag(article, tag);
        }
        for child in self.tree.children(article) {
            self.clean_share_elements(child);
        }
        for tag in [
            names::IFRAME,
            names::INPUT,
            names::TEXTAREA,
            names::SELECT,
            names::BUTTON,
        ] {
            self.clean_tag(article, tag);
        }
        for h in self.tree.by_tags(article, &[names::H1, names::H2]) {
            if self.class_weight(h) < 0.0 {
                self.tree.detach(h);
            }
        }
        self.clean_conditionally(article, names::TABLE);
        self.clean_conditionally(article, names::UL);
        self.clean_conditionally(article, names::DIV);
        for h1 in self.tree.by_tag(article, names::H1) {
            self.tree.set_tag(h1, names::H2);
        }
        for p in self.tree.by_tag(article, names::P).into_iter().rev() {
            if self.tree.parent(p) == NIL {
                continue;
            }
            let media = [names::IMG, names::EMBED, names::OBJECT, names::IFRAME]
                .iter()
                .any(|&m| self.tree.has_tag(p, m));
            if !media && !self.tree.has_text(p) {
                self.tree.detach(p);
            }
        }
        for br in self.tree.by_tag(article, names::BR) {
            let next = next_node(&self.tree, self.tree.next_sibling(br));
            if next != NIL && self.tree.is(next, names::P) {
                self.tree.detach(br);
            }
        }
        self.unwrap_single_cell_tables(article);
        self.simplify_nested(article);
    }

    fn unwrap_single_cell_tables(&mut self, article: T) {
        for table in self.tree.by_tag(article, names::TABLE) {
            if self.tree.parent(table) == NIL {
                continue;
            }
            let tbody = if self.has_single_tag_inside(table, names::TBODY) {
                self.tree.first_element_child(table)
            } else {
                table
            };
            if !self.has_single_tag_inside(tbody, names::TR) {
                continue;
            }
            let row = self.tree.first_element_child(tbody);
            if !self.has_single_tag_inside(row, names::TD) {
                continue;
            }
            let cell = self.tree.first_element_child(row);
            let all_phrasing = self
                .tree
                .child_nodes(cell)
                .into_iter()
                .all(|c| is_phrasing(&self.tree, c));
            self.tree
                .set_tag(cell, if all_phrasing { names::P } else { names::DIV });
            self.tree.replace(cell, table);
        }
    }

    /// `_simplifyNestedElements`: drop empty `div`/`section`s and unwrap those
    /// that only wrap another one.
    fn simplify_nested(&mut self, article: T) {
        let mut node = self.tree.first_element_child(article);
        while node != NIL {
            let tag = self.tree.tag(node);
            if tag == names::DIV || tag == names::SECTION {
                if self.is_element_without_content(node) {
                    let next = self.next_within(article, node, true);
                    self.tree.detach(node);
                    node = next;
                    continue;
                }
                if self.has_single_tag_inside(node, names::DIV)
                    || self.has_single_tag_inside(node, names::SECTION)
                {
                    let child = self.tree.first_element_child(node);
                    self.tree.replace(child, node);
                    node = child;
                    continue;
                }
            }
            node = self.next_within(article, node, false);
        }
    }

    fn next_within(&self, root: T, t: T, skip_kids: bool) -> T {
        let next = self.next_element(t, skip_kids);
        if next != NIL && self.is_inside(root, next) {
            next
        } else {
            NIL
        }
    }

    fn is_inside(&self, root: T, mut t: T) -> bool {
        while t != NIL {
            if t == root {
                return true;
            }
            t = self.tree.parent(t);
        }
        false
    }

    fn mark_data_tables(&mut self, root: T) {
        for table in self.tree.by_tag(root, names::TABLE) {
            let is_data = self.is_data_table(table);
            if is_data {
                self.tree.mark_data_table(table);
            }
        }
    }

    fn is_data_table(&self, table: T) -> bool {
        let tree = &self.tree;
        if tree.attr(table, names::ROLE) == Some("presentation")
            || tree.attr(table, names::DATATABLE) == Some("0")
        {
            return false;
        }
        if tree
            .attr(table, names::SUMMARY)
            .is_some_and(|s| !s.is_empty())
        {
            return true;
        }
        if let Some(&caption) = tree.by_tag(table, names::CAPTION).first() {
            if tree.first_child(caption) != NIL {
                return true;
            }
        }
        if [
            names::COL,
            names::COLGROUP,
            names::TFOOT,
            names::THEAD,
            names::TH,
        ]
        .iter()
        .any(|&t| tree.has_tag(table, t))
        {
            return true;
        }
        if tree.has_tag(table, names::TABLE) {
            return false;
        }
        let (rows, columns) = self.row_and_column_count(table);
        if columns == 1 || rows == 1 {
            return false;
        }
        if rows >= 10 || columns > 4 {
            return true;
        }
        rows * columns > 10
    }

    fn row_and_column_count(&self, table: T) -> (usize, usize) {
        let tree = &self.tree;
        let span = |t: T, name: Name| -> usize {
            tree.attr(t, name)
                .and_then(|v| v.trim().parse::<usize>().ok())
                .filter(|&n| n > 0)
                .unwrap_or(1)
                .min(1000)
        };
        let mut rows = 0;
        let mut columns = 0;
        for tr in tree.by_tag(table, names::TR) {
            rows += span(tr, names::ROWSPAN);
            let cols: usize = tree
                .by_tag(tr, names::TD)
                .into_iter()
                .map(|td| span(td, names::COLSPAN))
                .sum();
            columns = columns.max(cols);
        }
        (rows, columns)
    }

    /// `_fixLazyImages`' structural part: a `<figure>` with a lazy image URL in
    /// an attribute but no `<img>` gets one (attributes are fixed on output).
    fn fix_lazy_figures(&mut self, root: T) {
        for fig in self.tree.by_tag(root, names::FIGURE) {
            if self.tree.has_tag(fig, names::IMG) || self.tree.has_tag(fig, names::PICTURE) {
                continue;
            }
            let mut made = Vec::new();
            for (name, value) in self.tree.attrs(fig) {
                if matches!(name, "src" | "srcset" | "alt") {
                    continue;
                }
                if let Some(to) = lazy_image_target(value) {
                    made.push((to.to_owned(), value.to_owned()));
                }
            }
            if !made.is_empty() {
                let img = self.tree.create_with_attrs(names::IMG, made);
                self.tree.append(fig, img);
            }
        }
    }

    fn embed_is_video(&self, t: T) -> bool {
        self.tree.attrs(t).iter().any(|(_, v)| pat::is_video_url(v))
    }

    /// `_clean`: removes every `tag` below `root`, sparing video embeds.
    fn clean_tag(&mut self, root: T, tag: Name) {
        let is_embed = tag == names::OBJECT || tag == names::EMBED || tag == names::IFRAME;
        for t in self.tree.by_tag(root, tag).into_iter().rev() {
            if self.tree.parent(t) == NIL {
                continue;
            }
            if is_embed && self.embed_is_video(t) {
                continue;
            }
            self.tree.detach(t);
        }
    }

    fn clean_share_elements(&mut self, top: T) {
        let mut node = self.next_within(top, top, false);
        while node != NIL {
            if self.class_info(node).share
                && self.tree.text_content(node).chars().count() < SHARE_ELEMENT_MAX_CHARS
            {
                let next = self.next_within(top, node, true);
                self.tree.detach(node);
                node = next;
            } else {
                node = self.next_within(top, node, false);
            }
        }
    }

    fn in_data_table(&self, t: T) -> bool {
        self.tree
            .has_ancestor_tag(t, names::TABLE, 0, |p| self.tree.is_data_table(p))
    }

    /// `_cleanConditionally`: removes `tag` elements that look fishy.
    fn clean_conditionally(&mut self, root: T, tag: Name) {
        if !self.flag(FLAG_CLEAN_CONDITIONALLY) {
            return;
        }
        for node in self.tree.by_tag(root, tag).into_iter().rev() {
            if self.tree.parent(node) == NIL {
                continue;
            }
            if self.should_remove_conditionally(node, tag) {
                self.tree.detach(node);
            }
        }
    }

    fn should_remove_conditionally(&self, node: T, tag: Name) -> bool {
        let tree = &self.tree;
        let st = tree.stats(node);
        let ratio = |part: u32| {
            if st.len == 0 {
                0.0
            } else {
                part as f32 / st.len as f32
            }
        };
        let is_list =
            tag == names::UL || tag == names::OL || (st.len > 0 && ratio(st.list_len) > 0.9);
        if tag == names::TABLE && tree.is_data_table(node) {
            return false;
        }
        if self.in_data_table(node) {
            return false;
        }
        if tree.has_ancestor_tag(node, names::CODE, 3, |_| true) {
            return false;
        }
        if st.data_tables > 0 {
            return false;
        }
        let weight = self.class_weight(node);
        if weight < 0.0 {
            return true;
        }
        if st.ascii_commas >= 10 {
            return false;
        }
        let p = st.p as f32;
        let img = st.img as f32;
        let li = st.li as f32 - 100.0;
        let input = st.input as f32;
        let heading_density = ratio(st.heading_len);
        if st.video_embeds > 0 {
            return false;
        }
        let embeds = st.embeds;
        // Ad and loading labels are single short words.
        if st.len <= 24 && pat::is_ad_or_loading_text(&tree.inner_text(node)) {
            return true;
        }
        let content_len = st.len as usize;
        let link_density = self.link_density(node);
        let text_density = ratio(st.textish_len);
        let figure_child = tree.has_ancestor_tag(node, names::FIGURE, 3, |_| true);

        let remove = (!figure_child && img > 1.0 && p / img < 0.5)
            || (!is_list && li > p)
            || (input > (p / 3.0).floor())
            || (!is_list
                && !figure_child
                && heading_density < 0.9
                && content_len < 25
                && (img == 0.0 || img > 2.0)
                && link_density > 0.0)
            || (!is_list && weight < 25.0 && link_density > 0.2)
            || (weight >= 25.0 && link_density > 0.5)
            || ((embeds == 1 && content_len < 75) || embeds > 1)
            || (img == 0.0 && text_density == 0.0);

        if is_list && remove {
            // Lists of images stay: every <li> a single child, each with an image.
            for child in tree.children(node) {
                if tree.element_child_count(child) > 1 {
                    return remove;
                }
            }
            if st.img == st.li {
                return false;
            }
        }
        remove
    }
}

/// `nodeContent.search(/\.( |$)/) !== -1`: a period followed by a space or the end.
fn ends_sentence(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .any(|(i, &b)| b == b'.' && (i + 1 == bytes.len() || bytes[i + 1] == b' '))
}

/// Where a lazy-image attribute value belongs: `srcset` for "a.jpg 2x" forms,
/// `src` for a lone image URL.
pub fn lazy_image_target(value: &str) -> Option<&'static str> {
    let lower = value.to_ascii_lowercase();
    let exts = [".jpg", ".jpeg", ".png", ".webp"];
    // /\.(jpg|jpeg|png|webp)\s+\d/
    let srcset_like = exts.iter().any(|e| {
        lower.match_indices(e).any(|(i, _)| {
            let rest = &lower[i + e.len()..];
            let trimmed = rest.trim_start();
            trimmed.len() < rest.len() && trimmed.starts_with(|c: char| c.is_ascii_digit())
        })
    });
    if srcset_like {
        return Some("srcset");
    }
    // /^\s*\S+\.(jpg|jpeg|png|webp)\S*\s*$/
    let t = lower.trim();
    if !t.is_empty()
        && !t.contains(char::is_whitespace)
        && exts.iter().any(|e| t.find(e).is_some_and(|i| i > 0))
    {
        return Some("src");
    }
    None
}

/// `_textSimilarity`: how much of `b`'s wording is also in `a` (1 = all).
pub fn text_similarity(a: &str, b: &str) -> f32 {
    let tokens = |s: &str| -> Vec<String> {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let ta = tokens(a);
    let tb = tokens(b);
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let uniq: Vec<&str> = tb
        .iter()
        .filter(|t| !ta.contains(t))
        .map(String::as_str)
        .collect();
    let total = tb.join(" ").chars().count();
    let distance = uniq.join(" ").chars().count() as f32 / total as f32;
    1.0 - distance
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_info_packs_into_a_byte() {
        assert_eq!(ClassInfo::unpack(0), None);
        let mut seen = std::collections::HashSet::new();
        for flags in 0..16u8 {
            for weight in [-50i8, -25, 0, 25, 50] {
                let info = ClassInfo {
                    unlikely: flags & 1 != 0,
                    maybe: flags & 2 != 0,
                    byline: flags & 4 != 0,
                    share: flags & 8 != 0,
                    weight,
                };
                let b = info.pack();
                assert_eq!(ClassInfo::unpack(b), Some(info));
                assert!(seen.insert(b), "{info:?} packs like another");
            }
        }
        let info = ClassInfo::of("sidebar comment", "main-content");
        assert_eq!(ClassInfo::unpack(info.pack()), Some(info));
    }

    #[test]
    fn lazy_targets() {
        assert_eq!(lazy_image_target("https://x/a.jpg"), Some("src"));
        assert_eq!(lazy_image_target("a.jpg 1x, b.jpg 2x"), Some("srcset"));
        assert_eq!(lazy_image_target("lazy"), None);
        assert_eq!(lazy_image_target("some text with a.jpg"), None);
    }

    #[test]
    fn similarity() {
        assert!(text_similarity("Storm closes port", "Storm closes port") > 0.99);
        assert!(text_similarity("Storm closes port", "Weather") < 0.1);
    }

    #[test]
    fn hidden_styles() {
        assert!(style_hides("color: red; display : NONE"));
        assert!(style_hides("visibility:hidden !important"));
        assert!(!style_hides("display:block"));
    }
}
