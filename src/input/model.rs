//! The input format as Rust types: what `serde` reads from a declaration's TOML.
//! (One type per table, in the format's order, so it reads as the format does; the
//! `[[assets]]` table's types are `model/assets.rs`.)
//!
//! Types here check what a single value can check (its type, its enum names, that a
//! date exists); rules that relate several values live in `crate::input::validate`.

use crate::input::address::Address;
pub use crate::locale::Text;
use serde::{Deserialize, Serialize};

mod assets;
mod values;

pub use assets::{Asset, AssetKind, AssetValue, LandTitle, Owner, TitleHolder, TitleKind};
pub use values::{Amount, TomlDate};

/// A whole declaration file, as written.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Input {
    /// Reference, date, place and copies.
    pub declaration: Particulars,
    /// The two partners, partner 1 first.
    pub partners: Vec<Partner>,
    /// Who translated the declaration for a partner who does not read Khmer (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interpreter: Option<Interpreter>,
    /// Since when and where the partners live together.
    pub relationship: Relationship,
    /// The children, biological or adopted (optional).
    #[serde(default)]
    pub children: Vec<Child>,
    /// The property schedule (optional).
    #[serde(default)]
    pub assets: Vec<Asset>,
    /// The partners' choices for separation, death and medical decisions (optional).
    #[serde(default)]
    pub terms: Terms,
    /// The witnesses (optional: blank witness blocks are printed when absent).
    #[serde(default)]
    pub witnesses: Vec<Witness>,
    /// The local authority that receives and certifies the declaration.
    pub authority: Authority,
}

/// The `[declaration]` table.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Particulars {
    /// The organisation's own reference.
    pub reference: String,
    /// The date of signing.
    pub date: TomlDate,
    /// Where the declaration is made.
    pub place: Text,
    /// How many original copies are made.
    pub copies: i64,
}

/// Sex as written on the ID document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Sex {
    /// Female (ស្រី).
    Female,
    /// Male (ប្រុស).
    Male,
}

/// One of the two partners.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Partner {
    /// Full name; Latin form with the family name in capitals.
    pub name: Text,
    /// Sex as on the ID document.
    pub sex: Sex,
    /// Date of birth.
    pub date_of_birth: TomlDate,
    /// Place of birth.
    pub place_of_birth: Text,
    /// Nationality.
    pub nationality: Text,
    /// The identity document.
    pub id_document: IdDocument,
    /// Occupation.
    pub occupation: Text,
    /// Address, smallest unit first: free text or a place of the gazetteer.
    pub address: Address,
    /// Phone number (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

impl Partner {
    /// Whether the partner's nationality is Khmer (Cambodian), as written in either
    /// language: only a Khmer person may own land (Constitution art. 44).
    pub fn is_khmer(&self) -> bool {
        let en = self.nationality.en.trim().to_lowercase();
        let km = self.nationality.km.trim();
        matches!(en.as_str(), "cambodian" | "khmer")
            || (en.is_empty() && (km.contains("ខ្មែរ") || km.contains("កម្ពុជា")))
            || km == "ខ្មែរ"
            || km == "កម្ពុជា"
    }

    /// Whether a nationality is given and it is not Khmer (an empty one, not filled in
    /// yet, is neither).
    pub fn is_foreign(&self) -> bool {
        let given =
            !self.nationality.en.trim().is_empty() || !self.nationality.km.trim().is_empty();
        given && !self.is_khmer()
    }
}

/// An identity document: kind and number.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct IdDocument {
    /// National ID card or passport.
    pub kind: IdKind,
    /// The document number as printed.
    pub number: String,
    /// The state that issued a passport (optional; a passport should name it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_by: Option<Text>,
}

/// The kind of identity document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum IdKind {
    /// Cambodian national ID card (អត្តសញ្ញាណប័ណ្ណ).
    NationalId,
    /// Passport (លិខិតឆ្លងដែន).
    Passport,
}

