// Chrome's offscreen document: runs the engine on snapshots sent by the
// background for pages whose CSP forbids WASM in the content script.
import { ext, fromOwnExtension } from "../shared/browser.js";
import { MSG } from "../shared/messages.js";
import { loadEngine } from "../shared/engine.js";

const engine = loadEngine();

ext.runtime.onMessage.addListener((msg, sender, reply) => {
  if (msg?.kind !== MSG.OFFSCREEN_JUDGE || !fromOwnExtension(sender) || sender.tab) return false;
  engine
    .then((run) => run(msg.op, msg.snapshot, msg.options))
    .then(reply, (e) => reply({ error: String(e) }));
  return true;
});
