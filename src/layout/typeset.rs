//! Typesetting Khmer with Typst: break marks in the layout data, gappy lines set ragged, and the text layer made exact.
//!
//! Typst breaks Khmer lines where its LSTM segmenter allows, which splits some words.
//! dfr finds the breaks itself ([`crate::layout::breaks`]) and writes [`BREAK_MARK`] at each
//! into every Khmer text of the layout data; the layout turns each into an empty box,
//! a break opportunity that prints nothing, and sets Khmer with `lang: "ja"`, for
//! which Typst runs no segmenter of its own on Khmer letters (its Chinese and Japanese
//! segmenter leaves complex scripts alone). Shaping does not depend on that language
//! (checked: the same pixels), and [`finish`] gives the text its language, Khmer, back
//! before the PDF is written, so the tagged PDF says `km`.
//!
//! A justified Khmer line that would need a space stretched beyond
//! [`MAX_SPACE_STRETCH`] is set ragged instead ([`rag_gappy_lines`]).

use crate::layout::breaks::{khmer_breaks, unbreakable_spaces};
use crate::layout::model::LayoutData;
use crate::locale::Text;
use crate::locale::script::is_khmer_letter_or_sign;
use std::collections::BTreeMap;
use typst::layout::{Frame, FrameItem, Point};
use typst::model::Document;
use typst::text::{Lang, TextItem};
use typst_layout::PagedDocument;

/// A redline's text marked for the layout: the breaks are found in the text without
/// the redline's marks (removed and added words read together, as the redline prints
/// them), and the redline's marks put back at their places, after a break or the end
/// of a kept unit there and before the start of the next kept unit.
fn marked_redline(text: &str) -> String {
    let redline = |c: char| matches!(c, REMOVED_START | ADDED_START | CHANGE_END);
    let mut places: Vec<(usize, char)> = Vec::new();
    let mut plain = String::with_capacity(text.len());
    for c in text.chars() {
        match redline(c) {
            true => places.push((plain.len(), c)),
            false => plain.push(c),
        }
    }
    let breaks_marked = marked(&plain);
    let mut out = String::with_capacity(breaks_marked.len() + places.len() * 3);
    let mut places = places.into_iter().peekable();
    let mut at = 0;
    let mut chars = breaks_marked.chars().peekable();
    loop {
        // The marks at this place of the plain text go after a break or a kept unit's
        // end, before the next kept unit's start.
        while let Some(&c) = chars.peek() {
            if c == BREAK_MARK || c == KEEP_END {
                out.push(c);
                chars.next();
            } else {
                break;
            }
        }
        while let Some(&(place, mark)) = places.peek() {
            if place != at {
                break;
            }
            out.push(mark);
            places.next();
        }
        let Some(c) = chars.next() else { break };
        out.push(c);
        if !is_mark(c) {
            at += c.len_utf8();
        }
    }
    out
}

/// The break mark the layout turns into a break opportunity (a private-use character,
/// which no bundled font prints, so it can never come from the data).
pub const BREAK_MARK: char = '\u{E000}';

/// The marks around a unit the layout keeps whole in a box: a word that meets a digit,
/// a mark or a non-Khmer character, where Typst would otherwise allow a break.
pub const KEEP_START: char = '\u{E001}';
/// See [`KEEP_START`].
pub const KEEP_END: char = '\u{E002}';

/// The mark for a forced line end whose line stays justified.
pub const LINE_JUSTIFIED: char = '\u{E003}';
/// The mark for a forced line end whose line is set ragged (not justified).
pub const LINE_RAGGED: char = '\u{E004}';

/// In a redline: the start of words removed (struck through), up to [`CHANGE_END`].
pub const REMOVED_START: char = '\u{E005}';
/// In a redline: the start of words added (underlined), up to [`CHANGE_END`].
pub const ADDED_START: char = '\u{E006}';
/// In a redline: the end of removed or added words.
pub const CHANGE_END: char = '\u{E007}';

/// Whether `c` is one of the marks dfr writes into the layout data (breaks, kept
/// units, forced line ends, a redline's changes).
pub fn is_mark(c: char) -> bool {
    ('\u{E000}'..='\u{E007}').contains(&c)
}

/// The widest a space in a justified Khmer line may be stretched, as a multiple of its
/// natural width; a line that would need more is set ragged instead.
pub const MAX_SPACE_STRETCH: f64 = 2.0;

