//! Rules that relate several values of a declaration; every problem is collected.
//! (Here the declaration, the relationship and the terms; the people, the property, the
//! text values, the places, the limits and the placeholders each have a module.)

use crate::input::diagnostic::{Diagnostic, KeyPath, Words};
use crate::input::model::{Input, OnDeath, Owner, Separation};
use crate::locale::date::{DateStyle, age_on};
use crate::locale::lunar;
use crate::locale::{Lang, digits_in, format_date};
use chrono::Datelike;

/// The longest text value, in characters: a long paragraph, so that no single value
/// can outgrow a page.
pub(crate) const MAX_TEXT_CHARS: usize = 600;

mod law;
mod limits;
mod people;
mod placeholders;
mod places;
mod property;
mod text;

pub(crate) use law::for_final_copy;
pub(crate) use placeholders::placeholders;
use property::kh_shares;

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
    v.identities(input);
    v.relationship(input);
    v.children(input);
    v.assets(input);
    v.records(input);
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
        } else if input.declaration.copies == 1 {
            self.error(
                at.key("copies"),
                (
                    "with 1 original copy one partner keeps no original: each partner needs one",
                    "បើមានច្បាប់ដើមតែ ១ ច្បាប់ ដៃគូម្នាក់គ្មានច្បាប់ដើមទុកទេ៖ ដៃគូម្នាក់ៗត្រូវមានមួយច្បាប់",
                ),
            )
            .set_hint((
                "make at least 2 (usually 4: both partners, the office and the organisation)",
                "សូមធ្វើយ៉ាងតិច ២ ច្បាប់ (ជាធម្មតា ៤៖ ដៃគូទាំងពីរ សាលា និងអង្គការ)",
            ));
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
}

/// `value` written with Khmer digits, for a Khmer message.
pub(crate) fn kh(value: impl std::fmt::Display) -> String {
    digits_in(&value.to_string(), Lang::Km)
}

/// A date as a Khmer message writes it: `ថ្ងៃទី២១ ខែវិច្ឆិកា ឆ្នាំ២០២៦`.
pub(super) fn kh_date(date: chrono::NaiveDate) -> String {
    format_date(date, Lang::Km, DateStyle::Long)
}
