//! How a contract is rendered: its languages, their arrangement, and which kind of copy.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Which languages the contract is printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub enum Languages {
    /// `km+en`: Khmer and English (the default).
    #[default]
    #[serde(rename = "km+en")]
    KhmerEnglish,
    /// `km`: Khmer only.
    #[serde(rename = "km")]
    Khmer,
    /// `en`: English only; the national header is in English too.
    #[serde(rename = "en")]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Layout {
    /// `parallel`: Khmer left and English right, each clause's halves starting on the
    /// same line.
    #[default]
    Parallel,
    /// `stacked`: each clause in Khmer, then in English.
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

/// Which kind of copy is made: the final contract, or a copy that cannot pass for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum CopyKind {
    /// The contract to sign: archival PDF/A-3b with the data attached; every value must
    /// be real (a placeholder left from the starter file is an error).
    #[default]
    Final,
    /// A draft for review: a watermark on every page, not archival, no data attached;
    /// placeholders are only warned about.
    Draft,
    /// A copy safe to share outside the couple and the authority: personal details
    /// reduced, a watermark on every page, not archival, no data attached.
    Redacted,
    /// A redacted copy of a draft: both watermarks, placeholders only warned about.
    RedactedDraft,
}

impl CopyKind {
    /// The kind of copy made with the command line's `--draft` and `--redact`.
    pub fn from_flags(draft: bool, redact: bool) -> CopyKind {
        match (draft, redact) {
            (false, false) => CopyKind::Final,
            (true, false) => CopyKind::Draft,
            (false, true) => CopyKind::Redacted,
            (true, true) => CopyKind::RedactedDraft,
        }
    }

    /// Whether this is the final copy: archival, with the data attached.
    pub fn is_final(self) -> bool {
        self == CopyKind::Final
    }

    /// Whether the copy is marked as a draft (and placeholders only warned about).
    pub fn is_draft(self) -> bool {
        matches!(self, CopyKind::Draft | CopyKind::RedactedDraft)
    }

    /// Whether personal details are reduced (see the README's redaction list).
    pub fn is_redacted(self) -> bool {
        matches!(self, CopyKind::Redacted | CopyKind::RedactedDraft)
    }
}

/// How to render a declaration: `Options::default()` is the final copy in Khmer and
/// English side by side; change it with the methods below.
///
/// ```
/// use dfr::{CopyKind, Languages, Layout, Options};
/// let options = Options::default().languages(Languages::Khmer).layout(Layout::Stacked).copy(CopyKind::Draft);
/// assert!(!options.copy.is_final());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct Options {
    /// The languages to print.
    pub languages: Languages,
    /// The arrangement of the languages.
    pub layout: Layout,
    /// Which kind of copy.
    pub copy: CopyKind,
}

impl Options {
    /// These options printing `languages`.
    pub fn languages(mut self, languages: Languages) -> Options {
        self.languages = languages;
        self
    }

    /// These options arranged by `layout`.
    pub fn layout(mut self, layout: Layout) -> Options {
        self.layout = layout;
        self
    }

    /// These options making a copy of `kind`.
    pub fn copy(mut self, kind: CopyKind) -> Options {
        self.copy = kind;
        self
    }

    /// Whether the PDF is a final copy: archival, with the data attached.
    pub fn is_final(&self) -> bool {
        self.copy.is_final()
    }
}
