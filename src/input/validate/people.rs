//! The rules of the partners, the children and the witnesses, and of their ID documents.

use super::{ADULT_AGE, Validator, kh, kh_date};
use crate::input::diagnostic::{KeyPath, Seg};
use crate::input::model::{IdDocument, IdKind, Input};
use crate::locale::date::age_on;
use std::collections::HashMap;

impl Validator {
    pub(super) fn partners(&mut self, input: &Input) {
        let at = KeyPath::root().key("partners");
        if input.partners.len() != 2 {
            self.error(
                at.clone(),
                (
                    format!(
                        "a declaration has exactly two partners, found {}",
                        input.partners.len()
                    ),
                    format!(
                        "សេចក្ដីថ្លែងមួយមានដៃគូពីរនាក់គត់ ប៉ុន្តែមាន {} នាក់",
                        kh(input.partners.len())
                    ),
                ),
            )
            .set_hint((
                "write one [[partners]] table for each partner",
                "បំពេញព័ត៌មានរបស់ដៃគូម្នាក់ៗ",
            ));
        }
        let date = input.declaration.date.0;
        for (i, p) in input.partners.iter().enumerate() {
            let at = at.index(i);
            self.text(&at.key("name"), &p.name);
            self.text(&at.key("place-of-birth"), &p.place_of_birth);
            self.text(&at.key("nationality"), &p.nationality);
            self.text(&at.key("occupation"), &p.occupation);
            self.address(&at.key("address"), &p.address);
            self.id_document(&at.key("id-document"), &p.id_document);
            if let Some(phone) = &p.phone {
                self.plain(&at.key("phone"), phone);
            }
            self.plausible(at.key("date-of-birth"), p.date_of_birth.0, date, true);
            let age = age_on(p.date_of_birth.0, date);
            if age < ADULT_AGE {
                self.error(
                    at.key("date-of-birth"),
                    (
                        format!("partner {} is {age} on the declaration date; partners must be {ADULT_AGE} or older", i + 1),
                        format!(
                            "ដៃគូទី{} មានអាយុ {} ឆ្នាំ នៅថ្ងៃធ្វើសេចក្ដីថ្លែង៖ ដៃគូត្រូវមានអាយុចាប់ពី {} ឆ្នាំឡើងទៅ",
                            kh(i + 1),
                            kh(age),
                            kh(ADULT_AGE)
                        ),
                    ),
                );
            }
        }
    }

    pub(super) fn children(&mut self, input: &Input) {
        let date = input.declaration.date.0;
        for (i, c) in input.children.iter().enumerate() {
            let at = KeyPath::root().key("children").index(i);
            self.text(&at.key("name"), &c.name);
            if let Some(cert) = &c.birth_certificate {
                self.plain(&at.key("birth-certificate"), cert);
            }
            let born = c.date_of_birth.0;
            self.plausible(at.key("date-of-birth"), born, date, true);
            if born > date {
                self.error(
                    at.key("date-of-birth"),
                    (
                        format!("{born} is after the declaration date {date}"),
                        format!("{} ក្រោយថ្ងៃធ្វើសេចក្ដីថ្លែង {}", kh_date(born), kh_date(date)),
                    ),
                );
            }
            if !(1..=2).contains(&c.legal_parent) {
                self.error(
                    at.key("legal-parent"),
                    (
                        format!("{} is not a partner", c.legal_parent),
                        format!("{} មិនមែនជាដៃគូទេ", kh(c.legal_parent)),
                    ),
                )
                .set_hint((
                    "write 1 or 2: the partner named on the birth certificate or adoption order",
                    "សរសេរ ១ ឬ ២៖ ដៃគូដែលមានឈ្មោះក្នុងសំបុត្រកំណើត ឬក្នុងលិខិតសុំកូនចិញ្ចឹម",
                ));
            } else if let Some(parent) = input.partners.get(c.legal_parent as usize - 1) {
                let parent_age = age_on(parent.date_of_birth.0, born);
                if c.kind != crate::input::model::ChildKind::Biological
                    && parent.date_of_birth.0 >= born
                {
                    self.error(
                        at.key("date-of-birth"),
                        (
                            format!(
                                "this adopted child was born on {born}, not after the legal parent, partner {} (born {})",
                                c.legal_parent, parent.date_of_birth.0
                            ),
                            format!(
                                "កូនចិញ្ចឹមនេះកើតនៅ{} មិនមែនក្រោយមាតាបិតាស្របច្បាប់ គឺដៃគូទី{} (កើតនៅ{})ទេ",
                                kh_date(born),
                                kh(c.legal_parent),
                                kh_date(parent.date_of_birth.0)
                            ),
                        ),
                    )
                    .set_hint((
                        "an adoptive parent is older than the child; check the dates of birth and the legal parent",
                        "មាតាបិតាចិញ្ចឹមមានអាយុច្រើនជាងកូន៖ សូមពិនិត្យថ្ងៃខែឆ្នាំកំណើត និងមាតាបិតាស្របច្បាប់ម្ដងទៀត",
                    ));
                }
                if c.kind == crate::input::model::ChildKind::Biological && parent_age < 12 {
                    self.error(
                        at.key("date-of-birth"),
                        (
                            format!("the legal parent, partner {}, was {parent_age} when this biological child was born", c.legal_parent),
                            format!(
                                "មាតាបិតាស្របច្បាប់ គឺដៃគូទី{} មានអាយុ {} ឆ្នាំ នៅពេលកូនបង្កើតនេះកើត",
                                kh(c.legal_parent),
                                kh(parent_age)
                            ),
                        ),
                    )
                    .set_hint((
                "check the dates of birth and the legal parent",
                "សូមពិនិត្យថ្ងៃខែឆ្នាំកំណើត និងមាតាបិតាស្របច្បាប់ម្ដងទៀត",
            ));
                }
            }
        }
    }

