//! `dfr render`: declaration files in, PDF contracts out.

use super::{RenderOptions, Status, read_input, shown, worst};
use dfr::Options;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

const EXAMPLES: &str = "\
Examples:
  dfr render examples/dara-and-sophea.toml
      writes examples/dara-and-sophea.pdf
  dfr render couple.toml -o contract.pdf --layout stacked
  dfr render --lang km couple.toml
  dfr render a.toml b.toml -o out/
      several files: -o is a folder
  dfr render --draft couple.toml
      a draft for review: watermark, no data attached
  dfr render --format txt couple.toml
      writes couple.txt, the review copy: the exact text, clause by clause
  dfr render --format png couple.toml -o preview/
      writes preview/couple-1.png, preview/couple-2.png, ...
  dfr render --redact couple.toml -o couple-redacted.pdf
      a copy safe to share: personal details reduced, no data attached

Exit status: 0 all rendered, 1 an input is invalid (nothing is written for it),
2 usage, template or I/O error.";

/// Render declaration files as print-ready PDF contracts, review copies or page previews.
///
/// Every file is validated first; an invalid file prints its problems and no PDF.
/// Several files are rendered on every core; one invalid file does not stop the others.
/// A PDF is written to a temporary file beside its target and renamed into place,
/// so an existing PDF is only ever replaced by a complete one.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Declaration files (TOML).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output: for one input, the file to write (default: the input with .pdf or .txt)
    /// or, with --format png, the folder for the pages (default: the input's folder);
    /// for several inputs, a folder.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// What to write: the PDF contract; `txt`, the review copy (plain UTF-8 text, clause
    /// by clause, Khmer then English, exactly the words the PDF prints); or `png`, one
    /// image per page (144 dpi) for a preview on screen.
    #[arg(long, value_enum, default_value = "pdf")]
    pub format: Format,
    #[command(flatten)]
    pub render: RenderOptions,
    /// Also write the Typst sources, data and fonts of the render to DIR, for
    /// `typst compile --ignore-system-fonts --ignore-embedded-fonts --font-path DIR/fonts DIR/main.typ`.
    #[arg(long, value_name = "DIR")]
    pub emit_bundle: Option<PathBuf>,
}

/// `--format`: what `dfr render` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The contract as PDF (archival PDF/A-3b with its data attached, unless a draft or redacted).
    Pdf,
    /// The review copy: the contract's text, clause by clause, as UTF-8.
    Txt,
    /// One PNG image per page.
    Png,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Txt => "txt",
            Format::Png => "png",
        }
    }
}

/// Runs the command.
pub fn run(args: Args) -> Status {
    let options = match args.render.options() {
        Ok(o) => o,
        Err(status) => return status,
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
    // One worker per core; each takes the next file until none is left.
    let next = AtomicUsize::new(0);
    let printer = Mutex::new(());
    let statuses: Vec<Status> = std::thread::scope(|scope| {
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(args.files.len());
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut statuses = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(input) = args.files.get(i) else {
                            break;
                        };
                        let target =
                            output_path(input, args.output.as_deref(), several, args.format);
                        let bundle = args.emit_bundle.as_ref().map(|dir| match several {
                            true => dir.join(input.file_stem().unwrap_or_default()),
                            false => dir.clone(),
                        });
                        let report =
                            render_one(input, &target, bundle.as_deref(), args.format, &options);
                        let _lock = printer.lock().unwrap_or_else(|e| e.into_inner());
                        print!("{}", report.out);
                        eprint!("{}", report.err);
                        statuses.push(report.status);
                    }
                    statuses
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|_| vec![Status::Failure]))
            .collect()
    });
    let done = statuses.iter().filter(|s| **s == Status::Success).count();
    if several {
        let failed = args.files.len() - done;
        println!(
            "rendered {done} of {} files, {failed} failed",
            args.files.len()
        );
    }
    statuses.into_iter().fold(Status::Success, worst)
}

