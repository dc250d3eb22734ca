//! `dfr render`: declaration files in, PDF contracts out.

use super::{LangArg, LayoutArg, Status, load_templates, read_input, shown, worst};
use dfr::{Languages, Layout, Options};
use std::io::Write;
use std::path::{Path, PathBuf};

const EXAMPLES: &str = "\
Examples:
  dfr render examples/dara-and-sophea.toml
      writes examples/dara-and-sophea.pdf
  dfr render couple.toml -o contract.pdf --layout stacked
  dfr render --lang km couple.toml
  dfr render a.toml b.toml -o out/
      several files: -o is a folder

Exit status: 0 all rendered, 1 an input is invalid (nothing is written for it),
2 usage, template or I/O error.";

/// Render declaration files as print-ready PDF contracts.
///
/// Every file is validated first; an invalid file prints its problems and no PDF.
/// A PDF is written to a temporary file beside its target and renamed into place,
/// so an existing PDF is only ever replaced by a complete one.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Declaration files (TOML).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output: the PDF path for one input (default: the input with .pdf), a folder for several.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Languages to print.
    #[arg(long, value_enum, default_value = "km+en")]
    pub lang: LangArg,
    /// Arrangement of the two languages.
    #[arg(long, value_enum, default_value = "parallel")]
    pub layout: LayoutArg,
    /// Use the template set in DIR (see `dfr templates`) instead of the built-in one.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args) -> Status {
    let templates = match load_templates(args.templates.as_deref()) {
        Ok(t) => t,
        Err(status) => return status,
    };
    let options = Options {
        languages: match args.lang {
            LangArg::KmEn => Languages::KhmerEnglish,
            LangArg::Km => Languages::Khmer,
            LangArg::En => Languages::English,
        },
        layout: match args.layout {
            LayoutArg::Parallel => Layout::Parallel,
            LayoutArg::Stacked => Layout::Stacked,
        },
        templates,
    };
    let several = args.files.len() > 1;
    if several
        && let Some(dir) = &args.output
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!(
            "error: cannot create the output folder {}: {e}",
            dir.display()
        );
        return Status::Failure;
    }
    let mut status = Status::Success;
    let mut done = 0;
    for input in &args.files {
        let target = output_path(input, args.output.as_deref(), several);
        let result = render_one(input, &target, &options);
        if result == Status::Success {
            done += 1;
        }
        status = worst(status, result);
    }
    if several {
        let failed = args.files.len() - done;
        println!(
            "rendered {done} of {} files, {failed} failed",
            args.files.len()
        );
    }
    status
}

/// Where the PDF for `input` goes.
fn output_path(input: &Path, output: Option<&Path>, several: bool) -> PathBuf {
    match (output, several) {
        (Some(path), false) => path.to_path_buf(),
        (Some(dir), true) => dir.join(input.with_extension("pdf").file_name().unwrap_or_default()),
        (None, _) => input.with_extension("pdf"),
    }
}

fn render_one(input: &Path, target: &Path, options: &Options) -> Status {
    let source = match read_input(input) {
        Ok(s) => s,
        Err(status) => return status,
    };
    let checked = dfr::check(&source);
    for d in &checked.diagnostics {
        eprintln!("{}", d.render(&shown(input)));
    }
    let Some(declaration) = checked.declaration else {
        eprintln!("{}: not rendered: fix the errors above", shown(input));
        return Status::Invalid;
    };
    let pdf = match dfr::render_pdf(&declaration, options) {
        Ok(pdf) => pdf,
        Err(e) => {
            eprintln!("error: {}: the templates failed:\n{e}", shown(input));
            return Status::Failure;
        }
    };
    match write_atomically(target, &pdf) {
        Ok(()) => {
            println!("wrote {}", target.display());
            Status::Success
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", target.display());
            Status::Failure
        }
    }
}

/// Writes `bytes` to a temporary file (owner-only) beside `target`, then renames it into place.
fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".dfr-")
        .suffix(".pdf.tmp")
        .tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(target).map_err(|e| e.error)?;
    Ok(())
}
