//! `dfr decrypt`: a plain copy of an encrypted declaration, when one must be handed over.

use super::report::{self, Report};
use super::vault::{self, Passphrase};
use super::{Status, check_output, output_error, shown};
use crate::cli::output;
use std::path::PathBuf;

/// Write a plain copy of an encrypted declaration file (`dfr encrypt`), or of any file
/// of an encrypted workspace (`dfr serve`: declarations, recovery files, kept copies).
///
/// A plain copy can be read by anyone who reads the disk it is on: make one only to
/// hand it over, and remove it after. `dfr check` and `dfr render` read FILE.age
/// directly, with no plain copy. A workspace's file opens with the workspace's
/// passphrase or its recovery key (typed as printed).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  dfr decrypt couple.toml.age                writes couple.toml (never over a file)
  dfr decrypt couple.toml.age -o -           prints it
  dfr decrypt DFR/couple.pdf.age -o ~/handover/couple.pdf
                                             a copy kept in an encrypted workspace

Exit status: 0 success, 2 the file cannot be read or opened, or the copy cannot be written.")]
pub struct Args {
    /// The encrypted file: FILE.toml.age, or a file of an encrypted workspace.
    #[arg(value_name = "FILE.age")]
    pub file: PathBuf,
    /// Where to write the plain copy (default: FILE without `.age`; `-` prints it);
    /// never overwrites a file.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args) -> Status {
    let Some(target) = args
        .output
        .clone()
        .or_else(|| vault::plain_name(&args.file))
    else {
        return Report::error(format!("{} does not end in .age", shown(&args.file)))
            .hint("name the plain copy with -o, e.g. `-o couple.toml`")
            .fail(Status::Failure);
    };
    // A declaration (or its recovery file) is at most a declaration's size; a copy kept
    // in an encrypted workspace (`couple.pdf.age`) at most a PDF's.
    let plain_name = vault::plain_path(&args.file);
    let declaration = plain_name
        .extension()
        .is_some_and(|e| e == "toml" || e == "recovery");
    let limit = match declaration {
        true => dfr::input::declaration::MAX_INPUT_BYTES,
        false => super::MAX_PDF_BYTES as usize,
    };
    let bytes = match super::read_encrypted(&args.file, limit) {
        Ok(bytes) => bytes,
        Err(message) => {
            report::say(&message);
            return Status::Failure;
        }
    };
    let destination = check_output(&target, std::slice::from_ref(&args.file), &[]).and_then(|d| {
        output::refuse_existing(&d)
            .map(|()| d)
            .map_err(|e| output_error(&e))
    });
    let destination = match destination {
        Ok(d) => d,
        Err(message) => {
            report::say(&message);
            return Status::Failure;
        }
    };
    let plain = match Passphrase::new().decrypt(&args.file, &bytes, limit) {
        Ok(plain) => plain,
        Err(message) => {
            report::say(&message);
            return Status::Failure;
        }
    };
    if let Err(e) = output::write_new(&destination, &plain) {
        report::say(&output_error(&e));
        return Status::Failure;
    }
    if let output::Destination::File(path) = &destination {
        println!("wrote {}", shown(path));
        report::say(&format!(
            "warning: {} is a plain copy: whoever reads this disk can read it; remove it once \
             it is handed over\n",
            shown(path)
        ));
    }
    Status::Success
}
