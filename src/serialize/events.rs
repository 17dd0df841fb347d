//! The allowlist: turning the extractor's tree into a stream of safe events.
//!
//! Page content is hostile. Only the tags and attributes listed here survive;
//! URLs must be http(s) (or mailto for links, raster `data:image/` for
//! images); everything else is dropped or unwrapped to its text. The HTML,
//! text and Markdown renderers all read this one stream, so none of them can
//! let more through than the allowlist.

use crate::extract::readability::lazy_image_target;
use crate::extract::tree::{Tree, NIL, T};
use crate::page::names;
use crate::url::{resolve, UrlKind};

/// A tag that may appear in reading-mode HTML.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tag {
    H2,
    H3,
    H4,
    H5,
    H6,
    P,
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Blockquote,
    Pre,
    Code,
    Table,
    Caption,
    Thead,
    Tbody,
    Tfoot,
    Tr,
    Td,
    Th,
    Figure,
    Figcaption,
    Img,
    Picture,
    Source,
    Video,
    Audio,
    Iframe,
    A,
    Em,
    Strong,
    B,
    I,
    U,
    S,
    Sub,
    Sup,
    Mark,
    Small,
    Br,
    Hr,
    Time,
    Abbr,
    Q,
    Cite,
    Del,
    Ins,
    Kbd,
    Samp,
    Var,
    Dfn,
}

impl Tag {
    /// The HTML name.
    pub fn name(self) -> &'static str {
        use Tag::*;
        match self {
            H2 => "h2",
            H3 => "h3",
            H4 => "h4",
            H5 => "h5",
            H6 => "h6",
            P => "p",
            Ul => "ul",
            Ol => "ol",
            Li => "li",
            Dl => "dl",
            Dt => "dt",
            Dd => "dd",
            Blockquote => "blockquote",
            Pre => "pre",
            Code => "code",
            Table => "table",
            Caption => "caption",
            Thead => "thead",
            Tbody => "tbody",
            Tfoot => "tfoot",
            Tr => "tr",
            Td => "td",
            Th => "th",
            Figure => "figure",
            Figcaption => "figcaption",
            Img => "img",
            Picture => "picture",
            Source => "source",
            Video => "video",
            Audio => "audio",
            Iframe => "iframe",
            A => "a",
            Em => "em",
            Strong => "strong",
            B => "b",
            I => "i",
            U => "u",
            S => "s",
            Sub => "sub",
            Sup => "sup",
            Mark => "mark",
            Small => "small",
            Br => "br",
            Hr => "hr",
            Time => "time",
            Abbr => "abbr",
            Q => "q",
            Cite => "cite",
            Del => "del",
            Ins => "ins",
            Kbd => "kbd",
            Samp => "samp",
            Var => "var",
            Dfn => "dfn",
        }
    }

    /// Elements with no content or end tag.
    pub fn is_void(self) -> bool {
        matches!(self, Tag::Img | Tag::Source | Tag::Br | Tag::Hr)
    }

    /// Elements whose content model is phrasing only.
    pub fn holds_only_phrasing(self) -> bool {
        use Tag::*;
        !self.is_block() || matches!(self, H2 | H3 | H4 | H5 | H6 | P | Pre | Dt)
    }

    /// Elements that hold flow content, where loose text becomes paragraphs.
    pub fn holds_flow(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Li | Dd | Blockquote | Figure | Figcaption | Td | Th | Caption
        )
    }

    /// Elements that start a new block of text.
    pub fn is_block(self) -> bool {
        use Tag::*;
        matches!(
            self,
            H2 | H3
                | H4
                | H5
                | H6
                | P
                | Ul
                | Ol
                | Li
                | Dl
                | Dt
                | Dd
                | Blockquote
                | Pre
                | Table
                | Caption
                | Thead
                | Tbody
                | Tfoot
                | Tr
                | Td
                | Th
                | Figure
                | Figcaption
                | Video
                | Audio
                | Iframe
                | Hr
        )
    }
}

