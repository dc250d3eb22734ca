//! What the templates see: the declaration as JSON, with computed values added.
//!
//! The wording templates get raw values (ISO dates, integers) and format them with
//! helpers; the Typst layout gets table cells already written in each language.

use crate::Declaration;
use crate::address::Address;
use crate::locale::date::{DateStyle, age_on};
use crate::locale::{Lang, Money, digits_in, format_date, format_money, format_year};
use crate::model::{Asset, AssetKind, IdDocument, Input, Owner, Separation, Text};
use crate::options::Languages;
use crate::redact::{last_three, province_of, shown_number};
use crate::validate::ADULT_AGE;
use chrono::Datelike;
use serde_json::{Value, json};

/// The Handlebars context of the wording templates.
///
/// Every optional key is present (as `null` when absent), so that strict mode only
/// rejects names that do not exist in the format. When `redact` is set, personal
/// details are reduced as `redact.rs` describes: `date_of_birth` and `phone` are
/// `null` (`year_of_birth` stays), numbers keep their last three characters and
/// addresses are reduced to their province.
pub fn wording_context(declaration: &Declaration, languages: Languages, redact: bool) -> Value {
    let input = declaration.input();
    let date = input.declaration.date.0;
    let born = |d: &crate::model::TomlDate| (!redact).then(|| d.0.to_string());
    let number = |n: &str| shown_number(n, redact);
    let id = |d: &IdDocument| json!({ "kind": d.kind, "number": number(&d.number) });
    let address = |a: &Address| match redact {
        true => province_of(a),
        false => a.text(),
    };
    let partners: Vec<Value> = input
        .partners
        .iter()
        .enumerate()
        .map(|(i, p)| {
            json!({
                "number": i + 1,
                "other": 2 - i,
                "name": p.name, "sex": p.sex,
                "date_of_birth": born(&p.date_of_birth),
                "year_of_birth": p.date_of_birth.0.year(),
                "age": age_on(p.date_of_birth.0, date),
                "place_of_birth": p.place_of_birth, "nationality": p.nationality,
                "id_document": id(&p.id_document), "occupation": p.occupation,
                "address": address(&p.address),
                "phone": if redact { None } else { p.phone.as_ref() },
            })
        })
        .collect();
    let children: Vec<Value> = input
        .children
        .iter()
        .enumerate()
        .map(|(i, c)| {
            json!({
                "number": i + 1,
                "name": c.name, "sex": c.sex,
                "date_of_birth": born(&c.date_of_birth),
                "year_of_birth": c.date_of_birth.0.year(),
                "age": age_on(c.date_of_birth.0, date),
                "kind": c.kind,
                "minor": age_on(c.date_of_birth.0, date) < ADULT_AGE,
                "legal_parent": c.legal_parent,
                "co_parent": 3 - c.legal_parent,
                "birth_certificate": c.birth_certificate.as_deref().map(number),
            })
        })
        .collect();
    let assets: Vec<Value> = input
        .assets
        .iter()
        .enumerate()
        .map(|(i, a)| {
            json!({
                "number": i + 1,
                "kind": a.kind, "immovable": a.kind.is_immovable(),
                "description": a.description,
                "registration": registration(a, redact),
                "owner": a.owner, "shares": a.shares, "value": a.value,
            })
        })
        .collect();
    let witnesses: Vec<Value> = input
        .witnesses
        .iter()
        .enumerate()
        .map(|(i, w)| {
            json!({
                "number": i + 1,
                "name": w.name, "sex": w.sex,
                "date_of_birth": born(&w.date_of_birth),
                "year_of_birth": w.date_of_birth.0.year(),
                "age": age_on(w.date_of_birth.0, date),
                "id_document": id(&w.id_document), "address": address(&w.address),
            })
        })
        .collect();
    let a = input.authority();
    json!({
        "print": languages.name(),
        "redacted": redact,
        "declaration": {
            "reference": input.declaration.reference,
            "date": date.to_string(),
            "place": input.declaration.place,
            "copies": input.declaration.copies,
            // Copies beyond the four that the partners, the office and the
            // organisation keep.
            "extra_copies": (input.declaration.copies - 4).max(0),
        },
        "partners": partners,
        "relationship": {
            "since": input.relationship.since.0.to_string(),
            "years": age_on(input.relationship.since.0, date),
            "home": address(&input.relationship.home),
        },
        "children": children,
        "assets": assets,
        "has_joint_assets": input.assets.iter().any(|a| a.owner == Owner::Joint),
        "has_own_assets": input.assets.iter().any(|a| a.owner != Owner::Joint),
        "has_minor_children": input.children.iter().any(|c| age_on(c.date_of_birth.0, date) < ADULT_AGE),
        "terms": {
            "separation": input.terms.separation,
            "equal": input.terms.separation == Separation::Equal,
            "on_death": input.terms.on_death,
            "medical_decisions": input.terms.medical_decisions,
        },
        "witnesses": witnesses,
        "authority": {
            "kind": a.kind, "commune": a.commune, "district": a.district,
            "province": a.province, "village": a.village,
            "chief": a.chief, "village_chief": a.village_chief,
        },
    })
}

