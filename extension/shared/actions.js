// What the toolbar button, popup, shortcuts and menus do to a tab. Each action
// runs a command in the tab's content module (content/page.js), injecting it
// on first use; activeTab grants the access after a user gesture.
import { ext, t } from "./browser.js";
import { READER_LABELS } from "../reader/settings.js";
import { TAB } from "./messages.js";

export const CONTENT_SCRIPT = "content/content.js";
/** Chrome's build: the page's own engine, which the content module asks for after its first click. */
export const ENGINE_SCRIPT = "content/engine.js";

// Runs in the content script's isolated world. Before content/content.js (the
// bundle of content/page.js, built by mk/extension.mk) is there, it leaves the
// command for the bundle to run when injected and returns null. (The bundle
// does nothing when injected again, so whichever of the two runs second runs
// the command.)
function call(command, arg) {
  if (globalThis.newscleanPage) return globalThis.newscleanPage.run(command, arg);
  globalThis.newscleanNext = [command, arg];
  return null;
}

// Tabs whose page this context has seen running the content module. A hint
// only: a page without it answers null and gets it injected.
const loaded = new Set();
ext.tabs.onUpdated.addListener((tabId, change) => change.status === "loading" && loaded.delete(tabId));
ext.tabs.onRemoved.addListener((tabId) => loaded.delete(tabId));

export async function inTab(tabId, command, arg = null) {
  const run = (how) =>
    ext.scripting.executeScript({ target: { tabId }, injectImmediately: true, ...how }).then(([{ result } = {}] = []) => result);
  const command$ = run({ func: call, args: [command, arg] });
  let result;
  if (loaded.has(tabId)) {
    result = await command$;
    if (result === null) result = await run({ files: [CONTENT_SCRIPT] });
  } else {
    // Most likely a first click on this page: inject the module alongside
    // the command rather than after a round trip that finds it missing. If
    // the module was there after all (the popup starts with an empty `loaded`),
    // the command answers and the bundle's answer is not waited for.
    const bundle$ = run({ files: [CONTENT_SCRIPT] });
    bundle$.catch(() => {});
    result = (await command$) ?? (await bundle$);
  }
  loaded.add(tabId);
  return result;
}

export function setBadge(tabId, count) {
  ext.action.setBadgeBackgroundColor?.({ tabId, color: "#2f5d8a" });
  return ext.action.setBadgeText({ tabId, text: count ? String(count) : "" });
}

export async function cleanTab(tabId) {
  const report = await inTab(tabId, TAB.CLEAN);
  setBadge(tabId, report?.removed.length).catch(() => {}); // not awaited: the page is clean already
  return report;
}

export async function undoTab(tabId) {
  await inTab(tabId, TAB.UNDO);
  setBadge(tabId, 0).catch(() => {});
}

// The reader's labels go with the command: in a content script the first
// i18n.getMessage loads the extension's messages over a synchronous IPC
// (10-20 ms measured, on the way to showing the reader).
const readerLabels = () => Object.fromEntries(Object.keys(READER_LABELS).map((k) => [k, t(`reader_${k}`, ["$1"])]));

export const openReader = (tabId) => inTab(tabId, TAB.READER, readerLabels());
