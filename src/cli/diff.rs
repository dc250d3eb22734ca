//! `dfr diff`: what changed between two versions of a contract, as text or as a redline PDF.

use super::output::{self, Destination};
use super::report::Report;
use super::{Status, load_declaration, shown};
use dfr::outputs::diff::{Difference, Style, Version};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

const AFTER_HELP: &str = "\
Examples:
  dfr diff couple-v1.toml couple-v2.toml
      Data: 2 changed values
        partners[1].occupation.en: \"Teacher\" → \"Head teacher\"
        partners[1].occupation.km: \"គ្រូបង្រៀន\" → \"នាយកសាលា\"

      Wording: 2 parts changed

      ── 01-parties
      ប្រការ ១៖ ភាគីនៃសេចក្ដីថ្លែង
      Article 1: The parties
      ~ ភាគីទី១៖ ឈ្មោះ សុខ ដារ៉ា … មុខរបរ[-គ្រូបង្រៀន-]{+នាយកសាលា+} អាសយដ្ឋាន…
      ~ First party: SOK Dara, … occupation: [-Teacher-]{+Head teacher+}, residing …
      ── footer
      បាតកថានៃទំព័រនីមួយៗ
      Footer of each page
      ~ លេខសម្គាល់ឯកសារ / Document ID [-0R90-5ZR8-2FAF-]{+E3XC-4QYE-QVH1+}
  dfr diff draft-1.pdf draft-2.pdf
      two drafts (or redacted copies): what they print, word by word
  dfr diff couple.toml --templates wording-old/ --against wording-new/
      a change of the wording: one declaration under two template sets
  dfr diff couple-v1.toml couple-v2.toml --format pdf -o redline.pdf
      the redline: the later contract in its own layout, removed words struck
      through and added words underlined, a first page listing the changed data
  dfr diff couple-v1.toml couple-v2.toml --format txt -o changes.txt
      plain text to paste into an email

Each version is a declaration file (TOML) or a PDF made by dfr: a final copy is
compared by its attached data, a draft or redacted copy by what it prints. Changed
words are marked inside the paragraph, Khmer split into words by the same dictionary
the layout breaks lines with: `[-removed-]{+added+}` in plain text, red struck-through
and green underlined words in a terminal. `~` starts a changed line, `-` a removed
one, `+` a new one; an article whose only change is its number says so in one line.

Exit status: 0 identical, 1 they differ, 2 a file is invalid or cannot be read.";

/// Compare two versions of a contract: the data that changed, then the wording, word by word.
///
/// First every changed value, by key path; then every part of the contract whose
/// printed wording changed, each changed word marked, in Khmer and English, exactly
/// as the two PDFs print them. With --format pdf, a redline PDF instead.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The earlier version: a declaration (TOML) or a PDF made by dfr.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later version; leave it out with --against to compare OLD under two template sets.
    #[arg(value_name = "NEW", required_unless_present = "against")]
    pub new: Option<PathBuf>,
    /// Word the versions with the template set in DIR instead of the built-in one
    /// (with --against: the earlier wording).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Compare OLD worded by --templates (or the built-in set) with OLD worded by the
    /// template set in DIR: every sentence a change of the wording changes.
    #[arg(long, value_name = "DIR", conflicts_with = "new")]
    pub against: Option<PathBuf>,
    /// What to write: the changes as text (in colour on a terminal), `txt` (plain text,
    /// changes marked [-removed-]{+added+}), or `pdf` (the redline).
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Where to write (default: standard output for text; for the redline PDF,
    /// NEW-redline.pdf beside NEW). `-` is standard output.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Colour in the terminal: `auto` (when standard output is a terminal and NO_COLOR
    /// is not set), `always` or `never`.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
}

/// `--format`: what `dfr diff` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The changes as text, in colour on a terminal.
    Text,
    /// Plain text, changes marked `[-removed-]{+added+}`.
    Txt,
    /// The redline PDF.
    Pdf,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    /// In colour when standard output is a terminal and NO_COLOR is not set.
    Auto,
    /// Always in colour.
    Always,
    /// Never in colour.
    Never,
}

/// One version as read: what it is, and its file for messages.
struct Read {
    version: Version,
    file: String,
}

