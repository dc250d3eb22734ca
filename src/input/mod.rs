//! The first stage: a declaration file read, checked and located, into the typed model.
//!
//! `declaration` reads the TOML (`reader` keeps reading past wrong values, `source_map`
//! finds their lines), `model` is what the file says, `address` and `authority` the places
//! it names, `validate` every rule, each problem a `diagnostic` at its key.

pub(crate) mod address;
pub(crate) mod authority;
pub mod declaration;
pub mod diagnostic;
pub(crate) mod law;
pub mod model;
pub(crate) mod reader;
pub(crate) mod source_map;
pub mod starter;
pub(crate) mod validate;