/// The `[relationship]` table.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Relationship {
    /// Living together as a family since this date.
    pub since: TomlDate,
    /// The shared home: free text or a place of the gazetteer.
    pub home: Address,
}

/// A child of the family.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Child {
    /// Full name.
    pub name: Text,
    /// Sex.
    pub sex: Sex,
    /// Date of birth.
    pub date_of_birth: TomlDate,
    /// Biological or adopted.
    pub kind: ChildKind,
    /// The partner on the birth certificate or adoption order: 1 or 2.
    pub legal_parent: i64,
    /// Birth certificate number (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_certificate: Option<String>,
    /// An adopted child's adoption order: its number and court (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adoption_order: Option<AdoptionOrder>,
    /// For an adult child: whether the co-parent shared in raising them (optional;
    /// when absent the contract says nothing about it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raised_by_co_parent: Option<bool>,
}

/// A court's adoption order.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct AdoptionOrder {
    /// The order's number as printed.
    pub number: String,
    /// The court that made it.
    pub court: Text,
}

/// How a child joined the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ChildKind {
    /// Biological child (កូនបង្កើត).
    Biological,
    /// Adopted child (កូនចិញ្ចឹម).
    Adopted,
}

/// The `[terms]` table; every key has a default.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Terms {
    /// How joint assets are divided on separation.
    #[serde(default)]
    pub separation: Separation,
    /// The partners' wish for a deceased partner's share.
    #[serde(default)]
    pub on_death: OnDeath,
    /// Whether each may decide for the other in a medical emergency.
    #[serde(default = "yes")]
    pub medical_decisions: bool,
}

fn yes() -> bool {
    true
}

impl Default for Terms {
    fn default() -> Self {
        Terms {
            separation: Separation::default(),
            on_death: OnDeath::default(),
            medical_decisions: true,
        }
    }
}

/// How joint assets are divided on separation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Separation {
    /// By the shares in the schedule.
    #[default]
    ByShares,
    /// In equal halves: every joint asset is then held 50/50 (other shares are refused).
    Equal,
}

/// The partners' wish for a deceased partner's share of the property.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum OnDeath {
    /// The share passes to the surviving partner.
    #[default]
    ToSurvivingPartner,
    /// The share passes to the children, in equal parts.
    ToChildren,
}

/// A witness.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Witness {
    /// Full name.
    pub name: Text,
    /// Sex.
    pub sex: Sex,
    /// Date of birth.
    pub date_of_birth: TomlDate,
    /// The identity document.
    pub id_document: IdDocument,
    /// Address: free text or a place of the gazetteer.
    pub address: Address,
}

/// The `[authority]` table: the local authority that certifies the declaration.
///
/// When the shared home is a place of the gazetteer, the commune, district, province,
/// kind and village may be left out: they are those of the home (see
/// [`Input::authority`]).
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Authority {
    /// Commune (rural, ឃុំ) or sangkat (urban, សង្កាត់).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<AuthorityKind>,
    /// The commune's or sangkat's bare name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune: Option<Text>,
    /// The district, khan or municipality, with its unit word.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<Text>,
    /// The province or the capital, with its unit word.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<Text>,
    /// The village, with its unit word (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub village: Option<Text>,
    /// The commune or sangkat chief's name (optional: a blank line is printed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chief: Option<Text>,
    /// The village chief's name (optional: a blank line is printed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub village_chief: Option<Text>,
}

/// The `[interpreter]` table: who translated the declaration for a partner.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Interpreter {
    /// The interpreter's full name.
    pub name: Text,
    /// The language the declaration was translated into.
    pub language: Text,
    /// The partner it was translated for: 1 or 2.
    pub for_partner: i64,
}

/// A commune or a sangkat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AuthorityKind {
    /// A rural commune (ឃុំ), led by a commune chief (មេឃុំ).
    Commune,
    /// An urban sangkat (សង្កាត់), led by a sangkat chief (ចៅសង្កាត់).
    Sangkat,
}
