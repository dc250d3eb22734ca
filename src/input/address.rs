//! Addresses as written: free text in both languages, or a house and street in a place of the gazetteer.
//! (Finding an address's place in the gazetteer, and its problems, is `address/lookup.rs`.)
//!
//! ```toml
//! address = { km = "…", en = "…" }                                   # free text
//! address = { house = "12", street = "271", village = "12040601" }   # or commune = "120406"
//! address = { commune = { province = "Phnom Penh", district = "Tuol Kouk", commune = "ទឹកល្អក់ទី៣" } }
//! address = { commune = "120406", en = { commune = "Teuk Laak III" } }
//! ```
//!
//! A structured address is looked up once, when the file is read; the outcome is kept
//! with the address, and validation reports a place that is not found (see
//! [`PlaceAddress::found`]). The printed lines are built from the gazetteer's names,
//! smallest unit first, with each language's unit words.

use crate::input::diagnostic::Words;
use crate::locale::{Lang, Text};
use crate::places::gazetteer::{Level, Place, gazetteer};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An address: free text in both languages, or a place of the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Address {
    /// `{ km = "…", en = "…" }`, printed as written.
    Free(Text),
    /// `{ house, street, village | commune, en }`, printed from the gazetteer.
    Place(Box<PlaceAddress>),
}

/// A structured address: an optional house and street in a village or a commune.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct PlaceAddress {
    /// The house number (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub house: Option<String>,
    /// The street, its number or name (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    /// The village: an 8-digit code or a name path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub village: Option<PlaceRef>,
    /// The commune or sangkat: a 6-digit code or a name path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune: Option<PlaceRef>,
    /// Latin names printed instead of the gazetteer's (optional).
    #[serde(default, skip_serializing_if = "EnNames::is_empty")]
    pub en: EnNames,
    /// The code of the smallest place found, or why none was found.
    #[serde(skip, default = "not_looked_up")]
    pub found: Result<String, Vec<Problem>>,
}

fn not_looked_up() -> Result<String, Vec<Problem>> {
    Err(Vec::new())
}

/// A place of the gazetteer: its code, or its names from the province down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum PlaceRef {
    /// A gazetteer code: 6 digits for a commune, 8 for a village.
    Code(String),
    /// Names, in either script, from the province down.
    Path(NamePath),
}

impl<'de> Deserialize<'de> for PlaceRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match toml::Value::deserialize(deserializer)? {
            toml::Value::String(code) => Ok(PlaceRef::Code(code)),
            toml::Value::Integer(n) => Err(D::Error::custom(format!(
                "write the code as text, in quotes: \"{n:0>6}\" (codes may start with 0)"
            ))),
            toml::Value::Table(t) => toml::Value::Table(t)
                .try_into()
                .map(PlaceRef::Path)
                .map_err(|e: toml::de::Error| D::Error::custom(e.message())),
            other => Err(D::Error::custom(format!(
                "expected a gazetteer code such as \"120406\" or a name path such as \
                 {{ province = \"Phnom Penh\", district = \"Tuol Kouk\", commune = \"ទឹកល្អក់ទី៣\" }}, found a {}",
                other.type_str()
            ))),
        }
    }
}

/// A place named from the province down: `{ province, district, commune, village }`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct NamePath {
    /// The province or the capital.
    pub province: String,
    /// The district, khan or municipality.
    pub district: String,
    /// The commune or sangkat.
    pub commune: String,
    /// The village (for `village` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub village: Option<String>,
}

/// Latin names that replace the gazetteer's in the English address, where people
/// write a place otherwise ("Teuk Laak III" for "Tuek L'ak Ti Bei").
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct EnNames {
    /// The village's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub village: Option<String>,
    /// The commune's or sangkat's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune: Option<String>,
    /// The district's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// The province's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
}

impl EnNames {
    fn is_empty(&self) -> bool {
        self == &EnNames::default()
    }

    /// The name given for a place of `level`.
    fn get(&self, level: Level) -> Option<&str> {
        match level {
            Level::Village => self.village.as_deref(),
            Level::Commune => self.commune.as_deref(),
            Level::District => self.district.as_deref(),
            Level::Province => self.province.as_deref(),
        }
    }
}