    pub(super) fn witnesses(&mut self, input: &Input) {
        let date = input.declaration.date.0;
        if input.witnesses.len() == 1 {
            self.error(
                KeyPath::root().key("witnesses"),
                (
                    "one witness is not enough: give at least two",
                    "សាក្សីម្នាក់មិនគ្រប់គ្រាន់ទេ៖ ត្រូវមានយ៉ាងតិចពីរនាក់",
                ),
            )
            .set_hint((
                "or leave witnesses out to print two blank witness blocks to fill in by hand",
                "ឬមិនបញ្ចូលសាក្សី ដើម្បីបោះពុម្ពកន្លែងទំនេរសម្រាប់សាក្សីពីរនាក់ ដែលត្រូវបំពេញដោយដៃ",
            ));
        }
        for (i, w) in input.witnesses.iter().enumerate() {
            let at = KeyPath::root().key("witnesses").index(i);
            self.text(&at.key("name"), &w.name);
            self.address(&at.key("address"), &w.address);
            self.id_document(&at.key("id-document"), &w.id_document);
            self.plausible(at.key("date-of-birth"), w.date_of_birth.0, date, true);
            let age = age_on(w.date_of_birth.0, date);
            if age < ADULT_AGE {
                self.error(at.key("date-of-birth"), (
                    format!("witness {} is {age} on the declaration date; witnesses must be {ADULT_AGE} or older", i + 1),
                    format!(
                        "សាក្សីទី{} មានអាយុ {} ឆ្នាំ នៅថ្ងៃធ្វើសេចក្ដីថ្លែង៖ សាក្សីត្រូវមានអាយុចាប់ពី {} ឆ្នាំឡើងទៅ",
                        kh(i + 1),
                        kh(age),
                        kh(ADULT_AGE)
                    ),
                ));
            }
            if input.children.iter().any(|c| c.name == w.name) {
                self.warn(at.key("name"), (
                    "this witness is a child named in the contract; witnesses should not be beneficiaries",
                    "សាក្សីនេះជាកូនដែលមានឈ្មោះក្នុងកិច្ចសន្យា៖ សាក្សីមិនគួរជាអ្នកទទួលផលទេ",
                ));
            } else if let Some(relative) = family_of(&w.name.en).and_then(|family| {
                let names = input
                    .partners
                    .iter()
                    .map(|p| &p.name)
                    .chain(input.children.iter().map(|c| &c.name));
                names
                    .map(|n| n.en.as_str())
                    .find(|n| family_of(n) == Some(family))
            }) {
                self.warn(
                    at.key("name"),
                    (
                        format!("this witness shares the family name of {relative}; witnesses should not be relatives who benefit from the contract"),
                        format!("សាក្សីនេះមាននាមត្រកូលដូច {relative}៖ សាក្សីមិនគួរជាសាច់ញាតិដែលទទួលផលពីកិច្ចសន្យានេះទេ"),
                    ),
                );
            }
        }
        // The same ID document may appear only once among partners and witnesses.
        let mut seen: HashMap<String, KeyPath> = HashMap::new();
        let people = input
            .partners
            .iter()
            .enumerate()
            .map(|(i, p)| (KeyPath::root().key("partners").index(i), &p.id_document));
        let witnesses = input
            .witnesses
            .iter()
            .enumerate()
            .map(|(i, w)| (KeyPath::root().key("witnesses").index(i), &w.id_document));
        for (at, doc) in people.chain(witnesses) {
            let key = normalise_id(&doc.number);
            if key.is_empty() {
                continue;
            }
            if let Some(first) = seen.get(&key) {
                let first_km = person_km(first);
                let first = first.to_string();
                self.error(
                    at.key("id-document").key("number"),
                    (
                        format!("ID number {} is also the ID of {first}", doc.number),
                        format!("លេខអត្តសញ្ញាណ {} ក៏ជាលេខរបស់{first_km}ដែរ", doc.number),
                    ),
                )
                .set_hint((
                    "a witness cannot be a partner, and each person appears once",
                    "សាក្សីមិនអាចជាដៃគូបានទេ ហើយម្នាក់ៗមានឈ្មោះតែម្ដងប៉ុណ្ណោះ",
                ));
            } else {
                seen.insert(key, at);
            }
        }
    }

