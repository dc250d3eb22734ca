//! Values left in from the starter file: errors for a final copy, warnings for a draft.

use crate::input::diagnostic::{Diagnostic, KeyPath};
use crate::input::model::Input;

/// Values left in from the starter file (`dfr new`): a placeholder such as
/// `FAMILY Given`, `ខេត្ត...` or `ORG-DFR-YYYY-NNNN`. Errors: a final copy must not print
/// them (`declaration::check_copy` makes them warnings for a draft).
pub(crate) fn placeholders(input: &Input) -> Vec<Diagnostic> {
    fn walk(value: &serde_json::Value, at: KeyPath, out: &mut Vec<Diagnostic>) {
        match value {
            serde_json::Value::String(s) if is_placeholder(s) => out.push(
                Diagnostic::error(
                    at,
                    (
                        format!("\"{s}\" is a placeholder from the starter file, not a real value"),
                        format!("«{s}» ជាពាក្យគំរូពីឯកសារចាប់ផ្ដើម មិនមែនជាព័ត៌មានពិតទេ"),
                    ),
                )
                .with_hint((
                    "replace it with the real value (or delete the key if it is optional)",
                    "សូមជំនួសដោយព័ត៌មានពិត (ឬលុបចោល បើមិនតម្រូវ)",
                )),
            ),
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, at.index(i), out);
                }
            }
            serde_json::Value::Object(map) => {
                for (key, item) in map {
                    walk(item, at.key(key), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(value) = serde_json::to_value(input) {
        walk(&value, KeyPath::root(), &mut out);
    }
    out
}

/// The starter's example values that are never real data, besides its texts with `...`.
const STARTER_VALUES: &[&str] = &[
    "FAMILY Given",
    "នាមត្រកូល នាមខ្លួន",
    "Occupation",
    "មុខរបរ",
    "Name",
    "ឈ្មោះ",
    "010000001",
    "010000002",
    "00000000-0000",
    "000/2020",
    "012 000 000",
    "ORG-DFR-YYYY-NNNN",
];

/// Every placeholder of the starter file (`dfr new`): its example values above and
/// each of its texts with `...` to fill in, read from the starter itself.
fn starter_placeholders() -> &'static std::collections::HashSet<String> {
    static SET: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        fn strings(value: &toml::Value, out: &mut std::collections::HashSet<String>) {
            match value {
                toml::Value::String(s) if s.contains("...") => {
                    out.insert(s.clone());
                }
                toml::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
                toml::Value::Table(map) => map.values().for_each(|v| strings(v, out)),
                _ => {}
            }
        }
        let mut set: std::collections::HashSet<String> =
            STARTER_VALUES.iter().map(|s| (*s).to_owned()).collect();
        if let Ok(starter) = crate::input::starter::STARTER.parse::<toml::Table>() {
            starter.values().for_each(|v| strings(v, &mut set));
        }
        set
    })
}

/// Whether `s` is a value left in from the starter file.
fn is_placeholder(s: &str) -> bool {
    starter_placeholders().contains(s.trim())
}