/// Runs the command.
pub fn run(args: Args) -> Status {
    let old_renderer = match super::renderer(args.templates.as_deref()) {
        Ok(renderer) => renderer,
        Err(status) => return status,
    };
    let new_renderer = match &args.against {
        Some(dir) => match super::renderer(Some(dir)) {
            Ok(renderer) => Some(renderer),
            Err(status) => return status,
        },
        None => None,
    };
    let passphrase = super::Passphrase::new();
    let old = read(&args.old, &passphrase);
    let new = match &args.new {
        Some(path) => read(path, &passphrase),
        None => read(&args.old, &passphrase),
    };
    let (Some(old), Some(new)) = (old, new) else {
        return Report::error("cannot compare: fix the errors above").fail(Status::Failure);
    };
    if args.against.is_some() && old.version.declaration().is_none() {
        return Report::error(format!(
            "{}: a draft or redacted copy carries no data to word again with another template set",
            old.file
        ))
        .hint("give the declaration file, or a final copy (which carries its data)")
        .fail(Status::Failure);
    }
    let new_renderer = new_renderer.as_ref().unwrap_or(&old_renderer);
    // A PDF's printed text is read from a file anyone can make: the comparison and the
    // redline are watched like a render, and stopped with a message if they run long.
    let _deadline =
        super::guard::Deadline::start(format!("the comparison of {} and {}", old.file, new.file));
    let models = old
        .version
        .model(&old_renderer)
        .and_then(|o| Ok((o, new.version.model(new_renderer)?)));
    let (old_model, new_model) = match models {
        Ok(models) => models,
        Err(e) => {
            return Report::error(format!("the templates failed:\n{e}")).fail(Status::Failure);
        }
    };
    let (old_input, new_input) = (
        old.version.declaration().map(|d| d.input()),
        new.version.declaration().map(|d| d.input()),
    );
    let difference = dfr::outputs::diff::between(old_input, &old_model, new_input, &new_model);
    let bytes = match args.format {
        Format::Pdf => {
            let date = new
                .version
                .declaration()
                .or(old.version.declaration())
                .map_or_else(today, |d| d.input().declaration.date.0);
            match new_renderer.redline_pdf(
                &old_model,
                &new_model,
                &difference,
                new.version.declaration(),
                date,
            ) {
                Ok(pdf) => pdf,
                Err(e) => {
                    return Report::error(format!("the redline failed:\n{e}"))
                        .fail(Status::Failure);
                }
            }
        }
        Format::Text | Format::Txt => {
            let colour = args.format == Format::Text && colour(args.color, args.output.as_deref());
            let style = match colour {
                true => Style::TERMINAL,
                false => Style::BRACKETS,
            };
            report(&difference, &style).into_bytes()
        }
    };
    let target = match (&args.output, args.format) {
        (Some(path), _) => path.clone(),
        (None, Format::Pdf) => redline_path(args.new.as_deref().unwrap_or(&args.old)),
        (None, _) => PathBuf::from(output::STDOUT),
    };
    let mut inputs = vec![args.old.clone()];
    inputs.extend(args.new.clone());
    let written = output::refuse_overwriting(&target, &inputs, "the input")
        .and_then(|()| output::destination(&target))
        .and_then(|destination| {
            output::write(&destination, &bytes)?;
            Ok(destination)
        });
    match written {
        Ok(Destination::Stdout) => {}
        Ok(_) => println!("wrote {}", shown(&target)),
        Err(e) => {
            super::report::say(&super::output_error(&e));
            return Status::Failure;
        }
    }
    match difference.is_empty() {
        true => Status::Success,
        // Exit status 1: the versions differ (as diff(1) does).
        false => Status::Invalid,
    }
}

/// Reads a version: a PDF made by dfr (by its first bytes) or a declaration file; its
/// problems are printed.
fn read(path: &Path, passphrase: &super::Passphrase) -> Option<Read> {
    let file = shown(path);
    let is_pdf = {
        use std::io::Read as _;
        let mut head = [0u8; 5];
        std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut head))
            .is_ok_and(|()| &head == b"%PDF-")
    };
    if !is_pdf {
        let declaration = load_declaration(path, passphrase)?;
        return Some(Read {
            version: Version::Declaration(Box::new(declaration)),
            file,
        });
    }
    let bytes = match super::read_pdf(path) {
        Ok(bytes) => bytes,
        Err(message) => {
            super::report::say(&Report::error(message).to_string());
            return None;
        }
    };
    match Version::from_pdf(&bytes) {
        Ok(version) => Some(Read { version, file }),
        Err(e) => {
            super::report::say(&Report::error(e).at(&file).to_string());
            None
        }
    }
}

/// `couple-v2.toml` → `couple-v2-redline.pdf` beside it.
fn redline_path(new: &Path) -> PathBuf {
    let stem = new.file_stem().map_or_else(
        || "redline".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    new.with_file_name(format!("{stem}-redline.pdf"))
}

/// Today's date, for a redline of two drafts (which carry no date of their own).
fn today() -> dfr::locale::Date {
    super::calendar::today_in_phnom_penh()
}

/// Whether to write in colour.
fn colour(choice: Color, output: Option<&Path>) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            let to_stdout = output.is_none_or(|p| p.as_os_str() == output::STDOUT);
            to_stdout
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// The difference as `dfr diff` prints it: the changed values, then the changed parts.
pub fn report(difference: &Difference, style: &Style) -> String {
    if difference.is_empty() {
        return "The versions are identical.\n".to_owned();
    }
    let plural = |n: usize, one: &str, many: &str| match n {
        1 => format!("1 {one}"),
        _ => format!("{n} {many}"),
    };
    let mut out = match difference.data_compared {
        true => format!(
            "Data: {}\n",
            plural(difference.data.len(), "changed value", "changed values")
        ),
        false => "Data: not compared (a draft or redacted copy carries none); the printed text was compared\n".to_owned(),
    };
    for change in &difference.data {
        out.push_str(&format!("  {change}\n"));
    }
    out.push_str(&format!(
        "\nWording: {}\n\n",
        plural(difference.wording.len(), "part changed", "parts changed")
    ));
    for change in &difference.wording {
        out.push_str(&change.styled(style));
    }
    out
}