/// Why a structured address names no place: where inside the address, what, and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The keys inside the address (`["village"]`, `["commune", "district"]`).
    pub at: Vec<String>,
    /// What is wrong.
    pub message: Words,
    /// What would be valid.
    pub hint: Option<Words>,
}

impl Problem {
    fn new(at: &[&str], message: impl Into<Words>, hint: Option<Words>) -> Problem {
        Problem {
            at: at.iter().map(|k| (*k).to_owned()).collect(),
            message: message.into(),
            hint,
        }
    }
}

/// The keys of a structured address; one of them makes a table one.
const PLACE_KEYS: [&str; 5] = ["house", "street", "village", "commune", "en"];

impl<'de> Deserialize<'de> for Address {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let table = toml::Table::deserialize(deserializer)?;
        let structured = table
            .keys()
            .any(|k| PLACE_KEYS.contains(&k.as_str()) && k != "en");
        if structured {
            if let Some(key) = table.keys().find(|k| k.as_str() == "km") {
                return Err(D::Error::custom(format!(
                    "`{key}` is for a free-text address; a structured address prints its \
                     Khmer from the gazetteer (remove `{key}`, or write the address as \
                     {{ km = \"…\", en = \"…\" }} only)"
                )));
            }
            let mut place: PlaceAddress = toml::Value::Table(table)
                .try_into()
                .map_err(|e: toml::de::Error| D::Error::custom(e.message()))?;
            place.found = place.look_up();
            return Ok(Address::Place(Box::new(place)));
        }
        if table.is_empty() {
            return Err(D::Error::custom(
                "an address is { km = \"…\", en = \"…\" } or { house = \"…\", street = \"…\", \
                 village = \"CODE\" } (or commune = \"CODE\"); find codes with `dfr places`",
            ));
        }
        toml::Value::Table(table)
            .try_into()
            .map(Address::Free)
            .map_err(|e: toml::de::Error| D::Error::custom(e.message()))
    }
}

impl schemars::JsonSchema for Address {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Address".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Free text in both languages, or a place of the gazetteer.",
            "oneOf": [generator.subschema_for::<Text>(), generator.subschema_for::<PlaceAddress>()]
        })
    }
}

impl Serialize for Address {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Address::Free(text) => text.serialize(serializer),
            Address::Place(place) => place.serialize(serializer),
        }
    }
}

impl Address {
    /// The places the address is in, smallest first (village … province); none for a
    /// free-text address or a place not found.
    pub fn places(&self) -> Vec<&'static Place> {
        match self {
            Address::Place(place) => match &place.found {
                Ok(code) => gazetteer().chain(code),
                Err(_) => Vec::new(),
            },
            Address::Free(_) => Vec::new(),
        }
    }

    /// The place of `level` the address is in, if it is structured.
    pub fn place(&self, level: Level) -> Option<&'static Place> {
        self.places().into_iter().find(|p| p.level() == level)
    }

    /// The Latin name printed for `place`: the `en` override or the gazetteer's, with
    /// its unit word.
    pub fn latin(&self, place: &Place) -> String {
        match self {
            Address::Place(a) => a.latin(place),
            Address::Free(_) => place.latin(),
        }
    }

    /// `place`'s name with its unit word in both languages, as this address prints it.
    pub fn named(&self, place: &Place) -> Text {
        Text {
            km: place.khmer(),
            en: self.latin(place),
        }
    }
}

impl PlaceAddress {
    /// The names of the address's places in one language, with their unit words,
    /// smallest first (village up to province); none when the place was not found.
    pub fn place_names(&self, lang: Lang) -> Vec<String> {
        let places = match &self.found {
            Ok(code) => gazetteer().chain(code),
            Err(_) => Vec::new(),
        };
        places
            .into_iter()
            .map(|place| match lang {
                Lang::Km => place.khmer(),
                Lang::En => self.latin(place),
            })
            .collect()
    }

    /// The Latin name printed for `place`: the `en` override or the gazetteer's.
    fn latin(&self, place: &Place) -> String {
        match self.en.get(place.level()) {
            Some(name) => place.latin_named(name),
            None => place.latin(),
        }
    }
}

mod lookup;

pub(crate) use lookup::unit_words_km;
