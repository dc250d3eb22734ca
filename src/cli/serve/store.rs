//! Where the form's files are read and written: as they are in a plain workspace, encrypted to the workspace key (`NAME.age` on disk) in an encrypted one, which is locked until the passphrase or recovery key opens it.
//!
//! Every file the form reads or writes goes through here by its plain name
//! (`couple.toml`, `.couple.toml.recovery`, `couple.pdf`), so that the requests do not
//! care which kind of workspace they serve. A locked workspace answers every read and
//! write with [`ReadError::Locked`]; its key is dropped (and zeroised) when it locks.

use crate::cli::keys::{self, WorkspaceKey};
use crate::cli::output::{Destination, OutputError, destination};
use age::secrecy::SecretString;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use zeroize::Zeroizing;

/// What the store can do now.
enum Mode {
    /// Files are plain (a workspace made without a passphrase, or one file).
    Plain,
    /// Encrypted, and the key is not in memory.
    Locked,
    /// Encrypted and open: the key.
    Open(WorkspaceKey),
}

/// The files of the form, plain or encrypted.
pub struct Store {
    /// The workspace folder (`.` while the server runs in it), where the key files are.
    dir: PathBuf,
    mode: Mutex<Mode>,
    /// When a request last used the workspace.
    used: Mutex<Instant>,
    /// How long the form may sit unused before it locks.
    pub lock_after: Duration,
}

/// Why a file of the store cannot be read.
#[derive(Debug)]
pub enum ReadError {
    /// The workspace is locked.
    Locked,
    /// There is no such file.
    Missing,
    /// It cannot be read or opened; the message says why.
    Failed(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Locked => f.write_str("the workspace is locked"),
            ReadError::Missing => f.write_str("there is no such file"),
            ReadError::Failed(message) => f.write_str(message),
        }
    }
}

impl Store {
    /// Plain files (one declaration, `dfr serve FILE.toml`).
    pub fn plain() -> Store {
        Store {
            dir: PathBuf::from("."),
            mode: Mutex::new(Mode::Plain),
            used: Mutex::new(Instant::now()),
            lock_after: Duration::MAX,
        }
    }

    /// The store of the workspace `dir`: locked when it has a workspace key, else plain.
    pub fn in_folder(dir: PathBuf, lock_after: Duration) -> Store {
        let mode = match keys::is_sealed(&dir) {
            true => Mode::Locked,
            false => Mode::Plain,
        };
        Store {
            dir,
            mode: Mutex::new(mode),
            used: Mutex::new(Instant::now()),
            lock_after,
        }
    }

    fn mode(&self) -> std::sync::MutexGuard<'_, Mode> {
        self.mode.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether the workspace is encrypted (locked or open).
    pub fn is_encrypted(&self) -> bool {
        !matches!(*self.mode(), Mode::Plain)
    }

    /// Whether the workspace is encrypted and locked.
    pub fn is_locked(&self) -> bool {
        matches!(*self.mode(), Mode::Locked)
    }

    /// Notes that the form was used now (it locks `lock_after` later).
    pub fn touch(&self) {
        *self.used.lock().unwrap_or_else(|e| e.into_inner()) = Instant::now();
    }

    /// Locks an open workspace when it has not been used for `lock_after`; whether it
    /// locked now.
    pub fn lock_if_idle(&self) -> bool {
        let idle = self
            .used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .elapsed();
        idle >= self.lock_after && self.lock()
    }

    /// Locks an open workspace, dropping its key; whether it was open.
    pub fn lock(&self) -> bool {
        let mut mode = self.mode();
        let open = matches!(*mode, Mode::Open(_));
        if open {
            *mode = Mode::Locked;
        }
        open
    }

    /// Opens a locked workspace with a passphrase or the recovery key (which are checked
    /// against the key files when it is open already).
    /// Plain files put into the folder since (a declaration copied in from a memory
    /// stick) are encrypted then, as when the workspace was made: how many comes back.
    pub fn unlock(&self, secret: &SecretString) -> Result<usize, String> {
        let key = WorkspaceKey::open(&self.dir, secret)?;
        let mut mode = self.mode();
        let converted = keys::convert_folder(&self.dir, &key);
        if let Mode::Locked = *mode {
            *mode = Mode::Open(key);
        }
        drop(mode);
        self.touch();
        // A plain file that cannot be encrypted (one of its name is encrypted already)
        // stays as it is, and does not keep the workspace shut.
        Ok(converted.unwrap_or(0))
    }

    /// Makes a plain workspace an encrypted one: the key made (its recovery key returned,
    /// to print once), then every plain file of the workspace encrypted, checked and
    /// removed. The count of files converted comes back with it.
    /// A file that cannot be converted stops the conversion (the next unlock tries the
    /// rest again) but not the workspace: its recovery key still comes back.
    pub fn seal(
        &self,
        passphrase: &SecretString,
    ) -> Result<(SecretString, Result<usize, String>), String> {
        let mut mode = self.mode();
        if !matches!(*mode, Mode::Plain) {
            return Err("this workspace is encrypted already".into());
        }
        let made = WorkspaceKey::make(&self.dir, passphrase)?;
        let converted = keys::convert_folder(&self.dir, &made.key);
        *mode = Mode::Open(made.key);
        drop(mode);
        self.touch();
        Ok((made.recovery, converted))
    }

