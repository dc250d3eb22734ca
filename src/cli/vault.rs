//! Declarations encrypted at rest: age files with a passphrase, opened in memory only.
//!
//! A file is encrypted in the age format (age-encryption.org/v1) to an scrypt passphrase
//! recipient: ChaCha20-Poly1305 under a key that scrypt derives from the passphrase,
//! with a work factor calibrated to about a second on the computer that encrypts, so
//! that guessing passphrases from a copied disk is slow. The passphrase is asked once
//! per command, never taken from an argument (it would be in the shell's history and
//! the process list): from the terminal without echo, or the first line of standard
//! input when that is not a terminal (for scripts). Decrypted bytes live in memory and
//! are zeroised when dropped.

use crate::cli::report::Report;
use age::secrecy::{ExposeSecret, SecretString};
use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use zeroize::Zeroizing;

/// How every age file begins.
const MAGIC: &[u8] = b"age-encryption.org/v1\n";

/// The extension of an encrypted declaration: `couple.toml.age`.
pub const EXTENSION: &str = "age";

/// scrypt's work factor for a new file, as log2 of N: 2^18 × 1 KiB = 256 MiB of memory
/// and about a second of work (age's own calibration may pick more, which the memory
/// ceiling of `cli::guard` might not allow).
const WORK_FACTOR: u8 = 18;

/// The highest work factor a file may ask for: 2^19 needs 512 MiB, within the memory
/// ceiling; a file asking for more was not made by `dfr` and is refused at once.
const MAX_WORK_FACTOR: u8 = 19;

/// The longest passphrase read from standard input, in bytes.
const MAX_PASSPHRASE: u64 = 1024;

/// The passphrases shorter than this are called weak (a hint, not a refusal).
const STRONG_LENGTH: usize = 12;

/// Whether `bytes` are an age file.
pub fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// Whether the file at `path` is an age file (only its first bytes are read).
pub fn file_is_encrypted(path: &Path) -> bool {
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAGIC.len() as u64).read_to_end(&mut head))
        .is_ok_and(|_| is_encrypted(&head))
}

/// The passphrase of one command: asked the first time a file needs it, then kept (in
/// memory, zeroised when dropped) for the command's other files, which may be read on
/// other threads (`dfr render a.toml.age b.toml.age`).
#[derive(Default)]
pub struct Passphrase {
    known: Mutex<Option<SecretString>>,
    /// The workspace key opened for a file of an encrypted workspace, with its folder.
    workspace: Mutex<Option<(PathBuf, crate::cli::keys::WorkspaceKey)>>,
}

impl Passphrase {
    /// No passphrase asked yet.
    pub fn new() -> Passphrase {
        Passphrase::default()
    }

    /// The passphrase, asked for `path` the first time.
    fn get(&self, path: &Path) -> Result<SecretString, String> {
        let mut known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        if known.is_none() {
            let prompt = format!("ពាក្យសម្ងាត់ / passphrase for {}: ", crate::cli::shown(path));
            *known = Some(ask(&prompt)?);
        }
        Ok(known.clone().expect("asked above"))
    }

    /// A new passphrase for encrypting: asked twice from a terminal (once from standard
    /// input), refused when empty or when the two differ; a short one gets a warning.
    pub fn new_for_encrypting() -> Result<Passphrase, String> {
        let first = ask("ពាក្យសម្ងាត់ថ្មី / new passphrase: ")?;
        if std::io::stdin().is_terminal() {
            let again = ask("វាយម្ដងទៀត / the same again: ")?;
            if again.expose_secret() != first.expose_secret() {
                return Err(
                    Report::error("the two passphrases differ; nothing was encrypted").to_string(),
                );
            }
        }
        if first.expose_secret().chars().count() < STRONG_LENGTH {
            let khmer = dfr::locale::to_khmer_digits(&STRONG_LENGTH.to_string());
            crate::cli::report::say(&format!(
                "warning: this passphrase is short; one of {STRONG_LENGTH} characters or more, \
                 or four words, is much harder to guess\n  \
                 ព្រមាន៖ ពាក្យសម្ងាត់នេះខ្លីពេក។ ពាក្យសម្ងាត់ដែលមាន {khmer} តួអក្សរឡើងទៅ \
                 ឬ ៤ ពាក្យ គឺពិបាកទាយជាងច្រើន។\n"
            ));
        }
        Ok(Passphrase {
            known: Mutex::new(Some(first)),
            workspace: Mutex::new(None),
        })
    }

