//! Interned element and attribute names.
//!
//! Every name the judging code asks about has a fixed id, so a tag test is an
//! integer compare; names a page brings that we never ask about are interned per
//! page after the known ones.

use std::collections::HashMap;
use std::sync::OnceLock;

/// An interned element or attribute name (lowercase for HTML).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Name(pub u32);

macro_rules! known_names {
    ($($ident:ident = $text:literal,)*) => {
        /// The names with fixed ids, in id order.
        pub const KNOWN: &[&str] = &[$($text,)*];
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[repr(u32)]
        enum Ids { $($ident,)* }
        $(
            #[allow(missing_docs)]
            pub const $ident: Name = Name(Ids::$ident as u32);
        )*
    };
}

known_names! {
    // elements
    A = "a", ABBR = "abbr", ADDRESS = "address", AMP_AD = "amp-ad", AMP_IMG = "amp-img",
    ARTICLE = "article", ASIDE = "aside", AUDIO = "audio", B = "b", BASE = "base",
    BDI = "bdi", BDO = "bdo", BLOCKQUOTE = "blockquote", BODY = "body", BR = "br",
    BUTTON = "button", CANVAS = "canvas", CAPTION = "caption", CENTER = "center",
    CITE = "cite", CODE = "code", COL = "col", COLGROUP = "colgroup", DATA = "data",
    DATALIST = "datalist", DD = "dd", DEL = "del", DETAILS = "details", DFN = "dfn",
    DIALOG = "dialog", DIV = "div", DL = "dl", DT = "dt", EM = "em", EMBED = "embed",
    FIELDSET = "fieldset", FIGCAPTION = "figcaption", FIGURE = "figure", FONT = "font",
    FOOTER = "footer", FORM = "form", FRAME = "frame", FRAMESET = "frameset", H1 = "h1",
    H2 = "h2", H3 = "h3", H4 = "h4", H5 = "h5", H6 = "h6", HEAD = "head",
    HEADER = "header", HGROUP = "hgroup", HR = "hr", HTML = "html", I = "i",
    IFRAME = "iframe", IMG = "img", INPUT = "input", INS = "ins", KBD = "kbd",
    LABEL = "label", LEGEND = "legend", LI = "li", LINK = "link", MAIN = "main",
    MARK = "mark", MATH = "math", MENU = "menu", META = "meta", METER = "meter",
    NAV = "nav", NOSCRIPT = "noscript", OBJECT = "object", OL = "ol", OPTGROUP = "optgroup",
    OPTION = "option", OUTPUT = "output", P = "p", PARAM = "param", PICTURE = "picture",
    PRE = "pre", PROGRESS = "progress", Q = "q", RP = "rp", RT = "rt", RUBY = "ruby",
    S = "s", SAMP = "samp", SCRIPT = "script", SECTION = "section", SELECT = "select",
    SLOT = "slot", SMALL = "small", SOURCE = "source", SPAN = "span", STRIKE = "strike",
    STRONG = "strong", STYLE = "style", SUB = "sub", SUMMARY = "summary", SUP = "sup",
    SVG = "svg", TABLE = "table", TBODY = "tbody", TD = "td", TEMPLATE = "template",
    TEXTAREA = "textarea", TFOOT = "tfoot", TH = "th", THEAD = "thead", TIME = "time",
    TITLE = "title", TR = "tr", TRACK = "track", TT = "tt", U = "u", UL = "ul", VAR = "var",
    VIDEO = "video", WBR = "wbr",
    // attributes the judging code reads
    ALT = "alt", ARIA_HIDDEN = "aria-hidden", ARIA_LABEL = "aria-label",
    ARIA_MODAL = "aria-modal", CHARSET = "charset", CLASS = "class", COLSPAN = "colspan",
    CONTENT = "content", DATA_SRC = "data-src", DATA_SRCSET = "data-srcset",
    DATA_LAZY_SRC = "data-lazy-src", DATA_ORIGINAL = "data-original", DATATABLE = "datatable",
    DATETIME = "datetime", DIR = "dir", HEIGHT = "height", HIDDEN = "hidden", HREF = "href",
    HTTP_EQUIV = "http-equiv", ID = "id", ITEMPROP = "itemprop", ITEMTYPE = "itemtype",
    LANG = "lang", NAME = "name", POSTER = "poster", PROPERTY = "property", REL = "rel",
    ROLE = "role", ROWSPAN = "rowspan", SRC = "src", SRCSET = "srcset", SIZES = "sizes",
    TYPE = "type", WIDTH = "width",
}

/// Per-page name table: the known names first, then whatever the page brings.
#[derive(Clone, Debug, Default)]
pub struct Names {
    extra: Vec<Box<str>>,
    extra_index: HashMap<Box<str>, u32>,
}

fn known_index() -> &'static HashMap<&'static str, u32> {
    static INDEX: OnceLock<HashMap<&'static str, u32>> = OnceLock::new();
    INDEX.get_or_init(|| {
        KNOWN
            .iter()
            .enumerate()
            .map(|(i, n)| (*n, i as u32))
            .collect()
    })
}

/// The fixed id of a known name, without a page.
pub fn known(name: &str) -> Option<Name> {
    known_index().get(name).map(|&i| Name(i))
}

impl Names {
    /// The id of `name`, interning it when new.
    pub fn intern(&mut self, name: &str) -> Name {
        if let Some(n) = self.get(name) {
            return n;
        }
        let id = (KNOWN.len() + self.extra.len()) as u32;
        let boxed: Box<str> = name.into();
        self.extra.push(boxed.clone());
        self.extra_index.insert(boxed, id);
        Name(id)
    }

    /// The id of `name` when this page has it.
    pub fn get(&self, name: &str) -> Option<Name> {
        known(name).or_else(|| self.extra_index.get(name).map(|&i| Name(i)))
    }

    /// The text of a name id.
    pub fn text(&self, name: Name) -> &str {
        let i = name.0 as usize;
        if i < KNOWN.len() {
            KNOWN[i]
        } else {
            self.extra.get(i - KNOWN.len()).map_or("", |s| s)
        }
    }

    /// Number of names, known ones included.
    pub fn len(&self) -> usize {
        KNOWN.len() + self.extra.len()
    }

    /// Always false: the known names are always there.
    pub fn is_empty(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_names_are_unique_and_lowercase() {
        let mut seen = std::collections::HashSet::new();
        for n in KNOWN {
            assert!(seen.insert(*n), "duplicate known name {n}");
            assert_eq!(*n, n.to_ascii_lowercase());
        }
        assert_eq!(known("p"), Some(P));
        assert_eq!(known("data-src"), Some(DATA_SRC));
    }

    #[test]
    fn interning_is_stable() {
        let mut names = Names::default();
        let a = names.intern("x-widget");
        assert_eq!(names.intern("x-widget"), a);
        assert_eq!(names.text(a), "x-widget");
        assert_eq!(names.intern("div"), DIV);
    }
}