    pub(super) fn id_document(&mut self, at: &KeyPath, doc: &IdDocument) {
        let at = at.key("number");
        if !self.plain(&at, &doc.number) {
            return;
        }
        if doc.kind == IdKind::NationalId && !is_national_id(&doc.number) {
            let khmer_digits = doc
                .number
                .chars()
                .any(|c| ('\u{17E0}'..='\u{17E9}').contains(&c));
            let hint = match khmer_digits {
                // The card prints its number with 0–9, and so must the declaration.
                true => (
                    "write the number with the digits 0–9, as on the card: `010234567`",
                    "សូមសរសេរលេខដោយប្រើលេខ 0–9 ដូចនៅលើប័ណ្ណ៖ 010234567",
                ),
                false => (
                    "9 digits, optionally followed by the check digit in brackets: `010234567` or `010234567(7)`",
                    "លេខ ៩ខ្ទង់ អាចមានលេខត្រួតពិនិត្យក្នុងវង់ក្រចកពីក្រោយ៖ 010234567 ឬ 010234567(7)",
                ),
            };
            self.error(
                at,
                (
                    format!("`{}` is not a Cambodian national ID number", doc.number),
                    format!("«{}» មិនមែនជាលេខអត្តសញ្ញាណប័ណ្ណសញ្ជាតិខ្មែរទេ", doc.number),
                ),
            )
            .set_hint(hint);
        }
    }
}

/// A partner or a witness named by their key path, in Khmer: `ដៃគូទី២`, `សាក្សីទី១`.
pub(super) fn person_km(path: &KeyPath) -> String {
    match path.0.as_slice() {
        [Seg::Key(list), Seg::Index(i)] => {
            let who = if list == "partners" {
                "ដៃគូ"
            } else {
                "សាក្សី"
            };
            format!("{who}ទី{}", kh(i + 1))
        }
        _ => path.to_string(),
    }
}

/// The family name of a Latin name written family name first in capitals (`SOK Dara` → `SOK`).
pub(super) fn family_of(name: &str) -> Option<&str> {
    let first = name.split_whitespace().next()?;
    (first.chars().count() > 1 && first.chars().all(|c| c.is_uppercase() || c == '-'))
        .then_some(first)
}

/// A Cambodian national ID: 9 digits, optionally `(d)` check digit.
pub(super) fn is_national_id(s: &str) -> bool {
    let (main, check) = match s.split_once('(') {
        Some((m, rest)) => (m, Some(rest)),
        None => (s, None),
    };
    let digits_ok = main.len() == 9 && main.bytes().all(|b| b.is_ascii_digit());
    let check_ok = match check {
        None => true,
        Some(rest) => rest.len() == 2 && rest.as_bytes()[0].is_ascii_digit() && rest.ends_with(')'),
    };
    digits_ok && check_ok
}

/// An ID number reduced to what identifies it: digits and letters, upper case, no check digit.
pub(super) fn normalise_id(number: &str) -> String {
    let main = number.split('(').next().unwrap_or(number);
    main.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_id_forms() {
        assert!(is_national_id("010234567"));
        assert!(is_national_id("010234567(7)"));
        assert!(!is_national_id("01023456"));
        assert!(!is_national_id("0102345678"));
        assert!(!is_national_id("010234567(77)"));
        assert!(!is_national_id("01023456a"));
    }
}
