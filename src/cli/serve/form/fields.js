// The form's fields, built from the schema: texts side by side, choices, dates, lists, numbers (addresses are in places.js).

import { $, data, schema, setData, setUndoShown } from "./state.js";
import { asciiDigits, fieldWords, helpLine, say, shownNumber, valueSay, words } from "./words.js";
import { dateWords, dayFirst, isoDate } from "./dates.js";
import { blank, enumValues, isAddress, isEnum, isText, nullable, resolve } from "./schema.js";
import { buildSections } from "./progress.js";
import { changed } from "../app.js";
import { address } from "./places.js";

// Inputs keep nothing in the browser's form history: a couple's names must not be offered
// to whoever types on this computer next.
export function element(tag, props = {}, ...children) {
  const e = Object.assign(document.createElement(tag), props);
  if (tag === "input" && !("autocomplete" in props)) e.autocomplete = "off";
  e.append(...children);
  return e;
}
// A field's wrapper: its label, its short help, its control and a slot for its problems.
export function wrap(path, name, control, id) {
  const div = element("div", { className: "field" });
  div.dataset.path = path;
  div.append(element("label", { htmlFor: id }, name));
  describe(div, path, [control]);
  div.append(control, element("div", { className: "problems" }));
  return div;
}
// Adds the help of the field at `path` to `box`, describing `controls` to a screen reader.
export function describe(box, path, controls) {
  const help = helpLine(path);
  if (!help) return;
  box.append(help);
  for (const c of controls) c.setAttribute("aria-describedby", help.id);
}
// A number as typed: a number when it is one (Khmer digits too), else the text, for the
// library to name what is wrong with it.
export const numberOf = (text) => {
  const t = asciiDigits(text).trim();
  return t === "" ? "" : (Number.isFinite(Number(t)) ? Number(t) : t);
};

export function input(type, holder, key, path, name, lang) {
  const id = "f-" + path;
  // Numbers are typed as text, so that Khmer digits are taken (a number field drops them).
  const e = element("input", type === "number" ? { type: "text", inputMode: "decimal", id } : { type, id });
  if (type === "number") e.dataset.number = "true";
  if (lang) e.lang = lang;
  const v = holder[key];
  if (type === "checkbox") e.checked = v === undefined ? true : Boolean(v);
  else e.value = v === undefined || v === null ? "" : v;
  e.addEventListener("input", () => {
    if (type === "checkbox") holder[key] = e.checked;
    else if (type === "number") holder[key] = numberOf(e.value);
    // An ID or phone number typed with Khmer digits is kept with 0–9, as the card prints it.
    else if (/(id-document\.number|\.phone)$/.test(path)) holder[key] = asciiDigits(e.value);
    else holder[key] = e.value;
    changed();
  });
  return wrap(path, name, e, id);
}
export function select(values, holder, key, path, name, optional) {
  const id = "f-" + path;
  const e = element("select", { id });
  if (optional) e.append(element("option", { value: "" }, "–"));
  for (const v of values) e.append(element("option", { value: v }, valueSay(v)));
  if (holder[key] === undefined && !optional) holder[key] = values[0];
  e.value = holder[key] ?? "";
  e.addEventListener("change", () => {
    holder[key] = e.value === "" ? null : e.value;
    changed();
  });
  return wrap(path, name, e, id);
}
export function textPair(holder, key, path, name) {
  if (!holder[key] || typeof holder[key] !== "object") holder[key] = { km: "", en: "" };
  const t = holder[key];
  const div = element("div", { className: "field" });
  div.dataset.path = path;
  const pair = element("div", { className: "pair" });
  pair.append(
    input("text", t, "km", path + ".km", fieldWords("km"), "km"),
    input("text", t, "en", path + ".en", fieldWords("en"), "en"),
  );
  div.append(element("div", { className: "name" }, name));
  describe(div, path, pair.querySelectorAll("input"));
  div.append(pair, element("div", { className: "problems" }));
  return div;
}

