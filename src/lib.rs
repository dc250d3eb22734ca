//! `dfr`: a bilingual Khmer/English Declaration of Family Relationship, from TOML to PDF.
//!
//! Read and check a declaration with [`check`] (every problem, located) or
//! [`Declaration::from_toml_str`]; make a [`Renderer`] once (it holds the compiled
//! template set, built in or a lawyer's edited folder) and render with [`Options`]
//! (languages, layout, and which [`CopyKind`]: final, draft or redacted):
//!
//! ```
//! let source = std::fs::read_to_string("examples/dara-and-sophea.toml")?;
//! let checked = dfr::check(&source);
//! let declaration = checked.declaration.expect("the example is valid");
//! let renderer = dfr::Renderer::new();
//! let pdf = renderer.render_pdf(&declaration, &dfr::Options::default())?;
//! assert!(pdf.starts_with(b"%PDF"));
//! let draft = dfr::Options::default().copy(dfr::CopyKind::Draft);
//! let review = renderer.review_text(&declaration, &draft)?;
//! assert!(review.contains("DECLARATION OF FAMILY RELATIONSHIP") && review.contains("DRAFT"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A final copy carries its data: [`read_attachment`] takes it back out, [`verify`]
//! checks that every page prints what that data gives, and [`compare`] says what
//! changed between two declarations, in the data and in both languages' wording.
//!
//! Inside, the modules are the stages a declaration flows through, each using only
//! those before it: `input` → `wording` → `layout` → `outputs`, with `locale` (dates,
//! numbers, money, Khmer script, the fonts) and `places` (the gazetteer) beneath them
//! all. They are public for the `dfr` binary and its tests only: hidden from these
//! docs, with no promise that they stay as they are.

#![warn(missing_docs, unreachable_pub)]

// The stages, in the order a declaration flows through them; each imports only those
// before it (and `locale`, `places` and `options`, which every stage may use).
#[doc(hidden)]
pub mod input;
#[doc(hidden)]
pub mod layout;
#[doc(hidden)]
pub mod locale;
mod options;
#[doc(hidden)]
pub mod outputs;
#[doc(hidden)]
pub mod places;
#[doc(hidden)]
pub mod wording;

pub use input::declaration::{Checked, Declaration, check, check_copy};
pub use input::diagnostic::{Diagnostic, Diagnostics, KeyPath, Location, Severity};
pub use layout::pages::{Pages, PartStart};
pub use layout::render::{Error, LayoutProblem, Renderer};
pub use options::{CopyKind, Languages, Layout, Options};
pub use outputs::attachment::{AttachmentError, read_attachment};
pub use outputs::diff::{DataChange, Difference, WordingChange, compare};
pub use outputs::verify::{PageIds, PageProblem, Verification, verify};
pub use wording::documents::{Audience, CONTRACT, DocumentKind, Subject};
pub use wording::templates::{TemplateError, TemplateFile, Templates};
