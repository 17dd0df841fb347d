// The browser benchmark: newsclean in headless Chromium against Readability.js
// and against a bare DOM walk, on the corpus pages, all in one run.
//
//   node bench/browser/run.js [--limit N] [--only readability|trafilatura] [--json FILE]
//
// Each page is served from 127.0.0.1 with its own scripts blocked (CSP; the
// parser still treats <noscript> as with scripting on) and every sub-resource
// empty or aborted. Times are taken inside the page with performance.now(),
// as the median over ROUNDS interleaved rounds (see MEASURE). Needs `make wasm wasm-bench` first (`make bench-browser` does it).

import { createServer } from "node:http";
import { readFileSync, readdirSync, existsSync, mkdtempSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join, resolve, extname, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");
const CORPUS = process.env.NEWSCLEAN_CORPUS ?? resolve(ROOT, "../shared/corpus");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/lib/chromium/chromium";
const READABILITY = join(ROOT, "node_modules/@mozilla/readability/Readability.js");
const ROUND_TRIP_PAGE = "readability/wikipedia-2"; // 1.04 MB of HTML
const ROUNDS = 5;
const MIN_BATCH_MS = 1;

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const limit = Number(flag("--limit") ?? Infinity);
const only = flag("--only");
const jsonOut = flag("--json");

function corpusPages() {
  const pages = [];
  const rdir = join(CORPUS, "readability");
  for (const d of readdirSync(rdir).sort()) {
    const f = join(rdir, d, "source.html.gz");
    if (existsSync(f)) pages.push({ corpus: "readability", id: d, file: f });
  }
  const tdir = join(CORPUS, "trafilatura-dev/html");
  for (const f of readdirSync(tdir).sort()) {
    if (f.endsWith(".gz")) pages.push({ corpus: "trafilatura", id: f.replace(/\.html?\.gz$/, ""), file: join(tdir, f) });
  }
  return pages;
}

const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
const ENGINE_HOST = `<!doctype html><meta charset="utf-8"><script type="module">
import init, { cleanSnapshot } from "/pkg/newsclean.js";
await init();
addEventListener("message", (e) => {
  const { id, snapshot, json } = e.data;
  const t0 = performance.now();
  const reply = json !== undefined ? JSON.stringify(cleanSnapshot(JSON.parse(json))) : cleanSnapshot(snapshot);
  e.source.postMessage({ id, reply, judgeMs: performance.now() - t0 }, e.origin);
});
parent.postMessage({ ready: true }, "*");
</script>`;

function startServer(pages, pkgs) {
  const byPath = new Map(pages.map((p) => [`/page/${p.corpus}/${encodeURIComponent(p.id)}`, p]));
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    const page = byPath.get(path);
    const send = (body, type, extra = {}) => {
      res.writeHead(200, { "content-type": type, "cache-control": "no-store", ...extra });
      res.end(body);
    };
    if (page) {
      // No charset: the browser sniffs it, as it would for the saved page.
      return send(gunzipSync(readFileSync(page.file)), "text/html", {
        "content-security-policy": "script-src 'self' 'wasm-unsafe-eval'",
      });
    }
    if (path === "/readability.js") return send(readFileSync(READABILITY), TYPES[".js"]);
    if (path === "/engine-host.html") return send(ENGINE_HOST, TYPES[".html"]);
    for (const [prefix, base] of [["/pkg/", pkgs.pkg], ["/bench-pkg/", pkgs.benchPkg]]) {
      if (path.startsWith(prefix)) {
        const p = normalize(join(base, path.slice(prefix.length)));
        if (p.startsWith(base) && existsSync(p)) return send(readFileSync(p), TYPES[extname(p)] ?? "application/octet-stream");
      }
    }
    res.writeHead(204);
    res.end();
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

// Installed in each page: the engines.
const SETUP = async ({ pkg, benchPkg }) => {
  const nc = await import(`${pkg}/newsclean.js`);
  await nc.default();
  const ncb = await import(`${benchPkg}/newsclean.js`);
  await ncb.default();
  const dom = { ...(await import(`${pkg}/dom/snapshot.js`)), ...(await import(`${pkg}/dom/apply.js`)) };
  // Layout is clean on a page a person looks at; make it so after each undo.
  const settle = () => document.documentElement.getBoundingClientRect();
  window.bench = { nc, ncb, dom, settle };
};

// Every metric runs once per round, rounds interleaved so that load on the
// machine hits all alike; a page's figure is the median over rounds. Metrics
// that do not change the page run in batches of at least MIN_BATCH_MS, as
// the clock ticks in 0.1 ms; clean and apply run once per round and are
// undone outside the timed region.
const MEASURE = ({ rounds, minBatchMs }) => {
  const { nc, ncb, dom, settle } = window.bench;
  const undo = (report) => {
    report.undo();
    settle();
  };
  settle();
  const { snapshot, nodes } = dom.takeSnapshot(document);
  const plan = nc.cleanSnapshot(snapshot);
  const metrics = {
    walk: () => {
      const w = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
      let n = 0;
      while (w.nextNode()) n++;
      return n;
    },
    // What any cleaner reading the DOM must do at least: every node's type,
    // every element's name and attributes, every text.
    readFloor: () => {
      const w = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
      let n = 0;
      while (w.nextNode()) {
        const node = w.currentNode;
        const type = node.nodeType;
        if (type === 1) {
          n += node.localName.length;
          if (node.hasAttributes()) for (const a of node.getAttributeNames()) n += node.getAttribute(a).length;
        } else if (type === 3 || type === 8) {
          n += node.data.length;
        }
      }
      return n;
    },
    readability: () => new window.Readability(document.cloneNode(true)).parse(),
    extract: () => nc.extract(document),
    clean: [() => nc.clean(document), undo],
    cleanNoStyle: [() => nc.clean(document, { computedHidden: false }), undo],
    snapshot: () => dom.takeSnapshot(document),
    snapshotNoStyle: () => dom.takeSnapshot(document, { computedHidden: false }),
    snapshotZeroSize: () => dom.takeSnapshot(document, { zeroSize: true }),
    toPage: () => ncb.benchSnapshotPage(snapshot),
    judge: () => nc.cleanSnapshot(snapshot),
    rustWalk: () => ncb.benchRustWalk(document, true),
    rustWalkNoStyle: () => ncb.benchRustWalk(document, false),
    apply: [() => dom.applyPlan(nodes, plan), undo],
  };
  const runs = Object.entries(metrics).map(([name, m]) => {
    const [run, reset] = Array.isArray(m) ? m : [m, null];
    const t0 = performance.now();
    const out = run();
    const first = performance.now() - t0;
    if (reset) reset(out);
    const reps = reset ? 1 : Math.min(200, Math.max(1, Math.ceil(minBatchMs / Math.max(first, 0.02))));
    return { name, run, reset, reps, times: [] };
  });
  for (let r = 0; r < rounds; r++) {
    for (const m of runs) {
      const t0 = performance.now();
      let out;
      for (let i = 0; i < m.reps; i++) out = m.run();
      m.times.push((performance.now() - t0) / m.reps);
      if (m.reset) m.reset(out);
    }
  }
  const result = {};
  for (const m of runs) {
    m.times.sort((a, b) => a - b);
    result[m.name] = m.times[m.times.length >> 1];
  }
  result.nodes = snapshot.depth.length;
  result.removed = plan.removed.length;
  result.walkersAgree = JSON.stringify(dom.toPlainSnapshot(snapshot)) === JSON.stringify(ncb.benchRustSnapshot(document, true));
  result.article = nc.extract(document) !== null;
  return result;
};

// The out-of-page route: snapshot, cross-process postMessage to the engine
// in another origin's frame, plan back, apply. Structured clone or JSON.
const ROUND_TRIP = async ({ host, iterations }) => {
  const { dom, settle } = window.bench;
  const frame = document.createElement("iframe");
  let waiting = null;
  addEventListener("message", (e) => {
    if (e.source === frame.contentWindow && waiting) waiting(e.data);
  });
  const next = () => new Promise((ok) => { waiting = ok; });
  const ready = next();
  frame.src = host;
  document.documentElement.appendChild(frame);
  await ready;
  const origin = new URL(host).origin;
  const out = { structured: [], json: [], snapshotMs: [], judgeMs: [], applyMs: [], removed: 0, snapshotBytes: 0 };
  for (let i = 0; i < iterations; i++) {
    for (const mode of ["structured", "json"]) {
      settle();
      const t0 = performance.now();
      const { snapshot, nodes } = dom.takeSnapshot(document);
      if (mode === "structured") out.snapshotMs.push(performance.now() - t0);
      const reply = next();
      if (mode === "json") {
        const json = JSON.stringify(dom.toPlainSnapshot(snapshot));
        out.snapshotBytes = json.length;
        frame.contentWindow.postMessage({ id: i, json }, origin);
      } else {
        frame.contentWindow.postMessage({ id: i, snapshot }, origin);
      }
      const data = await reply;
      if (mode === "structured") out.judgeMs.push(data.judgeMs);
      const plan = mode === "json" ? JSON.parse(data.reply) : data.reply;
      const t1 = performance.now();
      const report = dom.applyPlan(nodes, plan);
      const t2 = performance.now();
      out[mode].push(t2 - t0);
      if (mode === "structured") {
        out.applyMs.push(t2 - t1);
        out.removed = plan.removed.length;
      }
      report.undo();
    }
  }
  frame.remove();
  return out;
};

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p90: q(0.9), sum: s.reduce((a, b) => a + b, 0) };
}

