// What changed since the saved file, in words staff know: each value by its field's label, each part of the contract by its heading, in the interface's language.

import { $ } from "./state.js";
import { say, sayN, shownNumber } from "./words.js";
import { dayFirst } from "./dates.js";
import { element } from "./fields.js";
import { action } from "../app.js";

const KHMER = /[\u1780-\u17ff]/;

// A key path (`partners[2].occupation.en`) as the form's labels: `ដៃគូ ២ › មុខរបរ › អង់គ្លេស`.
export function pathWords(path) {
  const out = [];
  let last = null;
  for (const [, key, index] of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (index) {
      // One entry of a list in the singular: "Partner 1", not "Partners 1".
      const entry = last && say("form_entry_" + last);
      if (entry && !entry.startsWith("form_")) out[out.length - 1] = entry;
      out[out.length - 1] += " " + shownNumber(index);
    } else {
      last = key.replace(/-/g, "_");
      out.push(say("form_field_" + last));
    }
  }
  return out.join(" › ");
}

// A value as inline TOML, as the form shows it: the texts it holds, a date day first,
// a choice in words; "(empty)" when there is none.
export function valueText(inline) {
  if (inline === null || inline === undefined) return say("form_diff_empty");
  const strings = [...inline.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`));
  if (strings.length === 1 && /^\w[\w-]*$/.test(strings[0])) {
    const choice = say("form_value_" + strings[0].replace(/-/g, "_"));
    if (!choice.startsWith("form_")) return choice;
  }
  if (strings.length) return strings.filter(Boolean).join(" · ") || say("form_diff_empty");
  if (inline === "true" || inline === "false") return say("form_diff_" + inline);
  return shownNumber(dayFirst(inline));
}

// Shows the changes since the saved file (the answer of POST /api/diff), or why there
// are none to show.
export function showChanges(answer) {
  const box = $("diff-view");
  box.hidden = false;
  box.replaceChildren(element("h3", {}, say("form_diff")));
  if (!answer.ok) {
    const why = answer.reason ? "form_refused_" + answer.reason.replace(/-/g, "_") : null;
    box.append(element("p", { className: "problem" }, why ? say(why) : answer.error || ""));
    return;
  }
  const values = answer.values || [], parts = answer.parts || [];
  if (!values.length && !parts.length) {
    box.append(element("p", {}, say("form_diff_same")));
    return;
  }
  box.append(element("h4", {}, sayN("form_diff_values", values.length)));
  const rows = element("table", { className: "changes" });
  rows.append(element("tr", {}, element("th", {}), element("th", {}, say("form_diff_was")), element("th", {}, say("form_diff_now"))));
  for (const v of values) {
    const tr = element("tr", {}, element("th", {}, pathWords(v.path)), element("td", {}, valueText(v.old)), element("td", {}, valueText(v.new)));
    tr.dataset.path = v.path;
    rows.append(tr);
  }
  box.append(rows);
  box.append(element("h4", {}, sayN("form_diff_parts", parts.length)));
  // The contract's lines in the interface's language: Khmer lines in Khmer, English in English.
  const mine = (text) => KHMER.test(text) === (document.body.dataset.lang !== "en");
  const pick = (lines) => lines.filter(mine).join(" ") || lines.join(" ");
  for (const part of parts) {
    const section = element("section", { className: "changed-part" });
    section.dataset.change = part.change;
    section.append(element("h5", {}, pick(part.heading)));
    // A part only renumbered or moved is said in one line, not shown as changed text.
    if (part.change === "renumbered" || part.change === "moved") {
      const note = say("form_diff_" + part.change);
      section.append(element("p", { className: "note" }, part.change === "renumbered" ? `${note}: ${pick(part.was)} → ${pick(part.heading)}` : note));
      box.append(section);
      continue;
    }
    if (part.change === "added" || part.change === "removed") {
      section.append(element("p", { className: "note" }, say("form_diff_part_" + part.change)));
    }
    const text = (line) => line.segments.map((s) => s.text).join("");
    // A change only in the other language (an English occupation) is shown in that one.
    const shown = part.lines.some((l) => mine(text(l))) ? part.lines.filter((l) => mine(text(l))) : part.lines;
    for (const line of shown) {
      // Each line with its changed words marked: removed struck through, added underlined.
      const p = element("p", { className: "changed-line" });
      for (const s of line.segments) {
        p.append(s.kind === "same" ? document.createTextNode(s.text) : element(s.kind === "added" ? "ins" : "del", {}, s.text));
      }
      section.append(p);
    }
    box.append(section);
  }
  // The same changes as a redline PDF, in the contract's own layout.
  const redline = element("button", { id: "redline", type: "button" }, say("form_diff_redline"));
  redline.addEventListener("click", () => action("redline"));
  box.append(element("p", {}, redline));
}
