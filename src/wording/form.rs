//! What the form reads from the template set (`form.toml`): where the preview scrolls while a field is edited, and each field's short help.
//!
//! The template set names its own parts (a clause is its wording file), so the set, not
//! the form's script, says which part prints which field; a lawyer who renames or adds
//! a clause edits this file beside it, and words the help staff read under each field.
//! Nothing here is printed.

use crate::locale::Text;
pub use crate::wording::templates::FORM_FILE;
use crate::wording::templates::{TemplateError, Templates};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The parts that are not clauses: the first page, the schedules and the signatures.
const LAYOUT_PARTS: [&str; 4] = ["top", "children", "property", "signatures"];

/// `form.toml`: what the form reads from the template set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct FormView {
    /// Where the preview scrolls: the first rule whose fields match the field edited.
    pub scroll: Vec<ScrollRule>,
    /// The short help shown under a field, in both languages, by the field's path
    /// without list numbers (`partners.name`) or by its end (`id-document.number`, for
    /// every field whose path ends so); the longest matching path wins.
    #[serde(default)]
    pub help: BTreeMap<String, Text>,
}

/// One rule of `[[scroll]]`: these fields are printed in these parts.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ScrollRule {
    /// Paths in the declaration file (`terms.separation`): the field and all under it.
    pub fields: Vec<String>,
    /// The parts that print them, the first the contract has shown.
    pub parts: Vec<String>,
}

impl FormView {
    /// The form's view of `templates`: its `form.toml`, where a part that is neither a
    /// clause of the set nor one of the layout's is refused, naming it; or, for a set
    /// without the file (written before it existed), the built-in view with the parts
    /// the set lacks left out, so that an older set still opens the form.
    pub fn of(templates: &Templates) -> Result<FormView, TemplateError> {
        let has = |part: &String| {
            LAYOUT_PARTS.contains(&part.as_str())
                || templates.get(&format!("wording/{part}.hbs")).is_some()
        };
        let Some(text) = templates.get(FORM_FILE) else {
            let mut view = FormView::of(&Templates::builtin())?;
            view.scroll
                .iter_mut()
                .for_each(|rule| rule.parts.retain(has));
            return Ok(view);
        };
        let view: FormView = toml::from_str(text).map_err(|e| TemplateError {
            message: format!("template {FORM_FILE}: {}", e.message()),
        })?;
        if let Some(part) = view.scroll.iter().flat_map(|r| &r.parts).find(|p| !has(p)) {
            return Err(TemplateError {
                message: format!(
                    "template {FORM_FILE}: `{part}` is not a part of the contract; write a clause's file name (no wording/{part}.hbs in the set) or one of {}",
                    LAYOUT_PARTS.join(", ")
                ),
            });
        }
        let fields = field_paths();
        let names_a_field = |key: &String| {
            fields
                .iter()
                .any(|f| f == key || f.ends_with(&format!(".{key}")))
        };
        if let Some(key) = view.help.keys().find(|k| !names_a_field(k)) {
            return Err(TemplateError {
                message: format!(
                    "template {FORM_FILE}: [help] `{key}` is not a field of the declaration; write a field's path without list numbers, such as `partners.name`"
                ),
            });
        }
        Ok(view)
    }
}

/// Every field's path in the declaration file, without list numbers: `declaration`,
/// `declaration.reference`, …, `assets.value.amount`, `relationship.home.village`. A
/// bilingual text is one field.
pub fn field_paths() -> Vec<String> {
    let schema =
        serde_json::to_value(schemars::schema_for!(crate::input::model::Input)).unwrap_or_default();
    let defs = schema.get("$defs").cloned().unwrap_or_default();
    let mut out = Vec::new();
    walk(&schema, &defs, "", &mut out, 0);
    out
}

/// The schema `s` with its references followed, its `null` dropped and a list's items
/// taken for the list.
fn resolved<'a>(
    mut s: &'a serde_json::Value,
    defs: &'a serde_json::Value,
) -> &'a serde_json::Value {
    for _ in 0..16 {
        if let Some(name) = s.get("$ref").and_then(|r| r.as_str()) {
            s = &defs[name.trim_start_matches("#/$defs/")];
        } else if let Some(some) = s.get("anyOf").and_then(|a| a.as_array()).and_then(|a| {
            let not_null: Vec<_> = a.iter().filter(|x| x["type"] != "null").collect();
            (not_null.len() == 1).then(|| not_null[0])
        }) {
            s = some;
        } else if s.get("items").is_some() {
            s = &s["items"];
        } else {
            break;
        }
    }
    s
}

