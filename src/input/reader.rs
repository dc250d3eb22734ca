//! Reads a parsed TOML file into `Input` section by section and element by element, so
//! that every unknown key, wrong type and missing key is reported, not only the first.

use crate::input::address::Address;
use crate::input::diagnostic::{Diagnostic, KeyPath, Khmer, Seg};
use crate::input::model::{
    Authority, Input, Interpreter, Particulars, Partner, Relationship, Terms,
};
use crate::input::source_map::SourceMap;
use serde::de::DeserializeOwned;

mod messages;

use messages::{hint_for, khmer_for};

/// The top-level tables of a declaration file.
const SECTIONS: [&str; 9] = [
    "declaration",
    "partners",
    "interpreter",
    "relationship",
    "children",
    "assets",
    "terms",
    "witnesses",
    "authority",
];

/// Reads `source` (free of syntax errors) into `Input`, or every structural error.
pub(crate) fn read(source: &str, map: &SourceMap<'_>) -> Result<Input, Vec<Diagnostic>> {
    let mut table: toml::Table =
        toml::from_str(source).map_err(|e| vec![from_toml_error(&e, map, false)])?;
    // The source is NFC already; a string written with TOML escapes may not be.
    table.iter_mut().for_each(|(_, v)| nfc(v));
    read_table(&table, map)
}

/// The input `source` would be if each value at fault in `errors` (structural errors:
/// an empty date, a word where a number belongs, a missing or unknown key) had the
/// starter's value instead, the key paths so replaced, and the reader's errors that
/// the first ones hid (serde names one missing key of a table at a time); `None` when
/// that does not give an input either. The rules can then be checked on everything
/// else, so that one value the reader refuses does not hide the problems of the others.
pub(crate) fn repaired(
    source: &str,
    map: &SourceMap<'_>,
    errors: &[Diagnostic],
) -> Option<(Input, Vec<KeyPath>, Vec<Diagnostic>)> {
    let mut table: toml::Table = toml::from_str(source).ok()?;
    table.iter_mut().for_each(|(_, v)| nfc(v));
    let starter: toml::Table = toml::from_str(crate::input::starter::STARTER).ok()?;
    let mut replaced: Vec<KeyPath> = Vec::new();
    let mut errors: Vec<Diagnostic> = errors.to_vec();
    let mut hidden: Vec<Diagnostic> = Vec::new();
    for _ in 0..12 {
        for error in &errors {
            let mut path = error.path.clone();
            if let Some(field) = error
                .message
                .strip_prefix("missing field `")
                .and_then(|m| m.split('`').next())
                && path.0.last() != Some(&Seg::Key(field.to_owned()))
            {
                path.0.push(Seg::Key(field.to_owned()));
            }
            if path.0.is_empty() || replaced.contains(&path) {
                continue;
            }
            let fresh = starter_value(&starter, &path);
            replace(&mut table, &path, fresh);
            replaced.push(path);
        }
        match read_table(&table, map) {
            Ok(input) => return Some((input, replaced, hidden)),
            Err(more) => {
                hidden.extend(more.iter().cloned());
                errors = more;
            }
        }
    }
    None
}

/// The starter's value at `path`, a list's first entry standing for any other.
fn starter_value(starter: &toml::Table, path: &KeyPath) -> Option<toml::Value> {
    let mut node = toml::Value::Table(starter.clone());
    for seg in &path.0 {
        node = match (seg, node) {
            (Seg::Key(k), toml::Value::Table(mut t)) => t.remove(k)?,
            (Seg::Index(_), toml::Value::Array(mut a)) if !a.is_empty() => a.swap_remove(0),
            _ => return None,
        };
    }
    Some(node)
}

/// Puts `value` at `path` in `table` (or removes what is there when `None`).
fn replace(table: &mut toml::Table, path: &KeyPath, value: Option<toml::Value>) {
    let Some((last, parents)) = path.0.split_last() else {
        return;
    };
    let mut node: &mut toml::Value = match parents.first() {
        Some(Seg::Key(k)) => match table.get_mut(k) {
            Some(v) => v,
            None => return,
        },
        Some(Seg::Index(_)) => return,
        None => {
            if let Seg::Key(k) = last {
                match value {
                    Some(v) => table.insert(k.clone(), v),
                    None => table.remove(k),
                };
            }
            return;
        }
    };
    for seg in &parents[1..] {
        node = match (seg, node) {
            (Seg::Key(k), toml::Value::Table(t)) => match t.get_mut(k) {
                Some(v) => v,
                None => return,
            },
            (Seg::Index(i), toml::Value::Array(a)) => match a.get_mut(*i) {
                Some(v) => v,
                None => return,
            },
            _ => return,
        };
    }
    match (last, node, value) {
        (Seg::Key(k), toml::Value::Table(t), Some(v)) => {
            t.insert(k.clone(), v);
        }
        (Seg::Key(k), toml::Value::Table(t), None) => {
            t.remove(k);
        }
        (Seg::Index(i), toml::Value::Array(a), Some(v)) if *i < a.len() => a[*i] = v,
        _ => {}
    }
}

