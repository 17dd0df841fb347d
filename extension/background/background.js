// Service worker (Chrome) / event page (Firefox). Wires the shortcut, menus and
// auto-clean registration to the actions, and judges snapshots for pages whose
// CSP forbids WASM in the content script (offscreen document in Chrome).
import { ext, t, fromOwnExtension } from "../shared/browser.js";
import { MSG } from "../shared/messages.js";
import { CONTENT_SCRIPT, ENGINE_SCRIPT, cleanTab, undoTab, openReader, setBadge } from "../shared/actions.js";
import { loadSettings, sitePattern } from "../shared/settings.js";
import { loadEngine } from "../shared/engine.js";

globalThis.newsclean = { cleanTab, undoTab, openReader };

const MENU = { clean: cleanTab, reader: openReader };
const COMMANDS = { "clean-page": cleanTab, "reading-mode": openReader };

ext.runtime.onInstalled.addListener(() => {
  ext.contextMenus.create({ id: "clean", title: t("menuClean"), contexts: ["page"] });
  ext.contextMenus.create({ id: "reader", title: t("menuReader"), contexts: ["page"] });
});
ext.contextMenus.onClicked.addListener((info, tab) => MENU[info.menuItemId]?.(tab.id));
ext.commands.onCommand.addListener((command, tab) => COMMANDS[command]?.(tab.id));

ext.runtime.onMessage.addListener((msg, sender, reply) => {
  if (!fromOwnExtension(sender) || !sender.tab) return false;
  if (msg?.kind === MSG.CLEANED) setBadge(sender.tab.id, msg.count);
  if (msg?.kind === MSG.ENGINE) {
    const target = { tabId: sender.tab.id, frameIds: [sender.frameId] };
    ext.scripting.executeScript({ target, files: [ENGINE_SCRIPT] }).then(() => reply(true), () => reply(false));
    return true;
  }
  if (msg?.kind !== MSG.JUDGE) return false;
  judgeOffPage(msg).then(reply, (e) => reply({ error: String(e) }));
  return true;
});

async function judgeOffPage(msg) {
  if (!ext.offscreen) return (await loadEngine())(msg.op, msg.snapshot, msg.options);
  const send = () => ensureOffscreen().then(() => ext.runtime.sendMessage({ ...msg, kind: MSG.OFFSCREEN_JUDGE }));
  // Chrome can close the document (or it can crash) while this worker remembers it.
  return send().catch(() => {
    offscreen = null;
    return send();
  });
}

// Created whenever the worker starts, so that a warm engine waits for the
// next first click (the document outlives the worker).
let offscreen;
if (ext.offscreen) ensureOffscreen().catch(() => {});
function ensureOffscreen() {
  offscreen ??= ext.offscreen
    .createDocument({
      url: "offscreen/offscreen.html",
      reasons: ["DOM_PARSER"],
      justification: "Runs the cleaning engine on page snapshots: a page's first click, and pages that forbid WebAssembly.",
    })
    .catch(async (e) => {
      const open = await ext.runtime.getContexts({ contextTypes: ["OFFSCREEN_DOCUMENT"] });
      if (!open.length) throw e; // not "already exists": a real failure
    });
  return offscreen.catch((e) => {
    offscreen = null;
    throw e;
  });
}

// Auto-clean: one dynamic content script for the listed sites we hold permission for.
async function syncAutoClean() {
  const { sites } = await loadSettings();
  const allowed = [];
  for (const host of sites) {
    if (await ext.permissions.contains({ origins: [sitePattern(host)] })) allowed.push(sitePattern(host));
  }
  await ext.scripting.unregisterContentScripts({ ids: ["auto"] }).catch(() => {});
  if (allowed.length) {
    await ext.scripting.registerContentScripts([
      { id: "auto", matches: allowed, js: [CONTENT_SCRIPT], runAt: "document_idle" },
    ]);
  }
}
let syncing = Promise.resolve();
const resync = () => (syncing = syncing.then(syncAutoClean, syncAutoClean));
ext.storage.onChanged.addListener((changes) => changes.sites && resync());
ext.permissions.onAdded.addListener(resync);
ext.permissions.onRemoved.addListener(resync);
ext.runtime.onStartup.addListener(resync);
ext.runtime.onInstalled.addListener(resync);