const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

async function main() {
  for (const need of ["target/wasm-pkg/newsclean_bg.wasm", "target/wasm-bench-pkg/newsclean_bg.wasm"]) {
    if (!existsSync(join(ROOT, need))) throw new Error(`${need} missing: run make wasm wasm-bench`);
  }
  let pages = corpusPages().filter((p) => !only || p.corpus === only);
  if (Number.isFinite(limit)) {
    pages = ["readability", "trafilatura"].flatMap((c) => pages.filter((p) => p.corpus === c).slice(0, limit));
  }
  // Our own copy of the packages: a `make wasm` elsewhere during the run
  // must not pull them away.
  const profile = mkdtempSync(join(tmpdir(), "newsclean-bench-"));
  const pkgs = { pkg: join(profile, "pkg"), benchPkg: join(profile, "bench-pkg") };
  cpSync(join(ROOT, "target/wasm-pkg"), pkgs.pkg, { recursive: true });
  cpSync(join(ROOT, "target/wasm-bench-pkg"), pkgs.benchPkg, { recursive: true });
  const server = await startServer(corpusPages(), pkgs);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const context = await chromium.launchPersistentContext(join(profile, "chromium"), {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  await context.route("**/*", (route) => {
    const u = new URL(route.request().url());
    const ours = u.hostname === "127.0.0.1" || u.hostname === "localhost";
    // Only our documents may navigate: a meta refresh must not leave the page.
    const nav = route.request().isNavigationRequest() && route.request().frame() === route.request().frame().page().mainFrame();
    const allowedNav = !nav || u.pathname.startsWith("/page/");
    return ours && allowedNav ? route.continue() : route.abort();
  });
  const tab = await context.newPage();
  const setupArg = { pkg: `${origin}/pkg`, benchPkg: `${origin}/bench-pkg` };
  const results = [];
  const failed = [];
  const started = Date.now();
  for (const [i, p] of pages.entries()) {
    const url = `${origin}/page/${p.corpus}/${encodeURIComponent(p.id)}`;
    try {
      await tab.goto(url, { waitUntil: "load", timeout: 30000 });
      await tab.addScriptTag({ url: `${origin}/readability.js` });
      await tab.evaluate(SETUP, setupArg);
      const r = await tab.evaluate(MEASURE, { rounds: ROUNDS, minBatchMs: MIN_BATCH_MS });
      results.push({ ...p, ...r });
    } catch (e) {
      failed.push({ ...p, error: String(e.message).split("\n")[0] });
    }
    if (process.stderr.isTTY) process.stderr.write(`\r${i + 1}/${pages.length} pages`);
  }
  if (process.stderr.isTTY) process.stderr.write("\n");

  report(results, failed, null, (Date.now() - started) / 1000);
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ results, failed }, null, 1));

  const [rtCorpus, rtId] = ROUND_TRIP_PAGE.split("/");
  if (!only || only === rtCorpus) {
    try {
      await tab.goto(`${origin}/page/${rtCorpus}/${rtId}`, { waitUntil: "load" });
      await tab.evaluate(SETUP, setupArg);
      const html = await tab.evaluate(() => document.documentElement.outerHTML.length);
      const rt = await tab.evaluate(ROUND_TRIP, { host: `http://localhost:${server.address().port}/engine-host.html`, iterations: 15 });
      const roundTrip = { page: ROUND_TRIP_PAGE, htmlChars: html, snapshotJsonChars: rt.snapshotBytes,
        structured: stats(rt.structured.slice(2)), json: stats(rt.json.slice(2)),
        snapshot: stats(rt.snapshotMs.slice(2)), judge: stats(rt.judgeMs.slice(2)), apply: stats(rt.applyMs.slice(2)),
        removed: rt.removed };
      report([], [], roundTrip, 0);
      if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ results, failed, roundTrip }, null, 1));
    } catch (e) {
      console.log(`round trip failed: ${String(e.message).split("\n")[0]}`);
    }
  }
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  server.close();
}

