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
        one.insert((*key).clone(), to_toml(value, inner(schema(), Some(key))));
        let section = toml::to_string(&one)
            .map_err(|e| Reply::error(400, format!("the data cannot be written as TOML: {e}")))?;
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&section);
    }
    Ok(text)
}

/// The input format's JSON schema (from `dfr::input::model::Input`), made once: the
/// form is built from it and the form's JSON is read back by it.
pub fn schema() -> &'static Value {
    static SCHEMA: std::sync::LazyLock<Value> = std::sync::LazyLock::new(|| {
        serde_json::to_value(schemars::schema_for!(dfr::input::model::Input)).unwrap_or_default()
    });
    &SCHEMA
}

/// The sections of the input format, in its order (`declaration`, `partners`, …).
pub fn section_order() -> Vec<String> {
    schema()["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// A place in the schema with what it may be: each alternative of an `anyOf` or `oneOf`,
/// each `$ref` followed (a bounded number of steps, so that no schema loops).
fn alternatives(node: &Value) -> Vec<&Value> {
    let mut found = Vec::new();
    let mut next = vec![node];
    let mut steps = 0;
    while let Some(node) = next.pop() {
        steps += 1;
        if steps > 256 {
            break;
        }
        if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
            let name = reference.trim_start_matches("#/$defs/");
            next.push(&schema()["$defs"][name]);
        } else if let Some(options) = node.get("anyOf").or_else(|| node.get("oneOf")) {
            next.extend(options.as_array().into_iter().flatten());
        } else {
            found.push(node);
        }
    }
    found
}

/// Whether the schema says the value at `node` is a date.
fn is_date(node: &Value) -> bool {
    alternatives(node)
        .iter()
        .any(|n| n.get("format").and_then(Value::as_str) == Some("date"))
}

/// The schema of the key `key` of an object at `node`, or of the items of a list.
fn inner<'s>(node: &'s Value, key: Option<&str>) -> &'s Value {
    static NOTHING: Value = Value::Null;
    alternatives(node)
        .into_iter()
        .find_map(|n| match key {
            Some(key) => n.get("properties").and_then(|p| p.get(key)),
            None => n.get("items"),
        })
        .unwrap_or(&NOTHING)
}

/// JSON from the form as TOML, read by the schema at `node`: `null` leaves a key out;
/// where the schema has a date, `YYYY-MM-DD` is a TOML date; a number with no fraction
/// is an integer.
pub fn to_toml(value: &Value, node: &Value) -> toml::Value {
    match value {
        Value::String(s) if is_date(node) => s
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
                .map(|v| to_toml(v, inner(node, None)))
                .collect(),
        ),
        Value::Object(map) => toml::Value::Table(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), to_toml(v, inner(node, Some(k)))))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_dates_where_the_format_has_dates_and_text_elsewhere() {
        let data = json!({
            "declaration": { "date": "2026-11-21", "reference": "2026-11-21" },
            "partners": [{ "date-of-birth": "1990-01-02", "occupation": { "km": "", "en": "2024-01-01" } }],
            "relationship": { "since": "2015-06-01" },
            "children": [{ "date-of-birth": "2020-03-04" }],
        });
        let Ok(text) = toml_text(&data) else {
            panic!("the data is written as TOML")
        };
        let table: toml::Table = text.parse().unwrap();
        let date = |v: &toml::Value| matches!(v, toml::Value::Datetime(_));
        assert!(date(&table["declaration"]["date"]));
        assert!(date(&table["partners"][0]["date-of-birth"]));
        assert!(date(&table["relationship"]["since"]));
        assert!(date(&table["children"][0]["date-of-birth"]));
        // A text that looks like a date stays a text: a reference, an occupation.
        assert_eq!(
            table["declaration"]["reference"].as_str(),
            Some("2026-11-21")
        );
        assert_eq!(
            table["partners"][0]["occupation"]["en"].as_str(),
            Some("2024-01-01")
        );
    }
}
