//! `dfr documents`: the documents a template set makes, and the copies a declaration calls for.

use super::{Status, report};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  dfr documents
      the built-in set's documents: what each is, for whom, what it prints
  dfr documents couple.toml
      also the files `dfr render couple.toml --document all` would write
  dfr documents --templates my-set
      the documents of an edited set (a lawyer's folder from `dfr templates`)";

/// List the documents of the template set: the contract and the couple's kit.
///
/// Each document is declared by its `documents/NAME/document.toml` in the template set:
/// its title in both languages, for whom copies are made (the couple, each partner,
/// each minor child, the authority), when it is made, and the fields it prints.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// A declaration file: say which copies it calls for.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Use the template set in DIR (see `dfr templates`) instead of the built-in one.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args) -> Status {
    let renderer = match super::renderer(args.templates.as_deref()) {
        Ok(renderer) => renderer,
        Err(status) => return status,
    };
    let kinds = match renderer.documents() {
        Ok(kinds) => kinds,
        Err(e) => return report::Report::error(e).fail(Status::Failure),
    };
    let declaration = match &args.file {
        None => None,
        Some(file) => {
            let passphrase = super::Passphrase::new();
            match super::load_declaration(file, &passphrase) {
                Some(d) => Some(d),
                None => return Status::Invalid,
            }
        }
    };
    for kind in &kinds {
        println!("{}", kind.name);
        println!("    {} / {}", kind.title.km, kind.title.en);
        println!("    {}", kind.about.en);
        let when = match &kind.when {
            Some(field) => format!(", when {field} is true"),
            None => String::new(),
        };
        println!("    for: {}{when}", kind.audience.name());
        println!("    prints: {}", kind.reads.join(", "));
        if let Some(declaration) = &declaration {
            match renderer.copies(declaration, &kind.name) {
                Ok(copies) if copies.is_empty() => println!("    this declaration: none"),
                Ok(copies) => {
                    let files: Vec<String> = copies
                        .iter()
                        .map(|s| format!("{}{}.pdf", kind.name, s.suffix()))
                        .collect();
                    println!("    this declaration: {}", files.join(", "));
                }
                Err(e) => return report::Report::error(e).fail(Status::Failure),
            }
        }
    }
    Status::Success
}
