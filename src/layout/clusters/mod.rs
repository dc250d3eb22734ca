//! Gives every cluster Typst draws with several glyphs one glyph of its own, so that every PDF reader copies and finds Khmer exactly.
//!
//! Typst draws a Khmer cluster such as "លេ" with several glyphs in visual order (the
//! vowel sign first). A PDF maps each glyph to text through its font's ToUnicode
//! table, so the PDF writer maps the first glyph to the whole cluster, leaves the
//! others unmapped, and where a glyph already stood for other text wraps the cluster in
//! `/ActualText`. Poppler and PDFium read `/ActualText`; PDF.js (Firefox) and MuPDF read
//! only the table, and copied "លេ" for every េ and garbage for each unmapped glyph.
//!
//! Before the PDF is written, each such cluster is drawn instead with a TrueType
//! composite glyph appended to a copy of its font: the cluster's own glyphs at their
//! offsets, so the page looks exactly the same. A mark Typst moved up or down is laid
//! out as a run of its own after its cluster; it is drawn inside the cluster's glyph
//! instead. Every glyph then stands for one text, in logical order, and no
//! `/ActualText` is needed.
//!
//! PDF.js gives a glyph whose text holds a nonspacing mark (ុ, ្, ំ …) no width, finds
//! a gap after it and copies a space into the word. So the composite carries the text
//! up to the first such mark and nearly all the advance, and an empty glyph after it,
//! a hundredth of an em wide, the rest.

mod glyf;

use glyf::Composite;
use rayon::prelude::*;
use std::collections::HashMap;
use typst::foundations::Bytes;
use typst::layout::{Abs, Em, Frame, FrameItem, Point};
use typst::text::{Font, Glyph, TextItem};
use typst_layout::PagedDocument;

/// What the pass did to one document.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub(crate) struct Report {
    /// Clusters drawn with several glyphs (or with a glyph standing for other text
    /// elsewhere), now drawn with one glyph.
    pub clusters: usize,
    /// Marks laid out as runs of their own, now drawn inside their cluster's glyph.
    pub marks: usize,
    /// Glyphs added to the fonts.
    pub glyphs: usize,
}

/// The pages of `document` with every cluster drawn by a glyph that stands for its text
/// alone (made a document by the caller, so its index of locations is built once).
pub(crate) fn join_clusters(document: &PagedDocument) -> (Vec<typst_layout::Page>, Report) {
    let mut fonts = Fonts::default();
    let mut report = Report::default();
    let mut pages: Vec<typst_layout::Page> = document.pages().to_vec();
    for page in &mut pages {
        join_in_frame(&mut page.frame, &mut fonts, &mut report);
    }
    let edits: Vec<(Font, Edit)> = fonts
        .edits
        .into_iter()
        .filter_map(|(font, edit)| {
            edit.filter(|edit| !edit.added.is_empty())
                .map(|e| (font, e))
        })
        .collect();
    report.glyphs += edits
        .iter()
        .map(|(_, edit)| edit.added.len())
        .sum::<usize>();
    // Each extended font is written and parsed again on a core of its own.
    let extended: Vec<(Font, Font)> = edits
        .into_par_iter()
        .filter_map(|(font, edit)| {
            let data = edit.program.write();
            let extended = Font::new(Bytes::new(data), font.index())?;
            Some((font, extended))
        })
        .collect();
    if !extended.is_empty() {
        for page in &mut pages {
            use_extended_fonts(&mut page.frame, &extended);
        }
    }
    (pages, report)
}

/// The fonts being extended, with the font each extends (`None`: one this pass
/// cannot); a document uses a handful of fonts.
#[derive(Default)]
struct Fonts {
    edits: Vec<(Font, Option<Edit>)>,
}

/// One font being extended.
struct Edit {
    program: glyf::Font,
    /// The glyphs added, in order, by what they draw and the text they stand for.
    added: HashMap<(Composite, String), u16>,
    /// The text each glyph of the font stands for where it is drawn on its own.
    own: HashMap<u16, String>,
}