// A date typed day first (see dates.js), with the date in words beside it once it is one.
export function dateInput(holder, key, path, name) {
  const id = "f-" + path;
  const e = element("input", { type: "text", id, inputMode: "numeric", autocomplete: "off", placeholder: say("form_date_placeholder"), value: dayFirst(holder[key]) });
  e.dataset.date = "true";
  const shown = element("div", { className: "date-words", role: "status" });
  dateWords(isoDate(e.value), shown);
  e.addEventListener("input", () => {
    const iso = isoDate(e.value);
    // What is not a day of the calendar is kept as typed, for the check to name it.
    holder[key] = iso === null ? asciiDigits(e.value).trim() : iso;
    dateWords(iso, shown);
    changed();
  });
  const field = wrap(path, name, e, id);
  field.insertBefore(shown, field.querySelector(":scope > .problems"));
  return field;
}

// The legal parent, chosen by the partner's name (the file holds 1 or 2).
export function partnerChoice(holder, key, path, name) {
  const id = "f-" + path;
  const e = element("select", { id });
  e.dataset.partners = "true";
  e.append(element("option", { value: "" }, "–"));
  for (const n of [1, 2]) e.append(element("option", { value: String(n) }));
  const v = holder[key];
  // A value of the file that is neither partner stays shown, for its problem to be read.
  if (v !== undefined && v !== null && v !== "" && v !== 1 && v !== 2) e.append(element("option", { value: String(v) }, String(v)));
  e.value = v === undefined || v === null ? "" : String(v);
  e.addEventListener("change", () => {
    holder[key] = e.value === "" ? "" : Number(e.value);
    changed();
  });
  partnerNames(e);
  return wrap(path, name, e, id);
}
// Names a partner choice's options after the partners as typed so far.
export function partnerNames(select) {
  for (const option of select.options) {
    const n = Number(option.value);
    if (n !== 1 && n !== 2) continue;
    const partner = (data.partners || [])[n - 1] || {};
    const names = partner.name || {};
    const typed = [names.km, names.en].filter((x) => x && x.trim()).join(" · ");
    option.textContent = say("form_party_" + n) + (typed ? " – " + typed : "");
  }
}
// Says that an entry was removed, with a button that puts it back.
export function offerUndo(what, undo) {
  const button = element("button", { type: "button", id: "undo" }, say("form_undo"));
  button.addEventListener("click", () => {
    undo();
    build();
    changed();
  });
  $("status").replaceChildren(say("form_removed_item").replace("{what}", what) + " ", button);
  setUndoShown(true);
}

// A Remove button that asks first, beside itself: "Remove child 2? Remove / Keep",
// Keep having the focus.
function removeButton(what, remove) {
  const button = element("button", { type: "button", className: "remove" }, words("form_remove", "Remove"));
  button.addEventListener("click", () => {
    const ask = element("span", { className: "confirm", role: "alert" }, say("form_remove_confirm").replace("{what}", what) + " ");
    const yes = element("button", { type: "button", className: "confirm-yes" }, say("form_remove_yes"));
    const no = element("button", { type: "button", className: "confirm-no" }, say("form_remove_no"));
    yes.addEventListener("click", () => { remove(); build(); changed(); });
    no.addEventListener("click", () => { ask.remove(); button.hidden = false; button.focus(); });
    ask.append(yes, " ", no);
    button.hidden = true;
    button.after(ask);
    no.focus();
  });
  return button;
}

