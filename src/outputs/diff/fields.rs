//! The changed values in the form's words: the key path as the form names its fields, the value as typed.

use super::DataChange;
use crate::input::diagnostic::{KeyPath, Seg};
use crate::layout::model::ChangedValue;
use crate::locale::{Lang, Text, digits_in};
use std::collections::BTreeMap;

/// A changed value for the redline's first page.
pub(super) fn changed_value(change: &DataChange, words: &BTreeMap<String, Text>) -> ChangedValue {
    let shown = |v: &Option<String>| v.as_deref().map_or("–".to_owned(), value_words);
    ChangedValue {
        field: path_words(&change.path, words),
        was: shown(&change.old),
        now: shown(&change.new),
    }
}

/// A key path in the form's words, in each language: `partners[1].occupation.en` →
/// `ដៃគូ ១ › មុខរបរ › អង់គ្លេស` / `Partner 1 › Occupation › English` (an entry of a list
/// by its `form_entry_*` label, a field by its `form_field_*` one, a key without
/// either as it is).
pub fn path_words(path: &KeyPath, words: &BTreeMap<String, Text>) -> Text {
    let in_lang = |lang: Lang| {
        let mut out: Vec<String> = Vec::new();
        let label = |prefix: &str, key: &str| {
            words
                .get(&format!("{prefix}{}", key.replace('-', "_")))
                .map(|t| t.get(lang).to_owned())
        };
        for (i, seg) in path.0.iter().enumerate() {
            match seg {
                Seg::Key(key) => {
                    // One entry of a list in the singular: `Partner 1`, not `Partners 1`.
                    let entry = matches!(path.0.get(i + 1), Some(Seg::Index(_)))
                        .then(|| label("form_entry_", key))
                        .flatten();
                    out.push(
                        entry
                            .or_else(|| label("form_field_", key))
                            .unwrap_or_else(|| key.clone()),
                    );
                }
                Seg::Index(i) => {
                    let n = digits_in(&(i + 1).to_string(), lang);
                    match out.last_mut() {
                        Some(last) => {
                            last.push(' ');
                            last.push_str(&n);
                        }
                        None => out.push(n),
                    }
                }
            }
        }
        out.join(" › ")
    };
    Text {
        km: in_lang(Lang::Km),
        en: in_lang(Lang::En),
    }
}

/// A value as inline TOML (see [`super::inline`]) in words: a string without its
/// quotes, a text in both languages as `ខ្មែរ / English`, a list joined by commas.
fn value_words(inline: &str) -> String {
    fn words(value: &toml::Value) -> String {
        match value {
            toml::Value::String(s) => s.clone(),
            toml::Value::Array(items) => items.iter().map(words).collect::<Vec<_>>().join(", "),
            // A text in both languages: Khmer first.
            toml::Value::Table(t) => {
                let mut keys: Vec<&String> = t.keys().collect();
                keys.sort_by_key(|k| (k.as_str() != "km", k.as_str() != "en", k.to_string()));
                keys.iter()
                    .map(|k| words(&t[k.as_str()]))
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join(" / ")
            }
            other => other.to_string(),
        }
    }
    match format!("v = {inline}").parse::<toml::Table>() {
        Ok(table) => table.get("v").map_or_else(|| inline.to_owned(), words),
        Err(_) => inline.to_owned(),
    }
}
