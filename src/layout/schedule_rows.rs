//! The rows of the schedules (the children, the land and buildings, the movable property) and their totals, each cell finished text in both languages.

use crate::input::model::{Asset, Input, Owner, Text};
use crate::locale::date::DateStyle;
use crate::locale::{Lang, Money, digits_in, format_date, format_money, format_year};
use crate::wording::formats::TotalFormat;
use crate::wording::redact::{described, last_three, registration};
use crate::wording::set::{WordingError, WordingSet};
use chrono::Datelike;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The rows of the schedules, every cell finished text in both languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Schedules {
    /// The schedule of children.
    pub children: Vec<ChildRow>,
    /// The immovable property (land, buildings).
    pub immovable: Vec<AssetRow>,
    /// The movable property.
    pub movable: Vec<AssetRow>,
    /// The total values of the property with a stated value, one line for the joint
    /// property and one for each partner's own property (never added together), one
    /// sum per currency: `តម្លៃសរុប…៖ … និង …` / `Total value …: … and …`; empty when no
    /// value is stated.
    pub totals: Vec<Text>,
}

/// One row of the schedule of children.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ChildRow {
    /// The row number in each language's digits.
    pub number: Text,
    /// The child's name.
    pub name: Text,
    /// Female or male (the `female` / `male` label).
    pub sex: Text,
    /// The date of birth (the year only in a redacted copy).
    pub born: Text,
    /// Biological or adopted (the `biological` / `adopted` label).
    pub kind: Text,
    /// The legal parent (the `partner_1` / `partner_2` label).
    pub legal_parent: Text,
    /// The birth certificate number as typed, or an adopted child's adoption order
    /// number when given (its last three characters when redacted).
    pub certificate: Option<String>,
}

/// One row of a property schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AssetRow {
    /// The asset's number in the whole schedule, in each language's digits.
    pub number: Text,
    /// The description.
    pub description: Text,
    /// The title, plate or account number as typed (an account's last three characters
    /// when redacted).
    pub registration: Option<String>,
    /// Who owns it (the `owner_joint` / `owner_partner_1` / `owner_partner_2` label).
    pub owner: Text,
    /// A joint asset's shares: `60% / 40%` in each language's digits.
    pub shares: Option<Text>,
    /// The value in figures and words.
    pub value: Option<Text>,
}

/// A text written by `f` in each language.
fn both(f: impl Fn(Lang) -> String) -> Text {
    Text {
        km: f(Lang::Km),
        en: f(Lang::En),
    }
}

fn number(n: usize) -> Text {
    both(|lang| digits_in(&n.to_string(), lang))
}

/// The rows of the children and of the two property schedules, and the total.
///
/// Identifiers (certificate, title, plate and account numbers) are codes: they are
/// printed once, exactly as typed. When `redact` is set, birth dates keep only the
/// year, and certificate and account numbers their last three characters.
pub(crate) fn schedules(
    set: &WordingSet,
    input: &Input,
    redact: bool,
    label: &dyn Fn(&str) -> Text,
) -> Result<Schedules, WordingError> {
    let children = input
        .children
        .iter()
        .enumerate()
        .map(|(i, c)| ChildRow {
            number: number(i + 1),
            name: c.name.clone(),
            sex: label(&name_of(&c.sex)),
            born: both(|lang| match redact {
                true => format_year(c.date_of_birth.0.year(), lang),
                false => format_date(c.date_of_birth.0, lang, DateStyle::Long),
            }),
            kind: label(&name_of(&c.kind)),
            legal_parent: label(&format!("partner_{}", c.legal_parent)),
            certificate: match (redact, adoption_or_birth(c)) {
                (true, number) => number.map(last_three),
                (false, number) => number.map(str::to_owned),
            },
        })
        .collect();
    let row = |(i, a): (usize, &Asset)| -> Result<AssetRow, WordingError> {
        Ok(AssetRow {
            number: number(i + 1),
            description: titled(described(set, a, redact)?, a, label),
            registration: registration(a, redact),
            owner: match crate::input::law::value_claim(input, a) {
                Some(claim) => {
                    let (owner, note) = (
                        label(&format!("owner_partner_{}", claim.owner)),
                        label("value_claim"),
                    );
                    both(|lang| format!("{} ({})", owner.get(lang), note.get(lang)))
                }
                None => label(&format!("owner_{}", name_of(&a.owner).replace('-', "_"))),
            },
            shares: match &a.shares {
                Some(s) if s.len() == 2 => Some(both(|lang| {
                    digits_in(&format!("{}% / {}%", s[0], s[1]), lang)
                })),
                _ => None,
            },
            value: a.value.map(|v| both(|lang| format_money(money(v), lang))),
        })
    };
    let (immovable, movable): (Vec<_>, Vec<_>) = input
        .assets
        .iter()
        .enumerate()
        .partition(|(_, a)| a.kind.is_immovable());
    Ok(Schedules {
        children,
        immovable: immovable.into_iter().map(row).collect::<Result<_, _>>()?,
        movable: movable.into_iter().map(row).collect::<Result<_, _>>()?,
        totals: [
            Some(Owner::Joint),
            Some(Owner::Partner1),
            Some(Owner::Partner2),
        ]
        .into_iter()
        .flatten()
        .map(|owner| total(set, input, owner, label))
        .filter_map(Result::transpose)
        .collect::<Result<_, _>>()?,
    })
}

