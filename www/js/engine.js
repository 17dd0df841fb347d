// The demo's one door to the engine: the WASM package `make wasm` puts in
// www/pkg/. All judging happens there; this file only loads, calls and times.
import init, { clean, cleanSnapshot, extract } from "../pkg/newsclean.js";
import { takeSnapshot } from "../pkg/dom/snapshot.js";
import { applyPlan } from "../pkg/dom/apply.js";

export { clean, extract };

/**
 * Resolves once the .wasm is instantiated and warmed up: one `extract` of
 * this page itself (read-only) makes the engine compile its code, so the
 * times the demo shows are those of a running engine, not of compilation.
 */
export const ready = init({ module_or_path: new URL("../pkg/newsclean_bg.wasm", import.meta.url) }).then(() => {
  try {
    extract(document);
  } catch {
    // Only a warm-up: a real call reports its own error.
  }
});

/** Runs `fn` and returns `{ value, ms }`. */
export function timed(fn) {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

/**
 * `clean(doc, options)` in its three steps (the same ones the package's
 * `clean` and the extension take: snapshot, judge, apply), so that the demo
 * also gets each removed element, to outline it. Returns the report
 * (`removed`, `counts`, `budgetHit`, `undo()`) plus `elements` (parallel to
 * `removed`) and `peek(i)`, which puts removed element i back where it was
 * until the returned function is called.
 */
export function cleanLive(doc, options) {
  const { snapshot, nodes, budgetHit } = takeSnapshot(doc, options);
  const plan = cleanSnapshot(snapshot, options);
  plan.budgetHit = plan.budgetHit || budgetHit;
  const elements = plan.removed.map((r) => nodes[r.node - 1]);
  const places = new Map(elements.map((el) => [el, { parent: el.parentNode, next: el.nextSibling }]));
  const report = applyPlan(nodes, plan);
  const peek = (i) => {
    const el = elements[i];
    const { parent } = places.get(el);
    let anchor = places.get(el).next;
    // The recorded next sibling may itself be removed: follow the chain.
    while (anchor !== null && anchor.parentNode !== parent) anchor = places.get(anchor)?.next ?? null;
    parent.insertBefore(el, anchor);
    return () => el.remove();
  };
  return Object.assign(report, { elements, peek });
}
