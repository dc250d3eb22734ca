//! Problems found in a declaration file, with the key path and source position of each.

use std::fmt;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The file cannot be rendered.
    Error,
    /// Legal but unusual; the file renders.
    Warning,
}

/// One step of a key path: a table key or an array position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A key of a table.
    Key(String),
    /// A position in an array, counted from 0.
    Index(usize),
}

/// A key path such as `partners[2].date-of-birth` (array positions count from 1).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyPath(pub Vec<Seg>);

impl KeyPath {
    /// The path of the document root.
    pub fn root() -> KeyPath {
        KeyPath(Vec::new())
    }

    /// This path extended by a table key.
    pub fn key(&self, key: &str) -> KeyPath {
        let mut segs = self.0.clone();
        segs.push(Seg::Key(key.to_owned()));
        KeyPath(segs)
    }

    /// This path extended by an array position (counted from 0).
    pub fn index(&self, index: usize) -> KeyPath {
        let mut segs = self.0.clone();
        segs.push(Seg::Index(index));
        KeyPath(segs)
    }
}

/// Key paths longer than this are shortened when shown (only absurd nesting reaches it).
const SHOWN_SEGMENTS: usize = 8;

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            if i == SHOWN_SEGMENTS {
                return write!(f, "…");
            }
            match seg {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{}]", n + 1)?,
            }
        }
        Ok(())
    }
}

/// A line and column in a file, both counted from 1 (columns in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Location {
    /// Line number.
    pub line: usize,
    /// Column number, in characters.
    pub column: usize,
}

/// One problem in a declaration file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The key path of the value at fault (empty for the whole file).
    pub path: KeyPath,
    /// What is wrong and what would be valid.
    pub message: String,
    /// A suggestion, where one helps.
    pub hint: Option<String>,
    /// Where in the file, when known.
    pub location: Option<Location>,
    /// The message and hint in Khmer, for the form's Khmer interface (`dfr serve`);
    /// `None` where a problem is worded in English only (the TOML reader's own
    /// messages).
    pub km: Option<Khmer>,
}

/// A problem's message and hint in Khmer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Khmer {
    /// What is wrong and what would be valid.
    pub message: String,
    /// A suggestion, where one helps.
    pub hint: Option<String>,
}

/// A message in English and, where it is written, in Khmer: `"…"` or `("…", "…")`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    /// The English, which the command line prints.
    pub en: String,
    /// The Khmer, which the form shows in its Khmer interface.
    pub km: Option<String>,
}

impl From<&str> for Words {
    fn from(en: &str) -> Words {
        Words {
            en: en.to_owned(),
            km: None,
        }
    }
}

impl From<String> for Words {
    fn from(en: String) -> Words {
        Words { en, km: None }
    }
}

impl<E: Into<String>, K: Into<String>> From<(E, K)> for Words {
    fn from((en, km): (E, K)) -> Words {
        Words {
            en: en.into(),
            km: Some(km.into()),
        }
    }
}

impl Diagnostic {
    /// An error at `path`.
    pub fn error(path: KeyPath, message: impl Into<Words>) -> Diagnostic {
        Diagnostic::new(Severity::Error, path, message.into())
    }

    /// A warning at `path`.
    pub fn warning(path: KeyPath, message: impl Into<Words>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, path, message.into())
    }

    fn new(severity: Severity, path: KeyPath, message: Words) -> Diagnostic {
        Diagnostic {
            severity,
            path,
            message: message.en,
            hint: None,
            location: None,
            km: message.km.map(|message| Khmer {
                message,
                hint: None,
            }),
        }
    }

    /// The same diagnostic with a hint.
    pub fn with_hint(mut self, hint: impl Into<Words>) -> Diagnostic {
        self.set_hint(hint);
        self
    }

    /// Gives the diagnostic a hint (its Khmer too, when the message has Khmer).
    pub fn set_hint(&mut self, hint: impl Into<Words>) {
        let hint = hint.into();
        self.hint = Some(hint.en);
        if let Some(km) = &mut self.km {
            km.hint = hint.km;
        }
    }

    /// Writes the diagnostic as `FILE:LINE:COL: error: MESSAGE`, then a `hint:` line if any.
    pub fn render(&self, file: &str) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let place = match self.location {
            Some(l) => format!("{file}:{}:{}", l.line, l.column),
            None => file.to_owned(),
        };
        let path = self.path.to_string();
        let mut out = if path.is_empty() {
            format!("{place}: {kind}: {}", self.message)
        } else {
            format!("{place}: {kind}: {path}: {}", self.message)
        };
        if let Some(hint) = &self.hint {
            out.push_str(&format!("\n  hint: {hint}"));
        }
        out
    }
}

/// The problems that stop a file from being used, with any warnings found alongside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Every diagnostic rendered for `file`, one per line.
    pub fn render(&self, file: &str) -> String {
        self.0
            .iter()
            .map(|d| d.render(file))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render("<input>"))
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_print_one_based_positions() {
        let p = KeyPath::root().key("assets").index(2).key("shares");
        assert_eq!(p.to_string(), "assets[3].shares");
    }

    #[test]
    fn renders_file_line_column() {
        let d = Diagnostic {
            location: Some(Location { line: 3, column: 7 }),
            ..Diagnostic::error(KeyPath::root().key("x"), "bad")
        }
        .with_hint("try y");
        assert_eq!(
            d.render("f.toml"),
            "f.toml:3:7: error: x: bad\n  hint: try y"
        );
    }
}
