//! Reading mode: find the article, read its metadata, render it safely.

mod boilerplate;
pub mod metadata;
pub mod noscript;
pub mod patterns;
pub mod readability;
pub mod readerable;
mod reading_time;
mod standfirst;
pub mod tree;

use crate::api::{Article, Options};
use crate::classify::{Strength, Verdict};
use crate::page::{names, NodeId, Page};
use crate::serialize::{events::Sanitizer, HtmlOut, MarkdownOut, TextOut};
use crate::text::{label_chars, normalize_joined};
use tree::{Tree, NIL, T};

/// Blocks this short are not checked for repeats.
const MIN_REPEAT_CHARS: usize = 30;
/// How many leading blocks may repeat an earlier one (a standfirst repeated
/// as the first paragraph).
const REPEAT_WINDOW: usize = 4;
/// Excerpts longer than this are cut.
const MAX_EXCERPT_CHARS: usize = 300;

/// The article; its `source_nodes` are the page nodes it covers.
pub struct Extraction {
    pub article: Article,
}

/// The page's `<base href>`, if any.
fn base_href(page: &Page) -> Option<&str> {
    page.find(names::BASE)
        .and_then(|b| page.attr(b, names::HREF))
}

/// The article found in a page, before rendering.
struct Found<'p> {
    meta: metadata::Metadata,
    grabbed: readability::Grabbed<'p>,
    /// Nodes the plain text leaves out (credits, lead pictures).
    text_skips: Vec<T>,
}

/// Finds the article, leaving out the strong clutter `verdicts` found.
fn find<'p>(page: &'p Page, options: &Options, verdicts: &[Verdict]) -> Option<Found<'p>> {
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
    if let Some(better) = second_opinion(page, &input, &grabbed) {
        grabbed = better;
    }
    let lead_pictures = standfirst::recover(
        page,
        &mut grabbed.tree,
        grabbed.root,
        meta.excerpt.as_deref(),
        &skip,
    );
    drop_repeated_blocks(&mut grabbed.tree, grabbed.root);
    let mut furniture = boilerplate::strip(&mut grabbed.tree, grabbed.root);
    furniture.text_skips.extend(lead_pictures);
    grabbed.tree.forget_stats();
    Some(Found {
        meta,
        grabbed,
        text_skips: furniture.text_skips,
    })
}

/// Page nodes that `clean` must never remove: the article's text nodes, its
/// byline and the heading that carries its title.
fn protected(grabbed: &readability::Grabbed<'_>) -> Vec<NodeId> {
    let mut protected = grabbed.header_nodes.clone();
    grabbed.tree.for_each_descendant(grabbed.root, |t| {
        if grabbed.tree.is_text(t) && !grabbed.tree.text(t).trim().is_empty() {
            protected.extend(grabbed.tree.orig(t));
        }
    });
    // Kept with the article: one per text node on node-dense pages.
    protected.shrink_to_fit();
    protected
}

/// What `clean` protects: [`protected`] of the article `run` would find,
/// without rendering it.
pub fn protected_nodes(
    page: &Page,
    options: &Options,
    verdicts: &[Verdict],
) -> Option<Vec<NodeId>> {
    find(page, options, verdicts).map(|f| protected(&f.grabbed))
}

/// Runs extraction, leaving out the strong clutter `verdicts` found.
pub fn run(page: &Page, options: &Options, verdicts: &[Verdict]) -> Option<Extraction> {
    let Found {
        meta,
        grabbed,
        text_skips,
    } = find(page, options, verdicts)?;
    let page_url = options.url.as_deref().or(page.url());
    let base_owned =
        base_href(page).and_then(|b| crate::url::resolve(page_url, b, crate::url::UrlKind::Link));
    let base = base_owned.as_deref().or(page_url);
    // One pass feeds every renderer, so the event stream is never stored.
    let mut out = (
        (HtmlOut::default(), TextOut::default()),
        options.markdown.then(MarkdownOut::default),
    );
    Sanitizer::new(&grabbed.tree, base)
        .skip_in_text(&text_skips)
        .run(grabbed.root, &mut out);
    let ((html, text), markdown) = out;
    let content = html.out;
    let text_content = text.finish();
    let markdown = markdown.map(MarkdownOut::finish);

    let protected = protected(&grabbed);
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
        source_nodes: protected,
    };
    Some(Extraction { article })
}

/// Prose share below which a grab gets a second opinion.
const MIN_PROSE_SHARE: f32 = 0.5;
/// A paragraph counts as prose from this length, with a sentence in it.
const MIN_PROSE_PARAGRAPH: usize = 100;
/// The second opinion must have this much more prose to win…
const SECOND_OPINION_GAIN: usize = 2;
/// …and at least this much.
const MIN_SECOND_OPINION_PROSE: usize = 500;

/// True when the block was, on the page, a table cell or list item or sat
/// in one (the grab renames the containers it takes).
fn in_cell(tree: &Tree<'_>, t: T) -> bool {
    let cells = [
        names::TD,
        names::TH,
        names::TR,
        names::TBODY,
        names::TABLE,
        names::LI,
        names::UL,
        names::OL,
        names::DD,
    ];
    let Some(id) = tree.orig(t) else {
        return false;
    };
    let page = tree.page;
    std::iter::once(id)
        .chain(page.ancestors(id))
        .take(4)
        .any(|a| cells.iter().any(|&c| page.is(a, c)))
}

