//! The standfirst: the one- or two-sentence summary printed between the
//! headline and the story.
//!
//! Readability keeps only the container it scored best and that container's
//! look-alike siblings; the standfirst usually sits outside it, in the
//! header next to the headline, and is lost ("lead paragraph cut off" is the
//! most frequent complaint about reader modes). Pages also state their
//! summary in `<meta name="description">` (or `og:description`, JSON-LD).
//! When that summary is printed on the page, just before the story and not
//! inside it, this puts it back at the top of the article.

use super::tree::{Tree, NIL, T};
use crate::page::{flags, names, Name, NodeId, Page};
use crate::text::{class_tokens, normalize_label};

/// Descriptions shorter than this (normalised) are titles or slogans.
const MIN_CHARS: usize = 50;
/// At most this much page text may stand between the standfirst and the
/// story (a byline, a date, a picture caption).
const MAX_GAP_CHARS: usize = 600;
/// The first this-many characters of a description find its candidates.
const KEY_CHARS: usize = 24;
/// How far up from a matching text node the standfirst element may be.
const MAX_LEVELS: usize = 4;

/// A standfirst found by its class is at most this long.
const MAX_CLASS_CHARS: usize = 600;

/// Class/id tokens pages give their standfirst (English, French "chapo",
/// Spanish "entradilla"/"bajada", Italian "sommario", German "vorspann",
/// Portuguese "linha fina" as "fina"…).
const STANDFIRST_TOKENS: &[&str] = &[
    "abstract",
    "bajada",
    "chapeau",
    "chapo",
    "deck",
    "dek",
    "entradilla",
    "excerpt",
    "intro",
    "introduction",
    "lead",
    "lede",
    "sapo",
    "sommario",
    "standfirst",
    "subheadline",
    "subtitle",
    "subtitulo",
    "summary",
    "teaser",
    "vorspann",
];

/// Tokens that make such a class something else (a lead picture, a teaser list).
const STANDFIRST_VETO_TOKENS: &[&str] = &[
    "img", "image", "item", "link", "list", "media", "photo", "picture", "related", "video",
];

/// Elements that can carry a standfirst.
const CARRIERS: &[Name] = &[
    names::P,
    names::DIV,
    names::H2,
    names::H3,
    names::SPAN,
    names::SECTION,
    names::STRONG,
    names::B,
    names::EM,
];

/// Elements whose content is never a standfirst.
const NEVER_INSIDE: &[Name] = &[
    names::HEAD,
    names::SCRIPT,
    names::STYLE,
    names::NOSCRIPT,
    names::TEMPLATE,
    names::A,
    names::NAV,
    names::FOOTER,
    names::ASIDE,
    names::BUTTON,
    names::FORM,
    names::LI,
    names::FIGCAPTION,
    names::TITLE,
    names::H1,
];

/// Puts the page's printed standfirst at the top of the article when the
/// article lacks it, and the lead picture when the article starts without
/// one. `skip` marks the page nodes judged clutter. Returns the lead pictures
/// it put in: the plain text leaves them out, since a caption there would
/// describe a picture the text does not show (the HTML shows both).
pub fn recover(
    page: &Page,
    tree: &mut Tree<'_>,
    root: T,
    description: Option<&str>,
    skip: &[bool],
) -> Vec<T> {
    let mut pictures = Vec::new();
    let Some(first) = first_page_node(tree, root) else {
        return pictures;
    };
    // Normalising the whole article is costly; most pages never ask.
    let article_text = std::cell::OnceCell::new();
    let article = || {
        article_text
            .get_or_init(|| normalize_label(&tree.text_content(root)))
            .as_str()
    };
    let mut found: Vec<NodeId> = Vec::new();
    let standfirst = description
        .and_then(|d| by_description(page, first, d, &article))
        .or_else(|| by_class(page, first, &article))
        .filter(|&f| usable(page, f, skip) && gap_chars(page, f, first) <= MAX_GAP_CHARS);
    found.extend(standfirst);
    let lead = if has_lead_picture(tree, root, first) {
        None
    } else {
        lead_figure(page, first, skip)
            .filter(|f| !standfirst.is_some_and(|s| page.contains(*f, s) || page.contains(s, *f)))
    };
    found.extend(lead);
    // In page order, before the story.
    found.sort_unstable();
    let head = tree.first_child(root);
    for f in found {
        let copy = copy_subtree(tree, page, f);
        if head == NIL {
            tree.append(root, copy);
        } else {
            tree.insert_before(head, copy);
        }
        if Some(f) == lead {
            pictures.push(copy);
        }
    }
    restore_figures(page, tree, root, skip);
    pictures
}

