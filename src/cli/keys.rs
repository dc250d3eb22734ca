//! An encrypted workspace's key: one age X25519 key that every file of the workspace is encrypted to, kept on disk twice — sealed by the staff's passphrase and by a recovery key printed once.
//!
//! age allows a passphrase (scrypt) only as a file's sole recipient, so the passphrase
//! cannot open every file beside a recovery key directly. Instead the workspace has a
//! key of its own: `.dfr-key.age` holds it encrypted with the passphrase (one scrypt per
//! unlock, about a second), `.dfr-recovery.age` holds it encrypted to the recovery key,
//! and every declaration, recovery file and copy is encrypted to it (cheap per save).
//! The key lives in memory only while the workspace is open, and is zeroised when dropped.

use crate::cli::report::Report;
use age::secrecy::{ExposeSecret, SecretString};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use zeroize::Zeroizing;

/// The workspace key, encrypted with the passphrase.
pub const PASSPHRASE_FILE: &str = ".dfr-key.age";

/// The workspace key, encrypted to the recovery key.
pub const RECOVERY_FILE: &str = ".dfr-recovery.age";

/// How every recovery key begins (age's X25519 identities).
const RECOVERY_PREFIX: &str = "AGE-SECRET-KEY-1";

/// scrypt's work factor for the passphrase: 2^18 × 1 KiB = 256 MiB, about a second.
const WORK_FACTOR: u8 = 18;

/// The highest work factor a key file may ask for (as `vault`'s files).
const MAX_WORK_FACTOR: u8 = 19;

/// The largest key file read: an age header and a 74-character key.
const MAX_KEY_FILE: u64 = 4096;

/// Whether `dir` is an encrypted workspace (it has a passphrase key file).
pub fn is_sealed(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join(PASSPHRASE_FILE)).is_ok()
}

/// Whether a typed secret is a recovery key rather than a passphrase.
pub fn is_recovery_key(secret: &str) -> bool {
    compact(secret).starts_with(RECOVERY_PREFIX)
}

/// A recovery key as typed from its printed page: spaces, line breaks and hyphens
/// between its groups left out, in capitals.
fn compact(secret: &str) -> String {
    let squeezed: String = secret
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    match squeezed.strip_prefix(RECOVERY_PREFIX) {
        Some(rest) => format!("{RECOVERY_PREFIX}{}", rest.replace('-', "")),
        None => squeezed,
    }
}

/// A recovery key in groups of eight, for a printed page that a person can copy.
pub fn grouped(key: &str) -> String {
    let rest = key.strip_prefix(RECOVERY_PREFIX).unwrap_or(key);
    let groups: Vec<String> = rest
        .as_bytes()
        .chunks(8)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    format!("{RECOVERY_PREFIX} {}", groups.join(" "))
}

/// An open workspace key: what encrypts and decrypts the workspace's files.
pub struct WorkspaceKey {
    identity: age::x25519::Identity,
}

/// A workspace just made: its key, and the recovery key to print once.
pub struct Made {
    /// The workspace key, open.
    pub key: WorkspaceKey,
    /// The recovery key, as its page prints it (groups of eight).
    pub recovery: SecretString,
}

impl WorkspaceKey {
    /// Makes a workspace key for `dir` and writes it there twice: encrypted with
    /// `passphrase` and to a new recovery key. Refuses a folder that has a key already.
    pub fn make(dir: &Path, passphrase: &SecretString) -> Result<Made, String> {
        if is_sealed(dir) || std::fs::symlink_metadata(dir.join(RECOVERY_FILE)).is_ok() {
            return Err("this folder already has a workspace key; nothing was changed".into());
        }
        let identity = age::x25519::Identity::generate();
        let recovery = age::x25519::Identity::generate();
        let secret = identity.to_string();
        let sealed = seal_with(passphrase, &secret)?;
        let rescued = age::encrypt(&recovery.to_public(), secret.expose_secret().as_bytes())
            .map_err(|e| format!("cannot encrypt the workspace key: {e}"))?;
        // The recovery file first: a workspace is sealed once the passphrase file is there.
        for (name, bytes) in [(RECOVERY_FILE, rescued), (PASSPHRASE_FILE, sealed)] {
            let target = crate::cli::output::Destination::File(dir.join(name));
            crate::cli::output::write_new(&target, &bytes).map_err(|e| e.to_string())?;
        }
        let key = WorkspaceKey { identity };
        let recovery = SecretString::from(grouped(recovery.to_string().expose_secret()));
        Ok(Made { key, recovery })
    }

