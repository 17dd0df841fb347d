// Shared set-up for the end-to-end tests: one local server that serves the
// fixture pages and is also the browser's proxy (so every request the browser
// makes, the extension's included, is logged), test builds of the extension,
// and a headless Chromium with the unpacked extension loaded.
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const FIXTURES = path.join(ROOT, "tests/fixtures");
// Screenshots go to target/screenshots/; NEWSCLEAN_SCREENSHOTS=1 refreshes the
// tracked ones in docs/screenshots/ instead.
export const SHOTS = path.join(ROOT, process.env.NEWSCLEAN_SCREENSHOTS === "1" ? "docs/screenshots" : "target/screenshots");
fs.mkdirSync(SHOTS, { recursive: true });
const PAGES = path.join(import.meta.dirname, "pages");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/lib/chromium/chromium";

export const fixtures = () =>
  fs.readdirSync(FIXTURES).filter((n) => fs.existsSync(path.join(FIXTURES, n, "meta.json"))).sort();
export const meta = (name) => JSON.parse(fs.readFileSync(path.join(FIXTURES, name, "meta.json"), "utf8"));
export const norm = (s) => s.replace(/\s+/g, " ").trim();

// Rendered text (innerText) breaks lines between MathML tokens and draws
// single-letter identifiers as mathematical italics (U+1D44E...), where the
// fixtures' snippets, taken from the native text output, have "c2=a2+b2".
// Compare with compatibility forms folded (NFKC) and whitespace ignored.
const squash = (s) => s.normalize("NFKC").replace(/\s+/g, "");
/** The snippets that `text` does not contain. */
export const missing = (text, snippets) => {
  const have = squash(text);
  return snippets.filter((s) => !have.includes(squash(s)));
};

