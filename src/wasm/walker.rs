//! The alternative front door the JavaScript walker was measured against:
//! the same walk written in Rust, calling the DOM through wasm-bindgen
//! bindings (what web-sys generates) and building the [`Page`] directly, with
//! no snapshot in between. Built only for the benchmark (`make bench-browser`,
//! `--cfg newsclean_bench`); README "Walker" has the figures.

use js_sys::Array;
use wasm_bindgen::prelude::*;

use crate::page::snapshot::{keeps_attr, keeps_text};
use crate::page::{flags, NodeKind, Page, PageBuilder};

#[wasm_bindgen]
extern "C" {
    type DomNode;
    #[wasm_bindgen(method, getter, js_name = nodeType)]
    fn node_type(this: &DomNode) -> u32;
    #[wasm_bindgen(method, getter, js_name = firstChild)]
    fn first_child(this: &DomNode) -> Option<DomNode>;
    #[wasm_bindgen(method, getter, js_name = nextSibling)]
    fn next_sibling(this: &DomNode) -> Option<DomNode>;
    #[wasm_bindgen(method, getter, js_name = parentNode)]
    fn parent_node(this: &DomNode) -> Option<DomNode>;
    #[wasm_bindgen(method, getter, js_name = localName)]
    fn local_name(this: &DomNode) -> String;
    #[wasm_bindgen(method, getter, js_name = namespaceURI)]
    fn namespace_uri(this: &DomNode) -> JsValue;
    #[wasm_bindgen(method, js_name = hasAttributes)]
    fn has_attributes(this: &DomNode) -> bool;
    #[wasm_bindgen(method, js_name = getAttributeNames)]
    fn attribute_names(this: &DomNode) -> Array;
    #[wasm_bindgen(method, js_name = getAttribute)]
    fn get_attribute(this: &DomNode, name: &str) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn attributes(this: &DomNode) -> Array;
    type DomAttr;
    #[wasm_bindgen(method, getter, js_name = localName)]
    fn local_name(this: &DomAttr) -> String;
    #[wasm_bindgen(method, getter)]
    fn value(this: &DomAttr) -> String;
    #[wasm_bindgen(method, getter)]
    fn data(this: &DomNode) -> String;
    #[wasm_bindgen(method, getter)]
    fn name(this: &DomNode) -> String;
    #[wasm_bindgen(method, getter, js_name = URL)]
    fn url(this: &DomNode) -> String;
    #[wasm_bindgen(method, getter, js_name = documentElement)]
    fn document_element(this: &DomNode) -> Option<DomNode>;
    #[wasm_bindgen(method, getter)]
    fn body(this: &DomNode) -> Option<DomNode>;
    #[wasm_bindgen(method, js_name = checkVisibility)]
    fn check_visibility(this: &DomNode, options: &JsValue) -> bool;

    type Style;
    #[wasm_bindgen(js_name = getComputedStyle)]
    fn get_computed_style(element: &DomNode) -> Style;
    #[wasm_bindgen(method, getter)]
    fn display(this: &Style) -> String;
    #[wasm_bindgen(method, getter)]
    fn visibility(this: &Style) -> String;
}

/// What hides the page as a whole while it loads (`veilOf` in snapshot.js).
#[derive(Clone, Copy, PartialEq)]
enum Veil {
    None,
    Visibility,
    Display,
}

fn veil_of(root: Option<&DomNode>, body: Option<&DomNode>) -> Veil {
    let mut veil = Veil::None;
    for el in [root, body].into_iter().flatten() {
        let style = get_computed_style(el);
        if style.display() == "none" {
            return Veil::Display;
        }
        if style.visibility() != "visible" {
            veil = Veil::Visibility;
        }
    }
    veil
}

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const MATHML_NS: &str = "http://www.w3.org/1998/Math/MathML";

