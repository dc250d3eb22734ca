//! Khmer and English formatting of numbers, dates and money, with no I/O.
//!
//! Each part is a small module of pure functions; the wording templates reach
//! them through Handlebars helpers (the wording stage).

pub mod date;
pub(crate) mod digits;
pub mod fonts;
pub(crate) mod lunar;
pub(crate) mod money;
pub mod script;
pub(crate) mod words;

pub use date::{Date, format_date, format_year};
pub use digits::{digits_in, group_thousands, to_ascii_digits, to_khmer_digits};
pub use lunar::{LunarDate, OutOfRange, lunar_date};
pub use money::{Currency, Money, format_figures, format_money, money_words, parse_amount};
pub use words::{english_words, khmer_words};

/// A language of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lang {
    /// Khmer, the language that prevails.
    Km,
    /// English.
    En,
}

impl Lang {
    /// Parses `km` or `en`.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "km" => Some(Lang::Km),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's code: `km` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Km => "km",
            Lang::En => "en",
        }
    }
}

/// A text given in both languages: `{ km = "…", en = "…" }`.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// The Khmer text.
    pub km: String,
    /// The English text.
    pub en: String,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Km => &self.km,
            Lang::En => &self.en,
        }
    }
}
