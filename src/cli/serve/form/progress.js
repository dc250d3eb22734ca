// The problems at their fields, the side list of the declaration's parts and what is left to fill or fix.

import { $, data, schema } from "./state.js";
import { fieldWords, isToFill, say, sayN } from "./words.js";
import { element } from "./fields.js";

export function showProblems(diagnostics) {
  for (const slot of document.querySelectorAll(".problems")) slot.replaceChildren();
  // Problems of the whole file are put at the top of the form: cleared like the others.
  for (const stray of document.querySelectorAll("#form > .problem")) stray.remove();
  for (const e of document.querySelectorAll(".has-problem")) e.classList.remove("has-problem");
  for (const d of diagnostics || []) {
    // A key left out is shown at its own field, not at the table that lacks it.
    const missing = /^missing field `([^`]+)`/.exec(d.message);
    const at = missing ? (d.path ? `${d.path}.${missing[1]}` : missing[1]) : d.path;
    let path = at, target = null;
    while (true) {
      target = document.querySelector(`[data-path="${CSS.escape(path)}"]`);
      if (target || path === "") break;
      path = path.replace(/(\[\d+\]|\.?[^.[\]]+)$/, "");
    }
    const slot = target ? target.querySelector(":scope > .problems") : null;
    // In the interface's language: the Khmer where the library words it, else the English.
    const toFill = d.severity === "error" && isToFill(d);
    const km = document.body.dataset.lang !== "en" && (d.km || toFill) ? (d.km || {}) : null;
    // Still to fill: said plainly, in the interface's language, with no file syntax.
    // A date the form could not read is said the way the form takes dates: day first.
    const badDate = !toFill && target && target.querySelector(":scope > input[data-date]") && /is not a plain date|is not a day of the calendar/.test(d.message);
    const message = toFill ? say("form_not_filled")
      : badDate ? say("form_date_wrong").replace("{typed}", target.querySelector("input").value)
      : km ? km.message : d.message;
    const hint = toFill || badDate ? null : km ? km.hint || d.hint : d.hint;
    const line = element("div", { className: "problem " + (toFill ? "to-fill" : d.severity), role: toFill ? "note" : "alert", lang: km || (badDate && document.body.dataset.lang !== "en") ? "km" : "en" },
      message + (hint ? ` (${hint})` : ""));
    line.dataset.for = at;
    if (slot) {
      slot.append(line);
      if (!toFill) target.classList.add("has-problem");
    } else {
      $("form").prepend(line);
    }
  }
  showProgress(diagnostics || []);
}

// ---------------------------------------------------------------- sections and progress
// The side list of the declaration's parts, each with its state: complete, n still to
// fill, or n problems; a click brings the part into view.
export function buildSections() {
  const list = $("sections").querySelector("ol");
  list.replaceChildren();
  for (const key of Object.keys(schema.properties || {})) {
    const link = element("button", { type: "button", className: "section" });
    link.dataset.section = key;
    link.append(element("span", { className: "section-name" }, fieldWords(key)), element("span", { className: "section-state" }));
    link.addEventListener("click", () => {
      const part = document.querySelector(`#form [data-path="${key}"]`);
      if (!part) return;
      part.scrollIntoView({ block: "start" });
      const first = part.querySelector("input, select");
      if (first) first.focus({ preventScroll: true });
    });
    list.append(element("li", {}, link));
  }
}

export function showProgress(diagnostics) {
  const errors = diagnostics.filter((d) => d.severity === "error");
  let left = 0;
  for (const link of document.querySelectorAll("#sections button.section")) {
    const key = link.dataset.section;
    const mine = errors.filter((d) => d.path === key || d.path.startsWith(key + ".") || d.path.startsWith(key + "["));
    const toFill = mine.filter(isToFill).length;
    const problems = mine.length - toFill;
    left += mine.length;
    const state = link.querySelector(".section-state");
    state.textContent = problems ? sayN("form_problems_count", problems) : toFill ? sayN("form_to_fill", toFill) : "✓ " + say("form_section_done");
    link.dataset.state = problems ? "problems" : toFill ? "to-fill" : "done";
  }
  const general = errors.filter((d) => !d.path || !Object.keys(schema.properties || {}).some((k) => d.path === k || d.path.startsWith(k + ".") || d.path.startsWith(k + "["))).length;
  left += general;
  $("left").textContent = left ? sayN("form_left", left) : say("form_nothing_left");
  $("left").dataset.left = String(left);
}

// The next field still to fill or fix after the one with the focus (from the top when
// none has it, round to the top after the last).
export function nextProblem() {
  const lines = [...document.querySelectorAll("#form .problem:not(.warning)")];
  if (!lines.length) return;
  const current = document.activeElement && document.activeElement.closest("[data-path]");
  const after = current ? lines.find((l) => current.compareDocumentPosition(l) & Node.DOCUMENT_POSITION_FOLLOWING && !current.contains(l)) : null;
  const line = after || lines[0];
  const field = line.closest("[data-path]");
  field.scrollIntoView({ block: "center" });
  const control = field.querySelector("input, select");
  if (control) control.focus({ preventScroll: true });
}
