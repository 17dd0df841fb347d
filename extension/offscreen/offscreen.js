// Chrome's offscreen document: keeps a warm engine for the background, which
// sends it the snapshots of pages whose CSP forbids WASM in the content script,
// and of every page's first click (before the page's own engine is ready).
import { ext, fromOwnExtension } from "../shared/browser.js";
import { MSG } from "../shared/messages.js";
import { loadEngine, warmUp } from "../shared/engine.js";

const engine = loadEngine();
const warm = warmUp().catch(() => false);

ext.runtime.onMessage.addListener((msg, sender, reply) => {
  if (msg?.kind !== MSG.OFFSCREEN_JUDGE || !fromOwnExtension(sender) || sender.tab) return false;
  warm
    .then(() => engine)
    .then((run) => run(msg.op, msg.snapshot, msg.options))
    .then(reply, (e) => reply({ error: String(e) }));
  return true;
});
