//! The workspace: the folder of declarations the home page lists, and which declaration each request of the form is about.
//!
//! `dfr serve` with no argument (or a double-clicked `dfr.exe`) serves the folder `DFR`
//! in the user's Documents folder, made on first start; `dfr serve DIR` serves `DIR`;
//! `dfr serve FILE.toml` edits that one file, as before. In a workspace every request
//! of the form names its declaration (`?file=NAME.toml`; none for a new one), so two
//! tabs on two couples never write into each other's file. Nothing is ever deleted:
//! Remove moves a declaration and its copies into `removed/`, from which Put back
//! returns them.

use super::Reply;
use super::replies::{Declarations, Duplicated, Entry, Moved};
use super::requests::FileAction;
use super::state::State;
use dfr::Renderer;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The folder removed declarations are moved to, inside the workspace.
pub const REMOVED: &str = "removed";

/// The copies `dfr serve` writes beside a declaration `NAME.toml`.
const COPIES: [&str; 5] = ["pdf", "draft.pdf", "txt", "redacted.pdf", "redline.pdf"];

/// The workspace made when none is given: `Documents/DFR` in the user's home folder
/// (`%USERPROFILE%\Documents\DFR` on Windows, `$HOME/Documents/DFR` elsewhere).
pub fn default_dir() -> Result<PathBuf, String> {
    let home = if cfg!(windows) {
        std::env::var_os("USERPROFILE")
    } else {
        std::env::var_os("HOME")
    };
    match home {
        Some(home) if !home.is_empty() => Ok(PathBuf::from(home).join("Documents").join("DFR")),
        _ => Err("cannot find your home folder to keep the declarations in; give a folder: dfr serve FOLDER".to_owned()),
    }
}

/// The declarations being edited: one file, or any of a workspace's.
pub struct States {
    /// The template set contracts are printed with.
    renderer: Arc<Renderer>,
    /// `dfr serve FILE.toml`: that file's state, whatever a request names.
    single: Option<Arc<State>>,
    /// In a workspace: the state of each declaration opened, by file name.
    files: Mutex<HashMap<String, Arc<State>>>,
    /// In a workspace: the new declaration not yet saved.
    new: Mutex<Arc<State>>,
}

impl States {
    /// One file's state (`dfr serve FILE.toml`).
    pub fn single(state: State, renderer: Arc<Renderer>) -> Result<States, String> {
        Ok(States {
            new: Mutex::new(Arc::new(State::open(None, Arc::clone(&renderer))?)),
            renderer,
            single: Some(Arc::new(state)),
            files: Mutex::new(HashMap::new()),
        })
    }

    /// A workspace's states: the server runs in the workspace folder.
    pub fn workspace(renderer: Arc<Renderer>) -> Result<States, String> {
        Ok(States {
            new: Mutex::new(Arc::new(State::open(None, Arc::clone(&renderer))?)),
            renderer,
            single: None,
            files: Mutex::new(HashMap::new()),
        })
    }

    /// Whether this is a workspace (with a home page).
    pub fn is_workspace(&self) -> bool {
        self.single.is_none()
    }

    /// The state a request is about: `file=NAME.toml` in its query, or the new
    /// declaration when there is none.
    pub fn get(&self, query: &str) -> Result<Arc<State>, Reply> {
        if let Some(state) = &self.single {
            return Ok(Arc::clone(state));
        }
        let Some(name) = param(query, "file").filter(|n| !n.is_empty()) else {
            return Ok(Arc::clone(&lock(&self.new)));
        };
        let path = declaration(&name)?;
        let mut files = lock(&self.files);
        if let Some(state) = files.get(&name) {
            return Ok(Arc::clone(state));
        }
        let state = State::open(Some(path), Arc::clone(&self.renderer))
            .map_err(|e| Reply::error(500, e))?;
        let state = Arc::new(state);
        files.insert(name, Arc::clone(&state));
        Ok(state)
    }

    /// After a new declaration's first save: it is now a file like the others, and
    /// the next New starts afresh.
    pub fn saved_new(&self, state: &Arc<State>) {
        let mut new = lock(&self.new);
        if Arc::ptr_eq(&new, state)
            && let Ok(fresh) = State::open(None, Arc::clone(&self.renderer))
        {
            *new = Arc::new(fresh);
        }
    }

