// What the toolbar button, popup, shortcuts and menus do to a tab. Each action
// runs a command in the tab's content module (content/page.js), injecting it
// on first use; activeTab grants the access after a user gesture.
import { ext } from "./browser.js";
import { TAB } from "./messages.js";

export const CONTENT_SCRIPT = "content/content.js";

// Runs in the content script's isolated world; null until content/content.js
// (the bundle of content/page.js, built by mk/extension.mk) has been injected.
const call = (command, arg) => globalThis.newscleanPage?.run(command, arg) ?? null;

export async function inTab(tabId, command, arg = null) {
  const run = () => ext.scripting.executeScript({ target: { tabId }, func: call, args: [command, arg] });
  let [{ result } = {}] = await run();
  if (result === null) {
    await ext.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT] });
    [{ result } = {}] = await run();
  }
  return result;
}

export function setBadge(tabId, count) {
  ext.action.setBadgeBackgroundColor?.({ tabId, color: "#2f5d8a" });
  return ext.action.setBadgeText({ tabId, text: count ? String(count) : "" });
}

export async function cleanTab(tabId) {
  const report = await inTab(tabId, TAB.CLEAN);
  await setBadge(tabId, report?.removed.length);
  return report;
}

export async function undoTab(tabId) {
  await inTab(tabId, TAB.UNDO);
  await setBadge(tabId, 0);
}

export const openReader = (tabId) => inTab(tabId, TAB.READER);