    /// Opens the workspace key of `dir` with a passphrase or a recovery key.
    pub fn open(dir: &Path, secret: &SecretString) -> Result<WorkspaceKey, String> {
        let typed = secret.expose_secret();
        let (file, secret_bytes) = if is_recovery_key(typed) {
            let compacted = Zeroizing::new(compact(typed));
            let recovery = age::x25519::Identity::from_str(&compacted).map_err(|_| {
                "this is not a whole recovery key: check every group against the printed page"
                    .to_owned()
            })?;
            let file = dir.join(RECOVERY_FILE);
            let bytes = read_key_file(&file)?;
            (file.clone(), unseal(&file, &bytes, &recovery))
        } else {
            let mut by_passphrase = age::scrypt::Identity::new(secret.clone());
            by_passphrase.set_max_work_factor(MAX_WORK_FACTOR);
            let file = dir.join(PASSPHRASE_FILE);
            let bytes = read_key_file(&file)?;
            (file.clone(), unseal(&file, &bytes, &by_passphrase))
        };
        let secret_bytes = secret_bytes?;
        let text = std::str::from_utf8(&secret_bytes).unwrap_or("");
        let identity = age::x25519::Identity::from_str(text.trim())
            .map_err(|_| format!("{} does not hold a workspace key", file.display()))?;
        Ok(WorkspaceKey { identity })
    }

    /// Replaces the passphrase (after the workspace was opened with its recovery key).
    pub fn set_passphrase(&self, dir: &Path, passphrase: &SecretString) -> Result<(), String> {
        let sealed = seal_with(passphrase, &self.identity.to_string())?;
        let target = crate::cli::output::Destination::File(dir.join(PASSPHRASE_FILE));
        crate::cli::output::write(&target, &sealed).map_err(|e| e.to_string())
    }

    /// `plain` encrypted to the workspace key.
    pub fn encrypt(&self, plain: &[u8]) -> Result<Vec<u8>, String> {
        age::encrypt(&self.identity.to_public(), plain).map_err(|e| format!("cannot encrypt: {e}"))
    }

    /// The plain bytes of `bytes`, a file of the workspace read from `path`, at most
    /// `limit` of them.
    pub fn decrypt(
        &self,
        path: &Path,
        bytes: &[u8],
        limit: usize,
    ) -> Result<Zeroizing<Vec<u8>>, String> {
        crate::cli::vault::open_with(path, bytes, &self.identity, limit)
    }
}

/// The workspace key's text `secret`, encrypted with `passphrase`.
fn seal_with(passphrase: &SecretString, secret: &SecretString) -> Result<Vec<u8>, String> {
    let mut by_passphrase = age::scrypt::Recipient::new(passphrase.clone());
    by_passphrase.set_work_factor(WORK_FACTOR);
    age::encrypt(&by_passphrase, secret.expose_secret().as_bytes())
        .map_err(|e| format!("cannot encrypt the workspace key: {e}"))
}

/// The bytes of a key file, at most [`MAX_KEY_FILE`].
fn read_key_file(path: &Path) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_KEY_FILE).read_to_end(&mut bytes))
        .map_err(|e| {
            Report::error(format!(
                "cannot read the workspace key {}: {e}",
                path.display()
            ))
            .hint("the key files .dfr-key.age and .dfr-recovery.age must stay in the folder")
            .to_string()
        })?;
    Ok(bytes)
}

/// The workspace key's text from a key file, with `identity`.
fn unseal(
    path: &Path,
    bytes: &[u8],
    identity: &dyn age::Identity,
) -> Result<Zeroizing<Vec<u8>>, String> {
    crate::cli::vault::open_with(path, bytes, identity, MAX_KEY_FILE as usize)
}

/// The encrypted workspace `file` belongs to: the folder it is in, or for a file of a
/// workspace's `removed` folder, the workspace.
pub fn workspace_of(file: &Path) -> Option<PathBuf> {
    let folder = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if is_sealed(&folder) {
        return Some(folder);
    }
    let removed = std::path::absolute(&folder).ok()?;
    let workspace = removed.parent()?;
    (removed.file_name()? == crate::cli::serve::REMOVED && is_sealed(workspace))
        .then(|| workspace.to_path_buf())
}

/// `NAME.age` for the file `NAME`.
pub fn sealed_name(name: &Path) -> PathBuf {
    let mut disk = name.as_os_str().to_owned();
    disk.push(".");
    disk.push(crate::cli::vault::EXTENSION);
    PathBuf::from(disk)
}

