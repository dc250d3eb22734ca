//! The bounds every declaration stays within: how many entries a list may have, the years a date may fall in, the largest amount.
//!
//! Why these numbers: the contract must fit on paper that people sign page by page.
//! With the largest lists allowed, a declaration lays out in under 60 pages; the
//! largest real family the project has seen has 10 children and 40 assets (23 pages).
//! A list longer than these is refused before its entries are checked, so a damaged
//! or hostile file costs no more time than a long one.

use super::{Validator, kh, kh_date};
use crate::input::diagnostic::KeyPath;
use crate::input::model::Input;
use crate::locale::date::age_on;
use chrono::{Datelike, NaiveDate};

/// The most children a declaration lists.
pub(crate) const MAX_CHILDREN: usize = 20;
/// The most assets a declaration lists (more belong in an annex).
pub(crate) const MAX_ASSETS: usize = 60;
/// The most witnesses a declaration lists.
pub(crate) const MAX_WITNESSES: usize = 6;
/// The largest amount of one asset, in units (not cents): ten trillion, enough for
/// any property valued in riels; a sum of every asset at this value still fits.
pub(crate) const MAX_AMOUNT_UNITS: i64 = 10_000_000_000_000;
/// The earliest year of birth (and of a relationship's start) that is plausible.
pub(crate) const FIRST_YEAR: i32 = 1900;
/// The oldest a living person is taken to be.
const OLDEST: i32 = 120;

impl Validator {
    /// Refuses lists longer than their maximum; returns whether every list is within
    /// bounds (when not, the entries are not checked one by one).
    pub(super) fn list_lengths(&mut self, input: &Input) -> bool {
        let lists = [
            ("children", input.children.len(), MAX_CHILDREN, "កូន"),
            ("assets", input.assets.len(), MAX_ASSETS, "ទ្រព្យសម្បត្តិ"),
            ("witnesses", input.witnesses.len(), MAX_WITNESSES, "សាក្សី"),
        ];
        let mut within = true;
        for (key, found, max, km) in lists {
            if found > max {
                within = false;
                self.error(
                    KeyPath::root().key(key),
                    (
                        format!("{found} {key} are listed; a declaration lists at most {max}"),
                        format!(
                            "មាន{km} {} ក្នុងបញ្ជី៖ សេចក្ដីថ្លែងមួយមាន{km}យ៉ាងច្រើន {}",
                            kh(found),
                            kh(max)
                        ),
                    ),
                )
                .set_hint((
                    "the contract must stay a document people can sign page by page; list the rest in an annex",
                    "កិច្ចសន្យាត្រូវតែជាឯកសារដែលអាចចុះហត្ថលេខាគ្រប់ទំព័របាន៖ សូមរៀបរាប់ផ្នែកដែលនៅសល់ក្នុងឧបសម្ព័ន្ធ",
                ));
            }
        }
        within
    }

    /// A date of birth (or the start of the relationship) in a plausible year, no
    /// earlier than [`FIRST_YEAR`] and for a person no older than [`OLDEST`].
    pub(super) fn plausible(
        &mut self,
        at: KeyPath,
        date: NaiveDate,
        on: NaiveDate,
        of_birth: bool,
    ) {
        let too_old = of_birth && age_on(date, on) > OLDEST;
        if date.year() < FIRST_YEAR || too_old {
            self.error(
                at,
                (
                    format!(
                        "{date} is not a plausible date: it must be in {FIRST_YEAR} or later{}",
                        if of_birth {
                            format!(", and no one is older than {OLDEST}")
                        } else {
                            String::new()
                        }
                    ),
                    format!(
                        "{} មិនមែនជាកាលបរិច្ឆេទដែលអាចជឿបានទេ៖ ត្រូវនៅឆ្នាំ{} ឬក្រោយនោះ",
                        kh_date(date),
                        kh(FIRST_YEAR)
                    ),
                ),
            )
            .set_hint((
                "write the date as YYYY-MM-DD, for example 1991-03-15",
                "សរសេរជា ឆ្នាំ-ខែ-ថ្ងៃ ឧ. ១៩៩១-០៣-១៥",
            ));
        }
    }

    /// An asset's amount no larger than [`MAX_AMOUNT_UNITS`].
    pub(super) fn amount_within(&mut self, at: KeyPath, cents: i64) -> bool {
        if cents / 100 > MAX_AMOUNT_UNITS {
            self.error(
                at,
                (
                    format!("the amount is larger than {MAX_AMOUNT_UNITS}, the largest a declaration takes"),
                    format!("ចំនួនទឹកប្រាក់ធំជាង {} ដែលជាចំនួនធំបំផុតដែលសេចក្ដីថ្លែងទទួលយក", kh(MAX_AMOUNT_UNITS)),
                ),
            )
            .set_hint(("check the number of zeros", "សូមពិនិត្យចំនួនលេខសូន្យ"));
            return false;
        }
        true
    }
}
