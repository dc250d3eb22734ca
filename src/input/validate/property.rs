//! The rules of the property: each asset, its value, its owner and its shares.

use super::{Validator, kh};
use crate::input::diagnostic::KeyPath;
use crate::input::model::{Input, Owner};

impl Validator {
    pub(super) fn assets(&mut self, input: &Input) {
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

    pub(super) fn shares(&mut self, at: &KeyPath, shares: &[i64]) {
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
}

/// Shares as a Khmer message writes them: `៦០ / ៤០`.
pub(super) fn kh_shares(shares: &[i64]) -> String {
    shares.iter().map(kh).collect::<Vec<_>>().join(" / ")
}

/// An amount in cents as written: `-5`, `12.5`.
pub(super) fn format_cents(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let (whole, part) = (cents.unsigned_abs() / 100, cents.unsigned_abs() % 100);
    match part {
        0 => format!("{sign}{whole}"),
        p if p % 10 == 0 => format!("{sign}{whole}.{}", p / 10),
        p => format!("{sign}{whole}.{p:02}"),
    }
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
}
