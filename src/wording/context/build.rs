//! The wording context built from a declaration: ages, what a redacted copy withholds,
//! addresses printed by the set's `address` format.

use super::{
    AdoptionOrderContext, AssetContext, ChildContext, DeclarationContext, IdContext,
    InterpreterContext, PartnerContext, PersonContext, RelationshipContext, TermsContext,
    WitnessContext, WordingContext,
};
use crate::input::address::Address;
use crate::input::declaration::Declaration;
use crate::input::law::value_claim;
use crate::input::model::{IdDocument, Owner, Separation, Sex, Text, TomlDate};
use crate::input::validate::ADULT_AGE;
use crate::locale::date::age_on;
use crate::locale::digits_in;
use crate::options::Languages;
use crate::wording::formats::AddressFormat;
use crate::wording::redact::{province_of, registration, shown_number};
use crate::wording::set::{WordingError, WordingSet};
use chrono::Datelike;
use serde_json::Value;

/// The Handlebars context of the wording templates, as JSON (see [`WordingContext`]);
/// `set` formats the addresses.
pub fn wording_context(
    set: &WordingSet,
    declaration: &Declaration,
    languages: Languages,
    redact: bool,
) -> Result<Value, WordingError> {
    let context = context(set, declaration, languages, redact)?;
    Ok(serde_json::to_value(context).expect("the wording context serialises"))
}

/// The typed wording context of a declaration; `set` formats the addresses.
pub fn context(
    set: &WordingSet,
    declaration: &Declaration,
    languages: Languages,
    redact: bool,
) -> Result<WordingContext, WordingError> {
    let input = declaration.input();
    let date = input.declaration.date.0;
    let person = |name: &Text, sex: Sex, born: &TomlDate| PersonContext {
        name: name.clone(),
        sex,
        date_of_birth: (!redact).then(|| born.0.to_string()),
        year_of_birth: born.0.year(),
        age: age_on(born.0, date),
    };
    let id = |d: &IdDocument| IdContext {
        kind: d.kind,
        issued_by: d.issued_by.clone(),
        number: shown_number(&d.number, redact),
    };
    let address = |a: &Address| match redact {
        true => province_of(set, a),
        false => printed(set, a),
    };
    let place = |t: &Text| match redact {
        true => crate::wording::redact::province_in_text(set, t),
        false => Ok(t.clone()),
    };
    Ok(WordingContext {
        print: languages,
        redacted: redact,
        declaration: DeclarationContext {
            reference: input.declaration.reference.clone(),
            date: date.to_string(),
            place: place(&input.declaration.place)?,
            copies: input.declaration.copies,
            extra_copies: (input.declaration.copies - 4).max(0),
            office_keeps_copy: input.declaration.copies >= 3,
            organisation_keeps_copy: input.declaration.copies >= 4,
        },
        partners: input
            .partners
            .iter()
            .enumerate()
            .map(|(i, p)| {
                Ok(PartnerContext {
                    number: i + 1,
                    other: 2 - i,
                    person: person(&p.name, p.sex, &p.date_of_birth),
                    place_of_birth: place(&p.place_of_birth)?,
                    nationality: p.nationality.clone(),
                    khmer: !p.is_foreign(),
                    id_document: id(&p.id_document),
                    occupation: p.occupation.clone(),
                    address: address(&p.address)?,
                    phone: if redact { None } else { p.phone.clone() },
                    owner: format!("partner-{}", i + 1),
                    legal_parent_of_minors: input.children.iter().any(|c| {
                        c.legal_parent == i as i64 + 1
                            && age_on(c.date_of_birth.0, date) < ADULT_AGE
                    }),
                })
            })
            .collect::<Result<_, WordingError>>()?,
        relationship: RelationshipContext {
            since: input.relationship.since.0.to_string(),
            years: age_on(input.relationship.since.0, date),
            home: address(&input.relationship.home)?,
        },
        children: input
            .children
            .iter()
            .enumerate()
            .map(|(i, c)| ChildContext {
                number: i + 1,
                person: person(&c.name, c.sex, &c.date_of_birth),
                kind: c.kind,
                minor: age_on(c.date_of_birth.0, date) < ADULT_AGE,
                legal_parent: c.legal_parent,
                co_parent: 3 - c.legal_parent,
                birth_certificate: c
                    .birth_certificate
                    .as_deref()
                    .map(|n| shown_number(n, redact)),
                adoption_order: c.adoption_order.as_ref().map(|o| AdoptionOrderContext {
                    number: shown_number(&o.number, redact),
                    court: o.court.clone(),
                }),
                raised_by_co_parent: c.raised_by_co_parent,
            })
            .collect(),
        assets: input
            .assets
            .iter()
            .enumerate()
            .map(|(i, a)| {
                Ok(AssetContext {
                    number: i + 1,
                    kind: a.kind,
                    immovable: a.kind.is_immovable(),
                    description: crate::wording::redact::described(set, a, redact)?,
                    registration: registration(a, redact),
                    owner: a.owner,
                    shares: a.shares.clone(),
                    title: a.title,
                    value_claim: value_claim(input, a),
                    value: a.value,
                })
            })
            .collect::<Result<_, WordingError>>()?,
        has_joint_assets: input.assets.iter().any(|a| a.owner == Owner::Joint),
        has_own_assets: input.assets.iter().any(|a| a.owner != Owner::Joint),
        has_co_owned_assets: input
            .assets
            .iter()
            .any(|a| a.owner == Owner::Joint && value_claim(input, a).is_none()),
        has_value_claims: input.assets.iter().any(|a| value_claim(input, a).is_some()),
        interpreter: input.interpreter.as_ref().map(|i| InterpreterContext {
            name: i.name.clone(),
            language: i.language.clone(),
            for_partner: i.for_partner,
        }),
        has_minor_children: input
            .children
            .iter()
            .any(|c| age_on(c.date_of_birth.0, date) < ADULT_AGE),
        terms: TermsContext {
            separation: input.terms.separation,
            equal: input.terms.separation == Separation::Equal,
            on_death: input.terms.on_death,
            medical_decisions: input.terms.medical_decisions,
        },
        witnesses: input
            .witnesses
            .iter()
            .enumerate()
            .map(|(i, w)| {
                Ok(WitnessContext {
                    number: i + 1,
                    person: person(&w.name, w.sex, &w.date_of_birth),
                    id_document: id(&w.id_document),
                    address: address(&w.address)?,
                })
            })
            .collect::<Result<_, WordingError>>()?,
        authority: match redact {
            true => crate::wording::redact::unnamed(input.local_authority()),
            false => input.local_authority(),
        },
        holder: None,
        other: None,
        child: None,
        contract_id: None,
    })
}

/// An address as printed: a free text as written, a structured one by the `address`
/// format.
pub fn printed(set: &WordingSet, address: &Address) -> Result<Text, WordingError> {
    match address {
        Address::Free(text) => Ok(text.clone()),
        Address::Place(place) => set.format("address", |lang| AddressFormat {
            house: place.house.as_deref().map(|h| digits_in(h, lang)),
            street: place.street.as_deref().map(|s| digits_in(s, lang)),
            places: place.place_names(lang),
        }),
    }
}
