// The content module: snapshots the page, has the snapshot judged (here, or
// via the background: see `local` below), applies and undoes
// the plan, keeps auto-clean going, opens reading mode. It judges nothing.
import { ext, t, fromOwnExtension } from "../shared/browser.js";
import { MSG, PORT, TAB } from "../shared/messages.js";
import { loadEngine, wasmAllowed, warmUp } from "../shared/engine.js";
import { KINDS, loadSettings, saveSettings } from "../shared/settings.js";
import { takeSnapshot, toPlainSnapshot } from "../engine/dom/snapshot.js";
import { applyPlan } from "../engine/dom/apply.js";
import { openOverlay } from "./overlay.js";

// The page's own engine. Firefox's bundle carries its bytes and compiles it
// while the page is walked. Chrome's does not (their 485 KB of base64 cost the
// first click ~10 ms to inject, and V8 compiles WASM function by function on
// first call, ~25 ms more): there the offscreen document's warm engine judges
// the first click, and this page's own comes afterwards (content/engine.js,
// asked for then) and is warmed up in idle time for the clicks after it, or at
// once if the extension could not judge. Where the page's CSP forbids WASM,
// the offscreen document judges every time.
let local = globalThis.newscleanWasm ? loadEngine(globalThis.newscleanWasm) : null;
let own = null;
let arrived = () => {};

/** Chrome: the page's own engine, from content/engine.js, which the background injects on request. */
function ownEngine() {
  own ??= new Promise((resolve) => {
    arrived = resolve;
    ext.runtime.sendMessage({ kind: MSG.ENGINE }).then((injected) => injected || resolve(null), () => resolve(null));
  });
  return own;
}
/** Called by content/engine.js with the module's bytes. */
export const useEngine = (base64) => arrived(loadEngine(base64));

const idle = (fn) => requestIdleCallback(fn, { timeout: 2000 });
let warming = false;
function warmOwnEngine() {
  if (warming) return;
  warming = true;
  idle(async () => {
    const run = await ownEngine();
    if (run) idle(async () => (await warmUp()) && (local = run));
  });
}

let settings = loadSettings();
ext.storage.onChanged.addListener(() => (settings = loadSettings()));
// The kinds to remove, as last read. Reading the settings takes a round trip
// to the browser: the first click judges with the defaults meanwhile, and
// judges again only if the settings turn out to differ.
let kinds = KINDS;

let via = null; // where the last judging ran: "page" or "extension" (offscreen document / background)
async function judge(op, snapshot, options) {
  let run = await local;
  let result;
  if (!run) {
    const ask = { kind: MSG.JUDGE, op, snapshot: toPlainSnapshot(snapshot), options };
    result = (await ext.runtime.sendMessage(ask).catch((e) => ({ error: String(e) }))) ?? { error: "no answer" };
    if (wasmAllowed()) {
      warmOwnEngine();
      // The extension could not judge (no offscreen document): the page's own engine can.
      if (result.error) run = await ownEngine();
    }
  }
  if (run) result = run(op, snapshot, options);
  via = run ? "page" : "extension";
  if (result?.error) throw new Error(result.error);
  return result;
}

let removed = []; // {kind, reason, text, node, parent, prev, next} for everything removed so far
let applied = []; // undo handles, oldest first
let timing = null;

async function clean(extra = {}) {
  const t0 = performance.now();
  const { snapshot, nodes } = takeSnapshot(document);
  const t1 = performance.now();
  const options = { kinds, url: location.href, ...extra };
  let plan = await judge("clean", snapshot, options);
  const wanted = (await settings).kinds;
  if (wanted.join() !== kinds.join()) plan = await judge("clean", snapshot, { ...options, kinds: (kinds = wanted) });
  const t2 = performance.now();
  if (observer?.takeRecords().length) schedule(); // the page changed while we waited
  // Skip what the page itself removed meanwhile, and our own reader and marker.
  const ours = (node) => node?.isConnected && !node.localName?.startsWith("newsclean-");
  plan.removed = plan.removed.filter((r) => ours(nodes[r.node - 1]));
  const gone = plan.removed.map((r) => {
    const node = nodes[r.node - 1];
    const where = { parent: node?.parentNode, prev: node?.previousSibling, next: node?.nextSibling };
    return { kind: r.kind, reason: r.reason, text: r.text, node, ...where };
  });
  applied.push(applyPlan(nodes, plan));
  observer?.takeRecords(); // our own removals
  removed.push(...gone);
  timing = { snapshot: t1 - t0, judge: t2 - t1, apply: performance.now() - t2, via };
  return gone.length;
}

const report = () => ({ removed: removed.map(({ kind, reason, text }) => ({ kind, reason, text })), timing });

function undo() {
  stopAuto();
  highlight(-1);
  for (const a of applied.reverse()) a.undo();
  [applied, removed] = [[], []];
  return true;
}

