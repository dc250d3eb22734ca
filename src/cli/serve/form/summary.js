// The summary: every answer part by part, Khmer beside English, with a way back to each part.

import { $, data, schema } from "./state.js";
import { fieldWords, say, sayN, valueWords, words } from "./words.js";
import { applicable, element } from "./fields.js";

// Every answer, part by part, in both languages, with a way back to each part and what
// is still left; the final copy is made from here. Also what is read back to the couple
// before they sign.
export function summary() {
  const body = $("summary-body");
  body.replaceChildren();
  const answers = applicable(data);
  for (const key of Object.keys(schema.properties || {})) {
    const section = element("section");
    section.dataset.section = key;
    const change = element("button", { type: "button", className: "change" }, say("form_change"));
    change.addEventListener("click", () => {
      $("summary").close();
      document.querySelector(`#sections [data-section="${key}"]`).click();
    });
    section.append(element("h3", {}, fieldWords(key), " ", change));
    const rows = element("table");
    answersOf(answers[key], key, rows);
    section.append(rows);
    body.append(section);
  }
  const left = Number($("left").dataset.left || 0);
  $("summary-left").textContent = left ? sayN("form_left", left) : say("form_nothing_left");
  $("summary-final").disabled = left > 0;
  $("summary").showModal();
}

// The rows of the answers under `path`: a label, then the Khmer and the English (or the
// one value).
export function answersOf(value, path, rows) {
  if (value === null || value === undefined || value === "") return;
  if (Array.isArray(value)) {
    if (value.every((x) => typeof x !== "object")) {
      row(rows, path, value.join(" / "), "");
      return;
    }
    value.forEach((x, i) => answersOf(x, `${path}[${i + 1}]`, rows));
    return;
  }
  if (typeof value === "object") {
    const keys = Object.keys(value);
    if (keys.length === 2 && "km" in value && "en" in value) {
      row(rows, path, value.km, value.en);
      return;
    }
    for (const [k, x] of Object.entries(value)) answersOf(x, `${path}.${k}`, rows);
    return;
  }
  const words = valueWords(value);
  const [km, en] = typeof words === "string" && words.includes(" · ") ? words.split(" · ") : [String(value), ""];
  row(rows, path, km, en);
}

export function row(rows, path, km, en) {
  const parts = path.split(".");
  const key = parts.pop().replace(/\[\d+\]$/, "");
  const where = path.match(/\[(\d+)\]/g) || [];
  const name = element("th", {}, fieldWords(key), where.length ? " " + where.map((w) => w.slice(1, -1)).join(".") : "");
  const tr = element("tr", {}, name, element("td", { lang: "km" }, km), element("td", { lang: "en" }, en));
  tr.dataset.answer = path;
  rows.append(tr);
}