/// Marks the line breaks of every Khmer text in `data`: the Khmer of every text, every
/// clause's Khmer paragraphs, and the codes a table cell prints once, as typed (a birth
/// certificate or a title number), which may hold Khmer and are then broken like it.
pub fn mark_breaks(data: &mut LayoutData) {
    fn text(t: &mut Text) {
        t.km = marked(&t.km);
    }
    fn some(t: &mut Option<Text>) {
        t.iter_mut().for_each(text);
    }
    fn code(c: &mut Option<String>) {
        if let Some(c) = c {
            *c = marked(c);
        }
    }
    data.labels.values_mut().for_each(text);
    let header = &mut data.header;
    [&mut header.kingdom, &mut header.motto, &mut header.title]
        .into_iter()
        .for_each(text);
    for clause in &mut data.clauses {
        [&mut clause.number, &mut clause.title, &mut clause.heading]
            .into_iter()
            .for_each(text);
        clause.km.iter_mut().for_each(|p| *p = marked(p));
    }
    let schedules = &mut data.schedules;
    for row in &mut schedules.children {
        [
            &mut row.number,
            &mut row.name,
            &mut row.sex,
            &mut row.born,
            &mut row.kind,
            &mut row.legal_parent,
        ]
        .into_iter()
        .for_each(text);
        code(&mut row.certificate);
    }
    for row in schedules.immovable.iter_mut().chain(&mut schedules.movable) {
        [&mut row.number, &mut row.description, &mut row.owner]
            .into_iter()
            .for_each(text);
        [&mut row.shares, &mut row.value].into_iter().for_each(some);
        code(&mut row.registration);
    }
    schedules.totals.iter_mut().for_each(text);
    let signers = &mut data.signers;
    let interpreter = signers.interpreter.iter_mut();
    for signer in signers
        .partners
        .iter_mut()
        .chain(&mut signers.witnesses)
        .chain(interpreter)
    {
        [&mut signer.name, &mut signer.id]
            .into_iter()
            .for_each(some);
    }
    [&mut signers.chief, &mut signers.village_chief]
        .into_iter()
        .for_each(some);
    if let Some(redline) = &mut data.redline {
        for value in &mut redline.values {
            text(&mut value.field);
            value.was = marked(&value.was);
            value.now = marked(&value.now);
        }
        redline.renumbered.iter_mut().for_each(text);
    }
}

/// `text` marked for the layout: [`BREAK_MARK`] at each Khmer break; each unit between
/// breaks and spaces that mixes Khmer letters with anything else (ឆ្នាំ២០២៦, ភ្នំពេញ។,
/// (ដប់ពីរលានរៀល)) between [`KEEP_START`] and [`KEEP_END`], because Typst would break
/// where a run of Khmer letters meets another character; so is a unit with a space
/// that may not break (before ។, inside a phone number), so no line starts with ។.
pub fn marked(text: &str) -> String {
    if !text.chars().any(is_khmer_letter_or_sign) {
        return text.to_owned();
    }
    if text.contains(CHANGE_END) {
        return marked_redline(text);
    }
    let breaks = khmer_breaks(text);
    let keep = unbreakable_spaces(text);
    let mut out = String::with_capacity(text.len() + 16);
    let mut unit = String::new();
    let flush = |unit: &mut String, out: &mut String| {
        let mixed =
            unit.chars().any(is_khmer_letter_or_sign) && !unit.chars().all(is_khmer_letter_or_sign);
        if mixed || unit.contains(' ') {
            out.push(KEEP_START);
            out.push_str(unit);
            out.push(KEEP_END);
        } else {
            out.push_str(unit);
        }
        unit.clear();
    };
    for (at, c) in text.char_indices() {
        if breaks.binary_search(&at).is_ok() {
            flush(&mut unit, &mut out);
            out.push(BREAK_MARK);
        }
        if c == ' ' && keep.binary_search(&at).is_err() {
            flush(&mut unit, &mut out);
            out.push(' ');
        } else {
            unit.push(c);
        }
    }
    flush(&mut unit, &mut out);
    out
}

