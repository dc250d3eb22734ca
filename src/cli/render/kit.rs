//! `dfr render --document NAME|all`: the kit's documents of one declaration, every copy it calls for.

use super::plan::{Guard, file_stem};
use super::{Args, Format};
use crate::cli::output::{self, Destination};
use crate::cli::report::{self, Report};
use crate::cli::{Status, output_error, shown};
use dfr::{CONTRACT, Options, Renderer, Subject};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// `--document all`: the contract and every document the declaration calls for.
pub(super) const ALL: &str = "all";

/// Why `--document` cannot be used with the other arguments, if it cannot.
pub(super) fn usage_problem(args: &Args) -> Option<String> {
    let problem = if args.files.len() > 1 {
        "--document takes one declaration file"
    } else if args.format != Format::Pdf {
        "--document makes PDFs only (--format pdf)"
    } else if args.emit_bundle.is_some() {
        "--emit-bundle is for the contract, not --document"
    } else if args.render.redact {
        "the kit's documents are made for the couple: --redact is for the contract"
    } else {
        return None;
    };
    let hint =
        "render the contract with `dfr render FILE`, the kit with `dfr render FILE --document all`";
    Some(Report::error(problem).hint(hint).to_string())
}

/// One file to write: which document, for whom, and where.
struct Planned {
    name: String,
    subject: Subject,
    path: PathBuf,
    destination: Destination,
}

/// Renders the document `args.document` (or all of them) of the one input file.
pub(super) fn run(args: &Args, renderer: &Renderer, options: &Options, guard: &Guard) -> Status {
    let input = args.files[0].as_path();
    let wanted = args.document.as_str();
    let kinds = match renderer.documents() {
        Ok(kinds) => kinds,
        Err(e) => return Report::error(e).fail(Status::Failure),
    };
    if wanted != ALL && !kinds.iter().any(|k| k.name == wanted) {
        let names: Vec<&str> = kinds.iter().map(|k| k.name.as_str()).collect();
        let report = Report::error(format!("there is no document {wanted:?}"));
        let hint = format!(
            "the template set has {}, or `all`; `dfr documents` says what each is",
            names.join(", ")
        );
        return report.hint(hint).fail(Status::Failure);
    }
    let passphrase = crate::cli::Passphrase::new();
    let loaded = crate::cli::load(input, options.copy, &passphrase);
    report::say(&loaded.messages);
    if loaded.status == Status::Failure {
        return Status::Failure;
    }
    let Some(declaration) = loaded.declaration else {
        report::say(&format!(
            "{}: not rendered: fix the errors above\n",
            shown(input)
        ));
        return Status::Invalid;
    };
    let names: Vec<&str> = match wanted {
        ALL => kinds.iter().map(|k| k.name.as_str()).collect(),
        one => vec![one],
    };
    let mut copies = Vec::new();
    for name in names {
        match renderer.copies(&declaration, name) {
            Ok(subjects) => copies.extend(subjects.into_iter().map(|s| (name.to_owned(), s))),
            Err(e) => return Report::error(format!("{}: {e}", shown(input))).fail(Status::Failure),
        }
    }
    if copies.is_empty() {
        let report = Report::error(format!(
            "{}: this declaration calls for no {wanted}",
            shown(input)
        ));
        return report.hint(when_made(&kinds, wanted)).fail(Status::Failure);
    }
    let (planned, folder) = match plan(args, input, &copies, guard) {
        Ok(planned) => planned,
        Err(message) => {
            report::say(&message);
            return Status::Failure;
        }
    };
    let _deadline = crate::cli::guard::Deadline::start(shown(input));
    let rendered: Result<Vec<Vec<u8>>, String> = planned
        .par_iter()
        .map(|p| {
            renderer
                .render_document(&declaration, options, &p.name, p.subject)
                .map_err(|e| {
                    let what = format!("{}{}", p.name, p.subject.suffix());
                    Report::error(format!(
                        "{}: {what}: the templates failed:\n{e}",
                        shown(input)
                    ))
                    .to_string()
                })
        })
        .collect();
    let rendered = match rendered {
        Ok(rendered) => rendered,
        Err(message) => {
            report::say(&message);
            return Status::Failure;
        }
    };
    if let Some(dir) = folder
        && let Err(e) = std::fs::create_dir_all(&dir)
    {
        let message = format!("cannot create the folder {}: {e}", dir.display());
        return Report::error(message).fail(Status::Failure);
    }
    // The kit is written as one set: every file, or none.
    let set: Vec<(Destination, &[u8])> = planned
        .iter()
        .zip(&rendered)
        .map(|(p, bytes)| (p.destination.clone(), bytes.as_slice()))
        .collect();
    let written = match set.as_slice() {
        [(destination, bytes)] => output::write(destination, bytes),
        several => output::write_set(several),
    };
    if let Err(e) = written {
        report::say(&output_error(&e));
        return Status::Failure;
    }
    for p in &planned {
        match p.destination {
            Destination::File(_) => println!("wrote {}", p.path.display()),
            Destination::Stream { .. } => eprintln!("wrote {}", p.path.display()),
            Destination::Stdout => {}
        }
    }
    if loaded.encrypted {
        report::say(&format!(
            "warning: the {} files written are not encrypted: whoever reads this disk can read them; remove them once printed or handed over\n",
            planned.len()
        ));
    }
    Status::Success
}

