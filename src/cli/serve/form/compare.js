// What changed since the saved file, in words staff know: each value by its field's label, each part of the contract by its heading, in the interface's language.

import { $ } from "./state.js";
import { say, sayN, shownNumber } from "./words.js";
import { dayFirst } from "./dates.js";
import { element } from "./fields.js";

const KHMER = /[\u1780-\u17ff]/;

// A key path (`partners[2].occupation.en`) as the form's labels: `ដៃគូ ២ › មុខរបរ › អង់គ្លេស`.
export function pathWords(path) {
  const out = [];
  for (const [, key, index] of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (index) out[out.length - 1] += " " + shownNumber(index);
    else out.push(say("form_field_" + key.replace(/-/g, "_")));
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
  for (const part of parts) {
    const section = element("section", { className: "changed-part" });
    section.append(element("h5", {}, part.heading.filter(mine).join(" ") || part.heading.join(" ")));
    // A change only in the other language (an English occupation) is shown in that one.
    const shown = part.lines.some((l) => mine(l.text)) ? part.lines.filter((l) => mine(l.text)) : part.lines;
    for (const line of shown) {
      section.append(element(line.added ? "ins" : "del", {}, line.text));
    }
    box.append(section);
  }
}
