// The workspace's home page: every declaration of the folder, searchable in both
// scripts, with New, Open, Duplicate, Remove (moved to `removed/`) and Put back.
"use strict";

const $ = (id) => document.getElementById(id);

// The page's own words, in both languages (the contract's words come from the
// template set; these are the home page's).
const WORDS = {
  open: ["បើក", "Open"],
  duplicate: ["ចម្លងជាសេចក្ដីថ្លែងថ្មី", "Duplicate"],
  remove: ["ដកចេញ", "Remove"],
  putBack: ["ដាក់ត្រឡប់វិញ", "Put back"],
  problems: ["នៅមានបញ្ហា {n}", "{n} problems to fix"],
  ready: ["រួចរាល់", "ready"],
  finalCopy: ["បានធ្វើច្បាប់ចុងក្រោយ {date}", "final copy made {date}"],
  and: [" និង ", " and "],
  ask: ["ដកសេចក្ដីថ្លែងរបស់ {names} ({file}) ចេញឬ? ឯកសារ និងច្បាប់ចម្លងរបស់វា នឹងត្រូវដាក់ក្នុងថត removed ហើយអាចដាក់ត្រឡប់វិញបាន។",
        "Remove the declaration of {names} ({file})? It and its copies are moved to the folder removed, from which they can be put back."],
  removed: ["បានដកចេញ៖ {file}", "Removed: {file}"],
  duplicated: ["បានចម្លងជា {file}", "Duplicated as {file}"],
  putBackDone: ["បានដាក់ត្រឡប់វិញ៖ {file}", "Put back: {file}"],
  folder: ["ថត៖ {folder}", "Folder: {folder}"],
  synced: ["ប្រយ័ត្ន៖ ថតនេះស្ថិតក្នុង {service} ដែលចម្លងសេចក្ដីថ្លែងនីមួយៗទៅម៉ាស៊ីនមេរបស់ {service} និងឧបករណ៍ផ្សេងទៀត។ សូមរក្សាទុកសេចក្ដីថ្លែងក្នុងថតដែលមិនធ្វើសមកាលកម្ម។",
    "Careful: this folder is inside {service}, which copies every declaration to {service}'s servers and to other devices. Keep the declarations in a folder that is not synced."],
  noName: ["(គ្មានឈ្មោះ)", "(no name)"],
  opening: ["កំពុងបើក…", "Opening…"],
  wrong: ["ពាក្យសម្ងាត់នេះមិនបើកថតនេះទេ។ សូមវាយម្ដងទៀត៖ អក្សរធំ ដកឃ្លា និងភាសាក្ដារចុចសំខាន់ទាំងអស់។",
    "This passphrase does not open this workspace. Type it again: capitals, spaces and the keyboard's language all count."],
  empty: ["សូមវាយពាក្យសម្ងាត់។", "Type a passphrase."],
  differ: ["ពាក្យសម្ងាត់ទាំងពីរមិនដូចគ្នាទេ។", "The two passphrases differ."],
  veryWeak: ["ខ្សោយណាស់៖ ងាយទាយ។ សូមប្រើ ១២ តួអក្សរឡើងទៅ ឬ ៤ ពាក្យ។", "Very weak: easy to guess. Use 12 characters or more, or four words."],
  weak: ["ខ្សោយ៖ សូមប្រើ ១២ តួអក្សរឡើងទៅ ឬ ៤ ពាក្យ។", "Weak: use 12 characters or more, or four words."],
  fair: ["ល្មម៖ បន្ថែមពាក្យមួយទៀត នឹងធ្វើឱ្យវារឹងមាំជាងនេះ។", "Fair: one more word makes it stronger."],
  strong: ["រឹងមាំ។ សូមចងចាំវា៖ គ្មាននរណាអាចរកវាឃើញវិញបានទេ។", "Strong. Remember it: nobody can find it again for you."],
  encrypting: ["កំពុងអ៊ិនគ្រីប…", "Encrypting…"],
  converted: ["ថតនេះត្រូវបានអ៊ិនគ្រីបហើយ (ឯកសារ {n})។", "This workspace is encrypted now ({n} files)."],
  renewed: ["បានប្ដូរពាក្យសម្ងាត់ហើយ។", "The passphrase is changed."],
  plainFound: ["ឯកសារមិនអ៊ិនគ្រីប {n} ដែលបានដាក់ក្នុងថតនេះ ត្រូវបានអ៊ិនគ្រីបហើយ។", "{n} plain files put into this folder were encrypted."],
};

