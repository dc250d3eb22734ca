//! The JSON bodies of the form's `POST` requests, one struct each: their `///` lines
//! are the reference of what the page sends (`routes.rs` lists the routes).
//!
//! A body that is not one of these (a missing field, a misspelt one, a kind of copy
//! the form does not make) is answered `400` with serde's words, before any work.

use super::{MAX_BODY, Reply};
use serde::Deserialize;
use serde_json::Value;

/// `POST /api/check`: the problems of the form's data.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// The declaration, shaped like its TOML file (dates as `YYYY-MM-DD` strings).
    pub data: Value,
    /// Whether the staff member has typed anything yet: an untouched new form is not
    /// kept in the recovery file.
    #[serde(default)]
    pub typed: Option<bool>,
}

/// `POST /api/diff`: the form's data alone.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Data {
    /// The declaration, shaped like its TOML file.
    pub data: Value,
}

/// `POST /api/preview`: the pages of the form's data.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preview {
    /// The declaration, shaped like its TOML file.
    pub data: Value,
    /// The hashes of the pages the browser shows now: a page with one of these is sent
    /// without its image, which the browser already has.
    #[serde(default)]
    pub have: Vec<String>,
}

/// `POST /api/save`: write the declaration's file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Save {
    /// The declaration, shaped like its TOML file.
    pub data: Value,
    /// For a new declaration, the file name to save it as; without one, a name is made
    /// from its reference or the partners' names.
    #[serde(default)]
    pub name: Option<String>,
}

/// `POST /api/produce`: write a copy beside the declaration, or send it back to print.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Produce {
    /// The declaration, shaped like its TOML file.
    pub data: Value,
    /// Which copy.
    pub kind: Produced,
    /// Whether to keep the copy as a file beside the declaration (the default); when
    /// `false` the answer is the copy itself (PDF or text), for the browser to open and
    /// print from memory, and no file is written.
    #[serde(default = "keep_by_default")]
    pub keep: bool,
    /// With `kind: "document"`: the document of the kit (`guide`, `medical-card`).
    #[serde(default)]
    pub document: Option<String>,
    /// With `kind: "document"`: for whom (`partner-1`, `child-2`; none for the couple).
    #[serde(default)]
    pub copy: Option<String>,
}

/// `POST /api/kit`: which copies of the kit's documents the form's data calls for.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kit {
    /// The declaration, shaped like its TOML file.
    pub data: Value,
}

/// Copies are kept beside the declaration unless the form says otherwise.
fn keep_by_default() -> bool {
    true
}

/// A copy the form makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Produced {
    /// The final contract, `NAME.pdf`.
    Final,
    /// A draft, `NAME.draft.pdf`.
    Draft,
    /// The review copy, `NAME.txt`.
    Review,
    /// A redacted copy, `NAME.redacted.pdf`.
    Redacted,
    /// The redline of the form's data against the saved file, `NAME.redline.pdf`.
    Redline,
    /// A copy of a document of the couple's kit, `NAME.DOCUMENT[-partner-N].pdf`.
    Document,
}

/// `POST /api/recovery`: what to do with the unsaved changes the form offered.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recovery {
    /// Restore them into the form (kept in the recovery file until saved), or discard
    /// them.
    pub action: RecoveryAction,
}

/// What to do with unsaved changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecoveryAction {
    /// Take them into the form.
    Restore,
    /// Remove them.
    Discard,
}

/// `POST /api/duplicate`, `/api/remove`, `/api/put-back`: one declaration of the workspace.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileAction {
    /// Its file name in the workspace (`couple.toml`).
    pub file: String,
}

/// `POST /api/unlock`: open the encrypted workspace.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unlock {
    /// The passphrase, or the recovery key as printed.
    pub secret: String,
}

/// `POST /api/setup` (encrypt the workspace) and `/api/passphrase` (a new passphrase for
/// an open one): the passphrase, typed twice.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewPassphrase {
    /// The passphrase.
    pub passphrase: String,
    /// The same, typed again.
    pub again: String,
}

impl Drop for Unlock {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.secret);
    }
}

impl Drop for NewPassphrase {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.passphrase);
        zeroize::Zeroize::zeroize(&mut self.again);
    }
}

/// The body of a request as `T`, or the `400` answer that says what is wrong with it.
pub fn parse<T: serde::de::DeserializeOwned>(body: &Value) -> Result<T, super::Reply> {
    T::deserialize(body)
        .map_err(|e| super::Reply::error(400, format!("the request is not understood: {e}")))
}

/// The request's body as JSON, at most [`MAX_BODY`] bytes: a longer one is refused
/// before any of it is read.
pub fn read_body(request: &mut super::http::Request) -> Result<serde_json::Value, Reply> {
    let body = request.read_body(MAX_BODY).map_err(|e| match e {
        super::http::BodyError::TooLarge => {
            Reply::error(413, format!("the request is larger than {MAX_BODY} bytes"))
        }
        super::http::BodyError::Unreadable => Reply::error(400, "the request could not be read"),
    })?;
    serde_json::from_slice(&body)
        .map_err(|e| Reply::error(400, format!("the request is not JSON: {e}")))
}
