// The playground: pasted or dropped HTML through `clean` and `extract`.
// Pasted HTML is hostile. It is parsed with DOMParser (no scripts run, nothing
// loads), the article is shown only through the engine's sanitized `content`
// and the reader, and the cleaned page only in an iframe with an empty
// sandbox whose own CSP forbids every load.
import { clean, extract, ready, timed } from "./engine.js";
import { mountInlineReader } from "./reading.js";

const FRAME_CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`;
// The sample pages' plain look, inlined (the frame may load nothing); the page's own styles come after it.
const pageCss = fetch("css/sample-page.css").then((r) => r.text());

const $ = (id) => document.getElementById(id);
const input = $("html");
const urlInput = $("url");
const status = $("pg-status");

const parse = (html) => new DOMParser().parseFromString(html, "text/html");

/** The page's visible-ish text: the body without scripts, styles and templates. */
function pageText(doc) {
  const body = doc.body?.cloneNode(true);
  if (!body) return "";
  for (const el of body.querySelectorAll("script, style, template, noscript")) el.remove();
  return body.textContent.replace(/[^\S\n]+/g, " ").replace(/ ?\n[\s]*/g, "\n").replace(/\n{3,}/g, "\n\n").trim();
}

function fill(result, view, text) {
  result.querySelector(`[data-view="${view}"] code`).textContent = text;
}

function showClean(doc, report, ms, css) {
  const result = $("clean-result");
  const n = report.removed.length;
  $("clean-time").textContent = `${ms.toFixed(1)} ms`;
  $("clean-summary").textContent = `${n} removed${n ? ": " : ""}${Object.entries(report.counts).map(([k, v]) => `${k} ${v}`).join(", ")}`;
  const html = `${doc.doctype ? `<!DOCTYPE ${doc.doctype.name}>\n` : ""}${doc.documentElement.outerHTML}`;
  $("clean-frame").srcdoc = `<!DOCTYPE html>${FRAME_CSP}<style>${css}</style>${doc.documentElement.outerHTML}`;
  fill(result, "html", html);
  fill(result, "text", pageText(doc));
  fill(result, "json", JSON.stringify(report, null, 2));
}

function showExtract(article, ms) {
  const result = $("extract-result");
  $("extract-time").textContent = `${ms.toFixed(1)} ms`;
  const host = $("extract-reader");
  if (!article) {
    $("extract-summary").textContent = "no article found";
    const note = document.createElement("p");
    note.style.cssText = "margin: 0; padding: 32px 24px; font: 15px/1.5 system-ui, sans-serif; color: GrayText";
    note.textContent = "The engine found no article on this page (extract returned null).";
    (host.shadowRoot ?? host.attachShadow({ mode: "open" })).replaceChildren(note);
    for (const view of ["html", "text", "markdown"]) fill(result, view, "");
    fill(result, "json", "null");
    return;
  }
  $("extract-summary").textContent = `${article.length.toLocaleString("en")} characters, ${article.readingMinutes} min read`;
  mountInlineReader(host, article);
  fill(result, "html", article.content);
  fill(result, "text", article.textContent);
  fill(result, "markdown", article.markdown ?? "");
  fill(result, "json", JSON.stringify(article, null, 2));
}

async function run() {
  const html = input.value;
  if (!html.trim()) {
    status.textContent = "Paste some HTML first, or drop a file.";
    return;
  }
  const options = {};
  const url = urlInput.value.trim();
  if (url) {
    try {
      options.url = new URL(url).href;
    } catch {
      status.textContent = "The page address is not a valid URL.";
      return;
    }
  }
  const css = await pageCss;
  await ready;
  try {
    // Each call gets its own parse: clean changes its document, extract reads a pristine one.
    const [page, pristine] = [parse(html), parse(html)];
    const cleaned = timed(() => clean(page, options));
    const extracted = timed(() => extract(pristine, { ...options, markdown: true }));
    showClean(page, cleaned.value, cleaned.ms, css);
    showExtract(extracted.value, extracted.ms);
  } catch (err) {
    status.textContent = `The engine reported an error: ${err.message}`;
    return;
  }
  status.textContent = `${(new Blob([html]).size / 1024).toFixed(1)} KB of HTML judged.`;
  $("results").hidden = false;
}

async function load(file) {
  input.value = await file.text();
  status.textContent = `Loaded ${file.name}.`;
  await run();
}

for (const result of document.querySelectorAll(".result")) {
  result.querySelector(".tabs").addEventListener("click", (e) => {
    const tab = e.target.closest("[data-tab]");
    if (!tab) return;
    for (const t of result.querySelectorAll("[data-tab]")) t.setAttribute("aria-selected", String(t === tab));
    for (const p of result.querySelectorAll("[data-view]")) p.hidden = p.dataset.view !== tab.dataset.tab;
  });
}

$("run").addEventListener("click", run);
input.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run();
});
$("file").addEventListener("change", (e) => e.target.files[0] && load(e.target.files[0]));
const drop = $("drop");
drop.addEventListener("dragover", (e) => {
  if (![...e.dataTransfer.types].includes("Files")) return;
  e.preventDefault();
  drop.classList.add("over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (e) => {
  drop.classList.remove("over");
  const file = e.dataTransfer.files[0];
  if (!file) return;
  e.preventDefault();
  load(file);
});

const samples = await (await fetch("gen/samples.json")).json();
const example = $("example");
example.append(...samples.map((s) => new Option(`${s.lang} · ${s.title}`, s.name)));
example.addEventListener("change", async () => {
  const s = samples.find((x) => x.name === example.value);
  if (!s) return;
  input.value = await (await fetch(s.source)).text();
  urlInput.value = s.url;
  await run();
});
document.body.dataset.ready = "true"; // for tests
