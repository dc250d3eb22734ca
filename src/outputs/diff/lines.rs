//! Lines compared: matched line by line, then a changed line word by word, and written out with the changes marked.

use super::words::{Segment, compare_words, words};
use similar::{Algorithm, ChangeTag, DiffOp, TextDiff};
use std::fmt::Write;

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
