//! `dfr new`: write a commented starter declaration.

use super::Status;
use std::io::Write;
use std::path::PathBuf;

/// Write a commented starter declaration file to fill in (never overwrites).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  dfr new couple.toml\n  (edit couple.toml, then)\n  dfr check couple.toml && dfr render couple.toml"
)]
pub struct Args {
    /// Where to write the file.
    #[arg(default_value = "declaration.toml", value_name = "PATH")]
    pub path: PathBuf,
}

/// Runs the command.
pub fn run(args: Args) -> Status {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&args.path);
    let result = file.and_then(|mut f| f.write_all(dfr::starter::STARTER.as_bytes()));
    match result {
        Ok(()) => {
            println!(
                "wrote {}: replace every value, then run `dfr check {}`",
                args.path.display(),
                args.path.display()
            );
            Status::Success
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "error: {} already exists; dfr new does not overwrite files",
                args.path.display()
            );
            eprintln!("  hint: give another path: `dfr new other.toml`");
            Status::Failure
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", args.path.display());
            Status::Failure
        }
    }
}
