//! Command-line arguments, shared helpers and exit statuses.

pub mod bundle;
pub mod calendar;
pub mod check;
pub mod decrypt;
pub mod diff;
pub mod documents;
pub mod encrypt;
pub mod extract;
pub mod guard;
pub mod heap;
pub mod keys;
pub mod leftovers;
pub mod new;
pub mod output;
pub mod places;
pub mod render;
pub mod report;
pub mod serve;
pub mod start;
pub mod synced;
pub mod templates;
pub mod vault;
pub mod verify;
pub mod watch;
pub mod words;

use clap::{Parser, Subcommand, ValueEnum};
use dfr::Templates;
use report::Report;
use std::path::{Path, PathBuf};
use vault::Passphrase;

/// Exit statuses of every command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything worked.
    Success = 0,
    /// An input file is invalid.
    Invalid = 1,
    /// A usage, template or I/O problem.
    Failure = 2,
}

const AFTER_HELP: &str = "\
Exit status: 0 success, 1 invalid input, 2 usage, template or I/O error.

Start with `dfr new couple.toml`, fill it in, check it with `dfr check couple.toml`,
then print it with `dfr render couple.toml`.";

/// Turn a couple's data into a bilingual Khmer/English Declaration of Family Relationship (PDF).
#[derive(Debug, Parser)]
#[command(name = "dfr", version, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    Render(render::Args),
    Check(check::Args),
    New(new::Args),
    Templates(templates::Args),
    Documents(documents::Args),
    Calendar(calendar::Args),
    Words(words::Args),
    Watch(watch::Args),
    Extract(extract::Args),
    Encrypt(encrypt::Args),
    Decrypt(decrypt::Args),
    Diff(diff::Args),
    Verify(verify::Args),
    Places(places::Args),
    Serve(serve::Args),
}

/// `--lang`: the languages to print.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    /// Khmer and English.
    #[value(name = "km+en")]
    KmEn,
    /// Khmer only.
    Km,
    /// English only (the national header is in English too).
    En,
}

/// `--layout`: how the two languages are arranged.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LayoutArg {
    /// Khmer left, English right; each clause's halves start on the same line.
    Parallel,
    /// Each clause in Khmer, then in English.
    Stacked,
}

/// The options shared by the commands that render: languages, layout, templates, draft, redact.
#[derive(Debug, clap::Args)]
pub struct RenderOptions {
    /// Languages to print.
    #[arg(long, value_enum, default_value = "km+en")]
    pub lang: LangArg,
    /// Arrangement of the two languages.
    #[arg(long, value_enum, default_value = "parallel")]
    pub layout: LayoutArg,
    /// Use the template set in DIR (see `dfr templates`) instead of the built-in one.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// A draft for review: watermark `DRAFT · សេចក្ដីព្រាង` on every page; not archival,
    /// no data attached.
    #[arg(long)]
    pub draft: bool,
    /// A copy safe to share outside the couple and the authority: ID, passport,
    /// certificate and account numbers cut to their last three characters; phone
    /// numbers and exact birth dates removed (the year stays); addresses reduced to
    /// their province; watermark `REDACTED · បានលុបព័ត៌មានផ្ទាល់ខ្លួន`; no data attached.
    #[arg(long)]
    pub redact: bool,
}

impl RenderOptions {
    /// The library's options: languages, layout and the kind of copy.
    pub fn options(&self) -> dfr::Options {
        dfr::Options::default()
            .languages(match self.lang {
                LangArg::KmEn => dfr::Languages::KhmerEnglish,
                LangArg::Km => dfr::Languages::Khmer,
                LangArg::En => dfr::Languages::English,
            })
            .layout(match self.layout {
                LayoutArg::Parallel => dfr::Layout::Parallel,
                LayoutArg::Stacked => dfr::Layout::Stacked,
            })
            .copy(dfr::CopyKind::from_flags(self.draft, self.redact))
    }

    /// The renderer of the template set named by `--templates`, or of the built-in one
    /// (errors are printed).
    pub fn renderer(&self) -> Result<dfr::Renderer, Status> {
        renderer(self.templates.as_deref())
    }
}

/// The renderer of the template set in `dir`, or of the built-in one; a set that cannot
/// be read or whose wording does not compile is printed as an error.
pub fn renderer(dir: Option<&Path>) -> Result<dfr::Renderer, Status> {
    dfr::Renderer::with_templates(load_templates(dir)?)
        .map_err(|e| Report::error(e).fail(Status::Failure))
}

/// Reads the template set named by `--templates`, or the built-in one.
pub fn load_templates(dir: Option<&Path>) -> Result<Templates, Status> {
    match dir {
        None => Ok(Templates::builtin()),
        Some(dir) => Templates::from_dir(dir).map_err(|e| Report::error(e).fail(Status::Failure)),
    }
}

/// A declaration file read and checked, with everything to print about it.
pub struct Loaded {
    /// The valid declaration, or `None`.
    pub declaration: Option<dfr::Declaration>,
    /// `Success`, `Invalid` (problems in the file) or `Failure` (it cannot be read).
    pub status: Status,
    /// The problems and warnings, rendered one per line with the file's path.
    pub messages: String,
    /// Whether the file was encrypted (`dfr encrypt`), so that what is made from it is
    /// the only plain copy.
    pub encrypted: bool,
}

impl Loaded {
    /// A file that could not be read or opened, with the message to print.
    fn failed(status: Status, messages: String) -> Loaded {
        Loaded {
            declaration: None,
            status,
            messages,
            encrypted: false,
        }
    }
}

