// Reading mode in the page: a closed shadow root (page CSS cannot reach in,
// page scripts cannot see in) holding a modal <dialog> (top layer, the page
// inert behind it) with the reader. Esc or Close returns to the same scroll
// position; printing prints only the article.
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

  // Print: a print-only sheet hides the rest of the page (no change to its DOM),
  // and the dialog leaves the top layer so the article flows over pages.
  const printSheet = new CSSStyleSheet();
  printSheet.replaceSync("@media print { :root > :not(newsclean-reader) { display: none !important; } }");
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, printSheet];
  const beforePrint = () => {
    dialog.close();
    dialog.show();
  };
  const afterPrint = () => {
    dialog.close();
    dialog.showModal();
  };
  addEventListener("beforeprint", beforePrint);
  addEventListener("afterprint", afterPrint);

  function close() {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== printSheet);
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
