// Least privilege, checked on the files we ship (no browser needed):
// extension/ (and dist/chrome, dist/firefox when built), the generated
// engine glue (extension/engine/, www/pkg/) and the demo site's own pages and
// scripts (www/*.html, www/js/, www/gen/reader/). No eval or string code, no
// inline handlers or javascript: URLs, markup parsed from strings only at the
// call sites listed below (each with its reason), no remote code or URLs,
// permissions and CSP exactly as documented, every demo frame sandboxed
// without scripts, and no channel a web page can talk to.
//
//   node --test tests/browser/security/static.test.js

import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const rel = (f) => path.relative(ROOT, f);

/** Every shipped text file under `dir` (recursively). */
function files(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && /\.(js|mjs|html|json|css)$/.test(d.name))
    .map((d) => path.join(d.parentPath ?? d.path, d.name));
}

const SHIPPED_DIRS = ["extension", "dist/chrome", "dist/firefox", "www/pkg"].map((d) => path.join(ROOT, d));
// The demo's own code. Not www/gen/samples|sources (hostile news pages, shown
// only in script-less sandboxed frames) nor www/*.mjs (the node build and server).
const DEMO = [
  ...(fs.existsSync(path.join(ROOT, "www")) ? fs.readdirSync(path.join(ROOT, "www")) : [])
    .filter((n) => n.endsWith(".html")).map((n) => path.join(ROOT, "www", n)),
  ...files(path.join(ROOT, "www/js")),
  ...files(path.join(ROOT, "www/gen/reader")),
];
const isDemo = (f) => DEMO.includes(f);
const SHIPPED = [...SHIPPED_DIRS.flatMap(files), ...DEMO];
const JS = SHIPPED.filter((f) => /\.m?js$/.test(f));
const HTML = SHIPPED.filter((f) => f.endsWith(".html"));
const text = (f) => fs.readFileSync(f, "utf8");
const MANIFESTS = ["extension", "dist/chrome", "dist/firefox"]
  .map((d) => path.join(ROOT, d, "manifest.json"))
  .filter((f) => fs.existsSync(f));

/** Where in `f` a regexp matches: "file:line: code" (for a long, minified line: the code around the match). */
function hits(f, re) {
  return matches(f, re).map((m) => m.where);
}

