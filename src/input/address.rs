//! Addresses as written: free text in both languages, or a house and street in a place of the gazetteer.
//! (The written forms, their lookup and their problems together: each problem names the key it is found at.)
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
use crate::locale::{Lang, Text, digits_in};
use crate::places::gazetteer::{Level, Place, Unresolved, gazetteer};
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

    /// Finds the place: the village, or the commune, checking that they agree when
    /// both are given.
    fn look_up(&self) -> Result<String, Vec<Problem>> {
        let village = self.village.as_ref().map(|r| find(r, Level::Village));
        let commune = self.commune.as_ref().map(|r| find(r, Level::Commune));
        let mut problems = Vec::new();
        for found in [&village, &commune].into_iter().flatten() {
            if let Err(p) = found {
                problems.push(p.clone());
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        match (village, commune) {
            (Some(Ok(v)), Some(Ok(c))) if !v.code.starts_with(&c.code) => Err(vec![Problem::new(
                &["village"],
                (
                    format!(
                        "village {} ({}) is in {}, not in {} ({}) given as `commune`",
                        v.latin(),
                        v.code,
                        gazetteer().get(&v.code[..6]).map(|p| p.latin()).unwrap_or_default(),
                        c.latin(),
                        c.code
                    ),
                    format!(
                        "{} ({}) នៅក្នុង{} មិនមែនក្នុង{} ({}) ដែលបានផ្ដល់ជាឃុំ ឬសង្កាត់ទេ",
                        v.khmer(),
                        v.code,
                        gazetteer().get(&v.code[..6]).map(|p| p.khmer()).unwrap_or_default(),
                        c.khmer(),
                        c.code
                    ),
                ),
                Some(("give the village alone (its code names its commune), or correct one of the two", "សូមផ្ដល់តែភូមិ (លេខកូដរបស់វាបញ្ជាក់ឃុំ ឬសង្កាត់ហើយ) ឬកែមួយក្នុងចំណោមទាំងពីរ").into()),
            )]),
            (Some(Ok(v)), _) => Ok(v.code.clone()),
            (None, Some(Ok(c))) => Ok(c.code.clone()),
            _ => Err(vec![Problem::new(
                &[],
                (
                    "a structured address needs `village` or `commune`",
                    "អាសយដ្ឋានតាមបញ្ជីឈ្មោះទីកន្លែង ត្រូវមានភូមិ ឬឃុំ/សង្កាត់",
                ),
                Some(("add village = \"CODE\" or commune = \"CODE\"; find codes with `dfr places NAME`", "សូមជ្រើសខេត្ត ស្រុក ឃុំ និងភូមិ ឬស្វែងរកតាមឈ្មោះ").into()),
            )]),
        }
    }
}

/// The unit words of a name path's key in Khmer, for a Khmer message: `ខេត្ត ឬរាជធានី`
/// for `province`.
pub(crate) fn unit_words_km(key: &str) -> &'static str {
    match key {
        "province" => "ខេត្ត ឬរាជធានី",
        "district" => "ស្រុក ខណ្ឌ ឬក្រុង",
        "commune" => "ឃុំ ឬសង្កាត់",
        _ => "ភូមិ",
    }
}

