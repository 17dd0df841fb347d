// The samples page: a news page in a same-origin frame (its own scripts
// never run: sandboxed, and the server's CSP), Clean / Before / After /
// Reading mode, and the list of removals outlined on hover.
import { cleanLive, extract, ready, timed } from "./engine.js";
import { openReader } from "./reading.js";
import { createOutliner, renderCounts, renderRemovals } from "./removals.js";

const $ = (id) => document.getElementById(id);
const frame = $("page");
const buttons = { clean: $("clean"), before: $("before"), after: $("after"), read: $("read") };
const status = $("status");

let samples = [];
let sample = null;
let report = null; // the last clean report, kept through undo for the list and outlines
let cleaned = false;
const outliner = createOutliner(frame, $("outline"), () => report);

function setCleaned(on) {
  cleaned = on;
  buttons.before.setAttribute("aria-pressed", String(!on));
  buttons.after.setAttribute("aria-pressed", String(on));
  buttons.before.disabled = buttons.after.disabled = report === null;
  buttons.clean.disabled = on;
  document.body.classList.toggle("is-cleaned", on);
}

function clean() {
  if (cleaned) return;
  outliner.hide();
  const { value, ms } = timed(() => cleanLive(frame.contentDocument, { url: sample.url }));
  report = value;
  setCleaned(true);
  const n = report.removed.length;
  status.textContent = `${n} element${n === 1 ? "" : "s"} removed in ${ms.toFixed(1)} ms${report.budgetHit ? " (work budget reached)" : ""}.`;
  renderCounts($("counts"), report.counts);
  renderRemovals($("removal-list"), report, outliner);
  $("removals-title").textContent = `Removed (${n})`;
  $("removals-hint").textContent = "Hover or focus an entry to outline it on the page (while the page is cleaned, it comes back for a moment).";
}

function undo() {
  if (!cleaned) return;
  outliner.hide();
  report.undo();
  setCleaned(false);
  status.textContent = "The page is back exactly as it was.";
}

async function read() {
  const { value: article, ms } = timed(() => extract(frame.contentDocument, { url: sample.url, markdown: true }));
  if (!article) {
    status.textContent = "The engine found no article on this page.";
    return;
  }
  status.textContent = `Article found in ${ms.toFixed(1)} ms: ${article.length.toLocaleString("en")} characters, ${article.readingMinutes} min read.`;
  await openReader(article);
}

function show(name) {
  sample = samples.find((s) => s.name === name) ?? samples[0];
  outliner.hide();
  report = null;
  setCleaned(false);
  for (const b of Object.values(buttons)) b.disabled = true;
  for (const a of document.querySelectorAll("#sample-list a")) {
    if (a.dataset.name === sample.name) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  $("sample-title").textContent = sample.title;
  $("sample-title").lang = sample.lang;
  $("sample-desc").textContent = sample.description;
  $("sample-desc").title = sample.description;
  $("removals-title").textContent = "Removed";
  $("counts").replaceChildren();
  $("removal-list").replaceChildren();
  status.textContent = "";
  document.title = `${sample.title} · newsclean samples`;
  frame.src = sample.file;
}

frame.addEventListener("load", async () => {
  await ready;
  if (!sample || !frame.contentDocument?.URL.endsWith(sample.file)) return;
  buttons.clean.disabled = buttons.read.disabled = false;
  frame.dataset.ready = sample.name; // for tests and screenshots
});
buttons.clean.addEventListener("click", clean);
buttons.after.addEventListener("click", clean);
buttons.before.addEventListener("click", undo);
buttons.read.addEventListener("click", read);
addEventListener("hashchange", () => show(location.hash.slice(1)));

samples = await (await fetch("gen/samples.json")).json();
$("sample-list").replaceChildren(
  ...samples.map((s) => {
    const a = document.createElement("a");
    a.href = `#${s.name}`;
    a.dataset.name = s.name;
    const lang = document.createElement("span");
    lang.className = "lang";
    lang.textContent = s.lang;
    const title = document.createElement("span");
    title.className = "title";
    title.lang = s.lang;
    title.textContent = s.title;
    a.append(lang, title);
    const li = document.createElement("li");
    li.append(a);
    return li;
  }),
);
show(location.hash.slice(1));
