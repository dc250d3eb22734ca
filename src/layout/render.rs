//! From a validated declaration to PDF bytes: wording, layout data, Typst, export.

use crate::input::declaration::Declaration;
use crate::layout::model::LayoutData;
use crate::layout::world::DfrWorld;
use crate::locale::Date;
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
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A wording template does not load or render.
    #[error(transparent)]
    Wording(#[from] WordingError),
    /// The Typst layout failed; each problem names the template file, line and column.
    #[error("{}", LayoutProblem::lines(.0))]
    Layout(Vec<LayoutProblem>),
    /// The laid-out document breaks a rule of PDF/A (a final copy is archival).
    #[error("PDF standard: {0}")]
    PdfStandard(String),
    /// A page image could not be encoded as PNG.
    #[error("PNG encoding: {0}")]
    Png(String),
}

/// One error of the Typst layout, where a template file caused it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LayoutProblem {
    /// `FILE:LINE:COLUMN` inside the template set, or `layout` when Typst names no file.
    pub at: String,
    /// What went wrong, in Typst's words.
    pub message: String,
    /// What may help, in Typst's words.
    pub hints: Vec<String>,
}

impl LayoutProblem {
    /// A problem of the layout as a whole, at `main.typ`.
    fn whole(message: String) -> LayoutProblem {
        LayoutProblem {
            at: "main.typ".to_owned(),
            message,
            hints: Vec::new(),
        }
    }

    /// Each problem as `template FILE:LINE:COL: error: MESSAGE` with its `hint:` lines.
    fn lines(problems: &[LayoutProblem]) -> String {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        lines.join("\n")
    }
}

impl fmt::Display for LayoutProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "template {}: error: {}", self.at, self.message)?;
        for hint in &self.hints {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// The library's entry point: a template set with its wording compiled, ready to
/// render any number of declarations (compiling the ~400 sections of wording takes
/// about 7 ms, so a batch, a watch or the form keeps one renderer).
///
/// ```no_run
/// let source = std::fs::read_to_string("couple.toml")?;
/// let declaration = dfr::Declaration::from_toml_str(&source)?;
/// let renderer = dfr::Renderer::new();
/// let pdf = renderer.render_pdf(&declaration, &dfr::Options::default())?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Renderer {
    /// The template set: the built-in one or a lawyer's edited folder.
    templates: Templates,
    /// Its wording, compiled once.
    wording: WordingSet,
}

impl Default for Renderer {
    fn default() -> Self {
        Renderer::new()
    }
}

impl Renderer {
    /// A renderer with the built-in template set.
    pub fn new() -> Renderer {
        Renderer::with_templates(Templates::builtin())
            .expect("the built-in template set compiles (tested)")
    }

    /// A renderer with `templates` (see `Templates::from_dir`); its wording is
    /// compiled here, so a broken template is reported before any declaration is read.
    pub fn with_templates(templates: Templates) -> Result<Renderer, Error> {
        let wording = WordingSet::compile(&templates)?;
        Ok(Renderer { templates, wording })
    }

    /// The template set this renderer prints with.
    pub fn templates(&self) -> &Templates {
        &self.templates
    }

    /// The compiled wording of the template set.
    pub fn wording(&self) -> &WordingSet {
        &self.wording
    }

    /// Stage 1 of 3, as Rust values: the wording and everything the layout prints.
    pub fn layout_model(
        &self,
        declaration: &Declaration,
        options: &Options,
    ) -> Result<LayoutData, Error> {
        let set = &self.wording;
        let context = wording_context(
            set,
            declaration,
            options.languages,
            options.copy.is_redacted(),
        )?;
        let wording = set.render(&context)?;
        Ok(crate::layout::model::build(
            set,
            &self.templates,
            declaration,
            options,
            wording,
        )?)
    }

