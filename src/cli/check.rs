//! `dfr check`: validate declaration files and print every problem.

use super::report::{self, Report};
use super::{Status, load_templates, purpose, shown, worst};
use dfr::wording::set::WordingSet;
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
    let templates = match load_templates(args.templates.as_deref()) {
        Ok(t) => t,
        Err(status) => return status,
    };
    if let Err(e) = WordingSet::compile(&templates) {
        return Report::error(e).fail(Status::Failure);
    }
    let mut status = Status::Success;
    for path in &args.files {
        let loaded = super::load(path, purpose(args.draft));
        report::say(&loaded.messages);
        status = worst(status, loaded.status);
        match loaded.declaration {
            None => {}
            Some(declaration) => {
                // The wording must render for a final copy and for a redacted one.
                let _deadline = super::guard::Deadline::start(shown(path));
                let failed = [false, true].into_iter().find_map(|redact| {
                    let options = dfr::Options {
                        templates: templates.clone(),
                        redact,
                        ..dfr::Options::default()
                    };
                    dfr::layout::render::layout_model(&declaration, &options).err()
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