function lang() {
  return document.body.dataset.lang === "en" ? 1 : 0;
}

// Numbers in the Khmer interface are written with Khmer digits.
const khmerDigits = (text) => String(text).replace(/[0-9]/g, (d) => "០១២៣៤៥៦៧៨៩"[d]);

// A date (and time) as staff write it, day first, with Khmer digits in Khmer:
// 2026-11-21 → 21/11/2026, ២១/១១/២០២៦.
function dayFirst(iso) {
  const m = /^(\d{4})-(\d\d)-(\d\d)(.*)$/.exec(iso || "");
  const text = m ? `${m[3]}/${m[2]}/${m[1]}${m[4]}` : (iso || "");
  return lang() === 0 ? khmerDigits(text) : text;
}

function say(key, values = {}) {
  return WORDS[key][lang()].replace(/\{(\w+)\}/g, (_, k) => {
    const value = values[k] ?? "";
    return lang() === 0 && typeof value === "number" ? khmerDigits(value) : value;
  });
}

let listing = { declarations: [], removed: [] };

// What kind of workspace this is (GET /api/workspace): encrypted, locked, empty, and
// after how many seconds unused the form locks itself.
let vault = { encrypted: false, locked: false, empty: false, lock_after: 900 };

async function post(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status === 403) {
    location.reload();
    return { ok: false };
  }
  if (response.status === 423) {
    lockedView(false);
    return { ok: false };
  }
  const json = await response.json().catch(() => ({ error: "no answer" }));
  return { ok: response.ok, ...json };
}

function names(entry, script) {
  const list = entry.partners.map((p) => p[script]).filter(Boolean);
  return list.join(WORDS.and[script === "km" ? 0 : 1]);
}

function button(text, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.addEventListener("click", onClick);
  return b;
}

function cell(row, text, lang) {
  const td = document.createElement("td");
  if (Array.isArray(text)) {
    for (const [t, l] of text) {
      const span = document.createElement("span");
      span.textContent = t;
      span.lang = l;
      span.className = "names";
      td.append(span);
    }
  } else {
    td.textContent = text ?? "";
    if (lang) td.lang = lang;
  }
  row.append(td);
  return td;
}

function state(entry) {
  if (entry.final_copy) return say("finalCopy", { date: dayFirst(entry.final_copy) });
  if (entry.ready) return say("ready");
  return say("problems", { n: entry.problems });
}

function matches(entry, query) {
  if (!query) return true;
  const hay = [entry.reference, entry.file, ...entry.partners.flatMap((p) => [p.km, p.en])]
    .join(" ")
    .toLowerCase();
  return query.toLowerCase().split(/\s+/).filter(Boolean).every((word) => hay.includes(word));
}

function render() {
  const query = $("search").value.trim();
  const body = $("declarations").querySelector("tbody");
  body.replaceChildren();
  const shown = listing.declarations.filter((e) => matches(e, query));
  for (const entry of shown) {
    const row = document.createElement("tr");
    row.dataset.file = entry.file;
    cell(row, entry.reference || entry.file);
    cell(row, [[names(entry, "km") || say("noName"), "km"], [names(entry, "en"), "en"]]);
    cell(row, dayFirst(entry.date));
    cell(row, state(entry)).className = entry.final_copy ? "state final" : entry.ready ? "state ready" : "state problems";
    cell(row, dayFirst(entry.changed));
    const tools = cell(row, "");
    tools.className = "row-tools";
    const open = document.createElement("a");
    open.className = "button open";
    open.href = "/form?file=" + encodeURIComponent(entry.file);
    open.textContent = say("open");
    tools.append(open);
    tools.append(button(say("duplicate"), () => duplicate(entry)));
    const remove = button(say("remove"), () => confirmRemove(entry));
    remove.className = "remove";
    tools.append(remove);
    body.append(row);
  }
  $("none").hidden = listing.declarations.length > 0;
  const removed = $("removed-list").querySelector("tbody");
  removed.replaceChildren();
  for (const entry of listing.removed) {
    const row = document.createElement("tr");
    row.dataset.file = entry.file;
    cell(row, entry.reference || entry.file);
    cell(row, [[names(entry, "km"), "km"], [names(entry, "en"), "en"]]);
    const tools = cell(row, "");
    const back = button(say("putBack"), () => putBack(entry));
    back.className = "put-back";
    tools.append(back);
    removed.append(row);
  }
  $("removed-list").hidden = listing.removed.length === 0;
  $("folder").textContent = say("folder", { folder: listing.folder || "" });
  $("synced").hidden = !listing.synced;
  $("synced").textContent = listing.synced ? say("synced", { service: listing.synced }) : "";
  $("plain").hidden = vault.encrypted;
  $("lock").hidden = !vault.encrypted;
}