/// How much larger than a plain declaration an encrypted one may be: the age header and
/// 16 bytes per 64 KiB, with room to spare.
const ENCRYPTION_OVERHEAD: usize = 64 * 1024;

/// Reads and checks one declaration file for a `copy` of its kind: the one path that `check`,
/// `render`, `watch`, `diff` and `verify` read their inputs by. An encrypted file is opened
/// in memory with `passphrase` (asked the first time one is needed).
pub fn load(path: &Path, copy: dfr::CopyKind, passphrase: &Passphrase) -> Loaded {
    use dfr::input::declaration::{MAX_INPUT_BYTES, read_bytes, source_text};
    let unreadable = |e| {
        let (status, message) = unreadable(path, e);
        Loaded::failed(status, message)
    };
    let bytes = match read_bytes(path, MAX_INPUT_BYTES + ENCRYPTION_OVERHEAD) {
        Ok(bytes) => bytes,
        Err(e) => return unreadable(e),
    };
    let encrypted = vault::is_encrypted(&bytes);
    let bytes = match encrypted {
        false => bytes,
        true => match passphrase.decrypt(path, &bytes, MAX_INPUT_BYTES) {
            Ok(mut plain) => std::mem::take(&mut *plain),
            Err(message) => return Loaded::failed(Status::Failure, message),
        },
    };
    let source = match source_text(bytes) {
        Ok(source) => source,
        Err(e) => return unreadable(e),
    };
    let checked = dfr::check_copy(&source, copy);
    let messages: String = checked
        .diagnostics
        .iter()
        .map(|d| format!("{}\n", d.render(&shown(path))))
        .collect();
    Loaded {
        status: match checked.declaration {
            Some(_) => Status::Success,
            None => Status::Invalid,
        },
        declaration: checked.declaration,
        messages,
        encrypted,
    }
}

/// Why the declaration file at `path` cannot be read, as its status and the message to
/// print: `Failure` for the system's refusal, `Invalid` for a file too large or not text.
fn unreadable(path: &Path, e: dfr::input::declaration::SourceError) -> (Status, String) {
    use dfr::input::declaration::SourceError;
    match e {
        SourceError::Io(e) => {
            let message = Report::error(format!("cannot read {}: {e}", shown(path)));
            (Status::Failure, message.to_string())
        }
        SourceError::Invalid(d) => (Status::Invalid, format!("{}\n", d.render(&shown(path)))),
    }
}

/// The bytes of an encrypted file of at most `limit` plain bytes, not yet opened; the
/// error is the message to print.
pub fn read_encrypted(path: &Path, limit: usize) -> Result<Vec<u8>, String> {
    use dfr::input::declaration::read_bytes;
    let bytes = read_bytes(path, limit + ENCRYPTION_OVERHEAD).map_err(|e| unreadable(path, e).1)?;
    if !vault::is_encrypted(&bytes) {
        return Err(Report::error(format!("{} is not encrypted", shown(path)))
            .hint("dfr check and dfr render read it as it is")
            .to_string());
    }
    Ok(bytes)
}

/// Reads and validates one declaration file for a final copy, printing its problems
/// (and warnings) to standard error; `None` when it cannot be read or is invalid.
pub fn load_declaration(path: &Path, passphrase: &Passphrase) -> Option<dfr::Declaration> {
    let loaded = load(path, dfr::CopyKind::Final, passphrase);
    report::say(&loaded.messages);
    loaded.declaration
}

/// An output error as printed: `error: …` and, where one helps, `  hint: …`.
pub fn output_error(e: &crate::cli::output::OutputError) -> String {
    Report::error(e).hint_if(e.hint()).to_string()
}

/// The files of the template set named by `--templates`, which no output may replace.
pub fn template_files(dir: Option<&Path>, templates: &Templates) -> Vec<PathBuf> {
    dir.map_or_else(Vec::new, |dir| {
        templates.files.iter().map(|f| dir.join(&f.path)).collect()
    })
}

/// Checks that `output` replaces none of `inputs` nor a template file, and says how it
/// is written; the error is the message to print.
pub fn check_output(
    output: &Path,
    inputs: &[PathBuf],
    templates: &[PathBuf],
) -> Result<crate::cli::output::Destination, String> {
    use crate::cli::output::{destination, refuse_overwriting};
    refuse_overwriting(output, inputs, "the input")
        .and_then(|()| refuse_overwriting(output, templates, "a template file"))
        .and_then(|()| destination(output))
        .map_err(|e| output_error(&e))
}

/// The path as the user wrote it, for messages.
pub fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// The worst of two statuses.
pub fn worst(a: Status, b: Status) -> Status {
    if (b as u8) > (a as u8) { b } else { a }
}

/// The largest PDF `extract` and `verify` read: a 23-page final copy is about 1 MB.
pub const MAX_PDF_BYTES: u64 = 64 * 1024 * 1024;

/// Reads the PDF at `path`, whatever kind of file it is, up to [`MAX_PDF_BYTES`].
pub fn read_pdf(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_PDF_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read {}: {e}", shown(path)))?;
    if bytes.len() as u64 > MAX_PDF_BYTES {
        return Err(format!(
            "{} is larger than {} MB, larger than any contract dfr makes",
            shown(path),
            MAX_PDF_BYTES / 1024 / 1024
        ));
    }
    Ok(bytes)
}
