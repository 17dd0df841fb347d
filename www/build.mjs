// Generates www/gen/ (gitignored) for the demo: the sample pages from
// tests/fixtures/, as they are (sources/, for the playground) and with one
// local stylesheet added (samples/, shown in frames: their own CSS, fonts and
// images live on publishers' servers, which the demo never contacts); the
// list of samples; and the extension's reader, so the demo reads articles
// with exactly the extension's look. Run by `make demo`; never edit gen/.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const WWW = fileURLToPath(new URL(".", import.meta.url));
const ROOT = join(WWW, "..");
const FIXTURES = join(ROOT, "tests/fixtures");
const READER = join(ROOT, "extension/reader");
export const GEN = join(WWW, "gen");

/** The fixtures shown as samples, in menu order: languages, scripts and layouts. */
export const SAMPLES = [
  "firstpost-india-china",
  "de-spiegel-style",
  "fr-lemonde-style",
  "es-elpais-style",
  "ja-news",
  "zh-news",
  "ar-news-rtl",
  "hi-news",
  "ru-news",
  "liveblog-election",
  "outbrain-taboola",
  "amp-sports",
];

const SAMPLE_STYLESHEET = '<link rel="stylesheet" href="../../css/sample-page.css">';

export function build() {
  if (!existsSync(join(WWW, "pkg/newsclean.js"))) {
    throw new Error("www/pkg/ is missing: run `make wasm` (or `make demo`) first");
  }
  rmSync(GEN, { recursive: true, force: true });
  mkdirSync(join(GEN, "samples"), { recursive: true });
  mkdirSync(join(GEN, "sources"), { recursive: true });
  cpSync(READER, join(GEN, "reader"), { recursive: true });

  const list = SAMPLES.map((name) => {
    const dir = join(FIXTURES, name);
    const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8"));
    const html = readFileSync(join(dir, "source.html"), "utf8");
    const at = html.search(/<\/head\s*>/i);
    if (at < 0) throw new Error(`${name}: source.html has no </head>`);
    writeFileSync(join(GEN, "samples", `${name}.html`), html.slice(0, at) + SAMPLE_STYLESHEET + "\n" + html.slice(at));
    writeFileSync(join(GEN, "sources", `${name}.html`), html);
    const { url, lang, title, description } = meta;
    return { name, file: `gen/samples/${name}.html`, source: `gen/sources/${name}.html`, url, lang, title, description };
  });
  writeFileSync(join(GEN, "samples.json"), JSON.stringify(list, null, 1) + "\n");
  return list;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const list = build();
  console.log(`www/gen/: ${list.length} sample pages and the reader`);
}