/// An asset's description, with the kind of title and in whose name it is registered
/// when they are given: `… (Hard title, in the name of the first party)`.
fn titled(description: Text, asset: &Asset, label: &dyn Fn(&str) -> Text) -> Text {
    let Some(title) = asset.title else {
        return description;
    };
    let kind = label(&format!("title_{}", name_of(&title.kind)));
    let holder = label(&format!(
        "in_name_of_{}",
        name_of(&title.in_name_of).replace('-', "_")
    ));
    Text {
        km: format!("{} ({} {})", description.km, kind.km, holder.km),
        en: format!("{} ({}, {})", description.en, kind.en, holder.en),
    }
}

/// The number of the document that names a child's legal parent: an adopted child's
/// adoption order when given, else the birth certificate.
fn adoption_or_birth(child: &crate::input::model::Child) -> Option<&str> {
    match (&child.adoption_order, child.kind) {
        (Some(order), crate::input::model::ChildKind::Adopted) => Some(order.number.as_str()),
        _ => child.birth_certificate.as_deref(),
    }
}

/// The name an enum value has in the input format (`female`, `partner-1`), which is
/// also the name of its label.
fn name_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

fn money(v: crate::input::model::AssetValue) -> Money {
    Money::from_cents(v.amount.0.max(0) as u64, v.currency)
}

/// The total value of the listed assets of one `owner`, one sum per currency (USD
/// first), after its label (`total_joint`, `total_partner_1`, …):
/// `…៖ ៤៥ ០០០ ដុល្លារ … និង …`.
fn total(
    set: &WordingSet,
    input: &Input,
    owner: Owner,
    label: &dyn Fn(&str) -> Text,
) -> Result<Option<Text>, WordingError> {
    let mut sums = BTreeMap::new();
    // Land held for its value by a partner who is not Khmer is its owner's own.
    let owner_of = |a: &Asset| match crate::input::law::value_claim(input, a) {
        Some(claim) if claim.owner == 1 => Owner::Partner1,
        Some(_) => Owner::Partner2,
        None => a.owner,
    };
    let owned = input.assets.iter().filter(|a| owner_of(a) == owner);
    for v in owned.filter_map(|a| a.value) {
        // Validated amounts cannot overflow (at most 60 assets of 10^13 units), but
        // the sum saturates rather than wrap if that ever changes.
        let sum = sums.entry(v.currency).or_insert(0u64);
        *sum = sum.saturating_add(money(v).total_cents());
    }
    if sums.is_empty() {
        return Ok(None);
    }
    let name = format!("total_{}", name_of(&owner).replace('-', "_"));
    let (title, and) = (label(&name), label("and"));
    set.format("total", |lang| TotalFormat {
        label: title.get(lang).to_owned(),
        and: and.get(lang).to_owned(),
        sums: sums
            .iter()
            .map(|(&currency, &cents)| format_money(Money::from_cents(cents, currency), lang))
            .collect(),
    })
    .map(Some)
}
