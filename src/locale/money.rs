//! Amounts of money in legal style: figures, then the amount in words in brackets.

use super::Lang;
use super::digits::{group_thousands, to_khmer_digits};
use super::words::{english_words, khmer_words};
use serde::{Deserialize, Serialize};

/// A currency accepted in the contract.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub enum Currency {
    /// United States dollar.
    #[serde(rename = "USD")]
    Usd,
    /// Cambodian riel.
    #[serde(rename = "KHR")]
    Khr,
}

impl Currency {
    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
            Currency::Khr => "KHR",
        }
    }

    /// Parses `USD` or `KHR`.
    pub fn from_code(code: &str) -> Option<Currency> {
        match code {
            "USD" => Some(Currency::Usd),
            "KHR" => Some(Currency::Khr),
            _ => None,
        }
    }

    /// Whether amounts may have cents (riel amounts have no minor unit in practice).
    pub fn has_cents(self) -> bool {
        self == Currency::Usd
    }

    fn khmer_name(self) -> &'static str {
        match self {
            Currency::Usd => "ដុល្លារអាមេរិក",
            Currency::Khr => "រៀល",
        }
    }

    fn english_name(self, units: u64) -> &'static str {
        match (self, units) {
            (Currency::Usd, 1) => "US dollar",
            (Currency::Usd, _) => "US dollars",
            (Currency::Khr, 1) => "riel",
            (Currency::Khr, _) => "riels",
        }
    }
}

/// An amount of money: whole units and cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    /// Whole units (dollars or riels).
    pub units: u64,
    /// Cents, 0..=99 (always 0 for riels).
    pub cents: u32,
    /// The currency.
    pub currency: Currency,
}

impl Money {
    /// An amount given in cents.
    pub fn from_cents(cents: u64, currency: Currency) -> Money {
        Money {
            units: cents / 100,
            cents: (cents % 100) as u32,
            currency,
        }
    }

    /// The whole amount in cents.
    pub fn total_cents(self) -> u64 {
        self.units * 100 + u64::from(self.cents)
    }
}

/// An amount that `parse_amount` cannot read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct BadAmount(pub String);

/// Reads `1500000` or `12.50` (at most two decimals) as cents.
pub fn parse_amount(text: &str) -> Result<u64, BadAmount> {
    let bad = || {
        BadAmount(format!(
            "`{text}` is not an amount: write digits, with at most two decimals after a `.`, e.g. 1500000 or 12.50"
        ))
    };
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (text.contains('.') && (!digits(fraction) || fraction.len() > 2)) {
        return Err(bad());
    }
    let units: u64 = whole.parse().map_err(|_| bad())?;
    let cents: u64 = format!("{fraction:0<2}").parse().map_err(|_| bad())?;
    units
        .checked_mul(100)
        .and_then(|u| u.checked_add(cents))
        .ok_or_else(bad)
}

/// The amount in figures: `១.៥០០.០០០ រៀល` in Khmer, `KHR 1,500,000` in English.
pub fn format_figures(money: Money, lang: Lang) -> String {
    match lang {
        Lang::Km => {
            let mut figures = group_thousands(money.units, '.');
            if money.cents > 0 {
                figures.push_str(&format!(",{:02}", money.cents));
            }
            format!(
                "{} {}",
                to_khmer_digits(&figures),
                money.currency.khmer_name()
            )
        }
        Lang::En => {
            let mut figures = group_thousands(money.units, ',');
            if money.cents > 0 {
                figures.push_str(&format!(".{:02}", money.cents));
            }
            format!("{} {figures}", money.currency.code())
        }
    }
}

/// The amount in words: `មួយលានប្រាំសែនរៀល`, `forty-five thousand US dollars and fifty cents`.
pub fn money_words(money: Money, lang: Lang) -> String {
    let c = money.cents;
    match lang {
        Lang::Km => {
            let cents = (c > 0).then(|| format!("{}សេន", khmer_words(c.into())));
            match (money.units, cents) {
                (0, Some(cents)) => cents,
                (u, None) => format!("{}{}", khmer_words(u), money.currency.khmer_name()),
                (u, Some(cents)) => {
                    format!("{}{} {cents}", khmer_words(u), money.currency.khmer_name())
                }
            }
        }
        Lang::En => {
            let cents = (c > 0).then(|| {
                format!(
                    "{} cent{}",
                    english_words(c.into()),
                    if c == 1 { "" } else { "s" }
                )
            });
            let units = format!(
                "{} {}",
                english_words(money.units),
                money.currency.english_name(money.units)
            );
            match (money.units, cents) {
                (0, Some(cents)) => cents,
                (_, None) => units,
                (_, Some(cents)) => format!("{units} and {cents}"),
            }
        }
    }
}

/// Legal style, figures then words: `១.៥០០.០០០ រៀល (មួយលានប្រាំសែនរៀល)`,
/// `KHR 1,500,000 (one million five hundred thousand riels)`.
pub fn format_money(money: Money, lang: Lang) -> String {
    format!(
        "{} ({})",
        format_figures(money, lang),
        money_words(money, lang)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(units: u64, cents: u32, currency: Currency) -> Money {
        Money {
            units,
            cents,
            currency,
        }
    }

    #[test]
    fn legal_style_from_the_domain_notes() {
        let riels = m(1_500_000, 0, Currency::Khr);
        assert_eq!(
            format_money(riels, Lang::Km),
            "១.៥០០.០០០ រៀល (មួយលានប្រាំសែនរៀល)"
        );
        assert_eq!(
            format_money(riels, Lang::En),
            "KHR 1,500,000 (one million five hundred thousand riels)"
        );
        let dollars = m(45_000, 0, Currency::Usd);
        assert_eq!(
            format_money(dollars, Lang::Km),
            "៤៥.០០០ ដុល្លារអាមេរិក (បួនម៉ឺនប្រាំពាន់ដុល្លារអាមេរិក)"
        );
        assert_eq!(
            format_money(dollars, Lang::En),
            "USD 45,000 (forty-five thousand US dollars)"
        );
    }

    #[test]
    fn cents_and_singulars() {
        assert_eq!(
            format_money(m(12, 50, Currency::Usd), Lang::En),
            "USD 12.50 (twelve US dollars and fifty cents)"
        );
        assert_eq!(
            format_money(m(12, 50, Currency::Usd), Lang::Km),
            "១២,៥០ ដុល្លារអាមេរិក (ដប់ពីរដុល្លារអាមេរិក ហាសិបសេន)"
        );
        assert_eq!(
            format_money(m(0, 1, Currency::Usd), Lang::En),
            "USD 0.01 (one cent)"
        );
        assert_eq!(
            format_money(m(1, 0, Currency::Usd), Lang::En),
            "USD 1 (one US dollar)"
        );
        assert_eq!(
            format_money(m(1, 0, Currency::Khr), Lang::En),
            "KHR 1 (one riel)"
        );
    }

    #[test]
    fn amounts_parse_to_cents() {
        assert_eq!(parse_amount("1500000"), Ok(150_000_000));
        assert_eq!(parse_amount("12.5"), Ok(1250));
        assert_eq!(parse_amount("12.05"), Ok(1205));
        for bad in [
            "",
            "12.",
            ".5",
            "1.234",
            "-3",
            "1,000",
            "12a",
            "99999999999999999999",
        ] {
            assert!(parse_amount(bad).is_err(), "{bad}");
        }
    }
}
