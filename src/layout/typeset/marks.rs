//! Marking the layout data's Khmer texts for Typst: a break mark at each word break, units and names kept whole, a paragraph's last line never a lone syllable.

use super::{ADDED_START, BREAK_MARK, CHANGE_END, KEEP_END, KEEP_START, REMOVED_START, is_mark};
use crate::layout::breaks::{khmer_breaks, unbreakable_spaces};
use crate::layout::model::LayoutData;
use crate::locale::Text;
use crate::locale::script::{clusters, is_khmer_letter_or_sign};

/// Marks the line breaks of every Khmer text in `data`: the Khmer of every text, every
/// clause's Khmer paragraphs, and the codes a table cell prints once, as typed (a birth
/// certificate or a title number), which may hold Khmer and are then broken like it.
/// Every name the data prints (a partner's, a child's, a witness's, a chief's) is kept
/// whole wherever it appears, and a clause paragraph's last line is never a lone
/// syllable (see [`Keep`]).
pub fn mark_breaks(data: &mut LayoutData) {
    use rayon::prelude::*;
    let keep = Keep::names_of(data);
    let keep = &keep;
    let text = |t: &mut Text| t.km = keep.marked(&t.km, false);
    let LayoutData {
        labels,
        header,
        clauses,
        schedules,
        signers,
        redline,
        ..
    } = data;
    // The clauses, most of the text, are marked on other cores meanwhile.
    let paragraphs = || {
        clauses.par_iter_mut().for_each(|clause| {
            [&mut clause.number, &mut clause.title, &mut clause.heading]
                .into_iter()
                .for_each(text);
            clause
                .km
                .par_iter_mut()
                .for_each(|p| *p = keep.marked(p, true));
        })
    };
    let rest = || {
        let some = |t: &mut Option<Text>| t.iter_mut().for_each(text);
        let code = |c: &mut Option<String>| {
            if let Some(c) = c {
                *c = keep.marked(c, false);
            }
        };
        labels.values_mut().for_each(text);
        [&mut header.kingdom, &mut header.motto, &mut header.title]
            .into_iter()
            .for_each(text);
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
        if let Some(redline) = redline {
            for value in &mut redline.values {
                text(&mut value.field);
                value.was = marked(&value.was);
                value.now = marked(&value.now);
            }
            redline.renumbered.iter_mut().for_each(text);
        }
    };
    rayon::join(paragraphs, rest);
}

/// `text` marked for the layout: [`BREAK_MARK`] at each Khmer break;
/// each unit between breaks and spaces that mixes Khmer letters with anything else
/// (ឆ្នាំ២០២៦, ភ្នំពេញ។, (ដប់ពីរលានរៀល)) between [`KEEP_START`] and [`KEEP_END`], because
/// Typst would break where a run of Khmer letters meets another character; so is a unit
/// with a space that may not break (before ។, inside a phone number), so no line starts
/// with ។.
pub fn marked(text: &str) -> String {
    Keep::default().marked(text, false)
}

/// What the marks keep whole beyond words, numbers and places (see
/// [`crate::layout::breaks`]): the names a declaration prints.
#[derive(Debug, Default)]
pub struct Keep {
    /// The Khmer names, each kept on one line, its spaces never stretched.
    names: Vec<String>,
}

/// The fewest clusters a clause paragraph's last line holds (no "កូន។" alone).
pub const MIN_LAST_LINE_CLUSTERS: usize = 3;

impl Keep {
    /// The names `data` prints: the partners', witnesses', interpreter's and chiefs' in
    /// the signature blocks and the children's in their schedule.
    pub fn names_of(data: &LayoutData) -> Keep {
        let signers = &data.signers;
        let people = signers
            .partners
            .iter()
            .chain(&signers.witnesses)
            .chain(&signers.interpreter)
            .filter_map(|s| s.name.as_ref());
        let chiefs = [&signers.chief, &signers.village_chief]
            .into_iter()
            .flatten();
        let children = data.schedules.children.iter().map(|row| &row.name);
        let mut names: Vec<String> = people
            .chain(chiefs)
            .chain(children)
            .map(|name| name.km.trim().to_owned())
            .filter(|name| name.chars().any(is_khmer_letter_or_sign))
            .collect();
        names.sort();
        names.dedup();
        Keep { names }
    }

    /// `text` marked for the layout (see [`marked`]), keeping each name whole; with
    /// `paragraph`, the last line keeps at least [`MIN_LAST_LINE_CLUSTERS`] clusters.
    pub fn marked(&self, text: &str, paragraph: bool) -> String {
        if !text.chars().any(is_khmer_letter_or_sign) {
            return text.to_owned();
        }
        if text.contains(CHANGE_END) {
            return marked_redline(text);
        }
        let mut breaks = khmer_breaks(text);
        let mut keep = unbreakable_spaces(text);
        for name in &self.names {
            for (start, _) in text.match_indices(name.as_str()) {
                let end = start + name.len();
                breaks.retain(|&at| at <= start || at >= end);
                keep.extend(
                    text[start..end]
                        .match_indices(' ')
                        .map(|(at, _)| start + at),
                );
            }
        }
        keep.sort_unstable();
        if paragraph {
            // From the end, every break (or breakable space) that would leave fewer
            // clusters after it is dropped.
            let spaces = text.match_indices(' ').map(|(at, _)| at);
            let mut chances: Vec<usize> = breaks.iter().copied().chain(spaces).collect();
            chances.sort_unstable();
            for at in chances.into_iter().rev() {
                if clusters(&text[at..]) >= MIN_LAST_LINE_CLUSTERS {
                    break;
                }
                breaks.retain(|&b| b != at);
                if text[at..].starts_with(' ') && keep.binary_search(&at).is_err() {
                    keep.push(at);
                    keep.sort_unstable();
                }
            }
        }
        with_marks(text, &breaks, &keep)
    }
}

/// `text` with [`BREAK_MARK`] at each of `breaks` and each unit that mixes Khmer
/// letters with anything else, or holds one of the spaces `keep`, kept whole.
fn with_marks(text: &str, breaks: &[usize], keep: &[usize]) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every Khmer text of the layout data, found by its place in the JSON the layout
    /// reads: any string under a `km` key (a clause's paragraphs: a list under one) and
    /// every code a cell prints as typed. `mark_breaks` must mark exactly these, so that
    /// a text added to the model is not left unmarked.
    fn marked_by_keys(value: &mut serde_json::Value, khmer: bool, keep: &Keep) {
        use serde_json::Value;
        match value {
            Value::String(s) if khmer => *s = keep.marked(s, false),
            Value::Array(items) if khmer => {
                for item in items {
                    if let Value::String(s) = item {
                        *s = keep.marked(s, true);
                    }
                }
            }
            Value::Array(items) => items
                .iter_mut()
                .for_each(|v| marked_by_keys(v, false, keep)),
            Value::Object(map) => {
                for (key, v) in map.iter_mut() {
                    let code =
                        ["certificate", "registration", "was", "now"].contains(&key.as_str());
                    marked_by_keys(v, key == "km" || code, keep);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn every_khmer_text_of_the_model_is_marked() {
        let renderer = crate::Renderer::new();
        for source in [
            include_str!("../../../examples/dara-and-sophea.toml"),
            include_str!("../../../examples/large.toml"),
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
                marked_by_keys(&mut expected, false, &Keep::names_of(&model));
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
}