/// Reads a parsed file into `Input`, or every structural error.
fn read_table(table: &toml::Table, map: &SourceMap<'_>) -> Result<Input, Vec<Diagnostic>> {
    let table = table.clone();
    let mut r = Reader {
        map,
        errors: Vec::new(),
    };
    for key in table.keys().filter(|k| !SECTIONS.contains(&k.as_str())) {
        let message = format!(
            "unknown field `{key}`, expected one of {}",
            SECTIONS
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        r.error(KeyPath::root().key(key), message);
    }
    let declaration = r.one::<Particulars>(&table, "declaration", true);
    let partners = r.many::<Partner>(&table, "partners", true);
    let relationship = r.one::<Relationship>(&table, "relationship", true);
    let children = r.many(&table, "children", false);
    let assets = r.many(&table, "assets", false);
    let terms = r.one::<Terms>(&table, "terms", false);
    let witnesses = r.many(&table, "witnesses", false);
    // The authority may be left out when the shared home is a place of the gazetteer:
    // it is then the home's commune.
    let home_is_a_place = matches!(
        &relationship,
        Some(Some(Relationship {
            home: Address::Place(_),
            ..
        }))
    );
    let authority = r.one::<Authority>(&table, "authority", !home_is_a_place);
    let interpreter = r.one::<Interpreter>(&table, "interpreter", false);
    let mut errors = r.errors;
    if !errors.is_empty() {
        errors.sort_by_key(|d| d.location.map(|l| (l.line, l.column)));
        return Err(errors);
    }
    let missing = || {
        vec![Diagnostic::error(
            KeyPath::root(),
            "the file could not be read",
        )]
    };
    Ok(Input {
        declaration: declaration.flatten().ok_or_else(missing)?,
        partners: partners.ok_or_else(missing)?,
        relationship: relationship.flatten().ok_or_else(missing)?,
        children: children.ok_or_else(missing)?,
        assets: assets.ok_or_else(missing)?,
        terms: terms.ok_or_else(missing)?.unwrap_or_default(),
        witnesses: witnesses.ok_or_else(missing)?,
        authority: authority.ok_or_else(missing)?.unwrap_or_default(),
        interpreter: interpreter.ok_or_else(missing)?,
    })
}

/// Normalises every string in `value` to Unicode NFC.
fn nfc(value: &mut toml::Value) {
    match value {
        toml::Value::String(s) if !unicode_normalization::is_nfc(s) => {
            *s = unicode_normalization::UnicodeNormalization::nfc(s.as_str()).collect();
        }
        toml::Value::Array(items) => items.iter_mut().for_each(nfc),
        toml::Value::Table(table) => table.iter_mut().for_each(|(_, v)| nfc(v)),
        _ => {}
    }
}

struct Reader<'m, 'a> {
    map: &'m SourceMap<'a>,
    errors: Vec<Diagnostic>,
}

impl Reader<'_, '_> {
    fn error(&mut self, path: KeyPath, message: String) {
        let hint = hint_for(&message);
        let message = message.replace("TOML datetime", "TOML date (YYYY-MM-DD)");
        // An unknown key is shown at the key, not at its value.
        let location = message
            .starts_with("unknown field")
            .then(|| self.map.key_span_of(&path))
            .flatten()
            .map(|span| self.map.location(span.start));
        let km = khmer_for(&message).map(|message| Khmer {
            message,
            hint: None,
        });
        let diagnostic = Diagnostic {
            hint,
            location,
            km,
            ..Diagnostic::error(path, message)
        };
        self.errors.push(self.map.locate(diagnostic));
    }

    /// A table section: `None` on error, `Some(None)` when an optional one is absent.
    fn one<T: DeserializeOwned>(
        &mut self,
        table: &toml::Table,
        key: &str,
        required: bool,
    ) -> Option<Option<T>> {
        let at = KeyPath::root().key(key);
        match table.get(key) {
            None if required => {
                self.error(
                    KeyPath::root(),
                    format!("missing field `{key}`: the file has no [{key}] table"),
                );
                None
            }
            None => Some(None),
            Some(value) => self.value(value, at).map(Some),
        }
    }

    /// An array of tables (`[[key]]`), each element read on its own.
    fn many<T: DeserializeOwned>(
        &mut self,
        table: &toml::Table,
        key: &str,
        required: bool,
    ) -> Option<Vec<T>> {
        let at = KeyPath::root().key(key);
        match table.get(key) {
            None if required => {
                self.error(
                    KeyPath::root(),
                    format!("missing field `{key}`: the file has no [[{key}]] tables"),
                );
                None
            }
            None => Some(Vec::new()),
            Some(toml::Value::Array(items)) => {
                let read: Vec<Option<T>> = items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| self.value(v, at.index(i)))
                    .collect();
                read.into_iter().collect()
            }
            Some(other) => {
                self.error(
                    at,
                    format!("expected [[{key}]] tables, found a {}", other.type_str()),
                );
                None
            }
        }
    }

    /// One value, with the key path of any error inside it.
    fn value<T: DeserializeOwned>(&mut self, value: &toml::Value, at: KeyPath) -> Option<T> {
        match serde_path_to_error::deserialize(value.clone()) {
            Ok(v) => Some(v),
            Err(e) => {
                let mut path = at;
                for seg in e.path().iter() {
                    match seg {
                        serde_path_to_error::Segment::Seq { index } => {
                            path.0.push(Seg::Index(*index))
                        }
                        serde_path_to_error::Segment::Map { key } => {
                            path.0.push(Seg::Key(key.clone()))
                        }
                        serde_path_to_error::Segment::Enum { variant } => {
                            path.0.push(Seg::Key(variant.clone()))
                        }
                        serde_path_to_error::Segment::Unknown => {}
                    }
                }
                let message = e.inner().message().trim().to_owned();
                let field = message
                    .strip_prefix("unknown field `")
                    .and_then(|m| m.split('`').next());
                if let Some(field) = field
                    && path.0.last() != Some(&Seg::Key(field.to_owned()))
                {
                    path.0.push(Seg::Key(field.to_owned()));
                }
                self.error(path, message);
                None
            }
        }
    }
}

