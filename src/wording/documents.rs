//! The documents of a template set: the contract, and the kit each `documents/NAME/document.toml` declares.
//!
//! A kit document is a folder `documents/NAME/` of the set: `document.toml` says what
//! it is (its title in both languages, for whom a copy is made, when it is made at all
//! and which fields of the declaration it reads), `main.typ` lays it out, and its
//! `NN-name.hbs` files are its wording, written like the contract's clauses. Its own
//! short texts are in `labels.hbs`, added to the contract's. `documents/kit.typ` is
//! the layout the documents share. The contract is `main.typ` and `wording/`, as
//! always; nothing under `documents/` is part of it or of its document ID.

use crate::input::model::Text;
use crate::wording::form::field_paths;
use crate::wording::templates::{TemplateError, TemplateFile, Templates};
use serde::{Deserialize, Serialize};

/// The name of the contract among the documents: the default document.
pub const CONTRACT: &str = "contract";

/// The folder of the kit's documents inside a template set.
pub(crate) const DOCUMENTS: &str = "documents/";

/// Each document's declaration, inside its folder.
const DECLARATION: &str = "document.toml";

/// The layout the kit's documents share, and where a document's `main.typ` imports it.
const KIT_LAYOUT: (&str, &str) = ("documents/kit.typ", "kit.typ");

/// The most documents a set may declare (the built-in set has five besides the contract).
const MAX_DOCUMENTS: usize = 32;

/// For whom the copies of a document are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Audience {
    /// One copy for the couple.
    Couple,
    /// One copy for each partner (the holder), naming the other.
    Partner,
    /// One copy for each child who is a minor on the declaration date.
    MinorChild,
    /// One copy addressed to the local authority.
    Authority,
}

impl Audience {
    /// Its name in `document.toml` and in the template reference.
    pub fn name(self) -> &'static str {
        match self {
            Audience::Couple => "couple",
            Audience::Partner => "partner",
            Audience::MinorChild => "minor-child",
            Audience::Authority => "authority",
        }
    }
}

/// Who one copy of a document is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Subject {
    /// The couple, or the authority: the document's only copy.
    Whole,
    /// Partner 1 or 2.
    Partner(usize),
    /// The child numbered so in the schedule of children (from 1).
    Child(usize),
}

impl Subject {
    /// Its name: `` for the only copy, `partner-1`, `child-2`.
    pub fn name(self) -> String {
        match self {
            Subject::Whole => String::new(),
            Subject::Partner(n) => format!("partner-{n}"),
            Subject::Child(n) => format!("child-{n}"),
        }
    }

    /// What a file of this copy adds to the document's name: ``, `-partner-1`, `-child-2`.
    pub fn suffix(self) -> String {
        match self {
            Subject::Whole => String::new(),
            other => format!("-{}", other.name()),
        }
    }

    /// The copy [`Subject::name`] gives `name`, if it gives any.
    pub fn from_name(name: &str) -> Option<Subject> {
        let number = |rest: &str| rest.parse::<usize>().ok().filter(|n| (1..=999).contains(n));
        if name.is_empty() {
            Some(Subject::Whole)
        } else if let Some(rest) = name.strip_prefix("partner-") {
            number(rest).map(Subject::Partner)
        } else {
            name.strip_prefix("child-")
                .and_then(number)
                .map(Subject::Child)
        }
    }
}

/// A document's `document.toml`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct DocumentFile {
    /// The title, in both languages.
    title: Text,
    /// What it is for, in one sentence in each language (the form and the reference show it).
    about: Text,
    /// For whom copies are made.
    #[serde(rename = "for")]
    audience: Audience,
    /// A field of the wording context that must be true for the document to be made.
    #[serde(default)]
    when: Option<String>,
    /// The fields of the declaration the document prints.
    reads: Vec<String>,
}

/// A document of the template set, as its `document.toml` declares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DocumentKind {
    /// Its name: the folder's (`guide`, `medical-card`), or `contract`.
    pub name: String,
    /// Its title in both languages.
    pub title: Text,
    /// What it is for, one sentence in each language.
    pub about: Text,
    /// For whom copies are made.
    pub audience: Audience,
    /// A true-or-false field of the wording context (`terms.medical_decisions`) without
    /// which the document is not made; `None` when it always is.
    pub when: Option<String>,
    /// The fields of the declaration it prints (paths as in the form's help).
    pub reads: Vec<String>,
}

