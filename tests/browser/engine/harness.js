// Shared by the engine's browser tests: a tiny HTTP server for fixtures and
// the package, the Chromium launcher, and the native CLI.

import { createServer } from "node:http";
import { readFileSync, readdirSync, existsSync, mkdtempSync, rmSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, extname, normalize } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = resolve(fileURLToPath(import.meta.url), "../../../..");
export const PKG = join(ROOT, "target/wasm-pkg");
export const BENCH_PKG = join(ROOT, "target/wasm-bench-pkg");
export const FIXTURES = join(ROOT, "tests/fixtures");
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/lib/chromium/chromium";
export const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";
export const CHROMIUM_ARGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/** Fixture names with their meta.json. */
export function fixtures() {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(FIXTURES, d.name, "source.html")))
    .map((d) => ({ name: d.name, meta: JSON.parse(readFileSync(join(FIXTURES, d.name, "meta.json"), "utf8")) }));
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".ts": "text/plain",
};

// Inline scripts of the fixtures must not run (the native door never runs
// them), but scripting stays on so <noscript> parses as text, as natively.
// Same-origin scripts are ours: the package and the engine host.
export const CSP_NORMAL = "script-src 'self' 'wasm-unsafe-eval'";
// A news site's strict policy: WebAssembly cannot compile in this page.
export const CSP_STRICT = "script-src 'self'";

// The page that judges snapshots for a strict page, as an offscreen document
// would: it receives snapshots by postMessage and answers with plans.
const ENGINE_HOST = `<!doctype html><meta charset="utf-8"><title>engine host</title>
<script type="module" src="/engine-host.js"></script>`;
const ENGINE_HOST_JS = `
import init, { cleanSnapshot, extractSnapshot } from "/pkg/newsclean.js";
const ready = init();
addEventListener("message", async (e) => {
  const { id, op, snapshot, json, options } = e.data;
  try {
    await ready;
    const snap = json !== undefined ? JSON.parse(json) : snapshot;
    const result = op === "extract" ? extractSnapshot(snap, options) : cleanSnapshot(snap, options);
    e.source.postMessage({ id, result: json !== undefined ? JSON.stringify(result) : result }, e.origin);
  } catch (err) {
    e.source.postMessage({ id, error: String(err && err.message) , isError: err instanceof Error }, e.origin);
  }
});
parent.postMessage({ ready: true }, "*");
`;

/**
 * Serves on 127.0.0.1 (the engine host is also reachable as `localhost`,
 * which is another origin):
 *   /fx/<name>/      a fixture's source.html under CSP_NORMAL
 *   /strict/<name>/  the same under CSP_STRICT
 *   /page            `extraPages` given to the server, under CSP_NORMAL
 *   /pkg/...         target/wasm-pkg, /bench-pkg/... target/wasm-bench-pkg
 *   /engine-host.html
 * Anything else is 204 No Content: sub-resources come back empty and a
 * meta refresh cannot navigate away.
 */
export async function startServer(extraPages = {}) {
  // A copy of the packages, so that a `make wasm` running meanwhile cannot
  // pull files away in the middle of a test.
  const copy = mkdtempSync(join(tmpdir(), "newsclean-pkg-"));
  const pkgs = { "/pkg/": join(copy, "pkg"), "/bench-pkg/": join(copy, "bench-pkg") };
  cpSync(PKG, pkgs["/pkg/"], { recursive: true });
  if (existsSync(BENCH_PKG)) cpSync(BENCH_PKG, pkgs["/bench-pkg/"], { recursive: true });
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const path = decodeURIComponent(url.pathname);
    const send = (status, body, type, csp) => {
      const headers = { "content-type": type, "cache-control": "no-store" };
      if (csp) headers["content-security-policy"] = csp;
      res.writeHead(status, headers);
      res.end(body);
    };
    const file = (base, rel) => {
      const p = normalize(join(base, rel));
      if (!p.startsWith(base) || !existsSync(p)) return null;
      return readFileSync(p);
    };
    let m;
    if ((m = path.match(/^\/(fx|strict)\/([^/]+)\/$/))) {
      const body = file(FIXTURES, join(m[2], "source.html"));
      if (body) return send(200, body, TYPES[".html"], m[1] === "strict" ? CSP_STRICT : CSP_NORMAL);
    } else if (path in extraPages) {
      return send(200, extraPages[path], TYPES[".html"], CSP_NORMAL);
    } else if (path.startsWith("/pkg/") || path.startsWith("/bench-pkg/")) {
      const prefix = path.startsWith("/pkg/") ? "/pkg/" : "/bench-pkg/";
      const body = file(pkgs[prefix], path.slice(prefix.length));
      if (body) return send(200, body, TYPES[extname(path)] ?? "application/octet-stream");
    } else if (path === "/engine-host.html") {
      return send(200, ENGINE_HOST, TYPES[".html"]);
    } else if (path === "/engine-host.js") {
      return send(200, ENGINE_HOST_JS, TYPES[".js"]);
    }
    res.writeHead(204);
    res.end();
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const port = server.address().port;
  return {
    origin: `http://127.0.0.1:${port}`,
    otherOrigin: `http://localhost:${port}`,
    close: async () => {
      await new Promise((ok) => server.close(ok));
      rmSync(copy, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium with a fresh profile; requests leaving our server are aborted. */
export async function launchChromium() {
  const profile = mkdtempSync(join(tmpdir(), "newsclean-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  await context.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === "127.0.0.1" || host === "localhost" ? route.continue() : route.abort();
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a served page and loads the package into it as `window.nc` (the
 * glue's exports) and `window.ncdom` (dom/snapshot.js + dom/apply.js); with
 * `bench`, also the benchmark build (Rust walker, test hooks) as `window.ncb`.
 */
export async function openWithEngine(context, url, { bench = false } = {}) {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  await page.evaluate(async ({ pkg, benchPkg }) => {
    const nc = await import(`${pkg}/newsclean.js`);
    await nc.default();
    window.nc = nc;
    window.ncdom = { ...(await import(`${pkg}/dom/snapshot.js`)), ...(await import(`${pkg}/dom/apply.js`)) };
    if (benchPkg) {
      const ncb = await import(`${benchPkg}/newsclean.js`);
      await ncb.default();
      window.ncb = ncb;
    }
  }, { pkg: new URL("/pkg", url).href, benchPkg: bench ? new URL("/bench-pkg", url).href : null });
  return page;
}

/** The native CLI, or null when it is not built or not implemented yet. */
export function nativeCli() {
  const bin = process.env.NEWSCLEAN_BIN ?? join(ROOT, "target/release/newsclean");
  if (!existsSync(bin)) return null;
  const help = spawnSync(bin, ["--help"], { encoding: "utf8" });
  if (!`${help.stdout}${help.stderr}`.includes("extract")) return null;
  return (args) => {
    const r = spawnSync(bin, args, { encoding: "utf8", maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`newsclean ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
    return r.stdout;
  };
}
