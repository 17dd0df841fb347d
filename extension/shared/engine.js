// The one loader of the WASM engine, for content scripts, the offscreen
// document and Firefox's background page. Resolves to `run(op, snapshot,
// options)`, or to null where the page's CSP forbids compiling WebAssembly
// (Chrome content scripts): the caller then sends the snapshot elsewhere.
// Content scripts pass the module's bytes as base64 (Firefox's bundle carries
// them, Chrome's content/engine.js brings them: see mk/extension.mk), so pages
// get no web-accessible files; extension pages fetch the .wasm file.
import init, * as engine from "../engine/newsclean.js";
import { OPS } from "./messages.js";

const EMPTY_MODULE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
// Past this, the engine starts afresh after a judging (its memory never shrinks).
const MEMORY_LIMIT = 32 * 1024 * 1024;

/** False where the page's CSP forbids compiling WebAssembly (Chrome content scripts). */
export function wasmAllowed() {
  try {
    return new WebAssembly.Module(EMPTY_MODULE) instanceof WebAssembly.Module;
  } catch {
    return false;
  }
}

// Browsers without Uint8Array.fromBase64 (Chrome before 140): a plain loop is
// about 5× faster than Uint8Array.from with a mapping callback (14 against
// 70 ms for the module, measured in Chromium).
function decodeBase64(base64) {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function run(op, ...args) {
  try {
    return engine[OPS[op]](...args);
  } finally {
    engine.releaseMemoryOver(MEMORY_LIMIT);
  }
}

let loading;
/** `base64`: the module's bytes; without them, the .wasm file (extension pages only). */
export function loadEngine(base64) {
  loading ??= (async () => {
    if (!wasmAllowed()) return null;
    const bytes = base64 && (Uint8Array.fromBase64?.(base64) ?? decodeBase64(base64));
    await init(bytes ? { module_or_path: bytes } : undefined);
    return run;
  })().catch(() => null);
  return loading;
}

// V8 compiles WebAssembly lazily, each function on its first call: about
// 20–30 ms for a first judging, on the main thread. A small built-in page
// judged once while nothing waits moves that cost out of the first click.
const SAMPLE = {
  title: "Harbour reopens after the storm",
  nav: ["Home", "World", "Business", "Video", "Live TV"],
  byline: "By A. Reporter",
  paragraphs: [
    "The harbour authority reopened the port on Monday, three days after a storm closed it to shipping.",
    "Officials said the main channel had been cleared of debris overnight and that the first container ships were already being unloaded.",
    "Fishing boats returned to the inner basin in the afternoon, where crews spent hours repairing nets and checking their hulls for damage.",
    "The storm brought gusts of more than 120 kilometres an hour and flooded several streets near the waterfront, the city's emergency service said.",
    "Shop owners along the quay said they expected to reopen by the weekend once the electricity supply had been restored to the whole district.",
  ],
  clutter: ["Advertisement", "Share on Facebook", "Most popular", "Sign up for our newsletter"],
};

function sampleDocument() {
  const doc = document.implementation.createHTMLDocument(SAMPLE.title);
  const el = (tag, text, parent) => {
    const e = doc.createElement(tag);
    if (text) e.textContent = text;
    parent?.append(e);
    return e;
  };
  const nav = el("nav", "", el("header", "", doc.body));
  for (const item of SAMPLE.nav) el("a", item, nav).href = `/${item.toLowerCase()}`;
  const article = el("article", "", el("main", "", doc.body));
  el("h1", SAMPLE.title, article);
  el("p", SAMPLE.byline, article).className = "byline";
  for (const [i, text] of SAMPLE.paragraphs.entries()) {
    el("p", text, article);
    if (i === 1) el("div", SAMPLE.clutter[i % SAMPLE.clutter.length], article).className = "ad-slot";
  }
  const aside = el("aside", "", doc.body);
  for (const text of SAMPLE.clutter) el("a", text, el("div", "", aside)).href = "/more";
  return doc;
}

/** Judges the built-in page once (both ops) with the engine `loadEngine` loaded, so that its code is compiled. */
export async function warmUp() {
  if (!(await loading)) return false;
  engine.extract(sampleDocument(), { markdown: true });
  engine.clean(sampleDocument());
  return true;
}
