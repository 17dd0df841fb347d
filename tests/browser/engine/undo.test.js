// Never break the page: clean's undo restores every fixture exactly; extract
// and isProbablyReaderable never touch the page; a plan that fails half-way
// leaves the page as it was.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { fixtures, startServer, launchChromium, openWithEngine } from "./harness.js";

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// Runs in the page: the whole document as markup, doctype and comments outside
// <html> included, so "exactly as before" means every node.
const DOCUMENT_HTML = `window.documentHtml = () =>
  Array.from(document.childNodes, (n) => n.nodeType === 10 ? "<!DOCTYPE " + n.name + ">" :
    n.nodeType === 8 ? "<!--" + n.data + "-->" : n.outerHTML).join("")`;

async function open(name) {
  const page = await openWithEngine(browser.context, `${server.origin}/fx/${name}/`);
  await page.evaluate(DOCUMENT_HTML);
  return page;
}

for (const { name, meta } of fixtures()) {
  test(`clean then undo restores the page: ${name}`, async () => {
    const page = await open(name);
    try {
      const r = await page.evaluate((url) => {
        const before = window.documentHtml();
        const report = window.nc.clean(document, { url });
        const cleaned = window.documentHtml();
        const first = report.undo();
        const second = report.undo();
        return {
          removed: report.removed.length, counts: report.counts, budgetHit: report.budgetHit,
          changed: cleaned !== before, restored: window.documentHtml() === before, first, second,
          sizes: [before.length, cleaned.length],
        };
      }, meta.url);
      assert.ok(r.removed > 0, "the fixture has clutter to remove");
      assert.ok(r.changed && r.sizes[1] < r.sizes[0], "clean removed markup");
      assert.equal(Object.values(r.counts).reduce((a, b) => a + b, 0), r.removed, "counts add up");
      assert.equal(r.budgetHit, false);
      assert.ok(r.restored, "outerHTML after undo equals outerHTML before clean");
      assert.deepEqual([r.first, r.second], [true, false], "undo works once");
    } finally {
      await page.close();
    }
  });

  test(`any plan applies and undoes exactly: ${name}`, async () => {
    // A plan of many scattered removals, independent of what the judge
    // decides today: neighbours, first and last children, text and elements.
    const page = await open(name);
    try {
      const r = await page.evaluate(() => {
        const { takeSnapshot, applyPlan } = window.ncdom;
        const before = window.documentHtml();
        const { snapshot, nodes } = takeSnapshot(document);
        const body = nodes.indexOf(document.body);
        const removed = [];
        let coveredUntil = -1;
        for (let i = body + 1; i < nodes.length; i++) {
          let end = i + 1;
          while (end < nodes.length && snapshot.depth[end] > snapshot.depth[i]) end++;
          // Small subtrees only, every other one; never one inside another.
          if (i <= coveredUntil || end - i > 4 || i % 2 === 0) continue;
          removed.push({ node: i + 1, kind: "ad", reason: "test", text: "" });
          coveredUntil = end - 1;
        }
        const report = applyPlan(nodes, { removed, counts: { ad: removed.length }, budgetHit: false });
        const gone = removed.every((r) => !nodes[r.node - 1].isConnected);
        const during = window.documentHtml();
        report.undo();
        return { count: removed.length, gone, changed: during !== before, restored: window.documentHtml() === before };
      });
      assert.ok(r.count > 20, `plan removes ${r.count} nodes`);
      assert.ok(r.gone && r.changed, "every planned node left the page");
      assert.ok(r.restored, "undo restores the page exactly");
    } finally {
      await page.close();
    }
  });

  test(`extract and isProbablyReaderable never mutate: ${name}`, async () => {
    const page = await open(name);
    try {
      const r = await page.evaluate((url) => {
        const before = window.documentHtml();
        const observer = new MutationObserver(() => {});
        observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        // Signals off: the AMP fixture's body stays visibility:hidden without
        // its (blocked) runtime, and this test wants an article to be built.
        const article = window.nc.extract(document, { url, computedHidden: false });
        const readerable = window.nc.isProbablyReaderable(document);
        const mutations = observer.takeRecords().length;
        observer.disconnect();
        return { mutations, same: window.documentHtml() === before, length: article?.textContent.length ?? 0, readerable };
      }, meta.url);
      assert.equal(r.mutations, 0, "no mutation records");
      assert.ok(r.same);
      assert.ok(r.length > 500, "the fixture has an article");
      assert.equal(typeof r.readerable, "boolean");
    } finally {
      await page.close();
    }
  });
}

test("a plan that fails half-way is rolled back before the error", async () => {
  const { name } = fixtures()[0];
  const page = await open(name);
  try {
    const r = await page.evaluate(() => {
      const { takeSnapshot, applyPlan } = window.ncdom;
      const before = window.documentHtml();
      const { nodes } = takeSnapshot(document);
      const paragraphs = [...document.querySelectorAll("body p")].slice(0, 6);
      const ids = paragraphs.map((p) => nodes.indexOf(p) + 1);
      // The fourth removal throws inside the DOM call itself.
      const victim = paragraphs[3].parentNode;
      victim.removeChild = () => { throw new Error("refused"); };
      const plan = { removed: ids.map((node) => ({ node, kind: "ad", reason: "test", text: "" })), counts: {}, budgetHit: false };
      let error = null;
      try {
        applyPlan(nodes, plan);
      } catch (e) {
        error = e.message;
      }
      delete victim.removeChild;
      // A plan naming a node the snapshot does not have fails before touching anything.
      let rangeError = null;
      try {
        applyPlan(nodes, { removed: [{ node: ids[0] }, { node: nodes.length + 5 }] });
      } catch (e) {
        rangeError = e instanceof RangeError;
      }
      return { error, rangeError, same: window.documentHtml() === before };
    });
    assert.equal(r.error, "refused");
    assert.equal(r.rangeError, true);
    assert.ok(r.same, "page untouched after both failures");
  } finally {
    await page.close();
  }
});
