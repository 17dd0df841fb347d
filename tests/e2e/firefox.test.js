// Firefox ESR smoke test of the one-click path: the real dist/firefox package
// installed as a temporary add-on (puppeteer-core over WebDriver BiDi). BiDi
// cannot reach the background page, so a test-only hook (added to a copy of
// the package, never shipped) relays a page message to `newsclean.cleanTab`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import puppeteer from "puppeteer-core";
import { PLACEHOLDER, SHOTS, meta, norm, startServer, testBuild } from "./harness.js";

const HOOK_BACKGROUND = `
browser.runtime.onMessage.addListener((msg, sender) => {
  if (sender.id !== browser.runtime.id || !sender.tab || !msg?.test) return false;
  const t0 = performance.now();
  return globalThis.newsclean[msg.test](sender.tab.id).then((result) => ({ result, ms: performance.now() - t0 }));
});`;
const HOOK_CONTENT = `
addEventListener("message", (e) => {
  if (e.source !== window || !e.data?.newscleanTest) return;
  const reply = (r) => postMessage({ newscleanTestResult: r }, "*");
  browser.runtime.sendMessage({ test: e.data.newscleanTest }).then(reply, (err) => reply({ error: String(err) }));
});`;

let server;
let firefox;

before(async () => {
  server = await startServer();
  const dir = testBuild("firefox", (m, d) => {
    fs.writeFileSync(path.join(d, "test-hook-background.js"), HOOK_BACKGROUND);
    fs.writeFileSync(path.join(d, "test-hook-content.js"), HOOK_CONTENT);
    m.background.scripts.push("test-hook-background.js");
    m.content_scripts = [{ matches: ["*://127.0.0.1/*"], js: ["test-hook-content.js"], run_at: "document_start" }];
  });
  firefox = await puppeteer.launch({
    browser: "firefox",
    executablePath: process.env.FIREFOX ?? "/usr/bin/firefox-esr",
    headless: true,
  });
  await firefox.installExtension(dir);
});

after(async () => {
  await firefox?.close();
  await server?.close();
});

const hook = (page, action) =>
  page.evaluate(
    (action) =>
      new Promise((resolve) => {
        addEventListener("message", (e) => e.data?.newscleanTestResult && resolve(e.data.newscleanTestResult));
        postMessage({ newscleanTest: action }, "*");
      }),
    action,
  );

test("Firefox: one click cleans the page in place, keeps the article, and undo restores it", async () => {
  const name = "firstpost-india-china";
  const page = await firefox.newPage();
  // As in Chromium: the fixture's remote images are drawn as placeholders, nothing else leaves the machine.
  await page.setRequestInterception(true);
  page.on("request", (req) => {
    if (new URL(req.url()).origin === server.base) req.continue();
    else if (/\.(jpe?g|png|webp|gif|avif|svg)(\?|$)/i.test(req.url())) req.respond({ status: 200, contentType: "image/svg+xml", body: PLACEHOLDER });
    else req.abort();
  });
  await page.goto(`${server.base}/f/${name}/`, { waitUntil: "load" });
  const outer = () => page.evaluate(() => document.documentElement.outerHTML);
  const text = async () => norm(await page.evaluate(() => document.body.innerText));
  const htmlBefore = await outer();
  const first = await hook(page, "cleanTab");
  assert.equal(first.error, undefined, first.error);
  const later = [];
  assert.ok(first.result.removed.length > 0, "nothing was removed");
  assert.equal(first.result.timing.via, "page", "Firefox judges in the content script");
  const after = await text();
  assert.deepEqual(meta(name).keep.filter((s) => !after.includes(norm(s))), []);
  assert.ok(!after.includes(norm(meta(name).drop[0])), `"${meta(name).drop[0]}" is still on the page`);
  await hook(page, "undoTab");
  assert.equal(await outer(), htmlBefore);
  for (let i = 0; i < 3; i++) {
    later.push((await hook(page, "cleanTab")).ms);
    await hook(page, "undoTab");
  }
  const reader = await hook(page, "openReader");
  assert.equal(reader.result?.open, true, "reading mode opens");
  await page.screenshot({ path: path.join(SHOTS, "firefox-reader.png") });
  console.log(`Firefox ESR: first click ${first.ms.toFixed(1)} ms, later clicks ${later.map((ms) => ms.toFixed(1)).join(", ")} ms, reading mode ${reader.ms.toFixed(1)} ms`);
  await page.close();
});
