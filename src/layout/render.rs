//! The library's entry point: a template set with its wording compiled, laying declarations out as pages.

use crate::input::declaration::Declaration;
use crate::layout::model::LayoutData;
use crate::layout::world::{DfrWorld, Sources};
use crate::locale::Date;
use crate::options::Options;
use crate::wording::context::wording_context;
use crate::wording::documents::DocumentKind;
use crate::wording::set::WordingSet;
use crate::wording::templates::Templates;
use typst_layout::PagedDocument;

use crate::layout::error::describe;
pub use crate::layout::error::{Error, LayoutProblem};
pub(crate) use crate::layout::pages::{PNG_PIXELS_PER_POINT, Pages};

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
    /// Its documents as their `document.toml` files declare them, read when first asked
    /// for (a contract alone never needs them), or why they cannot be.
    pub(crate) kinds: std::sync::OnceLock<Result<Vec<DocumentKind>, String>>,
    /// Its Typst sources, parsed as the layout first opens them.
    sources: Sources,
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
        Ok(Renderer {
            templates,
            wording,
            kinds: std::sync::OnceLock::new(),
            sources: Sources::default(),
        })
    }

    /// The template set this renderer prints with.
    pub fn templates(&self) -> &Templates {
        &self.templates
    }

    /// The compiled wording of the template set.
    #[doc(hidden)]
    pub fn wording(&self) -> &WordingSet {
        &self.wording
    }

    /// Stage 1 of 3, as Rust values: the wording and everything the layout prints.
    #[doc(hidden)]
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
    #[doc(hidden)]
    pub fn layout_data(
        &self,
        declaration: &Declaration,
        options: &Options,
    ) -> Result<serde_json::Value, Error> {
        let model = self.layout_model(declaration, options)?;
        Ok(serde_json::to_value(model).expect("the layout model serialises"))
    }

    /// Compiles the layout with `data` (from `layout_model`) into pages, returning also
    /// the data the layout finally read (what `--emit-bundle` writes).
    ///
    /// Khmer breaks are marked first (see `typeset`); when a justified Khmer line would
    /// gape, its paragraph is laid out again with that line ragged.
    #[doc(hidden)]
    pub fn typeset(
        &self,
        data: &LayoutData,
        date: Date,
    ) -> Result<(LayoutData, PagedDocument), Error> {
        let mut marked = data.clone();
        crate::layout::typeset::mark_breaks(&mut marked);
        let mut document = self.compile_data(&marked, date)?;
        // A second pass sets gappy lines ragged; a third, rarely, a line that forcing
        // the line ends made gappy (it lost the space it started with).
        for _ in 0..2 {
            let Some(ragged) = crate::layout::typeset::rag_gappy_lines(&marked, &document) else {
                break;
            };
            document = self.compile_data(&ragged, date)?;
            marked = ragged;
        }
        Ok((marked, document))
    }

    /// Lays the declaration out as pages (stages 1 and 2), ready to export.
    pub fn lay_out(
        &self,
        declaration: &Declaration,
        options: &Options,
    ) -> Result<Pages<'_>, Error> {
        let data = self.layout_model(declaration, options)?;
        self.lay_out_data(&data, declaration, options)
    }

    /// Stage 2 of 3: lays out `data` (from [`Renderer::layout_model`] with the same
    /// declaration and options) as pages.
    #[doc(hidden)]
    pub fn lay_out_data(
        &self,
        data: &LayoutData,
        declaration: &Declaration,
        options: &Options,
    ) -> Result<Pages<'_>, Error> {
        let date = declaration.input().declaration.date.0;
        self.lay_out_model(data, date, options)
    }

    /// Stage 2 of 3 for a layout model made without a declaration at hand (a redline):
    /// `date` is the PDF's date.
    #[doc(hidden)]
    pub fn lay_out_model(
        &self,
        data: &LayoutData,
        date: Date,
        options: &Options,
    ) -> Result<Pages<'_>, Error> {
        let (_, document) = self.typeset(data, date)?;
        Ok(Pages {
            templates: &self.templates,
            sources: &self.sources,
            document,
            date,
            reference: data.reference.clone(),
            options: *options,
        })
    }

    /// Renders the declaration as PDF bytes; identical input gives identical bytes.
    pub fn render_pdf(
        &self,
        declaration: &Declaration,
        options: &Options,
    ) -> Result<Vec<u8>, Error> {
        let pages = self.lay_out(declaration, options)?;
        let pdf = pages.pdf();
        crate::layout::pages::drop_aside(pages.into_document());
        pdf
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
    fn compile_data(&self, data: &LayoutData, date: Date) -> Result<PagedDocument, Error> {
        // The typed model is serialised once, here, for Typst.
        let bytes = serde_json::to_vec(data).expect("the layout model serialises");
        let world = DfrWorld::new(&self.templates, &self.sources, bytes, date);
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

/// The most pages a layout may make: a template set that makes more is broken.
pub(crate) const MAX_PAGES: usize = 200;