    /// The passphrase (which must be known), for a workspace key.
    pub fn secret(&self) -> SecretString {
        let known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        known.clone().expect("a passphrase was asked")
    }

    /// `plain` encrypted with the passphrase (which must be known).
    pub fn encrypt(&self, plain: &[u8]) -> Result<Vec<u8>, String> {
        let known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        let passphrase = known.clone().expect("a passphrase to encrypt with");
        let mut recipient = age::scrypt::Recipient::new(passphrase);
        recipient.set_work_factor(WORK_FACTOR);
        age::encrypt(&recipient, plain).map_err(|e| format!("cannot encrypt: {e}"))
    }

    /// The plain bytes of the age file `bytes` read from `path`, at most `limit` of
    /// them: a file encrypted with a passphrase (`dfr encrypt`), or a file of an encrypted
    /// workspace, opened with its folder's key (`dfr serve`); the error is the message to
    /// print.
    pub fn decrypt(
        &self,
        path: &Path,
        bytes: &[u8],
        limit: usize,
    ) -> Result<Zeroizing<Vec<u8>>, String> {
        let shown = crate::cli::shown(path);
        let decryptor = age::Decryptor::new_buffered(bytes).map_err(|e| broken(path, &e))?;
        if decryptor.is_scrypt() {
            let mut identity = age::scrypt::Identity::new(self.get(path)?);
            identity.set_max_work_factor(MAX_WORK_FACTOR);
            return open_with(path, bytes, &identity, limit);
        }
        let Some(folder) = crate::cli::keys::workspace_of(path) else {
            return Err(Report::error(format!(
                "{shown} is encrypted to a key, and its folder has no workspace key"
            ))
            .hint(
                "dfr opens files encrypted with a passphrase (`dfr encrypt`) and the files \
                 of an encrypted workspace, in their folder beside .dfr-key.age",
            )
            .to_string());
        };
        let mut opened = self.workspace.lock().unwrap_or_else(|e| e.into_inner());
        if opened.as_ref().is_none_or(|(dir, _)| *dir != folder) {
            let prompt = format!(
                "ពាក្យសម្ងាត់ ឬកូនសោសង្គ្រោះ / passphrase or recovery key of {}: ",
                crate::cli::shown(&folder)
            );
            let secret = match self.known.lock().unwrap_or_else(|e| e.into_inner()).clone() {
                Some(known) => known,
                None => ask(&prompt)?,
            };
            let key = crate::cli::keys::WorkspaceKey::open(&folder, &secret)
                .map_err(|e| Report::error(e).to_string())?;
            *opened = Some((folder, key));
        }
        let (_, key) = opened.as_ref().expect("opened above");
        key.decrypt(path, bytes, limit)
    }
}

/// Why the age file at `path` cannot be opened, as the message to print.
fn broken(path: &Path, what: &dyn std::fmt::Display) -> String {
    Report::error(format!(
        "{} is not a whole encrypted file: {what}",
        crate::cli::shown(path)
    ))
    .hint("use the copy you made before; a file cut short or changed cannot be opened")
    .to_string()
}

