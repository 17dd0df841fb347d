// Reading-mode settings: defaults and the choices the controls offer.
export const READER_CHOICES = {
  font: ["serif", "sans", "readable"],
  size: [16, 18, 20, 22, 24, 28],
  lineHeight: [1.4, 1.6, 1.8, 2],
  width: [32, 38, 44, 52],
  theme: ["auto", "light", "sepia", "dark"],
  rate: [0.75, 1, 1.25, 1.5, 2],
};

export const READER_DEFAULTS = { font: "serif", size: 20, lineHeight: 1.6, width: 38, theme: "auto", rate: 1 };

/** The reader's labels in English (the extension localizes them: `reader_<key>` messages). "$1": a number. */
export const READER_LABELS = {
  dialog: "Reading mode", settings: "Reading settings", font: "Font", serif: "Serif", sans: "Sans",
  readable: "Easy-read", size: "Size", lineHeight: "Spacing", width: "Width", theme: "Theme",
  auto: "System", light: "Light", sepia: "Sepia", dark: "Dark", rate: "Speed", play: "Read aloud",
  pause: "Pause", resume: "Resume", stop: "Stop", print: "Print", copy: "Copy Markdown",
  copied: "Copied", copyFailed: "Copy failed", close: "Close", minutes: "$1 min read",
};

const UNITS = { size: "px", width: "em", rate: "×", lineHeight: "" };

/** What a control shows for `value`: numbers with their unit, names through `t`. */
export const choiceText = (key, value, t) => (typeof value === "number" ? `${value}${UNITS[key]}` : t(value));
