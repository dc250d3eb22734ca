//! Reads the data attached to a final `dfr` PDF (`declaration.toml`) back out.

use crate::input::declaration::MAX_INPUT_BYTES;
use lopdf::{Document, Object};

/// The name of the attached data file.
pub const ATTACHMENT_NAME: &str = "declaration.toml";

/// The attachment cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AttachmentError {
    /// The bytes are not a PDF that can be read.
    #[error("not a PDF that can be read: {0}")]
    NotPdf(String),
    /// The PDF has no `declaration.toml` attached (a draft, a redacted copy, or not a dfr PDF).
    #[error(
        "no {ATTACHMENT_NAME} is attached: only final copies of the contract made by dfr carry their data (not drafts, redacted copies or the documents of the kit)"
    )]
    Missing,
}

/// The text of the `declaration.toml` attached to `pdf`, exactly as it was attached.
pub fn read_attachment(pdf: &[u8]) -> Result<String, AttachmentError> {
    let doc = Document::load_mem(pdf).map_err(|e| AttachmentError::NotPdf(e.to_string()))?;
    attached_text(&doc)
}

/// A stream's bytes, inflated to at most a declaration's largest size: a compressed
/// stream that would unpack past it (a "zip bomb") is refused before it is unpacked.
fn bounded_content(stream: &lopdf::Stream) -> Result<Vec<u8>, AttachmentError> {
    inflated(stream, MAX_INPUT_BYTES).map_err(|e| match e {
        Inflate::TooLarge => AttachmentError::NotPdf(format!(
            "the attached {ATTACHMENT_NAME} unpacks to more than {MAX_INPUT_BYTES} bytes, more than any declaration"
        )),
        Inflate::Damaged => AttachmentError::NotPdf(format!("the attached {ATTACHMENT_NAME} is damaged")),
        Inflate::Unknown => AttachmentError::NotPdf(format!(
            "the attached {ATTACHMENT_NAME} is compressed in a way dfr does not write"
        )),
    })
}

/// Why a stream was not unpacked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Inflate {
    /// It would unpack past the limit.
    TooLarge,
    /// Its compressed bytes are damaged.
    Damaged,
    /// It is compressed with a filter other than the one dfr's PDFs use.
    Unknown,
}

/// A stream's bytes, unpacked (Flate, the only filter dfr's PDFs use) to at most
/// `limit` bytes; nothing past the limit is ever unpacked.
pub(crate) fn inflated(stream: &lopdf::Stream, limit: usize) -> Result<Vec<u8>, Inflate> {
    let filters = stream.filters().unwrap_or_default();
    match filters.as_slice() {
        [] if stream.content.len() > limit => Err(Inflate::TooLarge),
        [] => Ok(stream.content.clone()),
        [filter] if *filter == b"FlateDecode".as_slice() => {
            miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&stream.content, limit).map_err(
                |e| match e.status {
                    miniz_oxide::inflate::TINFLStatus::HasMoreOutput => Inflate::TooLarge,
                    _ => Inflate::Damaged,
                },
            )
        }
        _ => Err(Inflate::Unknown),
    }
}

/// The text of the `declaration.toml` attached to a loaded PDF, exactly as attached.
pub fn attached_text(doc: &Document) -> Result<String, AttachmentError> {
    let stream = attached_stream(doc, ATTACHMENT_NAME).ok_or(AttachmentError::Missing)?;
    let content = bounded_content(stream)?;
    String::from_utf8(content).map_err(|_| AttachmentError::Missing)
}

/// The file attached to a loaded PDF under `name`, unpacked to at most `limit` bytes;
/// `None` when there is none.
pub(crate) fn attached_file(
    doc: &Document,
    name: &str,
    limit: usize,
) -> Result<Option<Vec<u8>>, Inflate> {
    attached_stream(doc, name)
        .map(|stream| inflated(stream, limit))
        .transpose()
}

/// The stream of the file attached to a loaded PDF under `name`.
fn attached_stream<'a>(doc: &'a Document, name: &str) -> Option<&'a lopdf::Stream> {
    let names = doc
        .catalog()
        .and_then(|c| doc.get_dict_in_dict(c, b"Names"))
        .and_then(|n| doc.get_dict_in_dict(n, b"EmbeddedFiles"))
        .ok()?;
    let list = match names.get(b"Names").map(|o| doc.dereference(o)) {
        Ok(Ok((_, Object::Array(list)))) => list,
        _ => return None,
    };
    for pair in list.chunks(2) {
        let [file_name, spec] = pair else { continue };
        let is_it = match doc.dereference(file_name) {
            Ok((_, Object::String(bytes, _))) => bytes.as_slice() == name.as_bytes(),
            _ => false,
        };
        if !is_it {
            continue;
        }
        let Ok((_, Object::Dictionary(spec))) = doc.dereference(spec) else {
            continue;
        };
        let Ok(ef) = doc.get_dict_in_dict(spec, b"EF") else {
            continue;
        };
        let Ok(file) = ef.get(b"F") else { continue };
        if let Ok((_, Object::Stream(stream))) = doc.dereference(file) {
            return Some(stream);
        }
    }
    None
}
