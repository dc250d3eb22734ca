//! The local authority as printed: as given in `[authority]`, or the commune of the shared home.

use crate::input::address::Address;
use crate::input::model::{AuthorityKind, Input, Text};
use crate::places::gazetteer::{Level, Place};
use serde::Serialize;

/// The commune or sangkat that certifies the declaration, every name in both languages.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LocalAuthority {
    /// Commune (ឃុំ) or sangkat (សង្កាត់).
    pub kind: AuthorityKind,
    /// The commune's or sangkat's bare name.
    pub commune: Text,
    /// The district, khan or municipality, with its unit word.
    pub district: Text,
    /// The province or the capital, with its unit word.
    pub province: Text,
    /// The village, with its unit word.
    pub village: Option<Text>,
    /// The commune or sangkat chief's name.
    pub chief: Option<Text>,
    /// The village chief's name.
    pub village_chief: Option<Text>,
}

/// The kind of authority a commune of the gazetteer has: a sangkat or a commune.
pub(crate) fn kind_of(commune: &Place) -> AuthorityKind {
    match commune.unit_km.as_str() {
        "សង្កាត់" => AuthorityKind::Sangkat,
        _ => AuthorityKind::Commune,
    }
}

impl Input {
    /// The local authority: the `[authority]` table, each key left out taken from the
    /// shared home's commune when the home is a place of the gazetteer (its village
    /// only when the commune is the home's too). A key neither given nor derived is
    /// an empty text; validation reports it.
    pub fn local_authority(&self) -> LocalAuthority {
        let given = &self.authority;
        let home = &self.relationship.home;
        let commune = home.place(Level::Commune);
        let derived = given.commune.is_none() && commune.is_some();
        let from_home = |level: Level| home.place(level).map(|p| home.named(p));
        LocalAuthority {
            kind: given
                .kind
                .or(commune.map(kind_of))
                .unwrap_or(AuthorityKind::Commune),
            commune: given.commune.clone().unwrap_or_else(|| Text {
                km: commune.map(Place::khmer_name).unwrap_or_default(),
                en: match (commune, home) {
                    (Some(c), Address::Place(a)) => {
                        a.en.commune.clone().unwrap_or(c.name_latin.clone())
                    }
                    _ => String::new(),
                },
            }),
            district: given
                .district
                .clone()
                .or_else(|| from_home(Level::District))
                .unwrap_or_default(),
            province: given
                .province
                .clone()
                .or_else(|| from_home(Level::Province))
                .unwrap_or_default(),
            village: given
                .village
                .clone()
                .or_else(|| derived.then(|| from_home(Level::Village)).flatten()),
            chief: given.chief.clone(),
            village_chief: given.village_chief.clone(),
        }
    }
}
