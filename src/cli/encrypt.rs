//! `dfr encrypt`: a declaration file made into an encrypted one that only the passphrase opens.

use super::report::{self, Report};
use super::vault::{self, Passphrase};
use super::{Status, check_output, output_error, shown};
use crate::cli::output;
use std::path::{Path, PathBuf};

/// Encrypt declaration files with a passphrase, or a whole workspace folder in place, so
/// that a lost or borrowed computer gives nobody the couple's data.
///
/// Each FILE becomes FILE.age (age format, scrypt passphrase, ChaCha20-Poly1305); the
/// new file is opened again and compared before anything else happens. `dfr check`,
/// `dfr render` and `dfr decrypt` read FILE.age with the same passphrase.
///
/// A FOLDER (a workspace of `dfr serve`) is encrypted in place: it gets a key of its own,
/// kept encrypted with the passphrase and with a recovery key printed once; every
/// declaration, unsaved change and copy in it (and in its `removed` folder) is encrypted
/// to that key, read back and compared, and only then is the plain file removed.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  dfr encrypt couple.toml                 writes couple.toml.age, keeps couple.toml
  dfr encrypt --remove-plain *.toml       encrypts each file, then removes the plain ones
  dfr render couple.toml.age              asks for the passphrase, renders from memory
  dfr encrypt Documents/DFR               encrypts the workspace in place (dfr serve
                                          then asks for the passphrase)

The passphrase is asked on the terminal, twice, without echo (in a script: the first
line of standard input). It is never an argument: arguments stay in the shell's history.
Without the passphrase the data cannot be recovered by anyone: write it down and keep
it in the organisation's safe.

Exit status: 0 success, 2 a file cannot be read, encrypted or written.")]
pub struct Args {
    /// The declaration files to encrypt, or one workspace folder.
    #[arg(value_name = "FILE|FOLDER", required = true)]
    pub files: Vec<PathBuf>,
    /// Remove each plain file once its encrypted copy is written and checked.
    #[arg(long)]
    pub remove_plain: bool,
}

/// Runs the command.
pub fn run(args: Args) -> Status {
    if let [folder] = args.files.as_slice()
        && folder.is_dir()
    {
        return workspace(folder);
    }
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
    let sealed = crate::cli::keys::sealed_name(file);
    let destination = check_output(&sealed, &[file.to_path_buf()], &[])?;
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

/// Encrypts the workspace `folder` in place and prints its recovery key, once.
fn workspace(folder: &Path) -> Status {
    if crate::cli::keys::is_sealed(folder) {
        return Report::error(format!(
            "{} is an encrypted workspace already",
            shown(folder)
        ))
        .fail(Status::Failure);
    }
    let passphrase = match Passphrase::new_for_encrypting() {
        Ok(p) => p,
        Err(message) => {
            report::say(&message);
            return Status::Failure;
        }
    };
    let made = match crate::cli::keys::WorkspaceKey::make(folder, &passphrase.secret()) {
        Ok(made) => made,
        Err(message) => return Report::error(message).fail(Status::Failure),
    };
    // The key first: should a file fail, the recovery key is still known.
    use age::secrecy::ExposeSecret;
    println!(
        "\nកូនសោសង្គ្រោះ / recovery key of {}:\n\n    {}\n\n\
         សូមសរសេរ ឬបោះពុម្ពវាឥឡូវនេះ ហើយរក្សាទុកក្នុងទូដែករបស់អង្គការ៖ វាបង្ហាញតែម្ដងគត់។ \
         បើគ្មានពាក្យសម្ងាត់ ហើយគ្មានកូនសោនេះ ទិន្នន័យនឹងបាត់ជារៀងរហូត។\n\
         Write it down or print it now and keep it in the organisation's safe: it is shown \
         only this once. Without the passphrase and without this key, the data is gone for good.\n",
        shown(folder),
        made.recovery.expose_secret()
    );
    match crate::cli::keys::convert_folder(folder, &made.key) {
        Ok(n) => {
            println!("encrypted {n} files of {} in place", shown(folder));
            report::note(
                "note: a removed file's bytes can stay on the disk until overwritten; \
                 a disk encrypted by the system (BitLocker, FileVault, LUKS) is safer still",
            );
            Status::Success
        }
        Err(message) => Report::error(message)
            .hint("the files encrypted so far stay encrypted; run dfr serve on the folder to see them")
            .fail(Status::Failure),
    }
}
