//! `dfr places`: look up Cambodia's provinces, districts, communes and villages by name or code.

use super::Status;
use super::report::{self, Report};
use dfr::places::gazetteer::{Unresolved, gazetteer};

const AFTER_HELP: &str = "\
Examples:
  dfr places ទឹកល្អក់
  dfr places \"Tuek L'ak\"              the same places, by their Latin names
  dfr places 120406                   the place with that code, then its villages
  dfr places \"Phnom Penh/Tuol Kouk/ទឹកល្អក់ទី៣\"
                                      a name path, largest first, in either script

Each line is: code, the Khmer address line, the Latin address line (smallest unit
first), separated by tabs. Names match ignoring case, spaces, apostrophes and the unit
word (សង្កាត់, Khan…). The data is Cambodia's gazetteer (NCDD, via the pumi library).

Exit status: 0 places found, 1 none, 2 usage error.";

/// Find places in Cambodia's gazetteer by name (Khmer or Latin letters) or by code.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// A name or part of one, a code (2, 4, 6 or 8 digits), or a name path `A/B/C`.
    #[arg(value_name = "QUERY")]
    pub query: String,
    /// Print at most N places.
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub limit: usize,
}

/// Runs the command.
pub fn run(args: Args) -> Status {
    let g = gazetteer();
    let line = |code: &str| format!("{code}\t{}\t{}", g.khmer_chain(code), g.latin_chain(code));
    if args.query.contains('/') {
        let path: Vec<&str> = args.query.split('/').map(str::trim).collect();
        return match g.resolve(&path) {
            Ok(place) => {
                println!("{}", line(&place.code));
                Status::Success
            }
            Err(Unresolved::NotFound { name, closest }) => {
                let mut report = Report::error(format!("no place named {name:?} there"));
                for (code, latin, khmer) in closest {
                    report = report.hint(format!("did you mean {code} {khmer} ({latin})?"));
                }
                report.fail(Status::Invalid)
            }
            Err(Unresolved::Ambiguous { name, codes }) => {
                let mut report = Report::error(format!("several places are named {name:?}:"));
                for code in codes {
                    report = report.detail(line(&code));
                }
                report.fail(Status::Invalid)
            }
        };
    }
    let mut found = g.search(&args.query);
    // A code lists the place, then the places directly under it.
    if let [place] = found[..]
        && args.query.trim() == place.code
    {
        found.extend(g.children(&place.code));
    }
    if found.is_empty() {
        return Report::error(format!("no place matches {:?}", args.query))
            .hint("try part of the name, in Khmer or in Latin letters (dfr places ទឹកល្អក់)")
            .fail(Status::Invalid);
    }
    for place in found.iter().take(args.limit) {
        println!("{}", line(&place.code));
    }
    if found.len() > args.limit {
        report::note(format!(
            "… and {} more; narrow the search, or give --limit {}",
            found.len() - args.limit,
            found.len()
        ));
    }
    Status::Success
}
