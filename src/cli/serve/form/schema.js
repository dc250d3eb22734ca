// The input format's schema, read: what each value may be, an empty declaration, and the data as the file holds it.

import { defs } from "./state.js";

export function resolve(s) {
  while (s && s.$ref) s = defs[s.$ref.replace("#/$defs/", "")];
  return s || {};
}
// [the schema without its `null`, whether it may be left out]
export function nullable(s) {
  if (s.anyOf && s.anyOf.length === 2) {
    const some = s.anyOf.filter((x) => x.type !== "null");
    if (some.length === 1) return [some[0], true];
  }
  if (Array.isArray(s.type) && s.type.includes("null")) {
    return [{ ...s, type: s.type.find((t) => t !== "null") }, true];
  }
  return [s, false];
}
export const isEnum = (r) => Array.isArray(r.enum) || (Array.isArray(r.oneOf) && r.oneOf.every((o) => o.const !== undefined));
export const enumValues = (r) => r.enum || r.oneOf.map((o) => o.const);
export const isText = (r) => r.type === "object" && r.properties && r.properties.km && r.properties.en && Object.keys(r.properties).length === 2;
export const isAddress = (r) => Array.isArray(r.oneOf) && !isEnum(r);

export function blank(s) {
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

// Whether a cleaned value holds nothing typed: left out, an empty text, or a group
// (a text's two languages, an adoption order's court) of such values.
function blankValue(x) {
  if (x === undefined || x === null || x === "") return true;
  if (typeof x === "object" && !Array.isArray(x)) return Object.values(x).every(blankValue);
  return false;
}

// The data as the file holds it: optional values left empty are left out.
export function clean(s, v) {
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
    // A group made only of choices is empty when none is chosen.
    const empty = typed.length > 0 ? typed.every(([k]) => blankValue(o[k])) : Object.values(o).every(blankValue);
    return optional && (Object.keys(o).length === 0 || empty) ? undefined : o;
  }
  if (r.type === "array") {
    return v.map((x) => clean(r.items, x)).filter((x) => x !== undefined);
  }
  // An empty number or date is left out, so that it reads as not filled in yet (not as
  // a wrong kind of value); an empty text stays, for the rules to name.
  if (v === "") return optional || r.type !== "string" || r.format === "date" ? undefined : v;
  // An optional yes-or-no left unticked is not said (an adult child raised by the
  // co-parent is said only when ticked).
  if (optional && r.type === "boolean" && v === false) return undefined;
  return v;
}