/// Figures the grab left out inside the stretch of page it took: a lead
/// picture between the article's header and its body, a picture box the
/// cleaning dropped for its class. Each goes back where it was, before the
/// first article node that follows it on the page.
fn restore_figures(page: &Page, tree: &mut Tree<'_>, root: T, skip: &[bool]) {
    // The article's page nodes, as one bit each: the article can be most
    // of a node-dense page.
    let mut present = NodeSet::new(page.len());
    let mut span: Option<(NodeId, NodeId)> = None;
    tree.for_each_descendant(root, |d| {
        if let Some(id) = tree.orig(d) {
            present.insert(id.index());
            let (start, end) = span.get_or_insert((id, page.end(id)));
            *start = (*start).min(id);
            *end = (*end).max(page.end(id));
        }
    });
    let Some((start, end)) = span else {
        return;
    };
    // (figure, the first article page node after it)
    let mut restore: Vec<(NodeId, NodeId)> = Vec::new();
    let mut i = start.index();
    while i < end.index() {
        let id = NodeId(i as u32);
        if page.is_element(id) && is_figure_like(page, id) {
            let after = page.end(id);
            let missing = present.next_from(id.index()) >= after.index();
            if missing
                && after <= end
                && has_picture(page, id)
                && page.text_content(id).chars().count() <= MAX_CLASS_CHARS
                && figure_usable(page, id, skip)
            {
                let next = present.next_from(after.index());
                if next < page.len() {
                    restore.push((id, NodeId(next as u32)));
                }
            }
            i = after.index();
            continue;
        }
        i += 1;
    }
    if restore.is_empty() {
        return;
    }
    // The tree nodes of those page nodes, the first copy of each.
    let mut wanted: Vec<(NodeId, T)> = restore.iter().map(|&(_, n)| (n, NIL)).collect();
    wanted.sort_unstable_by_key(|w| w.0);
    wanted.dedup_by_key(|w| w.0);
    tree.for_each_descendant(root, |d| {
        if let Some(id) = tree.orig(d) {
            if let Ok(k) = wanted.binary_search_by_key(&id, |w| w.0) {
                if wanted[k].1 == NIL {
                    wanted[k].1 = d;
                }
            }
        }
    });
    for (fig, next) in restore {
        let k = wanted
            .binary_search_by_key(&next, |w| w.0)
            .expect("a wanted node");
        let at = block_start(tree, root, wanted[k].1);
        let copy = copy_subtree(tree, page, fig);
        tree.insert_before(at, copy);
    }
}

/// A set of page node indices, a bit each.
struct NodeSet {
    words: Vec<u64>,
    len: usize,
}

