//! The `[[assets]]` table as Rust types: one entry of the property schedule, its kind,
//! title, owner and value.

use super::{Amount, Text};
use crate::locale::Currency;
use serde::{Deserialize, Serialize};

/// One entry of the property schedule.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Asset {
    /// What kind of property; decides immovable or movable.
    pub kind: AssetKind,
    /// Description.
    pub description: Text,
    /// Title, plate or account number (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration: Option<String>,
    /// Land and buildings: the kind of title and in whose name it is registered
    /// (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<LandTitle>,
    /// Who owns it.
    pub owner: Owner,
    /// Percent of partner 1 and partner 2; joint assets only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shares: Option<Vec<i64>>,
    /// Value (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<AssetValue>,
}

/// The kind of an asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AssetKind {
    /// Land (immovable).
    Land,
    /// A building (immovable).
    Building,
    /// A vehicle (movable).
    Vehicle,
    /// A bank account (movable).
    BankAccount,
    /// A business (movable).
    Business,
    /// Household goods (movable).
    Household,
    /// Anything else (movable).
    Other,
}

impl AssetKind {
    /// Land and buildings are immovables (Civil Code art. 120); all else is movable.
    pub fn is_immovable(self) -> bool {
        matches!(self, AssetKind::Land | AssetKind::Building)
    }
}

/// The title of land or a building.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct LandTitle {
    /// A hard or a soft title.
    pub kind: TitleKind,
    /// In whose name it is registered.
    pub in_name_of: TitleHolder,
}

/// The kind of a land title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TitleKind {
    /// A certificate of ownership registered with the cadastre (ប្លង់រឹង).
    Hard,
    /// A possession certificate from the commune or district (ប្លង់ទន់).
    Soft,
}

/// In whose name a title is registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TitleHolder {
    /// Partner 1 alone.
    #[serde(rename = "partner-1")]
    Partner1,
    /// Partner 2 alone.
    #[serde(rename = "partner-2")]
    Partner2,
    /// Both partners.
    Both,
}

/// Who owns an asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Owner {
    /// Both partners, by the stated shares.
    Joint,
    /// Partner 1 alone.
    #[serde(rename = "partner-1")]
    Partner1,
    /// Partner 2 alone.
    #[serde(rename = "partner-2")]
    Partner2,
}

/// An asset's value as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct AssetValue {
    /// The amount: whole units, or units and cents (`12.50`).
    #[schemars(with = "f64")]
    pub amount: Amount,
    /// `USD` or `KHR`.
    pub currency: Currency,
}
