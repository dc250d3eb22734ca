//! The JSON answers of the form's most used requests, one struct each: their `///`
//! lines are the reference of what the page reads.

use serde::Serialize;

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
    /// Each page as an SVG image, in a `data:` address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<Vec<String>>,
    /// Where each marked part of the contract starts (the preview scrolls to them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parts: Option<Vec<dfr::PartStart>>,
    /// How long the server took, in milliseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ms: Option<u64>,
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
