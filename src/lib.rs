//! `dfr`: a bilingual Khmer/English Declaration of Family Relationship, from TOML to PDF.
//!
//! ```no_run
//! let source = std::fs::read_to_string("examples/dara-and-sophea.toml")?;
//! let declaration = dfr::Declaration::from_toml_str(&source)?;
//! let pdf = dfr::render_pdf(&declaration, &dfr::Options::default())?;
//! std::fs::write("examples/dara-and-sophea.pdf", pdf)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

// Input: the file read, located problems, the places of the gazetteer.
pub mod address;
pub mod authority;
pub mod declaration;
pub mod diagnostic;
pub mod gazetteer;
pub mod model;
pub(crate) mod source_map;
pub mod starter;
pub(crate) mod structure;
pub(crate) mod validate;

// Wording: the templates, their context, dates, numbers and money in both languages.
pub mod formats;
pub mod locale;
pub(crate) mod redact;
pub mod templates;
pub mod view;
pub mod wording;

// Layout: the typed model the layout reads, Khmer line breaks, Typst.
pub mod breaks;
pub mod fonts;
pub mod layout_model;
pub mod options;
pub mod reference;
pub mod render;
pub mod typeset;
pub(crate) mod world;

// Outputs: files, the review copy and its diff, the attached data, verification.
pub mod attachment;
#[cfg(feature = "cli")]
pub mod bundle;
pub mod diff;
pub mod identity;
#[cfg(feature = "cli")]
pub mod leftovers;
#[cfg(feature = "cli")]
pub mod output;
pub(crate) mod printed;
pub mod review;
pub mod verify;

pub use declaration::{Checked, Declaration, Purpose, check, check_copy};
pub use diagnostic::{Diagnostic, Diagnostics, KeyPath, Location, Severity};
pub use options::{Languages, Layout, Options};
pub use render::{
    Error, compile, export_pdf, layout_data, render_document, render_pdf, render_png,
};
pub use review::review_text;
pub use templates::Templates;
