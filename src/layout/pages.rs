//! A declaration laid out as pages, and what is made of them: the PDF, PNG and SVG images, where each part starts.

use crate::layout::error::{Error, describe};
use crate::layout::world::{DfrWorld, Sources};
use crate::locale::Date;
use crate::options::Options;
use crate::wording::templates::Templates;
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

/// A declaration laid out as pages (stage 2), to export as PDF, PNG or SVG.
pub struct Pages<'a> {
    /// The template set that laid it out (it locates export errors).
    pub(crate) templates: &'a Templates,
    /// Its Typst sources as the layout parsed them.
    pub(crate) sources: &'a Sources,
    /// The pages.
    pub(crate) document: PagedDocument,
    /// The declaration's date: the PDF's date, so identical input gives identical bytes.
    pub(crate) date: Date,
    /// The declaration's reference number: the PDF's identifier.
    pub(crate) reference: String,
    /// The options it was laid out with.
    pub(crate) options: Options,
}

impl Pages<'_> {
    /// The number of pages.
    pub fn count(&self) -> usize {
        self.document.pages().len()
    }

    /// The laid-out Typst document.
    #[doc(hidden)]
    pub fn document(&self) -> &PagedDocument {
        &self.document
    }

    /// The laid-out Typst document, taken out.
    #[doc(hidden)]
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
        // Every cluster drawn by a glyph of its own, so every reader copies the Khmer.
        let (mut pages, _) = crate::layout::clusters::join_clusters(&self.document);
        // Khmer was set as Japanese for line breaking only; the PDF says it is Khmer.
        crate::layout::typeset::finish_pages(&mut pages);
        let info = typst::model::Document::info(&self.document).clone();
        let document = PagedDocument::new(pages.into(), info);
        let pdf = typst_pdf::pdf(&document, &pdf_options).map_err(|errors| {
            let world = DfrWorld::new(self.templates, self.sources, Vec::new(), date);
            Error::Layout(describe(&world, &errors))
        });
        drop_aside(document);
        pdf
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

    /// Each page's key (a hash of what it draws: equal pages have equal keys) and, unless
    /// the key is in `known`, the page as SVG: a preview that shows the pages of `known`
    /// already gets only the pages that changed, and the others are not drawn again.
    #[doc(hidden)]
    pub fn svg_unless_known(&self, known: &[String]) -> Vec<(String, Option<String>)> {
        let document = crate::layout::typeset::finish(&self.document);
        document
            .pages()
            .iter()
            .map(|page| {
                let key = format!("{:032x}", typst::utils::hash128(page));
                let svg = (!known.contains(&key)).then(|| typst_svg::svg(page, &SVG_OPTIONS));
                (key, svg)
            })
            .collect()
    }

    /// The marked parts of the contract, in document order.
    pub fn parts(&self) -> Vec<PartStart> {
        parts(&self.document)
    }

    /// Where the contract's blocks are printed: the review copy's `--pages`.
    #[doc(hidden)]
    pub fn page_map(&self) -> PageMap {
        page_map(&self.document)
    }
}

/// Drops `document` on another core: freeing the frames of a contract's pages takes
/// about a millisecond, which whoever waits for the PDF need not wait for.
pub(crate) fn drop_aside(document: PagedDocument) {
    rayon::spawn(move || drop(document));
}

/// On which page each marked block of the contract is printed: the layout marks each
/// clause paragraph, table row and signature block with `#metadata(KEY) <dfr-at>`
/// (`("para", 3, 0)`, `("row", "movable", 1)`, `("block", "partners")`), and the page
/// the partners sign in full with `<dfr-partners-sign>`.
#[derive(Debug, Clone, Default, PartialEq)]
#[doc(hidden)]
pub struct PageMap {
    /// The number of pages.
    pub count: usize,
    /// The page of each marked block (from 1), by its key's parts joined with `/`:
    /// `para/3/0`, `row/movable/1`, `block/partners`.
    pub blocks: std::collections::HashMap<String, usize>,
    /// The page the partners sign in full, which carries no initials boxes.
    pub partners_sign: Option<usize>,
}

fn page_map(document: &PagedDocument) -> PageMap {
    use typst::foundations::{Label, Repr, Selector, Value};
    use typst::introspection::Introspector;
    let introspector = document.introspector();
    let marked = |name: &str| {
        Label::new(typst::utils::PicoStr::intern(name))
            .map(|label| introspector.query(&Selector::Label(label)))
            .unwrap_or_default()
    };
    let page = |content: &typst::foundations::Content| {
        Some(introspector.position(content.location()?)?.page.get())
    };
    let mut map = PageMap {
        count: document.pages().len(),
        ..PageMap::default()
    };
    for content in marked("dfr-at").iter() {
        let Some(meta) = content.to_packed::<typst::introspection::MetadataElem>() else {
            continue;
        };
        let Value::Array(key) = &meta.value else {
            continue;
        };
        let key: Vec<String> = key
            .iter()
            .map(|part| match part {
                Value::Str(s) => s.to_string(),
                Value::Int(n) => n.to_string(),
                other => other.repr().to_string(),
            })
            .collect();
        if let Some(page) = page(content) {
            map.blocks.entry(key.join("/")).or_insert(page);
        }
    }
    map.partners_sign = marked("dfr-partners-sign").first().and_then(page);
    map
}

/// The pixels per point of `render_png`: 144 dots per inch, sharp on a screen
/// (an A4 page is 1191 × 1684 pixels).
pub(crate) const PNG_PIXELS_PER_POINT: f64 = 2.0;

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
    document
        .pages()
        .iter()
        .map(|page| typst_svg::svg(page, &SVG_OPTIONS))
        .collect()
}

/// Pages as SVG: no bleed, no indentation.
const SVG_OPTIONS: typst_svg::SvgOptions = typst_svg::SvgOptions {
    render_bleed: false,
    pretty: false,
};

/// Where a part of the contract starts on its pages. The layout marks each clause's
/// heading (by its wording file's name, `03-declaration`), the schedules (`children`,
/// `property`) and the signatures with `#metadata(KEY) <dfr-part>`; the form's preview
/// scrolls to the part being edited.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct PartStart {
    /// The part's key.
    pub key: String,
    /// The page it starts on, from 1.
    pub page: usize,
    /// How far down the page it starts, as a fraction of the page's height.
    pub y: f64,
}

/// The marked parts of `document`, in document order (none for a layout that marks
/// none).
fn parts(document: &PagedDocument) -> Vec<PartStart> {
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
            Some(PartStart {
                key: key.to_string(),
                page: position.page.get(),
                y: position.point.y.to_pt() / page.frame.height().to_pt(),
            })
        })
        .collect()
}