/// The plain bytes of the age file `bytes` read from `path`, opened with `identity`, at
/// most `limit` of them; the error is the message to print, and no partial data.
pub fn open_with(
    path: &Path,
    bytes: &[u8],
    identity: &dyn age::Identity,
    limit: usize,
) -> Result<Zeroizing<Vec<u8>>, String> {
    let shown = crate::cli::shown(path);
    let decryptor = age::Decryptor::new_buffered(bytes).map_err(|e| broken(path, &e))?;
    let reader = decryptor
        .decrypt(std::iter::once(identity))
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed
            | age::DecryptError::KeyDecryptionFailed
            | age::DecryptError::NoMatchingKeys => {
                Report::error(format!("the passphrase does not open {shown}"))
                    .hint("type it again: capitals, spaces and the keyboard's language count")
                    .to_string()
            }
            age::DecryptError::ExcessiveWork { required, .. } => Report::error(format!(
                "{shown} asks for 2^{required} rounds of work to open, more than dfr \
                 allows (2^{MAX_WORK_FACTOR}); it was not made by dfr"
            ))
            .to_string(),
            other => broken(path, &other),
        })?;
    let mut plain = Zeroizing::new(Vec::new());
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut plain)
        .map_err(|e| broken(path, &e))?;
    if plain.len() > limit {
        return Err(Report::error(format!(
            "{shown} holds more than {limit} bytes; a declaration file is at most {limit} bytes"
        ))
        .to_string());
    }
    Ok(plain)
}

/// Asks for a passphrase: without echo on a terminal, else the first line of standard
/// input (its line ending removed).
fn ask(prompt: &str) -> Result<SecretString, String> {
    let typed = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(prompt)
            .map_err(|e| format!("error: cannot read the passphrase: {e}\n"))?
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .take(MAX_PASSPHRASE)
            .read_line(&mut line)
            .map_err(|e| format!("error: cannot read the passphrase from standard input: {e}\n"))?;
        let _ = std::io::stderr().flush();
        line.trim_end_matches(['\n', '\r']).to_owned()
    };
    if typed.is_empty() {
        return Err(Report::error("no passphrase was given")
            .hint("type the passphrase when asked, or give it as the first line of standard input")
            .to_string());
    }
    Ok(SecretString::from(typed))
}

/// The plain name of an encrypted file: `couple.toml.age` → `couple.toml`.
pub fn plain_name(path: &Path) -> Option<PathBuf> {
    (path.extension()? == EXTENSION).then(|| path.with_extension(""))
}

/// The name outputs are made from: an encrypted file's plain name, else the path itself
/// (`couple.toml.age` renders to `couple.pdf`).
pub fn plain_path(path: &Path) -> PathBuf {
    plain_name(path).unwrap_or_else(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(passphrase: &str) -> Passphrase {
        Passphrase {
            known: Mutex::new(Some(SecretString::from(passphrase.to_owned()))),
            workspace: Mutex::new(None),
        }
    }

    #[test]
    fn a_file_comes_back_with_its_passphrase_only() {
        let path = Path::new("couple.toml.age");
        let plain = "name = \"សុខ ដារ៉ា\"\n".as_bytes();
        let encrypted = known("correct horse battery").encrypt(plain).unwrap();
        assert!(is_encrypted(&encrypted));
        assert!(!encrypted.windows(plain.len()).any(|w| w == plain));
        let opened = known("correct horse battery")
            .decrypt(path, &encrypted, 1000)
            .unwrap();
        assert_eq!(opened.as_slice(), plain);
        let wrong = known("correct horse battery!").decrypt(path, &encrypted, 1000);
        assert!(
            wrong
                .unwrap_err()
                .contains("the passphrase does not open couple.toml.age")
        );
        let cut =
            known("correct horse battery").decrypt(path, &encrypted[..encrypted.len() - 1], 1000);
        assert!(cut.unwrap_err().contains("is not a whole encrypted file"));
        let small = known("correct horse battery").decrypt(path, &encrypted, 5);
        assert!(small.unwrap_err().contains("more than 5 bytes"));
    }

    #[test]
    fn an_encrypted_name_loses_only_its_age() {
        assert_eq!(
            plain_name(Path::new("a/couple.toml.age")).unwrap(),
            Path::new("a/couple.toml")
        );
        assert_eq!(plain_name(Path::new("couple.toml")), None);
    }
}
