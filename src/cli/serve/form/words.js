// The interface's words: the template set's labels in Khmer and English, numbers as each language writes them.

import { labels } from "./state.js";

export function label(name) {
  return (labels && labels[name]) || null;
}
// A label in both languages, as spans the language switch shows one of.
export function words(name, fallback) {
  const l = label(name) || { km: fallback, en: fallback };
  const span = document.createElement("span");
  for (const lang of ["km", "en"]) {
    const part = document.createElement("span");
    part.className = lang;
    part.lang = lang;
    part.textContent = l[lang];
    span.append(part);
  }
  return span;
}
export const fieldWords = (key) => words("form_field_" + key.replace(/-/g, "_"), key);
export const valueWords = (v) => {
  const l = label("form_value_" + String(v).toLowerCase().replace(/-/g, "_"));
  return l ? `${l.km} · ${l.en}` : v;
};
export function say(name) {
  const l = label(name);
  return l ? (document.body.dataset.lang === "en" ? l.en : l.km) : name;
}
// A number as the interface writes it: with Khmer digits in Khmer.
export function shownNumber(n) {
  const khmer = document.body.dataset.lang !== "en";
  return khmer ? String(n).replace(/[0-9]/g, (d) => "០១២៣៤៥៦៧៨៩"[d]) : String(n);
}
// A label with a count in it (`{n}`).
export function sayN(name, n) {
  return say(name).replace("{n}", shownNumber(n));
}

// A problem that only says a value is not filled in yet: shown as still to fill, not
// as an error, until the user asks for a final copy.
export const isToFill = (d) => d.message === "is empty" || d.message.startsWith("missing field") || d.message.startsWith("the date is empty");
