//! No temporary file left behind: those being written are removed on every signal that can be caught, and those of a killed process are swept at the next write.
//!
//! Outputs are written to a hidden `.dfr-XXXXXX.tmp` beside the target and renamed into
//! place (see [`crate::cli::output`]). A render stopped while writing would leave that file,
//! which holds a whole final PDF with its data attached. Every temporary file is
//! registered here while it exists: Ctrl-C, closing the console, `SIGTERM` and
//! `SIGHUP` remove them before the process ends ([`remove_on_signal`]). `SIGKILL` and
//! a power cut cannot be caught, so each write first sweeps its folder of temporary
//! files older than [`STALE`] ([`sweep`]): no render takes that long.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// The prefix of every temporary file `dfr` writes.
pub const PREFIX: &str = ".dfr-";
/// The suffix of every temporary file `dfr` writes.
pub const SUFFIX: &str = ".tmp";
/// The age after which a temporary file belongs to a process that is gone.
pub const STALE: Duration = Duration::from_secs(10 * 60);

static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Records a temporary file being written.
pub fn register(path: &Path) {
    PENDING
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(path.to_path_buf());
}

/// Forgets a temporary file that was renamed into place or removed.
pub fn unregister(path: &Path) {
    PENDING
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .retain(|p| p != path);
}

/// Removes every temporary file being written (called when the process is stopped).
pub fn remove_pending() {
    let pending = std::mem::take(&mut *PENDING.lock().unwrap_or_else(|e| e.into_inner()));
    for path in pending {
        let _ = std::fs::remove_file(path);
    }
}

/// Ends the process on Ctrl-C, a closed console, `SIGTERM` or `SIGHUP`, removing the
/// temporary files first (exit status 130, as a shell reports an interrupt).
pub fn remove_on_signal() {
    let _ = ctrlc::set_handler(|| {
        remove_pending();
        std::process::exit(130);
    });
}

/// Removes the temporary files in `dir` that are older than [`STALE`].
pub fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(PREFIX) && name.ends_with(SUFFIX)) {
            continue;
        }
        let stale = entry
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE);
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