/// The contract as a document: always made, one copy, reading everything.
fn contract() -> DocumentKind {
    DocumentKind {
        name: CONTRACT.to_owned(),
        title: Text {
            km: "សេចក្ដីថ្លែងអំពីទំនាក់ទំនងគ្រួសារ".to_owned(),
            en: "Declaration of Family Relationship".to_owned(),
        },
        about: Text {
            km: "កិច្ចសន្យាដែលដៃគូទាំងពីរចុះហត្ថលេខា ហើយអាជ្ញាធរមូលដ្ឋានបញ្ជាក់។".to_owned(),
            en: "The contract the partners sign and the local authority certifies.".to_owned(),
        },
        audience: Audience::Couple,
        when: None,
        reads: vec!["(every field)".to_owned()],
    }
}

/// Every document of `templates`: the contract first, then the kit by name.
pub fn documents(templates: &Templates) -> Result<Vec<DocumentKind>, TemplateError> {
    let mut kinds = vec![contract()];
    let fields = field_paths();
    for file in &templates.files {
        let Some(name) = file
            .path
            .strip_prefix(DOCUMENTS)
            .and_then(|rest| rest.strip_suffix(&format!("/{DECLARATION}")))
        else {
            continue;
        };
        let problem = |message: String| TemplateError {
            message: format!("{}: {message}", file.path),
        };
        if !is_document_name(name) || name == CONTRACT {
            return Err(problem(
                "a document's folder name is lower-case letters, digits and `-`, and not `contract`".to_owned(),
            ));
        }
        if kinds.len() > MAX_DOCUMENTS {
            return Err(problem(format!(
                "a set has at most {MAX_DOCUMENTS} documents"
            )));
        }
        let declared: DocumentFile =
            toml::from_str(&file.text).map_err(|e| problem(e.message().to_owned()))?;
        for read in &declared.reads {
            if !fields.iter().any(|f| f == read) {
                return Err(problem(format!(
                    "`reads` names {read:?}, which is no field of a declaration (a path like `partners.phone`)"
                )));
            }
        }
        for path in [format!("{DOCUMENTS}{name}/main.typ")] {
            if templates.get(&path).is_none() {
                return Err(problem(format!("the document has no {path}")));
            }
        }
        kinds.push(DocumentKind {
            name: name.to_owned(),
            title: declared.title,
            about: declared.about,
            audience: declared.audience,
            when: declared.when,
            reads: declared.reads,
        });
    }
    Ok(kinds)
}

/// Whether `name` can be a document's name, or a copy's (`medical-card-partner-1`):
/// lower-case ASCII letters, digits and `-`, at most 64 of them.
pub fn is_document_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The set as the document `name` is made with: its `main.typ` in place of the
/// contract's, its wording files in place of the clauses, its labels added to the
/// contract's, the kit's shared layout as `/kit.typ`, the contract's formats.
pub(crate) fn view(templates: &Templates, name: &str) -> Templates {
    let folder = format!("{DOCUMENTS}{name}/");
    let mut files = Vec::new();
    let mut labels = templates
        .get("wording/labels.hbs")
        .unwrap_or_default()
        .to_owned();
    for file in &templates.files {
        let inner = |path: String| TemplateFile {
            path,
            text: file.text.clone(),
        };
        if file.path == KIT_LAYOUT.0 {
            files.push(inner(KIT_LAYOUT.1.to_owned()));
        } else if let Some(own) = file.path.strip_prefix(&folder) {
            match own {
                "main.typ" => files.push(inner("main.typ".to_owned())),
                "labels.hbs" => {
                    labels.push('\n');
                    labels.push_str(&file.text);
                }
                _ if own.ends_with(".hbs") && !own.contains('/') => {
                    files.push(inner(format!("wording/{own}")));
                }
                _ => {}
            }
        } else if file.path == "wording/formats.hbs" {
            files.push(inner(file.path.clone()));
        }
    }
    files.push(TemplateFile {
        path: "wording/labels.hbs".to_owned(),
        text: labels,
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Templates { files }
}
