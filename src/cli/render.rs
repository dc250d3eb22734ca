//! `dfr render`: declaration files in, PDF contracts out.

use super::report::{self, Report};
use super::{RenderOptions, Status, output_error, shown, template_files, worst};
use crate::cli::output::{self, Destination};
use dfr::{Options, Renderer};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

mod kit;
mod plan;

use plan::{Guard, Plan, file_stem, plan, usage_problem};

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
  dfr render --format txt --pages --draft couple.toml -o -
      the review copy page by page, as the draft PDF breaks its pages
  dfr render --format png couple.toml -o preview/
      writes preview/couple-1.png, preview/couple-2.png, ...
  dfr render --redact couple.toml -o couple-redacted.pdf
      a copy safe to share: personal details reduced, no data attached
  dfr render couple.toml -o - | lp
      the PDF on standard output, for a printer or another program
  dfr render couple.toml --document all
      the contract and the couple's kit, into couple-kit/ (dfr documents lists them)
  dfr render couple.toml --document guide
      writes couple-guide.pdf: the guide for the couple
  dfr render couple.toml --document medical-card -o cards/
      writes cards/medical-card-partner-1.pdf and cards/medical-card-partner-2.pdf

Exit status: 0 all rendered, 1 an input is invalid (nothing is written for it),
2 usage, template or I/O error.";

/// Render declaration files as print-ready PDF contracts, review copies or page previews.
///
/// Every file is validated first; an invalid file prints its problems and no PDF.
/// Several files are rendered on every core; one invalid file does not stop the others.
/// A PDF is written to a temporary file beside its target and renamed into place,
/// so an existing PDF is only ever replaced by a complete one. An output that is the
/// input or a template file, or that two inputs would share, is refused before
/// anything is rendered. A symbolic link is followed to its file (the link stays);
/// a device or named pipe is written straight to; `-o -` writes to standard output.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Declaration files (TOML).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output: for one input, the file to write (default: the input with .pdf or .txt)
    /// or, with --format png, the folder for the pages (default: the input's folder);
    /// for several inputs, a folder. `-` is standard output (one input, pdf or txt).
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// What to write: the PDF contract; `txt`, the review copy (plain UTF-8 text, clause
    /// by clause, each Khmer paragraph followed by its English one, signature blocks and
    /// blanks included: every word the PDF prints); or `png`, one image per page
    /// (144 dpi) for a preview on screen.
    #[arg(long, value_enum, default_value = "pdf")]
    pub format: Format,
    /// With --format txt: break the review copy into pages where the PDF breaks them,
    /// each closed by its footer (reference, document ID, initials boxes, page number).
    #[arg(long)]
    pub pages: bool,
    #[command(flatten)]
    pub render: RenderOptions,
    /// The document to make: `contract` (the default); a document of the kit (`guide`,
    /// `medical-card`, `parent-letter`, `chief-letter`, `will`, or one the template set
    /// adds: `dfr documents` lists them); or `all`, the contract and every document the
    /// declaration calls for, into the folder -o or FILE-kit/. A document made for each
    /// partner or child writes one file each (NAME-partner-1.pdf, NAME-child-2.pdf).
    #[arg(long, value_name = "NAME", default_value = dfr::CONTRACT)]
    pub document: String,
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
    let options = args.render.options();
    let renderer = match args.render.renderer() {
        Ok(renderer) => renderer,
        Err(status) => return status,
    };
    let several = args.files.len() > 1;
    if let Some(message) = usage_problem(&args) {
        report::say(&message);
        return Status::Failure;
    }
    let guard = Guard {
        inputs: args.files.clone(),
        templates: template_files(args.render.templates.as_deref(), renderer.templates()),
    };
    if args.document != dfr::CONTRACT {
        if let Some(message) = kit::usage_problem(&args) {
            report::say(&message);
            return Status::Failure;
        }
        return kit::run(&args, &renderer, &options, &guard);
    }
    // Every output is planned, and every clash refused, before anything is rendered.
    let plans = match plan(&args, &guard) {
        Ok(plans) => plans,
        Err(message) => {
            report::say(&message);
            return Status::Failure;
        }
    };
    if several
        && let Some(dir) = &args.output
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        let message = format!("cannot create the output folder {}: {e}", dir.display());
        return Report::error(message).fail(Status::Failure);
    }
    // Rendered on every core; each file's messages are printed whole when it is done.
    let printer = Mutex::new(());
    let passphrase = super::Passphrase::new();
    let statuses: Vec<Status> = plans
        .par_iter()
        .map(|plan| {
            let what = match (args.format, args.pages) {
                (Format::Txt, true) => What::PagedText,
                (format, _) => What::Format(format),
            };
            let report = render_one(&renderer, plan, what, &options, &guard, &passphrase);
            let _lock = printer.lock().unwrap_or_else(|e| e.into_inner());
            print!("{}", report.out);
            report::say(&report.err);
            report.status
        })
        .collect();
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

/// What rendering one file printed, and how it ended.
struct Outcome {
    status: Status,
    out: String,
    err: String,
}

