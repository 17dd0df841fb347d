// Reading mode in the page: a closed shadow root (page CSS cannot reach in,
// page scripts cannot see in) holding a modal <dialog> (top layer, the page
// inert behind it) with the reader. Esc or Close returns to the same scroll
// position; printing shows only the article.
import { adoptReaderStyles, mountReader } from "../reader/reader.js";

export function openOverlay(article, settings, { t, onSettings, onClose }) {
  const [x, y] = [scrollX, scrollY];
  const focused = document.activeElement;
  const host = document.createElement("newsclean-reader");
  host.style.cssText = "all: initial !important";
  const shadow = host.attachShadow({ mode: "closed" });
  adoptReaderStyles(shadow);
  const dialog = document.createElement("dialog");
  dialog.className = "nc-dialog";
  shadow.append(dialog);
  const reader = mountReader(dialog, article, { settings, t, onSettings, onClose: close });
  document.documentElement.append(host);
  dialog.showModal();
  reader.article.focus({ preventScroll: true });
  dialog.addEventListener("cancel", (e) => {
    e.preventDefault();
    close();
  });
  host.addEventListener("keydown", (e) => e.stopPropagation()); // page shortcuts do not see reader keys

  // Print: the page's body hidden, the dialog in normal flow, for the print only.
  const body = document.body;
  const display = [body?.style.getPropertyValue("display"), body?.style.getPropertyPriority("display")];
  const hadStyle = body?.hasAttribute("style");
  const beforePrint = () => {
    body?.style.setProperty("display", "none", "important");
    dialog.close();
    dialog.show();
  };
  const afterPrint = () => {
    if (display[0]) body.style.setProperty("display", ...display);
    else body?.style.removeProperty("display");
    if (!hadStyle) body?.removeAttribute("style");
    dialog.close();
    dialog.showModal();
  };
  addEventListener("beforeprint", beforePrint);
  addEventListener("afterprint", afterPrint);

  function close() {
    removeEventListener("beforeprint", beforePrint);
    removeEventListener("afterprint", afterPrint);
    reader.close();
    host.remove();
    scrollTo(x, y);
    focused?.focus?.({ preventScroll: true });
    onClose();
  }
  return { host, close };
}
