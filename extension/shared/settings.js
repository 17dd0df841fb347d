// Settings in storage.sync, with defaults. `sites` are host names to clean
// automatically; `kinds` the clutter kinds `clean` removes.
import { ext } from "./browser.js";
import { READER_DEFAULTS } from "../reader/settings.js";

export const KINDS = ["ad", "trending", "quick-links", "related", "social", "promo"];
const DEFAULTS = { kinds: KINDS, sites: [], reader: READER_DEFAULTS };

export async function loadSettings() {
  const s = await ext.storage.sync.get(DEFAULTS);
  return { ...s, reader: { ...READER_DEFAULTS, ...s.reader } };
}

export const saveSettings = (patch) => ext.storage.sync.set(patch);

/** The optional host permission that auto-cleaning `host` needs. */
export const sitePattern = (host) => `*://${host}/*`;

/** Adds or removes `host` from the auto-clean list. */
export async function setAutoClean(host, on) {
  const { sites } = await loadSettings();
  const next = sites.filter((s) => s !== host).concat(on ? [host] : []);
  await saveSettings({ sites: next.sort() });
  if (!on) await ext.permissions.remove({ origins: [sitePattern(host)] }).catch(() => false);
}
