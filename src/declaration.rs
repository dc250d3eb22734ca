//! Reading a declaration: TOML text → `Input` → validated `Declaration`.

use crate::diagnostic::{Diagnostic, Diagnostics, KeyPath, Severity};
use crate::model::Input;
use crate::source_map::SourceMap;
use crate::validate::validate;

/// A declaration that has passed validation and can be rendered.
#[derive(Debug, Clone, PartialEq)]
pub struct Declaration {
    input: Input,
    warnings: Vec<Diagnostic>,
}

/// The result of checking a file: every diagnostic, and the declaration when there is no error.
#[derive(Debug, Clone)]
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

/// What kind of copy a declaration is checked for: placeholders left in from the
/// starter file are errors for a final copy and warnings for a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Purpose {
    /// A final (or redacted) copy: every value must be real.
    #[default]
    Final,
    /// A draft for review: placeholders are only warned about.
    Draft,
}

/// Parses and validates `source` for a final copy, reporting every problem found.
///
/// The text is normalised to Unicode NFC first, so that a name typed with decomposed
/// vowels is the same name as its composed form; positions refer to the NFC text.
pub fn check(source: &str) -> Checked {
    check_copy(source, Purpose::Final)
}

/// Parses and validates `source` for the given kind of copy (see [`check`]).
pub fn check_copy(source: &str, purpose: Purpose) -> Checked {
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
            .map(|e| crate::structure::from_toml_error(e, &map, true))
            .collect();
        diagnostics.sort_by_key(|d| d.location.map(|l| (l.line, l.column)));
        return Checked {
            declaration: None,
            diagnostics,
        };
    }
    let input = match crate::structure::read(source, &map) {
        Ok(input) => normalise(input),
        Err(diagnostics) => {
            return Checked {
                declaration: None,
                diagnostics,
            };
        }
    };
    let placeholders = crate::validate::placeholders(&input)
        .into_iter()
        .map(|d| match purpose {
            Purpose::Final => d,
            Purpose::Draft => Diagnostic {
                severity: Severity::Warning,
                ..d
            },
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

/// Normalises every string of `input` to NFC, including those written with TOML escapes.
fn normalise(input: Input) -> Input {
    fn walk(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::String(s) if !unicode_normalization::is_nfc(s) => {
                *s = unicode_normalization::UnicodeNormalization::nfc(s.as_str()).collect();
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(walk),
            serde_json::Value::Object(map) => map.values_mut().for_each(walk),
            _ => {}
        }
    }
    let Ok(mut value) = serde_json::to_value(&input) else {
        return input;
    };
    walk(&mut value);
    serde_json::from_value(value).unwrap_or(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_keeps_every_value() {
        let source = include_str!("../examples/dara-and-sophea.toml")
            .replace("amount = 1800,", "amount = 1800.5,")
            .replace("SOK Dara", "SOK Dare\\u0301");
        let input: Input = toml::from_str(&source).unwrap();
        // The round trip through JSON must succeed, or normalisation would be skipped.
        let value = serde_json::to_value(&input).unwrap();
        let back: Input = serde_json::from_value(value).unwrap();
        assert_eq!(back, input);
        let normalised = normalise(input.clone());
        assert_eq!(normalised.partners[0].name.en, "SOK Dar\u{E9}");
        assert_eq!(normalised.assets, input.assets);
        assert_eq!(normalised.declaration, input.declaration);
    }
}
