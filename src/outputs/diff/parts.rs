//! The wording compared part by part: which parts of the contract were added, removed, changed word by word, or only renumbered or moved.

use super::lines::{LineChange, Style, changed_lines};
use super::words::Segment;
use crate::outputs::review::Part;
use similar::{Algorithm, ChangeTag, TextDiff};
use std::collections::HashMap;
use std::fmt::Write;

/// What happened to a part of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PartChange {
    /// The new contract has it, the old one did not.
    Added,
    /// The old contract had it, the new one does not.
    Removed,
    /// Its text changed.
    Changed,
    /// Only its clause number changed (and the numbers of the clauses it refers to).
    Renumbered,
    /// Its text is the same, but it is printed in another place among the parts.
    Moved,
}

/// A part of the contract that differs between the two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WordingChange {
    /// What happened to it.
    pub change: PartChange,
    /// The part's heading (the new one, or the old one if the part was removed).
    pub heading: Vec<String>,
    /// The part as the old version prints it (`None`: the part is new).
    pub old: Option<Part>,
    /// The part as the new version prints it (`None`: the part is gone).
    pub new: Option<Part>,
    /// The lines that changed, in order, each marked word by word (none for a part
    /// that was only renumbered or moved); a new or removed part's body.
    pub lines: Vec<LineChange>,
    /// Whether its clause number changed: a `Renumbered` part, or a `Changed` one
    /// (whose lines are then compared with the numbers made new).
    pub renumbered: bool,
}

impl WordingChange {
    /// The part's key: its wording file's name, or a schedule's name.
    pub fn key(&self) -> &str {
        self.new
            .as_ref()
            .or(self.old.as_ref())
            .map_or("", |p| &p.key)
    }

    /// The change as text: the part's key and heading, then each changed line marked
    /// `[-removed-]{+added+}`, a whole new line after `+ `, a removed one after `- `;
    /// a renumbered or moved part in one line.
    pub fn text(&self) -> String {
        self.styled(&Style::BRACKETS)
    }

    /// The change as text (see [`WordingChange::text`]), changed words marked in `style`.
    pub fn styled(&self, style: &Style) -> String {
        let mut out = format!("── {}", self.key());
        match self.change {
            PartChange::Renumbered => {
                let old = self.old.as_ref().map_or(&[][..], |p| &p.heading[..]);
                let new = self.new.as_ref().map_or(&[][..], |p| &p.heading[..]);
                let pairs: Vec<String> = old
                    .iter()
                    .zip(new)
                    .map(|(o, n)| format!("{o} → {n}"))
                    .collect();
                let _ = writeln!(out, ": renumbered only: {}", pairs.join(" / "));
                return out;
            }
            PartChange::Moved => {
                let _ = writeln!(out, ": moved, text unchanged: {}", self.heading.join(" / "));
                return out;
            }
            PartChange::Added => out.push_str(": new\n"),
            PartChange::Removed => out.push_str(": removed\n"),
            _ if self.renumbered => {
                let was = self.old.as_ref().map_or(&[][..], |p| &p.heading[..]);
                let _ = writeln!(out, ": renumbered (was {}), and changed:", was.join(" / "));
            }
            _ => out.push('\n'),
        }
        for line in &self.heading {
            let _ = writeln!(out, "{line}");
        }
        // Table rows whose only change is their number (a row removed above them) are
        // counted, not listed.
        let (renumbered_rows, lines): (Vec<&LineChange>, Vec<&LineChange>) =
            self.lines.iter().partition(|l| l.is_renumbered_row());
        if !renumbered_rows.is_empty() {
            let _ = writeln!(
                out,
                "= {} table lines only renumbered (their row number)",
                renumbered_rows.len()
            );
        }
        for line in lines {
            let (sign, whole) = match (line.is_added(), line.is_removed()) {
                (true, _) => ("+ ", true),
                (_, true) => ("- ", true),
                _ => ("~ ", false),
            };
            let text = match whole && !style.whole_lines {
                true => line.segments.iter().map(Segment::text).collect(),
                false => line.styled(style),
            };
            let _ = writeln!(out, "{sign}{text}");
        }
        out
    }
}