impl Fonts {
    fn edit(&mut self, font: &Font) -> Option<&mut Edit> {
        let at = match self.edits.iter().position(|(known, _)| known == font) {
            Some(at) => at,
            None => {
                let edit = glyf::Font::parse(font.data()).ok().map(|program| Edit {
                    program,
                    added: HashMap::new(),
                    own: HashMap::new(),
                });
                self.edits.push((font.clone(), edit));
                self.edits.len() - 1
            }
        };
        self.edits[at].1.as_mut()
    }
}

impl Edit {
    /// The glyph drawing `composite` and standing for `text`, appended if new.
    fn glyph(&mut self, composite: Composite, text: &str) -> Option<u16> {
        let key = (composite, text.to_string());
        if let Some(&id) = self.added.get(&key) {
            return Some(id);
        }
        let id = self.program.push(&key.0).ok()?;
        self.added.insert(key, id);
        Some(id)
    }
}

/// The advance of the empty glyph that stands for a cluster's marks: a hundredth of
/// an em, below every reader's threshold for a space.
const MARKS_ADVANCE: Em = Em::new(0.01);

/// A cluster's text as the part before its first nonspacing mark and the rest.
fn split(text: &str) -> (&str, &str) {
    use icu_properties::{CodePointMapData, props::GeneralCategory};
    let category = CodePointMapData::<GeneralCategory>::new();
    let at = text
        .char_indices()
        .skip(1)
        .find(|&(_, c)| category.get(c) == GeneralCategory::NonspacingMark)
        .map_or(text.len(), |(at, _)| at);
    text.split_at(at)
}

/// A mark from a run of its own: its glyph and offset from its cluster's origin.
struct Mark {
    id: u16,
    dx: Em,
    dy: Em,
}

/// The run that only places a mark of the run before it: glyphs without advance
/// whose text is that run's last cluster, in the same font, size and colour.
fn marks_of(prev: &(Point, &TextItem), run: &(Point, &TextItem)) -> Option<Vec<Mark>> {
    let ((at, before), (here, text)) = (prev, run);
    let same = before.font == text.font
        && before.size == text.size
        && before.fill == text.fill
        && before.stroke == text.stroke;
    let last = before.glyphs.last()?;
    let zero = text.glyphs.iter().all(|g| g.x_advance == Em::zero());
    let repeats = before.text.get(last.range()) == Some(text.text.as_str());
    (same && zero && repeats && !text.glyphs.is_empty() && before.size > Abs::zero())
        .then_some(())?;
    // The cluster's origin: where its first glyph's pen stands.
    let start = before.glyphs.iter().rposition(|g| g.range != last.range)? + 1;
    let pen: Em = before.glyphs[..start].iter().map(|g| g.x_advance).sum();
    let origin = Point::new(at.x + pen.at(before.size), at.y);
    let mut pen = Em::zero();
    let mut marks = Vec::new();
    for glyph in &text.glyphs {
        let x = here.x + (pen + glyph.x_offset).at(text.size);
        let y = here.y - glyph.y_offset.at(text.size);
        marks.push(Mark {
            id: glyph.id,
            dx: Em::new((x - origin.x) / text.size),
            dy: Em::new((origin.y - y) / text.size),
        });
        pen += glyph.x_advance;
    }
    Some(marks)
}

fn join_in_frame(frame: &mut Frame, fonts: &mut Fonts, report: &mut Report) {
    // Which runs only place a mark of the run before them.
    let mut joined: HashMap<usize, Vec<Mark>> = HashMap::new();
    let mut dropped = Vec::new();
    let mut prev: Option<(usize, Point, &TextItem)> = None;
    for (i, (pos, item)) in frame.items().enumerate() {
        let FrameItem::Text(text) = item else {
            prev = None;
            continue;
        };
        if let Some((p, at, before)) = prev
            && let Some(marks) = marks_of(&(at, before), &(*pos, text))
        {
            report.marks += marks.len();
            joined.entry(p).or_default().extend(marks);
            dropped.push(i);
            continue;
        }
        prev = Some((i, *pos, text));
    }
    // Runs are visited in order, so a run's marks are drawn before their own run is
    // reached; a run whose marks could not be drawn keeps them.
    let mut absorbed = false;
    let mut i = 0;
    frame.retain(|item| {
        let index = i;
        i += 1;
        if dropped.contains(&index) && absorbed {
            return false;
        }
        match item {
            FrameItem::Group(group) => join_in_frame(&mut group.frame, fonts, report),
            FrameItem::Text(text) => {
                let marks = joined.remove(&index).unwrap_or_default();
                let glyphs = fonts
                    .edit(text.font.font())
                    .and_then(|edit| redraw(edit, text, &marks, report));
                absorbed = glyphs.is_some();
                if let Some(glyphs) = glyphs {
                    text.glyphs = glyphs;
                }
            }
            _ => {}
        }
        true
    });
}

