// What `clean` removed, as a list (kind, the rule that fired, the start of
// the text), and an outline over the sample frame that shows the element of
// the hovered or focused entry. Presentation only: the report comes from the engine.

/** Fills `list` with the report's removals; `outliner` shows one on hover/focus. */
export function renderRemovals(list, report, outliner) {
  list.replaceChildren(
    ...report.removed.map((r, i) => {
      const li = document.createElement("li");
      li.tabIndex = 0;
      li.dataset.kind = r.kind;
      const kind = span("kind", r.kind);
      const reason = document.createElement("code");
      reason.className = "reason";
      reason.textContent = r.reason;
      const text = span("snippet", r.text.trim() || "(no text: an empty slot)");
      if (!r.text.trim()) text.classList.add("empty");
      li.append(kind, reason, text);
      const show = () => outliner?.show(i, r.kind);
      const hide = () => outliner?.hide();
      li.addEventListener("mouseenter", show);
      li.addEventListener("focus", show);
      li.addEventListener("mouseleave", hide);
      li.addEventListener("blur", hide);
      return li;
    }),
  );
}

/** Chips with the count per kind, in the engine's order. */
export function renderCounts(container, counts) {
  container.replaceChildren(
    ...Object.entries(counts).map(([kind, n]) => {
      const chip = span("chip", `${kind} ${n}`);
      chip.dataset.kind = kind;
      return chip;
    }),
  );
}

/**
 * An outline drawn in `box` (positioned over `iframe`, same box) around an
 * element of the framed page. `report()` gives the current clean report;
 * when the element is not in the page (the page is cleaned), it is put back
 * in place for as long as it is shown.
 */
export function createOutliner(iframe, box, report) {
  let target = null;
  let release = null;
  let frame = 0;
  const place = () => {
    const r = target.getBoundingClientRect();
    Object.assign(box.style, {
      left: `${r.left}px`,
      top: `${r.top}px`,
      width: `${Math.max(r.width, 4)}px`,
      height: `${Math.max(r.height, 4)}px`,
    });
    frame = requestAnimationFrame(place);
  };
  const hide = () => {
    cancelAnimationFrame(frame);
    release?.();
    release = null;
    target = null;
    box.hidden = true;
  };
  return {
    show(i, kind) {
      hide();
      const current = report();
      if (!current) return;
      target = current.elements[i];
      if (!target.isConnected) release = current.peek(i);
      box.dataset.kind = kind;
      box.classList.toggle("peek", release !== null);
      box.hidden = false;
      const win = iframe.contentWindow;
      const r = target.getBoundingClientRect();
      if (r.top < 0 || r.bottom > win.innerHeight) {
        win.scrollTo({ top: win.scrollY + r.top - Math.max(16, (win.innerHeight - r.height) / 2), behavior: "smooth" });
      }
      place();
    },
    hide,
  };
}

function span(className, text) {
  const s = document.createElement("span");
  s.className = className;
  s.textContent = text;
  return s;
}
