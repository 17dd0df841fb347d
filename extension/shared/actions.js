// What the toolbar button, popup, shortcuts and menus do to a tab. Each action
// runs a command in the tab's content module (content/page.js), injecting it
// on first use; activeTab grants the access after a user gesture.
import { ext } from "./browser.js";
import { TAB } from "./messages.js";

export const CONTENT_SCRIPT = "content/content.js";

// Runs in the content script's isolated world. Before content/content.js (the
// bundle of content/page.js, built by mk/extension.mk) is there, it leaves the
// command for the bundle to run when injected and returns null.
function call(command, arg) {
  if (globalThis.newscleanPage) return globalThis.newscleanPage.run(command, arg);
  globalThis.newscleanNext = [command, arg];
  return null;
}

export async function inTab(tabId, command, arg = null) {
  const target = { tabId };
  const now = { injectImmediately: true };
  let [{ result } = {}] = await ext.scripting.executeScript({ target, func: call, args: [command, arg], ...now });
  if (result === null) [{ result } = {}] = await ext.scripting.executeScript({ target, files: [CONTENT_SCRIPT], ...now });
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

export const openReader = (tabId) => inTab(tabId, TAB.READER);
