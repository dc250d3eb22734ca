//! The third stage: the typed layout model, Khmer line breaks and Typst, to pages.
//!
//! `model` is everything the layout prints, finished (`schedule_rows` its tables); `breaks` finds Khmer word
//! boundaries, `typeset` marks them and sets gappy lines ragged, `world` is Typst's view
//! of the sources and fonts, `clusters` makes the PDF's Khmer copy exactly in every reader, `render` holds the `Renderer` that compiles (`kit` its other documents), `pages` exports
//! the laid-out pages, `error` locates a template's problems, `template_reference`
//! documents what a template set may read.

pub mod breaks;
pub(crate) mod clusters;
pub(crate) mod error;
mod kit;
pub(crate) mod model;
pub(crate) mod pages;
pub(crate) mod render;
pub(crate) mod schedule_rows;
pub mod template_reference;
pub mod typeset;
pub(crate) mod world;