    /// Stage 1 of 3: the layout model as the JSON the Typst layout reads as `/data.json`.
    pub fn layout_data(
        &self,
        declaration: &Declaration,
        options: &Options,
    ) -> Result<serde_json::Value, Error> {
        let model = self.layout_model(declaration, options)?;
        Ok(serde_json::to_value(model).expect("the layout model serialises"))
    }

    /// Compiles the layout with `data` (from `layout_data`) into pages, returning also
    /// the data the layout finally read (what `--emit-bundle` writes).
    ///
    /// Khmer breaks are marked first (see `typeset`); when a justified Khmer line would
    /// gape, its paragraph is laid out again with that line ragged.
    pub fn typeset(
        &self,
        data: &serde_json::Value,
        declaration: &Declaration,
    ) -> Result<(serde_json::Value, PagedDocument), Error> {
        let marked = typeset_data(data);
        let date = declaration.input().declaration.date.0;
        let document = self.compile_data(&marked, date)?;
        match crate::layout::typeset::rag_gappy_lines(&marked, &document) {
            Some(ragged) => {
                let document = self.compile_data(&ragged, date)?;
                Ok((ragged, document))
            }
            None => Ok((marked, document)),
        }
    }

    /// Lays the declaration out as pages (stages 1 and 2), ready to export.
    pub fn lay_out(
        &self,
        declaration: &Declaration,
        options: &Options,
    ) -> Result<Pages<'_>, Error> {
        let data = self.layout_data(declaration, options)?;
        self.lay_out_data(&data, declaration, options)
    }

    /// Stage 2 of 3: lays out `data` (from [`Renderer::layout_data`] with the same
    /// declaration and options) as pages.
    pub fn lay_out_data(
        &self,
        data: &serde_json::Value,
        declaration: &Declaration,
        options: &Options,
    ) -> Result<Pages<'_>, Error> {
        let (_, document) = self.typeset(data, declaration)?;
        Ok(Pages {
            renderer: self,
            document,
            date: declaration.input().declaration.date.0,
            reference: declaration.input().declaration.reference.clone(),
            options: *options,
        })
    }

    /// Renders the declaration as PDF bytes; identical input gives identical bytes.
    pub fn render_pdf(
        &self,
        declaration: &Declaration,
        options: &Options,
    ) -> Result<Vec<u8>, Error> {
        self.lay_out(declaration, options)?.pdf()
    }

    /// Renders the declaration as one PNG image per page (144 dots per inch), for
    /// previews on a screen.
    pub fn render_png(
        &self,
        declaration: &Declaration,
        options: &Options,
    ) -> Result<Vec<Vec<u8>>, Error> {
        self.lay_out(declaration, options)?
            .png(PNG_PIXELS_PER_POINT)
    }

    /// One Typst compilation of the layout with `data`, exactly as given.
    fn compile_data(&self, data: &serde_json::Value, date: Date) -> Result<PagedDocument, Error> {
        let bytes = serde_json::to_vec(data).expect("JSON values always serialise");
        let world = DfrWorld::new(&self.templates, bytes, date);
        let result = typst::compile::<PagedDocument>(&world).output;
        // Keep only what recent compilations used, so a long-running process stays flat.
        typst::comemo::evict(10);
        let document = result.map_err(|errors| Error::Layout(describe(&world, &errors)))?;
        if document.pages().len() > MAX_PAGES {
            return Err(Error::Layout(vec![LayoutProblem::whole(format!(
                "the layout made {} pages; a declaration has at most {MAX_PAGES} (the largest the input allows has under 60)",
                document.pages().len()
            ))]));
        }
        Ok(document)
    }
}

/// The layout data as the Typst layout reads it: `data` with the line breaks of every
/// Khmer text marked (see `typeset`).
pub fn typeset_data(data: &serde_json::Value) -> serde_json::Value {
    let mut data = data.clone();
    crate::layout::typeset::mark_breaks(&mut data);
    data
}

/// The most pages a layout may make: a template set that makes more is broken.
pub const MAX_PAGES: usize = 200;

