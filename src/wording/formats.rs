//! The contexts of the formats of `wording/formats.hbs`: texts put together from parts.
//!
//! Each format is rendered once per language with one of these structs, whose values
//! are already written in that language (Khmer digits in Khmer). Their `///` lines are
//! the reference of what a format may use (generated into `templates/README.md`).

use schemars::JsonSchema;
use serde::Serialize;

/// `heading`: a clause's heading (`ប្រការ ៣៖ កូន`, `Article 3: Children`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct HeadingFormat {
    /// The `article` label.
    pub article: String,
    /// The clause's number.
    pub number: String,
    /// The clause's title.
    pub title: String,
}

/// `address`: a structured address (`ផ្ទះលេខ១២ ផ្លូវ២៧១ សង្កាត់…`, `House 12, Street 271, …`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub(crate) struct AddressFormat {
    /// The house number; `null` when not given.
    pub house: Option<String>,
    /// The street; `null` when not given.
    pub street: Option<String>,
    /// The places with their unit words, smallest first: the village (or commune) up to
    /// the province.
    pub places: Vec<String>,
}

/// `id_line`: a witness's ID document line under the signature (`ID card No. 010987654`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct IdLineFormat {
    /// The `id_number` or the `passport_number` label.
    pub label: String,
    /// The document's number (its last three characters in a redacted copy).
    pub number: String,
}

/// `total`: the total value under the schedule of property.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct TotalFormat {
    /// The `total` label.
    pub label: String,
    /// The `and` label, to join the sums.
    pub and: String,
    /// One sum per currency, US dollars first, written out (`៤៥ ០០០ ដុល្លារ…`).
    pub sums: Vec<String>,
}

/// `withheld`: what a redacted copy prints for an address that names no province.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct WithheldFormat {}
