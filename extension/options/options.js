// Options: auto-clean sites, the kinds `clean` removes, reading-mode defaults,
// the keyboard shortcuts. Every change is saved at once.
import { ext, t, localize } from "../shared/browser.js";
import { KINDS, loadSettings, saveSettings, setAutoClean, sitePattern } from "../shared/settings.js";
import { READER_CHOICES, choiceText } from "../reader/settings.js";

const $ = (id) => document.getElementById(id);
localize(document);

function field(label, input) {
  const wrap = document.createElement("label");
  wrap.append(input, " ", label);
  return wrap;
}

async function render() {
  const s = await loadSettings();
  $("sites").replaceChildren(
    ...s.sites.map((host) => {
      const li = document.createElement("li");
      const remove = Object.assign(document.createElement("button"), { type: "button", textContent: t("optRemove") });
      remove.setAttribute("aria-label", `${t("optRemove")} ${host}`);
      remove.addEventListener("click", () => setAutoClean(host, false).then(render));
      li.append(host, " ", remove);
      return li;
    }),
  );
  $("kinds").replaceChildren(
    ...KINDS.map((kind) => {
      const box = Object.assign(document.createElement("input"), { type: "checkbox", checked: s.kinds.includes(kind) });
      box.addEventListener("change", () => {
        const kinds = KINDS.filter((k) => (k === kind ? box.checked : s.kinds.includes(k)));
        saveSettings({ kinds }).then(render);
      });
      return field(t(`kind_${kind.replace("-", "_")}`), box);
    }),
  );
  $("reader").replaceChildren(
    ...Object.entries(READER_CHOICES).map(([key, values]) => {
      const select = document.createElement("select");
      for (const v of values) select.append(new Option(choiceText(key, v, (k) => t(`reader_${k}`)), v));
      select.value = String(s.reader[key]);
      select.addEventListener("change", () => {
        const value = typeof values[0] === "number" ? Number(select.value) : select.value;
        saveSettings({ reader: { ...s.reader, [key]: value } });
      });
      const wrap = document.createElement("label");
      wrap.append(t(`reader_${key}`), " ", select);
      return wrap;
    }),
  );
  const commands = await ext.commands.getAll();
  $("shortcuts").replaceChildren(
    ...commands.map((c) => Object.assign(document.createElement("li"), { textContent: `${c.description || t("cmdPopup")}: ${c.shortcut || t("optNoShortcut")}` })),
  );
}

$("add").addEventListener("submit", async (e) => {
  e.preventDefault();
  const host = $("site").value.trim().toLowerCase();
  const granted = ext.permissions.request({ origins: [sitePattern(host)] }); // inside the gesture
  if (await granted) await setAutoClean(host, true);
  $("site").value = "";
  render();
});
render();