/** As `hits`, with the matched text: `{ where, match }`. */
function matches(f, re) {
  const src = text(f);
  const out = [];
  for (const m of src.matchAll(new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`))) {
    const before = src.slice(0, m.index);
    const line = before.split("\n").length;
    const code = src.split("\n")[line - 1];
    const column = m.index - (before.lastIndexOf("\n") + 1);
    const shown = code.length <= 160 ? code.trim() : `…${code.slice(Math.max(0, column - 40), column + 120)}…`;
    out.push({ where: `${rel(f)}:${line}: ${shown}`, match: m[0] });
  }
  return out;
}

test("the scan sees the shipped files", () => {
  const names = SHIPPED.map(rel);
  for (const must of [
    "extension/manifest.json", "extension/background/background.js", "extension/content/page.js",
    "extension/reader/reader.js", "extension/offscreen/offscreen.html", "extension/popup/popup.html",
  ]) {
    assert.ok(names.includes(must), `${must} is not scanned`);
  }
  assert.ok(JS.length >= 15, `${JS.length} JavaScript files`);
  const glue = names.filter((n) => /(extension\/engine|www\/pkg)\/newsclean\.js$/.test(n));
  assert.ok(glue.length >= 1, "the generated glue (make wasm) is scanned");
  for (const must of ["www/playground.html", "www/index.html", "www/js/playground.js", "www/gen/reader/reader.js"]) {
    assert.ok(names.includes(must), `${must} is not scanned (make demo-files builds www/gen/)`);
  }
  console.log(`scanned ${SHIPPED.length} files (${DEMO.length} of the demo): ${JS.length} JavaScript, ${HTML.length} HTML, ${
    MANIFESTS.length} manifests${fs.existsSync(path.join(ROOT, "dist/chrome")) ? " (dist/ included)" : " (dist/ not built)"}`);
});

test("no eval, no Function constructor, no string timers", () => {
  const found = JS.flatMap((f) => [
    ...hits(f, /(^|[^.\w$])eval\s*\(/),
    ...hits(f, /\bnew\s+Function\s*\(/),
    ...hits(f, /(^|[^.\w$])Function\s*\(\s*["'`]/),
    ...hits(f, /\bset(Timeout|Interval)\s*\(\s*["'`]/),
    ...hits(f, /\bexecScript\s*\(/),
    ...hits(f, /\bdocument\.write(ln)?\s*\(/),
  ]);
  assert.deepEqual(found, []);
});

test("no inline event handlers and no inline scripts in HTML, none built in strings", () => {
  const found = [];
  for (const f of HTML) {
    found.push(...hits(f, /<[a-zA-Z][^>]*\son[a-zA-Z]+\s*=/));
    // Inline <script> bodies would be blocked by the CSP; keep them out entirely.
    found.push(...hits(f, /<script\b(?![^>]*\bsrc=)[^>]*>\s*\S/i));
  }
  for (const f of JS) {
    found.push(...hits(f, /<[a-zA-Z][\w-]*\b[^<>"'`]*\son[a-zA-Z]+\s*=/));
    found.push(...hits(f, /setAttribute(NS)?\s*\(\s*(null\s*,\s*)?["'`]on/i));
  }
  assert.deepEqual(found, []);
});

test("no javascript: URLs anywhere", () => {
  assert.deepEqual(SHIPPED.flatMap((f) => hits(f, /javascript:/i)), []);
});

// Every place markup is parsed from a string, with the reason it is safe.
// Matching is by file and the exact statement.
const ALLOWED_HTML_SINKS = [
  {
    file: /^(extension|dist\/(chrome|firefox))\/reader\/reader\.js$|^dist\/(chrome|firefox)\/content\/content\.js$/,
    code: "tpl.innerHTML = article.content;",
    reason: "article.content is the output of the engine's allowlist serializer (src/serialize/events.rs), " +
      "parsed into an inert <template>; tests/xss.rs and tests/browser/security/xss.test.js check it against XSS corpora",
  },
  {
    file: /^www\/gen\/reader\/reader\.js$/,
    code: "tpl.innerHTML = article.content;",
    reason: "the demo's copy of the extension's reader (www/build.mjs copies it): the same call site as above",
  },
  {
    file: /^www\/js\/playground\.js$/,
    code: "const parse = (html) => new DOMParser().parseFromString(html, \"text/html\");",
    reason: "the pasted page, parsed into a document without a browsing context: its scripts never run and it " +
      "loads nothing; the engine reads it and only its sanitized article is rendered (xss.test.js, playground)",
  },
  {
    file: /^www\/js\/playground\.js$/,
    code: "$(\"clean-frame\").srcdoc = `<!DOCTYPE html>${FRAME_CSP}",
    reason: "the cleaned page, shown only in #clean-frame, whose sandbox is empty (no scripts, no same origin; " +
      "checked below) and whose own CSP meta forbids every load",
  },
];
// A constant markup string (no interpolation) carries nothing from a page.
const CONSTANT_MARKUP = /\.innerHTML\s*=\s*('[^'\\]*'|"[^"\\]*");$/;

test("markup is parsed from strings only at the listed sanitizer-output call sites", () => {
  const sink = /\.(innerHTML|outerHTML)\s*[+]?=(?!=)|\binsertAdjacentHTML\s*\(|\bcreateContextualFragment\s*\(|\bsetHTMLUnsafe\s*\(|\bparseHTMLUnsafe\s*\(|\.srcdoc\s*=|\bparseFromString\s*\(/;
  const found = JS.flatMap((f) => hits(f, sink));
  const unexpected = found.filter((h) => {
    const [file, , code] = h.match(/^([^:]+):(\d+): (.*)$/).slice(1);
    if (isDemo(path.join(ROOT, file)) && CONSTANT_MARKUP.test(code)) return false;
    return !ALLOWED_HTML_SINKS.some((a) => a.file.test(file) && code.startsWith(a.code));
  });
  assert.deepEqual(unexpected, [], "a string reaches the HTML parser outside the allowed call sites");
  // The allowed site is still there and still the only one in the source tree.
  const source = found.filter((h) => h.startsWith("extension/"));
  assert.equal(source.length, 1, `expected exactly the reader's call site, found: ${source.join("; ")}`);
});

// URLs that are identifiers, not addresses (XML namespaces).
const NAMESPACES = /^https?:\/\/www\.w3\.org\/(2000\/svg|1998\/Math\/MathML|1999\/xhtml|1999\/xlink|XML\/1998\/namespace|2000\/xmlns\/)$/;

test("no remote code or addresses: scripts, imports, fetches and URLs are the extension's own", () => {
  const found = [];
  for (const f of JS) {
    for (const { where, match } of matches(f, /["'`](https?:)?\/\/[^"'`\s]*/)) {
      if (!NAMESPACES.test(match.slice(1))) found.push(where);
    }
    found.push(...hits(f, /\bimportScripts\s*\(/));
    found.push(...hits(f, /\b(XMLHttpRequest|WebSocket|EventSource)\b|\bsendBeacon\s*\(/));
  }
  for (const f of [...HTML, ...SHIPPED.filter((x) => x.endsWith(".css"))]) {
    found.push(...hits(f, /\b(src|href)\s*=\s*["']?(https?:)?\/\//i));
    found.push(...hits(f, /url\(\s*["']?(https?:)?\/\//i));
    found.push(...hits(f, /@import/i));
  }
  assert.deepEqual(found, []);
  // fetch() only where the generated glue loads the package's own .wasm
  // (`module_or_path = fetch(module_or_path)`, minified, bundled or not), and in the
  // demo of its own files: a relative path, or a sample's path from gen/samples.json.
  for (const f of JS) {
    for (const { where, match } of matches(f, /(^|[^.\w$])fetch\s*\([^)]*\)/)) {
      if (rel(f).startsWith("www/js/")) {
        assert.match(match, /fetch\(("[\w./-]+"|s\.source)\)$/, `a demo fetch of something not its own: ${where}`);
      } else {
        // The glue, and the content-script bundle that inlines it (mk/extension.mk).
        assert.match(rel(f), /(^|\/)engine\/newsclean\.js$|^www\/pkg\/newsclean\.js$|^dist\/(chrome|firefox)\/content\/content\.js$/,
          `a fetch outside the glue: ${where}`);
        assert.match(where, /(\bmodule_or_path|[\w$]+) ?= ?fetch\(\1\)/, `a fetch other than the glue's .wasm load: ${where}`);
      }
    }
  }
  for (const m of MANIFESTS) {
    assert.doesNotMatch(text(m), /https?:\/\//, `${rel(m)} names a remote address`);
  }
});

/** The permissions extension/README.md documents, from its Permissions table. */
function documentedPermissions() {
  const readme = text(path.join(ROOT, "extension/README.md"));
  const section = readme.split(/^## Permissions$/m)[1]?.split(/^## /m)[0] ?? "";
  const rows = [...section.matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1]);
  const permissions = rows.filter((r) => !r.includes(":"));
  const optionalHosts = rows.filter((r) => r.startsWith("optional_host_permissions:")).map((r) => r.split(": ")[1]);
  return { permissions, optionalHosts };
}

test("permissions are exactly the documented ones; no host access, no web-exposed surface", () => {
  const doc = documentedPermissions();
  assert.ok(doc.permissions.length >= 4, `documented: ${doc.permissions}`);
  for (const file of MANIFESTS) {
    const m = JSON.parse(text(file));
    const where = rel(file);
    const extra = (m.permissions ?? []).filter((p) => !doc.permissions.includes(p));
    assert.deepEqual(extra, [], `${where}: undocumented permissions`);
    assert.ok(!("host_permissions" in m) || m.host_permissions.length === 0, `${where}: host_permissions ${m.host_permissions}`);
    assert.deepEqual(m.optional_host_permissions ?? [], doc.optionalHosts, `${where}: optional host permissions`);
    assert.ok(!("optional_permissions" in m), `${where}: optional_permissions`);
    for (const key of ["externally_connectable", "web_accessible_resources", "content_scripts", "oauth2",
      "declarative_net_request", "update_url", "key"]) {
      assert.ok(!(key in m), `${where}: "${key}" gives pages or servers a way in`);
    }
    if (where.includes("firefox")) assert.ok(!(m.permissions ?? []).includes("offscreen"), "Firefox build asks for offscreen");
  }
});

test("extension CSP is exactly script-src 'self' 'wasm-unsafe-eval'; object-src 'self'", () => {
  for (const file of MANIFESTS) {
    const m = JSON.parse(text(file));
    assert.deepEqual(m.content_security_policy, {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    }, rel(file));
  }
});

test("messages from web pages are ignored: every listener checks the sender is the extension itself", () => {
  const problems = [];
  for (const f of JS) {
    const src = text(f);
    problems.push(...hits(f, /\bon(Message|Connect)External\b/));
    // Content scripts share the page's window: a "message" listener there would hear the page.
    problems.push(...hits(f, /\baddEventListener\s*\(\s*["'`]message["'`]|\bonmessage\s*=/));
    for (const m of src.matchAll(/runtime\.on(Message|Connect)\.addListener\(/g)) {
      const body = src.slice(m.index, m.index + 400).split("\n").slice(0, 3).join("\n");
      if (!/fromOwnExtension\(\s*(sender|port\.sender)\s*\)/.test(body)) {
        const line = src.slice(0, m.index).split("\n").length;
        problems.push(`${rel(f)}:${line}: a runtime listener that does not check fromOwnExtension(sender) first`);
      }
    }
  }
  assert.deepEqual(problems, []);
  const browser = text(path.join(ROOT, "extension/shared/browser.js"));
  assert.match(browser, /fromOwnExtension = \(sender\) => sender\?\.id === ext\.runtime\.id;/,
    "fromOwnExtension compares the sender's id with the extension's own");
  // The listeners exist (so the check above is not vacuous).
  const listeners = JS.filter((f) => f.includes(`${path.sep}extension${path.sep}`))
    .flatMap((f) => hits(f, /runtime\.on(Message|Connect)\.addListener\(/));
  assert.ok(listeners.length >= 3, `found ${listeners.length} runtime listeners`);
});

test("the demo: every frame is sandboxed without scripts, and the server's CSP allows only its own scripts", async () => {
  const frames = DEMO.filter((f) => f.endsWith(".html")).flatMap((f) => hits(f, /<iframe\b[^>]*>/i));
  assert.ok(frames.some((h) => h.startsWith("www/playground.html") && h.includes('id="clean-frame"')), "the playground's frame");
  for (const h of frames) {
    const sandbox = h.match(/\ssandbox="([^"]*)"/);
    assert.ok(sandbox, `a frame without a sandbox: ${h}`);
    assert.doesNotMatch(sandbox[1], /allow-scripts|allow-top-navigation|allow-popups|allow-forms/, h);
  }
  // The pasted page's frame is fully sandboxed: not even its own origin.
  assert.ok(frames.some((h) => h.includes('id="clean-frame" sandbox=""')), "#clean-frame has an empty sandbox");
  // No script makes frames of its own or loosens a sandbox.
  assert.deepEqual(DEMO.filter((f) => /\.m?js$/.test(f)).flatMap((f) => [
    ...hits(f, /createElement\(\s*["'`]iframe/),
    ...hits(f, /\.sandbox\b|setAttribute\(\s*["'`]sandbox/),
  ]), []);
  const { CSP } = await import(path.join(ROOT, "www/serve.mjs"));
  const directives = Object.fromEntries(CSP.split(/;\s*/).map((d) => [d.split(/\s+/)[0], d.split(/\s+/).slice(1).join(" ")]));
  assert.equal(directives["script-src"], "'self' 'wasm-unsafe-eval'", CSP);
  assert.equal(directives["object-src"], "'none'", CSP);
  assert.equal(directives["base-uri"], "'none'", CSP);
  assert.equal(directives["default-src"], "'self'", CSP);
  assert.doesNotMatch(CSP, /https?:|\*|'unsafe-eval'/, "no remote sources, wildcards or eval in the demo's CSP");
});
