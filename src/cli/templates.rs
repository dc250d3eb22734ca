//! `dfr templates`: write the built-in template set to a folder for editing.

use super::Status;
use super::output::{self, Destination, OutputError};
use dfr::Templates;
use std::path::{Path, PathBuf};

/// Write the built-in templates (Typst layout and Handlebars wording) to DIR for editing.
///
/// Edit the contract's wording in DIR/wording/*.hbs and the kit's documents in
/// DIR/documents/NAME/ (a new folder there with a document.toml adds a document), then
/// render with `--templates DIR`; `dfr documents --templates DIR` lists the documents.
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
    match write_set(&Templates::builtin(), &args.dir) {
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

/// Writes the template set into `dir`, refusing to overwrite any file (nothing is written when
/// one exists); returns the paths written.
fn write_set(templates: &Templates, dir: &Path) -> Result<Vec<PathBuf>, OutputError> {
    if let Ok(meta) = std::fs::metadata(dir)
        && !meta.is_dir()
    {
        return Err(OutputError::Unsupported(
            dir.to_path_buf(),
            "a file, not a folder",
        ));
    }
    let targets: Vec<PathBuf> = templates.files.iter().map(|f| dir.join(&f.path)).collect();
    if let Some(existing) = targets
        .iter()
        .find(|p| std::fs::symlink_metadata(p).is_ok())
    {
        return Err(OutputError::Exists(existing.clone()));
    }
    for (file, target) in templates.files.iter().zip(&targets) {
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| OutputError::Io(parent.to_path_buf(), e))?;
        }
        output::write_new(&Destination::File(target.clone()), file.text.as_bytes())?;
    }
    Ok(targets)
}
