//! `dfr extract`: recover the data attached to a final contract PDF.

use super::report::{self, Report};
use super::{Status, check_output, output_error};
use crate::cli::output::{self, Destination};
use std::path::PathBuf;

/// Recover the declaration data attached to a final contract PDF, exactly as attached.
///
/// Final PDFs carry their data as `declaration.toml`; drafts carry none.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  dfr extract contract.pdf -o recovered.toml\n  dfr extract contract.pdf            (prints the data)\n\nExit status: 0 success, 1 no data attached, 2 not a readable PDF or cannot write."
)]
pub struct Args {
    /// The contract PDF.
    #[arg(value_name = "FILE.pdf")]
    pub pdf: PathBuf,
    /// Where to write the data (default: print it); never overwrites a file.
    #[arg(short, long, value_name = "DATA.toml")]
    pub output: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args) -> Status {
    let bytes = match super::read_pdf(&args.pdf) {
        Ok(b) => b,
        Err(message) => return Report::error(message).fail(Status::Failure),
    };
    let text = match dfr::outputs::attachment::read_attachment(&bytes) {
        Ok(t) => t,
        Err(e @ dfr::outputs::attachment::AttachmentError::Missing) => {
            return Report::error(e)
                .at(args.pdf.display())
                .fail(Status::Invalid);
        }
        Err(e) => {
            return Report::error(e)
                .at(args.pdf.display())
                .fail(Status::Failure);
        }
    };
    let Some(path) = &args.output else {
        print!("{text}");
        return Status::Success;
    };
    let written = check_output(path, std::slice::from_ref(&args.pdf), &[]).and_then(|d| {
        output::write_new(&d, text.as_bytes()).map_err(|e| output_error(&e))?;
        Ok(d)
    });
    match written {
        Ok(Destination::File(_)) => {
            println!("wrote {}", path.display());
            Status::Success
        }
        Ok(_) => Status::Success,
        Err(message) => {
            report::say(&message);
            Status::Failure
        }
    }
}
