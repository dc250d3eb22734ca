//! Reading a Khmer paragraph's lines from the laid-out pages, and setting those that gape ragged.

use super::{KEEP_START, LINE_JUSTIFIED, LINE_RAGGED, is_mark};
use crate::layout::model::LayoutData;
use std::collections::BTreeMap;
use typst::layout::{Frame, FrameItem, Point};
use typst::text::TextItem;
use typst_layout::PagedDocument;

/// The widest gap a space may make in a justified Khmer line, in em (see
/// [`widest_space`]): about what a Khmer phrase boundary tolerates; a line that would
/// need more is set ragged instead.
pub const MAX_SPACE_GAP: f64 = 1.0;

/// The layout data for a second pass when some justified Khmer clause line in
/// `document` (laid out from `data`, already marked) makes a gap wider than
/// [`MAX_SPACE_GAP`] or starts with a space: every line end of such a paragraph is then forced where it
/// fell (after the space), and the gappy lines are set ragged, so the paragraph keeps
/// its lines and no line gapes. `None` when every line is fine.
pub fn rag_gappy_lines(data: &LayoutData, document: &PagedDocument) -> Option<LayoutData> {
    let mut adjusted = data.clone();
    let mut changed = false;
    for ((clause, paragraph), lines) in khmer_paragraph_lines(document) {
        // The last line of a paragraph is never justified. Typst may also break a Khmer
        // line before a space (where a run of Khmer letters ends), which would start the
        // next line with the space; forcing the line ends drops it.
        let gappy = gappy(&lines).next().is_some();
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
        // A paragraph whose line ends were forced already may gape where a line lost
        // the space it started with: that line is set ragged too.
        let adjusted_text = match text.contains(LINE_JUSTIFIED) || text.contains(LINE_RAGGED) {
            true => ragged_lines(text, &lines),
            false => force_line_ends(text, &lines),
        };
        if let Some(new) = adjusted_text.filter(|new| new != text) {
            *text = new;
            changed = true;
        }
    }
    changed.then_some(adjusted)
}

/// `text`, a paragraph whose line ends were forced (one after each of `lines` but the
/// last), with each line end after a gappy line made [`LINE_RAGGED`]. `None` if the
/// text has not one forced end per line.
fn ragged_lines(text: &str, lines: &[Line]) -> Option<String> {
    let is_end = |c: char| c == LINE_JUSTIFIED || c == LINE_RAGGED;
    if text.chars().filter(|&c| is_end(c)).count() + 1 != lines.len() {
        return None;
    }
    let mut line = 0;
    let ragged = text
        .chars()
        .map(|c| match is_end(c) {
            true => {
                line += 1;
                match lines[line - 1].stretch > MAX_SPACE_GAP {
                    true => LINE_RAGGED,
                    false => c,
                }
            }
            false => c,
        })
        .collect();
    Some(ragged)
}

/// The indices of the justified lines (all but the last) among `lines` that gape.
fn gappy(lines: &[Line]) -> impl Iterator<Item = usize> + '_ {
    let justified = lines.len().saturating_sub(1);
    (0..justified).filter(|&i| lines[i].stretch > MAX_SPACE_GAP)
}

/// One laid-out line of a Khmer clause paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The line's text, as laid out.
    pub text: String,
    /// The widest gap a space makes in the line, in em (see [`widest_space`]).
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

/// The widest gap a space makes in a text run, in em of its font size: the space's
/// advance and what justification added to the cluster before it, as a reader sees it.
pub fn widest_space(text: &TextItem) -> f64 {
    let added = |g: &typst::text::Glyph| {
        let natural = text.font.x_advance(g.id).map_or(0.0, |a| a.get());
        (g.x_advance.get() - natural).max(0.0)
    };
    let glyphs = &text.glyphs;
    glyphs
        .iter()
        .enumerate()
        .filter(|(_, g)| text.text.get(g.range()) == Some(" "))
        .map(|(i, g)| g.x_advance.get() + i.checked_sub(1).map_or(0.0, |p| added(&glyphs[p])))
        .fold(0.0, f64::max)
}

/// Where each of `lines` but the last ends in `text` (a marked paragraph): the byte
/// offset after its last letter, before the space or marks that follow it. `None` if
/// the lines do not match the text.
fn line_ends(text: &str, lines: &[Line]) -> Option<Vec<usize>> {
    let skippable = |c: char| c.is_whitespace() || is_mark(c);
    let mut chars = text.char_indices().peekable();
    let mut ends = Vec::with_capacity(lines.len());
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
        ends.push(chars.peek().map_or(text.len(), |&(at, _)| at));
    }
    Some(ends)
}

/// `text` (a marked paragraph) with a forced line end after each of `lines` but the
/// last, in place of the space it ended at: [`LINE_RAGGED`] after a line that gapes,
/// else [`LINE_JUSTIFIED`]. `None` if the lines do not match the text.
fn force_line_ends(text: &str, lines: &[Line]) -> Option<String> {
    let ends = line_ends(text, lines)?;
    let mut out = String::with_capacity(text.len() + lines.len() * 3);
    let mut copied = 0;
    for (line, end) in lines.iter().zip(ends) {
        // The line ends here. The space it ended at is dropped (a forced line end
        // would carry it onto a line), the marks kept, and the line end goes before the
        // next line's first letter or kept unit.
        out.push_str(&text[copied..end]);
        let mut next = end;
        for c in text[end..].chars() {
            if !(c.is_whitespace() || is_mark(c)) || c == KEEP_START {
                break;
            }
            if !c.is_whitespace() {
                out.push(c);
            }
            next += c.len_utf8();
        }
        copied = next;
        out.push(match line.stretch > MAX_SPACE_GAP {
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
    use crate::layout::typeset::marked;

    #[test]
    fn forced_line_ends_fall_after_each_line_but_the_last() {
        let text = marked("ដៃគូទាំងពីរសន្យាថា នឹងថែរក្សា ជួយឧបត្ថម្ភ");
        let line = |text: &str, stretch| Line {
            text: text.into(),
            stretch,
        };
        let lines = [
            line("ដៃគូទាំងពីរសន្យាថា ", 0.5),
            line("នឹងថែរក្សា", 1.4),
            line("ជួយឧបត្ថម្ភ", 0.4),
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
        // Laid out again, a forced line that now gapes is set ragged; the others stay.
        let again = [
            line("ដៃគូទាំងពីរសន្យាថា", 1.3),
            line("នឹងថែរក្សា", 0.5),
            line("ជួយឧបត្ថម្ភ", 0.3),
        ];
        let ragged = ragged_lines(&forced, &again).unwrap();
        assert_eq!(ragged.matches(LINE_RAGGED).count(), 2);
        assert_eq!(ragged_lines(&forced, &again[1..]), None);
    }
}
