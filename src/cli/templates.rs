//! `dfr templates`: write the built-in template set to a folder for editing.

use super::Status;
use dfr::Templates;
use std::path::PathBuf;

/// Write the built-in templates (Typst layout and Handlebars wording) to DIR for editing.
///
/// Edit the wording in DIR/wording/*.hbs, then render with `--templates DIR`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  dfr templates my-wording\n  (edit my-wording/wording/05-separation.hbs, then)\n  dfr render couple.toml --templates my-wording"
)]
pub struct Args {
    /// The folder to write to (created if missing; existing files are never overwritten).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

/// Runs the command.
pub fn run(args: Args) -> Status {
    match Templates::builtin().write_to(&args.dir) {
        Ok(paths) => {
            println!(
                "wrote {} template files to {}",
                paths.len(),
                args.dir.display()
            );
            Status::Success
        }
        Err(e) => {
            super::report::say(&super::output_error(&e));
            Status::Failure
        }
    }
}
