// The form of `dfr serve`, built from the input format's schema (GET /api/form): every
// field of the TOML file, Khmer and English side by side, with the library's problems
// shown at their fields and the contract previewed as it is typed. No build step, no
// framework, nothing fetched from anywhere but this server.
"use strict";

let schema, defs, labels, data, file = null, dirty = false, sequence = 0, timer = null;
// The picker's choice above a commune (a province, a district), kept across rebuilds.
const picks = {};
const $ = (id) => document.getElementById(id);
// In a workspace, the declaration this page edits (none for a new one): every request
// names it, so that two tabs on two couples never write into each other's file.
let workspaceFile = new URLSearchParams(location.search).get("file");
let workspace = false;
const named = (url) => workspaceFile ? url + (url.includes("?") ? "&" : "?") + "file=" + encodeURIComponent(workspaceFile) : url;
// The address of this page without the token: the form of this declaration.
const ownAddress = () => workspace ? (workspaceFile ? "/form?file=" + encodeURIComponent(workspaceFile) : "/form") : "/";

// ---------------------------------------------------------------- words
function label(name) {
  return (labels && labels[name]) || null;
}
// A label in both languages, as spans the language switch shows one of.
function words(name, fallback) {
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
const fieldWords = (key) => words("form_field_" + key.replace(/-/g, "_"), key);
const valueWords = (v) => {
  const l = label("form_value_" + String(v).toLowerCase().replace(/-/g, "_"));
  return l ? `${l.km} · ${l.en}` : v;
};
function say(name) {
  const l = label(name);
  return l ? (document.body.dataset.lang === "en" ? l.en : l.km) : name;
}
// A number as the interface writes it: with Khmer digits in Khmer.
function shownNumber(n) {
  const khmer = document.body.dataset.lang !== "en";
  return khmer ? String(n).replace(/[0-9]/g, (d) => "០១២៣៤៥៦៧៨៩"[d]) : String(n);
}
// A label with a count in it (`{n}`).
function sayN(name, n) {
  return say(name).replace("{n}", shownNumber(n));
}

// A problem that only says a value is not filled in yet: shown as still to fill, not
// as an error, until the user asks for a final copy.
const isToFill = (d) => d.message === "is empty" || d.message.startsWith("missing field") || d.message.startsWith("the date is empty");

// ---------------------------------------------------------------- schema
function resolve(s) {
  while (s && s.$ref) s = defs[s.$ref.replace("#/$defs/", "")];
  return s || {};
}
// [the schema without its `null`, whether it may be left out]
function nullable(s) {
  if (s.anyOf && s.anyOf.length === 2) {
    const some = s.anyOf.filter((x) => x.type !== "null");
    if (some.length === 1) return [some[0], true];
  }
  if (Array.isArray(s.type) && s.type.includes("null")) {
    return [{ ...s, type: s.type.find((t) => t !== "null") }, true];
  }
  return [s, false];
}
const isEnum = (r) => Array.isArray(r.enum) || (Array.isArray(r.oneOf) && r.oneOf.every((o) => o.const !== undefined));
const enumValues = (r) => r.enum || r.oneOf.map((o) => o.const);
const isText = (r) => r.type === "object" && r.properties && r.properties.km && r.properties.en && Object.keys(r.properties).length === 2;
const isAddress = (r) => Array.isArray(r.oneOf) && !isEnum(r);

function blank(s) {
  const [inner, optional] = nullable(s);
  if (optional) return null;
  const r = resolve(inner);
  if (isEnum(r)) return enumValues(r)[0];
  if (isAddress(r)) return { km: "", en: "" };
  switch (r.type) {
    case "object": {
      const o = {};
      for (const [k, p] of Object.entries(r.properties || {})) {
        if ((r.required || []).includes(k)) o[k] = blank(p);
      }
      return o;
    }
    case "array": return [];
    case "string": return "";
    case "integer": case "number": return "";
    case "boolean": return false;
  }
  return null;
}

// The data as the file holds it: optional values left empty are left out.
function clean(s, v) {
  const [inner, optional] = nullable(s);
  const r = resolve(inner);
  if (v === undefined || v === null) return undefined;
  if (isAddress(r)) {
    if ("km" in v || "en" in v) return clean(r.oneOf[0], v);
    return clean(r.oneOf[1], v);
  }
  if (isText(r)) return optional && !v.km && !v.en ? undefined : v;
  if (r.type === "object" && r.properties) {
    const o = {};
    for (const [k, p] of Object.entries(r.properties)) {
      const c = clean(p, v[k]);
      if (c !== undefined) o[k] = c;
    }
    for (const k of Object.keys(v)) if (!(k in r.properties)) o[k] = v[k];
    // An optional group whose typed values are all empty is left out whole (an
    // asset's value with no amount: its currency alone is not a value).
    const typed = Object.entries(r.properties).filter(([, p]) => !isEnum(resolve(nullable(p)[0])));
    const empty = typed.length > 0 && typed.every(([k]) => o[k] === undefined || o[k] === "");
    return optional && (Object.keys(o).length === 0 || empty) ? undefined : o;
  }
  if (r.type === "array") {
    return v.map((x) => clean(r.items, x)).filter((x) => x !== undefined);
  }
  // An empty number or date is left out, so that it reads as not filled in yet (not as
  // a wrong kind of value); an empty text stays, for the rules to name.
  if (v === "") return optional || r.type !== "string" || r.format === "date" ? undefined : v;
  return v;
}

// ---------------------------------------------------------------- fields
function element(tag, props = {}, ...children) {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}
// A field's wrapper: its label, its control and a slot for its problems.
function wrap(path, name, control, id) {
  const div = element("div", { className: "field" });
  div.dataset.path = path;
  const l = element("label", { htmlFor: id }, name);
  div.append(l, control, element("div", { className: "problems" }));
  return div;
}
// Khmer digits typed into a number are the same number: stored with 0–9.
const asciiDigits = (text) => text.replace(/[០-៩]/g, (d) => String(d.charCodeAt(0) - 0x17e0));
// A number as typed: a number when it is one (Khmer digits too), else the text, for the
// library to name what is wrong with it.
const numberOf = (text) => {
  const t = asciiDigits(text).trim();
  return t === "" ? "" : (Number.isFinite(Number(t)) ? Number(t) : t);
};

function input(type, holder, key, path, name, lang) {
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
function select(values, holder, key, path, name, optional) {
  const id = "f-" + path;
  const e = element("select", { id });
  if (optional) e.append(element("option", { value: "" }, "–"));
  for (const v of values) e.append(element("option", { value: v }, valueWords(v)));
  if (holder[key] === undefined && !optional) holder[key] = values[0];
  e.value = holder[key] ?? "";
  e.addEventListener("change", () => {
    holder[key] = e.value === "" ? null : e.value;
    changed();
  });
  return wrap(path, name, e, id);
}
function textPair(holder, key, path, name) {
  if (!holder[key] || typeof holder[key] !== "object") holder[key] = { km: "", en: "" };
  const t = holder[key];
  const div = element("div", { className: "field" });
  div.dataset.path = path;
  const pair = element("div", { className: "pair" });
  pair.append(
    input("text", t, "km", path + ".km", fieldWords("km"), "km"),
    input("text", t, "en", path + ".en", fieldWords("en"), "en"),
  );
  div.append(element("div", { className: "name" }, name), pair, element("div", { className: "problems" }));
  return div;
}

// An address: free text in both languages, or a place of the gazetteer found by name.
function address(r, holder, key, path, name) {
  const box = element("fieldset");
  box.dataset.path = path;
  box.append(element("legend", {}, name));
  if (!holder[key]) holder[key] = { km: "", en: "" };
  const structured = !("km" in holder[key] || "en" in holder[key]);
  const mode = element("select", { id: "f-" + path + ".mode" });
  mode.append(
    element("option", { value: "free" }, say("form_free_text")),
    element("option", { value: "place" }, say("form_gazetteer")),
  );
  mode.value = structured ? "place" : "free";
  mode.addEventListener("change", () => {
    holder[key] = mode.value === "free" ? { km: "", en: "" } : { village: "" };
    build();
    changed();
  });
  box.append(mode);
  if (!structured) {
    box.append(textPair(holder, key, path, fieldWords("address")));
  } else {
    const place = holder[key];
    for (const k of ["house", "street"]) box.append(input("text", place, k, `${path}.${k}`, fieldWords(k)));
    const codeKey = place.commune !== undefined && place.village === undefined ? "commune" : "village";
    const code = input("text", place, codeKey, `${path}.${codeKey}`, fieldWords(codeKey));
    box.append(code);
    const search = element("input", { type: "search", id: "f-" + path + ".search", placeholder: say("form_search_place") });
    const results = element("ul", { className: "places" });
    // Only the answer to the latest search is shown: a late answer to an earlier,
    // shorter search is dropped, never added to a newer one.
    let asked = 0;
    search.addEventListener("input", async () => {
      const q = search.value.trim();
      const mine = ++asked;
      results.replaceChildren();
      if (q.length < 2) return;
      const found = await (await fetch("/api/places?q=" + encodeURIComponent(q))).json();
      if (mine !== asked) return;
      results.replaceChildren();
      for (const p of found) {
        if (p.code.length < 6) continue;
        const b = element("button", { type: "button" }, `${p.code} · ${p.km} · ${p.latin}`);
        b.addEventListener("click", () => {
          delete place.village;
          delete place.commune;
          place[p.code.length === 8 ? "village" : "commune"] = p.code;
          build();
          changed();
        });
        results.append(element("li", {}, b));
      }
    });
    box.append(wrap(path + ".search", say("form_search_place"), search, search.id), results);
    box.append(picker(place, path));
  }
  box.append(element("div", { className: "problems" }));
  return box;
}

// Province → district → commune → village, each a list of the places under the one
// chosen before; the smallest chosen (a commune or a village) is the address's place.
function picker(place, path) {
  const div = element("div", { className: "pair picker" });
  const code = place.village || place.commune || picks[path] || "";
  const levels = ["province", "district", "commune", "village"];
  const selects = levels.map((level) => {
    const id = `f-${path}.pick-${level}`;
    const s = element("select", { id });
    div.append(element("div", {}, element("label", { htmlFor: id }, fieldWords(level)), s));
    return s;
  });
  const fill = async (i, parent, chosen) => {
    const s = selects[i];
    s.replaceChildren(element("option", { value: "" }, "–"));
    if (i > 0 && !parent) return;
    const found = await (await fetch("/api/places?under=" + encodeURIComponent(parent))).json();
    for (const p of found) s.append(element("option", { value: p.code }, `${p.km} · ${p.latin}`));
    s.value = chosen || "";
  };
  selects.forEach((s, i) => {
    s.addEventListener("change", async () => {
      for (let j = i + 1; j < selects.length; j++) await fill(j, j === i + 1 ? s.value : "", "");
      const chosen = selects.map((x) => x.value).filter(Boolean).pop() || "";
      picks[path] = chosen;
      if (chosen.length < 6) return;
      delete place.village;
      delete place.commune;
      place[chosen.length === 8 ? "village" : "commune"] = chosen;
      build();
      changed();
    });
  });
  (async () => {
    for (let i = 0; i < levels.length; i++) {
      await fill(i, i === 0 ? "" : code.slice(0, 2 * i), code.slice(0, 2 * (i + 1)));
    }
  })();
  return div;
}

// Says that an entry was removed, with a button that puts it back.
function offerUndo(what, undo) {
  const button = element("button", { type: "button", id: "undo" }, say("form_undo"));
  button.addEventListener("click", () => {
    undo();
    build();
    changed();
  });
  $("status").replaceChildren(say("form_removed_item").replace("{what}", what) + " ", button);
  undoShown = true;
}
let undoShown = false;

function list(itemSchema, holder, key, path, name) {
  if (!Array.isArray(holder[key])) holder[key] = [];
  const items = holder[key];
  const box = element("fieldset");
  box.dataset.path = path;
  box.append(element("legend", {}, name), element("div", { className: "problems" }));
  items.forEach((item, i) => {
    const itemPath = `${path}[${i + 1}]`;
    const part = render(itemSchema, items, i, itemPath, document.createTextNode(String(i + 1)));
    const tools = element("div", { className: "item-tools" });
    const tool = (labelName, act, disabled) => {
      const b = element("button", { type: "button", disabled }, words(labelName, labelName));
      b.addEventListener("click", () => { act(); build(); changed(); });
      tools.append(b);
    };
    tool("form_up", () => items.splice(i - 1, 0, items.splice(i, 1)[0]), i === 0);
    tool("form_down", () => items.splice(i + 1, 0, items.splice(i, 1)[0]), i === items.length - 1);
    // Removing an entry can be undone (a partner, child, asset or witness is a lot to
    // type again).
    tool("form_remove", () => {
      const [gone] = items.splice(i, 1);
      offerUndo(`${say("form_field_" + key.replace(/-/g, "_"))} ${shownNumber(i + 1)}`, () => items.splice(i, 0, gone));
    }, false);
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
function numbers(holder, key, path, name, optional) {
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
    pair.append(element("div", {}, element("label", { htmlFor: id }, i === 0 ? "1" : "2"), e));
  }
  div.append(element("div", { className: "name" }, name), pair, element("div", { className: "problems" }));
  return div;
}

function render(s, holder, key, path, name) {
  const [inner, optional] = nullable(s);
  const r = resolve(inner);
  if (isText(r)) return textPair(holder, key, path, name);
  if (isAddress(r)) return address(r, holder, key, path, name);
  if (isEnum(r)) return select(enumValues(r), holder, key, path, name, optional);
  if (r.type === "string" && r.format === "date") return input("date", holder, key, path, name);
  if (r.type === "string") return input("text", holder, key, path, name);
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
    box.append(element("legend", {}, name), element("div", { className: "problems" }));
    for (const [k, p] of Object.entries(r.properties || {})) {
      box.append(render(p, holder[key], k, path ? `${path}.${k}` : k, fieldWords(k)));
    }
    return box;
  }
  return element("div");
}

function build() {
  if (!$("sections").querySelector("button.section")) buildSections();
  const form = $("form");
  const root = { root: data };
  form.replaceChildren(...render(schema, root, "root", "", "").querySelectorAll(":scope > fieldset, :scope > .field"));
  data = root.root;
  for (const e of document.querySelectorAll("[data-label]")) e.replaceChildren(words(e.dataset.label, e.dataset.label));
  relevance();
}

// Only the questions that apply are shown: an asset's shares only when both partners
// own it (a hidden value is not sent: see `applicable`).
function relevance() {
  (data.assets || []).forEach((asset, i) => {
    const shares = document.querySelector(`[data-path="assets[${i + 1}].shares"]`);
    if (shares) shares.hidden = asset.owner !== "joint";
  });
}

// The data without the answers to questions that do not apply.
function applicable(value) {
  const copy = JSON.parse(JSON.stringify(value));
  for (const asset of copy.assets || []) {
    if (asset.owner !== "joint") delete asset.shares;
  }
  return copy;
}

// ---------------------------------------------------------------- the summary
// Every answer, part by part, in both languages, with a way back to each part and what
// is still left; the final copy is made from here. Also what is read back to the couple
// before they sign.
function summary() {
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
function answersOf(value, path, rows) {
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

function row(rows, path, km, en) {
  const parts = path.split(".");
  const key = parts.pop().replace(/\[\d+\]$/, "");
  const where = path.match(/\[(\d+)\]/g) || [];
  const name = element("th", {}, fieldWords(key), where.length ? " " + where.map((w) => w.slice(1, -1)).join(".") : "");
  const tr = element("tr", {}, name, element("td", { lang: "km" }, km), element("td", { lang: "en" }, en));
  tr.dataset.answer = path;
  rows.append(tr);
}

// ---------------------------------------------------------------- problems and preview
function showProblems(diagnostics) {
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
    const message = toFill ? say("form_not_filled") : km ? km.message : d.message;
    const hint = toFill ? null : km ? km.hint || d.hint : d.hint;
    const line = element("div", { className: "problem " + (toFill ? "to-fill" : d.severity), role: toFill ? "note" : "alert", lang: km ? "km" : "en" },
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
function buildSections() {
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

function showProgress(diagnostics) {
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
function nextProblem() {
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

async function post(url, body) {
  const response = await fetch(named(url), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status === 403) {
    // dfr was restarted (a new token): the page itself says so, in both languages.
    location.reload();
    return { ok: false, error: "" };
  }
  const json = await response.json().catch(() => ({ error: "no answer" }));
  return { ok: response.ok, ...json };
}

// How long typing must pause before the data is checked and previewed: short enough
// that the pages follow within 150 ms of a pause (README, Performance), long enough
// not to lay out the contract at every keystroke.
const PAUSE_MS = 80;

function changed() {
  dirty = true;
  relevance();
  // A check and a preview are on their way (see `update`); one already in flight is
  // out of date and must not mark the page settled.
  ++sequence;
  document.body.dataset.settled = "false";
  // An offered Undo stays until the next change after it.
  if (undoShown) undoShown = false;
  else status(say("form_unsaved"));
  clearTimeout(timer);
  timer = setTimeout(update, PAUSE_MS);
}

async function update() {
  const mine = ++sequence;
  document.body.dataset.settled = "false";
  const payload = { data: clean(schema, applicable(data)) };
  // Only what was typed is kept in the recovery file (not an untouched new form).
  const checked = await post("/api/check", { ...payload, typed: dirty });
  if (mine !== sequence) return;
  showProblems(checked.diagnostics);
  const preview = await post("/api/preview", payload);
  if (mine !== sequence) return;
  const out = !preview.valid;
  $("outdated").hidden = !out;
  $("pages").classList.toggle("outdated", out);
  if (!out) {
    $("pages").replaceChildren(...preview.pages.map((src, i) => element("img", { src, alt: `page ${i + 1}` })));
    $("pages").dataset.version = String(mine);
    parts = preview.parts || [];
  }
  // Nothing newer is on its way: the page shows the latest check and preview.
  document.body.dataset.settled = String(mine === sequence);
}

// ---------------------------------------------------------------- the part being edited
// Which marked part of the contract (see `PartStart`) prints a field: the template
// set says (its form.toml, sent with the form as `scroll`), the first rule whose
// fields hold the field's key path winning, then the first of its parts the contract has.
let scroll = [];
let parts = [];
let shownPart = null;

// Whether the field at `path` is `field` or under it.
function under(path, field) {
  return path === field || path.startsWith(field + ".") || path.startsWith(field + "[");
}

// Scrolls the preview to where the field at `path` is printed.
function showPart(path) {
  const rule = scroll.find((r) => r.fields.some((field) => under(path, field)));
  if (!rule) return;
  const part = rule.parts.map((key) => key === "top" ? { key, page: 1, y: 0 } : parts.find((p) => p.key === key)).find(Boolean);
  if (!part || part.key === shownPart) return;
  const page = $("pages").children[part.page - 1];
  if (!page) return;
  shownPart = part.key;
  const pane = $("preview-pane");
  const box = page.getBoundingClientRect();
  const top = pane.scrollTop + box.top - pane.getBoundingClientRect().top + part.y * box.height;
  pane.scrollTo({ top: part.key === "top" ? 0 : Math.max(0, top - 24) });
  $("pages").dataset.part = part.key;
}

function status(text) {
  $("status").textContent = text;
}

async function action(kind) {
  const payload = { data: clean(schema, applicable(data)), kind };
  const answer = await post("/api/produce", payload);
  if (answer.diagnostics) showProblems(answer.diagnostics);
  status(answer.wrote ? "✓ " + answer.wrote : "✗ " + (answer.error || ""));
  if (answer.wrote) {
    // The copy opens in the browser, to read or print (served from the folder, with
    // the same token rules as everything else).
    const name = answer.wrote.split(/[\\/]/).pop();
    const link = document.createElement("a");
    // The review copy is shown as a page to read, Khmer beside English.
    link.href = (kind === "review" ? "/read/" : "/files/") + encodeURIComponent(name);
    link.target = "_blank";
    link.rel = "noopener";
    link.id = "open-copy";
    link.textContent = say("form_open_print");
    $("status").append(" ", link);
  }
}

async function save() {
  const payload = { data: clean(schema, applicable(data)) };
  // A new declaration's file name is made from its reference or names by dfr.
  const answer = await post("/api/save", payload);
  if (answer.saved) {
    file = answer.saved;
    if (workspace) {
      workspaceFile = file;
      history.replaceState(null, "", ownAddress());
    }
    dirty = false;
    $("file").textContent = file;
    $("new-file").hidden = true;
    // A new declaration never replaces another one's file: say so when it got a new name.
    status(say("form_saved") + " ✓ " + file + (answer.renamed ? " — " + say("form_saved_renamed") : ""));
  } else {
    status("✗ " + (answer.error || ""));
  }
}

async function start() {
  const lang = localStorage.getItem("dfr-lang") || "km";
  document.body.dataset.lang = lang;
  $("lang").value = lang;
  // The preview follows the field being edited, by keyboard or by pointer.
  $("form").addEventListener("focusin", (event) => {
    const field = event.target.closest("[data-path]");
    if (field) showPart(field.dataset.path);
  });
  $("lang").addEventListener("change", () => {
    document.body.dataset.lang = $("lang").value;
    localStorage.setItem("dfr-lang", $("lang").value);
    build();
    update();
  });
  const answer = await fetch(named("/api/form"));
  if (answer.status === 403) {
    location.reload();
    return;
  }
  const form = await answer.json();
  workspace = Boolean(form.workspace);
  $("back-home").hidden = !workspace;
  // The token has done its work (the cookie carries it now): keep it out of sight.
  history.replaceState(null, "", ownAddress());
  schema = form.schema;
  defs = schema.$defs || {};
  labels = form.labels || {};
  scroll = form.scroll || [];
  // A new declaration starts empty: no invented names, dates or amounts (the starter
  // file's examples are for `dfr new`), with its two partners to fill.
  if (form.source === "starter") {
    form.data = blank(schema);
    const partner = resolve(nullable(schema.properties.partners)[0]).items;
    form.data.partners = [blank(partner), blank(partner)];
  }
  data = form.data;
  file = form.file;
  $("file").textContent = file || "";
  $("new-file").hidden = true;
  $("comments-note").hidden = !form.had_comments;
  build();
  if (form.recovery) {
    // Unsaved changes of an earlier session: offered, never forced.
    $("restore").hidden = false;
    // Until one of the two is chosen, the server keeps the changes, whatever is typed.
    $("restore-yes").addEventListener("click", async () => {
      await post("/api/recovery", { action: "restore" });
      data = form.recovery;
      $("restore").hidden = true;
      build();
      changed();
    });
    $("restore-no").addEventListener("click", async () => {
      await post("/api/recovery", { action: "discard" });
      $("restore").hidden = true;
    });
  }
  $("save").addEventListener("click", save);
  $("next-problem").addEventListener("click", nextProblem);
  $("summary-open").addEventListener("click", summary);
  $("summary-close").addEventListener("click", () => $("summary").close());
  $("summary-final").addEventListener("click", () => {
    $("summary").close();
    action("final");
  });
  for (const kind of ["final", "draft", "review", "redacted"]) {
    $(kind).addEventListener("click", () => action(kind));
  }
  $("diff").addEventListener("click", async () => {
    const answer = await post("/api/diff", { data: clean(schema, applicable(data)) });
    $("diff-text").hidden = false;
    $("diff-text").textContent = answer.text || answer.error || "";
  });
  window.addEventListener("beforeunload", (e) => {
    if (dirty) {
      e.preventDefault();
      e.returnValue = "";
    }
  });
  document.body.dataset.ready = "true";
  update();
}

start();
