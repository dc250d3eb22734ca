//! Writes what a render used — Typst sources, data and fonts — for Typst's own CLI.
//!
//! `typst compile --ignore-system-fonts --ignore-embedded-fonts --font-path DIR/fonts
//! DIR/main.typ` then lays out the same document, which lets anyone check and time `dfr` against Typst itself.

use crate::cli::output::{self, OutputError};
use dfr::Options;
use dfr::locale::fonts::{FONT_FILES, FONT_LICENCES};
use dfr::{Declaration, Error, Renderer};
use std::path::{Path, PathBuf};

/// A bundle that could not be written.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    /// The templates failed for this declaration.
    #[error(transparent)]
    Render(Error),
    /// A folder could not be made.
    #[error("cannot write {}: {}", .0.display(), .1)]
    Io(PathBuf, #[source] std::io::Error),
    /// A file could not be written (a folder in its place, a full disk, …).
    #[error(transparent)]
    Output(OutputError),
}

/// Writes the layout files, `data.json` and `fonts/` of a render into `dir`.
pub fn write_bundle(
    renderer: &Renderer,
    declaration: &Declaration,
    options: &Options,
    dir: &Path,
) -> Result<(), BundleError> {
    let data = renderer
        .layout_model(declaration, options)
        .map_err(BundleError::Render)?;
    let (typeset, _) = renderer
        .typeset(&data, declaration.input().declaration.date.0)
        .map_err(BundleError::Render)?;
    let json = serde_json::to_vec_pretty(&typeset).expect("JSON values always serialise");
    let mut files: Vec<(PathBuf, &[u8])> = vec![(dir.join("data.json"), &json)];
    for file in renderer
        .templates()
        .files
        .iter()
        .filter(|f| f.path.ends_with(".typ"))
    {
        files.push((dir.join(&file.path), file.text.as_bytes()));
    }
    for (name, bytes) in FONT_FILES {
        files.push((dir.join("fonts").join(name), bytes));
    }
    for (name, text) in FONT_LICENCES {
        files.push((dir.join("fonts").join(name), text.as_bytes()));
    }
    for (path, bytes) in files {
        let folder = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(folder).map_err(|e| BundleError::Io(path.clone(), e))?;
        let written = output::destination(&path).and_then(|d| output::write(&d, bytes));
        written.map_err(BundleError::Output)?;
    }
    Ok(())
}