    /// Every state's recovery file that holds unsaved changes.
    pub fn unsaved(&self) -> Vec<PathBuf> {
        let mut all: Vec<Arc<State>> = lock(&self.files).values().cloned().collect();
        all.push(Arc::clone(&lock(&self.new)));
        all.extend(self.single.iter().cloned());
        all.iter().filter_map(|s| s.unsaved()).collect()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// A parameter of a query string, percent-decoded.
pub fn param(query: &str, name: &str) -> Option<String> {
    form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// A declaration of the workspace by its file name: a plain `NAME.toml` in the
/// workspace folder, a regular file and not a link.
fn declaration(name: &str) -> Result<PathBuf, Reply> {
    let plain = name.ends_with(".toml")
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':'])
        && !name.chars().any(char::is_control);
    let path = PathBuf::from(name);
    let regular = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file());
    if !plain || !regular {
        return Err(Reply::error(
            404,
            format!("there is no declaration {name} here"),
        ));
    }
    Ok(path)
}

/// `GET /api/declarations`: every declaration of the workspace, last changed first,
/// with what the home page shows of each; and those removed.
pub fn list() -> Reply {
    let mut entries: Vec<(std::time::SystemTime, Entry)> = Vec::new();
    for path in toml_files(Path::new(".")) {
        let changed = modified(&path);
        entries.push((
            changed.unwrap_or(std::time::UNIX_EPOCH),
            describe(&path, changed),
        ));
    }
    entries.sort_by_key(|e| std::cmp::Reverse(e.0));
    let removed: Vec<Entry> = toml_files(Path::new(REMOVED))
        .iter()
        .map(|p| describe(p, modified(p)))
        .collect();
    let folder = std::env::current_dir().unwrap_or_default();
    Reply::json(
        200,
        &Declarations {
            folder: folder.display().to_string(),
            declarations: entries.into_iter().map(|(_, v)| v).collect(),
            removed,
            synced: crate::cli::synced::service(&folder),
        },
    )
}

/// The plain `*.toml` files of `dir` (no hidden ones, no links), by name.
fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            name.ends_with(".toml") && !name.starts_with('.')
        })
        .collect();
    files.sort();
    files
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// A date and time as `YYYY-MM-DD HH:MM` (UTC), for the list.
fn when(time: Option<std::time::SystemTime>) -> Option<String> {
    let time = time?;
    let dt: chrono::DateTime<chrono::Utc> = time.into();
    Some(dt.format("%Y-%m-%d %H:%M").to_string())
}

/// What the home page shows of one declaration: its names, reference, date, state.
fn describe(path: &Path, changed: Option<std::time::SystemTime>) -> Entry {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = dfr::input::declaration::read_source(path).unwrap_or_default();
    let table = text.parse::<toml::Table>().unwrap_or_default();
    let text_of = |value: Option<&toml::Value>, lang: &str| {
        value
            .and_then(|v| v.get(lang))
            .and_then(toml::Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let partners: Vec<dfr::locale::Text> = table
        .get("partners")
        .and_then(toml::Value::as_array)
        .map(|list| {
            list.iter()
                .map(|p| dfr::locale::Text {
                    km: text_of(p.get("name"), "km"),
                    en: text_of(p.get("name"), "en"),
                })
                .collect()
        })
        .unwrap_or_default();
    let declaration = table.get("declaration");
    let checked = dfr::check(&text);
    let problems = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == dfr::input::diagnostic::Severity::Error)
        .count();
    let stem = name.trim_end_matches(".toml");
    let folder = path.parent().unwrap_or(Path::new("."));
    let final_copy = when(modified(&folder.join(format!("{stem}.pdf"))));
    Entry {
        file: name,
        reference: declaration
            .and_then(|d| d.get("reference"))
            .and_then(toml::Value::as_str)
            .unwrap_or("")
            .to_owned(),
        date: declaration
            .and_then(|d| d.get("date"))
            .map(|d| d.to_string().trim_matches('"').to_owned()),
        partners,
        problems,
        ready: checked.declaration.is_some(),
        final_copy,
        changed: when(changed),
    }
}

/// `POST /api/duplicate` `{ "file": NAME.toml }`: a new declaration made from an old
/// one (for a couple who redo theirs), saved as `NAME-copy.toml` (numbered when taken).
pub fn duplicate(request: &FileAction) -> Reply {
    let name = request.file.as_str();
    let path = match declaration(name) {
        Ok(p) => p,
        Err(reply) => return reply,
    };
    let text = match dfr::input::declaration::read_source(&path) {
        Ok(t) => t,
        Err(e) => return Reply::error(500, format!("cannot read {name}: {e}")),
    };
    let stem = name.trim_end_matches(".toml");
    match super::files::save_new(Path::new(&format!("{stem}-copy.toml")), &text) {
        Ok(path) => Reply::json(
            200,
            &Duplicated {
                file: path.display().to_string(),
            },
        ),
        Err(reply) => reply,
    }
}

/// The files that belong to declaration `stem` in `dir`: the declaration, its copies
/// and its recovery file.
fn belonging(dir: &Path, stem: &str) -> Vec<PathBuf> {
    let mut files = vec![dir.join(format!("{stem}.toml"))];
    files.extend(COPIES.iter().map(|c| dir.join(format!("{stem}.{c}"))));
    files.push(dir.join(format!(".{stem}.toml.recovery")));
    files
        .into_iter()
        .filter(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_file()))
        .collect()
}