/// The page and the id -> live node table, as `takeSnapshot` + `Page::from_snapshot` give them.
fn walk(document: &JsValue, computed_hidden: bool) -> Result<(Page, Array), JsValue> {
    let doc: &DomNode = document.unchecked_ref();
    let svg = JsValue::from_str(SVG_NS);
    let mathml = JsValue::from_str(MATHML_NS);
    let visibility = js_sys::Object::new();
    js_sys::Reflect::set(&visibility, &"visibilityProperty".into(), &JsValue::TRUE)?;
    let root = doc.document_element();
    let body = doc.body();
    let veil = if computed_hidden {
        veil_of(root.as_ref(), body.as_ref())
    } else {
        Veil::None
    };
    // Under a veil, inherited visibility tells nothing: ask for boxes only.
    let probe: JsValue = if veil == Veil::None {
        visibility.into()
    } else {
        JsValue::UNDEFINED
    };
    let is_root_or_body = |n: &DomNode| {
        let n: &JsValue = n.as_ref();
        root.as_ref().is_some_and(|r| n == r.as_ref() as &JsValue)
            || body.as_ref().is_some_and(|b| n == b.as_ref() as &JsValue)
    };

    let mut b = PageBuilder::new();
    let nodes = Array::new();
    let mut attrs: Vec<(String, String)> = Vec::new();
    let (mut muted, mut hidden, mut boxless) = (0usize, 0usize, 0usize);
    let mut depth = 1usize;
    let mut node = doc.first_child();
    while let Some(n) = node {
        if muted != 0 && depth <= muted {
            muted = 0;
        }
        if hidden != 0 && depth <= hidden {
            hidden = 0;
        }
        if boxless != 0 && depth <= boxless {
            boxless = 0;
        }
        nodes.push(&n);
        let err = |e: crate::page::PageError| JsValue::from_str(&e.to_string());
        match n.node_type() {
            1 => {
                let tag = n.local_name();
                let ns = n.namespace_uri();
                let mut f = if ns == svg {
                    flags::SVG
                } else if ns == mathml {
                    flags::MATHML
                } else {
                    0
                };
                attrs.clear();
                if n.has_attributes() {
                    if f == 0 {
                        for a in n.attribute_names().iter() {
                            let a = a.as_string().unwrap_or_default();
                            let v = n.get_attribute(&a).unwrap_or_default();
                            if keeps_attr(&tag, &a, v.encode_utf16().count()) {
                                attrs.push((a, v));
                            }
                        }
                    } else {
                        for at in n.attributes().iter() {
                            let at: DomAttr = at.unchecked_into();
                            let (a, v) = (at.local_name(), at.value());
                            if keeps_attr(&tag, &a, v.encode_utf16().count()) {
                                attrs.push((a, v));
                            }
                        }
                    }
                }
                if muted == 0 {
                    let ty = attrs
                        .iter()
                        .find(|(a, _)| a == "type")
                        .map(|(_, v)| v.as_str());
                    if !keeps_text(&tag, ty) {
                        muted = depth;
                    }
                }
                let styled = attrs
                    .iter()
                    .any(|(a, _)| a == "class" || a == "id" || a == "style");
                if tag == "head" && boxless == 0 {
                    boxless = depth;
                } else if computed_hidden
                    && styled
                    && hidden == 0
                    && boxless == 0
                    && !is_root_or_body(&n)
                    && (veil == Veil::Display || !n.check_visibility(&probe))
                {
                    let style = get_computed_style(&n);
                    let display = style.display();
                    let vis = if veil == Veil::None {
                        style.visibility()
                    } else {
                        "visible".to_owned()
                    };
                    if display == "none" || vis == "hidden" || vis == "collapse" {
                        f |= flags::COMPUTED_HIDDEN;
                        hidden = depth;
                    } else if veil != Veil::Display && display != "contents" {
                        boxless = depth;
                    }
                }
                b.open(&tag, f, attrs.iter().map(|(a, v)| (a.as_str(), v.as_str())))
                    .map_err(err)?;
                if let Some(child) = n.first_child() {
                    node = Some(child);
                    depth += 1;
                    continue;
                }
                b.close();
            }
            t => {
                let (kind, text) = match t {
                    3 | 4 => (NodeKind::Text, n.data()),
                    10 => (NodeKind::Doctype, n.name()),
                    _ => (NodeKind::Comment, n.data()),
                };
                b.leaf(kind, if muted != 0 { "" } else { &text })
                    .map_err(err)?;
            }
        }
        let mut cur = n;
        loop {
            if let Some(next) = cur.next_sibling() {
                node = Some(next);
                break;
            }
            depth -= 1;
            match cur.parent_node() {
                Some(p) if depth > 0 => {
                    b.close();
                    cur = p;
                }
                _ => {
                    node = None;
                    break;
                }
            }
        }
    }
    let mut page = b.finish();
    page.set_url(Some(doc.url()));
    Ok((page, nodes))
}

/// Walks `document` in Rust and returns the node count (the benchmark times it).
#[wasm_bindgen(js_name = benchRustWalk)]
pub fn bench_rust_walk(document: JsValue, computed_hidden: bool) -> Result<u32, JsValue> {
    super::error::install_panic_hook();
    let (page, _nodes) = walk(&document, computed_hidden)?;
    Ok(page.len() as u32)
}

/// The Rust walker's page as a snapshot, to check it matches the JavaScript walker's.
#[wasm_bindgen(js_name = benchRustSnapshot)]
pub fn bench_rust_snapshot(document: JsValue, computed_hidden: bool) -> Result<JsValue, JsValue> {
    let (page, _) = walk(&document, computed_hidden)?;
    Ok(super::to_js(&page.to_snapshot())?)
}

/// Builds the page from a JavaScript walker's snapshot and returns its node
/// count: the other half of the JavaScript route.
#[wasm_bindgen(js_name = benchSnapshotPage)]
pub fn bench_snapshot_page(snapshot: JsValue) -> Result<u32, JsValue> {
    Ok(super::page_from(&snapshot)?.len() as u32)
}

/// Panics, to test that a panic reaches JavaScript as an `Error` and the next
/// call runs on a fresh instance.
#[wasm_bindgen(js_name = benchPanic)]
pub fn bench_panic(message: String) {
    super::error::install_panic_hook();
    #[allow(clippy::panic)]
    {
        panic!("{message}");
    }
}

/// Reads a snapshot into Rust without building the page: the transfer alone.
#[wasm_bindgen(js_name = benchReadSnapshot)]
pub fn bench_read_snapshot(snapshot: JsValue) -> Result<u32, JsValue> {
    Ok(super::from_js::snapshot(&snapshot)?.depth.len() as u32)
}
