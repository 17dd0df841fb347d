// Firefox ESR smoke test: the package loads and runs, clean undoes exactly,
// and Firefox's walk of every fixture gives the very snapshot Chromium's does
// (both parse HTML by the same standard), hence the same judgement.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer from "puppeteer-core";
import { fixtures, startServer, launchChromium, openWithEngine, FIREFOX } from "./harness.js";

let server;
let firefox;
let chromium;
let profile;

before(async () => {
  server = await startServer();
  profile = mkdtempSync(join(tmpdir(), "newsclean-firefox-"));
  firefox = await puppeteer.launch({ browser: "firefox", executablePath: FIREFOX, headless: true, userDataDir: profile });
  chromium = await launchChromium();
});
after(async () => {
  await firefox?.close();
  await chromium?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

// Runs in the page (both browsers).
const JUDGE = async ({ pkg, url }) => {
  const nc = await import(`${pkg}/newsclean.js`);
  await nc.default();
  const dom = await import(`${pkg}/dom/snapshot.js`);
  const options = { url, computedHidden: false };
  const snapshot = JSON.stringify(dom.toPlainSnapshot(dom.takeSnapshot(document, options).snapshot));
  const before = document.documentElement.outerHTML;
  const report = nc.clean(document, options);
  const changed = document.documentElement.outerHTML !== before;
  report.undo();
  const article = nc.extract(document, options);
  return {
    snapshot, removed: report.removed, changed, restored: document.documentElement.outerHTML === before,
    text: article?.textContent ?? null, readerable: nc.isProbablyReaderable(document),
  };
};

for (const { name, meta } of fixtures()) {
  test(`Firefox ESR: ${name}`, async () => {
    const url = `${server.origin}/fx/${name}/`;
    const page = await firefox.newPage();
    let ff;
    try {
      await page.goto(url, { waitUntil: "load" });
      ff = await page.evaluate(JUDGE, { pkg: `${server.origin}/pkg`, url: meta.url });
    } finally {
      await page.close();
    }
    const cr = await openWithEngine(chromium.context, url);
    let ch;
    try {
      ch = await cr.evaluate(JUDGE, { pkg: `${server.origin}/pkg`, url: meta.url });
    } finally {
      await cr.close();
    }
    assert.ok(ff.removed.length > 0 && ff.changed, "clean removed clutter in Firefox");
    assert.ok(ff.restored, "undo is exact in Firefox");
    assert.ok(ff.text && ff.text.length > 500, "extract found the article in Firefox");
    assert.equal(ff.snapshot, ch.snapshot, "Firefox and Chromium snapshots are identical");
    assert.deepEqual(ff.removed, ch.removed);
    assert.equal(ff.text, ch.text);
    assert.equal(ff.readerable, ch.readerable);
  });
}
