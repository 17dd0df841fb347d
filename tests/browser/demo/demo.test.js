// The demo site (www/) in real headless Chromium, served by www/serve.mjs:
// the home page's before/after, cleaning and undoing the sample pages,
// reading mode, the playground on a pasted page, and a hostile paste that
// must run nothing. Every request that would leave the local server is
// recorded and fails the test.
//
// NEWSCLEAN_SCREENSHOTS=1 also writes docs/screenshots/demo-index.png and
// demo-playground.png; without it the test writes nothing tracked.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { build } from "../../../www/build.mjs";
import { startServer } from "../../../www/serve.mjs";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const CHROMIUM = process.env.CHROMIUM ?? "/usr/lib/chromium/chromium";
const SHOTS = process.env.NEWSCLEAN_SCREENSHOTS === "1" ? join(ROOT, "docs/screenshots") : null;
const FIRSTPOST = "firstpost-india-china";
const firstpostMeta = JSON.parse(readFileSync(join(ROOT, "tests/fixtures", FIRSTPOST, "meta.json"), "utf8"));
const KINDS = new Set(["ad", "trending", "quick-links", "related", "social", "promo"]);

// Console errors the demo causes on purpose: the browser refusing what the
// sample and pasted pages carry (remote loads and frames, inline scripts and
// handlers, refreshes, autofocus), by CSP or sandbox. Chromium even reports
// the inline handlers of a DOMParser document as refused. Anything else, and
// any refusal of the demo's own files by the server's CSP, is a failure.
const EXPECTED_ERRORS = [
  /^Loading the \w+ '[^']*' violates the following Content Security Policy directive: "(img-src data:|default-src 'none')"/, // the playground frame's own CSP
  /^(Loading the \w+|Framing) '(?!http:\/\/127\.0\.0\.1[:/])[^']*' violates the following Content Security Policy directive/,
  /^Executing inline (event handler|script) violates the following Content Security Policy directive/,
  /because the (element's |document's )?frame is sandboxed and the 'allow-scripts' permission is not set/,
  /The document is sandboxed, and the 'allow-scripts' keyword is not set/,
];

let server;
let browser;
let context;
const remote = []; // requests that tried to leave the local server

before(async () => {
  build();
  server = await startServer({ port: 0 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: "light" });
  await context.route((url) => !url.href.startsWith(server.url), (route) => {
    remote.push(route.request().url());
    return route.abort("blockedbyclient");
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page whose console errors and exceptions are collected. */
async function open(path) {
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
  await page.goto(server.url + path);
  const unexpected = () => errors.filter((e) => !EXPECTED_ERRORS.some((re) => re.test(e)));
  return { page, errors, unexpected };
}

/** The framed page's text outside scripts and styles. */
const frameText = (page, selector = "#page") =>
  page.$eval(selector, (f) => {
    const body = f.contentDocument.body.cloneNode(true);
    for (const el of body.querySelectorAll("script, style, template")) el.remove();
    return body.textContent.replace(/\s+/g, " ");
  });

async function screenshot(page, name) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 960 } });
}

test("home page: two sentences, links, and the Firstpost page before and after clean", async () => {
  const { page, unexpected } = await open("");
  await page.waitForSelector("#after-frame[data-cleaned]");
  assert.match(await page.textContent(".lede"), /^\s*newsclean removes/);
  assert.ok(await page.locator('a[href="samples.html"]').count());
  assert.ok(await page.locator('a[href="playground.html"]').count());
  const beforeText = await frameText(page, "#before-frame");
  const afterText = await frameText(page, "#after-frame");
  assert.ok(beforeText.includes("STORY CONTINUES BELOW THIS AD"));
  assert.ok(!afterText.includes("STORY CONTINUES BELOW THIS AD"));
  assert.ok(afterText.includes("With inputs from agencies"));
  assert.match(await page.textContent("#after-caption"), /^\d+ elements removed in \d+\.\d ms$/);
  assert.ok((await page.locator("#ba-counts .chip").count()) > 0);
  assert.ok((await page.locator("#cards a").count()) >= 6);
  await page.waitForTimeout(200); // let the frames paint
  await screenshot(page, "demo-index.png");
  assert.deepEqual(unexpected(), []);
  await page.close();
});

