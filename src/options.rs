//! How a contract is rendered: its languages, their arrangement, the template set, draft or redacted.

use crate::wording::templates::Templates;

/// Which languages the contract is printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Languages {
    /// Khmer and English (the default).
    #[default]
    KhmerEnglish,
    /// Khmer only.
    Khmer,
    /// English only; the national header is in English too.
    English,
}

impl Languages {
    /// The name used on the command line and in the layout data: `km+en`, `km` or `en`.
    pub fn name(self) -> &'static str {
        match self {
            Languages::KhmerEnglish => "km+en",
            Languages::Khmer => "km",
            Languages::English => "en",
        }
    }
}

/// How the two languages of a clause are arranged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Khmer left and English right, each clause's halves starting on the same line.
    #[default]
    Parallel,
    /// Each clause in Khmer, then in English.
    Stacked,
}

impl Layout {
    /// The name used on the command line and in the layout data.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Parallel => "parallel",
            Layout::Stacked => "stacked",
        }
    }
}

/// How to render a declaration.
#[derive(Debug, Clone)]
pub struct Options {
    /// The languages to print.
    pub languages: Languages,
    /// The arrangement of the languages.
    pub layout: Layout,
    /// The template set: built-in unless a lawyer's edited set is given.
    pub templates: Templates,
    /// A draft for review: a watermark on every page, not archival, no data attached.
    pub draft: bool,
    /// A copy safe to share: personal details reduced (see `redact`), a watermark on
    /// every page, not archival, no data attached.
    pub redact: bool,
}

impl Options {
    /// Whether the PDF is a final copy: archival, with the data attached.
    pub fn is_final(&self) -> bool {
        !self.draft && !self.redact
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            languages: Languages::default(),
            layout: Layout::default(),
            templates: Templates::builtin(),
            draft: false,
            redact: false,
        }
    }
}