/// Whether the file name `name` is one of a workspace's own: a declaration, a recovery
/// file or a copy made by the form (not a key file, not already encrypted).
fn workspace_file(name: &str) -> bool {
    let own = [".toml", ".recovery", ".pdf", ".txt"];
    own.iter().any(|end| name.ends_with(end))
        && !name.starts_with(crate::cli::leftovers::PREFIX)
        && name != PASSPHRASE_FILE
        && name != RECOVERY_FILE
}

/// Encrypts every plain file of the workspace `dir` and of its `removed` folder to `key`:
/// each is written as `NAME.age`, opened again and compared, and only then removed.
pub fn convert_folder(dir: &Path, key: &WorkspaceKey) -> Result<usize, String> {
    let mut converted = 0;
    for folder in [dir.to_path_buf(), dir.join(crate::cli::serve::REMOVED)] {
        // A temporary file a killed process left (a whole copy, plain) goes too.
        crate::cli::leftovers::sweep(&folder);
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        let mut plain: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter(|e| workspace_file(&e.file_name().to_string_lossy()))
            .map(|e| e.path())
            .collect();
        plain.sort();
        for path in plain {
            convert_file(&path, key)?;
            converted += 1;
        }
    }
    Ok(converted)
}

/// The largest file converted: the largest PDF dfr reads.
const MAX_CONVERTED: usize = crate::cli::MAX_PDF_BYTES as usize;

/// Encrypts one plain file to `key` beside it, checks the encrypted copy and removes
/// the plain one.
fn convert_file(path: &Path, key: &WorkspaceKey) -> Result<(), String> {
    let cannot = |e: &dyn std::fmt::Display| format!("cannot encrypt {}: {e}", path.display());
    let plain = dfr::input::declaration::read_bytes(path, MAX_CONVERTED)
        .map(Zeroizing::new)
        .map_err(|e| cannot(&e))?;
    let sealed = key.encrypt(&plain)?;
    let target = sealed_name(path);
    crate::cli::output::write_new(
        &crate::cli::output::Destination::File(target.clone()),
        &sealed,
    )
    .map_err(|e| cannot(&e))?;
    // The plain file goes only once the encrypted one, read back from the disk, opens
    // to the same bytes.
    let written = dfr::input::declaration::read_bytes(&target, MAX_CONVERTED + (1 << 20))
        .map_err(|e| cannot(&e))?;
    let opened = key.decrypt(&target, &written, plain.len())?;
    if opened.as_slice() != plain.as_slice() {
        let _ = std::fs::remove_file(&target);
        return Err(cannot(&"the encrypted copy did not open to the same bytes"));
    }
    std::fs::remove_file(path).map_err(|e| cannot(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_passphrase_and_the_recovery_key_open_the_same_key() {
        let dir = tempfile::tempdir().unwrap();
        let passphrase = SecretString::from("four words of trust".to_owned());
        let made = WorkspaceKey::make(dir.path(), &passphrase).unwrap();
        let sealed = made.key.encrypt("សុខ ដារ៉ា".as_bytes()).unwrap();
        let path = Path::new("a.toml.age");
        let by_passphrase = WorkspaceKey::open(dir.path(), &passphrase).unwrap();
        assert_eq!(
            by_passphrase
                .decrypt(path, &sealed, 100)
                .unwrap()
                .as_slice(),
            "សុខ ដារ៉ា".as_bytes()
        );
        // Typed as printed, in lower case, with the groups' spaces.
        let typed = made.recovery.expose_secret().to_lowercase();
        assert!(typed.contains(' '));
        let by_recovery = WorkspaceKey::open(dir.path(), &SecretString::from(typed)).unwrap();
        assert_eq!(
            by_recovery.decrypt(path, &sealed, 100).unwrap().as_slice(),
            "សុខ ដារ៉ា".as_bytes()
        );
        let wrong = WorkspaceKey::open(dir.path(), &SecretString::from("four words".to_owned()));
        assert!(wrong.err().unwrap().contains("passphrase does not open"));
        let again = WorkspaceKey::make(dir.path(), &passphrase);
        assert!(again.err().unwrap().contains("already has a workspace key"));
        // A new passphrase replaces the old one.
        let new = SecretString::from("another four words".to_owned());
        by_recovery.set_passphrase(dir.path(), &new).unwrap();
        assert!(WorkspaceKey::open(dir.path(), &new).is_ok());
        assert!(WorkspaceKey::open(dir.path(), &passphrase).is_err());
    }
}