export function list(itemSchema, holder, key, path, name) {
  if (!Array.isArray(holder[key])) holder[key] = [];
  const items = holder[key];
  const box = element("fieldset");
  box.dataset.path = path;
  box.append(element("legend", {}, name));
  describe(box, path, [box]);
  box.append(element("div", { className: "problems" }));
  items.forEach((item, i) => {
    const itemPath = `${path}[${i + 1}]`;
    const part = render(itemSchema, items, i, itemPath, document.createTextNode(shownNumber(i + 1)));
    const tools = element("div", { className: "item-tools" });
    const tool = (labelName, act, disabled) => {
      const b = element("button", { type: "button", disabled }, words(labelName, labelName));
      b.addEventListener("click", () => { act(); build(); changed(); });
      tools.append(b);
    };
    tool("form_up", () => items.splice(i - 1, 0, items.splice(i, 1)[0]), i === 0);
    tool("form_down", () => items.splice(i + 1, 0, items.splice(i, 1)[0]), i === items.length - 1);
    // Removing an entry is asked once more, and can be undone (a partner, child, asset
    // or witness is a lot to type again).
    // One entry is named in the singular: "Child 2".
    const what = `${say("form_entry_" + key.replace(/-/g, "_"))} ${shownNumber(i + 1)}`;
    tools.append(removeButton(what, () => {
      const [gone] = items.splice(i, 1);
      offerUndo(what, () => items.splice(i, 0, gone));
    }));
    // A long list stays usable: each entry folds to its first line (the first tool;
    // Remove stays the last).
    const fold = element("button", { type: "button", className: "fold" }, words("form_collapse", "Fold"));
    fold.addEventListener("click", () => part.classList.toggle("collapsed"));
    tools.prepend(fold);
    part.prepend(tools);
    box.append(part);
  });
  const add = element("button", { type: "button", id: "add-" + path }, words("form_add", "Add"));
  add.addEventListener("click", () => {
    items.push(blank(itemSchema));
    build();
    changed();
    const first = document.querySelector(`[data-path="${path}[${items.length}]"] input, [data-path="${path}[${items.length}]"] select`);
    if (first) first.focus();
  });
  box.append(add);
  return box;
}

// Two numbers (a joint asset's shares): percent of partner 1 and partner 2.
export function numbers(holder, key, path, name, optional) {
  const div = element("div", { className: "field" });
  div.dataset.path = path;
  const pair = element("div", { className: "pair" });
  const values = Array.isArray(holder[key]) ? holder[key] : [];
  for (const i of [0, 1]) {
    const id = `f-${path}[${i + 1}]`;
    const e = element("input", { type: "text", inputMode: "numeric", id, value: values[i] ?? "" });
    e.dataset.number = "true";
    e.addEventListener("input", () => {
      const a = $(`f-${path}[1]`).value, b = $(`f-${path}[2]`).value;
      holder[key] = a === "" && b === "" && optional ? null : [numberOf(a), numberOf(b)];
      changed();
    });
    pair.append(element("div", {}, element("label", { htmlFor: id }, say(`form_party_${i + 1}`)), e));
  }
  div.append(element("div", { className: "name" }, name));
  describe(div, path, pair.querySelectorAll("input"));
  div.append(pair, element("div", { className: "problems" }));
  return div;
}

// `loose`: a choice inside an optional group made only of choices (a land title's kind
// and name), which offers "–" so that the group can be left out.
export function render(s, holder, key, path, name, loose) {
  const [inner, optional] = nullable(s);
  const r = resolve(inner);
  if (isText(r)) return textPair(holder, key, path, name);
  if (isAddress(r)) return address(r, holder, key, path, name);
  if (isEnum(r)) return select(enumValues(r), holder, key, path, name, optional || loose);
  if (r.type === "string" && r.format === "date") return dateInput(holder, key, path, name);
  if (r.type === "string") return input("text", holder, key, path, name);
  // The legal parent, and the partner an interpreter translated for, is one of the
  // two partners: chosen by name.
  if (key === "legal-parent" || key === "for-partner") return partnerChoice(holder, key, path, name);
  if (r.type === "integer" || r.type === "number") return input("number", holder, key, path, name);
  if (r.type === "boolean") return input("checkbox", holder, key, path, name);
  if (r.type === "array") {
    const items = resolve(nullable(r.items)[0]);
    if (items.type === "integer" || items.type === "number") return numbers(holder, key, path, name, optional);
    return list(r.items, holder, key, path, name);
  }
  if (r.type === "object") {
    if (holder[key] === undefined || holder[key] === null) holder[key] = {};
    const box = element("fieldset");
    box.dataset.path = path;
    box.append(element("legend", {}, name));
  describe(box, path, [box]);
  box.append(element("div", { className: "problems" }));
    const props = Object.entries(r.properties || {});
    const choices = optional && props.every(([, p]) => isEnum(resolve(nullable(p)[0])));
    for (const [k, p] of props) {
      box.append(render(p, holder[key], k, path ? `${path}.${k}` : k, fieldWords(k), choices));
    }
    return box;
  }
  return element("div");
}

