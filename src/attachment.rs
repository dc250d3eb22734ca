//! Reads the data attached to a final `dfr` PDF (`declaration.toml`) back out.

use lopdf::{Document, Object};
use std::fmt;

/// The name of the attached data file.
pub const ATTACHMENT_NAME: &str = "declaration.toml";

/// The attachment cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttachmentError {
    /// The bytes are not a PDF that can be read.
    NotPdf(String),
    /// The PDF has no `declaration.toml` attached (a draft, a redacted copy, or not a dfr PDF).
    Missing,
}

impl fmt::Display for AttachmentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttachmentError::NotPdf(e) => write!(f, "not a PDF that can be read: {e}"),
            AttachmentError::Missing => write!(
                f,
                "no {ATTACHMENT_NAME} is attached: only final copies made by dfr carry their data (not drafts or redacted copies)"
            ),
        }
    }
}

impl std::error::Error for AttachmentError {}

/// The text of the `declaration.toml` attached to `pdf`, exactly as it was attached.
pub fn read_attachment(pdf: &[u8]) -> Result<String, AttachmentError> {
    let doc = Document::load_mem(pdf).map_err(|e| AttachmentError::NotPdf(e.to_string()))?;
    attached_text(&doc)
}

/// The text of the `declaration.toml` attached to a loaded PDF, exactly as attached.
pub fn attached_text(doc: &Document) -> Result<String, AttachmentError> {
    let names = doc
        .catalog()
        .and_then(|c| doc.get_dict_in_dict(c, b"Names"))
        .and_then(|n| doc.get_dict_in_dict(n, b"EmbeddedFiles"))
        .map_err(|_| AttachmentError::Missing)?;
    let list = match names.get(b"Names").map(|o| doc.dereference(o)) {
        Ok(Ok((_, Object::Array(list)))) => list,
        _ => return Err(AttachmentError::Missing),
    };
    for pair in list.chunks(2) {
        let [name, spec] = pair else { continue };
        let is_ours = match doc.dereference(name) {
            Ok((_, Object::String(bytes, _))) => bytes.as_slice() == ATTACHMENT_NAME.as_bytes(),
            _ => false,
        };
        if !is_ours {
            continue;
        }
        let Ok((_, Object::Dictionary(spec))) = doc.dereference(spec) else {
            continue;
        };
        let Ok(ef) = doc.get_dict_in_dict(spec, b"EF") else {
            continue;
        };
        let Ok(file) = ef.get(b"F") else { continue };
        let Ok((_, Object::Stream(stream))) = doc.dereference(file) else {
            continue;
        };
        let content = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        return String::from_utf8(content).map_err(|_| AttachmentError::Missing);
    }
    Err(AttachmentError::Missing)
}