/// The document as the PDF should carry it: every text set as Japanese for line
/// breaking (see the module) given its language back, Khmer; and no cluster's text
/// twice in the text layer.
///
/// Typst splits a run where a glyph has its own vertical offset: in Khmer OS Muol the
/// vowel ុ of ម្ពុ in the national header is lowered below the subscript. The split-off
/// run, a zero-width mark, repeats the whole cluster's text, so `pdftotext` read
/// "ព្រះរាជាណាចក្រកម្ពុម្ពុជា". `clusters::join_clusters` draws such a mark inside its
/// cluster's glyph first; where it could not, the repeated text is dropped here and the
/// glyph stays.
pub fn finish(document: &PagedDocument) -> PagedDocument {
    fn walk(frame: &mut Frame) {
        let mut last_cluster: Option<String> = None;
        frame.retain(|item| {
            match item {
                FrameItem::Group(group) => {
                    walk(&mut group.frame);
                    last_cluster = None;
                }
                FrameItem::Text(text) => {
                    if text.lang == Lang::JAPANESE {
                        text.lang = Lang::KHMER;
                    }
                    let repeats = last_cluster.as_deref() == Some(text.text.as_str())
                        && text.glyphs.iter().all(|g| g.x_advance.get() == 0.0);
                    last_cluster = text
                        .glyphs
                        .last()
                        .and_then(|g| text.text.get(g.range()))
                        .map(str::to_owned);
                    if repeats {
                        text.text = Default::default();
                        for glyph in &mut text.glyphs {
                            glyph.range = 0..0;
                        }
                    }
                }
                _ => {}
            }
            true
        });
    }
    let mut pages: Vec<typst_layout::Page> = document.pages().to_vec();
    for page in &mut pages {
        walk(&mut page.frame);
    }
    PagedDocument::new(pages.into(), Document::info(document).clone())
}

/// The layout data for a second pass when some justified Khmer clause line in
/// `document` (laid out from `data`, already marked) stretches a space beyond
/// [`MAX_SPACE_STRETCH`] or starts with a space: every line end of such a paragraph is
/// then forced where it fell (after the space), and the gappy lines are set ragged, so
/// the paragraph keeps its lines and no line gapes. `None` when every line is fine.
pub fn rag_gappy_lines(data: &LayoutData, document: &PagedDocument) -> Option<LayoutData> {
    let mut adjusted = data.clone();
    let mut changed = false;
    for ((clause, paragraph), lines) in khmer_paragraph_lines(document) {
        // The last line of a paragraph is never justified. Typst may also break a Khmer
        // line before a space (where a run of Khmer letters ends), which would start the
        // next line with the space; forcing the line ends drops it.
        let gappy = lines
            .iter()
            .rev()
            .skip(1)
            .any(|l| l.stretch > MAX_SPACE_STRETCH);
        let indented = lines.iter().skip(1).any(|l| l.text.starts_with(' '));
        if !gappy && !indented {
            continue;
        }
        let Some(text) = adjusted
            .clauses
            .get_mut(clause)
            .and_then(|c| c.km.get_mut(paragraph))
        else {
            continue;
        };
        if let Some(forced) = force_line_ends(text, &lines) {
            *text = forced;
            changed = true;
        }
    }
    changed.then_some(adjusted)
}

/// One laid-out line of a Khmer clause paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The line's text, as laid out.
    pub text: String,
    /// The widest stretch of a space in the line, as a multiple of its natural width.
    pub stretch: f64,
}

/// Where a Khmer clause paragraph starts or ends in the laid-out pages: the layout puts
/// `metadata((km-par: (N, I)))` before `clauses[N].km[I]` (N counts from 0) and
/// `metadata((km-par: none))` after it.
fn paragraph_mark(value: &typst::foundations::Value) -> Option<Option<(usize, usize)>> {
    use typst::foundations::Value;
    let Value::Dict(dict) = value else {
        return None;
    };
    match dict.get("km-par").ok()? {
        Value::None => Some(None),
        Value::Array(at) => match at.as_slice() {
            [Value::Int(n), Value::Int(i)] => {
                Some(Some((usize::try_from(*n).ok()?, usize::try_from(*i).ok()?)))
            }
            _ => None,
        },
        _ => None,
    }
}

