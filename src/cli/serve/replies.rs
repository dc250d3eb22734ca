//! The JSON answers of the form's requests, one struct each: their `///` lines are the
//! reference of what the pages read. An answer that is not a success is a [`Failure`].

use serde::Serialize;
use serde_json::Value;

/// A problem of the declaration, as the form shows it at its field.
#[derive(Debug, Serialize)]
pub struct Problem {
    /// The key path of the value (`partners[0].name.km`); empty for the whole file.
    pub path: String,
    /// `error` or `warning`.
    pub severity: &'static str,
    /// What is wrong, in English.
    pub message: String,
    /// What to do, in English, where a hint helps.
    pub hint: Option<String>,
    /// The same in Khmer, where it is written.
    pub km: Option<KhmerProblem>,
}

/// A problem's words in Khmer.
#[derive(Debug, Serialize)]
pub struct KhmerProblem {
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub hint: Option<String>,
}

/// The answer to `POST /api/check`.
#[derive(Debug, Serialize)]
pub struct Checked {
    /// Whether a final copy can be made of the data.
    pub valid: bool,
    /// Every problem and warning, in file order.
    pub diagnostics: Vec<Problem>,
}

/// The answer to `POST /api/preview`.
#[derive(Debug, Serialize)]
pub struct Preview {
    /// Whether the data can be printed (as a draft while the starter's values are in).
    pub valid: bool,
    /// Whether the pages are a draft's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draft: Option<bool>,
    /// The problems, when the data cannot be printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diagnostics: Option<Vec<Problem>>,
    /// Each page: its hash, and its SVG image in a `data:` address unless the browser
    /// said it has a page of that hash.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<Vec<PreviewPage>>,
    /// Where each marked part of the contract starts (the preview scrolls to them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parts: Option<Vec<dfr::PartStart>>,
    /// How long the server took, in milliseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ms: Option<u64>,
}

/// Any answer that is not a success: what went wrong, in English (the form shows it
/// after its own words).
#[derive(Debug, Serialize)]
pub struct Failure {
    /// What went wrong.
    pub error: String,
    /// For a usual refusal, its name, which the form words in the interface's language
    /// (`form_refused_NAME`): `save-first`, `fix-first`, `no-saved-file`, `not-comparable`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
    /// The problems that stop the request, when the data is the reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diagnostics: Option<Vec<Problem>>,
}

/// The answer to `GET /api/form`: everything the form is built from.
#[derive(Debug, Serialize)]
pub struct Form {
    /// The input format's JSON schema.
    pub schema: &'static Value,
    /// The template set's labels, the form's own words among them (`form_*`), by name.
    pub labels: &'static Value,
    /// Where the preview scrolls while a field is edited (the set's `form.toml`).
    pub scroll: Vec<dfr::wording::form::ScrollRule>,
    /// Each field's short help in both languages (the set's `form.toml`).
    pub help: std::collections::BTreeMap<String, dfr::locale::Text>,
    /// The declaration, shaped like its TOML file.
    pub data: Value,
    /// `file` (read from its file) or `starter` (a new declaration).
    pub source: &'static str,
    /// The declaration's file, once it has one.
    pub file: Option<String>,
    /// Whether the server serves a workspace (a folder of declarations).
    pub workspace: bool,
    /// Whether the workspace is encrypted (the page then locks itself after a pause).
    pub encrypted: bool,
    /// After how many seconds unused the page of an encrypted workspace locks itself.
    pub lock_after: u64,
    /// Unsaved changes of an earlier session, offered to restore.
    pub recovery: Option<Value>,
    /// Whether the file has comments, which saving from the form does not keep.
    pub had_comments: bool,
}

/// The answer to `POST /api/save`.
#[derive(Debug, Serialize)]
pub struct Saved {
    /// The file written.
    pub saved: String,
    /// Whether a new declaration got another name than asked (never replacing a file).
    pub renamed: bool,
    /// Whether a final copy can be made of what was saved.
    pub valid: bool,
    /// Its problems and warnings.
    pub diagnostics: Vec<Problem>,
}

/// The answer to `POST /api/produce` with `keep: false`: where the copy opens.
#[derive(Debug, Serialize)]
pub struct Opened {
    /// The address of the copy held in memory (`/print/NAME`).
    pub open: String,
}

/// The answer to `POST /api/produce`: the copy written.
#[derive(Debug, Serialize)]
pub struct Wrote {
    /// The file written.
    pub wrote: String,
}

/// One page of the preview.
#[derive(Debug, Serialize)]
pub struct PreviewPage {
    /// A hash of what the page draws (32 hex digits): equal pages, equal hashes.
    pub hash: String,
    /// The image as a `data:` address; left out when the browser has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
}

/// The answer to `POST /api/diff`: what `dfr diff` finds between the saved file and the
/// form's data, for the form to word in the interface's language.
#[derive(Debug, Serialize)]
pub struct Diff {
    /// The changed values.
    pub values: Vec<DiffValue>,
    /// The parts of the contract whose wording changed.
    pub parts: Vec<DiffPart>,
}

