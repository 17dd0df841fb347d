// The popup: opening it is the one click. It cleans the tab, lists what went
// (grouped by kind, hover or focus outlines it in the page), and offers Undo,
// Reading mode and "Always clean this site".
import { ext, t, localize } from "../shared/browser.js";
import { PORT } from "../shared/messages.js";
import { cleanTab, undoTab, openReader } from "../shared/actions.js";
import { KINDS, loadSettings, setAutoClean, sitePattern } from "../shared/settings.js";

const $ = (id) => document.getElementById(id);
localize(document);
const [tab] = await ext.tabs.query({ active: true, lastFocusedWindow: true });
const host = URL.canParse(tab?.url) ? new URL(tab.url).hostname : "";
const status = (key, n) => ($("status").textContent = t(key, n === undefined ? undefined : [String(n)]));

function show({ removed }) {
  status(removed.length ? "removedCount" : "nothingRemoved", removed.length);
  const groups = KINDS.map((kind) => {
    const items = removed.map((r, i) => ({ ...r, i })).filter((r) => r.kind === kind);
    if (!items.length) return "";
    const section = document.createElement("section");
    const title = section.appendChild(document.createElement("h2"));
    title.textContent = `${t(`kind_${kind.replace("-", "_")}`)} (${items.length})`;
    const list = section.appendChild(document.createElement("ul"));
    for (const { text, reason, i } of items) {
      const li = list.appendChild(document.createElement("li"));
      li.tabIndex = 0;
      li.append(Object.assign(document.createElement("q"), { textContent: text || "…" }));
      li.append(Object.assign(document.createElement("small"), { textContent: reason }));
      const outline = (index) => () => (port ??= ext.tabs.connect(tab.id, { name: PORT.HIGHLIGHT })).postMessage(index);
      for (const on of ["mouseenter", "focus"]) li.addEventListener(on, outline(i));
      for (const off of ["mouseleave", "blur"]) li.addEventListener(off, outline(-1));
    }
    return section;
  });
  $("groups").replaceChildren(...groups);
}

let port = null;
const controls = ["reader", "undo", "always"].map($);
try {
  show(await cleanTab(tab.id));
} catch {
  status("cannotClean");
  for (const c of controls) c.disabled = true;
}

$("undo").addEventListener("click", async () => {
  await undoTab(tab.id);
  $("groups").replaceChildren();
  status("undone");
});
$("reader").addEventListener("click", async () => {
  const result = await openReader(tab.id);
  if (result?.open) close();
  else status("noArticle");
});
$("always").checked = (await loadSettings()).sites.includes(host);
$("always").addEventListener("change", async (e) => {
  const on = e.target.checked;
  // Ask inside the click (a user gesture); the background registers the script once granted.
  const granted = on ? ext.permissions.request({ origins: [sitePattern(host)] }) : Promise.resolve(false);
  await setAutoClean(host, on);
  if (on && !(await granted)) {
    e.target.checked = false;
    await setAutoClean(host, false);
  }
});
