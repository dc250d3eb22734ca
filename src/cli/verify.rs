//! `dfr verify`: check that a final PDF is whole and was made from its data.

use super::report::{self, Report};
use super::{Status, load_declaration, shown};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Examples:
  dfr verify contract.pdf
      checks that the ID printed on every page is the one of the attached data
  dfr verify contract.pdf couple.toml
      also checks that the PDF was made from couple.toml

What verify proves: the pages are exactly those dfr makes from the attached data with
the template set (same languages and layout), none edited, moved, repeated, missing
or taken from another copy. What it cannot prove: who made the file. Anyone with dfr
can render other data into a file that verifies; the signatures, thumbprints and stamp
on paper, or a register of the IDs issued, are what show a copy is genuine. Verify
with the same version of dfr and the same --templates the copy was made with.

Exit status: 0 everything matches, 1 something does not match (the problems are
printed), 2 the file is not a readable final dfr PDF (drafts and redacted copies carry
no data) or DATA.toml is invalid.";

/// Verify a final contract PDF: the ID on every page, the attached data, its source.
///
/// Recomputes the document ID from the attached data and checks that every page prints
/// it, then renders the attached data afresh and compares every page with what the
/// file prints, so an edited, moved, repeated, missing or swapped page is named; with
/// DATA.toml, also checks that the PDF was made from exactly that data.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The contract PDF (a final copy).
    #[arg(value_name = "FILE.pdf")]
    pub pdf: PathBuf,
    /// The declaration the PDF should have been made from.
    #[arg(value_name = "DATA.toml")]
    pub data: Option<PathBuf>,
    /// The template set the PDF was rendered with (the ID covers the wording too).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args) -> Status {
    let renderer = match super::renderer(args.templates.as_deref()) {
        Ok(renderer) => renderer,
        Err(status) => return status,
    };
    let data = match &args.data {
        None => None,
        Some(path) => match load_declaration(path, &super::Passphrase::new()) {
            Some(d) => Some(d),
            None => {
                let message = format!(
                    "cannot verify against {}: fix the errors above",
                    shown(path)
                );
                return Report::error(message).fail(Status::Failure);
            }
        },
    };
    let bytes = match super::read_pdf(&args.pdf) {
        Ok(b) => b,
        Err(message) => return Report::error(message).fail(Status::Failure),
    };
    let pdf = shown(&args.pdf);
    let result = match dfr::outputs::verify::verify(&bytes, &renderer, data.as_ref()) {
        Ok(r) => r,
        Err(e) => return Report::error(e).at(&pdf).fail(Status::Failure),
    };
    match (&result.attached, &result.expected_id) {
        (Ok(d), Some(id)) => println!(
            "{pdf}: the attached data ({}) gives the document ID {id}",
            d.input().declaration.reference
        ),
        (Err(problems), _) => {
            Report::error("the attached data is not a valid declaration:")
                .at(&pdf)
                .print();
            report::say(&format!("{}\n", problems.render("declaration.toml")));
        }
        _ => {}
    }
    let bad = result.bad_pages();
    let total = result.pages.len();
    if let Some(id) = &result.expected_id
        && bad.is_empty()
        && total > 0
    {
        println!("{pdf}: all {total} pages print ID {id}");
    }
    for page in &bad {
        let found = match page.ids.as_slice() {
            [] => "no document ID".to_owned(),
            ids => format!("ID {}", ids.join(", ID ")),
        };
        let mut report =
            Report::error(format!("page {} of {total} prints {found}", page.page)).at(&pdf);
        if args.templates.is_none() && Some(page) == bad.last() {
            report = report.hint("a page may have been replaced, or the data changed after printing; if the PDF was rendered with --templates DIR, verify with the same --templates DIR");
        }
        report.print();
    }
    for problem in &result.printed {
        Report::error(problem.to_string()).at(&pdf).print();
    }
    if result.attached.is_ok() && result.copy.is_none() && bad.is_empty() {
        Report::error("the pages print no ID of a final copy of the attached data")
            .at(&pdf)
            .print();
    }
    if let (Some((languages, layout)), true) = (result.copy, result.printed.is_empty()) {
        println!(
            "{pdf}: every page prints what the attached data gives ({}, {})",
            languages.name(),
            layout.name()
        );
    }
    match (result.made_from, &args.data) {
        (Some(true), Some(path)) => println!("{pdf}: made from {}", shown(path)),
        (Some(false), Some(path)) => {
            Report::error(format!("not made from {}: the data differ", shown(path)))
                .at(&pdf)
                .hint(format!(
                    "`dfr extract {pdf} -o attached.toml`, then `dfr diff {} attached.toml` shows how",
                    shown(path)
                ))
                .print();
        }
        _ => {}
    }
    if result.passed() {
        println!("{pdf}: verified");
        Status::Success
    } else {
        report::note(format!("{pdf}: NOT verified"));
        Status::Invalid
    }
}
