//! Rules that relate several values of a declaration; every problem is collected.
//! (One method per table of the format; the places and the placeholders have modules of their own.)

use crate::input::diagnostic::{Diagnostic, KeyPath, Seg, Words};
use crate::input::model::{IdDocument, IdKind, Input, OnDeath, Owner, Separation, Text};
use crate::locale::date::{DateStyle, age_on};
use crate::locale::lunar;
use crate::locale::script::{is_khmer, is_khmer_base};
use crate::locale::{Lang, digits_in, format_date};
use chrono::Datelike;
use std::collections::HashMap;

/// The longest text value, in characters: a long paragraph, so that no single value
/// can outgrow a page.
pub(crate) const MAX_TEXT_CHARS: usize = 600;

mod limits;
mod placeholders;
mod places;

pub(crate) use placeholders::placeholders;

/// The age from which a partner or a witness may sign.
pub(crate) const ADULT_AGE: i32 = 18;

/// Checks `input` and returns every error and warning, in file order.
pub(crate) fn validate(input: &Input) -> Vec<Diagnostic> {
    let mut v = Validator { out: Vec::new() };
    if !v.list_lengths(input) {
        return v.out;
    }
    v.declaration(input);
    v.partners(input);
    v.relationship(input);
    v.children(input);
    v.assets(input);
    v.terms(input);
    v.witnesses(input);
    v.authority(input);
    v.out
}

struct Validator {
    out: Vec<Diagnostic>,
}

impl Validator {
    fn error(&mut self, path: KeyPath, message: impl Into<Words>) -> &mut Diagnostic {
        self.out.push(Diagnostic::error(path, message));
        self.out.last_mut().expect("just pushed")
    }

    fn warn(&mut self, path: KeyPath, message: impl Into<Words>) {
        self.out.push(Diagnostic::warning(path, message));
    }

    fn declaration(&mut self, input: &Input) {
        let at = KeyPath::root().key("declaration");
        self.plain(&at.key("reference"), &input.declaration.reference);
        self.text(&at.key("place"), &input.declaration.place);
        let date = input.declaration.date.0;
        if !(lunar::FIRST_YEAR..=lunar::LAST_YEAR).contains(&date.year()) {
            self.error(
                at.key("date"),
                (
                    format!(
                        "{date} is outside the years {}–{} that the Khmer calendar supports",
                        lunar::FIRST_YEAR,
                        lunar::LAST_YEAR
                    ),
                    format!(
                        "{} នៅក្រៅឆ្នាំ {}–{} ដែលប្រតិទិនខ្មែរអាចគណនាបាន",
                        kh_date(date),
                        kh(lunar::FIRST_YEAR),
                        kh(lunar::LAST_YEAR)
                    ),
                ),
            );
        }
        if input.declaration.copies < 1 {
            self.error(
                at.key("copies"),
                (
                    format!("{} copies cannot be made", input.declaration.copies),
                    format!("មិនអាចធ្វើ {} ច្បាប់បានទេ", kh(input.declaration.copies)),
                ),
            )
            .set_hint((
                "give the number of original copies, at least 1 (usually 4)",
                "សរសេរចំនួនច្បាប់ដើម យ៉ាងតិច ១ (ជាធម្មតា ៤)",
            ));
        } else if input.declaration.copies > 20 {
            self.error(
                at.key("copies"),
                (
                    "more than 20 original copies is not plausible",
                    "ច្បាប់ដើមលើសពី ២០ ច្បាប់ មិនសមហេតុផលទេ",
                ),
            );
        } else if input.declaration.copies < 3 {
            self.warn(
                at.key("copies"),
                (
                    format!(
                        "with {} original copies the commune or sangkat office keeps none (4 give one each to both partners, the office and the organisation)",
                        input.declaration.copies
                    ),
                    format!(
                        "បើមានច្បាប់ដើមតែ {} ច្បាប់ សាលាឃុំ ឬសាលាសង្កាត់មិនបានរក្សាទុកមួយច្បាប់ទេ (៤ ច្បាប់ គឺដៃគូទាំងពីរ សាលា និងអង្គការ ទទួលបានម្នាក់មួយច្បាប់)",
                        kh(input.declaration.copies)
                    ),
                ),
            );
        }
    }

