//! Checks a final PDF: its attached data, the document ID printed on every page, its source.

use crate::attachment::{AttachmentError, attached_text};
use crate::identity::{document_id, normalised_toml};
use crate::templates::Templates;
use crate::{Declaration, Diagnostics};
use lopdf::Document;

/// The file cannot be verified at all: not a PDF, or not a final copy made by dfr
/// (the attachment's own error: there is nothing to verify without the data).
pub type VerifyError = AttachmentError;

/// What one page prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageIds {
    /// The page number, from 1.
    pub page: usize,
    /// The document IDs printed on the page (normally exactly one).
    pub ids: Vec<String>,
}

/// The result of checking a final PDF.
#[derive(Debug)]
pub struct Verification {
    /// The attached data, when it is a valid declaration; otherwise its problems.
    pub attached: Result<Declaration, Diagnostics>,
    /// The ID recomputed from the attached data (when it is valid).
    pub expected_id: Option<String>,
    /// The IDs printed on each page.
    pub pages: Vec<PageIds>,
    /// With a data file: whether the PDF was made from exactly that data.
    pub made_from: Option<bool>,
}

impl Verification {
    /// The pages that do not print the expected ID (all pages when there is none).
    pub fn bad_pages(&self) -> Vec<&PageIds> {
        self.pages
            .iter()
            .filter(|p| {
                self.expected_id
                    .as_ref()
                    .is_none_or(|id| p.ids.len() != 1 || &p.ids[0] != id)
            })
            .collect()
    }

    /// Whether everything matched.
    pub fn passed(&self) -> bool {
        self.attached.is_ok()
            && !self.pages.is_empty()
            && self.bad_pages().is_empty()
            && self.made_from != Some(false)
    }
}

/// Verifies `pdf`: the attached data gives the ID printed on every page, and, with
/// `data`, the PDF was made from that declaration. `templates` is the set the PDF was
/// rendered with, since the ID covers the wording too.
pub fn verify(
    pdf: &[u8],
    templates: &Templates,
    data: Option<&Declaration>,
) -> Result<Verification, VerifyError> {
    let doc = Document::load_mem(pdf).map_err(|e| AttachmentError::NotPdf(e.to_string()))?;
    let attached_text = attached_text(&doc)?;
    let attached = Declaration::from_toml_str(&attached_text);
    let expected_id = attached
        .as_ref()
        .ok()
        .map(|d| document_id(d.input(), templates));
    let pages = doc
        .get_pages()
        .keys()
        .enumerate()
        .map(|(i, number)| PageIds {
            page: i + 1,
            ids: printed_ids(&doc.extract_text(&[*number]).unwrap_or_default()),
        })
        .collect();
    let made_from = data.map(|d| normalised_toml(d.input()) == attached_text);
    Ok(Verification {
        attached,
        expected_id,
        pages,
        made_from,
    })
}

/// The document IDs in a page's text: `XXXX-XXXX-XXXX` in Crockford base 32, after `ID`.
pub fn printed_ids(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut ids: Vec<String> = Vec::new();
    for pair in words.windows(2) {
        let candidate = pair[1].trim_matches(|c: char| !c.is_ascii_alphanumeric());
        if pair[0].ends_with("ID") && is_id(candidate) && !ids.iter().any(|i| i == candidate) {
            ids.push(candidate.to_owned());
        }
    }
    ids
}

fn is_id(word: &str) -> bool {
    let groups: Vec<&str> = word.split('-').collect();
    groups.len() == 3
        && groups.iter().all(|g| {
            g.len() == 4
                && g.bytes().all(|b| {
                    b.is_ascii_digit() || (b.is_ascii_uppercase() && !b"ILOU".contains(&b))
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_read_after_the_word_id() {
        let text = "RoCK-DFR-2026-0042\nលេខសម្គាល់ឯកសារ ID 42HG-JMMQ-ZYX4\n · page 1 of 5";
        assert_eq!(printed_ids(text), vec!["42HG-JMMQ-ZYX4"]);
        assert!(printed_ids("RoCK-DFR-2026-0042 ABCD-EFGH-JKMN").is_empty());
        // I, L, O and U are not Crockford digits.
        assert!(printed_ids("ID ABCD-EFGH-IJKL").is_empty());
    }
}