fn walk(
    s: &serde_json::Value,
    defs: &serde_json::Value,
    path: &str,
    out: &mut Vec<String>,
    depth: usize,
) {
    let s = resolved(s, defs);
    // An address is free text or a place: the place's parts are fields too.
    if let Some(variants) = s.get("oneOf").and_then(|v| v.as_array()) {
        for variant in variants {
            walk(variant, defs, path, out, depth + 1);
        }
        return;
    }
    let Some(properties) = s.get("properties").and_then(|p| p.as_object()) else {
        return;
    };
    // A text in both languages is one field.
    let text =
        properties.len() == 2 && properties.contains_key("km") && properties.contains_key("en");
    if text || depth > 8 {
        return;
    }
    for (key, p) in properties {
        let here = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        out.push(here.clone());
        walk(p, defs, &here, out, depth + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_view_names_parts_of_the_built_in_set() {
        let view = FormView::of(&Templates::builtin()).unwrap();
        let rule = |field: &str| {
            view.scroll
                .iter()
                .find(|r| r.fields.iter().any(|f| f == field))
        };
        assert_eq!(rule("assets").unwrap().parts, ["property", "05-property"]);
        assert_eq!(rule("witnesses").unwrap().parts, ["signatures"]);
    }

    #[test]
    fn a_set_without_the_file_uses_the_built_in_one_and_a_wrong_part_is_named() {
        let mut set = Templates::builtin();
        set.files.retain(|f| f.path != FORM_FILE);
        assert_eq!(
            FormView::of(&set).unwrap(),
            FormView::of(&Templates::builtin()).unwrap()
        );
        // An older set that renamed a clause still opens the form, without that part.
        set.files.retain(|f| f.path != "wording/01-parties.hbs");
        let view = FormView::of(&set).unwrap();
        assert!(
            view.scroll
                .iter()
                .all(|r| !r.parts.contains(&"01-parties".to_owned()))
        );
        let mut set = Templates::builtin();
        for file in &mut set.files {
            if file.path == FORM_FILE {
                file.text = file.text.replace("\"01-parties\"", "\"01-partners\"");
            }
        }
        let err = FormView::of(&set).unwrap_err().to_string();
        assert!(
            err.contains("`01-partners` is not a part of the contract"),
            "{err}"
        );
    }

    /// The help a field shows: its whole path's, else the longest end of it.
    fn help_for<'a>(view: &'a FormView, path: &str) -> Option<&'a Text> {
        let parts: Vec<&str> = path.split('.').collect();
        (0..parts.len()).find_map(|i| view.help.get(&parts[i..].join(".")))
    }

    #[test]
    fn every_field_has_help_in_both_languages() {
        let view = FormView::of(&Templates::builtin()).unwrap();
        let fields = field_paths();
        for wanted in [
            "declaration.copies",
            "children.legal-parent",
            "assets.value.amount",
            "authority.village-chief",
        ] {
            assert!(fields.iter().any(|f| f == wanted), "{wanted} in {fields:?}");
        }
        // An address's Latin names that replace the gazetteer's (`en`) are kept from the
        // file, not asked in the form.
        for field in fields.iter().filter(|f| !f.contains(".en")) {
            let help = help_for(&view, field).unwrap_or_else(|| panic!("no help for {field}"));
            assert!(
                help.km.chars().any(crate::locale::script::is_khmer) && !help.en.trim().is_empty(),
                "{field}: {help:?}"
            );
        }
    }

    #[test]
    fn help_for_a_field_that_does_not_exist_is_named() {
        let mut set = Templates::builtin();
        for file in &mut set.files {
            if file.path == FORM_FILE {
                file.text.push_str(
                    "\n[help.\"partners.nickname\"]\nkm = \"ឈ្មោះហៅក្រៅ\"\nen = \"Nickname\"\n",
                );
            }
        }
        let err = FormView::of(&set).unwrap_err().to_string();
        assert!(err.contains("`partners.nickname` is not a field"), "{err}");
    }
}