/// The place a reference names, which must be of `level`.
fn find(reference: &PlaceRef, level: Level) -> Result<&'static Place, Problem> {
    let key = match level {
        Level::Village => "village",
        _ => "commune",
    };
    let digits = if level == Level::Village { 8 } else { 6 };
    match reference {
        PlaceRef::Code(code) => {
            let code = code.trim();
            if code.len() != digits || !code.chars().all(|c| c.is_ascii_digit()) {
                return Err(Problem::new(
                    &[key],
                    (
                        format!("`{code}` is not a {key} code: a {key} code has {digits} digits"),
                        format!(
                            "«{code}» មិនមែនជាលេខកូដ{}ទេ៖ លេខកូដ{} មាន {} ខ្ទង់",
                            unit_words_km(key),
                            unit_words_km(key),
                            digits_in(&digits.to_string(), Lang::Km)
                        ),
                    ),
                    Some(
                        (
                            format!(
                                "or name it from the province down: {key} = {{ province = \"…\", district = \"…\", commune = \"…\"{} }}; find codes with `dfr places NAME`",
                                if level == Level::Village {
                                    ", village = \"…\""
                                } else {
                                    ""
                                }
                            ),
                            "ឬជ្រើសពីខេត្តចុះមក ឬស្វែងរកតាមឈ្មោះ".to_owned(),
                        )
                            .into(),
                    ),
                ));
            }
            gazetteer().get(code).ok_or_else(|| {
                // The smallest place whose code the given one starts with.
                let parent = (1..digits / 2)
                    .rev()
                    .find_map(|n| gazetteer().get(&code[..n * 2]));
                Problem::new(
                    &[key],
                    (
                        format!("no {key} has the code {code} in the gazetteer"),
                        format!("គ្មាន{}ណាមានលេខកូដ {code} ក្នុងបញ្ជីឈ្មោះទីកន្លែងទេ", unit_words_km(key)),
                    ),
                    Some(match parent {
                        Some(p) => (
                            format!(
                                "{} ({}) is a {}; see its places with `dfr places {}`",
                                p.latin(),
                                p.code,
                                p.unit_en.to_lowercase(),
                                p.code
                            ),
                            format!("{} ({}) មិនមែនជា{}ទេ", p.khmer(), p.code, unit_words_km(key)),
                        )
                            .into(),
                        None => {
                            ("find codes with `dfr places NAME`", "ស្វែងរកលេខកូដតាមឈ្មោះទីកន្លែង").into()
                        }
                    }),
                )
            })
        }
        PlaceRef::Path(path) => {
            let mut names = vec![
                ("province", path.province.as_str()),
                ("district", path.district.as_str()),
                ("commune", path.commune.as_str()),
            ];
            match (&path.village, level) {
                (Some(v), Level::Village) => names.push(("village", v.as_str())),
                (None, Level::Village) => {
                    return Err(Problem::new(
                        &[key],
                        ("the village's name is missing", "មិនទាន់មានឈ្មោះភូមិ"),
                        Some(
                            (
                                "add village = \"…\" to the name path, or give the commune as `commune`",
                                "សូមបញ្ចូលឈ្មោះភូមិ ឬផ្ដល់តែឃុំ ឬសង្កាត់",
                            )
                                .into(),
                        ),
                    ));
                }
                (Some(_), _) => {
                    return Err(Problem::new(
                        &[key, "village"],
                        (
                            "a commune's name path ends at the commune",
                            "ឈ្មោះផ្លូវរបស់ឃុំ ឬសង្កាត់ បញ្ចប់ត្រឹមឃុំ ឬសង្កាត់",
                        ),
                        Some(
                            (
                                "give the village as `village` instead of `commune`",
                                "សូមផ្ដល់ភូមិជាភូមិ មិនមែនជាឃុំ ឬសង្កាត់ទេ",
                            )
                                .into(),
                        ),
                    ));
                }
                (None, _) => {}
            }
            let only: Vec<&str> = names.iter().map(|(_, n)| *n).collect();
            gazetteer()
                .resolve(&only)
                .map_err(|unresolved| match unresolved {
                    Unresolved::NotFound { name, closest } => {
                        let step = only.iter().position(|n| *n == name).unwrap_or(0);
                        let parent = (step > 0)
                            .then(|| gazetteer().resolve(&only[..step]).ok())
                            .flatten();
                        let above = parent.map_or("Cambodia".to_owned(), |p| p.latin());
                        let above_km = parent.map_or("ប្រទេសកម្ពុជា".to_owned(), |p| p.khmer());
                        let hint = closest
                            .iter()
                            .map(|(code, latin, km)| format!("{latin} / {km} ({code})"))
                            .collect::<Vec<_>>()
                            .join(", ");
                        Problem::new(
                            &[key, names[step].0],
                            (
                                format!("no {} named `{name}` in {above}", names[step].0),
                                format!(
                                    "គ្មាន{}ឈ្មោះ «{name}» នៅក្នុង{above_km}ទេ",
                                    unit_words_km(names[step].0)
                                ),
                            ),
                            (!hint.is_empty()).then(|| {
                                (
                                    format!("the closest official names: {hint}"),
                                    format!("ឈ្មោះផ្លូវការដែលជិតបំផុត៖ {hint}"),
                                )
                                    .into()
                            }),
                        )
                    }
                    Unresolved::Ambiguous { name, codes } => {
                        let step = only.iter().position(|n| *n == name).unwrap_or(0);
                        let listed = codes
                            .iter()
                            .filter_map(|c| gazetteer().get(c))
                            .map(|p| format!("{} / {} ({})", p.latin(), p.khmer(), p.code))
                            .collect::<Vec<_>>()
                            .join(", ");
                        Problem::new(
                            &[key, names[step].0],
                            (
                                format!("`{name}` names several places: {listed}"),
                                format!("«{name}» ជាឈ្មោះទីកន្លែងច្រើន៖ {listed}"),
                            ),
                            Some(
                                (
                                    format!("give the {key}'s code instead"),
                                    "សូមជ្រើសពីបញ្ជី ឬប្រើលេខកូដជំនួសវិញ".to_owned(),
                                )
                                    .into(),
                            ),
                        )
                    }
                })
        }
    }
}
