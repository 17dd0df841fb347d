// The browser's front door: one pass over the live DOM builds the newsclean
// snapshot (plain data, see src/page/snapshot.rs) and a table from snapshot
// ids to live nodes, so the engine's decisions map back onto the page.
//
// No WebAssembly here: on pages whose CSP forbids compiling WASM, the content
// script still snapshots and applies, and the engine judges elsewhere.
//
// What is carried must match `keeps_attr`/`keeps_text` in src/page/snapshot.rs
// exactly, so that the native and the browser front door judge the same page
// (tests/browser/engine/rules.test.js compares the two lists).

export const SNAPSHOT_VERSION = 1;

/** Attributes carried for every element (src/page/snapshot.rs KEPT_ATTRS). */
export const KEPT_ATTRS = [
  "alt", "aria-hidden", "aria-label", "aria-modal", "charset", "class", "colspan", "content",
  "datatable", "datetime", "dir", "height", "hidden", "href", "http-equiv", "id", "itemprop",
  "itemtype", "lang", "name", "property", "rel", "role", "rowspan", "src", "srcset", "style",
  "summary", "title", "type", "width",
];
/** Elements whose attributes are all carried (src/page/snapshot.rs ALL_ATTR_TAGS). */
export const ALL_ATTR_TAGS = [
  "amp-img", "audio", "embed", "figure", "iframe", "img", "meta", "object", "picture", "source", "video",
];
/** `data-*` values longer than this (UTF-16 units) are framework state, not signals. */
export const MAX_DATA_ATTR_LEN = 256;
/** The core's default node budget (src/api.rs DEFAULT_MAX_NODES). */
export const DEFAULT_MAX_NODES = 2_000_000;

// Per-node flag bits (src/page/mod.rs `flags`).
export const FLAG_SVG = 1;
export const FLAG_MATHML = 2;
export const FLAG_COMPUTED_HIDDEN = 4;
export const FLAG_ZERO_SIZE = 8;

const KEPT = new Set(KEPT_ATTRS);
const ALL_ATTRS = new Set(ALL_ATTR_TAGS);
const SVG_NS = "http://www.w3.org/2000/svg";
const MATHML_NS = "http://www.w3.org/1998/Math/MathML";
const VISIBILITY = { visibilityProperty: true };
// What hides the page as a whole while it loads (see `veilOf`).
const VEIL_NONE = 0;
const VEIL_VISIBILITY = 1;
const VEIL_DISPLAY = 2;
// The deadline is read once per this many nodes: performance.now() costs as
// much as visiting a few nodes.
const CLOCK_EVERY = 1024;
const INITIAL_CAPACITY = 4096;

