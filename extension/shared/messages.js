// Every message kind, in one place. Runtime messages are accepted only from
// this extension's own contexts (sender.id); web pages cannot send them.
export const MSG = Object.freeze({
  /** content -> background: {op, snapshot, options}; the page's CSP forbids WASM, judge it elsewhere. */
  JUDGE: "judge",
  /** background -> offscreen document (Chrome): the same request. */
  OFFSCREEN_JUDGE: "offscreen-judge",
  /** content -> background (Chrome): inject content/engine.js, the page's own engine, into the sender's frame. */
  ENGINE: "engine",
  /** content -> background: {count}; the page cleaned itself (auto-clean), update the badge. */
  CLEANED: "cleaned",
});

/** Commands the background and popup run in a tab's content module (scripting.executeScript). */
export const TAB = Object.freeze({
  CLEAN: "clean", // -> report {removed: [{kind, reason, text}], counts}
  UNDO: "undo", // -> true
  READER: "reader", // -> {open: true} | {open: false, reason}
  REPORT: "report", // -> report of everything removed so far
});

/** Port names. popup -> tab "highlight": post a removal's index (-1: none); disconnecting clears it. */
export const PORT = Object.freeze({ HIGHLIGHT: "highlight" });

/** Ops the engine runs on a snapshot, wherever it runs. */
export const OPS = Object.freeze({ clean: "cleanSnapshot", extract: "extractSnapshot" });