async function load() {
  // Until the list is drawn again, its rows are about to be replaced.
  document.body.dataset.listed = "false";
  const response = await fetch("/api/declarations");
  if (response.status === 403) {
    location.reload();
    return;
  }
  if (response.status === 423) {
    lockedView(false);
    return;
  }
  listing = await response.json();
  render();
  document.body.dataset.listed = "true";
}

async function workspace() {
  const response = await fetch("/api/workspace");
  if (response.status === 403) {
    location.reload();
    return;
  }
  vault = await response.json();
}

// Locked: nothing of the workspace stays on the page; the passphrase opens it again.
function lockedView(afterPause) {
  listing = { declarations: [], removed: [] };
  for (const body of document.querySelectorAll("#home-main tbody")) body.replaceChildren();
  for (const id of ["home-main", "home-actions", "setup", "new-passphrase", "recovery-page"]) $(id).hidden = true;
  $("unlock").hidden = false;
  $("locked-note").hidden = !afterPause;
  $("secret").value = "";
  $("secret").focus();
}

async function unlock() {
  const secret = $("secret").value;
  if (!secret) return;
  const status = $("unlock-status");
  status.className = "";
  status.textContent = say("opening");
  const answer = await post("/api/unlock", { secret });
  $("secret").value = "";
  if (!answer.ok) {
    status.className = "error";
    status.textContent = say("wrong");
    return;
  }
  status.textContent = "";
  history.replaceState(null, "", "/");
  $("unlock").hidden = true;
  $("home-main").hidden = false;
  $("home-actions").hidden = false;
  await workspace();
  await load();
  $("new-passphrase").hidden = !answer.recovery;
  if (answer.converted) $("home-status").textContent = say("plainFound", { n: answer.converted });
}

// How hard a passphrase is to guess, roughly: its length and its words.
function strength(text) {
  const length = [...text].length;
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  if (length === 0) return "";
  if (length < 8) return "veryWeak";
  if (length < 12 && words < 4) return "weak";
  if (length >= 16 || words >= 4) return "strong";
  return "fair";
}

function showStrength() {
  const level = strength($("passphrase").value);
  $("strength").className = level === "veryWeak" ? "weak" : level;
  $("strength").textContent = level ? say(level) : "";
}

// The two passphrase fields `first` and `second`, or a refusal said in `status`.
function typedTwice(first, second, status) {
  const passphrase = $(first).value;
  status.className = "error";
  if (!passphrase) {
    status.textContent = say("empty");
    return null;
  }
  if (passphrase !== $(second).value) {
    status.textContent = say("differ");
    return null;
  }
  status.className = "";
  return passphrase;
}

// Sends the passphrase typed twice in the fields `first` and `second` to `url`, and
// empties both; the answer, or null when it was refused before being sent.
async function sendPassphrase(url, first, second, status) {
  const passphrase = typedTwice(first, second, status);
  if (passphrase === null) return null;
  status.textContent = say("encrypting");
  const answer = await post(url, { passphrase, again: passphrase });
  $(first).value = "";
  $(second).value = "";
  status.className = answer.ok ? "" : "error";
  status.textContent = answer.ok ? "" : "✗ " + (answer.error || "");
  return answer;
}

async function setup() {
  const answer = await sendPassphrase("/api/setup", "passphrase", "passphrase-again", $("setup-status"));
  showStrength();
  if (!answer?.ok) return;
  await workspace();
  // The recovery key, shown this once, as a page to print.
  $("recovery-key").textContent = answer.recovery;
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(answer.made || "");
  const date = m ? `${m[3]}/${m[2]}/${m[1]}` : answer.made;
  $("recovery-where").textContent =
    `ថត៖ ${answer.folder} · បានបង្កើតថ្ងៃ ${khmerDigits(date)} / Folder: ${answer.folder} · made on ${date}`;
  $("recovery-page").dataset.converted = answer.converted;
  $("recovery-page").dataset.unconverted = answer.unconverted || "";
  for (const id of ["home-main", "home-actions", "setup"]) $(id).hidden = true;
  $("recovery-page").hidden = false;
  document.body.classList.add("printing-recovery");
}

