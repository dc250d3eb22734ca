//! The state of one declaration being edited in the form: its file and its recovery file.

use super::store::{ReadError, Store};
use dfr::Renderer;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

/// The declaration being edited.
pub struct State {
    /// The declaration's file; `None` until a new declaration is first saved.
    pub(super) file: Mutex<Option<PathBuf>>,
    /// The template set contracts are printed with, its wording compiled.
    pub(super) renderer: Arc<Renderer>,
    /// Held while a file is written, so that two tabs saving at once write one after
    /// the other (the last one wins; each write is whole).
    pub(super) writing: Mutex<()>,
    /// Whether the recovery file's changes were offered and not yet restored or
    /// discarded: until then no check may replace them (a reloaded page's first check
    /// carries the saved data, not the unsaved changes).
    pub(super) recovery_offered: AtomicBool,
    /// The copy last made to print and not kept (`/print/NAME`).
    pub(super) printed: Mutex<Option<super::files::InMemory>>,
    /// Where its files are read and written: plain, or encrypted to the workspace key.
    pub(super) store: Arc<Store>,
}

impl State {
    /// The recovery file, when it holds changes not saved to the declaration.
    pub fn unsaved(&self) -> Option<PathBuf> {
        let recovery = recovery_of(self.file().as_deref());
        self.store
            .exists(&recovery)
            .then(|| self.store.on_disk(&recovery))
    }

    /// The state for `file` (created from the starter when it does not exist), its
    /// files in `store`; a locked store's file is `Err(None)`.
    pub fn open(
        file: Option<PathBuf>,
        renderer: Arc<Renderer>,
        store: Arc<Store>,
    ) -> Result<State, Option<String>> {
        if let Some(path) = &file {
            if !store.taken(path) {
                store
                    .write_new(path, dfr::input::starter::STARTER.as_bytes())
                    .map_err(|e| Some(e.to_string()))?;
                println!("created {} from the starter", path.display());
            }
            if !store.is_encrypted() && crate::cli::vault::file_is_encrypted(path) {
                return Err(Some(format!(
                    "cannot open {} in the form: it is encrypted with a passphrase; the form \
                     opens encrypted declarations in an encrypted workspace (dfr serve FOLDER), \
                     and `dfr decrypt {}` makes a plain copy to open",
                    path.display(),
                    path.display()
                )));
            }
            let text = store.read_text(path).map_err(|e| match e {
                ReadError::Locked => None,
                e => Some(format!("cannot open {}: {e}", path.display())),
            })?;
            text.parse::<toml::Table>().map_err(|e| {
                Some(format!(
                    "cannot open {}: it is not a TOML file ({})",
                    path.display(),
                    e.message()
                ))
            })?;
        }
        Ok(State {
            file: Mutex::new(file),
            renderer,
            writing: Mutex::new(()),
            recovery_offered: AtomicBool::new(false),
            printed: Mutex::new(None),
            store,
        })
    }

    /// The declaration's file, once it has one.
    pub fn file(&self) -> Option<PathBuf> {
        self.file.lock().ok().and_then(|f| f.clone())
    }
}

/// The recovery file of `path`: `.NAME.recovery` beside it, readable by its owner only.
pub fn recovery_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.recovery"))
}

/// The recovery file of the declaration being edited; for a new one not yet saved,
/// `.new-declaration.recovery` in the folder it will be saved in.
pub fn recovery_of(file: Option<&Path>) -> PathBuf {
    match file {
        Some(path) => recovery_path(path),
        None => PathBuf::from(".new-declaration.recovery"),
    }
}

/// Whether two TOML texts hold the same data (comments and layout aside).
pub fn same_data(a: &str, b: &str) -> bool {
    match (a.parse::<toml::Table>(), b.parse::<toml::Table>()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