// Popup hover: the removed element is shown again where it was, outlined by a
// marker box, until the pointer leaves or the popup closes.
let unhighlight = null;
function highlight(index) {
  unhighlight?.();
  unhighlight = null;
  const { node, parent, prev, next } = removed[index] ?? {};
  if (!node || !parent?.isConnected) return;
  const anchor = next?.parentNode === parent ? next : prev?.parentNode === parent ? prev.nextSibling : null;
  parent.insertBefore(node, anchor);
  const box = node.getBoundingClientRect?.() ?? new DOMRect();
  if (box.bottom < 0 || box.top > innerHeight) node.scrollIntoView({ block: "center" });
  const r = node.getBoundingClientRect?.() ?? box;
  const marker = document.createElement("newsclean-marker");
  marker.style.cssText = `all: initial !important; position: absolute !important; z-index: 2147483647 !important;
    left: ${r.left + scrollX - 3}px !important; top: ${r.top + scrollY - 3}px !important;
    width: ${r.width + 6}px !important; height: ${r.height + 6}px !important; pointer-events: none !important;
    outline: 3px solid #d93025 !important; background: rgba(217, 48, 37, 0.08) !important`;
  document.documentElement.append(marker);
  observer?.takeRecords();
  unhighlight = () => {
    node.remove();
    marker.remove();
    observer?.takeRecords();
  };
}
ext.runtime.onConnect.addListener((port) => {
  if (port.name !== PORT.HIGHLIGHT || !fromOwnExtension(port.sender)) return;
  port.onMessage.addListener((index) => highlight(index));
  port.onDisconnect.addListener(() => highlight(-1));
});

// Reading mode.
let overlay = null;
async function reader(labels) {
  if (overlay) return { open: true };
  const t0 = performance.now();
  const { snapshot } = takeSnapshot(document, { nodes: false });
  const t1 = performance.now();
  const article = await judge("extract", snapshot, { url: location.href, markdown: true });
  const { reader: prefs } = await settings;
  const t2 = performance.now();
  if (!article) return { open: false, reason: "no-article" };
  overlay = openOverlay(article, prefs, {
    t: (key, n) => (labels?.[key] ?? t(`reader_${key}`, ["$1"])).replace("$1", n),
    onSettings: (next) => saveSettings({ reader: next }),
    onClose: () => (overlay = null),
  });
  return { open: true, timing: { snapshot: t1 - t0, extract: t2 - t1, render: performance.now() - t2, via } };
}

// Auto-clean: later clutter (lazy ad slots, infinite scroll, client-side
// navigation) is cleaned in passes scheduled for idle time, at most one per
// `gap`; the gap doubles whenever the page re-inserts a node we removed, and
// auto-clean stops on a page that keeps doing it.
const AUTO = { gap: 150, maxGap: 10_000, maxReinserts: 6, maxMillis: 40, dutyCycle: 10 };
let observer = null;
let timer = null;
let lastPass = 0;
let reinserts = 0;

function startAuto() {
  observer ??= new MutationObserver((records) => {
    const ours = new Set(removed.map((r) => r.node));
    for (const r of records) for (const n of r.addedNodes) if (ours.has(n)) reinserts++;
    if (reinserts > AUTO.maxReinserts) stopAuto();
    else schedule();
  });
  observer.observe(document, { childList: true, subtree: true });
}

function schedule() {
  const gap = Math.max(Math.min(AUTO.gap * 2 ** reinserts, AUTO.maxGap), AUTO.dutyCycle * lastPass);
  timer ??= setTimeout(() => requestIdleCallback(autoPass, { timeout: 1000 }), gap);
}

async function autoPass() {
  timer = null; // changes from now on schedule the next pass
  const t0 = performance.now();
  const n = await serial(() => clean({ maxMillis: AUTO.maxMillis })).catch(() => 0);
  lastPass = performance.now() - t0;
  if (n) ext.runtime.sendMessage({ kind: MSG.CLEANED, count: removed.length });
}

function stopAuto() {
  observer?.disconnect();
  observer = null;
  clearTimeout(timer);
  timer = null;
}

let queue = Promise.resolve();
const serial = (fn) => (queue = queue.then(() => fn(), () => fn()));

const COMMANDS = {
  [TAB.CLEAN]: async () => (await clean(), report()),
  [TAB.UNDO]: undo,
  [TAB.READER]: reader,
  [TAB.REPORT]: report,
};
/** Runs a command from shared/actions.js; resolves to its JSON-able result. */
export const run = (command, arg) => serial(() => COMMANDS[command](arg));

settings.then(async ({ sites }) => {
  if (!sites.includes(location.hostname)) return;
  await serial(() => clean());
  ext.runtime.sendMessage({ kind: MSG.CLEANED, count: removed.length });
  startAuto();
});
