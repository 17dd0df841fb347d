// Reading mode: renders an Article from the engine's `extract` (title, byline,
// siteName, publishedTime, lang, dir, content = sanitized HTML, markdown,
// readingMinutes) with its controls. Standalone: the extension's overlay and
// the demo site both use it. Touches no extension API; settings and labels come in.
import { READER_CHOICES, READER_DEFAULTS, READER_LABELS, choiceText } from "./settings.js";
import { READER_CSS } from "./style.js";

export { READER_CSS, READER_DEFAULTS };

// Read aloud block by block: prose, headings, list items, quotes, captions and
// table cells (code is skipped: read out, it is noise).
const SPOKEN = "p, h2, h3, h4, h5, h6, li, blockquote, figcaption, th, td";

/** Gives `root` (a ShadowRoot or Document) the reader's stylesheet. */
export function adoptReaderStyles(root) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(READER_CSS);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/**
 * Builds the reader for `article` into `container`. Options: settings,
 * t(key, n) for labels, onSettings(settings), onClose(). Returns {root, article, close}.
 */
export function mountReader(container, article, opts = {}) {
  const doc = container.ownerDocument;
  const t = opts.t ?? ((key, n) => READER_LABELS[key].replace("$1", n));
  const s = { ...READER_DEFAULTS, ...opts.settings };
  const h = (tag, attrs, ...kids) => {
    const el = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs ?? {})) if (v !== null && v !== undefined) el.setAttribute(k, v);
    el.append(...kids.filter((k) => k !== null && k !== undefined && k !== ""));
    return el;
  };
  const button = (key, onClick, cls) => {
    const b = h("button", { type: "button", class: cls }, t(key));
    b.addEventListener("click", onClick);
    return b;
  };
  const select = (key) => {
    const sel = h("select", {}, ...READER_CHOICES[key].map((v) => h("option", { value: v }, choiceText(key, v, t))));
    sel.value = String(s[key]);
    sel.addEventListener("change", () => {
      s[key] = typeof READER_DEFAULTS[key] === "number" ? Number(sel.value) : sel.value;
      style();
      opts.onSettings?.({ ...s });
    });
    return h("label", {}, t(key), sel);
  };

  const tpl = doc.createElement("template");
  tpl.innerHTML = article.content; // sanitized by the engine's allowlist serializer
  const body = h("div", { class: "nc-body" }, tpl.content);
  const meta = [article.byline, article.publishedTime?.slice(0, 10), t("minutes", article.readingMinutes)];
  const metaLine = h("p", { class: "nc-meta" }, meta.filter(Boolean).join(" · "));
  // The localized date comes a moment later: the first Intl call of a page costs tens of ms.
  setTimeout(() => {
    meta[1] = formatDate(article.publishedTime, article.lang);
    metaLine.textContent = meta.filter(Boolean).join(" · ");
  });
  const main = h(
    "article",
    { class: "nc-article", lang: article.lang, dir: article.dir, tabindex: "-1" },
    article.siteName && h("p", { class: "nc-site" }, article.siteName),
    h("h1", {}, article.title),
    metaLine,
    body,
  );

  // Read aloud, one block at a time, the current one highlighted. The speech
  // service is slow to start, so it is first touched on Play.
  let speech = null;
  let blocks = null;
  let current = -1;
  const play = button("play", () => {
    speech ??= globalThis.speechSynthesis;
    blocks ??= [...body.querySelectorAll(SPOKEN)].filter((b) => !b.querySelector(SPOKEN) && b.textContent.trim());
    const pausing = speech.speaking && !speech.paused;
    if (pausing) speech.pause();
    else if (speech.paused) speech.resume();
    else speak(Math.max(current, 0));
    play.textContent = t(pausing ? "resume" : "pause");
  });
  const mark = (i) => {
    blocks?.[current]?.classList.remove("nc-speaking");
    current = i;
    blocks?.[i]?.classList.add("nc-speaking");
    blocks?.[i]?.scrollIntoView({ block: "center", behavior: "smooth" });
  };
  const speak = (i) => {
    if (i >= blocks.length) return stop();
    mark(i);
    const u = new SpeechSynthesisUtterance(blocks[i].textContent);
    u.lang = article.lang ?? "";
    u.rate = s.rate;
    u.onend = () => current === i && speak(i + 1);
    speech.speak(u);
  };
  const stop = () => {
    mark(-1);
    speech?.cancel();
    play.textContent = t("play");
  };

  const stopButton = button("stop", stop);
  const status = h("span", { class: "nc-status", role: "status" });
  const copy = button("copy", () =>
    navigator.clipboard.writeText(article.markdown).then(
      () => (status.textContent = t("copied")),
      () => (status.textContent = t("copyFailed")),
    ),
  );
  const panel = h("div", { class: "nc-panel", hidden: "" }, ...["font", "size", "lineHeight", "width", "theme"].map(select));
  const toggle = button("settings", () => {
    panel.hidden = !panel.hidden;
    toggle.setAttribute("aria-expanded", String(!panel.hidden));
  });
  Object.assign(toggle, { textContent: "Aa", title: t("settings") });
  toggle.setAttribute("aria-expanded", "false");
  toggle.setAttribute("aria-label", t("settings"));
  const bar = h(
    "div",
    { class: "nc-bar", role: "toolbar", "aria-label": t("dialog") },
    h("span", { class: "nc-group" }, toggle, play, stopButton, select("rate")),
    h("span", { class: "nc-group" }, button("print", () => doc.defaultView.print()), article.markdown && copy, status),
    button("close", () => opts.onClose?.(), "nc-close"),
    panel,
  );
  if (!("speechSynthesis" in globalThis)) for (const b of [play, stopButton]) b.disabled = true;

  const root = h("div", { class: "nc-reader", role: "document", "aria-label": t("dialog") }, bar, main);
  const style = () => {
    Object.assign(root.dataset, { theme: s.theme, font: s.font });
    root.style.setProperty("--size", `${s.size}px`);
    root.style.setProperty("--lh", String(s.lineHeight));
    root.style.setProperty("--width", `${s.width}em`);
  };
  style();
  container.append(root);
  return {
    root,
    article: main,
    close() {
      stop();
      root.remove();
    },
  };
}

function formatDate(value, lang) {
  const date = value ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) return value;
  try {
    return date.toLocaleDateString(lang || undefined, { year: "numeric", month: "long", day: "numeric" });
  } catch {
    return date.toLocaleDateString();
  }
}
