//! Why a valid declaration could not be rendered: a template problem, located.

use crate::layout::world::DfrWorld;
use crate::wording::set::WordingError;
use std::fmt;
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};

/// Why a valid declaration could not be rendered: always a template problem.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A wording template does not load or render.
    #[error(transparent)]
    Wording(#[from] WordingError),
    /// The Typst layout failed; each problem names the template file, line and column.
    #[error("{}", LayoutProblem::lines(.0))]
    Layout(Vec<LayoutProblem>),
    /// The laid-out document breaks a rule of PDF/A (a final copy is archival).
    #[error("PDF standard: {0}")]
    PdfStandard(String),
    /// A document of the kit that the set does not have, or whose `document.toml` is wrong.
    #[error("{0}")]
    Document(String),
    /// A page image could not be encoded as PNG.
    #[error("PNG encoding: {0}")]
    Png(String),
}

/// One error of the Typst layout, where a template file caused it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LayoutProblem {
    /// `FILE:LINE:COLUMN` inside the template set, or `layout` when Typst names no file.
    pub at: String,
    /// What went wrong, in Typst's words.
    pub message: String,
    /// What may help, in Typst's words.
    pub hints: Vec<String>,
}

impl LayoutProblem {
    /// A problem of the layout as a whole, at `main.typ`.
    pub(crate) fn whole(message: String) -> LayoutProblem {
        LayoutProblem {
            at: "main.typ".to_owned(),
            message,
            hints: Vec::new(),
        }
    }

    /// Each problem as `template FILE:LINE:COL: error: MESSAGE` with its `hint:` lines.
    fn lines(problems: &[LayoutProblem]) -> String {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        lines.join("\n")
    }
}

impl fmt::Display for LayoutProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "template {}: error: {}", self.at, self.message)?;
        for hint in &self.hints {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Typst's errors, located in the template set.
pub(crate) fn describe(world: &DfrWorld, diagnostics: &[SourceDiagnostic]) -> Vec<LayoutProblem> {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| LayoutProblem {
            at: d
                .span
                .id()
                .and_then(|id| {
                    let source = world.template_source(id)?;
                    let range = world.range(d.span)?;
                    let line = source.lines().byte_to_line(range.start)? + 1;
                    let column = source.lines().byte_to_column(range.start)? + 1;
                    Some(format!(
                        "{}:{line}:{column}",
                        id.get().vpath().get_without_slash()
                    ))
                })
                .unwrap_or_else(|| "layout".to_owned()),
            message: d.message.to_string(),
            // Typst's hints about its own command-line flags do not apply to dfr.
            hints: (d.hints.iter())
                .filter(|h| !h.v.contains("`--"))
                .map(|h| h.v.to_string())
                .collect(),
        })
        .collect()
}