test("samples: clean the Firstpost page, list and outline removals, undo, reading mode", async () => {
  const { page, unexpected } = await open(`samples.html#${FIRSTPOST}`);
  await page.waitForSelector(`#page[data-ready="${FIRSTPOST}"]`);
  const html = () => page.$eval("#page", (f) => f.contentDocument.documentElement.outerHTML);
  const original = await html();
  const clutter = ["Advertisement", "STORY CONTINUES BELOW THIS AD", "QUICK LINKS"];
  for (const s of clutter) assert.ok((await frameText(page)).includes(s), `the sample shows "${s}"`);

  await page.click("#clean");
  const items = page.locator("#removal-list li");
  assert.ok((await items.count()) >= 5);
  const rows = await items.evaluateAll((lis) =>
    lis.map((li) => ({ kind: li.querySelector(".kind").textContent, reason: li.querySelector(".reason").textContent })),
  );
  for (const r of rows) {
    assert.ok(KINDS.has(r.kind), `known kind: ${r.kind}`);
    assert.ok(r.reason.length > 0);
  }
  assert.ok(rows.some((r) => r.kind === "ad") && rows.some((r) => r.kind === "quick-links"));
  assert.match(await page.textContent("#status"), /^\d+ elements? removed in \d+\.\d ms/);
  assert.equal(await page.getAttribute("#after", "aria-pressed"), "true");
  const cleaned = await frameText(page);
  for (const s of clutter) assert.ok(!cleaned.includes(s), `"${s}" is gone`);
  for (const s of firstpostMeta.keep) assert.ok(cleaned.includes(s), `the story keeps "${s}"`);

  // Hovering an entry outlines its element (put back for the moment: the page is cleaned).
  await items.nth(1).hover();
  const box = await page.locator("#outline").boundingBox();
  assert.ok(box && box.width > 0 && box.height > 0, "an outline is drawn");
  assert.equal(await page.getAttribute("#outline", "data-kind"), rows[1].kind);
  await page.mouse.move(1, 1);
  assert.ok(await page.locator("#outline").isHidden());
  assert.ok(!(await frameText(page)).includes("STORY CONTINUES BELOW THIS AD"), "the peek is over");

  await page.click("#before");
  assert.equal(await html(), original, "undo restores the page exactly");
  await page.click("#after");
  assert.ok(!(await frameText(page)).includes("STORY CONTINUES BELOW THIS AD"));
  await page.click("#before");
  assert.equal(await html(), original);

  await page.click("#read");
  const reader = page.locator(".reader-host .nc-reader");
  await reader.waitFor();
  assert.equal((await reader.locator("h1").textContent()).trim(), firstpostMeta.title);
  const first = (await reader.locator(".nc-body > p").first().textContent()).trim();
  assert.ok(first.startsWith("Both sides said the steps reflected a mutual desire"), first);
  await reader.locator(".nc-close").click();
  assert.equal(await page.locator(".reader-host").count(), 0);
  assert.deepEqual(unexpected(), []);
  await page.close();
});

test("samples: every sample page cleans, undoes exactly and has an article", async () => {
  const { page, unexpected } = await open("samples.html");
  await page.waitForSelector("#page[data-ready]");
  const names = await page.$$eval("#sample-list a", (as) => as.map((a) => a.dataset.name));
  assert.ok(names.length >= 6 && names[0] === FIRSTPOST);
  const langs = new Set(await page.$$eval("#sample-list .lang", (s) => s.map((x) => x.textContent)));
  assert.ok(langs.size >= 6, `languages: ${[...langs]}`);
  for (const name of names) {
    await page.click(`#sample-list a[data-name="${name}"]`);
    await page.waitForSelector(`#page[data-ready="${name}"]`);
    const original = await page.$eval("#page", (f) => f.contentDocument.documentElement.outerHTML);
    await page.click("#clean");
    assert.ok((await page.locator("#removal-list li").count()) > 0, `${name}: something removed`);
    await page.click("#before");
    assert.equal(await page.$eval("#page", (f) => f.contentDocument.documentElement.outerHTML), original, `${name}: undo`);
    await page.click("#read");
    await page.locator(".reader-host .nc-reader h1").waitFor();
    await page.keyboard.press("Escape");
    assert.equal(await page.locator(".reader-host").count(), 0);
  }
  assert.deepEqual(unexpected(), []);
  await page.close();
});