function report(results, failed, roundTrip, seconds) {
  const metrics = [
    ["walk", "bare TreeWalker over every node (the floor)"],
    ["readFloor", "TreeWalker reading every node's type, name, attrs, text"],
    ["readability", "Readability.js parse() on a clone"],
    ["extract", "newsclean extract (snapshot + judge + article out)"],
    ["clean", "newsclean clean (snapshot + judge + apply; undo untimed)"],
    ["cleanNoStyle", "  the same without computed-style flags"],
    ["snapshot", "JS walker: snapshot with computed-hidden flags (default)"],
    ["snapshotNoStyle", "JS walker: snapshot, no style flags"],
    ["snapshotZeroSize", "JS walker: snapshot + hidden + 0x0-box flags"],
    ["toPage", "snapshot into WASM + Page built"],
    ["judge", "cleanSnapshot: into WASM, Page, judge, plan out"],
    ["rustWalk", "Rust walker (web-sys style) -> Page, hidden flags"],
    ["rustWalkNoStyle", "Rust walker -> Page, no style flags"],
    ["apply", "apply the plan (undo untimed)"],
  ];
  if (results.length) {
    console.log(`newsclean browser benchmark — Chromium, ${results.length} pages in ${seconds.toFixed(0)} s` +
      (failed.length ? `, ${failed.length} pages failed to load or run` : ""));
  }
  for (const corpus of ["readability", "trafilatura", "all"]) {
    const rs = results.filter((r) => corpus === "all" || r.corpus === corpus);
    if (!rs.length) continue;
    const nodes = stats(rs.map((r) => r.nodes));
    console.log(`\n## ${corpus}: ${rs.length} pages, nodes median ${nodes.median} p90 ${nodes.p90}`);
    console.log(`${"ms per page".padEnd(60)} ${"median".padStart(8)} ${"p90".padStart(8)} ${"total".padStart(9)}`);
    const s = {};
    for (const [k, label] of metrics) {
      s[k] = stats(rs.map((r) => r[k]));
      console.log(`${label.padEnd(60)} ${fmt(s[k].median).padStart(8)} ${fmt(s[k].p90).padStart(8)} ${fmt(s[k].sum).padStart(9)}`);
    }
    const perPage = (a, b) => stats(rs.map((r) => r[a] / r[b])).median;
    console.log(`Readability.js / extract: ${fmt(s.readability.median / s.extract.median)}x (ratio of medians), ` +
      `${fmt(perPage("readability", "extract"))}x (median of per-page ratios)   target >= 5x`);
    console.log(`clean / bare walk: ${fmt(s.clean.median / s.walk.median)}x (ratio of medians), ` +
      `${fmt(perPage("clean", "walk"))}x (median of per-page ratios)   target <= 2x`);
    console.log(`clean / read floor: ${fmt(s.clean.median / s.readFloor.median)}x, snapshot / read floor: ` +
      `${fmt(s.snapshot.median / s.readFloor.median)}x, read floor / bare walk: ${fmt(s.readFloor.median / s.walk.median)}x (ratios of medians)`);
    console.log(`Rust walker / JS walker + transfer: ${fmt(s.rustWalk.median / (s.snapshot.median + s.toPage.median))}x (medians)`);
    const disagree = rs.filter((r) => !r.walkersAgree).length;
    console.log(`walkers agree on ${rs.length - disagree}/${rs.length} pages; an article on ${rs.filter((r) => r.article).length}`);
  }
  if (roundTrip) {
    console.log(`\n## out-of-page round trip: ${roundTrip.page} (${(roundTrip.htmlChars / 1e6).toFixed(2)} M chars of HTML, ` +
      `snapshot ${(roundTrip.snapshotJsonChars / 1e6).toFixed(2)} M chars as JSON)`);
    console.log("snapshot -> cross-origin frame (another process) -> cleanSnapshot -> plan back -> apply");
    console.log(`structured clone: median ${fmt(roundTrip.structured.median)} ms, p90 ${fmt(roundTrip.structured.p90)} ms   target <= 30 ms`);
    console.log(`JSON strings:     median ${fmt(roundTrip.json.median)} ms, p90 ${fmt(roundTrip.json.p90)} ms`);
    console.log(`of which: snapshot ${fmt(roundTrip.snapshot.median)} ms, cleanSnapshot in the frame ${fmt(roundTrip.judge.median)} ms, ` +
      `apply ${fmt(roundTrip.apply.median)} ms (${roundTrip.removed} removals); the rest is messaging (medians)`);
  }
  for (const f of failed.slice(0, 10)) console.log(`failed: ${f.corpus}/${f.id}: ${f.error}`);
}

await main();
