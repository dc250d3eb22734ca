//! `dfr`: a bilingual Khmer/English Declaration of Family Relationship, from TOML to PDF.
//!
//! ```no_run
//! let source = std::fs::read_to_string("examples/dara-and-sophea.toml")?;
//! let declaration = dfr::Declaration::from_toml_str(&source)?;
//! let pdf = dfr::render_pdf(&declaration, &dfr::Options::default())?;
//! std::fs::write("examples/dara-and-sophea.pdf", pdf)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

// The stages, in the order a declaration flows through them; each imports only those
// before it (and `locale`, `places` and `options`, which every stage may use).
pub mod input;
pub mod layout;
pub mod locale;
pub mod options;
pub mod outputs;
pub mod places;
pub mod wording;

pub use input::declaration::{Checked, Declaration, Purpose, check, check_copy};
pub use input::diagnostic::{Diagnostic, Diagnostics, KeyPath, Location, Severity};
pub use layout::render::{
    Error, compile, export_pdf, layout_data, render_document, render_pdf, render_png,
};
pub use options::{Languages, Layout, Options};
pub use outputs::review::review_text;
pub use wording::templates::Templates;