/// A declaration laid out as pages (stage 2), to export as PDF, PNG or SVG.
pub struct Pages<'a> {
    /// The renderer that laid it out (its templates locate export errors).
    renderer: &'a Renderer,
    /// The pages.
    document: PagedDocument,
    /// The declaration's date: the PDF's date, so identical input gives identical bytes.
    date: Date,
    /// The declaration's reference number: the PDF's identifier.
    reference: String,
    /// The options it was laid out with.
    options: Options,
}

impl Pages<'_> {
    /// The number of pages.
    pub fn count(&self) -> usize {
        self.document.pages().len()
    }

    /// The laid-out Typst document.
    pub fn document(&self) -> &PagedDocument {
        &self.document
    }

    /// The laid-out Typst document, taken out.
    pub fn into_document(self) -> PagedDocument {
        self.document
    }

    /// Stage 3 of 3: the PDF, with a date and identifier derived from the declaration,
    /// so that identical input gives identical bytes.
    pub fn pdf(&self) -> Result<Vec<u8>, Error> {
        use chrono::Datelike;
        let date = self.date;
        let timestamp =
            Datetime::from_ymd_hms(date.year(), date.month() as u8, date.day() as u8, 12, 0, 0)
                .map(Timestamp::new_utc);
        // A final copy is archival (PDF/A-3b, which allows the attached data).
        let standards = match self.options.is_final() {
            true => &[PdfStandard::A_3b][..],
            false => &[][..],
        };
        let standards = PdfStandards::new(standards)
            .map_err(|e| Error::PdfStandard(e.message().to_string()))?;
        let pdf_options = PdfOptions {
            ident: Smart::Custom(format!("dfr/{}", self.reference)),
            creator: Smart::Custom(Some(format!("dfr {}", env!("CARGO_PKG_VERSION")))),
            timestamp,
            standards,
            ..PdfOptions::default()
        };
        // Khmer was set as Japanese for line breaking only; the PDF says it is Khmer.
        let document = crate::layout::typeset::finish(&self.document);
        typst_pdf::pdf(&document, &pdf_options).map_err(|errors| {
            let world = DfrWorld::new(&self.renderer.templates, Vec::new(), date);
            Error::Layout(describe(&world, &errors))
        })
    }

    /// The pages as PNG images, at `pixel_per_pt` pixels per point.
    pub fn png(&self, pixel_per_pt: f64) -> Result<Vec<Vec<u8>>, Error> {
        document_png(&self.document, pixel_per_pt)
    }

    /// The pages as SVG images, for a preview in a browser: quick to make (no pixels
    /// are computed here) and sharp at any zoom.
    pub fn svg(&self) -> Vec<String> {
        document_svg(&self.document)
    }

    /// The marked parts of the contract, in document order.
    pub fn parts(&self) -> Vec<Part> {
        parts(&self.document)
    }
}

/// The pixels per point of `render_png`: 144 dots per inch, sharp on a screen
/// (an A4 page is 1191 × 1684 pixels).
pub const PNG_PIXELS_PER_POINT: f64 = 2.0;

/// The pages of a laid-out document as PNG images, at `pixel_per_pt` pixels per point.
fn document_png(document: &PagedDocument, pixel_per_pt: f64) -> Result<Vec<Vec<u8>>, Error> {
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
fn document_svg(document: &PagedDocument) -> Vec<String> {
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
fn parts(document: &PagedDocument) -> Vec<Part> {
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

/// Typst's errors, located in the template set.
fn describe(world: &DfrWorld, diagnostics: &[SourceDiagnostic]) -> Vec<LayoutProblem> {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| LayoutProblem {
            at: d
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
                .unwrap_or_else(|| "layout".to_owned()),
            message: d.message.to_string(),
            // Typst's hints about its own command-line flags do not apply to dfr.
            hints: (d.hints.iter())
                .filter(|h| !h.v.contains("`--"))
                .map(|h| h.v.to_string())
                .collect(),
        })
        .collect()
}
