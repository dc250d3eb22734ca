//! `dfr encrypt`: a declaration file made into an encrypted one that only the passphrase opens.

use super::report::{self, Report};
use super::vault::{self, Passphrase};
use super::{Status, check_output, output_error, shown};
use crate::cli::output;
use std::path::{Path, PathBuf};

/// Encrypt declaration files with a passphrase, so that a lost or borrowed computer
/// gives nobody the couple's data.
///
/// Each FILE becomes FILE.age (age format, scrypt passphrase, ChaCha20-Poly1305); the
/// new file is opened again and compared before anything else happens. `dfr check`,
/// `dfr render` and `dfr decrypt` read FILE.age with the same passphrase.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  dfr encrypt couple.toml                 writes couple.toml.age, keeps couple.toml
  dfr encrypt --remove-plain *.toml       encrypts each file, then removes the plain ones
  dfr render couple.toml.age              asks for the passphrase, renders from memory

The passphrase is asked on the terminal, twice, without echo (in a script: the first
line of standard input). It is never an argument: arguments stay in the shell's history.
Without the passphrase the data cannot be recovered by anyone: write it down and keep
it in the organisation's safe.

Exit status: 0 success, 2 a file cannot be read, encrypted or written.")]
pub struct Args {
    /// The declaration files to encrypt.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Remove each plain file once its encrypted copy is written and checked.
    #[arg(long)]
    pub remove_plain: bool,
}

/// Runs the command.
pub fn run(args: Args) -> Status {
    // Refuse what cannot work before asking for a passphrase.
    let mut plans = Vec::new();
    for file in &args.files {
        match plan(file) {
            Ok(plan) => plans.push(plan),
            Err(message) => {
                report::say(&message);
                return Status::Failure;
            }
        }
    }
    let passphrase = match Passphrase::new_for_encrypting() {
        Ok(p) => p,
        Err(message) => {
            report::say(&message);
            return Status::Failure;
        }
    };
    let mut status = Status::Success;
    for (file, target, plain) in plans {
        if let Err(message) = encrypt_one(&passphrase, &file, &target, &plain, args.remove_plain) {
            report::say(&message);
            status = Status::Failure;
        }
    }
    status
}

/// A file to encrypt: its path, where the encrypted copy goes, and its bytes.
type Plan = (PathBuf, output::Destination, zeroize::Zeroizing<Vec<u8>>);

/// Reads `file` and finds where its encrypted copy goes, refusing an encrypted file, a
/// file too large to be a declaration and an existing `.age` file.
fn plan(file: &Path) -> Result<Plan, String> {
    use dfr::input::declaration::{MAX_INPUT_BYTES, read_bytes, source_text};
    let cannot = |e: dfr::input::declaration::SourceError| {
        Report::error(format!("cannot encrypt {}: {e}", shown(file))).to_string()
    };
    let bytes = read_bytes(file, MAX_INPUT_BYTES).map_err(cannot)?;
    if vault::is_encrypted(&bytes) {
        return Err(Report::error(format!("{} is already encrypted", shown(file))).to_string());
    }
    let plain = zeroize::Zeroizing::new(source_text(bytes).map_err(cannot)?.into_bytes());
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(vault::EXTENSION);
    let destination = check_output(&PathBuf::from(name), &[file.to_path_buf()], &[])?;
    output::refuse_existing(&destination).map_err(|e| output_error(&e))?;
    Ok((file.to_path_buf(), destination, plain))
}

/// Encrypts `plain`, checks that it opens again, writes it and, if asked, removes `file`.
fn encrypt_one(
    passphrase: &Passphrase,
    file: &Path,
    target: &output::Destination,
    plain: &[u8],
    remove_plain: bool,
) -> Result<(), String> {
    let encrypted = passphrase.encrypt(plain)?;
    let opened = passphrase.decrypt(file, &encrypted, plain.len())?;
    if opened.as_slice() != plain {
        return Err(Report::error(format!(
            "the encrypted copy of {} did not open to the same bytes; nothing was written",
            shown(file)
        ))
        .to_string());
    }
    output::write_new(target, &encrypted).map_err(|e| output_error(&e))?;
    let written = target.path().map_or_else(|| "-".to_owned(), shown);
    println!("wrote {written}");
    if remove_plain {
        std::fs::remove_file(file).map_err(|e| {
            Report::error(format!(
                "wrote {written} but cannot remove {}: {e}",
                shown(file)
            ))
            .to_string()
        })?;
        println!("removed {}", shown(file));
        report::note(
            "note: a removed file's bytes can stay on the disk until overwritten; \
             a disk encrypted by the system (BitLocker, FileVault, LUKS) is safer still",
        );
    }
    Ok(())
}
