// Dates as staff write them: day first (15/03/1991 or ១៥/០៣/១៩៩១) whatever the browser's locale, kept as the file holds them (1991-03-15), with the date in words beside the field.

import { asciiDigits, bilingual, khmerDigits, label } from "./words.js";

const pad = (n) => String(n).padStart(2, "0");

// The date typed, as the file holds it (`1991-03-15`): day/month/year with `/`, `.`, `-`
// or spaces between, in Khmer or Latin digits (or the file's own form); "" when nothing
// is typed; null when it is not a day of the calendar.
export function isoDate(typed) {
  const t = asciiDigits(String(typed)).trim();
  if (t === "") return "";
  let y, m, d, found;
  if ((found = /^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{4})$/.exec(t))) [d, m, y] = found.slice(1).map(Number);
  else if ((found = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) [y, m, d] = found.slice(1).map(Number);
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

// A date of the file (`1991-03-15`) as the field shows it: `15/03/1991`; anything else
// (a date mistyped earlier) as it is, for the user to correct.
export function dayFirst(value) {
  const found = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? "");
  return found ? `${found[3]}/${found[2]}/${found[1]}` : (value ?? "");
}

// The date in words in both languages (`ថ្ងៃទី១៥ ខែមីនា ឆ្នាំ១៩៩១`, `15 March 1991`), as
// spans the language switch shows one of; empty for what is not a date.
export function dateWords(iso, into) {
  const found = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!found) return into.replaceChildren();
  const [y, m, d] = found.slice(1).map(Number);
  const month = label("form_month_" + m) || { km: "", en: "" };
  bilingual({ km: `ថ្ងៃទី${khmerDigits(d)} ខែ${month.km} ឆ្នាំ${khmerDigits(y)}`, en: `${d} ${month.en} ${y}` }, into);
}