/// When the document `name` is made, as its `document.toml` declares it.
fn when_made(kinds: &[dfr::DocumentKind], name: &str) -> String {
    let Some(kind) = kinds.iter().find(|k| k.name == name) else {
        return "`dfr documents` says when each document is made".to_owned();
    };
    let mut conditions = Vec::new();
    if kind.audience == dfr::Audience::MinorChild {
        conditions.push("for each child under 18 on the declaration's date".to_owned());
    }
    if let Some(field) = &kind.when {
        // The field of the wording context, as the declaration file spells it.
        conditions.push(format!("only when `{}` is true", field.replace('_', "-")));
    }
    format!("{name} is made {}", conditions.join(" and "))
}

/// `name` in the folder of `input`.
fn beside(input: &Path, name: &str) -> PathBuf {
    match input.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.join(name),
        _ => PathBuf::from(name),
    }
}

/// Where each copy goes: `-o FILE` or `STEM-NAME.pdf` beside the input for a single
/// copy; for several copies or `all`, `NAME[-partner-N|-child-N].pdf` in `-o DIR` or in
/// `STEM-kit/` beside the input, which is returned too. Every output is checked before
/// anything is rendered.
fn plan(
    args: &Args,
    input: &Path,
    copies: &[(String, Subject)],
    guard: &Guard,
) -> Result<(Vec<Planned>, Option<PathBuf>), String> {
    let stdout = args.output.as_deref() == Some(Path::new(output::STDOUT));
    let folder = if args.document == ALL || copies.len() > 1 {
        if stdout {
            let report = Report::error(
                "-o - (standard output) takes one document, and this makes several files",
            );
            return Err(report.hint("give a folder with -o").to_string());
        }
        Some(
            args.output
                .clone()
                .unwrap_or_else(|| beside(input, &format!("{}-kit", file_stem(input)))),
        )
    } else {
        None
    };
    let mut planned = Vec::new();
    let mut errors = String::new();
    for (name, subject) in copies {
        let file = format!("{name}{}.pdf", subject.suffix());
        let path = match (&folder, &args.output) {
            (Some(dir), _) => dir.join(&file),
            (None, Some(path)) => path.clone(),
            (None, None) if name == CONTRACT => beside(input, &format!("{}.pdf", file_stem(input))),
            (None, None) => beside(input, &format!("{}-{file}", file_stem(input))),
        };
        match guard.check(&path) {
            Ok(destination) => planned.push(Planned {
                name: name.clone(),
                subject: *subject,
                path,
                destination,
            }),
            Err(message) => errors.push_str(&message),
        }
    }
    match errors.is_empty() {
        true => Ok((planned, folder)),
        false => Err(errors),
    }
}