function recoveryDone() {
  const converted = Number($("recovery-page").dataset.converted || 0);
  $("recovery-key").textContent = "";
  $("recovery-page").hidden = true;
  document.body.classList.remove("printing-recovery");
  $("home-main").hidden = false;
  $("home-actions").hidden = false;
  const unconverted = $("recovery-page").dataset.unconverted;
  $("home-status").textContent = say("converted", { n: converted }) + (unconverted ? " ✗ " + unconverted : "");
  render();
  load();
}

async function renew() {
  const answer = await sendPassphrase("/api/passphrase", "renew", "renew-again", $("renew-status"));
  if (answer?.ok) $("renew-status").textContent = say("renewed");
}

// An encrypted workspace's page hides what it shows after `lock_after` seconds unused
// (dfr itself drops the key after the same pause without requests).
function watchIdle() {
  let idle;
  const reset = () => {
    clearTimeout(idle);
    if (!vault.encrypted) return;
    idle = setTimeout(() => lockedView(true), vault.lock_after * 1000);
  };
  for (const event of ["keydown", "pointerdown", "input", "wheel"]) {
    document.addEventListener(event, reset, true);
  }
  reset();
  return reset;
}

async function duplicate(entry) {
  const answer = await post("/api/duplicate", { file: entry.file });
  $("home-status").textContent = answer.ok ? say("duplicated", { file: answer.file }) : "✗ " + (answer.error || "");
  await load();
}

function confirmRemove(entry) {
  const who = [names(entry, "km"), names(entry, "en")].filter(Boolean).join(" / ") || entry.file;
  $("confirm-text").textContent = say("ask", { names: who, file: entry.file });
  const dialog = $("confirm");
  dialog.dataset.file = entry.file;
  dialog.showModal();
}

async function putBack(entry) {
  const answer = await post("/api/put-back", { file: entry.file });
  $("home-status").textContent = answer.ok ? say("putBackDone", { file: entry.file }) : "✗ " + (answer.error || "");
  await load();
}

function start() {
  const chosen = localStorage.getItem("dfr-lang") || "km";
  document.body.dataset.lang = chosen;
  $("lang").value = chosen;
  $("lang").addEventListener("change", () => {
    document.body.dataset.lang = $("lang").value;
    localStorage.setItem("dfr-lang", $("lang").value);
    render();
  });
  // The token has done its work (the cookie carries it now): keep it out of sight.
  history.replaceState(null, "", "/");
  for (const event of ["input", "change", "search"]) $("search").addEventListener(event, render);
  $("confirm-no").addEventListener("click", () => $("confirm").close());
  $("confirm-yes").addEventListener("click", async () => {
    const file = $("confirm").dataset.file;
    $("confirm").close();
    const answer = await post("/api/remove", { file });
    $("home-status").textContent = answer.ok ? say("removed", { file }) : "✗ " + (answer.error || "");
    await load();
  });
  $("lock").addEventListener("click", async () => {
    await post("/api/lock", {});
    lockedView(false);
  });
  $("unlock-open").addEventListener("click", unlock);
  $("secret").addEventListener("keydown", (e) => { if (e.key === "Enter") unlock(); });
  $("passphrase").addEventListener("input", showStrength);
  $("setup-encrypt").addEventListener("click", setup);
  $("setup-later").addEventListener("click", () => { $("setup").hidden = true; });
  $("plain-encrypt").addEventListener("click", () => {
    $("setup").hidden = false;
    $("passphrase").focus();
  });
  $("recovery-print").addEventListener("click", () => print());
  $("recovery-done").addEventListener("click", recoveryDone);
  $("renew-save").addEventListener("click", renew);
  workspace().then(async () => {
    const restartIdle = watchIdle();
    $("setup-encrypt").addEventListener("click", () => setTimeout(restartIdle, 0));
    if (vault.locked || location.hash === "#locked") {
      lockedView(location.hash === "#locked");
    } else {
      await load();
      // A first start: the workspace is new and plain, so a passphrase is offered.
      $("setup").hidden = vault.encrypted || !vault.empty;
    }
    document.body.dataset.ready = "true";
  });
}

start();