impl NodeSet {
    fn new(len: usize) -> NodeSet {
        NodeSet {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    fn insert(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
    }

    /// The smallest member at or after `i`; `len` when there is none.
    fn next_from(&self, i: usize) -> usize {
        if i >= self.len {
            return self.len;
        }
        let mut w = i / 64;
        let mut bits = self.words[w] & (u64::MAX << (i % 64));
        loop {
            if bits != 0 {
                return (w * 64 + bits.trailing_zeros() as usize).min(self.len);
            }
            w += 1;
            if w == self.words.len() {
                return self.len;
            }
            bits = self.words[w];
        }
    }
}

/// The node to insert a block before so that it lands before `t`: `t`'s
/// outermost ancestor below `root` that `t` starts, or its enclosing block.
fn block_start(tree: &Tree<'_>, root: T, t: T) -> T {
    let mut at = t;
    loop {
        let parent = tree.parent(at);
        if parent == NIL || parent == root {
            return at;
        }
        let starts = tree.first_child(parent) == at
            || tree
                .child_nodes(parent)
                .into_iter()
                .take_while(|&c| c != at)
                .all(|c| tree.is_text(c) && tree.text(c).trim().is_empty());
        let inline = !tree.is_element(parent) || INLINE_PARENTS.contains(&tree.tag(parent));
        if !starts && !inline {
            return at;
        }
        at = parent;
    }
}

/// Parents a figure must not go into.
const INLINE_PARENTS: &[Name] = &[
    names::P,
    names::SPAN,
    names::A,
    names::EM,
    names::STRONG,
    names::B,
    names::I,
    names::H1,
    names::H2,
    names::H3,
    names::H4,
    names::H5,
    names::H6,
    names::LI,
];

/// Class/id tokens of picture boxes that are not `<figure>`s.
const PICTURE_BOX_TOKENS: &[&str] = &[
    "figure", "foto", "image", "img", "media", "photo", "picture",
];

/// A `<figure>`, or a box a page marks as a picture by its class holding one
/// image, a caption at most and no links.
fn is_figure_like(page: &Page, id: NodeId) -> bool {
    if page.is(id, names::FIGURE) {
        return true;
    }
    if !page.is(id, names::DIV) {
        return false;
    }
    let mut marked = false;
    for name in [names::CLASS, names::ID] {
        if let Some(v) = page.attr(id, name) {
            class_tokens(v, |t| marked = marked || PICTURE_BOX_TOKENS.contains(&t));
        }
    }
    if !marked {
        return false;
    }
    let mut images = 0;
    for d in page.descendants(id) {
        if page.is(d, names::IMG) {
            images += 1;
        } else if page.is(d, names::A) || page.is(d, names::P) || page.is(d, names::LI) {
            return false;
        }
    }
    images == 1
}

fn has_picture(page: &Page, id: NodeId) -> bool {
    page.descendants(id)
        .any(|d| page.is(d, names::IMG) || page.is(d, names::PICTURE) || page.tag(d) == "amp-img")
}

/// True when the article shows a picture before its first text.
fn has_lead_picture(tree: &Tree<'_>, root: T, first: NodeId) -> bool {
    let mut t = tree.first_child(root);
    while t != NIL {
        if tree.is_element(t) && (tree.is(t, names::IMG) || tree.is(t, names::PICTURE)) {
            return tree.orig(t).is_none_or(|id| id < first);
        }
        if tree.is_text(t) && tree.orig(t) == Some(first) {
            return false;
        }
        t = tree.walk_next(root, t);
    }
    false
}

/// The lead picture: the closest `<figure>` with an image before the story,
/// with little text between (a byline, a date, a standfirst).
fn lead_figure(page: &Page, first: NodeId, skip: &[bool]) -> Option<NodeId> {
    let body = page.body()?;
    let mut seen = 0usize;
    let mut i = first.index();
    while i > body.index() + 1 {
        i -= 1;
        let id = NodeId(i as u32);
        if page.is_text(id) {
            // Text inside a figure does not count as a gap.
            if !page.ancestors(id).take(6).any(|a| is_figure_like(page, a)) {
                seen += page
                    .text(id)
                    .split_whitespace()
                    .map(|w| w.chars().count() + 1)
                    .sum::<usize>();
                if seen > MAX_GAP_CHARS {
                    return None;
                }
            }
            continue;
        }
        if !is_figure_like(page, id) || page.end(id) > first {
            continue;
        }
        let text = page.text_content(id);
        if has_picture(page, id)
            && text.chars().count() <= MAX_CLASS_CHARS
            && figure_usable(page, id, skip)
        {
            return Some(id);
        }
    }
    None
}

/// A lead figure may be shown: visible, not clutter, not in navigation,
/// a list or a link.
fn figure_usable(page: &Page, id: NodeId, skip: &[bool]) -> bool {
    std::iter::once(id)
        .chain(page.ancestors(id).filter(|&a| page.is_element(a)))
        .all(|a| {
            !skip.get(a.index()).copied().unwrap_or(false)
                && !hidden(page, a)
                && (a == id
                    || ![
                        names::NAV,
                        names::ASIDE,
                        names::FOOTER,
                        names::LI,
                        names::A,
                        names::HEAD,
                    ]
                    .contains(&page.name(a)))
        })
}

/// The element printing the page's description, unless the article has it.
fn by_description<'a>(
    page: &Page,
    first: NodeId,
    description: &str,
    article: &impl Fn() -> &'a str,
) -> Option<NodeId> {
    let desc = description.trim().trim_end_matches(['…', '.']).trim_end();
    let truncated =
        description.trim_end().ends_with(['…']) || description.trim_end().ends_with("...");
    let want = normalize_label(desc);
    if want.chars().count() < MIN_CHARS {
        return None;
    }
    let key: String = want.chars().take(KEY_CHARS).collect();
    let printed = find_printed(page, first, &want, &key, truncated)?;
    let probe: String = want.chars().take(60).collect();
    (!article().contains(&probe)).then_some(printed)
}

/// The closest element before the article that a page marks as its
/// standfirst by class ("intro", "standfirst", "dek", …).
fn by_class<'a>(page: &Page, first: NodeId, article: &impl Fn() -> &'a str) -> Option<NodeId> {
    let body = page.body()?;
    let mut seen = 0usize;
    let mut i = first.index();
    while i > body.index() + 1 {
        i -= 1;
        let id = NodeId(i as u32);
        if page.is_text(id) {
            seen += page
                .text(id)
                .split_whitespace()
                .map(|w| w.chars().count() + 1)
                .sum::<usize>();
            if seen > MAX_GAP_CHARS + MAX_CLASS_CHARS {
                return None;
            }
            continue;
        }
        if !page.is_element(id) || page.end(id) > first || !has_standfirst_class(page, id) {
            continue;
        }
        let text = normalize_label(&page.carried_text(id));
        let n = text.chars().count();
        if !(MIN_CHARS..=MAX_CLASS_CHARS).contains(&n) {
            continue;
        }
        let probe: String = text.chars().take(60).collect();
        if article().contains(&probe) {
            return None;
        }
        return Some(id);
    }
    None
}

