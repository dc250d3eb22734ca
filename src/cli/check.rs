//! `dfr check`: validate declaration files and print every problem.

use super::report::{self, Report};
use super::{Status, shown, worst};
use dfr::{CopyKind, Options};
use std::path::PathBuf;

/// Validate declaration files without rendering; print every problem, one per line.
///
/// Each problem is printed as `FILE:LINE:COL: error: KEY.PATH: MESSAGE`, with a
/// `hint:` line where one helps. Warnings are printed the same way and do not fail.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  dfr check examples/dara-and-sophea.toml\n  dfr check --draft couple.toml      (placeholders only warned about)\n\nExit status: 0 all valid, 1 a file is invalid, 2 a file cannot be read or the templates are broken."
)]
pub struct Args {
    /// Declaration files (TOML) to check.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Check the wording with the template set in DIR instead of the built-in one.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Check for a draft: values left in from the starter file (`FAMILY Given`,
    /// `ខេត្ត...`) are warnings instead of errors.
    #[arg(long)]
    pub draft: bool,
}

/// Runs the command.
pub fn run(args: Args) -> Status {
    let renderer = match super::renderer(args.templates.as_deref()) {
        Ok(renderer) => renderer,
        Err(status) => return status,
    };
    let mut status = Status::Success;
    let passphrase = super::Passphrase::new();
    for path in &args.files {
        let loaded = super::load(path, CopyKind::from_flags(args.draft, false), &passphrase);
        report::say(&loaded.messages);
        status = worst(status, loaded.status);
        match loaded.declaration {
            None => {}
            Some(declaration) => {
                // The wording must render for a final copy and for a redacted one.
                let _deadline = super::guard::Deadline::start(shown(path));
                let failed = [CopyKind::Final, CopyKind::Redacted]
                    .into_iter()
                    .find_map(|copy| {
                        let options = Options::default().copy(copy);
                        renderer.layout_model(&declaration, &options).err()
                    });
                if let Some(e) = failed {
                    Report::error(e).print();
                    status = worst(status, Status::Failure);
                } else {
                    println!("{}: ok", shown(path));
                }
            }
        }
    }
    status
}