/// How clause numbers changed between the two versions, to tell a renumbered part
/// from a changed one: the word before a clause number in each language (`ប្រការ`,
/// `Article`) and each clause's old and new number.
#[derive(Debug, Clone, Default)]
pub struct Renumbering {
    /// For each language: the article word and the old → new numbers.
    pub(crate) languages: Vec<(String, HashMap<String, String>)>,
}

impl Renumbering {
    /// `text` with every clause number after the article word (`ប្រការ ៧`, `ប្រការ៧`,
    /// `Article 7`) replaced by its new number.
    fn renumbered(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for (word, numbers) in &self.languages {
            if word.is_empty() || numbers.is_empty() {
                continue;
            }
            let mut out = String::with_capacity(text.len());
            let mut rest = text.as_str();
            while let Some(at) = find_word(rest, word) {
                let after = at + word.len();
                out.push_str(&rest[..after]);
                rest = &rest[after..];
                let space = rest.len() - rest.trim_start_matches([' ', '\u{a0}']).len();
                let space = space.min(1);
                out.push_str(&rest[..space]);
                rest = &rest[space..];
                let digits = rest
                    .char_indices()
                    .find(|(_, c)| !(c.is_ascii_digit() || ('០'..='៩').contains(c)))
                    .map_or(rest.len(), |(i, _)| i);
                let number = &rest[..digits];
                out.push_str(numbers.get(number).map_or(number, String::as_str));
                rest = &rest[digits..];
            }
            out.push_str(rest);
            text = out;
        }
        text
    }
}

/// Where `word` first occurs in `text`, ignoring ASCII case (`Article` and `article`).
fn find_word(text: &str, word: &str) -> Option<usize> {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    (0..=t.len().checked_sub(w.len())?)
        .filter(|&i| text.is_char_boundary(i))
        .find(|&i| t[i..i + w.len()].eq_ignore_ascii_case(w))
}

/// The lines of a part that are compared: heading and body, without blank lines.
fn lines(part: &Part) -> Vec<&str> {
    part.heading
        .iter()
        .chain(&part.body)
        .map(String::as_str)
        .filter(|l| !l.is_empty())
        .collect()
}

/// The parts whose text differs, matched by key, in the order of the new parts (a
/// removed part where it was). A part whose only change is its clause number, or the
/// numbers of the clauses it refers to, is `Renumbered`; one whose text is the same
/// but whose place among the parts changed is `Moved`; a changed part's lines are
/// compared with those numbers made new, so only the words that changed are marked.
pub fn wording_changes(old: &[Part], new: &[Part], numbering: &Renumbering) -> Vec<WordingChange> {
    let find = |parts: &[Part], key: &str| parts.iter().find(|p| p.key == key).cloned();
    // The parts in both, in the order each version prints them: a part outside their
    // longest common order was moved.
    let old_keys: Vec<&str> = old.iter().map(|p| p.key.as_str()).collect();
    let new_keys: Vec<&str> = new
        .iter()
        .map(|p| p.key.as_str())
        .filter(|k| old_keys.contains(k))
        .collect();
    let old_keys: Vec<&str> = old_keys
        .into_iter()
        .filter(|k| new_keys.contains(k))
        .collect();
    let order = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_slices(&old_keys, &new_keys);
    let in_place: Vec<&str> = order
        .iter_all_changes()
        .filter(|c| c.tag() == ChangeTag::Equal)
        .map(|c| c.value())
        .collect();
    // Each change with where it goes: after the new part at that place, or, for a
    // removed part, after the part it followed in the old version.
    let mut changes: Vec<(usize, usize, WordingChange)> = Vec::new();
    let body =
        |p: &Part| -> Vec<String> { p.body.iter().filter(|l| !l.is_empty()).cloned().collect() };
    for (at, n) in new.iter().enumerate() {
        let o = find(old, &n.key);
        let mut renumbered = false;
        let (change, line_changes) = match &o {
            None => (PartChange::Added, changed_lines(&[], &str_refs(&body(n)))),
            Some(o) if o == n && in_place.contains(&n.key.as_str()) => continue,
            Some(o) if o == n => (PartChange::Moved, Vec::new()),
            Some(o) => {
                // Compared with its clause numbers (and those it refers to) made new,
                // so that only the words that changed are marked.
                let was: Vec<String> = lines(o).iter().map(|l| numbering.renumbered(l)).collect();
                renumbered = o.heading != n.heading
                    && was[..o.heading.len().min(was.len())] == n.heading[..];
                let is: Vec<&str> = lines(n);
                match str_refs(&was) == is {
                    true => (PartChange::Renumbered, Vec::new()),
                    false => (PartChange::Changed, changed_lines(&str_refs(&was), &is)),
                }
            }
        };
        changes.push((
            at,
            1,
            WordingChange {
                change,
                heading: n.heading.clone(),
                old: o,
                new: Some(n.clone()),
                lines: line_changes,
                renumbered,
            },
        ));
    }
    for (k, o) in old.iter().enumerate() {
        if find(new, &o.key).is_some() {
            continue;
        }
        // After the new place of the nearest earlier part that is still printed.
        let after = old[..k]
            .iter()
            .rev()
            .find_map(|p| new.iter().position(|n| n.key == p.key));
        let (at, order) = after.map_or((0, 0), |a| (a, 2));
        changes.push((
            at,
            order,
            WordingChange {
                change: PartChange::Removed,
                heading: o.heading.clone(),
                old: Some(o.clone()),
                new: None,
                lines: changed_lines(&str_refs(&body(o)), &[]),
                renumbered: false,
            },
        ));
    }
    changes.sort_by_key(|(at, order, _)| (*at, *order));
    changes.into_iter().map(|(_, _, c)| c).collect()
}

