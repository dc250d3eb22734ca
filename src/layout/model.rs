//! The typed layout model: everything the Typst layout reads as `/data.json`, as finished text.
//!
//! The layout (`main.typ`) only places these texts and the review copy (`outputs/review.rs`)
//! only writes them out: every decision about what is printed (a clause's heading, a
//! table cell's label, the property total, the blank witness blocks, the capitals of
//! an English-only header) is made once, here. The field lines below are the reference
//! of what a template set may read; `templates/README.md` is generated from them
//! ([`crate::layout::template_reference`]), and a test keeps it current.

use crate::input::declaration::Declaration;
use crate::input::model::{Asset, AuthorityKind, IdDocument, IdKind, Input, Owner, Text};
use crate::locale::date::DateStyle;
use crate::locale::{Lang, Money, digits_in, format_date, format_money, format_year};
use crate::options::{Languages, Layout, Options};
use crate::wording::document_id::{copy_id, normalised_toml};
use crate::wording::formats::{IdLineFormat, TotalFormat};
use crate::wording::redact::{described, last_three, registration, shown_number};
use crate::wording::set::{Clause, Wording, WordingError, WordingSet};
use crate::wording::templates::Templates;
use chrono::Datelike;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the layout reads as `/data.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LayoutData {
    /// The printed languages and their arrangement.
    pub options: PrintOptions,
    /// The organisation's reference, printed in the header and in every footer.
    pub reference: String,
    /// The local authority: `commune` (ឃុំ) or `sangkat` (សង្កាត់).
    pub authority_kind: AuthorityKind,
    /// Every label of `wording/labels.hbs`, by name (`title`, `page`, `witness`…).
    pub labels: BTreeMap<String, Text>,
    /// The national header and the title, as printed.
    pub header: Header,
    /// The clauses, in order.
    pub clauses: Vec<Clause>,
    /// The rows of the schedules and the property total.
    pub schedules: Schedules,
    /// Who signs: the partners, the witnesses and the authority's chiefs.
    pub signers: Signers,
    /// The document ID printed in every footer (`ZF05-6HZJ-GK3Y`).
    pub id: String,
    /// A draft for review: watermarked, not archival, no data attached.
    pub draft: bool,
    /// A redacted copy: personal details reduced, watermarked, no data attached.
    pub redacted: bool,
    /// The data a final copy carries, as normalised TOML; `null` for other copies.
    pub attachment: Option<String>,
    /// What a draft or redacted copy prints: this layout model as JSON (with `printed`
    /// `null`), attached as `printed.json` so that `dfr diff` can compare two drafts
    /// word by word; `null` for a final copy, which carries its data instead.
    pub printed: Option<String>,
    /// Set only in a redline (`dfr diff --format pdf`): its first page and footer. Its
    /// texts mark removed words between U+E005 and U+E007 and added words between
    /// U+E006 and U+E007, which the layout strikes through and underlines.
    pub redline: Option<Redline>,
}

/// A redline's first page and the earlier version its footer names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Redline {
    /// The earlier version's reference, printed before the later one's in every footer.
    pub old_reference: String,
    /// The earlier version's document ID, printed before the later one's.
    pub old_id: String,
    /// Each changed value: the field in words, its value before and after (`–` for none);
    /// empty when the versions compared carry no data (two drafts).
    pub values: Vec<ChangedValue>,
    /// Whether the data was compared (else only the printed text).
    pub data_compared: bool,
    /// The articles only renumbered: old heading → new heading.
    pub renumbered: Vec<Text>,
}

/// A changed value on a redline's first page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ChangedValue {
    /// The field, in the form's words: `ដៃគូ ១ › មុខរបរ` / `Partner 1 › Occupation`.
    pub field: Text,
    /// The value before, as typed (`–` for none).
    pub was: String,
    /// The value after, as typed (`–` for none).
    pub now: String,
}

/// The printed languages and their arrangement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PrintOptions {
    /// The languages printed.
    pub lang: Languages,
    /// How the two languages are arranged.
    pub layout: Layout,
}

/// The national header and the title; the English lines are in capitals, as printed
/// (the kingdom and motto in English only when Khmer is not printed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Header {
    /// ព្រះរាជាណាចក្រកម្ពុជា / KINGDOM OF CAMBODIA.
    pub kingdom: Text,
    /// ជាតិ សាសនា ព្រះមហាក្សត្រ / NATION RELIGION KING.
    pub motto: Text,
    /// The contract's title.
    pub title: Text,
}

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

/// The signature blocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Signers {
    /// The two partners, partner 1 first.
    pub partners: Vec<Signer>,
    /// The witnesses; two blank blocks (no name) when none are given.
    pub witnesses: Vec<Signer>,
    /// The commune or sangkat chief's name; `null` prints a blank line.
    pub chief: Option<Text>,
    /// The village chief's name; `null` prints a blank line.
    pub village_chief: Option<Text>,
    /// The interpreter, when one translated the declaration for a partner.
    pub interpreter: Option<Signer>,
}

/// One signature block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Signer {
    /// The signer's name; `null` for a blank block to fill in by hand.
    pub name: Option<Text>,
    /// A witness's ID document line: `ID card No. 010987654`.
    pub id: Option<Text>,
}

/// The layout model of `declaration` with its rendered `wording`.
pub fn build(
    set: &WordingSet,
    templates: &Templates,
    declaration: &Declaration,
    options: &Options,
    wording: Wording,
) -> Result<LayoutData, WordingError> {
    let input = declaration.input();
    let labels = wording.labels;
    let label = |name: &str| labels.get(name).cloned().unwrap_or_default();
    let id_line = |doc: &IdDocument| {
        let name = match doc.kind {
            IdKind::NationalId => "id_number",
            IdKind::Passport => "passport_number",
        };
        let number = shown_number(&doc.number, options.copy.is_redacted());
        let l = label(name);
        set.format("id_line", |lang| IdLineFormat {
            label: l.get(lang).to_owned(),
            number: number.clone(),
        })
    };
    let mut witnesses: Vec<Signer> = input
        .witnesses
        .iter()
        .map(|w| {
            Ok(Signer {
                name: Some(w.name.clone()),
                id: Some(id_line(&w.id_document)?),
            })
        })
        .collect::<Result<_, WordingError>>()?;
    if witnesses.is_empty() {
        let blank = Signer {
            name: None,
            id: None,
        };
        witnesses = vec![blank.clone(), blank];
    }
    let authority = match options.copy.is_redacted() {
        true => crate::wording::redact::unnamed(input.local_authority()),
        false => input.local_authority(),
    };
    let capitals = |t: Text| Text {
        en: t.en.to_uppercase(),
        ..t
    };
    let mut data = LayoutData {
        options: PrintOptions {
            lang: options.languages,
            layout: options.layout,
        },
        reference: input.declaration.reference.clone(),
        authority_kind: authority.kind,
        header: Header {
            kingdom: capitals(label("kingdom")),
            motto: capitals(label("motto")),
            title: capitals(label("title")),
        },
        schedules: schedules(set, input, options.copy.is_redacted(), &label)?,
        signers: Signers {
            partners: input
                .partners
                .iter()
                .map(|p| Signer {
                    name: Some(p.name.clone()),
                    id: None,
                })
                .collect(),
            witnesses,
            chief: authority.chief,
            village_chief: authority.village_chief,
            interpreter: input.interpreter.as_ref().map(|i| Signer {
                name: Some(i.name.clone()),
                id: None,
            }),
        },
        clauses: wording.clauses,
        id: copy_id(input, templates, options),
        draft: options.copy.is_draft(),
        redacted: options.copy.is_redacted(),
        // A final copy carries its data; drafts and redacted copies carry none.
        attachment: options.is_final().then(|| normalised_toml(input)),
        labels,
        printed: None,
        redline: None,
    };
    if !options.is_final() {
        data.printed = Some(serde_json::to_string(&data).expect("the layout model serialises"));
    }
    Ok(data)
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
fn schedules(
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
