//! `dfr diff`: what changed between two versions of a declaration.

use super::report::Report;
use super::{Status, load_declaration};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Example:
  dfr diff couple-v1.toml couple-v2.toml
      Data: 1 changed value
        assets[3].shares: [60, 40] → [50, 50]

      Wording: 2 parts changed

      ── header
      - លេខសម្គាល់ឯកសារ ID 2VYT-35AT-F3F8
      + លេខសម្គាល់ឯកសារ ID D1T4-05HA-RCH3

      ── schedule-property
      តារាងទ្រព្យសម្បត្តិ
      Schedule of property
      - | ៣ | គណនីសន្សំរួមនៅធនាគារ | 000 123 456 | ទ្រព្យសម្បត្តិរួម | ៦០% / ៤០% | …
      - | 3 | Joint savings account | 000 123 456 | Both partners | 60% / 40% | …
      + | ៣ | គណនីសន្សំរួមនៅធនាគារ | 000 123 456 | ទ្រព្យសម្បត្តិរួម | ៥០% / ៥០% | …
      + | 3 | Joint savings account | 000 123 456 | Both partners | 50% / 50% | …

Exit status: 0 identical, 1 they differ, 2 a file is invalid or cannot be read.";

/// Compare two declaration files: the data that changed, then the wording that changed.
///
/// First every changed value, by key path; then every part of the contract whose
/// printed wording changed, old lines (`-`) and new lines (`+`), in Khmer and English,
/// exactly as the two PDFs print them.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The earlier declaration (TOML).
    #[arg(value_name = "OLD.toml")]
    pub old: PathBuf,
    /// The later declaration (TOML).
    #[arg(value_name = "NEW.toml")]
    pub new: PathBuf,
    /// Word both with the template set in DIR instead of the built-in one.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args) -> Status {
    let renderer = match super::renderer(args.templates.as_deref()) {
        Ok(renderer) => renderer,
        Err(status) => return status,
    };
    let (old, new) = (load_declaration(&args.old), load_declaration(&args.new));
    let (Some(old), Some(new)) = (old, new) else {
        return Report::error("cannot compare: fix the errors above").fail(Status::Failure);
    };
    let options = dfr::Options::default();
    let difference = match dfr::outputs::diff::compare(&renderer, &old, &new, &options) {
        Ok(d) => d,
        Err(e) => {
            return Report::error(format!("the templates failed:\n{e}")).fail(Status::Failure);
        }
    };
    print!("{}", report(&difference));
    match difference.is_empty() {
        true => Status::Success,
        // Exit status 1: the declarations differ (as diff(1) does).
        false => Status::Invalid,
    }
}

/// The difference as `dfr diff` prints it: the changed values, then the changed parts.
pub fn report(difference: &dfr::outputs::diff::Difference) -> String {
    if difference.is_empty() {
        return "The declarations are identical.\n".to_owned();
    }
    let plural = |n: usize, one: &str, many: &str| match n {
        1 => format!("1 {one}"),
        _ => format!("{n} {many}"),
    };
    let mut out = format!(
        "Data: {}\n",
        plural(difference.data.len(), "changed value", "changed values")
    );
    for change in &difference.data {
        out.push_str(&format!("  {change}\n"));
    }
    out.push_str(&format!(
        "\nWording: {}\n",
        plural(difference.wording.len(), "part changed", "parts changed")
    ));
    for change in &difference.wording {
        out.push_str(&format!("\n{}", change.text()));
    }
    out
}
