//! Word by word: a text split into words (Khmer by the dictionary segmentation the layout breaks lines with) and two texts compared word by word.

use crate::layout::breaks::khmer_breaks;
use crate::locale::script::{is_khmer, is_khmer_digit};
use similar::{Algorithm, ChangeTag, TextDiff};

/// A piece of a compared text: the same in both, only in the old one, or only in the
/// new one.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Segment {
    /// Text both versions have.
    Same(String),
    /// Text only the old version has (struck through in a redline).
    Removed(String),
    /// Text only the new version has (underlined in a redline).
    Added(String),
}

impl Segment {
    /// The segment's text.
    pub fn text(&self) -> &str {
        match self {
            Segment::Same(t) | Segment::Removed(t) | Segment::Added(t) => t,
        }
    }
}

/// `text` split into words, spaces and marks, which joined give `text` back.
///
/// A run of Khmer letters is split where the layout may break a line (between
/// dictionary words, never inside a word, a number in words or an ordinal, see
/// `layout::breaks`), so a changed Khmer word is one word even with no space around
/// it; other text is split into runs of letters and digits, single marks and runs of
/// spaces.
pub fn words(text: &str) -> Vec<&str> {
    let mut cuts: Vec<usize> = khmer_breaks(text);
    let mut previous: Option<char> = None;
    for (at, c) in text.char_indices() {
        if previous.is_some_and(|p| boundary(p, c)) {
            cuts.push(at);
        }
        previous = Some(c);
    }
    cuts.push(text.len());
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::with_capacity(cuts.len());
    let mut start = 0;
    for cut in cuts {
        if cut > start {
            out.push(&text[start..cut]);
            start = cut;
        }
    }
    out
}

/// Whether a word ends between `before` and `after` (Khmer words are cut by the
/// dictionary, not here, except before and after a Khmer full stop or colon, and
/// between Khmer digits and letters, so that `ឆ្នាំ២០២៦` is a word and a number).
fn boundary(before: char, after: char) -> bool {
    let stop = |c: char| matches!(c, '។' | '៕' | '៖');
    if stop(before) || stop(after) || is_khmer_digit(before) != is_khmer_digit(after) {
        return true;
    }
    let kind = |c: char| match c {
        c if c.is_whitespace() => 0,
        c if is_khmer(c) => 1,
        c if c.is_alphanumeric() => 2,
        _ => 3,
    };
    let (a, b) = (kind(before), kind(after));
    a != b || a == 3
}

/// `old` and `new` compared word by word, as the segments of the new text with the old
/// words put in: each change is its removed words, then its added words. A space
/// alone between two changes joins them, so a changed phrase reads as one change.
pub fn compare_words(old: &str, new: &str) -> Vec<Segment> {
    let (a, b) = (words(old), words(new));
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_slices(&a, &b);
    let mut segments: Vec<Segment> = Vec::new();
    for change in diff.iter_all_changes() {
        let word = change.value();
        let segment = match change.tag() {
            ChangeTag::Equal => Segment::Same(word.to_owned()),
            ChangeTag::Delete => Segment::Removed(word.to_owned()),
            ChangeTag::Insert => Segment::Added(word.to_owned()),
        };
        segments.push(segment);
    }
    tidy(segments)
}

/// Joins neighbouring segments of one kind, folds what stands alone between two
/// changes (a space, a hyphen of a code, a comma and a space) into both, and puts each
/// change's removed words before its added ones.
fn tidy(segments: Vec<Segment>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut removed = String::new();
    let mut added = String::new();
    let flush = |out: &mut Vec<Segment>, removed: &mut String, added: &mut String| {
        if !removed.is_empty() {
            out.push(Segment::Removed(std::mem::take(removed)));
        }
        if !added.is_empty() {
            out.push(Segment::Added(std::mem::take(added)));
        }
    };
    let mut i = 0;
    while i < segments.len() {
        match &segments[i] {
            Segment::Removed(t) => removed.push_str(t),
            Segment::Added(t) => added.push_str(t),
            Segment::Same(_) => {
                // The run of same words from here.
                let end = segments[i..]
                    .iter()
                    .position(|s| !matches!(s, Segment::Same(_)))
                    .map_or(segments.len(), |n| i + n);
                let same: String = segments[i..end].iter().map(Segment::text).collect();
                let in_change = !(removed.is_empty() && added.is_empty());
                let small = same.chars().count() <= 2 && !same.chars().any(char::is_alphanumeric);
                if in_change && end < segments.len() && small {
                    removed.push_str(&same);
                    added.push_str(&same);
                } else {
                    flush(&mut out, &mut removed, &mut added);
                    out.push(Segment::Same(same));
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
    flush(&mut out, &mut removed, &mut added);
    out
}

/// The old text of `segments`: the same and the removed pieces.
pub fn old_text(segments: &[Segment]) -> String {
    segments
        .iter()
        .filter(|s| !matches!(s, Segment::Added(_)))
        .map(Segment::text)
        .collect()
}

/// The new text of `segments`: the same and the added pieces.
pub fn new_text(segments: &[Segment]) -> String {
    segments
        .iter()
        .filter(|s| !matches!(s, Segment::Removed(_)))
        .map(Segment::text)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn khmer_is_split_into_dictionary_words_and_latin_at_spaces_and_marks() {
        let text = "មុខរបរគ្រូបង្រៀន អាសយដ្ឋាន (RoCK), 012 345";
        let w = words(text);
        assert_eq!(w.concat(), text);
        assert!(w.contains(&"គ្រូបង្រៀន"), "{w:?}");
        assert!(
            w.contains(&"RoCK") && w.contains(&"(") && w.contains(&","),
            "{w:?}"
        );
    }

    #[test]
    fn one_changed_khmer_word_is_marked_alone() {
        let segments = compare_words("មុខរបរគ្រូបង្រៀន អាសយដ្ឋានផ្ទះលេខ១២", "មុខរបរវេជ្ជបណ្ឌិត អាសយដ្ឋានផ្ទះលេខ១២");
        let changed: Vec<&Segment> = segments
            .iter()
            .filter(|s| !matches!(s, Segment::Same(_)))
            .collect();
        assert_eq!(
            changed,
            [
                &Segment::Removed("គ្រូបង្រៀន".into()),
                &Segment::Added("វេជ្ជបណ្ឌិត".into())
            ]
        );
        assert_eq!(old_text(&segments), "មុខរបរគ្រូបង្រៀន អាសយដ្ឋានផ្ទះលេខ១២");
        assert_eq!(new_text(&segments), "មុខរបរវេជ្ជបណ្ឌិត អាសយដ្ឋានផ្ទះលេខ១២");
    }

    #[test]
    fn a_changed_phrase_is_one_change() {
        let segments = compare_words(
            "occupation: Teacher, residing",
            "occupation: Head nurse, residing",
        );
        assert_eq!(
            segments,
            [
                Segment::Same("occupation: ".into()),
                Segment::Removed("Teacher".into()),
                Segment::Added("Head nurse".into()),
                Segment::Same(", residing".into()),
            ]
        );
    }
}