/// The lines of each Khmer clause paragraph, by its clause and paragraph number: the
/// layout puts `metadata((km-par: (N, I)))` before `clauses[N].km[I]` and
/// `metadata((km-par: none))` after it.
pub fn khmer_paragraph_lines(document: &PagedDocument) -> BTreeMap<(usize, usize), Vec<Line>> {
    use typst::introspection::{MetadataElem, Tag};
    /// Where the walk is: in which paragraph, on which baseline.
    struct Walk {
        current: Option<(usize, usize)>,
        /// The font size of the paragraph's first text: a paragraph that runs onto the
        /// next page has the English column and the footer between its parts, in
        /// other sizes, which are not its lines.
        size: Option<f64>,
        y: f64,
        out: BTreeMap<(usize, usize), Vec<Line>>,
    }
    fn walk(frame: &Frame, origin: Point, w: &mut Walk) {
        for (pos, item) in frame.items() {
            let at = origin + *pos;
            match item {
                FrameItem::Group(group) => walk(&group.frame, at, w),
                FrameItem::Tag(Tag::Start(content, _)) => {
                    if let Some(meta) = content.to_packed::<MetadataElem>()
                        && let Some(mark) = paragraph_mark(&meta.value)
                    {
                        w.current = mark;
                        w.size = None;
                    }
                }
                FrameItem::Text(text) => {
                    let Some(key) = w.current else { continue };
                    let size = text.size.to_pt();
                    if w.size.is_some_and(|s| (s - size).abs() > 0.01) {
                        continue;
                    }
                    w.size = Some(size);
                    let y = at.y.to_pt();
                    let lines = w.out.entry(key).or_default();
                    let stretch = widest_space(text);
                    match lines.last_mut() {
                        Some(line) if (w.y - y).abs() < 0.01 => {
                            line.text.push_str(&text.text);
                            line.stretch = line.stretch.max(stretch);
                        }
                        _ => lines.push(Line {
                            text: text.text.to_string(),
                            stretch,
                        }),
                    }
                    w.y = y;
                }
                _ => {}
            }
        }
    }
    let mut w = Walk {
        current: None,
        size: None,
        y: f64::NAN,
        out: BTreeMap::new(),
    };
    for page in document.pages() {
        walk(&page.frame, Point::zero(), &mut w);
        w.y = f64::NAN;
    }
    w.out
}

/// The widest stretch of a space in a text run, as a multiple of its natural width.
pub fn widest_space(text: &TextItem) -> f64 {
    text.glyphs
        .iter()
        .filter(|g| text.text.get(g.range()) == Some(" "))
        .filter_map(|g| {
            let natural = text.font.x_advance(g.id)?.get();
            (natural > 0.0).then(|| g.x_advance.get() / natural)
        })
        .fold(0.0, f64::max)
}

