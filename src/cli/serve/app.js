// The form of `dfr serve`, built from the input format's schema (GET /api/form): every
// field of the TOML file, Khmer and English side by side, with the library's problems
// shown at their fields and the contract previewed as it is typed. No build step, no
// framework, nothing fetched from anywhere but this server. The other modules:
// state.js (what the form holds), words.js, schema.js, fields.js, dates.js, places.js,
// summary.js, progress.js and compare.js; this one sends the requests and starts the page.

import { $, data, dirty, file, named, nextSequence, ownAddress, parts, schema, scroll, sequence, setData, setDirty, setFile, setForm, setParts, setShownPart, setTimer, setUndoShown, setWorkspace, setWorkspaceFile, shownPart, timer, undoShown, workspace } from "./form/state.js";
import { bilingual, say, words } from "./form/words.js";
import { blank, clean, nullable, resolve } from "./form/schema.js";
import { applicable, build, element, relevance } from "./form/fields.js";
import { summary } from "./form/summary.js";
import { nextProblem, showProblems } from "./form/progress.js";
import { showChanges } from "./form/compare.js";

export async function post(url, body) {
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
  if (response.status === 423) {
    locked();
    return { ok: false, error: "" };
  }
  const json = await response.json().catch(() => ({ error: "no answer" }));
  return { ok: response.ok, status: response.status, ...json };
}

// The encrypted workspace is locked: the page leaves for the home page, which asks for
// the passphrase (what was typed is in the encrypted recovery file, offered on reopening).
function locked() {
  setDirty(false);
  location.replace("/#locked");
}

// An encrypted workspace's form hides itself after `seconds` unused: what was typed is
// kept first (encrypted), then the page leaves for the home page, which asks for the
// passphrase; dfr drops the key after the same pause without requests.
function lockWhenIdle(seconds) {
  let idle;
  const reset = () => {
    clearTimeout(idle);
    idle = setTimeout(async () => {
      if (dirty) await post("/api/check", { data: clean(schema, applicable(data)), typed: true });
      locked();
    }, Math.max(1, seconds - 5) * 1000);
  };
  for (const event of ["keydown", "pointerdown", "input", "wheel"]) {
    document.addEventListener(event, reset, true);
  }
  reset();
}

// How long typing must pause before the data is checked and previewed: short enough
// that the pages follow within 150 ms of a pause (README, Performance), long enough
// not to lay out the contract at every keystroke of a fast typist (keys come 100–200 ms
// apart when people type; a preview answered late is dropped, see `sequence`).
export const PAUSE_MS = 40;

export function changed() {
  setDirty(true);
  relevance();
  // A check and a preview are on their way (see `update`); one already in flight is
  // out of date and must not mark the page settled.
  nextSequence();
  document.body.dataset.settled = "false";
  // An offered Undo stays until the next change after it.
  if (undoShown) setUndoShown(false);
  else status(say("form_unsaved"));
  clearTimeout(timer);
  setTimer(setTimeout(update, PAUSE_MS));
}

export async function update(everything = false) {
  const mine = nextSequence();
  document.body.dataset.settled = "false";
  const payload = { data: clean(schema, applicable(data)) };
  // The check and the preview are asked at once; the problems are shown as soon as
  // they come. Only what was typed is kept in the recovery file (not an untouched new form).
  const checking = post("/api/check", { ...payload, typed: dirty }).then((checked) => {
    if (mine === sequence) showProblems(checked.diagnostics);
  });
  // The pages shown are named by their hashes: only changed pages come with an image.
  const shown = new Map([...$("pages").children].map((img) => [img.dataset.hash, img]));
  const preview = await post("/api/preview", { ...payload, have: everything ? [] : [...shown.keys()] });
  await checking;
  if (mine !== sequence) return;
  const out = !preview.valid;
  $("outdated").hidden = !out;
  // Before any page was drawn (a new declaration) there is nothing out of date yet.
  $("outdated").replaceChildren(words($("pages").children.length ? "form_outdated" : "form_preview_waiting"));
  $("pages").classList.toggle("outdated", out);
  if (!out) {
    // A page kept is the same element (not decoded or drawn again); a new one is decoded
    // before it is shown, so that the page never waits on it.
    let missing = false;
    const pages = await Promise.all(preview.pages.map(async (page, i) => {
      const kept = shown.get(page.hash);
      if (!page.src) {
        if (!kept) missing = true;
        return kept;
      }
      const img = element("img", { src: page.src, alt: `page ${i + 1}` });
      img.dataset.hash = page.hash;
      await img.decode().catch(() => {});
      return img;
    }));
    if (mine !== sequence) return;
    // A page the browser no longer had (replaced while this was asked): ask again, whole.
    if (missing) return update(true);
    $("pages").replaceChildren(...pages);
    $("pages").dataset.version = String(mine);
    setParts(preview.parts || []);
  }
  // Nothing newer is on its way: the page shows the latest check and preview.
  document.body.dataset.settled = String(mine === sequence);
}

// ---------------------------------------------------------------- the part being edited
// Which marked part of the contract (see `PartStart`) prints a field: the template
// set says (its form.toml, sent with the form as `scroll`), the first rule whose
// fields hold the field's key path winning, then the first of its parts the contract has.

// Whether the field at `path` is `field` or under it.
export function under(path, field) {
  return path === field || path.startsWith(field + ".") || path.startsWith(field + "[");
}

