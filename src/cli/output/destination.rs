//! What a path is as an output: a file (through its links), a device, a pipe or a socket, or something refused.

#[cfg(unix)]
use super::StreamKind;
use super::{Destination, OutputError, STDOUT};
use std::path::{Path, PathBuf};

/// How many symbolic links are followed before the path is called a loop (as Linux does).
const MAX_LINKS: usize = 40;

/// Looks at `path` and says how an output there is written, without writing anything.
///
/// `-` is standard output. Symbolic links are followed to the file they point to (which
/// need not exist yet). Errors: a folder, a block device, a link loop, or a path whose
/// metadata cannot be read.
pub fn destination(path: &Path) -> Result<Destination, OutputError> {
    if path.as_os_str() == STDOUT {
        return Ok(Destination::Stdout);
    }
    let io = |e: std::io::Error| OutputError::Io(path.to_path_buf(), e);
    let own = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Destination::File(path.to_path_buf()));
        }
        Err(e) => return Err(io(e)),
    };
    if !own.file_type().is_symlink() {
        return classify(path, path.to_path_buf(), own.file_type());
    }
    // A link: what it finally points to decides. Devices and pipes are opened by the
    // name given (the kernel follows `/dev/stdout` and other magic links); a file is
    // replaced at its real path, so the link stays.
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => {
            Ok(Destination::File(std::fs::canonicalize(path).map_err(io)?))
        }
        Ok(meta) => classify(path, path.to_path_buf(), meta.file_type()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => dangling(path),
        Err(e) if e.raw_os_error() == Some(LOOP_ERROR) => {
            Err(OutputError::LinkLoop(path.to_path_buf()))
        }
        Err(e) => Err(io(e)),
    }
}

/// The operating system's "too many levels of symbolic links" error (ELOOP).
#[cfg(unix)]
const LOOP_ERROR: i32 = libc::ELOOP;

#[cfg(not(unix))]
const LOOP_ERROR: i32 = -1;

/// The file a dangling link would create: its links followed to the first missing name.
fn dangling(path: &Path) -> Result<Destination, OutputError> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&current)
                    .map_err(|e| OutputError::Io(current.clone(), e))?;
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            _ => return Ok(Destination::File(current)),
        }
    }
    Err(OutputError::LinkLoop(path.to_path_buf()))
}

/// Classifies what is not a link: a file, a folder, or something written directly.
fn classify(
    named: &Path,
    path: PathBuf,
    kind: std::fs::FileType,
) -> Result<Destination, OutputError> {
    if kind.is_file() {
        return Ok(Destination::File(path));
    }
    if kind.is_dir() {
        return Err(OutputError::Folder(named.to_path_buf()));
    }
    special(named, path, kind)
}

/// Classifies a file that is neither regular, a folder nor a link.
#[cfg(unix)]
fn special(
    named: &Path,
    path: PathBuf,
    kind: std::fs::FileType,
) -> Result<Destination, OutputError> {
    use std::os::unix::fs::FileTypeExt;
    let kind = if kind.is_char_device() {
        StreamKind::CharDevice
    } else if kind.is_fifo() {
        StreamKind::Fifo
    } else if kind.is_socket() {
        StreamKind::Socket
    } else if kind.is_block_device() {
        return Err(OutputError::Unsupported(
            named.to_path_buf(),
            "a block device (a disk)",
        ));
    } else {
        return Err(OutputError::Unsupported(
            named.to_path_buf(),
            "not a regular file",
        ));
    };
    Ok(Destination::Stream { path, kind })
}

/// Classifies a file that is neither regular, a folder nor a link.
#[cfg(not(unix))]
fn special(
    named: &Path,
    _path: PathBuf,
    _kind: std::fs::FileType,
) -> Result<Destination, OutputError> {
    Err(OutputError::Unsupported(
        named.to_path_buf(),
        "not a regular file",
    ))
}

/// Refuses an output that would land on one of `inputs` (compared as files, so
/// `./a.toml`, a hard link and a symbolic link to the input all count). `what` names
/// the inputs in the message: `the input` or `a template file`.
pub fn refuse_overwriting(
    output: &Path,
    inputs: &[PathBuf],
    what: &'static str,
) -> Result<(), OutputError> {
    if output.as_os_str() == STDOUT {
        return Ok(());
    }
    for input in inputs {
        if same_file(output, input) {
            return Err(OutputError::IsInput {
                output: output.to_path_buf(),
                input: input.clone(),
                what,
            });
        }
    }
    Ok(())
}

/// Whether two paths name one file. Compared by metadata, never by opening: opening a
/// named pipe to look at it would wait for a writer.
#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Whether two paths name one file (by volume and file index).
#[cfg(not(unix))]
fn same_file(a: &Path, b: &Path) -> bool {
    same_file::is_same_file(a, b).unwrap_or(false)
}

/// The file an output path ends up writing, as an absolute path with symbolic links
/// resolved, so two outputs can be compared: `out/x.pdf` and `./out/../out/x.pdf` give
/// the same identity. A path whose folder does not exist yet keeps its own spelling.
pub fn resolved_path(path: &Path) -> PathBuf {
    let written = match destination(path) {
        Ok(d) => d
            .path()
            .map_or_else(|| path.to_path_buf(), Path::to_path_buf),
        Err(_) => path.to_path_buf(),
    };
    if let Ok(full) = std::fs::canonicalize(&written) {
        return full;
    }
    let (Some(parent), Some(name)) = (written.parent(), written.file_name()) else {
        return written;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    match std::fs::canonicalize(parent) {
        Ok(dir) => dir.join(name),
        Err(_) => std::path::absolute(&written).unwrap_or(written),
    }
}
