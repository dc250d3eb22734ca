//! Checks a final PDF: its attached data, the document ID printed on every page, what every page prints, its source.
//!
//! What it proves: the file holds exactly the pages, in order, that `dfr` makes from
//! the attached data with the given template set, in the languages and layout whose ID
//! the pages print; no page is edited, moved, repeated, missing or taken from another
//! copy (a draft, another layout, other data). What it cannot prove: who made it.
//! Anyone with `dfr` can render other data into a file that verifies; authenticity
//! needs the signatures and stamp on paper, or a register of issued IDs.

use crate::input::declaration::Declaration;
use crate::input::diagnostic::Diagnostics;
use crate::layout::render::Renderer;
use crate::options::{Languages, Layout, Options};
use crate::outputs::attachment::{AttachmentError, attached_text};
use crate::wording::document_id::{copy_id, normalised_toml};
use lopdf::Document;

/// The file cannot be verified at all: not a PDF, or not a final copy made by dfr
/// (the attachment's own error: there is nothing to verify without the data).
pub type VerifyError = AttachmentError;

/// What one page prints.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PageIds {
    /// The page number, from 1.
    pub page: usize,
    /// The document IDs printed on the page (normally exactly one).
    pub ids: Vec<String>,
}

/// The result of checking a final PDF.
#[derive(Debug)]
#[non_exhaustive]
pub struct Verification {
    /// The attached data, when it is a valid declaration; otherwise its problems.
    pub attached: Result<Declaration, Diagnostics>,
    /// The ID recomputed from the attached data (when it is valid).
    pub expected_id: Option<String>,
    /// The IDs printed on each page.
    pub pages: Vec<PageIds>,
    /// With a data file: whether the PDF was made from exactly that data.
    pub made_from: Option<bool>,
    /// The languages and layout of the final copy the printed ID names, when one does.
    pub copy: Option<(Languages, Layout)>,
    /// Where the pages differ from a fresh render of the attached data as that copy.
    pub printed: Vec<PageProblem>,
}

/// A page that does not print what it should.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PageProblem {
    /// Page `page` prints something no page of the copy prints (edited, or from
    /// another document).
    Differs {
        /// The page of the file, from 1.
        page: usize,
    },
    /// Page `page` prints page `original` of the copy: moved there.
    Moved {
        /// The page of the file, from 1.
        page: usize,
        /// The page of the copy it prints.
        original: usize,
    },
    /// Page `page` prints page `original` again: a repeated page.
    Repeated {
        /// The page of the file, from 1.
        page: usize,
        /// The page of the copy it repeats.
        original: usize,
    },
    /// Page `original` of the `total` pages of the copy is nowhere in the file.
    Missing {
        /// The page of the copy, from 1.
        original: usize,
        /// How many pages the copy has.
        total: usize,
    },
    /// The copy could not be rendered afresh, so the pages could not be compared.
    NotRendered(String),
}

impl std::fmt::Display for PageProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PageProblem::Differs { page } => write!(
                f,
                "page {page} does not print what the attached data gives: it was edited or comes from another document"
            ),
            PageProblem::Moved { page, original } => {
                write!(f, "page {page} is page {original} of the contract, moved")
            }
            PageProblem::Repeated { page, original } => {
                write!(f, "page {page} repeats page {original}")
            }
            PageProblem::Missing { original, total } => {
                write!(f, "page {original} of {total} is missing")
            }
            PageProblem::NotRendered(why) => {
                write!(
                    f,
                    "the pages could not be compared with the attached data: {why}"
                )
            }
        }
    }
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
            && self.copy.is_some()
            && self.printed.is_empty()
            && self.made_from != Some(false)
    }
}