test("playground: a pasted page gives all views of clean and extract, with timings", async () => {
  const { page, unexpected } = await open("playground.html");
  await page.waitForSelector("body[data-ready]");
  const source = readFileSync(join(ROOT, "tests/fixtures", FIRSTPOST, "source.html"), "utf8");
  await page.fill("#html", source);
  await page.fill("#url", firstpostMeta.url);
  await page.click("#run");
  await page.waitForSelector("#results:not([hidden])");
  for (const id of ["#clean-time", "#extract-time"]) assert.match(await page.textContent(id), /^\d+\.\d ms$/);

  const view = (result, name) => page.locator(`#${result}-result [data-view="${name}"] code`).textContent();
  // clean: rendered (sandboxed frame), HTML, text, JSON
  const frame = page.locator("#clean-frame");
  assert.equal(await frame.getAttribute("sandbox"), "");
  const srcdoc = await frame.getAttribute("srcdoc");
  assert.ok(srcdoc.startsWith(`<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src 'none';`));
  const cleanedHtml = await view("clean", "html");
  assert.ok(cleanedHtml.includes("With inputs from agencies") && !cleanedHtml.includes("STORY CONTINUES BELOW THIS AD"));
  assert.ok((await view("clean", "text")).includes("India and China on Tuesday agreed"));
  const report = JSON.parse(await view("clean", "json"));
  assert.ok(report.removed.length > 0 && report.removed.every((r) => KINDS.has(r.kind) && r.reason));
  // extract: rendered (the reader), HTML, text, Markdown, JSON
  const reader = page.locator("#extract-reader .nc-reader");
  assert.equal((await reader.locator("h1").textContent()).trim(), firstpostMeta.title);
  assert.ok((await view("extract", "html")).includes("<p>"));
  assert.ok((await view("extract", "text")).includes("the dragon and the elephant should dance together"));
  assert.ok((await view("extract", "markdown")).includes("India and China on Tuesday agreed"));
  const article = JSON.parse(await view("extract", "json"));
  assert.equal(article.title, firstpostMeta.title);
  assert.equal(article.byline, firstpostMeta.byline);

  // Tabs switch views.
  await page.click('#extract-result [data-tab="markdown"]');
  assert.ok(await page.locator('#extract-result [data-view="markdown"]').isVisible());
  assert.ok(await page.locator('#extract-result [data-view="rendered"]').isHidden());
  await page.click('#extract-result [data-tab="rendered"]');
  await page.waitForTimeout(200);
  await page.$eval("#html", (t) => {
    t.setSelectionRange(0, 0);
    t.scrollTop = 0;
  });
  await screenshot(page, "demo-playground.png");
  assert.deepEqual(unexpected(), []);
  await page.close();
});