    /// Sets a new passphrase for an open workspace (after it was opened with its
    /// recovery key, or to change it).
    pub fn set_passphrase(&self, passphrase: &SecretString) -> Result<(), String> {
        match &*self.mode() {
            Mode::Open(key) => key.set_passphrase(&self.dir, passphrase),
            Mode::Locked => Err("the workspace is locked".into()),
            Mode::Plain => Err("this workspace is not encrypted".into()),
        }
    }

    /// Where the file named `name` is on disk: `NAME.age` in an encrypted workspace.
    pub fn on_disk(&self, name: &Path) -> PathBuf {
        match self.is_encrypted() {
            true => keys::sealed_name(name),
            false => name.to_path_buf(),
        }
    }

    /// Whether the file named `name` exists (a regular file, not a link).
    pub fn exists(&self, name: &Path) -> bool {
        std::fs::symlink_metadata(self.on_disk(name)).is_ok_and(|m| m.file_type().is_file())
    }

    /// Whether anything (a file, a folder, a link) is at the file named `name`.
    pub fn taken(&self, name: &Path) -> bool {
        std::fs::symlink_metadata(self.on_disk(name)).is_ok()
    }

    /// When the file named `name` was last changed.
    pub fn modified(&self, name: &Path) -> Option<std::time::SystemTime> {
        std::fs::metadata(self.on_disk(name))
            .and_then(|m| m.modified())
            .ok()
    }

    /// The plain bytes of the file named `name`, at most `limit` of them.
    pub fn read(&self, name: &Path, limit: usize) -> Result<Zeroizing<Vec<u8>>, ReadError> {
        let disk = self.on_disk(name);
        let mode = self.mode();
        if let Mode::Locked = *mode {
            return Err(ReadError::Locked);
        }
        let overhead = if matches!(*mode, Mode::Open(_)) {
            1 << 20
        } else {
            0
        };
        let bytes = match dfr::input::declaration::read_bytes(&disk, limit + overhead) {
            Ok(bytes) => bytes,
            Err(dfr::input::declaration::SourceError::Io(e))
                if e.kind() == std::io::ErrorKind::NotFound =>
            {
                return Err(ReadError::Missing);
            }
            Err(e) => {
                return Err(ReadError::Failed(format!(
                    "cannot read {}: {e}",
                    name.display()
                )));
            }
        };
        match &*mode {
            Mode::Open(key) => key
                .decrypt(&disk, &bytes, limit)
                .map_err(|m| ReadError::Failed(m.trim_end().to_owned())),
            _ => Ok(Zeroizing::new(bytes)),
        }
    }

    /// The text of the declaration file (or recovery file) named `name`.
    pub fn read_text(&self, name: &Path) -> Result<Zeroizing<String>, ReadError> {
        let mut bytes = self.read(name, dfr::input::declaration::MAX_INPUT_BYTES)?;
        let text = dfr::input::declaration::source_text(std::mem::take(&mut *bytes))
            .map_err(|e| ReadError::Failed(format!("cannot read {}: {e}", name.display())))?;
        Ok(Zeroizing::new(text))
    }

    /// The bytes to write for `plain`: encrypted in an encrypted workspace.
    fn sealed(&self, plain: &[u8]) -> Result<Vec<u8>, String> {
        match &*self.mode() {
            Mode::Plain => Ok(plain.to_vec()),
            Mode::Locked => Err("the workspace is locked".into()),
            Mode::Open(key) => key.encrypt(plain),
        }
    }

    /// Writes the file named `name` whole (replacing it), a regular file only.
    pub fn write(&self, name: &Path, plain: &[u8]) -> Result<(), String> {
        let disk = self.on_disk(name);
        let bytes = self.sealed(plain)?;
        let written = destination(&disk).and_then(|d| match d {
            Destination::File(_) => crate::cli::output::write(&d, &bytes),
            _ => Err(OutputError::Unsupported(disk.clone(), "not a regular file")),
        });
        written.map_err(|e| e.to_string())
    }

    /// Writes the file named `name` only if nothing is there yet.
    pub fn write_new(&self, name: &Path, plain: &[u8]) -> Result<(), OutputError> {
        let disk = self.on_disk(name);
        let bytes = self
            .sealed(plain)
            .map_err(|e| OutputError::Io(disk.clone(), std::io::Error::other(e)))?;
        crate::cli::output::write_new(&Destination::File(disk), &bytes)
    }

    /// Removes the file named `name`, if it is there.
    pub fn remove(&self, name: &Path) {
        let _ = std::fs::remove_file(self.on_disk(name));
    }

    /// The declarations (`NAME.toml`, by their plain names) of the folder `dir` of the
    /// workspace: no hidden files, no links.
    pub fn declarations(&self, dir: &Path) -> Vec<PathBuf> {
        let ending = match self.is_encrypted() {
            true => ".toml.age",
            false => ".toml",
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let plain = name.strip_suffix(ending)?;
                (!name.starts_with('.')).then(|| dir.join(format!("{plain}.toml")))
            })
            .collect();
        files.sort();
        files
    }
}
