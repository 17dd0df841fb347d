// The one module that touches the browser's extension namespace (`browser` in
// Firefox, `chrome` in Chrome; both return promises in MV3). Everything else
// imports `ext` from here.
export const ext = globalThis.browser ?? globalThis.chrome;

export const t = (key, subs) => ext.i18n.getMessage(key, subs) || key;

/** True for messages from this extension's own pages and content scripts. */
export const fromOwnExtension = (sender) => sender?.id === ext.runtime.id;

/** Fills `[data-i18n]` texts and `[data-i18n-title]` tooltips/labels under `root`. */
export function localize(root) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-title]")) {
    el.title = t(el.dataset.i18nTitle);
    el.setAttribute("aria-label", el.title);
  }
}