impl Outcome {
    /// The outcome ended by a failure with `status` and `message`.
    fn fail(mut self, status: Status, message: String) -> Outcome {
        self.status = status;
        self.err.push_str(&message);
        self
    }
}

/// What one render makes: a format, or the review copy page by page.
#[derive(Debug, Clone, Copy)]
enum What {
    Format(Format),
    PagedText,
}

fn render_one(
    renderer: &Renderer,
    plan: &Plan,
    what: What,
    options: &Options,
    guard: &Guard,
    passphrase: &super::Passphrase,
) -> Outcome {
    let input = plan.input.as_path();
    let target = plan.target.as_path();
    let mut report = Outcome {
        status: Status::Success,
        out: String::new(),
        err: String::new(),
    };
    let loaded = super::load(input, options.copy, passphrase);
    report.err.push_str(&loaded.messages);
    if loaded.status == Status::Failure {
        return report.fail(Status::Failure, String::new());
    }
    let Some(declaration) = loaded.declaration else {
        return report.fail(
            Status::Invalid,
            format!("{}: not rendered: fix the errors above\n", shown(input)),
        );
    };
    if let Some(dir) = &plan.bundle {
        if let Err(e) = crate::cli::bundle::write_bundle(renderer, &declaration, options, dir) {
            let message = Report::error(format!("{}: {e}", shown(input)));
            return report.fail(Status::Failure, message.to_string());
        }
        report
            .out
            .push_str(&format!("wrote the Typst bundle to {}\n", dir.display()));
    }
    let _deadline = super::guard::Deadline::start(shown(input));
    let bytes = match what {
        What::Format(Format::Pdf) => renderer
            .render_pdf(&declaration, options)
            .map(|pdf| vec![pdf]),
        What::Format(Format::Txt) => renderer
            .review_text(&declaration, options)
            .map(|t| vec![t.into_bytes()]),
        What::PagedText => renderer
            .review_text_by_page(&declaration, options)
            .map(|t| vec![t.into_bytes()]),
        What::Format(Format::Png) => renderer.render_png(&declaration, options),
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(e) => {
            return report.fail(
                Status::Failure,
                Report::error(format!("{}: the templates failed:\n{e}", shown(input))).to_string(),
            );
        }
    };
    let written = match &plan.destination {
        Some(destination) => output::write(destination, &bytes[0])
            .map(|()| vec![(target.to_path_buf(), destination.clone())])
            .map_err(|e| output_error(&e)),
        None => write_pages(target, &file_stem(input), &bytes, guard),
    };
    match written {
        Err(message) => report.fail(Status::Failure, message),
        Ok(paths) => {
            for (path, destination) in paths {
                report.said(&path, &destination);
                if loaded.encrypted && matches!(destination, Destination::File(_)) {
                    report.err.push_str(&format!(
                        "warning: {} is not encrypted: whoever reads this disk can read it; \
                         remove it once printed or handed over\n",
                        path.display()
                    ));
                }
            }
            report
        }
    }
}

impl Outcome {
    /// Says that `path` was written: on standard output for a file, on standard error
    /// for a device or pipe (which may be standard output itself), not at all for `-`.
    fn said(&mut self, path: &Path, destination: &Destination) {
        let line = format!("wrote {}\n", path.display());
        match destination {
            Destination::File(_) => self.out.push_str(&line),
            Destination::Stream { .. } => self.err.push_str(&line),
            Destination::Stdout => {}
        }
    }
}

/// Writes `pages` as `DIR/STEM-1.png`, `DIR/STEM-2.png`, … and removes the numbered
/// pages of an earlier, longer render, so the folder never mixes two versions.
fn write_pages(
    dir: &Path,
    stem: &str,
    pages: &[Vec<u8>],
    guard: &Guard,
) -> Result<Vec<(PathBuf, Destination)>, String> {
    if dir.is_file() {
        let report = Report::error(format!(
            "cannot write the pages into {}: it is a file",
            dir.display()
        ));
        let hint = "with --format png, -o names the folder for the pages";
        return Err(report.hint(hint).to_string());
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        Report::error(format!("cannot create the folder {}: {e}", dir.display())).to_string()
    })?;
    // The pages are replaced as one set: all written, or none (a full disk leaves the
    // earlier pages as they were, not a mix of two renders).
    let mut written = Vec::new();
    for i in 0..pages.len() {
        let path = dir.join(format!("{stem}-{}.png", i + 1));
        let destination = guard.check(&path)?;
        written.push((path, destination));
    }
    let set: Vec<_> = written
        .iter()
        .zip(pages)
        .map(|((_, d), png)| (d.clone(), png.as_slice()))
        .collect();
    output::write_set(&set).map_err(|e| output_error(&e))?;
    for n in pages.len() + 1.. {
        let stale = dir.join(format!("{stem}-{n}.png"));
        if !std::fs::symlink_metadata(&stale).is_ok_and(|m| m.is_file())
            || std::fs::remove_file(&stale).is_err()
        {
            break;
        }
    }
    Ok(written)
}