/// Verifies `pdf`: the attached data gives the ID printed on every page, and, with
/// `data`, the PDF was made from that declaration. `templates` is the set the PDF was
/// rendered with, since the ID covers the wording too.
pub fn verify(
    pdf: &[u8],
    renderer: &Renderer,
    data: Option<&Declaration>,
) -> Result<Verification, VerifyError> {
    let doc = Document::load_mem(pdf).map_err(|e| AttachmentError::NotPdf(e.to_string()))?;
    let attached_text = attached_text(&doc)?;
    let attached = Declaration::from_toml_str(&attached_text);
    let pages: Vec<PageIds> = doc
        .get_pages()
        .keys()
        .enumerate()
        .map(|(i, number)| PageIds {
            page: i + 1,
            ids: printed_ids(&doc.extract_text(&[*number]).unwrap_or_default()),
        })
        .collect();
    // The final copy whose ID the pages print: each language and layout is tried.
    let printed_id = pages.iter().find_map(|p| match p.ids.as_slice() {
        [id] => Some(id.clone()),
        _ => None,
    });
    let templates = renderer.templates();
    let final_copy = |languages, layout| Options::default().languages(languages).layout(layout);
    let copy = attached.as_ref().ok().and_then(|d| {
        COPIES.iter().copied().find(|&(languages, layout)| {
            printed_id.as_deref()
                == Some(&copy_id(
                    d.input(),
                    templates,
                    &final_copy(languages, layout),
                ))
        })
    });
    let expected_id = attached.as_ref().ok().map(|d| {
        let (languages, layout) = copy.unwrap_or_default();
        copy_id(d.input(), templates, &final_copy(languages, layout))
    });
    let printed = match (&attached, copy) {
        (Ok(d), Some((languages, layout))) => {
            match renderer.render_pdf(d, &final_copy(languages, layout)) {
                Ok(fresh) if fresh == pdf => Vec::new(),
                Ok(fresh) => match Document::load_mem(&fresh) {
                    Ok(fresh) => compare(
                        &crate::outputs::printed::fingerprints(&doc),
                        &crate::outputs::printed::fingerprints(&fresh),
                    ),
                    Err(e) => vec![PageProblem::NotRendered(e.to_string())],
                },
                Err(e) => vec![PageProblem::NotRendered(e.to_string())],
            }
        }
        _ => Vec::new(),
    };
    let made_from = data.map(|d| normalised_toml(d.input()) == attached_text);
    Ok(Verification {
        attached,
        expected_id,
        pages,
        made_from,
        copy,
        printed,
    })
}

/// The final copies a PDF with data attached can be: each language choice in each layout.
const COPIES: [(Languages, Layout); 6] = [
    (Languages::KhmerEnglish, Layout::Parallel),
    (Languages::KhmerEnglish, Layout::Stacked),
    (Languages::Khmer, Layout::Parallel),
    (Languages::Khmer, Layout::Stacked),
    (Languages::English, Layout::Parallel),
    (Languages::English, Layout::Stacked),
];

/// The pages of a file (`given`) against those of the copy rendered afresh (`fresh`).
fn compare(
    given: &[crate::outputs::printed::Fingerprint],
    fresh: &[crate::outputs::printed::Fingerprint],
) -> Vec<PageProblem> {
    let mut problems = Vec::new();
    let mut found = vec![false; fresh.len()];
    // The copy's page last seen: a page that comes after a later one was moved (pages
    // merely shifted by a missing or an extra page are not reported as moved).
    let mut last = None;
    for (i, page) in given.iter().enumerate() {
        let matching = page.and_then(|p| fresh.iter().position(|f| *f == Some(p)));
        match matching {
            None => problems.push(PageProblem::Differs { page: i + 1 }),
            Some(j) if found[j] => problems.push(PageProblem::Repeated {
                page: i + 1,
                original: j + 1,
            }),
            Some(j) => {
                found[j] = true;
                if last.is_some_and(|l| j < l) {
                    problems.push(PageProblem::Moved {
                        page: i + 1,
                        original: j + 1,
                    });
                }
                last = Some(j);
            }
        }
    }
    for (j, was_found) in found.iter().enumerate() {
        if !was_found {
            problems.push(PageProblem::Missing {
                original: j + 1,
                total: fresh.len(),
            });
        }
    }
    problems
}

/// The document IDs in a page's text: `XXXX-XXXX-XXXX` in Crockford base 32, after `ID`
/// (the English label) or after a Khmer word (the Khmer label, which a Khmer-only copy
/// prints alone and which not every PDF reader extracts letter for letter).
pub fn printed_ids(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut ids: Vec<String> = Vec::new();
    for pair in words.windows(2) {
        let candidate = pair[1].trim_matches(|c: char| !c.is_ascii_alphanumeric());
        let khmer = pair[0].chars().any(crate::locale::script::is_khmer);
        let after_label = pair[0].ends_with("ID") || khmer;
        if after_label && is_id(candidate) && !ids.iter().any(|i| i == candidate) {
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
        let khmer = "លេខសម្គាល់ឯកសារ 42HG-JMMQ-ZYX4";
        assert_eq!(printed_ids(khmer), vec!["42HG-JMMQ-ZYX4"]);
        // I, L, O and U are not Crockford digits.
        assert!(printed_ids("ID ABCD-EFGH-IJKL").is_empty());
    }
}
