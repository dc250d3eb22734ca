//! From a validated declaration to PDF bytes: wording, layout data, Typst, export.

use crate::input::declaration::Declaration;
use crate::layout::world::DfrWorld;
use crate::options::Options;
use crate::wording::context::wording_context;
use crate::wording::set::{WordingError, WordingSet};
use crate::wording::templates::Templates;
use std::fmt;
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

/// Why a valid declaration could not be rendered: always a template problem.
#[derive(Debug)]
pub enum Error {
    /// A wording template does not load or render.
    Wording(WordingError),
    /// The Typst layout failed; each message names the template file, line and column.
    Layout(Vec<String>),
    /// The laid-out document breaks a rule of PDF/A (a final copy is archival).
    PdfStandard(String),
    /// A page image could not be encoded as PNG.
    Png(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Wording(e) => write!(f, "{e}"),
            Error::Layout(messages) => f.write_str(&messages.join("\n")),
            Error::PdfStandard(message) => write!(f, "PDF standard: {message}"),
            Error::Png(message) => write!(f, "PNG encoding: {message}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<WordingError> for Error {
    fn from(e: WordingError) -> Self {
        Error::Wording(e)
    }
}

/// Stage 1 of 3: the wording and the data the Typst layout reads as `/data.json`.
pub fn layout_data(
    declaration: &Declaration,
    options: &Options,
) -> Result<serde_json::Value, Error> {
    let model = layout_model(declaration, options)?;
    Ok(serde_json::to_value(model).expect("the layout model serialises"))
}

/// The typed layout model of a declaration (stage 1 as Rust values): what
/// [`layout_data`] gives as JSON.
pub fn layout_model(
    declaration: &Declaration,
    options: &Options,
) -> Result<crate::layout::model::LayoutData, Error> {
    let set = compiled(&options.templates)?;
    let context = wording_context(&set, declaration, options.languages, options.redact)?;
    let wording = set.render(&context)?;
    Ok(crate::layout::model::build(
        &set,
        declaration,
        options,
        wording,
    )?)
}

/// The wording of `templates`, compiled once per process for the last set used
/// (compiling the ~400 sections takes about 7 ms; a batch, a watch or the form renders
/// with one set many times).
pub(crate) fn compiled(templates: &Templates) -> Result<std::sync::Arc<WordingSet>, Error> {
    use std::sync::{Arc, Mutex};
    static LAST: Mutex<Option<(Templates, Arc<WordingSet>)>> = Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((set, compiled)) = last.as_ref()
        && set == templates
    {
        return Ok(Arc::clone(compiled));
    }
    let compiled = Arc::new(WordingSet::compile(templates)?);
    *last = Some((templates.clone(), Arc::clone(&compiled)));
    Ok(compiled)
}

/// The layout data as the Typst layout reads it: `data` with the line breaks of every
/// Khmer text marked (see `typeset`).
pub fn typeset_data(data: &serde_json::Value) -> serde_json::Value {
    let mut data = data.clone();
    crate::layout::typeset::mark_breaks(&mut data);
    data
}

/// Stage 2 of 3: compiles the layout with `data` (from `layout_data`) into pages.
///
/// Khmer breaks are marked first (see `typeset`); when a justified Khmer line would
/// gape, its paragraph is laid out again with that line ragged.
pub fn compile(
    data: &serde_json::Value,
    declaration: &Declaration,
    options: &Options,
) -> Result<PagedDocument, Error> {
    typeset(data, declaration, options).map(|(_, document)| document)
}

/// Compiles as `compile` does, returning also the data the layout finally read.
pub fn typeset(
    data: &serde_json::Value,
    declaration: &Declaration,
    options: &Options,
) -> Result<(serde_json::Value, PagedDocument), Error> {
    let marked = typeset_data(data);
    let document = compile_data(&marked, declaration, options)?;
    match crate::layout::typeset::rag_gappy_lines(&marked, &document) {
        Some(ragged) => {
            let document = compile_data(&ragged, declaration, options)?;
            Ok((ragged, document))
        }
        None => Ok((marked, document)),
    }
}

/// One Typst compilation of the layout with `data`, exactly as given.
fn compile_data(
    data: &serde_json::Value,
    declaration: &Declaration,
    options: &Options,
) -> Result<PagedDocument, Error> {
    let bytes = serde_json::to_vec(data).expect("JSON values always serialise");
    let world = DfrWorld::new(
        &options.templates,
        bytes,
        declaration.input().declaration.date.0,
    );
    let result = typst::compile::<PagedDocument>(&world).output;
    // Keep only what recent compilations used, so a long-running process stays flat.
    typst::comemo::evict(10);
    let document = result.map_err(|errors| Error::Layout(describe(&world, &errors)))?;
    if document.pages().len() > MAX_PAGES {
        return Err(Error::Layout(vec![format!(
            "main.typ: the layout made {} pages; a declaration has at most {MAX_PAGES} (the largest the input allows has under 60)",
            document.pages().len()
        )]));
    }
    Ok(document)
}

/// The most pages a layout may make: a template set that makes more is broken.
pub const MAX_PAGES: usize = 200;

/// Stage 3 of 3: the PDF of a compiled document, with a date and identifier derived
/// from the declaration, so that identical input gives identical bytes.
pub fn export_pdf(
    document: &PagedDocument,
    declaration: &Declaration,
    options: &Options,
) -> Result<Vec<u8>, Error> {
    let date = declaration.input().declaration.date.0;
    use chrono::Datelike;
    let timestamp =
        Datetime::from_ymd_hms(date.year(), date.month() as u8, date.day() as u8, 12, 0, 0)
            .map(Timestamp::new_utc);
    // A final copy is archival (PDF/A-3b, which allows the attached data).
    let standards = match options.is_final() {
        true => &[PdfStandard::A_3b][..],
        false => &[][..],
    };
    let standards =
        PdfStandards::new(standards).map_err(|e| Error::PdfStandard(e.message().to_string()))?;
    let pdf_options = PdfOptions {
        ident: Smart::Custom(format!("dfr/{}", declaration.input().declaration.reference)),
        creator: Smart::Custom(Some(format!("dfr {}", env!("CARGO_PKG_VERSION")))),
        timestamp,
        standards,
        ..PdfOptions::default()
    };
    // Khmer was set as Japanese for line breaking only; the PDF says it is Khmer.
    let document = crate::layout::typeset::finish(document);
    typst_pdf::pdf(&document, &pdf_options).map_err(|errors| {
        let world = DfrWorld::new(&options.templates, Vec::new(), date);
        Error::Layout(describe(&world, &errors))
    })
}

/// Lays the declaration out as pages (stages 1 and 2).
pub fn render_document(
    declaration: &Declaration,
    options: &Options,
) -> Result<PagedDocument, Error> {
    compile(&layout_data(declaration, options)?, declaration, options)
}

/// Renders the declaration as PDF bytes; identical input gives identical bytes.
pub fn render_pdf(declaration: &Declaration, options: &Options) -> Result<Vec<u8>, Error> {
    export_pdf(
        &render_document(declaration, options)?,
        declaration,
        options,
    )
}

/// The pixels per point of `render_png`: 144 dots per inch, sharp on a screen
/// (an A4 page is 1191 × 1684 pixels).
pub const PNG_PIXELS_PER_POINT: f64 = 2.0;

/// Renders the declaration as one PNG image per page, for previews on a screen.
pub fn render_png(declaration: &Declaration, options: &Options) -> Result<Vec<Vec<u8>>, Error> {
    document_png(
        &render_document(declaration, options)?,
        PNG_PIXELS_PER_POINT,
    )
}

/// The pages of a laid-out document as PNG images, at `pixel_per_pt` pixels per point.
pub fn document_png(document: &PagedDocument, pixel_per_pt: f64) -> Result<Vec<Vec<u8>>, Error> {
    let render_options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(pixel_per_pt),
        render_bleed: false,
    };
    document
        .pages()
        .iter()
        .map(|page| {
            typst_render::render(page, &render_options)
                .encode_png()
                .map_err(|e| Error::Png(e.to_string()))
        })
        .collect()
}

/// The pages of a laid-out document as SVG images, for a preview in a browser: quick
/// to make (no pixels are computed here) and sharp at any zoom.
pub fn document_svg(document: &PagedDocument) -> Vec<String> {
    let document = crate::layout::typeset::finish(document);
    let options = typst_svg::SvgOptions {
        render_bleed: false,
        pretty: false,
    };
    document
        .pages()
        .iter()
        .map(|page| typst_svg::svg(page, &options))
        .collect()
}

/// Where a part of the contract starts on its pages. The layout marks each clause's
/// heading (by its wording file's name, `03-declaration`), the schedules (`children`,
/// `property`) and the signatures with `#metadata(KEY) <dfr-part>`; the form's preview
/// scrolls to the part being edited.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Part {
    /// The part's key.
    pub key: String,
    /// The page it starts on, from 1.
    pub page: usize,
    /// How far down the page it starts, as a fraction of the page's height.
    pub y: f64,
}