const CSP = { script: "script-src 'self'", none: "default-src 'none'" };
// Ways pages hide themselves while they load: AMP's boilerplate (body hidden
// by an 8 s animation until the AMP runtime starts), anti-flicker snippets.
export const VEILS = {
  amp: "body { animation: -amp-start 8s steps(1, end) 0s 1 normal both } @keyframes -amp-start { from { visibility: hidden } to { visibility: visible } }",
  opacity: "html { opacity: 0 !important }",
  display: "body { display: none !important }",
};
// A neutral picture for the fixtures' image URLs, so screenshots show images.
// ...and for their SVG images (logos, icons), a plain wordmark-shaped block.
const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="32"><rect width="160" height="32" rx="4" fill="#9d2a2a"/></svg>`;
export const PLACEHOLDER = `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="540"><defs><linearGradient id="g" x2="1" y2="1">
<stop offset="0" stop-color="#9fb4c7"/><stop offset="1" stop-color="#d9cbb0"/></linearGradient></defs><rect width="960" height="540" fill="url(#g)"/></svg>`;

/**
 * GET /f/<fixture>/[?csp=script|none][&veil=amp|opacity|display] serves a
 * fixture (optionally under a strict CSP, or hiding itself with one of
 * VEILS), /p/<file> a test page. Anything else, direct or proxied, is
 * logged and refused. `log` holds every request in arrival order.
 */
export async function startServer() {
  const log = [];
  let own = "";
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, `http://${req.headers.host}`);
    log.push(url.href);
    const [, area, name] = url.pathname.split("/");
    const file =
      url.host !== own ? null : area === "f" ? path.join(FIXTURES, name, "source.html") : area === "p" ? path.join(PAGES, name) : null;
    if (!file || !fs.existsSync(file) || name.includes("..")) return res.writeHead(404).end();
    const headers = { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" };
    if (CSP[url.searchParams.get("csp")]) headers["content-security-policy"] = CSP[url.searchParams.get("csp")];
    const veil = VEILS[url.searchParams.get("veil")];
    const body = fs.readFileSync(file);
    res.writeHead(200, headers).end(veil ? String(body).replace(/<\/head>/i, `<style>${veil}</style></head>`) : body);
  });
  server.on("connect", (req, socket) => {
    log.push(`connect:${req.url}`);
    socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  own = `127.0.0.1:${server.address().port}`;
  return { base: `http://${own}`, log, close: () => new Promise((r) => server.close(r)) };
}

// Test builds are removed when the test process exits.
const builds = [];
process.on("exit", () => builds.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A copy of dist/<browser> whose manifest also grants 127.0.0.1 (scripted calls have no user gesture). */
export function testBuild(browser, edit) {
  const src = path.join(ROOT, "dist", browser);
  if (!fs.existsSync(path.join(src, "engine/newsclean_bg.wasm"))) throw new Error(`${src} is not built: run make extension`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `newsclean-${browser}-`));
  builds.push(dir);
  fs.cpSync(src, dir, { recursive: true });
  const file = path.join(dir, "manifest.json");
  const m = JSON.parse(fs.readFileSync(file, "utf8"));
  m.host_permissions = ["*://127.0.0.1/*"];
  edit?.(m, dir);
  fs.writeFileSync(file, JSON.stringify(m, null, 2));
  return dir;
}

/** Headless Chromium with the extension; every request goes through the server's proxy. */
export async function launchChrome(server, extDir = testBuild("chrome")) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "newsclean-profile-"));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1200, height: 800 },
    ignoreDefaultArgs: ["--disable-extensions"],
    args: [
      "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--disable-domain-reliability", "--no-pings", "--disable-features=AutofillServerCommunication,OptimizationHints",
      `--proxy-server=http://${new URL(server.base).host}`, "--proxy-bypass-list=<-loopback>",
      `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`,
    ],
  });
  const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent("serviceworker"));
  await sw.evaluate(() => new Promise((ready) => (function wait() { globalThis.newsclean ? ready() : setTimeout(wait, 10); })()));
  return {
    ctx,
    sw,
    async close() {
      await ctx.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// For screenshots: the fixtures' own stylesheets live on made-up hosts; this
// stands in for them so the pages look like a news site rather than raw HTML.
const SITE_CSS = `body { max-width: 980px; margin: 0 auto; padding: 12px 20px 0; font: 17px/1.55 Georgia, serif; color: #222; }
header, nav { font: 14px/1.4 system-ui, sans-serif; } nav ul, header ul, footer ul { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; padding: 0; }
a { color: #1a4f8b; text-decoration: none; } img, iframe, video { max-width: 100%; height: auto; } h1 { font-size: 34px; line-height: 1.2; }
aside, [class|="ad"], [class*=" ad-"], [class*="-ad "], [class$="-ad"], [class*="promo"], [class*="newsletter"] { background: #f3f1ec; padding: 8px 12px; margin: 12px 0; font-family: system-ui, sans-serif; font-size: 14px; }
figure { margin: 16px 0; } figcaption { font: 13px/1.4 system-ui, sans-serif; color: #666; } footer { border-top: 1px solid #ddd; margin-top: 32px; font: 13px system-ui, sans-serif; }`;

/** Opens `url` in a new tab, with the fixtures' remote images drawn as placeholders (and, `styled`, their CSS). */
export async function open(ctx, url, { styled = false, small = false } = {}) {
  const page = await ctx.newPage();
  if (small) await page.setViewportSize({ width: 1024, height: 760 }); // screenshots: keep the PNGs small
  await page.route(/\.(jpe?g|png|webp|gif|avif|svg)(\?|$)/i, (route) =>
    route.fulfill({ contentType: "image/svg+xml", body: /\.svg(\?|$)/i.test(route.request().url()) ? LOGO : PLACEHOLDER }),
  );
  if (styled) await page.route(/\.css(\?|$)/i, (route) => route.fulfill({ contentType: "text/css", body: SITE_CSS }));
  page.response = await page.goto(url, { waitUntil: "load" });
  return page;
}

/** Runs `newsclean.<action>(tabId)` in the service worker for the tab showing `url`; times it there. */
export function act(sw, action, url) {
  return sw.evaluate(
    async ([action, url]) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
      if (!tab) throw new Error(`no tab shows ${url}`);
      const t0 = performance.now();
      const result = await globalThis.newsclean[action](tab.id);
      return { result, ms: performance.now() - t0 };
    },
    [action, url],
  );
}

/**
 * The page's text as the reader sees it, once the page has shown itself: a
 * page hiding <html> or <body> while it loads (AMP's boilerplate animation,
 * which only the AMP runtime would end early) is fast-forwarded to the end.
 */
export const visibleText = async (page) =>
  norm(await page.evaluate(() => {
    for (const a of document.getAnimations()) {
      if (a.effect?.target === document.body || a.effect?.target === document.documentElement) a.finish();
    }
    return document.body.innerText;
  }));

/** Opens one of the extension's own pages in a window of its own, leaving the fixture tab the last focused. */
export async function openExtensionPage(ctx, sw, file) {
  const opened = ctx.waitForEvent("page");
  await sw.evaluate((url) => chrome.windows.create({ url, type: "popup", focused: false, width: 400, height: 640 }), file);
  const page = await opened;
  await page.waitForLoadState("load");
  return page;
}

/** DevTools-protocol handle on one element inside the reader's closed shadow root. */
export async function readerElement(page, test) {
  const cdp = await page.context().newCDPSession(page);
  const find = (n, parent) =>
    test(n, parent) ? n : [...(n.children ?? []), ...(n.shadowRoots ?? [])].map((c) => find(c, n)).find(Boolean);
  const { root } = await cdp.send("DOM.getDocument", { depth: -1, pierce: true });
  const node = find(root);
  if (!node) throw new Error("no such element in the reader");
  const attr = (name) => node.attributes[node.attributes.indexOf(name) + 1];
  return {
    attr,
    focus: () => cdp.send("DOM.focus", { nodeId: node.nodeId }),
    async click() {
      const { model } = await cdp.send("DOM.getBoxModel", { nodeId: node.nodeId });
      const [x1, y1, , , x3, y3] = model.border;
      await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
    },
    detach: () => cdp.detach(),
  };
}

/**
 * The reader's markup inside its closed shadow root (the DevTools protocol can
 * pierce it), or null; with `style`, also the computed style of its first `style.tag`.
 */
export async function readerHtml(page, style) {
  const cdp = await page.context().newCDPSession(page);
  const find = (n, test) => (test(n) ? n : [...(n.children ?? []), ...(n.shadowRoots ?? [])].map((c) => find(c, test)).find(Boolean));
  try {
    const { root } = await cdp.send("DOM.getDocument", { depth: -1, pierce: true });
    const dialog = find(root, (n) => n.localName === "newsclean-reader")?.shadowRoots?.[0]?.children?.[0];
    if (!dialog) return null;
    const { outerHTML } = await cdp.send("DOM.getOuterHTML", { nodeId: dialog.nodeId });
    if (!style) return outerHTML;
    await cdp.send("CSS.enable");
    const el = find(dialog, (n) => n.localName === style.tag);
    const { computedStyle } = await cdp.send("CSS.getComputedStyleForNode", { nodeId: el.nodeId });
    return { html: outerHTML, style: Object.fromEntries(computedStyle.map((p) => [p.name, p.value])) };
  } finally {
    await cdp.detach();
  }
}

// Tags of elements that break the text flow; the rest (a, code, em, ...) join their text to their neighbours'.
const BLOCK_TAG = /<\/?(?:address|article|aside|blockquote|br|button|label|option|select|dd|details|dialog|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|img|li|main|nav|ol|p|pre|section|summary|table|td|th|tr|ul|video|audio|iframe|math)\b[^>]*>/gi;
/** The text of reader markup, as it reads. */
export const htmlText = (html) => norm(html.replace(BLOCK_TAG, " ").replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&nbsp;/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'"));

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))];
