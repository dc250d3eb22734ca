//! `dfr`: a bilingual Khmer/English Declaration of Family Relationship, from TOML to PDF.
//!
//! ```no_run
//! let source = std::fs::read_to_string("examples/dara-and-sophea.toml")?;
//! let declaration = dfr::Declaration::from_toml_str(&source)?;
//! let pdf = dfr::render_pdf(&declaration, &dfr::Options::default())?;
//! std::fs::write("examples/dara-and-sophea.pdf", pdf)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod address;
pub mod attachment;
pub mod authority;
pub mod breaks;
pub mod bundle;
pub mod declaration;
pub mod diagnostic;
pub mod diff;
pub mod gazetteer;
pub mod identity;
pub mod locale;
pub mod model;
pub mod options;
pub mod output;
pub mod redact;
pub mod render;
pub mod review;
pub mod source_map;
pub mod starter;
pub mod structure;
pub mod templates;
pub mod typeset;
pub mod validate;
pub mod verify;
pub mod view;
pub mod wording;
pub mod world;

pub use declaration::{Checked, Declaration, Purpose, check, check_copy};
pub use diagnostic::{Diagnostic, Diagnostics, KeyPath, Location, Severity};
pub use options::{Languages, Layout, Options};
pub use render::{
    Error, compile, export_pdf, layout_data, render_document, render_pdf, render_png,
};
pub use review::review_text;
pub use templates::Templates;
