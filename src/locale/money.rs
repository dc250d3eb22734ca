//! Amounts of money in figures, Khmer and English style.
//!
//! Amounts in words are added by the number-words module; the money cell's
//! shape (`figures (words)`) is fixed here so that words slot in.

use super::Lang;
use super::digits::{group_thousands, to_khmer_digits};
use serde::{Deserialize, Serialize};

/// A currency accepted in the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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

    /// The currency's name in Khmer legal text.
    fn khmer_name(self) -> &'static str {
        match self {
            Currency::Usd => "ដុល្លារអាមេរិក",
            Currency::Khr => "រៀល",
        }
    }
}

/// An amount in whole units of a currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    /// Whole units (dollars or riels).
    pub amount: u64,
    /// The currency.
    pub currency: Currency,
}

/// Writes `money` in figures: `១.៥០០.០០០ រៀល` in Khmer, `KHR 1,500,000` in English.
pub fn format_money(money: Money, lang: Lang) -> String {
    match lang {
        Lang::Km => format!(
            "{} {}",
            to_khmer_digits(&group_thousands(money.amount, '.')),
            money.currency.khmer_name()
        ),
        Lang::En => format!(
            "{} {}",
            money.currency.code(),
            group_thousands(money.amount, ',')
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_style_figures() {
        let riels = Money {
            amount: 1_500_000,
            currency: Currency::Khr,
        };
        assert_eq!(format_money(riels, Lang::Km), "១.៥០០.០០០ រៀល");
        assert_eq!(format_money(riels, Lang::En), "KHR 1,500,000");
        let dollars = Money {
            amount: 45_000,
            currency: Currency::Usd,
        };
        assert_eq!(format_money(dollars, Lang::Km), "៤៥.០០០ ដុល្លារអាមេរិក");
        assert_eq!(format_money(dollars, Lang::En), "USD 45,000");
    }
}
