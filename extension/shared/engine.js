// The one loader of the WASM engine, for content scripts, the offscreen
// document and Firefox's background page. Resolves to `run(op, snapshot,
// options)`, or to null where the page's CSP forbids compiling WebAssembly
// (Chrome content scripts): the caller then sends the snapshot elsewhere.
// The content-script bundle carries the module's bytes as base64 in
// `globalThis.newscleanWasm` (its isolated world; see mk/extension.mk), so
// pages get no web-accessible files; extension pages fetch the .wasm file.
import init, * as engine from "../engine/newsclean.js";
import { OPS } from "./messages.js";

const EMPTY_MODULE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);

function wasmAllowed() {
  try {
    return new WebAssembly.Module(EMPTY_MODULE) instanceof WebAssembly.Module;
  } catch {
    return false;
  }
}

// Browsers without Uint8Array.fromBase64 (Chrome before 140): a plain loop is
// about 5× faster than Uint8Array.from with a mapping callback (14 against
// 70 ms for the module, measured in Chromium), and this is on the first click.
function decodeBase64(base64) {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let loading;
export function loadEngine() {
  loading ??= (async () => {
    if (!wasmAllowed()) return null;
    const base64 = globalThis.newscleanWasm;
    const bytes = base64 && (Uint8Array.fromBase64?.(base64) ?? decodeBase64(base64));
    await init(bytes ? { module_or_path: bytes } : undefined);
    return (op, ...args) => engine[OPS[op]](...args);
  })().catch(() => null);
  return loading;
}
