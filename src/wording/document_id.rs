//! The document ID: a hash of the normalised data and of the template set that worded it.

use crate::input::model::Input;
use crate::options::Options;
use crate::wording::documents::DOCUMENTS;
use crate::wording::form::FORM_FILE;
use crate::wording::set::FORM_LABELS;
use crate::wording::templates::Templates;
use sha2::{Digest, Sha256};

/// The labels file, whose `form_…` sections are the form's words, not the contract's.
const LABELS_FILE: &str = "wording/labels.hbs";

/// Crockford's base-32 alphabet: no I, L, O or U, so an ID read aloud or copied by
/// hand is not mistaken.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The data as attached to the PDF: TOML written from the validated, NFC-normalised
/// input, so the same data always gives the same text.
pub fn normalised_toml(input: &Input) -> String {
    toml::to_string(input).expect("the input model always serialises to TOML")
}

/// The ID of the final copy in both languages, side by side, made from `input` with
/// `templates`, printed as three groups of four characters: `7K3M-Q9TX-2HCD` (60 bits
/// of SHA-256). See [`copy_id`] for every other kind of copy.
pub fn document_id(input: &Input, templates: &Templates) -> String {
    id_of(input, templates, None)
}

/// The ID of the copy that `options` make of `input`: it covers the data, the template
/// set, the languages, the layout and the kind of copy (final, draft, redacted), so
/// that no page of one copy passes for a page of another. The default final copy has
/// the [`document_id`] it always had.
pub fn copy_id(input: &Input, templates: &Templates, options: &Options) -> String {
    let default = Options::default();
    let variant = (options.languages != default.languages
        || options.layout != default.layout
        || !options.is_final())
    .then(|| {
        format!(
            "languages={};layout={};draft={};redacted={}",
            options.languages.name(),
            options.layout.name(),
            options.copy.is_draft(),
            options.copy.is_redacted()
        )
    });
    id_of(input, templates, variant.as_deref())
}

/// The ID of a copy of a kit's document: `templates` is the set as the document is
/// made with (`documents::view`), and `copy` says which document, for whom.
pub(crate) fn kit_id(
    input: &Input,
    templates: &Templates,
    options: &Options,
    copy: &str,
) -> String {
    let variant = format!(
        "document={copy};languages={};layout={};draft={};redacted={}",
        options.languages.name(),
        options.layout.name(),
        options.copy.is_draft(),
        options.copy.is_redacted()
    );
    id_of(input, templates, Some(&variant))
}

fn id_of(input: &Input, templates: &Templates, variant: Option<&str>) -> String {
    let mut hash = Sha256::new();
    hash.update(b"dfr document id v1\0");
    hash.update(normalised_toml(input).as_bytes());
    // Only what is printed: the form's view of the set (`form.toml`) is not, nor are
    // the kit's documents, each of which has an ID of its own (`kit_id`).
    let printed = templates
        .files
        .iter()
        .filter(|f| f.path != FORM_FILE && !f.path.starts_with(DOCUMENTS));
    for file in printed {
        hash.update(b"\0");
        hash.update(file.path.as_bytes());
        hash.update(b"\0");
        hash.update(printed_text(&file.path, &file.text).as_bytes());
    }
    if let Some(variant) = variant {
        hash.update(b"\0copy\0");
        hash.update(variant.as_bytes());
    }
    let digest = hash.finalize();
    let bits = u64::from_be_bytes(digest[..8].try_into().expect("8 bytes")) >> 4;
    let chars: Vec<u8> = (0..12)
        .rev()
        .map(|i| CROCKFORD[((bits >> (5 * i)) & 31) as usize])
        .collect();
    let text = String::from_utf8(chars).expect("ASCII");
    format!("{}-{}-{}", &text[0..4], &text[4..8], &text[8..12])
}

/// What of a template file can be printed: all of it, but the form's own words in the
/// labels (sections `form_…`), which only the form shows.
fn printed_text<'a>(path: &str, text: &'a str) -> std::borrow::Cow<'a, str> {
    if path != LABELS_FILE {
        return text.into();
    }
    let mut printed = String::new();
    let mut form = false;
    for line in text.split_inclusive('\n') {
        if let Some(name) = line.strip_prefix("=== ") {
            form = name.starts_with(FORM_LABELS);
        }
        if !form {
            printed.push_str(line);
        }
    }
    printed.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Input {
        toml::from_str(include_str!("../../examples/dara-and-sophea.toml")).unwrap()
    }

    #[test]
    fn the_id_is_stable_and_shaped() {
        let id = document_id(&example(), &Templates::builtin());
        assert_eq!(id, document_id(&example(), &Templates::builtin()));
        assert_eq!(id.len(), 14);
        assert!(
            id.chars()
                .all(|c| c == '-' || CROCKFORD.contains(&(c as u8))),
            "{id}"
        );
    }

    #[test]
    fn any_change_of_data_or_wording_changes_the_id() {
        let base = document_id(&example(), &Templates::builtin());
        let mut other = example();
        other.declaration.copies = 5;
        assert_ne!(document_id(&other, &Templates::builtin()), base);
        let mut templates = Templates::builtin();
        let clause = |t: &mut Templates| {
            let found = t
                .files
                .iter_mut()
                .find(|f| f.path == "wording/03-declaration.hbs");
            found.expect("a clause").text.push(' ');
        };
        clause(&mut templates);
        assert_ne!(document_id(&example(), &templates), base);
        // A document of the kit is no part of the contract.
        let mut templates = Templates::builtin();
        let guide = templates
            .files
            .iter_mut()
            .find(|f| f.path.starts_with("documents/guide/"));
        guide.expect("the guide").text.push(' ');
        assert_eq!(document_id(&example(), &templates), base);
    }

    #[test]
    fn the_forms_own_words_are_not_covered() {
        let base = document_id(&example(), &Templates::builtin());
        let mut templates = Templates::builtin();
        let labels = templates
            .files
            .iter_mut()
            .find(|f| f.path == LABELS_FILE)
            .expect("labels");
        labels
            .text
            .push_str("=== form_new_button.km\nថ្មី\n=== form_new_button.en\nNew\n");
        assert_eq!(document_id(&example(), &templates), base);
        let labels = templates
            .files
            .iter_mut()
            .find(|f| f.path == LABELS_FILE)
            .expect("labels");
        labels.text = labels
            .text
            .replacen("=== page.en\n", "=== page.en\nSheet ", 1);
        assert_ne!(document_id(&example(), &templates), base);
    }

    #[test]
    fn the_normalised_data_reads_back_as_the_same_input() {
        let text = normalised_toml(&example());
        let back: Input = toml::from_str(&text).unwrap();
        assert_eq!(back, example());
    }
}
