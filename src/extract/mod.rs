//! Reading mode: find the article, read its metadata, render it safely.

pub mod metadata;
pub mod noscript;
pub mod patterns;
pub mod readability;
mod reading_time;
pub mod readerable;
pub mod tree;

use crate::api::{Article, Options};
use crate::classify::{Strength, Verdict};
use crate::page::{names, NodeId, Page};
use crate::serialize::{self, events::Sanitizer};
use crate::text::normalize_label;
use tree::{Tree, NIL, T};

/// Blocks this short are not checked for repeats.
const MIN_REPEAT_CHARS: usize = 30;
/// How many leading blocks may repeat an earlier one (a standfirst repeated
/// as the first paragraph).
const REPEAT_WINDOW: usize = 4;
/// Excerpts longer than this are cut.
const MAX_EXCERPT_CHARS: usize = 300;

/// The article and the page nodes it covers.
pub struct Extraction {
    pub article: Article,
    /// Page nodes that `clean` must never remove: the article's text nodes,
    /// its byline and the heading that carries its title.
    pub protected: Vec<NodeId>,
}

/// The page's `<base href>`, if any.
fn base_href(page: &Page) -> Option<&str> {
    page.find(names::BASE).and_then(|b| page.attr(b, names::HREF))
}

/// Runs extraction, leaving out the strong clutter `verdicts` found.
pub fn run(page: &Page, options: &Options, verdicts: &[Verdict]) -> Option<Extraction> {
    let meta = metadata::read(page);
    let mut skip = vec![false; page.len()];
    for v in verdicts.iter().filter(|v| v.strength == Strength::Strong) {
        skip[v.node.index()] = true;
    }
    let input = readability::GrabInput {
        title: &meta.title,
        metadata_byline: meta.byline.is_some(),
        skip: &skip,
        char_threshold: options.char_threshold,
    };
    let mut grabbed = readability::grab(page, &input)?;
    drop_repeated_blocks(&mut grabbed.tree, grabbed.root);

    let page_url = options.url.as_deref().or(page.url());
    let base_owned = base_href(page).and_then(|b| crate::url::resolve(page_url, b, crate::url::UrlKind::Link));
    let base = base_owned.as_deref().or(page_url);
    let events = Sanitizer::new(&grabbed.tree, base).run(grabbed.root);
    let content = serialize::render_html(&events);
    let text_content = serialize::render_text(&events);
    let markdown = options.markdown.then(|| serialize::render_markdown(&events));

    let mut protected = grabbed.header_nodes.clone();
    grabbed.tree.for_each_descendant(grabbed.root, |t| {
        if grabbed.tree.is_text(t) && !grabbed.tree.text(t).trim().is_empty() {
            protected.extend(grabbed.tree.orig(t));
        }
    });

    let excerpt = meta.excerpt.clone().or_else(|| {
        grabbed
            .tree
            .by_tag(grabbed.root, names::P)
            .first()
            .map(|&p| crate::text::preview(&grabbed.tree.text_content(p), MAX_EXCERPT_CHARS))
            .filter(|e| !e.is_empty())
    });
    let length = text_content.chars().count();
    let reading_minutes = reading_time::minutes(&text_content, meta.lang.as_deref());
    let article = Article {
        title: meta.title.trim().to_owned(),
        byline: meta.byline.clone().or(grabbed.byline.clone()),
        site_name: meta.site_name.clone(),
        published_time: meta.published_time.clone(),
        lang: meta.lang.clone(),
        dir: grabbed.dir.clone(),
        excerpt,
        content,
        text_content,
        length,
        reading_minutes,
        markdown,
        source_nodes: protected.clone(),
    };
    Some(Extraction { article, protected })
}

/// True when `t` holds another block (so it is not a single paragraph).
fn has_block_descendant(tree: &Tree<'_>, t: T) -> bool {
    const BLOCKS: &[crate::page::Name] = &[
        names::P,
        names::DIV,
        names::LI,
        names::UL,
        names::OL,
        names::TABLE,
        names::BLOCKQUOTE,
        names::H2,
        names::H3,
        names::H4,
        names::SECTION,
        names::ARTICLE,
        names::FIGURE,
        names::PRE,
    ];
    let mut found = false;
    tree.for_each_descendant(t, |d| found = found || (tree.is_element(d) && BLOCKS.contains(&tree.tag(d))));
    found
}

/// Removes a block that repeats the block right before it near the top of
/// the article, when the two are styled differently: a standfirst printed
/// again as the first paragraph. (Identical twins in the same style are the
/// author's doing and stay.)
fn drop_repeated_blocks(tree: &mut Tree<'_>, root: T) {
    let blocks = [names::P, names::H2, names::H3, names::H4, names::DIV, names::BLOCKQUOTE];
    let mut prev: Option<(T, String)> = None;
    let mut checked = 0;
    let mut t = tree.first_child(root);
    while t != NIL && checked < REPEAT_WINDOW {
        let next = tree.walk_next(root, t);
        let is_leaf_block = tree.is_element(t) && blocks.contains(&tree.tag(t)) && !has_block_descendant(tree, t);
        if is_leaf_block {
            let text = normalize_label(&tree.text_content(t));
            if text.chars().count() >= MIN_REPEAT_CHARS {
                checked += 1;
                if let Some((p, ptext)) = &prev {
                    let styled_apart = tree.tag(*p) != tree.tag(t) || tree.class(*p) != tree.class(t);
                    if *ptext == text && styled_apart {
                        let skip = tree.walk_skip(root, t);
                        tree.detach(t);
                        t = skip;
                        continue;
                    }
                }
                prev = Some((t, text));
            }
        }
        t = next;
    }
}
