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
use super::replies::{Duplicated, Moved};
use super::requests::FileAction;
use super::state::State;
use super::store::{ReadError, Store};
use dfr::Renderer;
use dfr::wording::documents::is_document_name;
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
    /// Where the files are: plain, or encrypted to the workspace key.
    store: Arc<Store>,
}

/// The answer to a request while the workspace is locked.
pub fn locked() -> Reply {
    Reply::refused(
        423,
        "locked",
        "the workspace is locked: open it with its passphrase or recovery key",
    )
}

/// A state that cannot be opened, as the answer: locked, or the message.
fn not_opened(e: Option<String>) -> Reply {
    e.map_or_else(locked, |message| Reply::error(500, message))
}

impl States {
    /// One file's state (`dfr serve FILE.toml`).
    pub fn single(state: State, renderer: Arc<Renderer>) -> Result<States, String> {
        let store = Arc::clone(&state.store);
        Ok(States {
            new: Mutex::new(Arc::new(new_state(&renderer, &store)?)),
            renderer,
            single: Some(Arc::new(state)),
            files: Mutex::new(HashMap::new()),
            store,
        })
    }

    /// A workspace's states: the server runs in the workspace folder, whose files are
    /// in `store`.
    pub fn workspace(renderer: Arc<Renderer>, store: Arc<Store>) -> Result<States, String> {
        Ok(States {
            new: Mutex::new(Arc::new(new_state(&renderer, &store)?)),
            renderer,
            single: None,
            files: Mutex::new(HashMap::new()),
            store,
        })
    }

    /// Where the files are.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Forgets every declaration opened and every copy held to print, as the workspace
    /// locks: what the form showed must be opened again with the passphrase.
    pub fn forget(&self) {
        lock(&self.files).clear();
        for state in [lock(&self.new).clone()].iter().chain(self.single.iter()) {
            *state.printed.lock().unwrap_or_else(|e| e.into_inner()) = None;
        }
    }

    /// Whether this is a workspace (with a home page).
    pub fn is_workspace(&self) -> bool {
        self.single.is_none()
    }

    /// The state a request is about: `file=NAME.toml` in its query, or the new
    /// declaration when there is none.
    pub fn get(&self, query: &str) -> Result<Arc<State>, Reply> {
        if self.store.is_locked() {
            return Err(locked());
        }
        if let Some(state) = &self.single {
            return Ok(Arc::clone(state));
        }
        let Some(name) = param(query, "file").filter(|n| !n.is_empty()) else {
            return Ok(Arc::clone(&lock(&self.new)));
        };
        let path = declaration(&self.store, &name)?;
        let mut files = lock(&self.files);
        if let Some(state) = files.get(&name) {
            return Ok(Arc::clone(state));
        }
        let state = State::open(
            Some(path),
            Arc::clone(&self.renderer),
            Arc::clone(&self.store),
        )
        .map_err(not_opened)?;
        let state = Arc::new(state);
        files.insert(name, Arc::clone(&state));
        Ok(state)
    }

