//! What a lawyer compares: a declaration file, a final PDF (its data attached) or a draft or redacted PDF (what it prints attached).

use crate::input::declaration::Declaration;
use crate::layout::model::LayoutData;
use crate::layout::render::{Error, Renderer};
use crate::options::{Languages, Options};
use crate::outputs::attachment::{Inflate, attached_file, attached_text};
use lopdf::Document;

/// The name of the file a draft or redacted PDF carries: what it prints.
pub(crate) const PRINTED_NAME: &str = "printed.json";

/// The most bytes `printed.json` may unpack to (the largest declaration prints under
/// 2 MB of it).
const MAX_PRINTED_BYTES: usize = 8 << 20;

/// One version of a contract, as `dfr diff` compares it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Version {
    /// A declaration's data (a TOML file, or a final PDF's attachment), worded by a
    /// template set.
    Declaration(Box<Declaration>),
    /// What a draft or redacted PDF prints (its `printed.json`): no data.
    Printed(Box<LayoutData>),
}

/// Why a PDF cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VersionError {
    /// The bytes are not a PDF that can be read.
    #[error("not a PDF that can be read: {0}")]
    NotPdf(String),
    /// The PDF carries neither its data nor what it prints.
    #[error(
        "it carries neither its data (declaration.toml, in a final copy) nor what it prints (printed.json, in a draft or redacted copy): not a PDF made by this version of dfr"
    )]
    Nothing,
    /// What it carries cannot be read.
    #[error("{0}")]
    Damaged(String),
}

impl Version {
    /// Reads a PDF made by `dfr`: a final copy's attached data, or what a draft or
    /// redacted copy prints.
    pub fn from_pdf(pdf: &[u8]) -> Result<Version, VersionError> {
        let doc = Document::load_mem(pdf).map_err(|e| VersionError::NotPdf(e.to_string()))?;
        if let Ok(text) = attached_text(&doc) {
            return Declaration::from_toml_str(&text)
                .map(|d| Version::Declaration(Box::new(d)))
                .map_err(|_| {
                    VersionError::Damaged(
                        "its attached declaration.toml is not a valid declaration".to_owned(),
                    )
                });
        }
        let damaged =
            |why: &str| VersionError::Damaged(format!("its attached {PRINTED_NAME} {why}"));
        match attached_file(&doc, PRINTED_NAME, MAX_PRINTED_BYTES) {
            Ok(Some(bytes)) => serde_json::from_slice::<LayoutData>(&bytes)
                .map(|model| Version::Printed(Box::new(model)))
                .map_err(|_| damaged("cannot be read: made by another version of dfr?")),
            Ok(None) => Err(VersionError::Nothing),
            Err(Inflate::TooLarge) => Err(damaged("is too large")),
            Err(Inflate::Damaged | Inflate::Unknown) => Err(damaged("is damaged")),
        }
    }

    /// The declaration, if this version has its data.
    pub fn declaration(&self) -> Option<&Declaration> {
        match self {
            Version::Declaration(d) => Some(d),
            Version::Printed(_) => None,
        }
    }

    /// What this version prints: a declaration worded by `renderer` in both languages,
    /// or a draft's printed text as it is.
    pub fn model(&self, renderer: &Renderer) -> Result<LayoutData, Error> {
        match self {
            Version::Declaration(d) => {
                renderer.layout_model(d, &Options::default().languages(Languages::KhmerEnglish))
            }
            Version::Printed(model) => Ok((**model).clone()),
        }
    }
}