fn str_refs(lines: &[String]) -> Vec<&str> {
    lines.iter().map(String::as_str).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(key: &str, heading: &str, body: &[&str]) -> Part {
        Part {
            key: key.to_owned(),
            heading: vec![heading.to_owned()],
            body: body.iter().map(|l| (*l).to_owned()).collect(),
        }
    }

    #[test]
    fn a_moved_part_is_one_line_and_parts_in_place_are_not_listed() {
        let a = part("a", "Article 1: A", &["First."]);
        let b = part("b", "Article 2: B", &["Second."]);
        let c = part("c", "Article 3: C", &["Third."]);
        let changes = wording_changes(
            &[a.clone(), b.clone(), c.clone()],
            &[a, c, b],
            &Renumbering::default(),
        );
        assert_eq!(changes.len(), 1, "{changes:#?}");
        assert_eq!(changes[0].change, PartChange::Moved);
        // One of the two that swapped places is the one that moved.
        let text = changes[0].text();
        assert!(["b", "c"].contains(&changes[0].key()), "{text}");
        assert!(text.contains(": moved, text unchanged: Article"), "{text}");
    }

    #[test]
    fn a_renumbered_part_and_its_references_are_not_changed_text() {
        let numbering = Renumbering {
            languages: vec![(
                "Article".to_owned(),
                HashMap::from([
                    ("3".to_owned(), "2".to_owned()),
                    ("4".to_owned(), "3".to_owned()),
                ]),
            )],
        };
        let old = part("c", "Article 4: C", &["As in Article 3, and 3 copies."]);
        let renumbered = part("c", "Article 3: C", &["As in Article 2, and 3 copies."]);
        let changes = wording_changes(std::slice::from_ref(&old), &[renumbered], &numbering);
        assert_eq!(changes[0].change, PartChange::Renumbered);
        // A number that is not an article's is a change of text.
        let changed = part("c", "Article 3: C", &["As in Article 2, and 2 copies."]);
        let changes = wording_changes(&[old], &[changed], &numbering);
        assert_eq!(changes[0].change, PartChange::Changed);
        assert!(changes[0].renumbered);
        assert_eq!(changes[0].lines.len(), 1);
        assert_eq!(
            changes[0].lines[0].marked(),
            "As in Article 2, and [-3-]{+2+} copies."
        );
    }
}