/// One step of the sanitized stream. It borrows from the page and the
/// sanitizer, so the stream is handed on one event at a time (see [`Sink`])
/// rather than held whole: on node-dense pages a materialised stream cost
/// more than the article's tree.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Event<'a> {
    Open(Tag, &'a [(&'static str, String)]),
    Close(Tag),
    Text(&'a str),
    /// Content up to the matching [`Event::TextOn`] is for the eyes only
    /// (picture credits under their pictures): plain text leaves it out,
    /// HTML and Markdown show it.
    TextOff,
    TextOn,
}

/// Takes the sanitized stream in order.
pub trait Sink {
    fn event(&mut self, e: Event<'_>);
}

/// Both sinks get every event: one sanitizer pass feeds several renderers.
impl<A: Sink, B: Sink> Sink for (A, B) {
    fn event(&mut self, e: Event<'_>) {
        self.0.event(e);
        self.1.event(e);
    }
}

/// An optional renderer (Markdown is rendered only when asked for).
impl<S: Sink> Sink for Option<S> {
    fn event(&mut self, e: Event<'_>) {
        if let Some(s) = self {
            s.event(e);
        }
    }
}

/// What to do with a page element.
enum Treatment {
    Keep(Tag),
    /// Leave the element out but keep its content, as a block of its own.
    UnwrapBlock,
    /// Leave the element out but keep its content inline.
    UnwrapInline,
    Drop,
}

/// True for the helper-text classes pages use to hide text from the eye
/// but not from screen readers ("visually-hidden", "sr-only",
/// "screen-reader-text"): reading mode is for the eye.
fn visually_hidden(class: &str) -> bool {
    class.split_ascii_whitespace().any(|c| {
        let c: String = c
            .chars()
            .filter(|ch| ch.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        c.contains("visuallyhidden")
            || c.contains("hiddenvisually")
            || c.ends_with("sronly")
            || c.contains("screenreader")
            || c == "offscreen"
            || c == "assistivetext"
    })
}

fn treatment(tree: &Tree<'_>, t: T) -> Treatment {
    use Treatment::*;
    let name = tree.page.names().text(tree.tag(t));
    if visually_hidden(tree.class(t)) {
        return Drop;
    }
    if tree.is_foreign(t) {
        // MathML keeps its rendered text; SVG is pictures and scripts.
        return if name == "math" || tree.flags(t) & crate::page::flags::MATHML != 0 {
            if matches!(name, "annotation" | "annotation-xml") {
                Drop
            } else {
                UnwrapInline
            }
        } else {
            Drop
        };
    }
    match name {
        "h1" | "h2" => Keep(Tag::H2),
        "h3" => Keep(Tag::H3),
        "h4" => Keep(Tag::H4),
        "h5" => Keep(Tag::H5),
        "h6" => Keep(Tag::H6),
        "p" => Keep(Tag::P),
        "ul" | "menu" => Keep(Tag::Ul),
        "ol" => Keep(Tag::Ol),
        "li" => Keep(Tag::Li),
        "dl" => Keep(Tag::Dl),
        "dt" => Keep(Tag::Dt),
        "dd" => Keep(Tag::Dd),
        "blockquote" => Keep(Tag::Blockquote),
        "pre" | "xmp" | "listing" => Keep(Tag::Pre),
        "code" | "tt" => Keep(Tag::Code),
        "table" => Keep(Tag::Table),
        "caption" => Keep(Tag::Caption),
        "thead" => Keep(Tag::Thead),
        "tbody" => Keep(Tag::Tbody),
        "tfoot" => Keep(Tag::Tfoot),
        "tr" => Keep(Tag::Tr),
        "td" => Keep(Tag::Td),
        "th" => Keep(Tag::Th),
        "figure" => Keep(Tag::Figure),
        "figcaption" => Keep(Tag::Figcaption),
        "img" | "amp-img" => Keep(Tag::Img),
        "picture" => Keep(Tag::Picture),
        "source" => Keep(Tag::Source),
        "video" => Keep(Tag::Video),
        "audio" => Keep(Tag::Audio),
        "iframe" => Keep(Tag::Iframe),
        "a" => Keep(Tag::A),
        "em" => Keep(Tag::Em),
        "strong" => Keep(Tag::Strong),
        "b" => Keep(Tag::B),
        "i" => Keep(Tag::I),
        "u" => Keep(Tag::U),
        "s" | "strike" => Keep(Tag::S),
        "sub" => Keep(Tag::Sub),
        "sup" => Keep(Tag::Sup),
        "mark" => Keep(Tag::Mark),
        "small" => Keep(Tag::Small),
        "br" => Keep(Tag::Br),
        "hr" => Keep(Tag::Hr),
        "time" => Keep(Tag::Time),
        "abbr" | "acronym" => Keep(Tag::Abbr),
        "q" => Keep(Tag::Q),
        "cite" => Keep(Tag::Cite),
        "del" => Keep(Tag::Del),
        "ins" => Keep(Tag::Ins),
        "kbd" => Keep(Tag::Kbd),
        "samp" => Keep(Tag::Samp),
        "var" => Keep(Tag::Var),
        "dfn" => Keep(Tag::Dfn),
        "script" | "style" | "template" | "noscript" | "object" | "embed" | "applet" | "input"
        | "button" | "select" | "option" | "optgroup" | "textarea" | "datalist" | "output"
        | "canvas" | "dialog" | "head" | "title" | "meta" | "link" | "base" | "frame"
        | "frameset" | "noframes" | "noembed" | "param" | "track" | "map" | "area" | "slot"
        | "portal" | "fencedframe" | "rp" | "svg" | "math" | "label" => Drop,
        "div" | "section" | "article" | "main" | "header" | "footer" | "aside" | "nav"
        | "center" | "details" | "summary" | "address" | "hgroup" | "fieldset" | "legend"
        | "form" | "body" | "html" | "search" => UnwrapBlock,
        _ => UnwrapInline,
    }
}

/// Hosts whose players may be embedded in reading mode.
const VIDEO_EMBED_HOSTS: &[&str] = &[
    "www.youtube.com",
    "youtube.com",
    "www.youtube-nocookie.com",
    "youtube-nocookie.com",
    "player.vimeo.com",
    "www.dailymotion.com",
    "player.twitch.tv",
];

/// One pending step of the walk. Children are scheduled as cursors over
/// runs of siblings, not one item each, so the stack grows with the tree's
/// depth rather than with its widest element.
enum Item {
    Node(T),
    /// The siblings from the first node up to (not including) the second.
    Run(T, T),
    /// A flow container's children from this one on; `true` when the
    /// container holds a block, so its inline runs become paragraphs.
    Blocks(T, bool),
    Close(Tag),
    CloseLink,
    /// Leaves a phrasing-only element (a paragraph, heading or inline tag).
    EndPhrasing,
    OpenP,
    CloseP,
    TextOn,
}

/// Builds the sanitized stream for `root`'s content.
pub struct Sanitizer<'a, 'p> {
    tree: &'a Tree<'p>,
    base: Option<&'a str>,
    /// Depth of kept `<a>`s: links never nest.
    in_link: usize,
    /// Elements whose content plain text leaves out, sorted.
    text_skips: Vec<T>,
}

impl<'a, 'p> Sanitizer<'a, 'p> {
    pub fn new(tree: &'a Tree<'p>, base: Option<&'a str>) -> Self {
        Sanitizer {
            tree,
            base,
            in_link: 0,
            text_skips: Vec::new(),
        }
    }

    /// Marks elements whose content the plain-text rendering leaves out.
    pub fn skip_in_text(mut self, nodes: &[T]) -> Self {
        self.text_skips = nodes.to_vec();
        self.text_skips.sort_unstable();
        self
    }

    /// Sends the events for the children of `root` to `sink`.
    pub fn run(mut self, root: T, sink: &mut impl Sink) {
        let mut stack: Vec<Item> = Vec::new();
        self.push_block_children(root, &mut stack);
        // > 0 while inside an element that may only hold phrasing content.
        let mut phrasing = 0usize;
        while let Some(item) = stack.pop() {
            let t = match item {
                Item::Node(t) => t,
                Item::Run(t, end) => {
                    if t == end {
                        continue;
                    }
                    stack.push(Item::Run(self.tree.next_sibling(t), end));
                    t
                }
                Item::Blocks(c, has_block) => {
                    self.next_block(c, has_block, &mut stack);
                    continue;
                }
                Item::Close(tag) => {
                    sink.event(Event::Close(tag));
                    continue;
                }
                Item::CloseLink => {
                    self.in_link -= 1;
                    sink.event(Event::Close(Tag::A));
                    continue;
                }
                Item::EndPhrasing => {
                    phrasing -= 1;
                    continue;
                }
                Item::OpenP => {
                    phrasing += 1;
                    sink.event(Event::Open(Tag::P, &[]));
                    continue;
                }
                Item::CloseP => {
                    phrasing -= 1;
                    sink.event(Event::Close(Tag::P));
                    continue;
                }
                Item::TextOn => {
                    sink.event(Event::TextOn);
                    continue;
                }
            };
            if self.text_skips.binary_search(&t).is_ok() {
                sink.event(Event::TextOff);
                stack.push(Item::TextOn);
            }
            if self.tree.is_text(t) {
                let text = self.tree.text(t);
                if !text.is_empty() {
                    sink.event(Event::Text(text));
                }
                continue;
            }
            match treatment(self.tree, t) {
                Treatment::Drop => continue,
                Treatment::UnwrapBlock if phrasing == 0 => {
                    self.push_block_children(t, &mut stack);
                    continue;
                }
                Treatment::UnwrapBlock => {
                    // Keep words of adjacent blocks apart.
                    sink.event(Event::Text(" "));
                }
                Treatment::UnwrapInline => {}
                Treatment::Keep(tag) => {
                    let Some(attrs) = self.attributes(t, tag) else {
                        continue;
                    };
                    if tag == Tag::A {
                        if self.in_link == 0 && !attrs.is_empty() {
                            self.in_link += 1;
                            sink.event(Event::Open(Tag::A, &attrs));
                            stack.push(Item::CloseLink);
                        }
                        // Nested or href-less links keep their text only.
                    } else {
                        sink.event(Event::Open(tag, &attrs));
                        if tag.is_void() {
                            continue;
                        }
                        stack.push(Item::Close(tag));
                        if tag.holds_only_phrasing() {
                            phrasing += 1;
                            stack.push(Item::EndPhrasing);
                        } else if tag.holds_flow() {
                            self.push_block_children(t, &mut stack);
                            continue;
                        }
                    }
                }
            }
            stack.push(Item::Run(self.tree.first_child(t), NIL));
        }
    }

    fn is_block(&self, c: T) -> bool {
        !self.tree.is_text(c)
            && match treatment(self.tree, c) {
                Treatment::Keep(tag) => tag.is_block(),
                Treatment::UnwrapBlock => true,
                _ => false,
            }
    }

    /// Schedules `t`'s children, wrapping runs of inline content that sit
    /// beside blocks in paragraphs.
    fn push_block_children(&self, t: T, stack: &mut Vec<Item>) {
        let first = self.tree.first_child(t);
        let mut c = first;
        let mut has_block = false;
        while c != NIL && !has_block {
            has_block = self.is_block(c);
            c = self.tree.next_sibling(c);
        }
        stack.push(Item::Blocks(first, has_block));
    }

    /// Schedules a flow container's child `c` (a block as it is, a run of
    /// inline content up to the next block as a paragraph, or not at all when
    /// the run is only white space) and the children after it.
    fn next_block(&self, c: T, has_block: bool, stack: &mut Vec<Item>) {
        if c == NIL {
            return;
        }
        if self.is_block(c) {
            stack.push(Item::Blocks(self.tree.next_sibling(c), has_block));
            stack.push(Item::Node(c));
            return;
        }
        let visible = |c: T| !self.tree.is_text(c) || !self.tree.text(c).trim().is_empty();
        let mut shown = visible(c);
        let mut end = self.tree.next_sibling(c);
        while end != NIL && !self.is_block(end) {
            shown = shown || visible(end);
            end = self.tree.next_sibling(end);
        }
        stack.push(Item::Blocks(end, has_block));
        if shown {
            if has_block {
                stack.push(Item::CloseP);
            }
            stack.push(Item::Run(c, end));
            if has_block {
                stack.push(Item::OpenP);
            }
        }
    }

    fn url(&self, value: &str, kind: UrlKind) -> Option<String> {
        resolve(self.base, value, kind)
    }

    /// The allowed attributes of a kept element; `None` drops the element.
    fn attributes(&self, t: T, tag: Tag) -> Option<Vec<(&'static str, String)>> {
        let tree = self.tree;
        let mut out: Vec<(&'static str, String)> = Vec::new();
        let digits = |v: &str| {
            let v = v.trim();
            (!v.is_empty() && v.len() <= 5 && v.bytes().all(|b| b.is_ascii_digit()))
                .then(|| v.to_owned())
        };
        match tag {
            Tag::A => {
                if let Some(href) = tree
                    .attr(t, names::HREF)
                    .and_then(|h| self.url(h, UrlKind::Link))
                {
                    out.push(("href", href));
                }
            }
            Tag::Img => {
                let (src, srcset) = image_sources(tree, t);
                let src = src.and_then(|s| self.url(&s, UrlKind::Image));
                let srcset = srcset.and_then(|s| self.srcset(&s));
                if src.is_none() && srcset.is_none() {
                    return None;
                }
                if let Some(s) = src {
                    out.push(("src", s));
                }
                if let Some(s) = srcset {
                    out.push(("srcset", s));
                }
                let alt = tree.attr(t, names::ALT).unwrap_or("");
                out.push((
                    "alt",
                    if self.caption_repeats(t, alt) {
                        String::new()
                    } else {
                        alt.trim().to_owned()
                    },
                ));
                for (name, key) in [(names::WIDTH, "width"), (names::HEIGHT, "height")] {
                    if let Some(v) = tree.attr(t, name).and_then(digits) {
                        out.push((key, v));
                    }
                }
            }
            Tag::Source => {
                let srcset = tree
                    .attr(t, names::SRCSET)
                    .or_else(|| tree.attr(t, names::DATA_SRCSET))
                    .and_then(|s| self.srcset(s));
                let src = tree
                    .attr(t, names::SRC)
                    .and_then(|s| self.url(s, UrlKind::Media));
                if srcset.is_none() && src.is_none() {
                    return None;
                }
                if let Some(s) = srcset {
                    out.push(("srcset", s));
                }
                if let Some(s) = src {
                    out.push(("src", s));
                }
                if let Some(ty) = tree.attr(t, names::TYPE).filter(|v| is_media_type(v)) {
                    out.push(("type", ty.trim().to_owned()));
                }
                if let Some(m) = tree.attr_named(t, "media").filter(|m| is_media_query(m)) {
                    out.push(("media", m.to_owned()));
                }
            }
            Tag::Video | Tag::Audio => {
                if let Some(s) = tree
                    .attr(t, names::SRC)
                    .and_then(|s| self.url(s, UrlKind::Media))
                {
                    out.push(("src", s));
                }
                if let Some(p) = tree
                    .attr(t, names::POSTER)
                    .and_then(|s| self.url(s, UrlKind::Image))
                {
                    out.push(("poster", p));
                }
                out.push(("controls", String::new()));
            }
            Tag::Iframe => {
                let src = tree
                    .attr(t, names::SRC)
                    .and_then(|s| self.url(s, UrlKind::Media))?;
                let host = crate::url::host(&src)?;
                if !src.starts_with("https://") || !VIDEO_EMBED_HOSTS.contains(&host.as_str()) {
                    return None;
                }
                out.push(("src", src));
                out.push(("allowfullscreen", String::new()));
                out.push(("loading", "lazy".to_owned()));
                out.push(("referrerpolicy", "no-referrer".to_owned()));
                out.push((
                    "sandbox",
                    "allow-scripts allow-same-origin allow-presentation".to_owned(),
                ));
            }
            Tag::Td | Tag::Th => {
                for (name, key) in [(names::COLSPAN, "colspan"), (names::ROWSPAN, "rowspan")] {
                    if let Some(v) = tree.attr(t, name).and_then(digits) {
                        out.push((key, v));
                    }
                }
            }
            Tag::Ol => {
                if let Some(v) = tree.attr_named(t, "start").and_then(digits) {
                    out.push(("start", v));
                }
            }
            Tag::Time => {
                if let Some(v) = tree.attr(t, names::DATETIME) {
                    out.push(("datetime", v.trim().chars().take(64).collect()));
                }
            }
            Tag::Abbr => {
                if let Some(v) = tree.attr(t, names::TITLE) {
                    out.push(("title", v.trim().chars().take(200).collect()));
                }
            }
            _ => {}
        }
        Some(out)
    }

    fn srcset(&self, value: &str) -> Option<String> {
        let mut parts = Vec::new();
        for candidate in value.split(',') {
            let candidate = candidate.trim();
            if candidate.is_empty() {
                continue;
            }
            let (url, descriptor) = match candidate.split_once(char::is_whitespace) {
                Some((u, d)) => (u, d.trim()),
                None => (candidate, ""),
            };
            let Some(abs) = self.url(url, UrlKind::Image) else {
                continue;
            };
            let ok_descriptor = descriptor.is_empty()
                || (descriptor.len() <= 12
                    && descriptor[..descriptor.len() - 1]
                        .bytes()
                        .all(|b| b.is_ascii_digit() || b == b'.')
                    && descriptor.ends_with(['w', 'x']));
            if !ok_descriptor || abs.contains(',') {
                continue;
            }
            parts.push(if descriptor.is_empty() {
                abs
            } else {
                format!("{abs} {descriptor}")
            });
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// True when the image's alt text is its figure's caption again.
    fn caption_repeats(&self, img: T, alt: &str) -> bool {
        let alt = crate::text::normalize_label(alt);
        if alt.is_empty() {
            return false;
        }
        let mut p = self.tree.parent(img);
        for _ in 0..4 {
            if p == NIL {
                return false;
            }
            if self.tree.is(p, names::FIGURE) {
                return self
                    .tree
                    .by_tag(p, names::FIGCAPTION)
                    .into_iter()
                    .any(|c| crate::text::normalize_label(&self.tree.text_content(c)) == alt);
            }
            p = self.tree.parent(p);
        }
        false
    }
}

fn is_media_type(v: &str) -> bool {
    let v = v.trim();
    (v.starts_with("image/") || v.starts_with("video/") || v.starts_with("audio/"))
        && v.len() < 64
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/+-.;=\" ,".contains(&b))
}

fn is_media_query(v: &str) -> bool {
    v.len() < 200
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b" ():-,.".contains(&b))
}

/// The image's real source and srcset, resolving lazy-loading tricks
/// (`data-src`, `data-srcset`, placeholders in `src`), as Readability's
/// `_fixLazyImages` does.
pub fn image_sources(tree: &Tree<'_>, t: T) -> (Option<String>, Option<String>) {
    let attrs = tree.attrs(t);
    let get = |n: &str| {
        attrs
            .iter()
            .find(|(k, _)| *k == n)
            .map(|(_, v)| v.trim().to_owned())
    };
    let mut src = get("src").filter(|s| !s.is_empty());
    let mut srcset = get("srcset").filter(|s| !s.is_empty() && s != "null");
    // A tiny base64 placeholder in src hides the real image in another attribute.
    if let Some(s) = &src {
        if is_placeholder_data_url(s)
            && attrs
                .iter()
                .any(|(k, v)| *k != "src" && lazy_image_target(v).is_some())
        {
            src = None;
        }
    }
    let lazy_class = tree.class(t).to_ascii_lowercase().contains("lazy");
    if (src.is_none() && srcset.is_none()) || lazy_class {
        for (name, value) in &attrs {
            if matches!(*name, "src" | "srcset" | "alt") {
                continue;
            }
            match lazy_image_target(value) {
                Some("srcset") => srcset = Some(value.trim().to_owned()),
                Some(_) => src = Some(value.trim().to_owned()),
                None => {}
            }
        }
    }
    // Explicit lazy attributes whose values have no image extension.
    if src.is_none() {
        src = ["data-src", "data-lazy-src", "data-original", "data-url"]
            .iter()
            .find_map(|n| get(n))
            .filter(|s| !s.is_empty());
    }
    if srcset.is_none() {
        srcset = ["data-srcset", "data-lazy-srcset"]
            .iter()
            .find_map(|n| get(n))
            .filter(|s| !s.is_empty());
    }
    (src, srcset)
}

/// A `data:` URL of at most 100 bytes (133 base64 characters): a spacer.
fn is_placeholder_data_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    if !lower.starts_with("data:") || lower.starts_with("data:image/svg+xml") {
        return false;
    }
    match lower.find("base64") {
        Some(i) => s.len() - (i + 7).min(s.len()) < 133,
        None => s.len() < 200,
    }
}
