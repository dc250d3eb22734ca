//! Reading a declaration: TOML text → `Input` → validated `Declaration`.

use crate::input::diagnostic::{Diagnostic, Diagnostics, KeyPath, Severity};
use crate::input::model::Input;
use crate::input::source_map::SourceMap;
use crate::input::validate::validate;
use crate::options::CopyKind;

/// A declaration that has passed validation and can be rendered.
#[derive(Debug, Clone, PartialEq)]
pub struct Declaration {
    input: Input,
    warnings: Vec<Diagnostic>,
}

/// The result of checking a file: every diagnostic, and the declaration when there is no error.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Checked {
    /// The valid declaration, or `None` when there is an error.
    pub declaration: Option<Declaration>,
    /// Every error and warning, in file order, with locations.
    pub diagnostics: Vec<Diagnostic>,
}

impl Declaration {
    /// Parses and validates the text of a declaration file.
    pub fn from_toml_str(source: &str) -> Result<Declaration, Diagnostics> {
        let checked = check(source);
        match checked.declaration {
            Some(d) => Ok(d),
            None => Err(Diagnostics(checked.diagnostics)),
        }
    }

    /// The validated data, as written in the file.
    pub fn input(&self) -> &Input {
        &self.input
    }

    /// What is legal but unusual in this declaration.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }
}

/// The largest declaration file accepted: real ones are a few kilobytes.
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;

/// Why a declaration file could not be read as text.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The file could not be read (missing, a folder, no permission).
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The file is too large or not UTF-8: a problem of the file, located.
    #[error("{}", .0.message)]
    Invalid(Box<Diagnostic>),
}

/// Reads a declaration file as UTF-8 text, refusing a file larger than
/// [`MAX_INPUT_BYTES`] before reading it, and locating the first byte that is not UTF-8.
pub fn read_source(path: &std::path::Path) -> Result<String, SourceError> {
    source_text(read_bytes(path, MAX_INPUT_BYTES)?)
}

/// The problem of a file larger than a declaration may be (`size` as said).
fn too_large(size: String) -> SourceError {
    let message =
        format!("the file is {size} bytes; a declaration file is at most {MAX_INPUT_BYTES} bytes");
    SourceError::Invalid(Box::new(Diagnostic {
        location: Some(crate::input::diagnostic::Location { line: 1, column: 1 }),
        ..Diagnostic::error(KeyPath::root(), message)
    }))
}

/// Reads the bytes of a file, refusing one larger than `limit` before reading it (an
/// encrypted declaration is read with a little more room than a plain one).
pub fn read_bytes(path: &std::path::Path, limit: usize) -> Result<Vec<u8>, SourceError> {
    use std::io::Read;
    if let Ok(meta) = std::fs::metadata(path)
        && meta.is_file()
        && meta.len() > limit as u64
    {
        return Err(too_large(meta.len().to_string()));
    }
    // A device, a pipe or a file that grows is read only up to the limit.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(limit as u64 + 1).read_to_end(&mut bytes))
        .map_err(SourceError::Io)?;
    if bytes.len() > limit {
        return Err(too_large(format!("more than {MAX_INPUT_BYTES}")));
    }
    Ok(bytes)
}

/// A declaration's bytes as its text: at most [`MAX_INPUT_BYTES`], and UTF-8 (else the
/// first byte that is not, located).
pub fn source_text(bytes: Vec<u8>) -> Result<String, SourceError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(too_large(bytes.len().to_string()));
    }
    String::from_utf8(bytes).map_err(|e| {
        // The position of the first byte that is not UTF-8: the end of the valid text.
        let valid_up_to = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&e.as_bytes()[..valid_up_to]);
        SourceError::Invalid(Box::new(Diagnostic {
            location: Some(crate::input::source_map::location_in(&before, before.len())),
            ..Diagnostic::error(KeyPath::root(), "the file is not UTF-8 text").with_hint(
                "save the file as UTF-8 in your editor; a binary file is not a declaration",
            )
        }))
    })
}

/// Parses and validates `source` for a final copy, reporting every problem found.
///
/// The text is normalised to Unicode NFC first, so that a name typed with decomposed
/// vowels is the same name as its composed form; positions refer to the NFC text.
pub fn check(source: &str) -> Checked {
    check_copy(source, CopyKind::Final)
}

