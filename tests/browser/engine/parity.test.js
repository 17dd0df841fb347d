// Parity: every fixture, loaded as a real page in headless Chromium, gets the
// same removals (node ids, kinds, reasons, texts) and the same article as the
// native CLI gives for the same HTML.
//
// The browser judges with its own signals off (computedHidden: false): those
// flags exist only in a live page and are meant to change decisions. What is
// compared is the rest — the walker, the snapshot, the core in WASM.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, mkdtempSync, rmSync, statSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixtures, startServer, launchChromium, openWithEngine, nativeCli, FIXTURES, ROOT, PKG } from "./harness.js";

const cli = nativeCli();
const ARTICLE_FIELDS = [
  "title", "byline", "siteName", "publishedTime", "lang", "dir", "excerpt",
  "content", "textContent", "length", "readingMinutes",
];
let server;
let browser;
let scratch;

// Parity only means something when both doors were built from the same
// source: `make test-browser-engine` rebuilds both first.
function staleBuilds() {
  const newest = (dir) => readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith(".rs"))
    .reduce((t, d) => Math.max(t, statSync(join(d.parentPath ?? d.path, d.name)).mtimeMs), 0);
  const source = newest(join(ROOT, "src"));
  const bin = process.env.NEWSCLEAN_BIN ?? join(ROOT, "target/release/newsclean");
  return [bin, join(PKG, "newsclean_bg.wasm")].filter((f) => statSync(f).mtimeMs < source);
}

before(async () => {
  server = await startServer();
  browser = await launchChromium();
  scratch = mkdtempSync(join(tmpdir(), "newsclean-parity-"));
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(scratch, { recursive: true, force: true });
});

for (const { name, meta } of fixtures()) {
  // Two walkers written apart must agree field by field: the JavaScript one
  // that ships, and the Rust one (benchmark build) that applies the core's
  // own keeps_attr/keeps_text. Decisions alone would not notice a text the
  // judge happens to ignore.
  test(`walker: ${name}`, async () => {
    const page = await openWithEngine(browser.context, `${server.origin}/fx/${name}/`, { bench: true });
    try {
      for (const computedHidden of [false, true]) {
        const { js, rust } = await page.evaluate((computedHidden) => {
          const { snapshot } = window.ncdom.takeSnapshot(document, { computedHidden });
          return { js: window.ncdom.toPlainSnapshot(snapshot), rust: window.ncb.benchRustSnapshot(document, computedHidden) };
        }, computedHidden);
        assert.ok(js.depth.length > 100, "the page has nodes");
        assert.deepEqual(js, rust, `snapshots with computedHidden: ${computedHidden}`);
      }
    } finally {
      await page.close();
    }
  });

  test(`parity: ${name}`, { skip: cli ? false : "native CLI not built (make native)" }, async () => {
    const source = join(FIXTURES, name, "source.html");
    const page = await openWithEngine(browser.context, `${server.origin}/fx/${name}/`);
    try {
      const inPage = await page.evaluate((url) => {
        const options = { url, computedHidden: false };
        const { snapshot } = window.ncdom.takeSnapshot(document, options);
        const article = window.nc.extract(document, options);
        const report = window.nc.clean(document, options);
        report.undo();
        const plan = { removed: report.removed, counts: report.counts, budgetHit: report.budgetHit };
        return { plan, article, snapshot: JSON.stringify(window.ncdom.toPlainSnapshot(snapshot)) };
      }, meta.url);

      const nativePlan = JSON.parse(cli(["clean", source, "--url", meta.url, "--format", "json"]));
      const nativeArticle = JSON.parse(cli(["extract", source, "--url", meta.url, "--format", "json"]));
      const nativeText = cli(["extract", source, "--url", meta.url, "--format", "text"]);

      // The browser's snapshot judged natively: the same decisions, so the
      // walker carries what html5ever gives the native door (whatever the
      // state of the WASM build).
      const snapFile = join(scratch, `${name}.json`);
      writeFileSync(snapFile, inPage.snapshot);
      const fromSnapshot = JSON.parse(cli(["clean", snapFile, "--snapshot", "--url", meta.url, "--format", "json"]));
      assert.deepEqual(fromSnapshot, nativePlan, "clean: native on the browser's snapshot vs native on the HTML");
      const textFromSnapshot = cli(["extract", snapFile, "--snapshot", "--url", meta.url, "--format", "text"]);
      assert.equal(textFromSnapshot, nativeText, "extract: native on the browser's snapshot");

      // The engine in WASM against the native binary.
      assert.deepEqual(staleBuilds(), [], "built from older source than src/: run make wasm native");
      assert.deepEqual(inPage.plan, nativePlan, "clean: browser vs native on the HTML");
      if (nativeArticle === null) {
        assert.equal(inPage.article, null, "extract: native finds no article");
      } else {
        assert.notEqual(inPage.article, null, "extract: native finds an article, the browser none");
        assert.deepEqual(Object.keys(inPage.article), Object.keys(nativeArticle), "extract: the same fields");
        for (const f of ARTICLE_FIELDS) assert.deepEqual(inPage.article[f], nativeArticle[f], `extract: ${f}`);
      }
      assert.equal((inPage.article?.textContent ?? "").trimEnd(), nativeText.trimEnd(), "extract text");
    } finally {
      await page.close();
    }
  });
}
