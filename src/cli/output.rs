//! Writing outputs without destroying anything: files atomically, links through to their targets, devices and pipes directly.
//! (What kind of file a path is, on each platform, is told apart in `destination.rs`.)
//!
//! Every command that writes goes through [`destination`] and [`write()`] (or
//! [`write_new`]), so the rules are the same everywhere:
//!
//! - a regular file, or a path where nothing exists yet, is written to a temporary file
//!   beside it and renamed into place, so a reader never sees half a file;
//! - a symbolic link is followed: the file it points to is replaced atomically (the
//!   temporary file is made in the target's folder) and the link stays;
//! - a character device, a named pipe or a socket is written straight to, with no
//!   temporary file and no rename, so the node itself is never replaced;
//! - `-` is standard output;
//! - a folder, a block device or anything else is refused with a clear error.
//!
//! [`refuse_overwriting`] keeps an output from landing on an input or template file,
//! and [`resolved_path`] tells whether two outputs would end up in the same file.

use std::io::Write;
use std::path::{Path, PathBuf};

mod destination;

pub use destination::{destination, refuse_overwriting, resolved_path};

/// The path that means standard output.
pub const STDOUT: &str = "-";

/// Where the bytes of an output go, once the path has been looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Standard output (`-o -`).
    Stdout,
    /// A regular file, existing or not, replaced atomically. The path is the one written:
    /// when the named path is a symbolic link, the file it points to.
    File(PathBuf),
    /// A character device, named pipe or socket, written directly (only Unix has
    /// them to write to; on Windows a path is a file or refused).
    #[cfg_attr(not(unix), allow(dead_code))]
    Stream {
        /// The path named (symbolic links followed).
        path: PathBuf,
        /// What sits there.
        kind: StreamKind,
    },
}

/// The kinds of non-regular file that are written straight to (on Unix).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(unix), allow(dead_code))]
pub enum StreamKind {
    /// A character device such as a terminal.
    CharDevice,
    /// A named pipe (FIFO).
    Fifo,
    /// A Unix-domain socket.
    Socket,
}

impl Destination {
    /// The path written to, or `None` for standard output.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Destination::Stdout => None,
            Destination::File(path) | Destination::Stream { path, .. } => Some(path),
        }
    }
}

/// An output that cannot be written, or may not be.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// A folder sits where a file is to be written.
    #[error("cannot write {}: it is a folder", .0.display())]
    Folder(PathBuf),
    /// The path is a block device, or another kind of file `dfr` does not write to.
    #[error(
        "cannot write {}: it is {}; dfr writes only to files, character devices, pipes and sockets",
        .0.display(),
        .1
    )]
    Unsupported(PathBuf, &'static str),
    /// Following the symbolic links did not end.
    #[error("cannot write {}: its symbolic links lead round in a loop", .0.display())]
    LinkLoop(PathBuf),
    /// The output is the file named by `input`: writing would destroy it.
    #[error(
        "the output {} is {what} {}; writing it would destroy it",
        output.display(),
        input.display()
    )]
    IsInput {
        /// The output path as given.
        output: PathBuf,
        /// The input it would replace.
        input: PathBuf,
        /// What the input is: `the input` or `a template file`.
        what: &'static str,
    },
    /// Something exists at a path that is never overwritten.
    #[error("{} already exists, and this command never overwrites a file", .0.display())]
    Exists(PathBuf),
    /// The file is read-only: someone protected it, so it is not replaced.
    #[error("{} is read-only, and dfr does not replace a protected file", .0.display())]
    ReadOnly(PathBuf),
    /// The operating system refused a read or write.
    #[error("cannot write {}: {}", .0.display(), .1)]
    Io(PathBuf, #[source] std::io::Error),
}

impl OutputError {
    /// A hint that tells the user what to do instead, where there is one.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            OutputError::Folder(_) => {
                Some("name a file inside the folder, e.g. `-o out/contract.pdf`")
            }
            OutputError::ReadOnly(_) => Some(
                "give another output path with -o, or make the file writable if it should be replaced",
            ),
            OutputError::IsInput { .. } => {
                Some("give another output path with -o, e.g. `-o contract.pdf`")
            }
            OutputError::Exists(_) => Some("give a path where no file exists yet"),
            _ => None,
        }
    }
}