    /// After a new declaration's first save: it is now a file like the others, and
    /// the next New starts afresh.
    pub fn saved_new(&self, state: &Arc<State>) {
        let mut new = lock(&self.new);
        if Arc::ptr_eq(&new, state)
            && let Ok(fresh) = new_state(&self.renderer, &self.store)
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

/// The state of a new declaration, not yet saved.
fn new_state(renderer: &Arc<Renderer>, store: &Arc<Store>) -> Result<State, String> {
    State::open(None, Arc::clone(renderer), Arc::clone(store))
        .map_err(|e| e.unwrap_or_else(|| "the workspace is locked".to_owned()))
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
fn declaration(store: &Store, name: &str) -> Result<PathBuf, Reply> {
    let plain = name.ends_with(".toml")
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':'])
        && !name.chars().any(char::is_control);
    let path = PathBuf::from(name);
    if !plain || !store.exists(&path) {
        return Err(Reply::error(
            404,
            format!("there is no declaration {name} here"),
        ));
    }
    Ok(path)
}

/// `POST /api/duplicate` `{ "file": NAME.toml }`: a new declaration made from an old
/// one (for a couple who redo theirs), saved as `NAME-copy.toml` (numbered when taken).
pub fn duplicate(store: &Store, request: &FileAction) -> Reply {
    let name = request.file.as_str();
    let path = match declaration(store, name) {
        Ok(p) => p,
        Err(reply) => return reply,
    };
    let text = match store.read_text(&path) {
        Ok(t) => t,
        Err(ReadError::Locked) => return locked(),
        Err(e) => return Reply::error(500, format!("cannot read {name}: {e}")),
    };
    let stem = name.trim_end_matches(".toml");
    match super::files::save_new(store, Path::new(&format!("{stem}-copy.toml")), &text) {
        Ok(path) => Reply::json(
            200,
            &Duplicated {
                file: path.display().to_string(),
            },
        ),
        Err(reply) => reply,
    }
}

/// The files that belong to declaration `stem` in `dir`, as they are on disk: the
/// declaration, its copies and its recovery file.
fn belonging(store: &Store, dir: &Path, stem: &str) -> Vec<PathBuf> {
    let mut files = vec![dir.join(format!("{stem}.toml"))];
    files.extend(COPIES.iter().map(|c| dir.join(format!("{stem}.{c}"))));
    files.extend(kit_copies(store, dir, stem));
    files.push(dir.join(format!(".{stem}.toml.recovery")));
    files
        .into_iter()
        .filter(|p| store.exists(p))
        .map(|p| store.on_disk(&p))
        .collect()
}

/// The copies of the kit's documents made for the declaration `stem`
/// (`STEM.guide.pdf`, `STEM.medical-card-partner-1.pdf`), by their plain names; not a
/// file that is another declaration's final copy (`STEM.guide.toml` beside it).
fn kit_copies(store: &Store, dir: &Path, stem: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let prefix = format!("{stem}.");
    entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let name = match store.is_encrypted() {
                true => name.strip_suffix(".age")?.to_owned(),
                false => name,
            };
            let copy = name.strip_prefix(&prefix)?.strip_suffix(".pdf")?;
            let kit = is_document_name(copy) && !COPIES.contains(&format!("{copy}.pdf").as_str());
            let other = dir.join(format!("{stem}.{copy}.toml"));
            (kit && !store.exists(&other)).then(|| dir.join(name))
        })
        .collect()
}

/// `POST /api/remove` `{ "file": NAME.toml }`: moves the declaration and its copies
/// into `removed/` (nothing is deleted), refusing when one of that name is there.
pub fn remove(store: &Store, request: &FileAction) -> Reply {
    move_declaration(store, request, Path::new("."), Path::new(REMOVED))
}

/// `POST /api/put-back` `{ "file": NAME.toml }`: moves a removed declaration and its
/// copies back, refusing when the workspace has a file of that name again.
pub fn put_back(store: &Store, request: &FileAction) -> Reply {
    move_declaration(store, request, Path::new(REMOVED), Path::new("."))
}

fn move_declaration(store: &Store, request: &FileAction, from: &Path, to: &Path) -> Reply {
    if store.is_locked() {
        return locked();
    }
    let name = request.file.as_str();
    let plain =
        name.ends_with(".toml") && !name.starts_with('.') && !name.contains(['/', '\\', ':']);
    if !plain || !store.exists(&from.join(name)) {
        return Reply::error(404, format!("there is no declaration {name} here"));
    }
    let stem = name.trim_end_matches(".toml");
    let files = belonging(store, from, stem);
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
/// `NAME.redacted.pdf`, `NAME.redline.pdf`, `NAME.txt`, a kit's `NAME.guide.pdf`) from
/// the declaration's folder,
/// to open and print in the browser (decrypted in memory in an encrypted workspace);
/// nothing else.
pub fn file(store: &Store, folder: &Path, name: &str) -> Reply {
    if store.is_locked() {
        return locked();
    }
    let kind = if name.ends_with(".pdf") {
        "application/pdf"
    } else if name.ends_with(".txt") {
        "text/plain; charset=utf-8"
    } else {
        return Reply::error(404, "no such file");
    };
    let path = folder.join(name);
    let plain = !name.starts_with('.') && !name.contains(['/', '\\', ':']);
    if !plain || !store.exists(&path) {
        return Reply::error(404, "no such file");
    }
    match store.read(&path, MAX_COPY_BYTES) {
        Ok(mut bytes) => Reply::bytes(kind, std::mem::take(&mut *bytes)),
        Err(ReadError::Locked) => locked(),
        Err(e) => Reply::error(500, e.to_string()),
    }
}

/// The largest copy served: the largest PDF dfr reads.
const MAX_COPY_BYTES: usize = crate::cli::MAX_PDF_BYTES as usize;
