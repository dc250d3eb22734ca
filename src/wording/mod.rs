//! The second stage: the words of the contract in both languages, from the template set.
//!
//! `templates` is the set (built in or a lawyer's folder), `set` compiles its Handlebars
//! wording into `rendered` clauses and labels, `context` is what the wording reads,
//! `formats` the texts put together from parts, `redact` what a shareable copy
//! withholds, `document_id` the hash of data and set.

pub mod context;
pub mod document_id;
pub mod documents;
pub mod form;
pub(crate) mod formats;
mod helpers;
pub(crate) mod redact;
pub(crate) mod rendered;
mod sections;
pub(crate) mod set;
pub(crate) mod templates;

#[cfg(test)]
mod tests;