/// True when most words start with a capital: names, titles, not sentences.
fn mostly_capitalised(text: &str) -> bool {
    let mut words = 0;
    let mut caps = 0;
    for w in text.split_whitespace() {
        let Some(c) = w.chars().find(|c| c.is_alphabetic()) else {
            continue;
        };
        words += 1;
        caps += usize::from(c.is_uppercase());
    }
    words > 0 && caps * 10 > words * 6
}

/// Characters of prose in the article, in table cells and list items, and in
/// all: prose is paragraphs of sentences, not names, figures, links or form
/// labels.
fn prose(tree: &Tree<'_>, root: T) -> (usize, usize, usize) {
    let blocks = [
        names::P,
        names::LI,
        names::TD,
        names::DD,
        names::BLOCKQUOTE,
        names::DIV,
        names::PRE,
    ];
    let mut prose = 0;
    let mut cells = 0;
    let mut t = tree.first_child(root);
    while t != NIL {
        if tree.is_element(t) && blocks.contains(&tree.tag(t)) && !has_block_descendant(tree, t) {
            let text = crate::text::squash_joined(tree.texts(t));
            let len = text.chars().count();
            let links: usize = tree
                .by_tag(t, names::A)
                .into_iter()
                .map(|a| tree.inner_len(a))
                .sum();
            let sentence =
                text.contains(". ") || text.ends_with(['.', '!', '?', '"', '“', '”', '»']);
            if len >= MIN_PROSE_PARAGRAPH
                && sentence
                && links * 3 < len
                && !mostly_capitalised(&text)
            {
                prose += len;
            }
            if in_cell(tree, t) {
                cells += len;
            }
            t = tree.walk_skip(root, t);
            continue;
        }
        t = tree.walk_next(root, t);
    }
    (prose, cells, tree.inner_len(root))
}

/// When the grab came back as a table or list with little prose (a table of
/// names or addresses that outscored the story on commas), grabs again
/// without it and takes the new article if it has far more prose.
fn second_opinion<'p>(
    page: &'p Page,
    input: &readability::GrabInput<'_>,
    grabbed: &readability::Grabbed<'p>,
) -> Option<readability::Grabbed<'p>> {
    let (have, cells, total) = prose(&grabbed.tree, grabbed.root);
    if total == 0 || have as f32 >= MIN_PROSE_SHARE * total as f32 || cells * 2 < total {
        return None;
    }
    // Leave out what was taken: the page nodes at the top of the article.
    let mut skip = input.skip.to_vec();
    let mut left_out = 0;
    let mut level = grabbed.tree.children(grabbed.root);
    for _ in 0..3 {
        let mut next = Vec::new();
        for &c in &level {
            match grabbed.tree.orig(c) {
                Some(id) => {
                    skip[id.index()] = true;
                    left_out += 1;
                }
                None => next.extend(grabbed.tree.children(c)),
            }
        }
        if next.is_empty() {
            break;
        }
        level = next;
    }
    if left_out == 0 {
        return None;
    }
    let retry = readability::GrabInput {
        title: input.title,
        metadata_byline: input.metadata_byline,
        skip: &skip,
        char_threshold: input.char_threshold,
    };
    let other = readability::grab(page, &retry)?;
    let (more, _, _) = prose(&other.tree, other.root);
    (more >= MIN_SECOND_OPINION_PROSE && more >= SECOND_OPINION_GAIN * have.max(1)).then_some(other)
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
    tree.for_each_descendant(t, |d| {
        found = found || (tree.is_element(d) && BLOCKS.contains(&tree.tag(d)))
    });
    found
}

/// A block's normalised text ([`crate::text::normalize_label`]) as a hash and a length:
/// the first blocks can be whole pages of text, too long to copy for a
/// comparison that rarely matches. Equal keys are confirmed on the text.
#[derive(PartialEq)]
struct LabelKey {
    hash: u64,
    chars: usize,
}

impl LabelKey {
    fn of(tree: &Tree<'_>, t: T) -> Self {
        let (mut hash, mut chars) = (0u64, 0usize);
        label_chars(tree.texts(t), |c| {
            hash = (hash.rotate_left(5) ^ u64::from(c)).wrapping_mul(0x517c_c1b7_2722_0a95);
            chars += 1;
        });
        Self { hash, chars }
    }
}

/// Removes a block that repeats the block right before it near the top of
/// the article, when the two are styled differently: a standfirst printed
/// again as the first paragraph. (Identical twins in the same style are the
/// author's doing and stay.)
fn drop_repeated_blocks(tree: &mut Tree<'_>, root: T) {
    let blocks = [
        names::P,
        names::H2,
        names::H3,
        names::H4,
        names::DIV,
        names::BLOCKQUOTE,
    ];
    let mut prev: Option<(T, LabelKey)> = None;
    let mut checked = 0;
    let mut t = tree.first_child(root);
    while t != NIL && checked < REPEAT_WINDOW {
        let next = tree.walk_next(root, t);
        let is_leaf_block =
            tree.is_element(t) && blocks.contains(&tree.tag(t)) && !has_block_descendant(tree, t);
        if is_leaf_block {
            let key = LabelKey::of(tree, t);
            if key.chars >= MIN_REPEAT_CHARS {
                checked += 1;
                if let Some((p, pkey)) = &prev {
                    let styled_apart =
                        tree.tag(*p) != tree.tag(t) || tree.class(*p) != tree.class(t);
                    if *pkey == key
                        && styled_apart
                        && normalize_joined(tree.texts(*p)) == normalize_joined(tree.texts(t))
                    {
                        let skip = tree.walk_skip(root, t);
                        tree.detach(t);
                        t = skip;
                        continue;
                    }
                }
                prev = Some((t, key));
            }
        }
        t = next;
    }
}
