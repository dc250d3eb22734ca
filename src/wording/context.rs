//! What the wording templates see: the declaration with computed values added, as typed structs.
//!
//! The wording templates get raw values (ISO dates, integers) and format them with
//! helpers; the Typst layout gets the layout model (`layout/model.rs`), whose table
//! cells are already written in each language. The field lines below are the reference
//! of what a wording template may use (generated into `templates/README.md`); they are
//! filled in by `context/build.rs`.

use crate::input::authority::LocalAuthority;
use crate::input::model::{AssetKind, ChildKind, IdKind, OnDeath, Owner, Separation, Sex, Text};
use crate::options::Languages;
use schemars::JsonSchema;
use serde::Serialize;

mod build;

pub use build::{context, printed, wording_context};

/// The Handlebars context of the wording templates (plus `labels`, the rendered labels,
/// in the clauses).
///
/// Every optional key is present (as `null` when absent), so that strict mode only
/// rejects names that do not exist in the format.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct WordingContext {
    /// The printed languages.
    pub print: Languages,
    /// A redacted copy: `date_of_birth` and `phone` are `null` (`year_of_birth` stays),
    /// numbers keep their last three characters, addresses are reduced to their province.
    pub redacted: bool,
    /// The `[declaration]` table.
    pub declaration: DeclarationContext,
    /// The two partners.
    pub partners: Vec<PartnerContext>,
    /// Since when and where the partners live together.
    pub relationship: RelationshipContext,
    /// The children.
    pub children: Vec<ChildContext>,
    /// The property.
    pub assets: Vec<AssetContext>,
    /// Whether any asset is owned jointly.
    pub has_joint_assets: bool,
    /// Whether any asset is owned by one partner alone.
    pub has_own_assets: bool,
    /// Whether any child is a minor on the declaration date.
    pub has_minor_children: bool,
    /// Whether any joint asset is co-owned (joint, and not land held for its value).
    pub has_co_owned_assets: bool,
    /// Whether any joint land or building is held for its value by a partner who is
    /// not Khmer (see `assets[].value_claim`).
    pub has_value_claims: bool,
    /// Who translated the declaration for a partner, if anyone did.
    pub interpreter: Option<InterpreterContext>,
    /// The partners' choices.
    pub terms: TermsContext,
    /// The witnesses.
    pub witnesses: Vec<WitnessContext>,
    /// The local authority, as given or taken from the shared home's commune.
    pub authority: LocalAuthority,
    /// In a kit's document made for each partner: the partner it is for; in one made
    /// for each minor child: the child's legal parent (`null` otherwise).
    pub holder: Option<PartnerContext>,
    /// In a kit's document made for each partner or minor child: the other partner
    /// (`null` otherwise).
    pub other: Option<PartnerContext>,
    /// In a kit's document made for each minor child: the child it is for (`null` otherwise).
    pub child: Option<ChildContext>,
    /// In a kit's document: the document ID of the contract (its final copy in both
    /// languages), which the document refers to; `null` in the contract.
    pub contract_id: Option<String>,
}

/// The `[declaration]` table.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DeclarationContext {
    /// The organisation's reference.
    pub reference: String,
    /// The date of signing, ISO (`2026-11-21`): format it with `{{date … "km"}}`.
    pub date: String,
    /// Where the declaration is made.
    pub place: Text,
    /// The number of original copies.
    pub copies: i64,
    /// The copies beyond the four that the partners, the office and the organisation keep.
    pub extra_copies: i64,
    /// Whether the commune or sangkat office keeps an original (3 copies or more).
    pub office_keeps_copy: bool,
    /// Whether the organisation keeps an original (4 copies or more).
    pub organisation_keeps_copy: bool,
}

/// Who a partner, a child or a witness is: name, sex and birth.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PersonContext {
    /// The name.
    pub name: Text,
    /// `female` or `male`.
    pub sex: Sex,
    /// ISO date of birth; `null` in a redacted copy.
    pub date_of_birth: Option<String>,
    /// The year of birth.
    pub year_of_birth: i32,
    /// The age on the declaration date.
    pub age: i32,
}

