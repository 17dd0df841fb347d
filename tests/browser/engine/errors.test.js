// Never break the page: bad input becomes a JavaScript Error with a message
// and the page is untouched; the work budget stops a huge page early and says
// so; a panic in the engine becomes an Error and the next call still works.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { fixtures, startServer, launchChromium, openWithEngine } from "./harness.js";

let server;
let browser;
let page;
const { name, meta } = fixtures().find((f) => f.name === "lazy-images-table") ?? fixtures()[0];

// A page far larger than any fixture: 60,000 paragraphs of links and text.
const HUGE = `<!doctype html><html><head><title>huge</title></head><body>${
  "<div class=row><p>Some words <a href=/x>and a link</a> here.</p></div>".repeat(60000)
}</body></html>`;

before(async () => {
  server = await startServer({ "/huge": HUGE });
  browser = await launchChromium();
  page = await openWithEngine(browser.context, `${server.origin}/fx/${name}/`, { bench: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("malformed snapshots are refused with Errors", async () => {
  const r = await page.evaluate(() => {
    const { snapshot } = window.ncdom.takeSnapshot(document);
    const plain = window.ncdom.toPlainSnapshot(snapshot);
    const bad = {
      "not an object": 42,
      "no names": { ...snapshot, names: undefined },
      "a name that is not a string": { ...snapshot, names: [...snapshot.names, 7] },
      "columns of different lengths": { ...snapshot, kind: snapshot.kind.slice(1) },
      "a depth that skips a level": { ...snapshot, depth: Uint32Array.from(snapshot.depth, (d, i) => (i === 5 ? d + 3 : d)) },
      "texts shorter than their lengths": { ...snapshot, text: snapshot.text.slice(0, -10) },
      "an unknown version": { ...snapshot, v: 2 },
      "a typed array flattened by JSON": JSON.parse(JSON.stringify(snapshot)),
      "a name index out of range": { ...plain, name: plain.name.map((n, i) => (plain.kind[i] === 1 ? n + 1000 : n)) },
      "an unknown node kind": { ...plain, kind: plain.kind.map((k, i) => (i === 3 ? 2 : k)) },
    };
    const out = {};
    for (const [what, s] of Object.entries(bad)) {
      for (const f of ["cleanSnapshot", "extractSnapshot", "readerableSnapshot"]) {
        try {
          window.nc[f](s);
          out[`${f}: ${what}`] = "accepted";
        } catch (e) {
          out[`${f}: ${what}`] = e instanceof Error ? e.message : `threw a non-Error ${typeof e}`;
        }
      }
    }
    const ok = window.nc.cleanSnapshot(plain);
    return { out, stillWorks: Array.isArray(ok.removed) };
  });
  for (const [what, message] of Object.entries(r.out)) {
    assert.match(message, /^newsclean: /, what);
  }
  assert.ok(r.stillWorks, "the engine works after refusing");
});

test("bad options are refused with Errors and the page is untouched", async () => {
  const r = await page.evaluate(() => {
    const before = document.documentElement.outerHTML;
    const observer = new MutationObserver(() => {});
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    const bad = [42, "ad", { kinds: ["bogus"] }, { kinds: "ad" }, { maxNodes: -1 }, { maxNodes: 1.5 },
      { maxMillis: "10" }, { url: 5 }, { markdown: "yes" }, { charThreshold: NaN }, { maxnodes: 10 },
      { computedHidden: "no" }, [], { maxNodes: 2 ** 32 }];
    const messages = bad.map((o) => {
      try {
        window.nc.clean(document, o);
        return "accepted";
      } catch (e) {
        return e instanceof Error ? e.message : "not an Error";
      }
    });
    const mutations = observer.takeRecords().length;
    observer.disconnect();
    return { messages, mutations, same: document.documentElement.outerHTML === before };
  });
  for (const m of r.messages) assert.match(m, /^newsclean: bad options: /);
  assert.match(r.messages[2], /`kinds`: unknown variant `bogus`, expected one of `ad`, `trending`/);
  assert.match(r.messages[6], /`maxMillis`: invalid type: string "10", expected u32/);
  assert.match(r.messages[10], /unknown field `maxnodes`, expected one of `kinds`, `url`, `maxNodes`/);
  assert.match(r.messages[11], /`computedHidden`: invalid type/);
  assert.equal(r.mutations, 0);
  assert.ok(r.same);
});

test("options reach the core", async () => {
  const r = await page.evaluate((url) => {
    const all = window.nc.clean(document, { url });
    all.undo();
    const some = window.nc.clean(document, { url, kinds: ["ad"] });
    some.undo();
    const md = window.nc.extract(document, { url, markdown: true });
    const plainArticle = window.nc.extract(document, { url });
    const elsewhere = window.nc.extract(document, { url: "https://elsewhere.example/a/b.html" });
    const defaults = window.nc.clean(document);
    defaults.undo();
    const nulls = window.nc.clean(document, { url: null, kinds: null, maxNodes: null, markdown: undefined });
    nulls.undo();
    return {
      nullsAreDefaults: JSON.stringify(nulls.removed) === JSON.stringify(defaults.removed),
      allKinds: [...new Set(all.removed.map((x) => x.kind))], someKinds: [...new Set(some.removed.map((x) => x.kind))],
      someCount: some.removed.length, adCount: all.counts.ad ?? 0,
      markdown: typeof md?.markdown, plainMarkdown: plainArticle && "markdown" in plainArticle,
      urlMatters: plainArticle?.content !== elsewhere?.content && elsewhere?.content.includes("elsewhere.example"),
    };
  }, meta.url);
  assert.ok(r.allKinds.length > 1, `the fixture has several kinds (${r.allKinds})`);
  assert.deepEqual(r.someKinds, ["ad"]);
  assert.equal(r.someCount, r.adCount);
  assert.equal(r.markdown, "string");
  assert.equal(r.plainMarkdown, false);
  assert.ok(r.urlMatters, "relative links resolve against options.url");
  assert.ok(r.nullsAreDefaults, "null and undefined fields mean the defaults");
});

test("the node budget stops the judge early and says so", async () => {
  const r = await page.evaluate(() => {
    const before = document.documentElement.outerHTML;
    const report = window.nc.clean(document, { maxNodes: 120 });
    const ids = report.removed.map((x) => x.node);
    report.undo();
    const full = window.nc.clean(document);
    full.undo();
    return { hit: report.budgetHit, ids, fullHit: full.budgetHit, same: document.documentElement.outerHTML === before };
  });
  assert.equal(r.hit, true);
  assert.equal(r.fullHit, false);
  assert.ok(r.ids.every((id) => id <= 120), "only nodes within the budget are judged");
  assert.ok(r.same);
});

test("the time budget stops a huge page early and says so", async () => {
  const huge = await openWithEngine(browser.context, `${server.origin}/huge`);
  try {
    const r = await huge.evaluate(() => {
      const total = window.ncdom.takeSnapshot(document, { computedHidden: false }).snapshot.depth.length;
      const t0 = performance.now();
      const walk = window.ncdom.takeSnapshot(document, { maxMillis: 1 });
      const walkMs = performance.now() - t0;
      const before = document.body.childElementCount;
      const report = window.nc.clean(document, { maxMillis: 2 });
      report.undo();
      const unlimited = window.nc.clean(document, { maxMillis: 60000 });
      unlimited.undo();
      return {
        total, walked: walk.snapshot.depth.length, walkHit: walk.budgetHit, walkMs,
        hit: report.budgetHit, unlimitedHit: unlimited.budgetHit, same: document.body.childElementCount === before,
      };
    });
    assert.ok(r.total > 300000, `huge page has ${r.total} nodes`);
    assert.equal(r.walkHit, true);
    assert.ok(r.walked < r.total, `walk stopped at ${r.walked} of ${r.total}`);
    assert.equal(r.hit, true, "clean reports the budget hit");
    assert.equal(r.unlimitedHit, false, "a generous time budget is not hit (and the clock works in WASM)");
    assert.ok(r.same);
  } finally {
    await huge.close();
  }
});

test("a panic becomes an Error and the next call runs on a fresh instance", async () => {
  const r = await page.evaluate(() => {
    const { snapshot } = window.ncdom.takeSnapshot(document);
    const results = [];
    for (let i = 0; i < 30; i++) {
      try {
        window.ncb.benchPanic(`boom ${i}`);
        results.push("returned");
      } catch (e) {
        results.push(e instanceof Error && e.message.includes(`boom ${i}`) ? "error" : `other: ${e}`);
      }
      results.push(Array.isArray(window.ncb.cleanSnapshot(snapshot).removed) ? "works" : "broken");
    }
    return results;
  });
  assert.deepEqual(r, Array.from({ length: 30 }, () => ["error", "works"]).flat());
});

test("a long-lived engine gives back the memory a huge page took, and works on afresh", async () => {
  const huge = await openWithEngine(browser.context, `${server.origin}/huge`);
  try {
    const r = await huge.evaluate(() => {
      const MB = 1024 * 1024;
      const { snapshot } = window.ncdom.takeSnapshot(document);
      const first = window.nc.cleanSnapshot(snapshot);
      const notOver = window.nc.releaseMemoryOver(4096 * MB);
      const over = window.nc.releaseMemoryOver(8 * MB);
      const again = window.nc.cleanSnapshot(snapshot); // on the fresh instance
      const grownAgain = window.nc.releaseMemoryOver(8 * MB);
      const tiny = window.ncdom.takeSnapshot(document.implementation.createHTMLDocument("tiny")).snapshot;
      window.nc.cleanSnapshot(tiny);
      const fresh = window.nc.releaseMemoryOver(8 * MB) === false;
      return { notOver, over, same: JSON.stringify(again) === JSON.stringify(first), grownAgain, fresh };
    });
    assert.equal(r.notOver, false, "under the limit: nothing to release");
    assert.equal(r.over, true, "the huge page grew the memory past 8 MB");
    assert.ok(r.same, "the fresh instance judges the same");
    assert.equal(r.grownAgain, true);
    assert.equal(r.fresh, true, "after a release, a small page leaves the fresh instance small");
  } finally {
    await huge.close();
  }
});