test("playground: an .html file, chosen or dropped, or a sample from the menu", async () => {
  const { page, unexpected } = await open("playground.html");
  await page.waitForSelector("body[data-ready]");
  const title = () => page.locator("#extract-reader .nc-reader h1").textContent();
  for (const name of ["ja-news", "ar-news-rtl"]) {
    const meta = JSON.parse(readFileSync(join(ROOT, "tests/fixtures", name, "meta.json"), "utf8"));
    const html = readFileSync(join(ROOT, "tests/fixtures", name, "source.html"), "utf8");
    if (name === "ja-news") {
      await page.setInputFiles("#file", { name: `${name}.html`, mimeType: "text/html", buffer: Buffer.from(html) });
    } else {
      await page.$eval("#drop", (drop, text) => {
        const data = new DataTransfer();
        data.items.add(new File([text], "dropped.html", { type: "text/html" }));
        drop.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
      }, html);
    }
    await page.waitForFunction((t) => document.querySelector("#extract-reader")?.shadowRoot?.querySelector("h1")?.textContent === t, meta.title);
    assert.equal((await title()).trim(), meta.title);
    assert.equal(await page.inputValue("#html"), html);
  }
  assert.equal(await page.$eval("#extract-reader", (h) => h.shadowRoot.querySelector(".nc-article").getAttribute("dir")), "rtl");
  // The sample menu loads a fixture as it is, with its address.
  const meta = JSON.parse(readFileSync(join(ROOT, "tests/fixtures/de-spiegel-style/meta.json"), "utf8"));
  await page.selectOption("#example", "de-spiegel-style");
  await page.waitForFunction((t) => document.querySelector("#extract-reader")?.shadowRoot?.querySelector("h1")?.textContent === t, meta.title);
  assert.equal(await page.inputValue("#url"), meta.url);
  assert.equal(await page.inputValue("#html"), readFileSync(join(ROOT, "tests/fixtures/de-spiegel-style/source.html"), "utf8"));
  // A page without an article: extract says so, clean still answers.
  await page.fill("#html", "<!doctype html><html><head><title>Nothing</title></head><body></body></html>");
  await page.fill("#url", "");
  await page.click("#run");
  await page.waitForFunction(() => document.querySelector("#extract-summary").textContent === "no article found");
  assert.equal(await page.locator('#extract-result [data-view="json"] code').textContent(), "null");
  assert.match(await page.$eval("#extract-reader", (h) => h.shadowRoot.textContent), /found no article/);
  assert.equal(JSON.parse(await page.locator('#clean-result [data-view="json"] code').textContent()).removed.length, 0);
  assert.deepEqual(unexpected(), []);
  await page.close();
});

test("playground: nothing in a hostile paste executes or loads", async () => {
  const { page, unexpected } = await open("playground.html");
  await page.waitForSelector("body[data-ready]");
  const para = "The council met on Tuesday evening to discuss the bridge, the budget and the new library, and voted late into the night. ";
  const hostile = `<!doctype html><html><head><title>Hostile page</title>
<link rel="stylesheet" href="https://evil.example/a.css"><style>@import url(https://evil.example/b.css);</style>
<meta http-equiv="refresh" content="0; url=https://evil.example/">
<script>window.top.__xss = 1</script></head>
<body onload="window.top.__xss = 1"><article><h1>Hostile page</h1>
<p>${para.repeat(4)}</p>
<script>window.top.__xss=1</script><img src=x onerror="window.top.__xss=1">
<p>${para.repeat(3)}<a href="javascript:window.top.__xss=1">link</a></p>
<svg onload="window.top.__xss=1"><circle r="4"/></svg>
<iframe srcdoc="<script>window.top.__xss=1</script>"></iframe>
<img src="https://evil.example/pixel.gif" onload="window.top.__xss=1">
<form action="https://evil.example/"><input autofocus onfocus="window.top.__xss=1"></form>
<p>${para.repeat(3)}</p></article></body></html>`;
  await page.fill("#html", hostile);
  await page.fill("#url", "https://hostile.example/news/page.html");
  await page.click("#run");
  await page.waitForSelector("#results:not([hidden])");
  await page.locator("#extract-reader .nc-reader h1").waitFor();
  await page.waitForTimeout(500); // time for anything that would fire
  assert.equal(await page.evaluate(() => window.__xss), undefined, "nothing from the paste ran");
  // The article reaches the page only as the engine's sanitized HTML.
  const content = JSON.parse(await page.locator('#extract-result [data-view="json"] code').textContent()).content;
  assert.doesNotMatch(content, /<script|\son\w+=|javascript:|<iframe|<form/i);
  const attrs = await page.$$eval("#extract-reader", ([host]) =>
    [...host.shadowRoot.querySelectorAll("*")].flatMap((el) => [...el.attributes].map((a) => a.name)));
  assert.ok(!attrs.some((a) => a.startsWith("on")), "no event handler attributes in the reader");
  assert.equal(await page.$eval("#extract-reader", (h) => h.shadowRoot.querySelectorAll("script, iframe, form").length), 0);
  // The cleaned page: an empty sandbox and a CSP that forbids every load.
  assert.equal(await page.getAttribute("#clean-frame", "sandbox"), "");
  assert.equal(await page.$eval("#clean-frame", (f) => f.contentDocument), null, "opaque origin: not even we can reach in");
  assert.deepEqual(remote, [], "no request left the local server");
  assert.deepEqual(unexpected(), []);
  await page.close();
});