/// A partner.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PartnerContext {
    /// 1 or 2.
    pub number: usize,
    /// The other partner's number.
    pub other: usize,
    /// The name, sex and birth.
    #[serde(flatten)]
    pub person: PersonContext,
    /// The place of birth.
    pub place_of_birth: Text,
    /// The nationality.
    pub nationality: Text,
    /// Whether the partner may own land: the nationality is Khmer (or not given yet).
    pub khmer: bool,
    /// The identity document.
    pub id_document: IdContext,
    /// The occupation.
    pub occupation: Text,
    /// The address as printed (the province only in a redacted copy).
    pub address: Text,
    /// The phone number; `null` when not given or in a redacted copy.
    pub phone: Option<String>,
    /// The partner as an asset's `owner`: `partner-1` or `partner-2`.
    pub owner: String,
    /// Whether the partner is the legal parent of a child who is a minor (and so can
    /// appoint a guardian by will).
    pub legal_parent_of_minors: bool,
}

/// An identity document.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct IdContext {
    /// `national-id` or `passport`.
    pub kind: IdKind,
    /// The number (its last three characters in a redacted copy).
    pub number: String,
    /// A passport's issuing state.
    pub issued_by: Option<Text>,
}

/// The `[relationship]` table.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RelationshipContext {
    /// ISO date since which the partners live together.
    pub since: String,
    /// Whole years from then to the declaration date.
    pub years: i32,
    /// The shared home as printed (the province only in a redacted copy).
    pub home: Text,
}

/// A child.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChildContext {
    /// 1, 2, … in the schedule.
    pub number: usize,
    /// The name, sex and birth.
    #[serde(flatten)]
    pub person: PersonContext,
    /// `biological` or `adopted`.
    pub kind: ChildKind,
    /// Under 18 on the declaration date.
    pub minor: bool,
    /// The partner on the birth certificate or adoption order: 1 or 2.
    pub legal_parent: i64,
    /// The other partner.
    pub co_parent: i64,
    /// The birth certificate number (its last three characters when redacted).
    pub birth_certificate: Option<String>,
    /// An adopted child's adoption order (its number's last three characters when
    /// redacted).
    pub adoption_order: Option<AdoptionOrderContext>,
    /// For an adult child: whether the other partner shared in raising them; `null` when
    /// not said.
    pub raised_by_co_parent: Option<bool>,
}

/// A court's adoption order.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AdoptionOrderContext {
    /// The order's number.
    pub number: String,
    /// The court that made it.
    pub court: Text,
}

/// The interpreter.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InterpreterContext {
    /// The interpreter's name.
    pub name: Text,
    /// The language the declaration was translated into.
    pub language: Text,
    /// The partner it was translated for: 1 or 2.
    pub for_partner: i64,
}

/// An asset.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AssetContext {
    /// 1, 2, … in the schedule.
    pub number: usize,
    /// `land`, `building`, `vehicle`, `bank-account`, `business`, `household` or `other`.
    pub kind: AssetKind,
    /// Land or a building.
    pub immovable: bool,
    /// The description.
    pub description: Text,
    /// The title, plate or account number.
    pub registration: Option<String>,
    /// `joint`, `partner-1` or `partner-2`.
    pub owner: Owner,
    /// A joint asset's shares: percent of partner 1 and partner 2.
    pub shares: Option<Vec<i64>>,
    /// Land or a building: the kind of title and in whose name it is registered.
    pub title: Option<crate::input::model::LandTitle>,
    /// Joint land or a building that one partner may not own: who owns it, who has a
    /// claim to the value of a share, and that share.
    pub value_claim: Option<crate::input::law::ValueClaim>,
    /// The value: format it with `{{money value "km"}}`.
    pub value: Option<crate::input::model::AssetValue>,
}

/// The `[terms]` table.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TermsContext {
    /// `by-shares` or `equal`.
    pub separation: Separation,
    /// Whether joint property is divided in equal halves.
    pub equal: bool,
    /// `to-surviving-partner` or `to-children`.
    pub on_death: OnDeath,
    /// Whether each may decide for the other in a medical emergency.
    pub medical_decisions: bool,
}

/// A witness.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct WitnessContext {
    /// 1, 2, ….
    pub number: usize,
    /// The name, sex and birth.
    #[serde(flatten)]
    pub person: PersonContext,
    /// The identity document.
    pub id_document: IdContext,
    /// The address as printed (the province only in a redacted copy).
    pub address: Text,
}
