// The out-of-page path. A page served with `Content-Security-Policy:
// script-src 'self'` cannot compile WebAssembly, so the page only snapshots
// and applies (dom/*.js, no WASM) and the engine judges in another origin's
// page, as an offscreen document would: the snapshot goes by postMessage, the
// plan comes back. It must be the plan the in-page engine makes.

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

// In the strict page: open the engine host in a cross-origin iframe and give
// `window.judge(message)` -> Promise of its answer.
const CONNECT = async (hostUrl) => {
  const frame = document.createElement("iframe");
  const pending = new Map();
  let nextId = 0;
  const ready = new Promise((resolve) => {
    addEventListener("message", (e) => {
      if (e.source !== frame.contentWindow) return;
      if (e.data.ready) return resolve();
      const { resolve: ok, reject } = pending.get(e.data.id);
      pending.delete(e.data.id);
      if (e.data.error !== undefined) reject(Object.assign(new Error(e.data.error), { isError: e.data.isError }));
      else ok(e.data.result);
    });
  });
  frame.src = hostUrl;
  document.documentElement.appendChild(frame);
  await ready;
  window.judge = (message) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    frame.contentWindow.postMessage({ ...message, id }, new URL(hostUrl).origin);
  });
  return frame;
};

for (const { name, meta } of fixtures()) {
  test(`strict CSP page judged out of page: ${name}`, async () => {
    const reference = await openWithEngine(browser.context, `${server.origin}/fx/${name}/`);
    const expected = await reference.evaluate((url) => {
      const options = { url, computedHidden: false };
      const report = window.nc.clean(document, options);
      report.undo();
      return { removed: report.removed, counts: report.counts, text: window.nc.extract(document, options)?.textContent };
    }, meta.url);
    await reference.close();
    assert.ok(expected.removed.length > 0);

    const page = await browser.context.newPage();
    try {
      await page.goto(`${server.origin}/strict/${name}/`, { waitUntil: "load" });
      const blocked = await page.evaluate(async () => {
        try {
          const m = await import("/pkg/newsclean.js");
          await m.default();
          return null;
        } catch (e) {
          return e.name;
        }
      });
      assert.equal(blocked, "CompileError", "the page's CSP forbids compiling the engine");

      // Snapshot first: the engine frame is ours, not part of the page.
      await page.evaluate(async (url) => {
        const dom = { ...(await import("/pkg/dom/snapshot.js")), ...(await import("/pkg/dom/apply.js")) };
        const taken = dom.takeSnapshot(document, { url, computedHidden: false });
        window.t = { dom, ...taken, before: document.documentElement.outerHTML };
      }, meta.url);
      await page.evaluate(CONNECT, `${server.otherOrigin}/engine-host.html`);
      const r = await page.evaluate(async (url) => {
        const { dom, snapshot, nodes, before } = window.t;
        const frame = document.querySelector("iframe[src*='engine-host']");
        const html = () => document.documentElement.outerHTML.replace(frame.outerHTML, "");
        const plan = await window.judge({ op: "clean", snapshot, options: { url } });
        const json = JSON.stringify(dom.toPlainSnapshot(snapshot));
        const viaJson = JSON.parse(await window.judge({ op: "clean", json, options: { url } }));
        const article = await window.judge({ op: "extract", snapshot, options: { url } });
        const report = dom.applyPlan(nodes, plan);
        const gone = plan.removed.every((x) => !nodes[x.node - 1].isConnected);
        report.undo();
        let refusal = null;
        try {
          await window.judge({ op: "clean", snapshot: { ...snapshot, depth: snapshot.depth.slice(1) } });
        } catch (e) {
          refusal = { message: e.message, isError: e.isError };
        }
        return { plan, viaJson, text: article?.textContent, gone, restored: html() === before, refusal };
      }, meta.url);

      assert.deepEqual(r.plan.removed, expected.removed, "same removals as the in-page engine");
      assert.deepEqual(r.plan.counts, expected.counts);
      assert.deepEqual(r.viaJson, r.plan, "a JSON channel carries the same snapshot");
      assert.equal(r.text, expected.text, "same article text");
      assert.ok(r.gone, "the plan applied in the strict page");
      assert.ok(r.restored, "and undid exactly");
      assert.equal(r.refusal?.isError, true, "a malformed snapshot is refused with an Error");
      assert.match(r.refusal.message, /^newsclean: bad snapshot/);
    } finally {
      await page.close();
    }
  });
}
