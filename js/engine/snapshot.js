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

/**
 * Snapshots `doc` in one walk, in document order.
 *
 * options (all optional):
 * - computedHidden (default true): flag elements the browser computes as
 *   `display: none` or `visibility: hidden`. Each element outside an already
 *   hidden subtree is asked `checkVisibility()` (cheap once layout is clean);
 *   only those without a box pay for getComputedStyle. Descendants of a
 *   flagged element are not flagged: they are hidden with it.
 * - zeroSize (default false): flag visible HTML elements laid out as 0×0 boxes
 *   (empty reserved ad slots). Reads offsetWidth/Height, so it forces layout.
 * - maxNodes, maxMillis: the work budget; the walk stops early and reports
 *   `budgetHit`. The snapshot is then the page up to that node: still a tree.
 * - nodes (default true): also return the id -> live node table.
 *
 * Returns `{ snapshot, nodes, budgetHit }`: node i of the snapshot (id i + 1,
 * the document is id 0) is `nodes[i]`.
 */
export function takeSnapshot(doc, options) {
  if (doc === null || typeof doc !== "object" || doc.nodeType !== 9) {
    throw new TypeError("newsclean: expected a Document");
  }
  const opts = options ?? {};
  const maxNodes = opts.maxNodes ?? DEFAULT_MAX_NODES;
  const maxMillis = opts.maxMillis ?? 0;
  const wantHidden = opts.computedHidden ?? true;
  const wantZeroSize = opts.zeroSize ?? false;
  const wantNodes = opts.nodes ?? true;
  const deadline = maxMillis > 0 ? performance.now() + maxMillis : Infinity;
  // A document without a window (DOMParser, cloneNode) has no layout to ask.
  const view = doc.defaultView;
  const canCheckVisibility = wantHidden && view !== null &&
    typeof doc.documentElement?.checkVisibility === "function";
  const canMeasure = wantZeroSize && view !== null;

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
  const texts = [];
  const values = [];
  const nodes = [];
  let anyFlag = false;
  let budgetHit = false;

  // Depth of the element whose text is not carried (script, style), of the
  // hidden element, and of the element whose subtree has no boxes; 0 = none.
  let mutedDepth = 0;
  let hiddenDepth = 0;
  let boxlessDepth = 0;

  let count = 0;
  let node = doc.firstChild;
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
    const type = node.nodeType;

    if (type === 1) {
      const tag = node.localName;
      kindCol.push(1);
      nameCol.push(intern(tag));
      const ns = node.namespaceURI;
      let flags = ns === SVG_NS ? FLAG_SVG : ns === MATHML_NS ? FLAG_MATHML : 0;

      let kept = 0;
      if (node.hasAttributes()) {
        const all = ALL_ATTRS.has(tag);
        if (flags === 0) {
          // HTML elements: the parser gives attributes no prefix, so qualified
          // names are the local names the native parser records.
          const attrNames = node.getAttributeNames();
          for (let i = 0; i < attrNames.length; i++) {
            const a = attrNames[i];
            if (all || KEPT.has(a)) {
              const v = node.getAttribute(a);
              values.push(v);
              attrLen.push(v.length);
              attrName.push(intern(a));
              kept++;
            } else if (a.startsWith("data-")) {
              const v = node.getAttribute(a);
              if (v.length <= MAX_DATA_ATTR_LEN) {
                values.push(v);
                attrLen.push(v.length);
                attrName.push(intern(a));
                kept++;
              }
            }
          }
        } else {
          // Foreign elements: `xlink:href` is local name `href`, as natively.
          const attrs = node.attributes;
          for (let i = 0; i < attrs.length; i++) {
            const at = attrs[i];
            const a = at.localName;
            const v = at.value;
            if (all || KEPT.has(a) || (a.startsWith("data-") && v.length <= MAX_DATA_ATTR_LEN)) {
              values.push(v);
              attrLen.push(v.length);
              attrName.push(intern(a));
              kept++;
            }
          }
        }
      }
      attrCount.push(kept);

      if (mutedDepth === 0 && (tag === "style" || (tag === "script" && !isJsonLd(node.getAttribute("type"))))) {
        mutedDepth = depth;
      }

      if (hiddenDepth === 0 && boxlessDepth === 0) {
        let visible = true;
        if (canCheckVisibility && !node.checkVisibility(VISIBILITY)) {
          visible = false;
          const style = view.getComputedStyle(node);
          const display = style.display;
          const visibility = style.visibility;
          if (display === "none" || visibility === "hidden" || visibility === "collapse") {
            flags |= FLAG_COMPUTED_HIDDEN;
            hiddenDepth = depth;
          } else if (display !== "contents") {
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

      const child = node.firstChild;
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
      texts.push(text);
      textLen.push(text.length);
    }

    let next = node.nextSibling;
    while (next === null) {
      node = node.parentNode;
      depth--;
      if (depth === 0 || node === null) break;
      next = node.nextSibling;
    }
    node = next;
  }

  const snapshot = {
    v: SNAPSHOT_VERSION,
    url: doc.URL ?? null,
    names,
    depth: depthCol.done(),
    kind: kindCol.done(),
    name: nameCol.done(),
    flags: anyFlag ? flagCol.done() : new Uint8Array(0),
    text: texts.join(""),
    textLen: textLen.done(),
    attrCount: attrCount.done(),
    attrName: attrName.done(),
    attrValue: values.join(""),
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