/// A value written in both languages.
fn both(f: impl Fn(Lang) -> String) -> Value {
    json!({ "km": f(Lang::Km), "en": f(Lang::En) })
}

fn number(n: usize) -> Value {
    both(|lang| digits_in(&n.to_string(), lang))
}

fn text(t: &Text) -> Value {
    json!({ "km": t.km, "en": t.en })
}

/// The table rows of the children and of the two property schedules, and the totals.
///
/// Identifiers (certificate, title, plate and account numbers) are codes: they are
/// printed once, exactly as typed. When `redact` is set, birth dates keep only the
/// year, and certificate and account numbers their last three characters.
pub fn schedules(input: &Input, redact: bool) -> Value {
    let children: Vec<Value> = input
        .children
        .iter()
        .enumerate()
        .map(|(i, c)| {
            json!({
                "number": number(i + 1),
                "name": text(&c.name),
                "sex": c.sex,
                "born": both(|lang| match redact {
                    true => format_year(c.date_of_birth.0.year(), lang),
                    false => format_date(c.date_of_birth.0, lang, DateStyle::Long),
                }),
                "kind": c.kind,
                "legal-parent": c.legal_parent,
                "certificate": match redact {
                    true => c.birth_certificate.as_deref().map(last_three),
                    false => c.birth_certificate.clone(),
                },
            })
        })
        .collect();
    let row = |(i, a): (usize, &Asset)| {
        json!({
            "number": number(i + 1),
            "kind": a.kind,
            "description": text(&a.description),
            "registration": registration(a, redact),
            "owner": a.owner,
            "shares": match &a.shares {
                Some(s) if s.len() == 2 => both(|lang| digits_in(&format!("{}% / {}%", s[0], s[1]), lang)),
                _ => Value::Null,
            },
            "value": match a.value {
                Some(v) => both(|lang| format_money(money(v), lang)),
                None => Value::Null,
            },
        })
    };
    let immovable: Vec<Value> = input
        .assets
        .iter()
        .enumerate()
        .filter(|(_, a)| a.kind.is_immovable())
        .map(row)
        .collect();
    let movable: Vec<Value> = input
        .assets
        .iter()
        .enumerate()
        .filter(|(_, a)| !a.kind.is_immovable())
        .map(row)
        .collect();
    json!({ "children": children, "immovable": immovable, "movable": movable, "totals": totals(input) })
}

/// An asset's registration number; in a redacted copy, an account number keeps only
/// its last three characters.
fn registration(asset: &Asset, redact: bool) -> Option<String> {
    let number = asset.registration.as_deref()?;
    Some(match redact && asset.kind == AssetKind::BankAccount {
        true => last_three(number),
        false => number.to_owned(),
    })
}

fn money(v: crate::model::Value) -> Money {
    Money::from_cents(v.amount.0.max(0) as u64, v.currency)
}

/// The total value of the listed assets, one entry per currency (USD first).
fn totals(input: &Input) -> Vec<Value> {
    let mut sums = std::collections::BTreeMap::new();
    for v in input.assets.iter().filter_map(|a| a.value) {
        *sums.entry(v.currency).or_insert(0u64) += money(v).total_cents();
    }
    sums.into_iter()
        .map(|(currency, cents)| {
            both(|lang| format_money(Money::from_cents(cents, currency), lang))
        })
        .collect()
}
