//! The second stage: the words of the contract in both languages, from the template set.
//!
//! `templates` is the set (built in or a lawyer's folder), `set` compiles its Handlebars
//! wording, `context` is what the wording reads, `formats` the texts put together from
//! parts, `redact` what a shareable copy withholds, `document_id` the hash of data and set.

pub mod context;
pub mod document_id;
pub mod form;
pub mod formats;
mod helpers;
pub(crate) mod redact;
mod sections;
pub mod set;
pub mod templates;