/// The nesting from which a reader error without a position (its recursion limit) is
/// placed at the first place nested deeper: no declaration nests more than 4 deep.
const NESTING_SHOWN: usize = 16;

/// Turns a TOML or serde error into a diagnostic with a key path and a hint.
///
/// A syntax error keeps its key path only when that key's value starts on the
/// error's line; otherwise the path would name a neighbouring key.
pub(crate) fn from_toml_error(
    err: &toml::de::Error,
    map: &SourceMap<'_>,
    syntax: bool,
) -> Diagnostic {
    let message = err.message().trim().to_owned();
    let (mut path, location) = match err.span() {
        Some(span) => (map.path_at(&span), Some(map.location(span.start))),
        None => (KeyPath::root(), map.too_deep(NESTING_SHOWN)),
    };
    if syntax {
        let key_line = map.span_of(&path).map(|s| map.location(s.start).line);
        if key_line != location.map(|l| l.line) {
            path = KeyPath::root();
        }
    }
    let hint = hint_for(&message);
    let message = message.replace("TOML datetime", "TOML date (YYYY-MM-DD)");
    let message = match message.as_str() {
        "recursion limit" => {
            "keys or brackets are nested far deeper than a declaration's (the reader's recursion limit)"
                .to_owned()
        }
        _ => message,
    };
    Diagnostic {
        hint,
        location,
        ..Diagnostic::error(path, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_name() {
        let hint = hint_for("unknown field `nmae`, expected one of `name`, `sex`, `date-of-birth`");
        assert_eq!(hint.as_deref(), Some("did you mean `name`?"));
        let hint = hint_for("unknown variant `sangkot`, expected `commune` or `sangkat`");
        assert_eq!(hint.as_deref(), Some("did you mean `sangkat`?"));
        let hint = hint_for("unknown variant `EUR`, expected `USD` or `KHR`");
        assert_eq!(hint, None, "the message already lists the valid names");
    }
}