/// `text` (a marked paragraph) with a forced line end after each of `lines` but the
/// last, in place of the space it ended at: [`LINE_RAGGED`] after a line that
/// stretched too far, else [`LINE_JUSTIFIED`].
/// `None` if the lines do not match the text.
fn force_line_ends(text: &str, lines: &[Line]) -> Option<String> {
    let skippable = |c: char| c.is_whitespace() || is_mark(c);
    let mut out = String::with_capacity(text.len() + lines.len() * 3);
    let mut chars = text.char_indices().peekable();
    let mut copied = 0;
    for line in &lines[..lines.len().saturating_sub(1)] {
        for want in line.text.chars().filter(|c| !c.is_whitespace()) {
            loop {
                let (_, have) = chars.next()?;
                if have == want {
                    break;
                }
                if !skippable(have) {
                    return None;
                }
            }
        }
        // The line ends here. The space it ended at is dropped (a forced line end
        // would carry it onto a line), the marks kept, and the line end goes before the
        // next line's first letter or kept unit.
        let end = chars.peek().map_or(text.len(), |&(at, _)| at);
        out.push_str(&text[copied..end]);
        while let Some(&(_, c)) = chars.peek() {
            if !skippable(c) || c == KEEP_START {
                break;
            }
            if !c.is_whitespace() {
                out.push(c);
            }
            chars.next();
        }
        copied = chars.peek().map_or(text.len(), |&(at, _)| at);
        out.push(match line.stretch > MAX_SPACE_STRETCH {
            true => LINE_RAGGED,
            false => LINE_JUSTIFIED,
        });
    }
    out.push_str(&text[copied..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every Khmer text of the layout data, found by its place in the JSON the layout
    /// reads: any string under a `km` key (or in a list under one) and every code a
    /// cell prints as typed. `mark_breaks` must mark exactly these, so that a text
    /// added to the model is not left unmarked.
    fn marked_by_keys(value: &mut serde_json::Value, khmer: bool) {
        use serde_json::Value;
        match value {
            Value::String(s) if khmer => *s = marked(s),
            Value::Array(items) => items.iter_mut().for_each(|v| marked_by_keys(v, khmer)),
            Value::Object(map) => {
                for (key, v) in map.iter_mut() {
                    let code =
                        ["certificate", "registration", "was", "now"].contains(&key.as_str());
                    marked_by_keys(v, key == "km" || code);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn every_khmer_text_of_the_model_is_marked() {
        let renderer = crate::Renderer::new();
        for source in [
            include_str!("../../examples/dara-and-sophea.toml"),
            include_str!("../../examples/large.toml"),
        ] {
            let declaration = crate::Declaration::from_toml_str(source).unwrap();
            // A redline of the declaration against one with another occupation.
            let other =
                source
                    .replacen("Teacher", "Head teacher", 1)
                    .replacen("គ្រូបង្រៀន", "នាយកសាលា", 1);
            let other = crate::Declaration::from_toml_str(&other).unwrap();
            let options = crate::Options::default();
            let (old, new) = (
                renderer.layout_model(&declaration, &options).unwrap(),
                renderer.layout_model(&other, &options).unwrap(),
            );
            let difference =
                crate::outputs::diff::compare(&renderer, &declaration, &other, &options).unwrap();
            let words = std::collections::BTreeMap::from([(
                "form_field_occupation".to_owned(),
                crate::locale::Text {
                    km: "មុខរបរ".to_owned(),
                    en: "Occupation".to_owned(),
                },
            )]);
            let redline = crate::outputs::diff::redline_model(&old, &new, &difference, &words);
            assert!(!redline.redline.as_ref().unwrap().values.is_empty());
            for copy in [
                crate::CopyKind::Final,
                crate::CopyKind::Redacted,
                crate::CopyKind::Draft,
            ] {
                let options = crate::Options::default().copy(copy);
                let mut model = match copy {
                    crate::CopyKind::Draft => redline.clone(),
                    _ => renderer.layout_model(&declaration, &options).unwrap(),
                };
                let mut expected = serde_json::to_value(&model).unwrap();
                marked_by_keys(&mut expected, false);
                mark_breaks(&mut model);
                assert_eq!(serde_json::to_value(&model).unwrap(), expected);
            }
        }
    }

    fn shown(text: &str) -> String {
        marked(text)
            .replace(BREAK_MARK, "|")
            .replace(KEEP_START, "[")
            .replace(KEEP_END, "]")
    }

    #[test]
    fn numbers_and_marks_are_kept_with_their_word() {
        let m = shown("កើតថ្ងៃទី១៥ ខែមីនា ឆ្នាំ១៩៩១ នៅរាជធានីភ្នំពេញ។");
        assert!(m.contains("[ឆ្នាំ១៩៩១]"), "{m}");
        assert!(m.contains("ទី១៥]"), "{m}");
        assert!(m.ends_with("ភ្នំពេញ។]"), "{m}");
        assert_eq!(shown("ចប់ ។"), "[ចប់ ។]");
        assert!(shown("ទូរស័ព្ទលេខ ០១២ ៣៤៥ ៦៧៨។").ends_with(" [០១២ ៣៤៥ ៦៧៨។]"));
        assert_eq!(shown("RoCK-DFR-2026-0042"), "RoCK-DFR-2026-0042");
    }

    #[test]
    fn forced_line_ends_fall_after_each_line_but_the_last() {
        let text = marked("ដៃគូទាំងពីរសន្យាថា នឹងថែរក្សា ជួយឧបត្ថម្ភ");
        let line = |text: &str, stretch| Line {
            text: text.into(),
            stretch,
        };
        let lines = [
            line("ដៃគូទាំងពីរសន្យាថា ", 1.2),
            line("នឹងថែរក្សា", 3.0),
            line("ជួយឧបត្ថម្ភ", 1.0),
        ];
        let forced = force_line_ends(&text, &lines).unwrap();
        let shown: String = forced
            .chars()
            .filter(|c| !('\u{E000}'..='\u{E002}').contains(c))
            .map(|c| match c {
                LINE_JUSTIFIED => '=',
                LINE_RAGGED => '~',
                c => c,
            })
            .collect();
        assert_eq!(shown, "ដៃគូទាំងពីរសន្យាថា=នឹងថែរក្សា~ជួយឧបត្ថម្ភ");
        let wrong = [line("xyz", 1.0), lines[2].clone()];
        assert_eq!(force_line_ends(&text, &wrong), None);
    }
}