export function build() {
  if (!$("sections").querySelector("button.section")) buildSections();
  const form = $("form");
  const root = { root: data };
  form.replaceChildren(...render(schema, root, "root", "", "").querySelectorAll(":scope > fieldset, :scope > .field"));
  setData(root.root);
  for (const e of document.querySelectorAll("[data-label]")) e.replaceChildren(words(e.dataset.label, e.dataset.label));
  relevance();
}

// The kinds of property that have a land title.
const IMMOVABLE = ["land", "building"];

// Whether a child born on `born` (ISO) is 18 or older on the declaration date; true
// while either date is not filled in, so that the question stays in view.
function adultOn(born, date) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(born || "") || !/^\d{4}-\d{2}-\d{2}$/.test(date || "")) return true;
  const eighteenth = `${Number(born.slice(0, 4)) + 18}${born.slice(4)}`;
  return eighteenth <= date;
}

// What does not apply to `value` (the data, or a copy of it): each as the path of its
// field and the holder and key of its value.
function notApplicable(value) {
  const out = [];
  (value.assets || []).forEach((asset, i) => {
    if (asset.owner !== "joint") out.push([`assets[${i + 1}].shares`, asset, "shares"]);
    if (!IMMOVABLE.includes(asset.kind)) out.push([`assets[${i + 1}].title`, asset, "title"]);
  });
  const date = value.declaration && value.declaration.date;
  (value.children || []).forEach((child, i) => {
    if (child.kind !== "adopted") out.push([`children[${i + 1}].adoption-order`, child, "adoption-order"]);
    if (!adultOn(child["date-of-birth"], date)) out.push([`children[${i + 1}].raised-by-co-parent`, child, "raised-by-co-parent"]);
  });
  for (const list of ["partners", "witnesses"]) {
    (value[list] || []).forEach((person, i) => {
      const doc = person["id-document"];
      if (doc && doc.kind !== "passport") out.push([`${list}[${i + 1}].id-document.issued-by`, doc, "issued-by"]);
    });
  }
  return out;
}

// Only the questions that apply are shown: an asset's shares only when both partners
// own it, a land title only for land and buildings, an adoption order only for an
// adopted child, whether the other partner raised a child only for an adult child, the
// issuing state only for a passport (a hidden value is not sent: see `applicable`).
export function relevance() {
  for (const select of document.querySelectorAll("select[data-partners]")) partnerNames(select);
  for (const e of document.querySelectorAll("[data-path][data-not-applicable]")) {
    e.hidden = false;
    delete e.dataset.notApplicable;
  }
  for (const [path] of notApplicable(data)) {
    const e = document.querySelector(`[data-path="${path}"]`);
    if (e) {
      e.hidden = true;
      e.dataset.notApplicable = "";
    }
  }
}

// The data without the answers to questions that do not apply.
export function applicable(value) {
  const copy = JSON.parse(JSON.stringify(value));
  for (const [, holder, key] of notApplicable(copy)) delete holder[key];
  return copy;
}
