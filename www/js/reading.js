// Reading mode in the demo: the extension's own reader (copied into gen/ at
// build time), shown as a full-window dialog or inline, in a shadow root so
// the demo's CSS and the reader's stay apart. Settings persist locally.
import { adoptReaderStyles, mountReader } from "../gen/reader/reader.js";

const KEY = "newsclean-demo-reader";

function loadSettings() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) ?? {};
  } catch {
    return {};
  }
}
const saveSettings = (s) => localStorage.setItem(KEY, JSON.stringify(s));

/** Opens `article` in a modal reader over the page; resolves when closed. */
export function openReader(article) {
  return new Promise((done) => {
    const host = document.createElement("div");
    host.className = "reader-host";
    const shadow = host.attachShadow({ mode: "open" });
    adoptReaderStyles(shadow);
    const dialog = document.createElement("dialog");
    dialog.className = "nc-dialog";
    shadow.append(dialog);
    const focused = document.activeElement;
    const close = () => {
      reader.close();
      host.remove();
      document.documentElement.classList.remove("reading");
      focused?.focus?.({ preventScroll: true });
      done();
    };
    const reader = mountReader(dialog, article, { settings: loadSettings(), onSettings: saveSettings, onClose: close });
    document.body.append(host);
    document.documentElement.classList.add("reading");
    dialog.showModal();
    reader.article.focus({ preventScroll: true });
    dialog.addEventListener("cancel", (e) => {
      e.preventDefault();
      close();
    });
  });
}

/** Renders `article` with the reader inside `container` (no Close button). */
export function mountInlineReader(container, article) {
  const shadow = container.shadowRoot ?? container.attachShadow({ mode: "open" });
  shadow.replaceChildren();
  shadow.adoptedStyleSheets = [];
  adoptReaderStyles(shadow);
  const inline = new CSSStyleSheet();
  inline.replaceSync(".nc-close { display: none; }");
  shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, inline];
  return mountReader(shadow, article, { settings: loadSettings(), onSettings: saveSettings });
}
