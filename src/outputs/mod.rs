//! The last stage: what is made from a rendered contract: the review copy and its diff,
//! the attached data, and verification of a printed copy.

pub mod attachment;
pub mod diff;
pub(crate) mod printed;
pub mod review;
pub mod verify;
