//! Where a key path is in the text of a TOML file, and which key path a position is in.

use crate::input::diagnostic::{Diagnostic, KeyPath, Location, Seg};
use std::ops::Range;
use toml::de::{DeTable, DeValue};

/// Finds key paths and source positions in the text of a TOML file.
pub(crate) struct SourceMap<'a> {
    source: &'a str,
    root: Option<toml::Spanned<DeValue<'a>>>,
    syntax_errors: Vec<toml::de::Error>,
}

impl<'a> SourceMap<'a> {
    /// Parses `source` for positions, recovering from syntax errors as far as it can.
    pub(crate) fn new(source: &'a str) -> SourceMap<'a> {
        let (table, syntax_errors) = DeTable::parse_recoverable(source);
        let span = table.span();
        let root = Some(toml::Spanned::new(span, DeValue::Table(table.into_inner())));
        SourceMap {
            source,
            root,
            syntax_errors,
        }
    }

    /// Where the file first nests keys or brackets more than `limit` deep (the reader
    /// stops at such depth with a "recursion limit" error that has no position).
    pub(crate) fn too_deep(&self, limit: usize) -> Option<Location> {
        let mut depth = 0usize;
        let mut quote: Option<char> = None;
        let mut dots = 0usize;
        let mut in_key = true;
        for (at, c) in self.source.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '[' | '{') => depth += 1,
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                (None, '.') if in_key => dots += 1,
                (None, '=') => in_key = false,
                (None, '\n') => {
                    dots = 0;
                    in_key = depth == 0;
                }
                _ => {}
            }
            if depth > limit || dots > limit {
                return Some(self.location(at));
            }
        }
        None
    }

    /// Every TOML syntax error in the file.
    pub(crate) fn syntax_errors(&self) -> &[toml::de::Error] {
        &self.syntax_errors
    }

    /// The span of the value at `path`, or of its nearest parent that exists.
    pub(crate) fn span_of(&self, path: &KeyPath) -> Option<Range<usize>> {
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
    pub(crate) fn key_span_of(&self, path: &KeyPath) -> Option<Range<usize>> {
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
    pub(crate) fn path_at(&self, span: &Range<usize>) -> KeyPath {
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
    pub(crate) fn location(&self, at: usize) -> Location {
        location_in(self.source, at)
    }

    /// Fills in the location of `diagnostic` from its key path; a problem of the whole
    /// file is placed at its start.
    pub(crate) fn locate(&self, mut diagnostic: Diagnostic) -> Diagnostic {
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

/// The line and column of byte offset `at` in `text`.
pub(crate) fn location_in(text: &str, at: usize) -> Location {
    let at = at.min(text.len());
    let before = &text[..floor_char_boundary(text, at)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Location {
        line,
        column: before[line_start..].chars().count() + 1,
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
}