/// Parses and validates `source` for the given kind of copy (see [`check`]): placeholders
/// left in from the starter file are warnings for a draft and errors for every copy
/// that leaves the office (final or redacted, a redacted draft too).
pub fn check_copy(source: &str, copy: CopyKind) -> Checked {
    let fail = |message: String, hint: &str| Checked {
        declaration: None,
        diagnostics: vec![
            SourceMap::new("").locate(Diagnostic::error(KeyPath::root(), message).with_hint(hint)),
        ],
    };
    if source.len() > MAX_INPUT_BYTES {
        return fail(
            format!(
                "the file is {} bytes; a declaration file is at most {MAX_INPUT_BYTES} bytes",
                source.len()
            ),
            "check that this is a declaration file",
        );
    }
    if source.trim().is_empty() {
        return fail(
            "the file is empty".to_owned(),
            "start from `dfr new FILE` or examples/dara-and-sophea.toml",
        );
    }
    let normalised: String;
    let source = if unicode_normalization::is_nfc(source) {
        source
    } else {
        normalised = unicode_normalization::UnicodeNormalization::nfc(source).collect();
        &normalised
    };
    let map = SourceMap::new(source);
    if !map.syntax_errors().is_empty() {
        let mut diagnostics: Vec<Diagnostic> = map
            .syntax_errors()
            .iter()
            .map(|e| crate::input::reader::from_toml_error(e, &map, true))
            .collect();
        diagnostics.sort_by_key(|d| d.location.map(|l| (l.line, l.column)));
        return Checked {
            declaration: None,
            diagnostics,
        };
    }
    let input = match crate::input::reader::read(source, &map) {
        Ok(input) => input,
        Err(mut diagnostics) => {
            // The rules are still checked on every value the reader took, so that one
            // value it refuses (an empty date) does not hide the other problems.
            if let Some((input, replaced, hidden)) =
                crate::input::reader::repaired(source, &map, &diagnostics)
            {
                // A key missing only because it was misspelled is said once, by the
                // misspelling's own error (with its "did you mean").
                let misspelled: Vec<KeyPath> = diagnostics
                    .iter()
                    .filter(|d| d.message.starts_with("unknown field"))
                    .map(|d| KeyPath(d.path.0[..d.path.0.len().saturating_sub(1)].to_vec()))
                    .collect();
                for more in hidden {
                    let known = diagnostics
                        .iter()
                        .any(|d| d.path == more.path && d.message == more.message)
                        || (more.message.starts_with("missing field")
                            && misspelled.contains(&more.path));
                    if !known {
                        diagnostics.push(more);
                    }
                }
                let untouched =
                    |d: &Diagnostic| !replaced.iter().any(|r| d.path.0.starts_with(&r.0));
                diagnostics.extend(
                    validate(&input)
                        .into_iter()
                        .filter(untouched)
                        .map(|d| map.locate(d)),
                );
                diagnostics.sort_by_key(|d| d.location.map(|l| (l.line, l.column)));
            }
            return Checked {
                declaration: None,
                diagnostics,
            };
        }
    };
    let placeholders = crate::input::validate::placeholders(&input)
        .into_iter()
        .chain(crate::input::validate::for_final_copy(&input))
        .map(|d| match copy {
            CopyKind::Draft => Diagnostic {
                severity: Severity::Warning,
                ..d
            },
            _ => d,
        });
    let mut diagnostics: Vec<Diagnostic> = validate(&input)
        .into_iter()
        .chain(placeholders)
        .map(|d| map.locate(d))
        .collect();
    // In file order, as promised; a problem of the whole file first.
    diagnostics.sort_by_key(|d| d.location.map(|l| (l.line, l.column)));
    let has_error = diagnostics.iter().any(|d| d.severity == Severity::Error);
    let declaration = (!has_error).then(|| Declaration {
        input,
        warnings: diagnostics.clone(),
    });
    Checked {
        declaration,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_toml_escape_is_normalised_like_typed_text() {
        let source = include_str!("../../examples/dara-and-sophea.toml")
            .replace("amount = 1800,", "amount = 1800.5,")
            .replace("SOK Dara", "SOK Dare\\u0301");
        let declaration = Declaration::from_toml_str(&source).unwrap();
        let input = declaration.input();
        assert_eq!(input.partners[0].name.en, "SOK Dar\u{E9}");
        assert_eq!(input.assets[1].value.unwrap().amount.0, 180_050);
    }
}