/// Writes `bytes` to `destination`: atomically for a file, directly for the rest.
///
/// A new or replaced file is readable and writable by its owner only.
pub fn write(destination: &Destination, bytes: &[u8]) -> Result<(), OutputError> {
    match destination {
        Destination::Stdout => {
            let stdout = std::io::stdout();
            write_stream(&mut stdout.lock(), bytes)
                .map_err(|e| OutputError::Io(PathBuf::from("standard output"), e))
        }
        Destination::File(path) => replace_file(path, bytes, true),
        Destination::Stream { path, kind } => {
            let result = open_stream(path, *kind).and_then(|mut w| write_stream(&mut w, bytes));
            result.map_err(|e| OutputError::Io(path.clone(), e))
        }
    }
}

/// The refusal [`write_new`] would give, asked before any work is done (a passphrase
/// typed, a file encrypted): a file, or a link, already at `destination`.
pub fn refuse_existing(destination: &Destination) -> Result<(), OutputError> {
    match destination {
        Destination::File(path) if std::fs::symlink_metadata(path).is_ok() => {
            Err(OutputError::Exists(path.clone()))
        }
        _ => Ok(()),
    }
}

/// Writes `bytes` to `destination` only if no file exists there yet (devices, pipes,
/// sockets and standard output are written to as usual). The new file appears whole.
pub fn write_new(destination: &Destination, bytes: &[u8]) -> Result<(), OutputError> {
    match destination {
        Destination::File(path) => replace_file(path, bytes, false),
        other => write(other, bytes),
    }
}

/// Writes all of `bytes` into an already opened stream and flushes it, so that a full
/// device or a closed pipe is reported rather than lost.
pub fn write_stream(stream: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    stream.write_all(bytes)?;
    stream.flush()
}

/// Opens a device, pipe or socket for writing, without creating or truncating anything.
fn open_stream(path: &Path, kind: StreamKind) -> std::io::Result<Box<dyn Write>> {
    #[cfg(unix)]
    if kind == StreamKind::Socket {
        return Ok(Box::new(std::os::unix::net::UnixStream::connect(path)?));
    }
    let _ = kind;
    let file = std::fs::OpenOptions::new().write(true).open(path)?;
    Ok(Box::new(file))
}

/// Writes a temporary file beside `path` and renames it onto `path` (or, when
/// `overwrite` is false, links it there only if nothing exists at `path`).
fn replace_file(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), OutputError> {
    let file = temporary(path, bytes)?;
    persist(file, path, overwrite)
}

