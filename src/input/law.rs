//! What the law makes of the data: land that a partner who is not Khmer may not own
//! becomes, between the partners, a claim to the value of their share.

use crate::input::model::{Asset, Input, Owner};

/// Joint land or a building of which one partner may not be an owner (Constitution
/// art. 44, Land Law 2001 art. 8): the Khmer partner owns it; the other has, between
/// the partners, a claim to the value of their share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct ValueClaim {
    /// The partner who owns it: 1 or 2.
    pub owner: usize,
    /// The partner with a claim to the value of a share: 1 or 2.
    pub claimant: usize,
    /// The claimant's share of the value, in percent.
    pub share: i64,
}

/// The value claim of `asset`, when it is joint land or a building and exactly one
/// partner is of Khmer nationality.
pub(crate) fn value_claim(input: &Input, asset: &Asset) -> Option<ValueClaim> {
    if !asset.kind.is_immovable() || asset.owner != Owner::Joint || input.partners.len() != 2 {
        return None;
    }
    let khmer = [
        !input.partners[0].is_foreign(),
        !input.partners[1].is_foreign(),
    ];
    let owner = match khmer {
        [true, false] => 1,
        [false, true] => 2,
        _ => return None,
    };
    let claimant = 3 - owner;
    let share = *asset.shares.as_ref()?.get(claimant - 1)?;
    Some(ValueClaim {
        owner,
        claimant,
        share,
    })
}
