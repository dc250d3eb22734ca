//! The wording compared part by part: which parts of the contract were added, removed, changed word by word, or only renumbered or moved.

use super::words::{Segment, compare_words, words};
use crate::outputs::review::Part;
use similar::{Algorithm, ChangeTag, DiffOp, TextDiff};
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

/// One line of a changed part: the same in both (context), or changed word by word,
/// or a whole line added or removed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LineChange {
    /// The line's pieces; a line with only [`Segment::Added`] is a new line, one with
    /// only [`Segment::Removed`] a removed one.
    pub segments: Vec<Segment>,
}

impl LineChange {
    /// Whether the line is new as a whole.
    pub fn is_added(&self) -> bool {
        self.segments.iter().all(|s| matches!(s, Segment::Added(_)))
    }

    /// Whether the line was removed as a whole.
    pub fn is_removed(&self) -> bool {
        self.segments
            .iter()
            .all(|s| matches!(s, Segment::Removed(_)))
    }

    /// Whether the line is a table row whose only change is its number (first cell).
    pub fn is_renumbered_row(&self) -> bool {
        let number = |t: &str| !t.trim().is_empty() && t.trim().chars().all(|c| c.is_numeric());
        matches!(
            self.segments.as_slice(),
            [Segment::Same(start), Segment::Removed(a), Segment::Added(b), Segment::Same(rest)]
                if start == "| " && number(a) && number(b) && rest.starts_with(" |")
        )
    }

    /// The line with its changes marked as `wdiff` does: `[-removed-]{+added+}`.
    pub fn marked(&self) -> String {
        self.styled(&Style::BRACKETS)
    }

    /// The line with its changes marked in `style`.
    pub fn styled(&self, style: &Style) -> String {
        let mut out = String::new();
        for s in &self.segments {
            match s {
                Segment::Same(t) => out.push_str(t),
                Segment::Removed(t) => {
                    let _ = write!(out, "{}{t}{}", style.removed.0, style.removed.1);
                }
                Segment::Added(t) => {
                    let _ = write!(out, "{}{t}{}", style.added.0, style.added.1);
                }
            }
        }
        out
    }
}

/// How changed words are marked in text: what goes before and after removed and
/// added words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Style {
    /// What goes before and after removed words.
    pub removed: (&'static str, &'static str),
    /// What goes before and after added words.
    pub added: (&'static str, &'static str),
    /// Whether a line removed or added whole is marked too (its `-` or `+` says it).
    pub whole_lines: bool,
}

impl Style {
    /// Plain text, for a file or an email: `[-removed-]{+added+}`.
    pub const BRACKETS: Style = Style {
        removed: ("[-", "-]"),
        added: ("{+", "+}"),
        whole_lines: false,
    };
    /// A terminal: removed words red and struck through, added ones green and underlined.
    pub const TERMINAL: Style = Style {
        removed: ("\x1b[31;9m", "\x1b[0m"),
        added: ("\x1b[32;4m", "\x1b[0m"),
        whole_lines: true,
    };
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

/// The changed lines between two versions of a part, each marked word by word: the
/// lines are matched first, then a changed line's words.
pub fn changed_lines(old: &[&str], new: &[&str]) -> Vec<LineChange> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_slices(old, new);
    let mut out = Vec::new();
    for op in diff.ops() {
        let whole = |tag: ChangeTag, text: &str| LineChange {
            segments: vec![match tag {
                ChangeTag::Insert => Segment::Added(text.to_owned()),
                _ => Segment::Removed(text.to_owned()),
            }],
        };
        match *op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index, old_len, ..
            } => out.extend(
                old[old_index..old_index + old_len]
                    .iter()
                    .map(|l| whole(ChangeTag::Delete, l)),
            ),
            DiffOp::Insert {
                new_index, new_len, ..
            } => out.extend(
                new[new_index..new_index + new_len]
                    .iter()
                    .map(|l| whole(ChangeTag::Insert, l)),
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => out.extend(paired_lines(
                &old[old_index..old_index + old_len],
                &new[new_index..new_index + new_len],
            )),
        }
    }
    out
}

/// The most pairs of lines [`paired_lines`] weighs against each other.
const MAX_PAIRINGS: usize = 40_000;

/// Replaced lines paired with the new lines most like them, in order (a Khmer line
/// with a Khmer line, a table row with the row of the same child): a pair is compared
/// word by word, a line left unpaired is removed or added whole.
fn paired_lines(old: &[&str], new: &[&str]) -> Vec<LineChange> {
    // The share of words two lines have in common, 0 to 1.
    let likeness = |a: &str, b: &str| {
        let (wa, wb) = (words(a), words(b));
        let diff = TextDiff::configure()
            .algorithm(Algorithm::Patience)
            .diff_slices(&wa, &wb);
        let same: usize = diff
            .iter_all_changes()
            .filter(|c| c.tag() == ChangeTag::Equal && !c.value().trim().is_empty())
            .count();
        let all = wa
            .iter()
            .chain(&wb)
            .filter(|w| !w.trim().is_empty())
            .count();
        match all {
            0 => 1.0,
            n => 2.0 * same as f64 / n as f64,
        }
    };
    // The best total likeness of pairs in order (lines too unlike are never paired);
    // past a few hundred lines replaced at once (no contract has them; a made-up
    // draft might), the lines are paired in order instead.
    let (n, m) = (old.len(), new.len());
    if n * m > MAX_PAIRINGS {
        let k = n.min(m);
        let mut out: Vec<LineChange> = (0..k)
            .map(|i| LineChange {
                segments: compare_words(old[i], new[i]),
            })
            .collect();
        out.extend(old[k..].iter().map(|l| LineChange {
            segments: vec![Segment::Removed((*l).to_owned())],
        }));
        out.extend(new[k..].iter().map(|l| LineChange {
            segments: vec![Segment::Added((*l).to_owned())],
        }));
        return out;
    }
    let mut best = vec![vec![0.0f64; m + 1]; n + 1];
    let mut like = vec![vec![0.0f64; m]; n];
    for i in 0..n {
        for j in 0..m {
            like[i][j] = likeness(old[i], new[j]);
        }
    }
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let pair = match like[i][j] >= 0.4 {
                true => like[i][j] + best[i + 1][j + 1],
                false => f64::MIN,
            };
            best[i][j] = pair.max(best[i + 1][j]).max(best[i][j + 1]);
        }
    }
    let whole = |added: bool, text: &str| LineChange {
        segments: vec![match added {
            true => Segment::Added(text.to_owned()),
            false => Segment::Removed(text.to_owned()),
        }],
    };
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n && j < m {
        if like[i][j] >= 0.4 && best[i][j] == like[i][j] + best[i + 1][j + 1] {
            out.push(LineChange {
                segments: compare_words(old[i], new[j]),
            });
            i += 1;
            j += 1;
        } else if best[i][j] == best[i + 1][j] {
            out.push(whole(false, old[i]));
            i += 1;
        } else {
            out.push(whole(true, new[j]));
            j += 1;
        }
    }
    out.extend(old[i..].iter().map(|l| whole(false, l)));
    out.extend(new[j..].iter().map(|l| whole(true, l)));
    out
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