/// A temporary file beside `path` holding `bytes`, registered for removal should the
/// process be stopped; refuses a read-only `path`.
fn temporary(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, OutputError> {
    let io = |e: std::io::Error| OutputError::Io(path.to_path_buf(), e);
    if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return Err(OutputError::ReadOnly(path.to_path_buf()));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    crate::cli::leftovers::sweep(dir);
    let mut file = tempfile::Builder::new()
        .prefix(crate::cli::leftovers::PREFIX)
        .suffix(crate::cli::leftovers::SUFFIX)
        .tempfile_in(dir)
        .map_err(io)?;
    crate::cli::leftovers::register(file.path());
    let written = file
        .write_all(bytes)
        .and_then(|()| file.as_file().sync_all());
    if let Err(e) = written {
        crate::cli::leftovers::unregister(file.path());
        return Err(io(e));
    }
    Ok(file)
}

/// Renames a temporary file onto `path`.
fn persist(file: tempfile::NamedTempFile, path: &Path, overwrite: bool) -> Result<(), OutputError> {
    let temporary = file.path().to_path_buf();
    let persisted = match overwrite {
        true => file.persist(path),
        false => file.persist_noclobber(path),
    };
    crate::cli::leftovers::unregister(&temporary);
    persisted.map(|_| ()).map_err(|e| match e.error.kind() {
        std::io::ErrorKind::AlreadyExists if !overwrite => OutputError::Exists(path.to_path_buf()),
        _ => OutputError::Io(path.to_path_buf(), e.error),
    })
}

/// Writes several outputs as one: every file is written in full to its temporary file
/// first, and only when all are written are they renamed into place, so that a full
/// disk leaves the earlier set whole instead of mixing two.
pub fn write_set(outputs: &[(Destination, &[u8])]) -> Result<(), OutputError> {
    let mut ready = Vec::new();
    for (destination, bytes) in outputs {
        if let Destination::File(path) = destination {
            ready.push((temporary(path, bytes)?, path));
        }
    }
    for (file, path) in ready {
        persist(file, path, true)?;
    }
    for (destination, bytes) in outputs {
        if !matches!(destination, Destination::File(_)) {
            write(destination, bytes)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_is_replaced_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let (one, two) = (dir.path().join("p-1.png"), dir.path().join("p-2.png"));
        std::fs::write(&one, "old 1").unwrap();
        std::fs::write(&two, "old 2").unwrap();
        // The third page cannot be written (its folder is missing, as a full disk would
        // refuse it): the first two stay as they were.
        let missing = dir.path().join("gone/p-3.png");
        let set = [
            (Destination::File(one.clone()), &b"new 1"[..]),
            (Destination::File(two.clone()), &b"new 2"[..]),
            (Destination::File(missing), &b"new 3"[..]),
        ];
        assert!(write_set(&set).is_err());
        assert_eq!(std::fs::read_to_string(&one).unwrap(), "old 1");
        assert_eq!(std::fs::read_to_string(&two).unwrap(), "old 2");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 2, "no temporary file is left");
        assert!(write_set(&set[..2]).is_ok());
        assert_eq!(std::fs::read_to_string(&two).unwrap(), "new 2");
    }

    #[test]
    fn a_missing_file_is_a_new_file_and_a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.pdf");
        assert_eq!(destination(&new).unwrap(), Destination::File(new.clone()));
        assert!(matches!(
            destination(dir.path()),
            Err(OutputError::Folder(_))
        ));
        assert_eq!(destination(Path::new("-")).unwrap(), Destination::Stdout);
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_and_loops_end() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.pdf");
        std::os::unix::fs::symlink("real.pdf", dir.path().join("link.pdf")).unwrap();
        assert_eq!(
            destination(&dir.path().join("link.pdf")).unwrap(),
            Destination::File(target)
        );
        std::os::unix::fs::symlink("b", dir.path().join("a")).unwrap();
        std::os::unix::fs::symlink("a", dir.path().join("b")).unwrap();
        assert!(matches!(
            destination(&dir.path().join("a")),
            Err(OutputError::LinkLoop(_))
        ));
    }

    #[test]
    fn write_new_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.toml");
        std::fs::write(&path, "kept").unwrap();
        let err = write_new(&Destination::File(path.clone()), b"new").unwrap_err();
        assert!(matches!(err, OutputError::Exists(_)), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "kept");
    }

    #[test]
    fn resolved_path_sees_through_dots_and_links() {
        let dir = tempfile::tempdir().unwrap();
        let a = resolved_path(&dir.path().join("x.pdf"));
        let b = resolved_path(&dir.path().join(".").join("x.pdf"));
        assert_eq!(a, b);
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_a_stream_and_its_write_errors_are_reported() {
        // Only the device's metadata is read: nothing is written to /dev.
        let full = Path::new("/dev/full");
        let Ok(Destination::Stream { path, kind }) = destination(full) else {
            panic!("/dev/full must be classified as a device");
        };
        assert_eq!(kind, StreamKind::CharDevice);
        assert_eq!(path, full);
        /// A stream that refuses every byte, as a full device does.
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let err = write_stream(&mut Full, b"%PDF-1.7").unwrap_err();
        let message = OutputError::Io(path, err).to_string();
        assert!(message.starts_with("cannot write /dev/full: "), "{message}");
    }
}