fn has_standfirst_class(page: &Page, id: NodeId) -> bool {
    let mut hit = false;
    let mut veto = false;
    for name in [names::CLASS, names::ID] {
        if let Some(v) = page.attr(id, name) {
            class_tokens(v, |t| {
                hit = hit || STANDFIRST_TOKENS.contains(&t);
                veto = veto || STANDFIRST_VETO_TOKENS.contains(&t);
            });
        }
    }
    hit && !veto
}

/// The page node of the article's first text.
fn first_page_node(tree: &Tree<'_>, root: T) -> Option<NodeId> {
    let mut t = tree.first_child(root);
    while t != NIL {
        if tree.is_text(t) && !tree.text(t).trim().is_empty() {
            if let Some(id) = tree.orig(t) {
                return Some(id);
            }
        }
        t = tree.walk_next(root, t);
    }
    None
}

/// The smallest element before `before` whose text is the description.
fn find_printed(
    page: &Page,
    before: NodeId,
    want: &str,
    key: &str,
    truncated: bool,
) -> Option<NodeId> {
    let body = page.body()?;
    for id in page.descendants(body) {
        if id >= before {
            break;
        }
        if !page.is_text(id) || page.text(id).len() < 8 {
            continue;
        }
        let text = normalize_label(page.text(id));
        if !(text.contains(key) || (text.len() >= 8 && key.starts_with(text.as_str()))) {
            continue;
        }
        let mut el = page.parent(id);
        for _ in 0..MAX_LEVELS {
            let Some(e) = el else { break };
            if page.contains(e, before) {
                break;
            }
            let have = normalize_label(&page.carried_text(e));
            if matches(&have, want, truncated) {
                return Some(e);
            }
            if have.len() > want.len() * 2 {
                break;
            }
            el = page.parent(e);
        }
    }
    None
}

/// The element's text `have` is the description `want` (or a cut of it).
fn matches(have: &str, want: &str, truncated: bool) -> bool {
    if have == want {
        return true;
    }
    let (h, w) = (have.chars().count(), want.chars().count());
    if truncated || w * 2 >= h {
        // The description is the standfirst cut short.
        if have.starts_with(want) {
            return true;
        }
        // …possibly in the middle of a word.
        if let Some((cut, _)) = want.rsplit_once(' ') {
            if cut.chars().count() >= MIN_CHARS && have.starts_with(cut) && truncated {
                return true;
            }
        }
    }
    // The printed standfirst is the description's first sentences, or the
    // description its last ones.
    (h * 5 >= w * 3 && h >= MIN_CHARS && want.starts_with(have))
        || (w * 5 >= h * 3 && have.ends_with(want))
}