/// `POST /api/remove` `{ "file": NAME.toml }`: moves the declaration and its copies
/// into `removed/` (nothing is deleted), refusing when one of that name is there.
pub fn remove(request: &FileAction) -> Reply {
    move_declaration(request, Path::new("."), Path::new(REMOVED))
}

/// `POST /api/put-back` `{ "file": NAME.toml }`: moves a removed declaration and its
/// copies back, refusing when the workspace has a file of that name again.
pub fn put_back(request: &FileAction) -> Reply {
    move_declaration(request, Path::new(REMOVED), Path::new("."))
}

fn move_declaration(request: &FileAction, from: &Path, to: &Path) -> Reply {
    let name = request.file.as_str();
    let plain =
        name.ends_with(".toml") && !name.starts_with('.') && !name.contains(['/', '\\', ':']);
    let source = from.join(name);
    if !plain || !std::fs::symlink_metadata(&source).is_ok_and(|m| m.file_type().is_file()) {
        return Reply::error(404, format!("there is no declaration {name} here"));
    }
    let stem = name.trim_end_matches(".toml");
    let files = belonging(from, stem);
    if let Some(taken) = files
        .iter()
        .filter_map(|f| f.file_name())
        .map(|n| to.join(n))
        .find(|target| std::fs::symlink_metadata(target).is_ok())
    {
        return Reply::error(
            409,
            format!("{} already exists; nothing was moved", taken.display()),
        );
    }
    if let Err(e) = std::fs::create_dir_all(to) {
        return Reply::error(500, format!("cannot make {}: {e}", to.display()));
    }
    for file in &files {
        let target = to.join(file.file_name().unwrap_or_default());
        if let Err(e) = std::fs::rename(file, &target) {
            return Reply::error(500, format!("cannot move {}: {e}", file.display()));
        }
    }
    Reply::json(200, &Moved { moved: files.len() })
}

/// `GET /files/NAME`: a copy the form made (`NAME.pdf`, `NAME.draft.pdf`,
/// `NAME.redacted.pdf`, `NAME.redline.pdf`, `NAME.txt`) from the declaration's folder, to open and print
/// in the browser; nothing else.
pub fn file(folder: &Path, name: &str) -> Reply {
    let kind = if name.ends_with(".pdf") {
        "application/pdf"
    } else if name.ends_with(".txt") {
        "text/plain; charset=utf-8"
    } else {
        return Reply::error(404, "no such file");
    };
    let path = folder.join(name);
    let plain = !name.starts_with('.') && !name.contains(['/', '\\', ':']);
    let regular = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file());
    if !plain || !regular {
        return Reply::error(404, "no such file");
    }
    match super::super::read_pdf(&path) {
        Ok(bytes) => Reply::bytes(kind, bytes),
        Err(message) => Reply::error(500, message),
    }
}