/** A typed array that grows: filling one costs less than a JS array plus a conversion. */
class Column {
  constructor(Type) {
    this.a = new Type(INITIAL_CAPACITY);
    this.n = 0;
  }
  push(v) {
    if (this.n === this.a.length) {
      const b = new this.a.constructor(this.n * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  done() {
    return this.a.slice(0, this.n);
  }
}

// Rust's `str::trim` (Unicode White_Space), not JS's: they differ on U+0085
// and U+FEFF, and the two front doors must agree on every script's type.
function isRustWhitespace(c) {
  return (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0x85 || c === 0xa0 || c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000;
}

const LD_JSON = "application/ld+json";

/** `keeps_text("script", type)`: only JSON-LD scripts keep their text. */
function isJsonLd(type) {
  if (type === null) return false;
  let start = 0;
  let end = type.length;
  while (start < end && isRustWhitespace(type.charCodeAt(start))) start++;
  while (end > start && isRustWhitespace(type.charCodeAt(end - 1))) end--;
  if (end - start !== LD_JSON.length) return false;
  for (let i = 0; i < LD_JSON.length; i++) {
    let c = type.charCodeAt(start + i);
    if (c >= 0x41 && c <= 0x5a) c += 0x20; // ASCII-only case folding, as eq_ignore_ascii_case
    if (c !== LD_JSON.charCodeAt(i)) return false;
  }
  return true;
}

// DOM clobbering: on a <form>, a control named like a DOM property
// (<input name="parentNode">, name="nodeType", "getAttribute", ...) shadows
// that property, and on the document so does a named <img>, <form>, <embed>
// or <object> (<img name="firstChild">). Hostile pages do this to derail
// walkers. The walk reads what it relies on through the prototypes, which
// nothing in a page can shadow. Looked up on first use: this module also
// loads where there is no DOM (the tests read its constants in Node).
let dom = null;
function domAccess() {
  if (dom === null) {
    const get = (proto, key) => Object.getOwnPropertyDescriptor(proto, key).get;
    const el = Element.prototype;
    dom = {
      nodeType: get(Node.prototype, "nodeType"),
      firstChild: get(Node.prototype, "firstChild"),
      nextSibling: get(Node.prototype, "nextSibling"),
      parentNode: get(Node.prototype, "parentNode"),
      localName: get(el, "localName"),
      namespaceURI: get(el, "namespaceURI"),
      attributes: get(el, "attributes"),
      hasAttributes: el.hasAttributes,
      getAttributeNames: el.getAttributeNames,
      getAttribute: el.getAttribute,
      checkVisibility: el.checkVisibility,
      defaultView: get(Document.prototype, "defaultView"),
      documentElement: get(Document.prototype, "documentElement"),
      body: Object.getOwnPropertyDescriptor(Document.prototype, "body")?.get ?? null,
      url: get(Document.prototype, "URL"),
    };
  }
  return dom;
}

/**
 * Whether the page hides itself as a whole: AMP's boilerplate keeps <body> at
 * `visibility: hidden` until the AMP runtime starts (never, offline or with
 * its script blocked), and anti-flicker snippets hide <html> or <body> until
 * an experiment loads. Everything then computes as hidden, although nothing
 * in the page is meant to be: such a veil says nothing about any one element.
 */
function veilOf(D, doc, view) {
  let veil = VEIL_NONE;
  for (const el of [D.documentElement.call(doc), D.body?.call(doc) ?? null]) {
    if (el === null) continue;
    const style = view.getComputedStyle(el);
    if (style.display === "none") return VEIL_DISPLAY;
    if (style.visibility !== "visible") veil = VEIL_VISIBILITY;
  }
  return veil;
}

/** The node's type, or 0 for anything that is not a DOM node. */
function nodeTypeOf(D, x) {
  try {
    return D.nodeType.call(x);
  } catch {
    return 0;
  }
}

/**
 * Snapshots `doc` in one walk, in document order.
 *
 * options (all optional):
 * - computedHidden (default true): flag elements the browser computes as
 *   `display: none` or `visibility: hidden`. Only elements with a class, id
 *   or style attribute are asked, outside <head> and outside subtrees already
 *   found hidden (whose descendants are not flagged: they are hidden with
 *   it). Asking costs about as much as reading the element's attributes, and
 *   on corpus pages those elements carry 99.7 % of the hidden text; the
 *   `hidden` attribute the core reads itself. <html> and <body> are never
 *   flagged, and when one of them hides the whole page (a page hiding itself
 *   while it loads, see `veilOf`) only an element's own `display: none`
 *   counts: inherited visibility tells nothing then.
 * - zeroSize (default false): flag visible elements with a class, id or style
 *   attribute that are laid out as 0×0 boxes (empty reserved ad slots). Reads
 *   offsetWidth/Height, so it forces layout when the page has changed.
 * - maxNodes, maxMillis: the work budget; the walk stops early and reports
 *   `budgetHit`. The snapshot is then the page up to that node: still a tree.
 * - nodes (default true): also return the id -> live node table.
 *
 * Returns `{ snapshot, nodes, budgetHit }`: node i of the snapshot (id i + 1,
 * the document is id 0) is `nodes[i]`.
 */
export function takeSnapshot(doc, options) {
  if (doc === null || typeof doc !== "object" || typeof Node === "undefined") {
    throw new TypeError("newsclean: expected a Document");
  }
  const D = domAccess();
  if (nodeTypeOf(D, doc) !== 9) throw new TypeError("newsclean: expected a Document");
  const opts = options ?? {};
  const maxNodes = opts.maxNodes ?? DEFAULT_MAX_NODES;
  const maxMillis = opts.maxMillis ?? 0;
  const wantHidden = opts.computedHidden ?? true;
  const wantZeroSize = opts.zeroSize ?? false;
  const wantNodes = opts.nodes ?? true;
  const deadline = maxMillis > 0 ? performance.now() + maxMillis : Infinity;
  // A document without a window (DOMParser, cloneNode) has no layout to ask.
  const view = D.defaultView.call(doc);
  const canCheckVisibility = wantHidden && view !== null && typeof D.checkVisibility === "function";
  const veil = canCheckVisibility ? veilOf(D, doc, view) : VEIL_NONE;
  // Under a veil of display:none nothing has a box: no box to ask, no size to read.
  const probe = veil === VEIL_NONE ? VISIBILITY : undefined;
  const canMeasure = wantZeroSize && view !== null && veil !== VEIL_DISPLAY;
  const docRoot = view === null ? null : D.documentElement.call(doc);
  const docBody = view === null ? null : (D.body?.call(doc) ?? null);

  const names = [];
  const nameIndex = new Map();
  const intern = (s) => {
    let i = nameIndex.get(s);
    if (i === undefined) {
      i = names.length;
      names.push(s);
      nameIndex.set(s, i);
    }
    return i;
  };
  const depthCol = new Column(Uint32Array);
  const kindCol = new Column(Uint8Array);
  const nameCol = new Column(Uint32Array);
  const flagCol = new Column(Uint8Array);
  const textLen = new Column(Uint32Array);
  const attrCount = new Column(Uint32Array);
  const attrName = new Column(Uint32Array);
  const attrLen = new Column(Uint32Array);
  // Plain concatenation (V8 ropes) measured 8 % faster than join() here.
  let texts = "";
  let values = "";
  const nodes = [];
  let anyFlag = false;
  let budgetHit = false;

  // Depth of the element whose text is not carried (script, style), of the
  // hidden element, and of the element whose subtree has no boxes; 0 = none.
  let mutedDepth = 0;
  let hiddenDepth = 0;
  let boxlessDepth = 0;

  let count = 0;
  let node = D.firstChild.call(doc);
  let depth = 1;
  while (node !== null) {
    if (count >= maxNodes || (count % CLOCK_EVERY === 0 && count > 0 && performance.now() > deadline)) {
      budgetHit = true;
      break;
    }
    count++;
    if (mutedDepth !== 0 && depth <= mutedDepth) mutedDepth = 0;
    if (hiddenDepth !== 0 && depth <= hiddenDepth) hiddenDepth = 0;
    if (boxlessDepth !== 0 && depth <= boxlessDepth) boxlessDepth = 0;
    if (wantNodes) nodes.push(node);
    depthCol.push(depth);
    const type = D.nodeType.call(node);

    if (type === 1) {
      const tag = D.localName.call(node);
      kindCol.push(1);
      nameCol.push(intern(tag));
      const ns = D.namespaceURI.call(node);
      let flags = ns === SVG_NS ? FLAG_SVG : ns === MATHML_NS ? FLAG_MATHML : 0;

      let kept = 0;
      // Has a class, id or style: the elements whose computed style is asked.
      let styled = false;
      if (D.hasAttributes.call(node)) {
        const all = ALL_ATTRS.has(tag);
        if (flags === 0) {
          // HTML elements: the parser gives attributes no prefix, so qualified
          // names are the local names the native parser records.
          const attrNames = D.getAttributeNames.call(node);
          for (let i = 0; i < attrNames.length; i++) {
            const a = attrNames[i];
            if (a === "class" || a === "id" || a === "style") styled = true;
            if (all || KEPT.has(a)) {
              const v = D.getAttribute.call(node, a);
              values += v;
              attrLen.push(v.length);
              attrName.push(intern(a));
              kept++;
            } else if (a.startsWith("data-")) {
              const v = D.getAttribute.call(node, a);
              if (v.length <= MAX_DATA_ATTR_LEN) {
                values += v;
                attrLen.push(v.length);
                attrName.push(intern(a));
                kept++;
              }
            }
          }
        } else {
          // Foreign elements: `xlink:href` is local name `href`, as natively.
          const attrs = D.attributes.call(node);
          for (let i = 0; i < attrs.length; i++) {
            const at = attrs[i];
            const a = at.localName;
            const v = at.value;
            if (a === "class" || a === "id" || a === "style") styled = true;
            if (all || KEPT.has(a) || (a.startsWith("data-") && v.length <= MAX_DATA_ATTR_LEN)) {
              values += v;
              attrLen.push(v.length);
              attrName.push(intern(a));
              kept++;
            }
          }
        }
      }
      attrCount.push(kept);

      if (mutedDepth === 0 && (tag === "style" || (tag === "script" && !isJsonLd(D.getAttribute.call(node, "type"))))) {
        mutedDepth = depth;
      }

      if (tag === "head" && boxlessDepth === 0) {
        boxlessDepth = depth; // never rendered; its elements are display:none
      } else if (styled && hiddenDepth === 0 && boxlessDepth === 0 && node !== docRoot && node !== docBody) {
        let visible = true;
        if (canCheckVisibility && (veil === VEIL_DISPLAY || !D.checkVisibility.call(node, probe))) {
          visible = false;
          const style = view.getComputedStyle(node);
          const display = style.display;
          const visibility = veil === VEIL_NONE ? style.visibility : "visible";
          if (display === "none" || visibility === "hidden" || visibility === "collapse") {
            flags |= FLAG_COMPUTED_HIDDEN;
            hiddenDepth = depth;
          } else if (veil !== VEIL_DISPLAY && display !== "contents") {
            // No box although not hidden itself: inside content-visibility:
            // hidden or closed <details>, or SVG resources. Its descendants
            // would each pay for getComputedStyle and learn nothing.
            boxlessDepth = depth;
          }
        }
        if (canMeasure && visible && node.offsetWidth === 0 && node.offsetHeight === 0 && flags === 0) {
          flags |= FLAG_ZERO_SIZE;
        }
      }
      if (flags !== 0) anyFlag = true;
      flagCol.push(flags);

      const child = D.firstChild.call(node);
      if (child !== null) {
        node = child;
        depth++;
        continue;
      }
    } else {
      let text;
      if (type === 3 || type === 4) {
        // CDATA sections (SVG, MathML) are text to the native parser.
        kindCol.push(3);
        text = node.data;
      } else if (type === 10) {
        kindCol.push(10);
        text = node.name;
      } else {
        // Comments; processing instructions become comments natively.
        kindCol.push(8);
        text = node.data;
      }
      nameCol.push(0);
      flagCol.push(0);
      if (mutedDepth !== 0) text = "";
      texts += text;
      textLen.push(text.length);
    }

    let next = D.nextSibling.call(node);
    while (next === null) {
      node = D.parentNode.call(node);
      depth--;
      if (depth === 0 || node === null) break;
      next = D.nextSibling.call(node);
    }
    node = next;
  }

  const snapshot = {
    v: SNAPSHOT_VERSION,
    url: D.url.call(doc) ?? null,
    names,
    depth: depthCol.done(),
    kind: kindCol.done(),
    name: nameCol.done(),
    flags: anyFlag ? flagCol.done() : new Uint8Array(0),
    text: texts,
    textLen: textLen.done(),
    attrCount: attrCount.done(),
    attrName: attrName.done(),
    attrValue: values,
    attrLen: attrLen.done(),
  };
  return { snapshot, nodes, budgetHit };
}

const NUMBER_COLUMNS = ["depth", "kind", "name", "flags", "textLen", "attrCount", "attrName", "attrLen"];

/**
 * The snapshot with plain arrays instead of typed ones, for channels that
 * serialize as JSON (Chrome's runtime messaging turns a typed array into an
 * object with numbered keys, which the engine refuses). Structured clone
 * (postMessage, Firefox's messaging) carries typed arrays as they are.
 */
export function toPlainSnapshot(snapshot) {
  const out = { ...snapshot };
  for (const k of NUMBER_COLUMNS) out[k] = Array.from(snapshot[k] ?? []);
  return out;
}
