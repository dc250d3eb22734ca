// Addresses: free text in both languages, or a place of the gazetteer found by name or picked province → village, its code shown and never typed.

import { picks } from "./state.js";
import { fieldWords, say } from "./words.js";
import { build, describe, element, input, textPair, wrap } from "./fields.js";
import { changed } from "../app.js";

// An address: free text in both languages, or a place of the gazetteer found by name.
export function address(r, holder, key, path, name) {
  const box = element("fieldset");
  box.dataset.path = path;
  box.append(element("legend", {}, name));
  describe(box, path, [box]);
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
    box.append(chosenPlace(place, codeKey, `${path}.${codeKey}`));
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
      const found = await places("/api/places?q=" + encodeURIComponent(q));
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

// The place an address names, as chosen below (never typed): its code, read only, and
// its name in both scripts.
export function chosenPlace(place, key, path) {
  const id = "f-" + path;
  const value = place[key];
  const code = typeof value === "string" ? value : "";
  const e = element("input", { type: "text", id, readOnly: true, value: code });
  const field = wrap(path, fieldWords(key), e, id);
  const name = element("div", { className: "place-name" });
  if (value && typeof value === "object") name.textContent = Object.values(value).join(", ");
  field.insertBefore(name, field.querySelector(":scope > .problems"));
  if (/^\d{6}(\d{2})?$/.test(code)) {
    places("/api/places?q=" + code).then((found) => {
      const p = found.find((x) => x.code === code);
      if (p) name.textContent = `${p.km} · ${p.latin}`;
    });
  }
  return field;
}

// The gazetteer's answers, asked once per page: adding, moving or removing an entry
// builds the form again, and its place lists must not be fetched again.
const placeAnswers = new Map();
export function places(url) {
  if (!placeAnswers.has(url)) {
    placeAnswers.set(url, fetch(url).then((r) => r.json()).catch((e) => {
      placeAnswers.delete(url);
      throw e;
    }));
  }
  return placeAnswers.get(url);
}

// Province → district → commune → village, each a list of the places under the one
// chosen before; the smallest chosen (a commune or a village) is the address's place.
export function picker(place, path) {
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
    const found = await places("/api/places?under=" + encodeURIComponent(parent));
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
