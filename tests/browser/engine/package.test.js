// The built package (no browser needed): what it exports and declares, what
// its JavaScript may not do, what the WASM build may not contain, and that
// the walker carries exactly what the core's snapshot rules say.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { spawnSync } from "node:child_process";
import { ROOT, PKG } from "./harness.js";
import * as walker from "../../../js/engine/snapshot.js";

function jsFiles(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? jsFiles(p) : p.endsWith(".js") ? [p] : [];
  });
}

test("no eval or new Function in the package's JavaScript (MV3 pages forbid them)", () => {
  const files = jsFiles(PKG);
  assert.ok(files.some((f) => f.endsWith("newsclean.js")), "the glue is there");
  assert.ok(files.some((f) => f.includes("snippets")), "the walker snippets are there");
  for (const f of files) {
    const code = readFileSync(f, "utf8");
    // A `Function(` right after a quote is text, not a call: wasm-bindgen's
    // debug_string helper (JsValue's Debug, used in serde-wasm-bindgen's
    // error messages) writes functions as `Function(${name})`.
    for (const banned of [/\beval\s*\(/, /\bnew\s+Function\b/, /(^|[^.\w$`"'])Function\s*\(/, /setTimeout\s*\(\s*["'`]/]) {
      assert.doesNotMatch(code, banned, `${relative(PKG, f)} uses ${banned}`);
    }
  }
});

test("the TypeScript declarations type the API of DESIGN.md", () => {
  const dts = readFileSync(join(PKG, "newsclean.d.ts"), "utf8");
  for (const sig of [
    "export function clean(document: Document, options?: Options): CleanReport;",
    "export function extract(document: Document, options?: Options): Article | null;",
    "export function isProbablyReaderable(document: Document): boolean;",
    "export function cleanSnapshot(snapshot: Snapshot, options?: Options): CleanPlan;",
    "export function extractSnapshot(snapshot: Snapshot, options?: Options): Article | null;",
    "export function readerableSnapshot(snapshot: Snapshot): boolean;",
    "export default function __wbg_init",
    "export interface Options {",
    "export interface CleanReport extends CleanPlan {",
    "undo(): boolean;",
    "export interface Article {",
    "export interface Snapshot {",
  ]) {
    assert.ok(dts.includes(sig), `declares ${sig}`);
  }
  const exported = [...dts.matchAll(/^export function (\w+)/gm)].map((m) => m[1]).sort();
  assert.deepEqual(exported, ["clean", "cleanSnapshot", "extract", "extractSnapshot", "initSync",
    "isProbablyReaderable", "readerableSnapshot", "releaseMemoryOver"], "nothing else is exported");
});

test("the demo and the extension get the same package", () => {
  const files = jsFiles(PKG).map((f) => relative(PKG, f)).concat(["newsclean_bg.wasm", "newsclean.d.ts"]);
  for (const copy of ["www/pkg", "extension/engine"]) {
    for (const f of files) {
      const p = join(ROOT, copy, f);
      assert.ok(existsSync(p), `${copy}/${f} exists`);
      assert.ok(readFileSync(p).equals(readFileSync(join(PKG, f))), `${copy}/${f} is current`);
    }
  }
});

test("the WASM build carries no HTML parser, JSON library, regex engine or CLI", () => {
  const r = spawnSync("cargo", ["tree", "--target", "wasm32-unknown-unknown", "--no-default-features", "-e", "normal",
    "--prefix", "none", "--offline"], { cwd: ROOT, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const crates = new Set(r.stdout.split("\n").map((l) => l.split(" ")[0]).filter(Boolean));
  assert.ok(crates.has("wasm-bindgen"), "the tree is the WASM one");
  for (const banned of ["html5ever", "markup5ever", "encoding_rs", "chardetng", "serde_json", "regex", "rayon"]) {
    assert.ok(!crates.has(banned), `${banned} is in the WASM build`);
  }
});

test("the walker's snapshot rules are the core's", () => {
  const src = readFileSync(join(ROOT, "src/page/snapshot.rs"), "utf8");
  const list = (name) => {
    const m = src.match(new RegExp(`pub const ${name}: &\\[&str\\] = &\\[([^\\]]*)\\]`));
    assert.ok(m, `${name} found in snapshot.rs`);
    return [...m[1].matchAll(/"([^"]*)"/g)].map((x) => x[1]);
  };
  const constant = (file, name) => {
    const m = readFileSync(join(ROOT, file), "utf8").match(new RegExp(`pub const ${name}: \\w+ = ([0-9_]+);`));
    assert.ok(m, `${name} found in ${file}`);
    return Number(m[1].replaceAll("_", ""));
  };
  assert.deepEqual(walker.KEPT_ATTRS, list("KEPT_ATTRS"));
  assert.deepEqual(walker.ALL_ATTR_TAGS, list("ALL_ATTR_TAGS"));
  assert.equal(walker.MAX_DATA_ATTR_LEN, constant("src/page/snapshot.rs", "MAX_DATA_ATTR_LEN"));
  assert.equal(walker.SNAPSHOT_VERSION, constant("src/page/snapshot.rs", "SNAPSHOT_VERSION"));
  assert.equal(walker.DEFAULT_MAX_NODES, constant("src/api.rs", "DEFAULT_MAX_NODES"));
  const flags = readFileSync(join(ROOT, "src/page/mod.rs"), "utf8");
  for (const [js, rust] of [["FLAG_SVG", "SVG"], ["FLAG_MATHML", "MATHML"], ["FLAG_COMPUTED_HIDDEN", "COMPUTED_HIDDEN"], ["FLAG_ZERO_SIZE", "ZERO_SIZE"]]) {
    const m = flags.match(new RegExp(`pub const ${rust}: u8 = (\\d+);`));
    assert.equal(walker[js], Number(m?.[1]), rust);
  }
});
