// DOM clobbering: a hostile page names form controls and images after the
// DOM properties a walker uses (<input name="parentNode">, <img
// name="firstChild">, <form name="nodeType">), which shadows them on that form
// or on the document. The snapshot walk, clean, undo and extract must not be
// derailed: the snapshot covers every node in order, the plan applies and
// undoes exactly, and the article is found.
//
//   node --test tests/browser/security/clobber.test.js   (needs `make wasm`)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchChromium, openWithEngine } from "../engine/harness.js";

const PROPS = [
  "parentNode", "nextSibling", "firstChild", "nodeType", "localName", "namespaceURI", "getAttribute",
  "getAttributeNames", "hasAttributes", "attributes", "removeChild", "insertBefore", "childNodes", "children",
  "nodeName", "checkVisibility", "offsetWidth",
];
const para = (n) =>
  `<p>Paragraph ${n}: the harbour authority reopened the port on Monday after a storm with winds of 120 km/h ` +
  `closed it for three days, stranding dozens of ships in the bay, officials said on Tuesday morning.</p>`;

// Clobbering forms inside the article (with clutter inside them, so the plan
// removes children of a clobbered form), and document-level names.
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Harbour reopens</title></head><body>
<img name="firstChild" src="/a.png"><form name="nodeType"></form><img name="defaultView" src="/b.png">
<embed name="URL" src="/c"><img name="documentElement" src="/d.png"><form name="body"></form>
<article><h1>Harbour reopens after storm</h1>${para(1)}${para(2)}
<form id="f1" class="story-tools">${PROPS.map((p) => `<input name="${p}" type="hidden">`).join("")}
  <div class="ad-slot"><span>Advertisement</span></div>${para(3)}
  <div class="newsletter-signup"><p>Subscribe to our newsletter</p></div></form>
${para(4)}<form id="f2">${PROPS.map((p) => `<input name="${p}">`).join("")}${PROPS.map((p) => `<input name="${p}">`).join("")}
  <div class="ad-slot"><span>Advertisement</span></div></form>${para(5)}</article></body></html>`;

let server;
let browser;
let page;
before(async () => {
  server = await startServer({ "/clobber": PAGE });
  browser = await launchChromium();
  page = await openWithEngine(browser.context, `${server.origin}/clobber`);
  // The page's markup, read through the prototypes (document.documentElement is clobbered).
  await page.evaluate(() => {
    const root = Object.getOwnPropertyDescriptor(Document.prototype, "documentElement").get;
    const outer = Object.getOwnPropertyDescriptor(Element.prototype, "outerHTML").get;
    window.pageHtml = () => outer.call(root.call(document));
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("the page really clobbers", async () => {
  const r = await page.evaluate(() => ({
    doc: [document.nodeType instanceof Element, typeof document.URL, document.defaultView instanceof Element],
    form: [document.getElementById("f1").parentNode.localName, typeof document.getElementById("f1").removeChild],
  }));
  assert.deepEqual(r.doc, [true, "object", true], "document.nodeType / URL / defaultView are the named elements");
  assert.deepEqual(r.form, ["input", "object"], "form.parentNode / removeChild are its controls");
});

test("the snapshot walk covers every node, in order, at the right depth", async () => {
  const r = await page.evaluate(() => {
    const { snapshot, nodes } = window.ncdom.takeSnapshot(document);
    // Reference: a TreeWalker (not clobberable) and depths via the prototype getter.
    const parentOf = Object.getOwnPropertyDescriptor(Node.prototype, "parentNode").get;
    const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
    const expected = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) expected.push(n);
    const depth = (n) => {
      let d = 0;
      for (let p = parentOf.call(n); p !== document; p = parentOf.call(p)) d++;
      return d + 1;
    };
    const mismatch = expected.findIndex((n, i) => nodes[i] !== n || snapshot.depth[i] !== depth(n));
    return { walked: nodes.length, expected: expected.length, mismatch };
  });
  assert.equal(r.walked, r.expected);
  assert.equal(r.mismatch, -1, `node ${r.mismatch} differs`);
});

test("clean removes the clutter inside the clobbered forms, undo restores the page exactly", async () => {
  const r = await page.evaluate(() => {
    const before = window.pageHtml();
    const report = window.nc.clean(document, { url: location.href });
    const cleaned = window.pageHtml();
    const undone = report.undo();
    return {
      removed: report.removed.map((x) => x.text), changed: cleaned !== before,
      adsLeft: (cleaned.match(/Advertisement/g) ?? []).length, undone, same: window.pageHtml() === before,
    };
  });
  assert.ok(r.changed && r.removed.length >= 2, `removed: ${JSON.stringify(r.removed)}`);
  assert.equal(r.adsLeft, 0, "the ad boxes inside the forms are gone");
  assert.ok(r.undone && r.same, "undo restores the page byte for byte");
});

test("a plan removing the clobbering controls themselves applies and undoes exactly", async () => {
  const r = await page.evaluate(() => {
    const { takeSnapshot, applyPlan } = window.ncdom;
    const before = window.pageHtml();
    const { nodes } = takeSnapshot(document);
    const ids = [];
    nodes.forEach((n, i) => {
      if (n instanceof HTMLInputElement && i % 3 !== 0) ids.push(i + 1);
    });
    const report = applyPlan(nodes, { removed: ids.map((node) => ({ node, kind: "ad", reason: "test", text: "" })) });
    const gone = ids.every((id) => !nodes[id - 1].isConnected);
    report.undo();
    return { count: ids.length, gone, same: window.pageHtml() === before };
  });
  assert.ok(r.count > 30, `${r.count} removals`);
  assert.ok(r.gone, "every planned control left the page");
  assert.ok(r.same, "undo restores the page byte for byte");
});

test("extract finds the article on the clobbering page", async () => {
  const r = await page.evaluate(() => window.nc.extract(document, { url: location.href })?.textContent ?? "");
  for (const n of [1, 2, 3, 4, 5]) assert.ok(r.includes(`Paragraph ${n}:`), `paragraph ${n} missing`);
  assert.ok(!r.includes("Advertisement"));
});
