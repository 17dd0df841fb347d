//! TypeScript shapes of what crosses the boundary, for the generated `.d.ts`.
//! They mirror `crate::api` and `crate::page::snapshot` (camelCase on the wire):
//! options come in and plans and articles go out through serde-wasm-bindgen,
//! the snapshot is read column by column (`from_js`).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** The clutter taxonomy: what kind of thing a removal was. */
export type Kind = "ad" | "trending" | "quick-links" | "related" | "social" | "promo";

/**
 * Knobs for clean and extract. Every field is optional; `null` means the
 * default. An unknown field or a value of the wrong type is an Error
 * ("newsclean: bad options: `maxNodes`: ...").
 */
export interface Options {
  /** The kinds `clean` removes; all by default. */
  kinds?: Kind[];
  /** Base address for relative links (overrides the page's own). */
  url?: string | null;
  /** Work budget: the page is judged only up to this many nodes (default 2,000,000). */
  maxNodes?: number;
  /** Work budget in milliseconds for the whole call, walk included (0 = none, the default). */
  maxMillis?: number;
  /** An article needs at least this many characters (default 500). */
  charThreshold?: number;
  /** Also render the article as Markdown (`Article.markdown`). */
  markdown?: boolean;
  /** Live pages only: flag elements computed as display:none / visibility:hidden (default true). */
  computedHidden?: boolean;
  /** Live pages only: flag visible elements laid out as 0×0 boxes; forces layout (default false). */
  zeroSize?: boolean;
}

/** One element `clean` removes, and why. */
export interface Removal {
  /** Snapshot id of the element (the document is 0, snapshot node i is i + 1). */
  node: number;
  kind: Kind;
  /** The rule that fired, e.g. `label:advertisement` or `link-cluster`. */
  reason: string;
  /** The start of its text, for people reviewing the removal. */
  text: string;
}

/** What `cleanSnapshot` decided: apply it with `applyPlan` from `dom/apply.js`. */
export interface CleanPlan {
  /** Removals in document order; none contains another. */
  removed: Removal[];
  /** Removals per kind (kinds with none are absent). */
  counts: Partial<Record<Kind, number>>;
  /** True when the work budget stopped the judge before the end of the page. */
  budgetHit: boolean;
}

/** What `clean` did to the page. */
export interface CleanReport extends CleanPlan {
  /** Puts every removed element back; the page is then exactly as before. True the first time. */
  undo(): boolean;
}

/** The article found by `extract`. */
export interface Article {
  title: string;
  byline: string | null;
  siteName: string | null;
  /** As the page gives it (usually ISO 8601). */
  publishedTime: string | null;
  lang: string | null;
  /** `ltr` or `rtl` when the page states it. */
  dir: string | null;
  excerpt: string | null;
  /** The body as sanitized HTML. */
  content: string;
  /** The body as plain text, blocks separated by blank lines. */
  textContent: string;
  /** Characters in `textContent`. */
  length: number;
  readingMinutes: number;
  /** Present when `Options.markdown` asked for it. */
  markdown?: string;
}

/**
 * A page as plain data (made by `takeSnapshot` in `dom/snapshot.js`). Number
 * columns may be typed arrays or, after a JSON channel, plain arrays.
 */
export interface Snapshot {
  /** Format version (1). */
  v: number;
  url?: string | null;
  /** Element and attribute names, referenced by index. */
  names: string[];
  /** Per node: depth below the document (its children are 1). */
  depth: Uint32Array | number[];
  /** Per node: DOM nodeType (1 element, 3 text, 8 comment, 10 doctype). */
  kind: Uint8Array | number[];
  /** Per node: index into `names` (0 for non-elements). */
  name: Uint32Array | number[];
  /** Per node: flag bits (1 SVG, 2 MathML, 4 computed hidden, 8 zero size); may be empty. */
  flags?: Uint8Array | number[];
  /** Texts of text, comment and doctype nodes, concatenated. */
  text: string;
  /** UTF-16 length of each of those texts. */
  textLen: Uint32Array | number[];
  /** Per element: how many attributes it carries. */
  attrCount: Uint32Array | number[];
  /** Per attribute: index into `names`. */
  attrName: Uint32Array | number[];
  /** Attribute values, concatenated. */
  attrValue: string;
  /** UTF-16 length of each value. */
  attrLen: Uint32Array | number[];
}
"#;
