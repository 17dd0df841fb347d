// The home page: the Firstpost sample twice, the second cleaned by the
// engine, and cards linking to every sample.
import { clean, ready, timed } from "./engine.js";
import { renderCounts } from "./removals.js";

const $ = (id) => document.getElementById(id);

const loaded = (iframe) =>
  new Promise((ok) => {
    if (iframe.contentDocument?.readyState === "complete" && iframe.contentDocument.URL.endsWith(".html")) ok();
    else iframe.addEventListener("load", ok, { once: true });
  });

async function beforeAfter() {
  const after = $("after-frame");
  await Promise.all([ready, loaded(after)]);
  const { value: report, ms } = timed(() => clean(after.contentDocument));
  const n = report.removed.length;
  $("after-caption").textContent = `${n} elements removed in ${ms.toFixed(1)} ms`;
  $("ba-summary").textContent = "Left as published; right after newsclean’s clean. Scroll either page.";
  renderCounts($("ba-counts"), report.counts);
  after.dataset.cleaned = String(n);
}

async function cards() {
  const samples = await (await fetch("gen/samples.json")).json();
  $("cards").replaceChildren(
    ...samples.map((s) => {
      const a = document.createElement("a");
      a.href = `samples.html#${s.name}`;
      a.innerHTML = '<span class="lang"></span><span class="title"></span><span class="desc"></span>';
      a.querySelector(".lang").textContent = s.lang;
      a.querySelector(".title").textContent = s.title;
      a.querySelector(".title").lang = s.lang;
      a.querySelector(".desc").textContent = s.description.split(":")[0].replace(/\s*\(.*$/, "");
      const li = document.createElement("li");
      li.append(a);
      return li;
    }),
  );
}

await Promise.all([beforeAfter(), cards()]);
