// The form's state: one module owns it, the others read it (ES modules see every change)
// and change it only through the functions below.



export let schema, defs, labels, help, data, file = null, dirty = false, sequence = 0, timer = null;
// The picker's choice above a commune (a province, a district), kept across rebuilds.
export const picks = {};
export const $ = (id) => document.getElementById(id);
// In a workspace, the declaration this page edits (none for a new one): every request
// names it, so that two tabs on two couples never write into each other's file.
export let workspaceFile = new URLSearchParams(location.search).get("file");
export let workspace = false;
export const named = (url) => workspaceFile ? url + (url.includes("?") ? "&" : "?") + "file=" + encodeURIComponent(workspaceFile) : url;
// The address of this page without the token: the form of this declaration.
export const ownAddress = () => workspace ? (workspaceFile ? "/form?file=" + encodeURIComponent(workspaceFile) : "/form") : "/";
// Where the preview scrolls (the template set's form.toml), where each part of the
// contract starts on the pages shown, and the part shown last.
export let scroll = [];
export let parts = [];
export let shownPart = null;
// Whether an offer to undo a removal is on screen.
export let undoShown = false;

// The form as the server sent it: its schema, labels, each field's help and where the
// preview scrolls.
export function setForm(form) {
  schema = form.schema;
  defs = schema.$defs || {};
  labels = form.labels || {};
  help = form.help || {};
  scroll = form.scroll || [];
}
export function setData(value) { data = value; }
export function setFile(name) { file = name; }
export function setDirty(value) { dirty = value; }
export function nextSequence() { return ++sequence; }
export function setTimer(value) { timer = value; }
export function setParts(value) { parts = value; }
export function setShownPart(key) { shownPart = key; }
export function setUndoShown(value) { undoShown = value; }
export function setWorkspace(value) { workspace = value; }
export function setWorkspaceFile(name) { workspaceFile = name; }