/// The run's glyphs with each cluster drawn by one glyph, or `None` when nothing changes
/// (or a cluster cannot be drawn so).
fn redraw(
    edit: &mut Edit,
    text: &TextItem,
    marks: &[Mark],
    report: &mut Report,
) -> Option<Vec<Glyph>> {
    let upm = text.font.units_per_em();
    let units = |em: Em| i16::try_from((em.get() * upm).round() as i64).ok();
    let mut out = Vec::with_capacity(text.glyphs.len());
    let mut changed = false;
    let mut start = 0;
    while start < text.glyphs.len() {
        let range = text.glyphs[start].range.clone();
        let end = start
            + text.glyphs[start..]
                .iter()
                .take_while(|g| g.range == range)
                .count();
        let cluster = &text.glyphs[start..end];
        let extra: &[Mark] = if end == text.glyphs.len() { marks } else { &[] };
        start = end;
        let Some(own) = text.text.get(cluster[0].range()) else {
            out.extend_from_slice(cluster);
            continue;
        };
        let (head, tail) = split(own);
        let single = cluster.len() == 1 && extra.is_empty() && tail.is_empty();
        if single {
            let id = cluster[0].id;
            let standing = edit.own.entry(id).or_insert_with(|| own.to_string());
            if standing == own {
                out.push(cluster[0].clone());
                continue;
            }
        }
        let mut pen = Em::zero();
        let mut parts = Vec::with_capacity(cluster.len() + extra.len());
        for glyph in cluster {
            parts.push((
                glyph.id,
                units(pen + glyph.x_offset)?,
                units(glyph.y_offset)?,
            ));
            pen += glyph.x_advance;
        }
        for mark in extra {
            parts.push((mark.id, units(mark.dx)?, units(mark.dy)?));
        }
        // The glyph for the marks stands just before the cluster's end, so that a reader
        // that orders a line's letters by position (poppler) keeps it before the next
        // cluster; PDF.js, which gives it no width, sees no gap.
        let rest = match tail.is_empty() || pen.get() <= 2.0 * MARKS_ADVANCE.get() {
            true => Em::zero(),
            false => MARKS_ADVANCE,
        };
        let advance = u16::try_from(((pen - rest).get() * upm).round() as i64).ok()?;
        let first = &cluster[0];
        let head_end = range.start + head.len() as u16;
        out.push(Glyph {
            id: edit.glyph(Composite { parts, advance }, head)?,
            x_advance: pen - rest,
            x_offset: Em::zero(),
            y_advance: cluster.iter().map(|g| g.y_advance).sum(),
            y_offset: Em::zero(),
            range: range.start..head_end,
            span: first.span,
        });
        if !tail.is_empty() {
            let nothing = Composite {
                parts: Vec::new(),
                advance: u16::try_from((rest.get() * upm).round() as i64).ok()?,
            };
            out.push(Glyph {
                id: edit.glyph(nothing, tail)?,
                x_advance: rest,
                x_offset: Em::zero(),
                y_advance: Em::zero(),
                y_offset: Em::zero(),
                range: head_end..range.end,
                span: first.span,
            });
        }
        report.clusters += 1;
        changed = true;
    }
    changed.then_some(out)
}

/// Points every run in a font that was extended to the extended copy.
fn use_extended_fonts(frame: &mut Frame, extended: &[(Font, Font)]) {
    frame.retain(|item| {
        match item {
            FrameItem::Group(group) => use_extended_fonts(&mut group.frame, extended),
            FrameItem::Text(text) => {
                let font = extended.iter().find(|(old, _)| old == text.font.font());
                if let Some((_, font)) = font {
                    let variant = font.info().variant;
                    let variations = text.font.variations().clone();
                    text.font = font.clone().instantiate(variant, text.size, &variations);
                }
            }
            _ => {}
        }
        true
    });
}