/// The marked parts of `document`, in document order (none for a layout that marks
/// none).
pub fn parts(document: &PagedDocument) -> Vec<Part> {
    use typst::foundations::{Label, Selector, Value};
    use typst::introspection::{Introspector, MetadataElem};
    let Some(label) = Label::new(typst::utils::PicoStr::intern("dfr-part")) else {
        return Vec::new();
    };
    let introspector = document.introspector();
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let meta = content.to_packed::<MetadataElem>()?;
            let Value::Str(key) = &meta.value else {
                return None;
            };
            let position = introspector.position(content.location()?)?;
            let page = document.pages().get(position.page.get() - 1)?;
            Some(Part {
                key: key.to_string(),
                page: position.page.get(),
                y: position.point.y.to_pt() / page.frame.height().to_pt(),
            })
        })
        .collect()
}

/// Writes Typst errors as `template FILE:LINE:COL: error: MESSAGE` lines.
fn describe(world: &DfrWorld, diagnostics: &[SourceDiagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let place = d
                .span
                .id()
                .and_then(|id| {
                    let source = world.template_source(id)?;
                    let range = world.range(d.span)?;
                    let line = source.lines().byte_to_line(range.start)? + 1;
                    let column = source.lines().byte_to_column(range.start)? + 1;
                    Some(format!(
                        "{}:{line}:{column}",
                        id.get().vpath().get_without_slash()
                    ))
                })
                .unwrap_or_else(|| "layout".to_owned());
            let mut line = format!("template {place}: error: {}", d.message);
            // Typst's hints about its own command-line flags do not apply to dfr.
            for hint in d.hints.iter().filter(|h| !h.v.contains("`--")) {
                line.push_str(&format!("\n  hint: {}", hint.v));
            }
            line
        })
        .collect()
}