/// The element may be shown: a carrier tag, visible, not clutter, not in a
/// link, list or navigation.
fn usable(page: &Page, id: NodeId, skip: &[bool]) -> bool {
    if !CARRIERS.contains(&page.name(id)) {
        return false;
    }
    for a in std::iter::once(id).chain(page.ancestors(id).filter(|&a| page.is_element(a))) {
        if skip.get(a.index()).copied().unwrap_or(false) || hidden(page, a) {
            return false;
        }
        if a != id && NEVER_INSIDE.contains(&page.name(a)) {
            return false;
        }
    }
    !page
        .descendants(id)
        .any(|d| page.is(d, names::A) || page.is(d, names::LI) || page.is(d, names::BUTTON))
}

fn hidden(page: &Page, id: NodeId) -> bool {
    if !page.is_element(id) {
        return false;
    }
    page.flags(id) & flags::COMPUTED_HIDDEN != 0
        || page.attr(id, names::HIDDEN).is_some()
        || page.attr(id, names::ARIA_HIDDEN) == Some("true")
        || page.attr(id, names::STYLE).is_some_and(|s| {
            let s = s.to_ascii_lowercase().replace(' ', "");
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// Characters of visible page text between the end of `from` and `to`.
fn gap_chars(page: &Page, from: NodeId, to: NodeId) -> usize {
    let start = page.end(from).index();
    let mut n = 0;
    let mut in_skip_until = 0usize;
    for i in start..to.index() {
        if i < in_skip_until {
            continue;
        }
        let id = NodeId(i as u32);
        if page.is_element(id)
            && matches!(page.name(id), n if n == names::SCRIPT || n == names::STYLE || n == names::NOSCRIPT || n == names::TEMPLATE)
        {
            in_skip_until = page.end(id).index();
            continue;
        }
        if page.is_text(id) {
            n += page
                .text(id)
                .split_whitespace()
                .map(|w| w.chars().count() + 1)
                .sum::<usize>();
        }
    }
    n
}

/// Copies a page subtree into the tree (detached); returns its top.
fn copy_subtree(tree: &mut Tree<'_>, page: &Page, id: NodeId) -> T {
    let top = tree.copy_node(id);
    let mut stack: Vec<(NodeId, T)> = Vec::new();
    let kids: Vec<NodeId> = page.children(id).collect();
    for &k in kids.iter().rev() {
        stack.push((k, top));
    }
    while let Some((n, parent)) = stack.pop() {
        if page.is_element(n) {
            let name = page.name(n);
            if name == names::SCRIPT
                || name == names::STYLE
                || name == names::NOSCRIPT
                || name == names::TEMPLATE
            {
                continue;
            }
        } else if !page.is_text(n) {
            continue;
        }
        let t = tree.copy_node(n);
        tree.append(parent, t);
        let kids: Vec<NodeId> = page.children(n).collect();
        for &k in kids.iter().rev() {
            stack.push((k, t));
        }
    }
    top
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn node_set_finds_the_next_member() {
        let mut set = super::NodeSet::new(200);
        assert_eq!(set.next_from(0), 200);
        for i in [3, 63, 64, 130, 199] {
            set.insert(i);
        }
        let next: Vec<usize> = [0, 3, 4, 63, 64, 65, 129, 130, 131, 199, 200, 500]
            .iter()
            .map(|&i| set.next_from(i))
            .collect();
        assert_eq!(next, [3, 3, 63, 63, 64, 130, 130, 130, 199, 199, 200, 200]);
    }

    #[test]
    fn description_matching() {
        let s = "die jugendverbände der landwirtschaft in nrw fordern eine existenzgründungsprämie für junge landwirte";
        assert!(matches(s, s, false));
        assert!(matches(
            s,
            "die jugendverbände der landwirtschaft in nrw fordern eine existenzgr",
            true
        ));
        assert!(!matches(
            "ganz anderer text über etwas anderes als die landwirtschaft in nrw heute",
            s,
            false
        ));
    }
}
