//! What the form reads from the template set (`form.toml`): where the preview scrolls while a field is edited.
//!
//! The template set names its own parts (a clause is its wording file), so the set, not
//! the form's script, says which part prints which field; a lawyer who renames or adds
//! a clause edits this file beside it. Nothing here is printed.

pub use crate::wording::templates::FORM_FILE;
use crate::wording::templates::{TemplateError, Templates};
use serde::{Deserialize, Serialize};

/// The parts that are not clauses: the first page, the schedules and the signatures.
const LAYOUT_PARTS: [&str; 4] = ["top", "children", "property", "signatures"];

/// `form.toml`: what the form reads from the template set.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct FormView {
    /// Where the preview scrolls: the first rule whose fields match the field edited.
    pub scroll: Vec<ScrollRule>,
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
        Ok(view)
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
}