    fn partners(&mut self, input: &Input) {
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

    fn relationship(&mut self, input: &Input) {
        let at = KeyPath::root().key("relationship");
        self.address(&at.key("home"), &input.relationship.home);
        let since = input.relationship.since.0;
        self.plausible(at.key("since"), since, input.declaration.date.0, false);
        if since > input.declaration.date.0 {
            self.error(
                at.key("since"),
                (
                    format!(
                        "{since} is after the declaration date {}",
                        input.declaration.date.0
                    ),
                    format!(
                        "{} ក្រោយថ្ងៃធ្វើសេចក្ដីថ្លែង {}",
                        kh_date(since),
                        kh_date(input.declaration.date.0)
                    ),
                ),
            );
        }
        for (i, p) in input.partners.iter().enumerate().take(2) {
            if age_on(p.date_of_birth.0, since) < 16 && since >= p.date_of_birth.0 {
                self.warn(
                    at.key("since"),
                    (
                        format!("partner {} was under 16 on {since}", i + 1),
                        format!("ដៃគូទី{} មានអាយុក្រោម ១៦ ឆ្នាំ នៅ{}", kh(i + 1), kh_date(since)),
                    ),
                );
            }
        }
    }

    fn children(&mut self, input: &Input) {
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

    fn assets(&mut self, input: &Input) {
        if input.assets.is_empty() {
            self.warn(
                KeyPath::root().key("assets"),
                (
                    "no assets are listed: the contract will say the partners declare no property",
                    "មិនមានទ្រព្យសម្បត្តិក្នុងបញ្ជីទេ៖ កិច្ចសន្យានឹងចែងថា ដៃគូមិនប្រកាសទ្រព្យសម្បត្តិណាមួយទេ",
                ),
            );
        }
        for (i, a) in input.assets.iter().enumerate() {
            let at = KeyPath::root().key("assets").index(i);
            self.text(&at.key("description"), &a.description);
            if let Some(reg) = &a.registration {
                self.plain(&at.key("registration"), reg);
            }
            match (a.owner, &a.shares) {
                (Owner::Joint, None) => {
                    self.error(
                        at.key("owner"),
                        (
                            "a joint asset needs the partners' shares",
                            "ទ្រព្យសម្បត្តិរួម ត្រូវមានចំណែករបស់ដៃគូ",
                        ),
                    )
                    .set_hint((
                        "add `shares = [50, 50]`: percent of partner 1 and partner 2",
                        "បញ្ចូលចំណែកជាភាគរយរបស់ដៃគូទី១ និងដៃគូទី២ (ឧ. ៥០ និង ៥០)",
                    ));
                }
                (Owner::Joint, Some(shares)) => self.shares(&at.key("shares"), shares),
                (_, Some(_)) => {
                    self.error(
                        at.key("shares"),
                        (
                            "shares are for joint assets only; this asset has one owner",
                            "ចំណែកសម្រាប់តែទ្រព្យសម្បត្តិរួមប៉ុណ្ណោះ៖ ទ្រព្យសម្បត្តិនេះមានម្ចាស់តែម្នាក់",
                        ),
                    )
                    .set_hint((
                        "remove `shares`, or set `owner = \"joint\"`",
                        "លុបចំណែកចេញ ឬជ្រើសម្ចាស់កម្មសិទ្ធិជា «ដៃគូទាំងពីរ»",
                    ));
                }
                (_, None) => {}
            }
            if let Some(value) = &a.value {
                let at = at.key("value").key("amount");
                let cents = value.amount.0;
                let within = self.amount_within(at.clone(), cents);
                if within && cents <= 0 {
                    self.error(
                        at,
                        (
                            format!(
                                "{} is not a value; amounts are positive",
                                format_cents(cents)
                            ),
                            format!(
                                "{} មិនមែនជាតម្លៃទេ៖ ចំនួនទឹកប្រាក់ត្រូវធំជាងសូន្យ",
                                kh(format_cents(cents))
                            ),
                        ),
                    );
                } else if within && !value.currency.has_cents() && cents % 100 != 0 {
                    self.error(
                        at,
                        (
                            format!(
                                "{} has cents, but riel amounts are whole riels",
                                format_cents(cents)
                            ),
                            format!("{} មានសេន ប៉ុន្តែចំនួនប្រាក់រៀលត្រូវជាលេខគត់", kh(format_cents(cents))),
                        ),
                    );
                }
            }
        }
    }

    fn shares(&mut self, at: &KeyPath, shares: &[i64]) {
        if shares.len() != 2 {
            self.error(
                at.clone(),
                (
                    format!(
                        "expected two shares (partner 1, partner 2), found {}",
                        shares.len()
                    ),
                    format!("ត្រូវមានចំណែកពីរ (ដៃគូទី១ ដៃគូទី២) ប៉ុន្តែមាន {}", kh(shares.len())),
                ),
            )
            .set_hint(("e.g. `shares = [50, 50]`", "ឧ. ចំណែក ៥០ និង ៥០"));
        } else if shares.iter().any(|s| !(1..=99).contains(s)) {
            self.error(at.clone(), (
                    format!("shares {shares:?} must each be between 1 and 99 percent"),
                    format!(
                        "ចំណែក {} នីមួយៗត្រូវនៅចន្លោះពី ១ ដល់ ៩៩ ភាគរយ",
                        kh_shares(shares)
                    ),
                ))
                .set_hint((
                "an asset owned by one partner alone has `owner = \"partner-1\"` or `\"partner-2\"`",
                "ទ្រព្យសម្បត្តិរបស់ដៃគូតែម្នាក់ ត្រូវជ្រើសម្ចាស់កម្មសិទ្ធិជា «ភាគីទី១ តែម្នាក់» ឬ «ភាគីទី២ តែម្នាក់»",
            ));
        } else if shares.iter().sum::<i64>() != 100 {
            self.error(
                at.clone(),
                (
                    format!(
                        "shares {shares:?} sum to {}, not 100",
                        shares.iter().sum::<i64>()
                    ),
                    format!(
                        "ចំណែក {} បូកបាន {} មិនមែន ១០០ ទេ",
                        kh_shares(shares),
                        kh(shares.iter().sum::<i64>())
                    ),
                ),
            );
        }
    }

    /// The partners' terms agree with the rest of the data.
    fn terms(&mut self, input: &Input) {
        let at = KeyPath::root().key("terms");
        if input.terms.on_death == OnDeath::ToChildren && input.children.is_empty() {
            self.error(
                at.key("on-death"),
                (
                    "the wish leaves the deceased partner's share to the children, but no child is listed",
                    "បំណងនេះទុកចំណែករបស់ដៃគូដែលទទួលមរណភាពឱ្យកូន ប៉ុន្តែមិនមានកូនក្នុងបញ្ជីទេ",
                ),
            )
            .set_hint((
                "list the children, or choose `on-death = \"to-surviving-partner\"`",
                "បញ្ចូលកូន ឬជ្រើសឱ្យចំណែកនោះទៅដៃគូដែលនៅរស់",
            ));
        }
        if input.terms.separation != Separation::Equal {
            return;
        }
        for (i, a) in input.assets.iter().enumerate() {
            if let Some(shares) = &a.shares
                && a.owner == Owner::Joint
                && shares.as_slice() != [50, 50]
            {
                self.error(
                    KeyPath::root().key("assets").index(i).key("shares"),
                    (
                        format!("with `terms.separation = \"equal\"` every joint asset is held in equal shares, but these shares are {shares:?}"),
                        format!(
                            "បើបែងចែកស្មើគ្នា ទ្រព្យសម្បត្តិរួមនីមួយៗជារបស់ដៃគូម្នាក់ពាក់កណ្ដាល ប៉ុន្តែចំណែកនេះគឺ {}",
                            kh_shares(shares)
                        ),
                    ),
                )
                .set_hint((
                "write `shares = [50, 50]`, or choose `separation = \"by-shares\"` to divide by the stated shares",
                "សរសេរចំណែក ៥០ និង ៥០ ឬជ្រើសការបែងចែកតាមចំណែកដែលបានកំណត់",
            ));
            }
        }
    }

    fn witnesses(&mut self, input: &Input) {
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

    fn id_document(&mut self, at: &KeyPath, doc: &IdDocument) {
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

    /// Checks a one-language text; returns whether it is usable.
    fn plain(&mut self, at: &KeyPath, s: &str) -> bool {
        if s.trim().is_empty() {
            self.error(at.clone(), ("is empty", "មិនទាន់បានបំពេញ"));
            return false;
        }
        let length = s.chars().count();
        if length > MAX_TEXT_CHARS {
            self.error(
                at.clone(),
                (
                    format!("is {length} characters long; a value is at most {MAX_TEXT_CHARS}"),
                    format!(
                        "មានប្រវែង {} តួអក្សរ៖ យ៉ាងច្រើនបំផុត {} តួអក្សរ",
                        kh(length),
                        kh(MAX_TEXT_CHARS)
                    ),
                ),
            )
            .set_hint((
                "shorten it: a description of more than a paragraph belongs in an annex",
                "សូមសរសេរឱ្យខ្លីជាងនេះ៖ ការពិពណ៌នាដែលវែងជាងមួយកថាខណ្ឌ គួរដាក់ក្នុងឧបសម្ព័ន្ធ",
            ));
            return false;
        }
        if let Some(c) = s.chars().find(|&c| is_forbidden_char(c)) {
            self.error(
                at.clone(),
                (
                    format!(
                        "contains the invisible or control character U+{:04X}",
                        c as u32
                    ),
                    format!("មានតួអក្សរលាក់ ឬតួអក្សរបញ្ជា U+{:04X}", c as u32),
                ),
            )
            .set_hint((
                "retype the text; copy-pasted text can carry hidden characters",
                "សូមវាយអត្ថបទនេះឡើងវិញ៖ អត្ថបទដែលចម្លងមកអាចមានតួអក្សរលាក់",
            ));
            return false;
        }
        if let Some(c) = s.chars().find(|&c| !crate::locale::fonts::can_print(c)) {
            self.error(
                at.clone(),
                (
                    format!(
                        "contains `{c}` (U+{:04X}), which the contract's fonts cannot print",
                        c as u32
                    ),
                    format!(
                        "មាន «{c}» (U+{:04X}) ដែលពុម្ពអក្សររបស់កិច្ចសន្យាមិនអាចបោះពុម្ពបាន",
                        c as u32
                    ),
                ),
            )
            .set_hint((
                "the contract prints Khmer and Latin letters; write this character another way",
                "កិច្ចសន្យាបោះពុម្ពតែអក្សរខ្មែរ និងអក្សរឡាតាំង៖ សូមសរសេរតួអក្សរនេះតាមរបៀបផ្សេង",
            ));
            return false;
        }
        true
    }

    fn text(&mut self, at: &KeyPath, t: &Text) {
        if self.plain(&at.key("km"), &t.km) && !t.km.chars().any(is_khmer_base) {
            self.error(
                at.key("km"),
                (
                    format!("`{}` has no Khmer letters", t.km),
                    format!("«{}» គ្មានអក្សរខ្មែរទេ", t.km),
                ),
            )
            .set_hint((
                "`km` is the Khmer text; the Latin text goes in `en`",
                "ប្រអប់ខ្មែរសម្រាប់អត្ថបទខ្មែរ៖ អត្ថបទអក្សរឡាតាំងដាក់ក្នុងប្រអប់អង់គ្លេស",
            ));
        }
        if self.plain(&at.key("en"), &t.en) && t.en.chars().any(is_khmer) {
            self.error(
                at.key("en"),
                (
                    format!("`{}` has Khmer letters", t.en),
                    format!("«{}» មានអក្សរខ្មែរ", t.en),
                ),
            )
            .set_hint((
                "`en` is the English text, in Latin letters",
                "ប្រអប់អង់គ្លេសសម្រាប់អត្ថបទអង់គ្លេស ជាអក្សរឡាតាំង",
            ));
        }
    }
}

/// `value` written with Khmer digits, for a Khmer message.
pub(crate) fn kh(value: impl std::fmt::Display) -> String {
    digits_in(&value.to_string(), Lang::Km)
}

/// A date as a Khmer message writes it: `ថ្ងៃទី២១ ខែវិច្ឆិកា ឆ្នាំ២០២៦`.
fn kh_date(date: chrono::NaiveDate) -> String {
    format_date(date, Lang::Km, DateStyle::Long)
}

/// A partner or a witness named by their key path, in Khmer: `ដៃគូទី២`, `សាក្សីទី១`.
fn person_km(path: &KeyPath) -> String {
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

/// Shares as a Khmer message writes them: `៦០ / ៤០`.
fn kh_shares(shares: &[i64]) -> String {
    shares.iter().map(kh).collect::<Vec<_>>().join(" / ")
}

/// The family name of a Latin name written family name first in capitals (`SOK Dara` → `SOK`).
fn family_of(name: &str) -> Option<&str> {
    let first = name.split_whitespace().next()?;
    (first.chars().count() > 1 && first.chars().all(|c| c.is_uppercase() || c == '-'))
        .then_some(first)
}

/// An amount in cents as written: `-5`, `12.5`.
fn format_cents(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let (whole, part) = (cents.unsigned_abs() / 100, cents.unsigned_abs() % 100);
    match part {
        0 => format!("{sign}{whole}"),
        p if p % 10 == 0 => format!("{sign}{whole}.{}", p / 10),
        p => format!("{sign}{whole}.{p:02}"),
    }
}

/// Control characters, line and paragraph separators, and every invisible
/// (Default_Ignorable_Code_Point) character except the zero-width space and the
/// joiners that Khmer typing uses. Invisible characters are dropped when the text is
/// set, so the printed text would differ from the data.
fn is_forbidden_char(c: char) -> bool {
    let allowed = matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}');
    !allowed
        && (c.is_control()
            || matches!(c,
                '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}'
                | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}'
                | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}'))
}

/// A Cambodian national ID: 9 digits, optionally `(d)` check digit.
fn is_national_id(s: &str) -> bool {
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
fn normalise_id(number: &str) -> String {
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
    fn amounts_are_written_back_as_typed_without_floating_point() {
        assert_eq!(format_cents(-500), "-5");
        assert_eq!(format_cents(1250), "12.5");
        assert_eq!(format_cents(-50), "-0.5");
        assert_eq!(format_cents(1), "0.01");
        // Beyond 2^53 cents, where a float would round.
        assert_eq!(format_cents(9_007_199_254_740_993), "90071992547409.93");
    }

    #[test]
    fn national_id_forms() {
        assert!(is_national_id("010234567"));
        assert!(is_national_id("010234567(7)"));
        assert!(!is_national_id("01023456"));
        assert!(!is_national_id("0102345678"));
        assert!(!is_national_id("010234567(77)"));
        assert!(!is_national_id("01023456a"));
    }

    #[test]
    fn forbidden_characters() {
        assert!(is_forbidden_char('\u{7}'));
        assert!(is_forbidden_char('\n'));
        assert!(is_forbidden_char('\u{202E}'));
        assert!(
            is_forbidden_char('\u{17B4}'),
            "Khmer inherent vowel AQ is invisible"
        );
        assert!(is_forbidden_char('\u{17B5}'));
        assert!(is_forbidden_char('\u{FE0F}'));
        assert!(is_forbidden_char('\u{E0041}'));
        assert!(!is_forbidden_char('\u{200C}') && !is_forbidden_char('\u{200D}'));
        assert!(!is_forbidden_char('\u{200B}'));
        assert!(!is_forbidden_char('ក'));
    }
}
