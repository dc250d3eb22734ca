//! Problems found in a declaration file, with the key path and source position of each.

use std::fmt;
use std::ops::Range;
use toml::de::{DeTable, DeValue};

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
pub struct Location {
    /// Line number.
    pub line: usize,
    /// Column number, in characters.
    pub column: usize,
}

/// One problem in a declaration file.
#[derive(Debug, Clone, PartialEq, Eq)]
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
}

impl Diagnostic {
    /// An error at `path`.
    pub fn error(path: KeyPath, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            path,
            message: message.into(),
            hint: None,
            location: None,
        }
    }

    /// A warning at `path`.
    pub fn warning(path: KeyPath, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            path,
            message: message.into(),
            hint: None,
            location: None,
        }
    }

    /// The same diagnostic with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
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

/// Finds key paths and source positions in the text of a TOML file.
pub struct SourceMap<'a> {
    source: &'a str,
    root: Option<toml::Spanned<DeValue<'a>>>,
    syntax_errors: Vec<toml::de::Error>,
}

impl<'a> SourceMap<'a> {
    /// Parses `source` for positions, recovering from syntax errors as far as it can.
    pub fn new(source: &'a str) -> SourceMap<'a> {
        let (table, syntax_errors) = DeTable::parse_recoverable(source);
        let span = table.span();
        let root = Some(toml::Spanned::new(span, DeValue::Table(table.into_inner())));
        SourceMap {
            source,
            root,
            syntax_errors,
        }
    }

    /// Every TOML syntax error in the file.
    pub fn syntax_errors(&self) -> &[toml::de::Error] {
        &self.syntax_errors
    }

    /// The span of the value at `path`, or of its nearest parent that exists.
    pub fn span_of(&self, path: &KeyPath) -> Option<Range<usize>> {
        let mut node = self.root.as_ref()?;
        let mut span = None;
        for seg in &path.0 {
            let next = match seg {
                Seg::Key(k) => node.get_ref().get(k.as_str()),
                Seg::Index(i) => node.get_ref().get(*i),
            };
            match next {
                Some(n) => {
                    node = n;
                    span = Some(n.span());
                }
                None => break,
            }
        }
        span
    }

    /// The span of the last key of `path` itself (for an unknown key), when it exists.
    pub fn key_span_of(&self, path: &KeyPath) -> Option<Range<usize>> {
        let (Seg::Key(last), parent) = path.0.split_last()? else {
            return None;
        };
        let mut node = self.root.as_ref()?;
        for seg in parent {
            node = match seg {
                Seg::Key(k) => node.get_ref().get(k.as_str())?,
                Seg::Index(i) => node.get_ref().get(*i)?,
            };
        }
        let table = node.get_ref().as_table()?;
        table
            .iter()
            .find(|(k, _)| k.get_ref() == last)
            .map(|(k, _)| k.span())
    }

    /// The key path of the value at `span`: at each level, the entry that starts last
    /// at or before it (a `[[table]]`'s span covers only its header, so containment
    /// alone cannot find keys inside it).
    pub fn path_at(&self, span: &Range<usize>) -> KeyPath {
        let mut path = KeyPath::root();
        let Some(mut node) = self.root.as_ref() else {
            return path;
        };
        loop {
            let mut best: Option<(usize, Seg, &toml::Spanned<DeValue<'a>>)> = None;
            let mut consider = |start: usize, seg: Seg, value| {
                if start <= span.start && best.as_ref().is_none_or(|(s, _, _)| start >= *s) {
                    best = Some((start, seg, value));
                }
            };
            if let Some(table) = node.get_ref().as_table() {
                for (key, value) in table.iter() {
                    let start = key.span().start.min(value.span().start);
                    consider(start, Seg::Key(key.get_ref().to_string()), value);
                }
            } else if let Some(array) = node.get_ref().as_array() {
                for (i, value) in array.iter().enumerate() {
                    consider(value.span().start, Seg::Index(i), value);
                }
            }
            match best {
                Some((_, seg, value)) => {
                    path.0.push(seg);
                    node = value;
                }
                None => return path,
            }
        }
    }

    /// The line and column of byte offset `at`.
    pub fn location(&self, at: usize) -> Location {
        let at = at.min(self.source.len());
        let before = &self.source[..floor_char_boundary(self.source, at)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Location {
            line,
            column: before[line_start..].chars().count() + 1,
        }
    }

    /// Fills in the location of `diagnostic` from its key path; a problem of the whole
    /// file is placed at its start.
    pub fn locate(&self, mut diagnostic: Diagnostic) -> Diagnostic {
        if diagnostic.location.is_none() {
            diagnostic.location = self
                .span_of(&diagnostic.path)
                .map(|s| self.location(s.start));
        }
        if diagnostic.location.is_none() && diagnostic.path.0.is_empty() {
            diagnostic.location = Some(Location { line: 1, column: 1 });
        }
        diagnostic
    }
}

fn floor_char_boundary(s: &str, mut at: usize) -> usize {
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "[a]\nb = 1\n\n[[c]]\nd = \"x\"\n\n[[c]]\nd = \"ស\"\ne = [1, 2]\n";

    #[test]
    fn paths_print_one_based_positions() {
        let p = KeyPath::root().key("assets").index(2).key("shares");
        assert_eq!(p.to_string(), "assets[3].shares");
    }

    #[test]
    fn finds_the_line_and_column_of_a_path() {
        let map = SourceMap::new(SRC);
        let span = map
            .span_of(&KeyPath::root().key("c").index(1).key("e"))
            .unwrap();
        assert_eq!(map.location(span.start), Location { line: 9, column: 5 });
        // A missing key points at its parent.
        let span = map.span_of(&KeyPath::root().key("a").key("zz")).unwrap();
        assert_eq!(map.location(span.start).line, 1);
    }

    #[test]
    fn finds_the_path_of_a_span() {
        let map = SourceMap::new(SRC);
        let at = SRC.find("\"ស\"").unwrap();
        assert_eq!(map.path_at(&(at..at + 1)).to_string(), "c[2].d");
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