// Scrolls the preview to where the field at `path` is printed.
export function showPart(path) {
  const rule = scroll.find((r) => r.fields.some((field) => under(path, field)));
  if (!rule) return;
  const part = rule.parts.map((key) => key === "top" ? { key, page: 1, y: 0 } : parts.find((p) => p.key === key)).find(Boolean);
  if (!part || part.key === shownPart) return;
  const page = $("pages").children[part.page - 1];
  if (!page) return;
  setShownPart(part.key);
  const pane = $("preview-pane");
  const box = page.getBoundingClientRect();
  const top = pane.scrollTop + box.top - pane.getBoundingClientRect().top + part.y * box.height;
  pane.scrollTo({ top: part.key === "top" ? 0 : Math.max(0, top - 24) });
  $("pages").dataset.part = part.key;
}

export function status(text) {
  $("status").textContent = text;
}

export async function action(kind, which = {}) {
  const keep = $("keep-copy").checked || kind === "redline";
  const payload = { data: clean(schema, applicable(data)), kind, keep, ...which };
  const answer = await post("/api/produce", payload);
  if (answer.diagnostics) showProblems(answer.diagnostics);
  if (answer.open) {
    // Made to print, not kept: it opens from the form's memory, and no file is written.
    status("✓ " + say("form_in_memory"));
    $("status").append(" ", openLink(named(answer.open)));
    return;
  }
  status(answer.wrote ? "✓ " + answer.wrote : "✗ " + refusal(answer, "form_not_written"));
  if (answer.wrote) {
    // The copy opens in the browser, to read or print (served from the folder, with
    // the same token rules as everything else).
    const name = answer.wrote.split(/[\\/]/).pop();
    // The review copy is shown as a page to read, Khmer beside English.
    $("status").append(" ", openLink((kind === "review" ? "/read/" : "/files/") + encodeURIComponent(name)));
  }
}

// The couple's kit in the summary: a button for each copy of each document the data
// calls for (a medical card per partner, a parent's letter per minor child, …); each
// is made like the final copy, kept beside the declaration or held in memory to print.
async function kit() {
  const list = $("kit-copies");
  list.dataset.listed = "false";
  list.replaceChildren();
  const answer = await post("/api/kit", { data: clean(schema, applicable(data)) });
  if (!answer.copies) {
    const item = document.createElement("li");
    item.textContent = say("form_kit_fix");
    list.append(item);
  }
  for (const copy of answer.copies || []) {
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.document = copy.document;
    button.dataset.copy = copy.copy;
    bilingual(copy.title, button);
    if (copy.person) {
      button.append(" · ");
      button.append(bilingual(copy.person));
    }
    button.addEventListener("click", () => {
      $("summary").close();
      action("document", { document: copy.document, copy: copy.copy });
    });
    const item = document.createElement("li");
    item.append(button, bilingual(copy.about, Object.assign(document.createElement("span"), { className: "about" })));
    list.append(item);
  }
  list.dataset.listed = "true";
}

// The link that opens a copy in a new tab, to read or print.
function openLink(href) {
  const link = document.createElement("a");
  link.href = href;
  link.target = "_blank";
  link.rel = "noopener";
  link.id = "open-copy";
  link.textContent = say("form_open_print");
  return link;
}

export async function save() {
  const payload = { data: clean(schema, applicable(data)) };
  // A new declaration's file name is made from its reference or names by dfr.
  const answer = await post("/api/save", payload);
  if (answer.saved) {
    setFile(answer.saved);
    if (workspace) {
      setWorkspaceFile(file);
      history.replaceState(null, "", ownAddress());
    }
    setDirty(false);
    $("file").textContent = file;
    $("new-file").hidden = true;
    // A new declaration never replaces another one's file: say so when it got a new name.
    status(say("form_saved") + " ✓ " + file + (answer.renamed ? " — " + say("form_saved_renamed") : ""));
  } else {
    status("✗ " + refusal(answer, "form_not_saved"));
  }
}

// Why a save or a copy was refused, in the interface's language: a usual refusal (the
// answer's `reason`) in its words; anything else (a full disk, a file the system refused) as `what` with the
// system's own words after it.
export function refusal(answer, what) {
  if (answer.reason) return say("form_refused_" + answer.reason.replace(/-/g, "_"));
  return say(what) + (answer.error ? ": " + answer.error : "");
}

export async function start() {
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
  if (answer.status === 423) {
    locked();
    return;
  }
  const form = await answer.json();
  if (form.encrypted) lockWhenIdle(form.lock_after);
  $("kept-encrypted").hidden = !form.encrypted;
  setWorkspace(Boolean(form.workspace));
  $("back-home").hidden = !workspace;
  // The token has done its work (the cookie carries it now): keep it out of sight.
  history.replaceState(null, "", ownAddress());
  setForm(form);
  // A new declaration starts empty: no invented names, dates or amounts (the starter
  // file's examples are for `dfr new`), with its two partners to fill.
  if (form.source === "starter") {
    form.data = blank(schema);
    const partner = resolve(nullable(schema.properties.partners)[0]).items;
    form.data.partners = [blank(partner), blank(partner)];
  }
  setData(form.data);
  setFile(form.file);
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
      setData(form.recovery);
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
  $("summary-open").addEventListener("click", () => {
    summary();
    kit();
  });
  $("summary-close").addEventListener("click", () => $("summary").close());
  $("summary-final").addEventListener("click", () => {
    $("summary").close();
    action("final");
  });
  for (const kind of ["final", "draft", "review", "redacted"]) {
    $(kind).addEventListener("click", () => action(kind));
  }
  $("diff").addEventListener("click", async () => {
    showChanges(await post("/api/diff", { data: clean(schema, applicable(data)) }));
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