/// A changed value: its key path (`partners[2].occupation.en`) and its old and new
/// values as inline TOML (`None`: absent).
#[derive(Debug, Serialize)]
pub struct DiffValue {
    pub path: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A part of the contract whose wording changed: its heading as printed (Khmer, then
/// English), what happened to it (`added`, `removed`, `changed`, `renumbered`, `moved`),
/// its heading before (for a renumbered part) and its changed lines, word by word.
#[derive(Debug, Serialize)]
pub struct DiffPart {
    pub heading: Vec<String>,
    pub change: &'static str,
    pub was: Vec<String>,
    pub lines: Vec<DiffLine>,
}

/// A changed line: its pieces, each `same`, `removed` or `added`.
#[derive(Debug, Serialize)]
pub struct DiffLine {
    pub segments: Vec<DiffSegment>,
}

/// A piece of a changed line.
#[derive(Debug, Serialize)]
pub struct DiffSegment {
    pub kind: &'static str,
    pub text: String,
}

use dfr::outputs::diff::{PartChange, Segment};

impl From<&dfr::outputs::diff::Difference> for Diff {
    fn from(d: &dfr::outputs::diff::Difference) -> Diff {
        Diff {
            values: d
                .data
                .iter()
                .map(|c| DiffValue {
                    path: c.path.to_string(),
                    old: c.old.clone(),
                    new: c.new.clone(),
                })
                .collect(),
            parts: d
                .wording
                .iter()
                .map(|w| DiffPart {
                    heading: w.heading.clone(),
                    change: match w.change {
                        PartChange::Added => "added",
                        PartChange::Removed => "removed",
                        PartChange::Renumbered => "renumbered",
                        PartChange::Moved => "moved",
                        _ => "changed",
                    },
                    was: w.old.as_ref().map_or_else(Vec::new, |p| p.heading.clone()),
                    lines: w
                        .lines
                        .iter()
                        .map(|l| DiffLine {
                            segments: l
                                .segments
                                .iter()
                                .map(|s| DiffSegment {
                                    kind: match s {
                                        Segment::Removed(_) => "removed",
                                        Segment::Added(_) => "added",
                                        _ => "same",
                                    },
                                    text: s.text().to_owned(),
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// The answer to `POST /api/recovery`.
#[derive(Debug, Serialize)]
pub struct Done {
    /// Always `true`.
    pub ok: bool,
}

/// One place of `GET /api/places` (the answer is a list of them).
#[derive(Debug, Serialize)]
pub struct Place {
    /// Its gazetteer code.
    pub code: String,
    /// Its Khmer name (with the places above it, for a search).
    pub km: String,
    /// Its Latin name (likewise).
    pub latin: String,
}

/// The answer to `GET /api/declarations`: the workspace's list.
#[derive(Debug, Serialize)]
pub struct Declarations {
    /// The workspace's folder.
    pub folder: String,
    /// Its declarations, the last changed first.
    pub declarations: Vec<Entry>,
    /// The declarations removed to its bin, which can be put back.
    pub removed: Vec<Entry>,
    /// The cloud service whose folder the workspace is in (`OneDrive`, `Dropbox`, …),
    /// which copies every declaration off the computer: the page warns of it.
    pub synced: Option<&'static str>,
    /// Whether its files are encrypted (else the page warns that they are plain).
    pub encrypted: bool,
}

/// `GET /api/workspace`: what kind of workspace the form serves, before anything of it
/// is read.
#[derive(Debug, Serialize)]
pub struct Workspace {
    /// Whether its files are encrypted.
    pub encrypted: bool,
    /// Whether it is encrypted and locked: the passphrase must open it first.
    pub locked: bool,
    /// Whether it holds no declaration yet (a first start: the page offers a passphrase).
    pub empty: bool,
    /// After how many seconds unused the form locks itself (encrypted workspaces).
    pub lock_after: u64,
}

/// `POST /api/unlock`: the workspace is open.
#[derive(Debug, Serialize)]
pub struct Unlocked {
    /// Always `true`.
    pub ok: bool,
    /// Whether the recovery key opened it (the page then asks for a new passphrase).
    pub recovery: bool,
    /// How many plain files found in the folder were encrypted as it opened.
    pub converted: usize,
}

/// `POST /api/setup`: the workspace made encrypted; its recovery key, shown once.
#[derive(Debug, Serialize)]
pub struct Sealed {
    /// The recovery key, in groups, for the page to print.
    pub recovery: String,
    /// How many plain files of the workspace were encrypted (and removed).
    pub converted: usize,
    /// Why a plain file could not be encrypted, when one could not (the rest stay plain
    /// until the workspace is next opened).
    pub unconverted: Option<String>,
    /// The workspace's folder, printed on the recovery page.
    pub folder: String,
    /// When the key was made (`YYYY-MM-DD`), printed on the recovery page.
    pub made: String,
}

/// One declaration of the workspace's list.
#[derive(Debug, Serialize)]
pub struct Entry {
    /// Its file name.
    pub file: String,
    /// Its reference.
    pub reference: String,
    /// Its date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The partners' names.
    pub partners: Vec<dfr::locale::Text>,
    /// How many errors it has.
    pub problems: usize,
    /// Whether a final copy can be made.
    pub ready: bool,
    /// When its final copy was written (`YYYY-MM-DD HH:MM`, UTC).
    pub final_copy: Option<String>,
    /// When it was last changed.
    pub changed: Option<String>,
}

/// The answer to `POST /api/duplicate`.
#[derive(Debug, Serialize)]
pub struct Duplicated {
    /// The copy's file name.
    pub file: String,
}

/// The answer to `POST /api/remove` and `POST /api/put-back`.
#[derive(Debug, Serialize)]
pub struct Moved {
    /// How many files were moved (the declaration and its copies).
    pub moved: usize,
}

/// The problems of a checked declaration, as the form shows them.
pub fn problems(checked: &dfr::Checked) -> Vec<Problem> {
    checked
        .diagnostics
        .iter()
        .map(|d| Problem {
            path: d.path.to_string(),
            severity: match d.severity {
                dfr::Severity::Error => "error",
                dfr::Severity::Warning => "warning",
            },
            message: d.message.clone(),
            hint: d.hint.clone(),
            km: d.km.as_ref().map(|km| KhmerProblem {
                message: km.message.clone(),
                hint: km.hint.clone(),
            }),
        })
        .collect()
}