/// Where the output for `input` goes: a file, or for PNG pages the folder to put them in.
fn output_path(input: &Path, output: Option<&Path>, several: bool, format: Format) -> PathBuf {
    if format == Format::Png {
        let beside = || match input.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        return output.map_or_else(beside, Path::to_path_buf);
    }
    let named = input.with_extension(format.extension());
    match (output, several) {
        (Some(path), false) => path.to_path_buf(),
        (Some(dir), true) => dir.join(named.file_name().unwrap_or_default()),
        (None, _) => named,
    }
}

/// What rendering one file printed, and how it ended.
struct Report {
    status: Status,
    out: String,
    err: String,
}

impl Report {
    /// The report ended by a failure with `status` and `message`.
    fn fail(mut self, status: Status, message: String) -> Report {
        self.status = status;
        self.err.push_str(&message);
        self
    }
}

fn render_one(
    input: &Path,
    target: &Path,
    bundle: Option<&Path>,
    format: Format,
    options: &Options,
) -> Report {
    let mut report = Report {
        status: Status::Success,
        out: String::new(),
        err: String::new(),
    };
    let source = match read_input(input) {
        Ok(s) => s,
        Err((status, message)) => return report.fail(status, message),
    };
    let checked = dfr::check(&source);
    for d in &checked.diagnostics {
        report
            .err
            .push_str(&format!("{}\n", d.render(&shown(input))));
    }
    let Some(declaration) = checked.declaration else {
        return report.fail(
            Status::Invalid,
            format!("{}: not rendered: fix the errors above\n", shown(input)),
        );
    };
    if let Some(dir) = bundle {
        if let Err(e) = dfr::bundle::write_bundle(&declaration, options, dir) {
            return report.fail(Status::Failure, format!("error: {}: {e}\n", shown(input)));
        }
        report
            .out
            .push_str(&format!("wrote the Typst bundle to {}\n", dir.display()));
    }
    let written = match format {
        Format::Pdf => dfr::render_pdf(&declaration, options)
            .map(|pdf| write_atomically(target, &pdf).map(|()| vec![target.to_path_buf()])),
        Format::Txt => dfr::review_text(&declaration, options).map(|text| {
            write_atomically(target, text.as_bytes()).map(|()| vec![target.to_path_buf()])
        }),
        Format::Png => dfr::render_png(&declaration, options)
            .map(|pages| write_pages(target, &file_stem(input), &pages)),
    };
    match written {
        Err(e) => report.fail(
            Status::Failure,
            format!("error: {}: the templates failed:\n{e}\n", shown(input)),
        ),
        Ok(Err(e)) => {
            let hint = match format == Format::Png && target.is_file() {
                true => "  hint: with --format png, -o names the folder for the pages\n",
                false => "",
            };
            report.fail(
                Status::Failure,
                format!("error: cannot write {}: {e}\n{hint}", target.display()),
            )
        }
        Ok(Ok(paths)) => {
            for path in paths {
                report.out.push_str(&format!("wrote {}\n", path.display()));
            }
            report
        }
    }
}

fn file_stem(input: &Path) -> String {
    input.file_stem().map_or_else(
        || "contract".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// Writes `pages` as `DIR/STEM-1.png`, `DIR/STEM-2.png`, … and removes the numbered
/// pages of an earlier, longer render, so the folder never mixes two versions.
fn write_pages(dir: &Path, stem: &str, pages: &[Vec<u8>]) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (i, png) in pages.iter().enumerate() {
        let path = dir.join(format!("{stem}-{}.png", i + 1));
        write_atomically(&path, png)?;
        written.push(path);
    }
    for n in pages.len() + 1.. {
        let stale = dir.join(format!("{stem}-{n}.png"));
        if std::fs::remove_file(&stale).is_err() {
            break;
        }
    }
    Ok(written)
}

/// Writes `bytes` to a temporary file (owner-only) beside `target`, then renames it into place.
pub fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".dfr-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(target).map_err(|e| e.error)?;
    Ok(())
}
