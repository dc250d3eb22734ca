//! `dfr extract`: recover the data attached to a final contract PDF.

use super::Status;
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
    /// Where to write the data (default: print it).
    #[arg(short, long, value_name = "DATA.toml")]
    pub output: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args) -> Status {
    let bytes = match std::fs::read(&args.pdf) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", args.pdf.display());
            return Status::Failure;
        }
    };
    let text = match dfr::attachment::read_attachment(&bytes) {
        Ok(t) => t,
        Err(e @ dfr::attachment::AttachmentError::Missing) => {
            eprintln!("{}: error: {e}", args.pdf.display());
            return Status::Invalid;
        }
        Err(e) => {
            eprintln!("{}: error: {e}", args.pdf.display());
            return Status::Failure;
        }
    };
    match &args.output {
        None => {
            print!("{text}");
            Status::Success
        }
        Some(path) => match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
        {
            Ok(mut file) => {
                use std::io::Write;
                match file.write_all(text.as_bytes()) {
                    Ok(()) => {
                        println!("wrote {}", path.display());
                        Status::Success
                    }
                    Err(e) => {
                        eprintln!("error: cannot write {}: {e}", path.display());
                        Status::Failure
                    }
                }
            }
            Err(e) => {
                eprintln!(
                    "error: cannot write {}: {e} (extract never overwrites a file)",
                    path.display()
                );
                Status::Failure
            }
        },
    }
}
