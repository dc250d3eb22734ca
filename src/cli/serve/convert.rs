//! The form's JSON and the declaration's TOML, each into the other, and problems as JSON.
//!
//! The browser sends the declaration as JSON, shaped like the TOML file (dates as
//! `YYYY-MM-DD` strings). Every request turns it into the TOML text the file would
//! hold and reads that with the library, exactly as `dfr check` and `dfr render` read
//! a file, so the form can never accept what the command line refuses.

use super::Reply;
use serde_json::{Value, json};

/// The TOML text a form's data stands for, or why there is none.
pub fn toml_text(data: &Value) -> Result<String, Reply> {
    let Some(sections) = data.as_object() else {
        return Err(Reply::error(400, "`data` must be an object"));
    };
    // Section by section, in the input format's order (the contract's), so that the
    // saved file reads like the example rather than in alphabetical order. Every
    // section is a table or an array of tables; an empty list is left out (it is the
    // default), and anything else comes first, before the first table header would
    // claim it.
    let empty = |v: &Value| v.is_null() || v.as_array().is_some_and(Vec::is_empty);
    let is_table =
        |v: &Value| v.is_object() || v.as_array().is_some_and(|a| a.iter().all(Value::is_object));
    let order = section_order();
    let mut sections: Vec<(&String, &Value)> = sections.iter().collect();
    sections.sort_by_key(|(k, _)| order.iter().position(|o| o == *k).unwrap_or(order.len()));
    let plain = sections.iter().filter(|(_, v)| !empty(v) && !is_table(v));
    let tables = sections.iter().filter(|(_, v)| !empty(v) && is_table(v));
    let mut text = String::new();
    for (key, value) in plain.chain(tables) {
        let mut one = toml::Table::new();
        one.insert((*key).clone(), to_toml(value, key));
        let section = toml::to_string(&one)
            .map_err(|e| Reply::error(400, format!("the data cannot be written as TOML: {e}")))?;
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&section);
    }
    Ok(text)
}

/// The sections of the input format, in its order (`declaration`, `partners`, …).
pub fn section_order() -> Vec<String> {
    let schema =
        serde_json::to_value(schemars::schema_for!(dfr::input::model::Input)).unwrap_or_default();
    schema["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// The keys whose values are dates in the input format (`date`, `date-of-birth`,
/// `since`), from its schema.
pub fn date_keys() -> &'static [String] {
    static KEYS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        fn walk(v: &Value, out: &mut Vec<String>) {
            if let Some(props) = v.get("properties").and_then(Value::as_object) {
                for (name, prop) in props {
                    let is_date = prop.get("$ref").and_then(Value::as_str) == Some("#/$defs/Date")
                        || prop.get("format").and_then(Value::as_str) == Some("date");
                    if is_date && !out.contains(name) {
                        out.push(name.clone());
                    }
                }
            }
            match v {
                Value::Object(map) => map.values().for_each(|x| walk(x, out)),
                Value::Array(items) => items.iter().for_each(|x| walk(x, out)),
                _ => {}
            }
        }
        let schema = serde_json::to_value(schemars::schema_for!(dfr::input::model::Input))
            .unwrap_or_default();
        let mut keys = Vec::new();
        walk(&schema, &mut keys);
        keys
    })
}

/// JSON from the form as TOML: `null` leaves a key out; a date key's `YYYY-MM-DD` is a
/// TOML date; a number with no fraction is an integer.
pub fn to_toml(value: &Value, key: &str) -> toml::Value {
    match value {
        Value::String(s) if date_keys().iter().any(|k| k == key) => s
            .parse::<toml::value::Datetime>()
            .map(toml::Value::Datetime)
            .unwrap_or_else(|_| toml::Value::String(s.clone())),
        Value::String(s) => toml::Value::String(s.clone()),
        Value::Bool(b) => toml::Value::Boolean(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            None => toml::Value::Float(n.as_f64().unwrap_or(0.0)),
        },
        Value::Array(items) => toml::Value::Array(
            items
                .iter()
                .filter(|v| !v.is_null())
                .map(|v| to_toml(v, key))
                .collect(),
        ),
        Value::Object(map) => toml::Value::Table(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), to_toml(v, k)))
                .collect(),
        ),
        Value::Null => toml::Value::String(String::new()),
    }
}

/// TOML as the form's JSON: dates as `YYYY-MM-DD` strings.
pub fn to_json(value: &toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => json!(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

/// Every diagnostic as the form shows it: key path, severity, message and hint in
/// English and, where they are written, in Khmer (`km`, else `null`).
pub fn diagnostics(checked: &dfr::Checked) -> Value {
    Value::Array(
        checked
            .diagnostics
            .iter()
            .map(|d| {
                json!({
                    "path": d.path.to_string(),
                    "severity": match d.severity { dfr::Severity::Error => "error", dfr::Severity::Warning => "warning" },
                    "message": d.message,
                    "hint": d.hint,
                    "km": d.km.as_ref().map(|km| json!({ "message": km.message, "hint": km.hint })),
                })
            })
            .collect(),
    )
}
