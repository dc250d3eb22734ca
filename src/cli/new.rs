//! `dfr new`: write a commented starter declaration.

use super::{Status, check_output, output_error};
use crate::cli::output::{self, Destination};
use std::path::PathBuf;

/// Write a commented starter declaration file to fill in (never overwrites).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  dfr new couple.toml\n  (edit couple.toml, then)\n  dfr check couple.toml && dfr render couple.toml"
)]
pub struct Args {
    /// Where to write the file (never overwritten; `-` prints the starter).
    #[arg(default_value = "declaration.toml", value_name = "PATH")]
    pub path: PathBuf,
}

/// Runs the command.
pub fn run(args: Args) -> Status {
    let written = check_output(&args.path, &[], &[]).and_then(|d| {
        output::write_new(&d, dfr::input::starter::STARTER.as_bytes())
            .map_err(|e| output_error(&e))?;
        Ok(d)
    });
    match written {
        Ok(Destination::File(_)) => {
            println!(
                "wrote {}: replace every value, then run `dfr check {}`",
                args.path.display(),
                args.path.display()
            );
            Status::Success
        }
        Ok(_) => Status::Success,
        Err(message) => {
            super::report::say(&message);
            Status::Failure
        }
    }
}
