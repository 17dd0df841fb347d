// The reader's stylesheet. Everything hangs off `.nc-reader`, which resets
// every inherited property (`all: initial`) so nothing from a host page leaks in.
export const READER_CSS = String.raw`
.nc-reader {
  all: initial; display: block; box-sizing: border-box; width: 100%; height: 100%; overflow: auto;
  --bg: #fbfaf7; --fg: #1f1f1f; --muted: #636363; --line: #dedbd3; --link: #1c5aa6; --hl: #fff0a8; --bar: #fbfaf7ee;
  background: var(--bg); color: var(--fg); color-scheme: light;
  font: 16px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
}
.nc-reader[data-theme="sepia"] { --bg: #f4ecd8; --fg: #3a2f22; --muted: #6d5d47; --line: #ddd0b3; --link: #7b4a12; --hl: #e9d592; --bar: #f4ecd8ee; }
.nc-reader[data-theme="dark"] { --bg: #1b1c1f; --fg: #e4e1da; --muted: #a09c94; --line: #3a3b40; --link: #8db8ff; --hl: #4a4420; --bar: #1b1c1fee; color-scheme: dark; }
@media (prefers-color-scheme: dark) {
  .nc-reader[data-theme="auto"] { --bg: #1b1c1f; --fg: #e4e1da; --muted: #a09c94; --line: #3a3b40; --link: #8db8ff; --hl: #4a4420; --bar: #1b1c1fee; color-scheme: dark; }
}
/* The extension's full-viewport modal around the reader. */
.nc-dialog { all: initial; display: block; position: fixed; inset: 0; width: 100%; height: 100%; max-width: none; max-height: none; margin: 0; padding: 0; border: 0; }
.nc-dialog:not([open]) { display: none; }
.nc-dialog::backdrop { background: transparent; }
@media print { .nc-dialog { position: static; height: auto; } }
.nc-reader *, .nc-reader *::before, .nc-reader *::after { box-sizing: border-box; }
.nc-bar {
  position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center;
  padding: 8px 16px; background: var(--bar); border-bottom: 1px solid var(--line);
  backdrop-filter: blur(6px); font-size: 13px;
}
.nc-panel { flex-basis: 100%; display: flex; flex-wrap: wrap; gap: 8px 18px; justify-content: center; padding: 6px 0 2px; }
.nc-panel[hidden] { display: none; }
.nc-bar label { display: inline-flex; gap: 7px; align-items: center; color: var(--muted); }
.nc-bar select, .nc-bar button {
  font: inherit; color: var(--fg); background: transparent; border: 1px solid var(--line);
  border-radius: 6px; padding: 3px 8px; min-height: 28px; cursor: pointer;
}
.nc-bar button:hover, .nc-bar select:hover { border-color: var(--muted); }
.nc-bar :focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
.nc-bar .nc-close { margin-left: auto; }
.nc-bar [aria-expanded] { font-family: Georgia, serif; font-weight: 600; }
.nc-bar [aria-expanded="true"] { background: var(--line); }
.nc-group { display: inline-flex; gap: 6px; align-items: center; }
.nc-status { color: var(--muted); min-width: 4em; }
.nc-article {
  max-width: var(--width); margin: 0 auto; padding: 40px 24px 96px; outline: none;
  font-family: var(--font); font-size: var(--size); line-height: var(--lh); overflow-wrap: break-word;
}
.nc-reader[data-font="serif"] { --font: Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, "Noto Serif", "DejaVu Serif", serif; }
.nc-reader[data-font="sans"] { --font: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; }
.nc-reader[data-font="readable"] { --font: OpenDyslexic, "Atkinson Hyperlegible", Lexend, "Comic Sans MS", Verdana, "DejaVu Sans", sans-serif; }
.nc-reader[data-font="readable"] .nc-article { letter-spacing: 0.03em; word-spacing: 0.12em; }
.nc-site { margin: 0; font: 600 12px/1.3 system-ui, sans-serif; letter-spacing: 0.09em; text-transform: uppercase; color: var(--muted); }
.nc-article h1 { font-size: 1.9em; line-height: 1.18; margin: 0.35em 0 0.45em; font-weight: 700; }
.nc-meta { margin: 0 0 2em; padding-bottom: 1.2em; border-bottom: 1px solid var(--line); font: 14px/1.5 system-ui, sans-serif; color: var(--muted); }
.nc-body > * { content-visibility: auto; contain-intrinsic-size: auto 6em; } /* lay out what is on screen first */
.nc-body h2, .nc-body h3, .nc-body h4 { line-height: 1.25; margin: 1.6em 0 0.5em; }
.nc-body p, .nc-body ul, .nc-body ol, .nc-body blockquote, .nc-body table { margin: 0 0 1em; }
.nc-body a { color: var(--link); }
.nc-body img, .nc-body video, .nc-body iframe, .nc-body svg { max-width: 100%; height: auto; border-radius: 3px; }
.nc-body figure { margin: 1.6em 0; }
.nc-body figure > p { margin: 0; } /* a photo wrapped in a paragraph: keep its caption close */
.nc-body figure img { display: block; }
.nc-body figcaption { margin-top: 0.4em; font: 0.8em/1.45 system-ui, sans-serif; color: var(--muted); }
.nc-body blockquote { margin-left: 0; padding-left: 1em; border-left: 3px solid var(--line); font-style: italic; }
.nc-body pre { overflow-x: auto; padding: 0.8em 1em; background: color-mix(in srgb, var(--fg) 6%, transparent); border-radius: 6px; font-size: 0.8em; white-space: pre; }
.nc-body code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; }
.nc-body table { display: block; overflow-x: auto; border-collapse: collapse; font-size: 0.85em; }
.nc-body th, .nc-body td { border: 1px solid var(--line); padding: 0.35em 0.6em; text-align: start; vertical-align: top; }
.nc-speaking { background: var(--hl); box-shadow: 0 0 0 0.25em var(--hl); border-radius: 2px; }
.nc-empty { padding: 80px 24px; text-align: center; color: var(--muted); }
@media print {
  .nc-reader[data-theme] { height: auto; overflow: visible; --bg: #fff; --fg: #000; --muted: #444; --link: #000; --line: #ccc; color-scheme: light; }
  .nc-bar { display: none; }
  .nc-article { max-width: none; padding: 0; }
}
`;
