// The interface's words: the template set's labels in Khmer and English, numbers as each language writes them.

import { help, labels } from "./state.js";

export function label(name) {
  return (labels && labels[name]) || null;
}
// A text in both languages (`{ km, en }`) as spans in `into` (a new span by default),
// of which the language switch shows one.
export function bilingual(text, into = document.createElement("span")) {
  into.replaceChildren();
  for (const lang of ["km", "en"]) {
    const part = document.createElement("span");
    part.className = lang;
    part.lang = lang;
    part.textContent = text[lang];
    into.append(part);
  }
  return into;
}
// A label in both languages, as spans the language switch shows one of.
export function words(name, fallback) {
  return bilingual(label(name) || { km: fallback, en: fallback });
}
export const fieldWords = (key) => words("form_field_" + key.replace(/-/g, "_"), key);
export const valueWords = (v) => {
  const l = label("form_value_" + String(v).toLowerCase().replace(/-/g, "_"));
  return l ? `${l.km} · ${l.en}` : v;
};
// A choice as the interface's language words it (the select shows one language).
export const valueSay = (v) => {
  const l = label("form_value_" + String(v).toLowerCase().replace(/-/g, "_"));
  return l ? (document.body.dataset.lang === "en" ? l.en : l.km) : v;
};
export function say(name) {
  const l = label(name);
  return l ? (document.body.dataset.lang === "en" ? l.en : l.km) : name;
}
// A number with Khmer digits.
export const khmerDigits = (n) => String(n).replace(/[0-9]/g, (d) => "០១២៣៤៥៦៧៨៩"[d]);
// A number as the interface writes it: with Khmer digits in Khmer.
export function shownNumber(n) {
  return document.body.dataset.lang !== "en" ? khmerDigits(n) : String(n);
}
// A label with a count in it (`{n}`).
export function sayN(name, n) {
  return say(name).replace("{n}", shownNumber(n));
}

// A problem that only says a value is not filled in yet: shown as still to fill, not
// as an error, until the user asks for a final copy.
export const isToFill = (d) => d.message === "is empty" || d.message.startsWith("missing field") || d.message.startsWith("the date is empty");

// Khmer digits typed into a number or a date are the same digits: kept as 0–9.
export const asciiDigits = (text) => text.replace(/[០-៩]/g, (d) => String(d.charCodeAt(0) - 0x17e0));

// The short help of the field at `path` (the template set's form.toml): its path without
// list numbers, else the longest end of it that has help; none for a list's entry.
export function helpFor(path) {
  if (!path || /\]$/.test(path)) return null;
  const parts = path.replace(/\[\d+\]/g, "").split(".");
  for (let i = 0; i < parts.length; i++) {
    const found = help && help[parts.slice(i).join(".")];
    if (found) return found;
  }
  return null;
}
// The help of the field at `path` as a line in both languages (the switch shows one),
// with the id its control is described by; null when it has none.
export function helpLine(path) {
  const found = helpFor(path);
  if (!found) return null;
  const line = bilingual(found, document.createElement("div"));
  line.className = "help";
  line.id = "help-" + path;
  return line;
}
