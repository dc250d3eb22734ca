//! Where a Khmer paragraph must not break: from the last word start before ។ or ៗ to the mark.
//!
//! No line may start with ។ or ៗ. Typst breaks Khmer where its LSTM line segmenter
//! allows, and that segmenter allows a break right before the mark. The layout
//! therefore boxes each mark together with the word before it. The word's start is
//! found here with the same segmenter and the same ICU version as Typst, so the box
//! begins where Typst may break anyway and no word is ever split.

use icu_segmenter::LineSegmenter;
use icu_segmenter::options::LineBreakOptions;

/// The Khmer full stop ។ and repetition sign ៗ.
const MARKS: [char; 2] = ['\u{17D4}', '\u{17D7}'];

/// The byte ranges `[start, end]` of `text` to keep on one line: each ends just after a
/// mark and starts at the last break opportunity before it (or where the previous range
/// ended), in order and without overlap.
pub fn glued_spans(text: &str) -> Vec<[usize; 2]> {
    if !text.contains(MARKS) {
        return Vec::new();
    }
    let segmenter = LineSegmenter::new_lstm(LineBreakOptions::default());
    let mut spans: Vec<[usize; 2]> = Vec::new();
    for (at, mark) in text.match_indices(MARKS) {
        // A space may stand between the word and the mark; it stays inside the box.
        let word_end = text[..at].trim_end().len();
        let floor = spans.last().map_or(0, |s| s[1]).min(word_end);
        // Only the phrase around the mark, between spaces, is segmented: a space always
        // allows a break, so the segmenter finds the same word starts in the phrase alone
        // as in the whole paragraph (tested), for a fraction of the work.
        let phrase = text[floor..word_end]
            .rfind(char::is_whitespace)
            .map_or(floor, |i| {
                floor + i + text[floor + i..].chars().next().map_or(1, char::len_utf8)
            });
        // The phrase runs on to the next space: ៗ is part of a Khmer run, and the
        // segmenter weighs the letters after it too.
        let phrase_end = text[at..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| at + i);
        let start = segmenter
            .segment_str(&text[phrase..phrase_end])
            .map(|b| phrase + b)
            .filter(|&b| b < word_end)
            .last()
            .unwrap_or(phrase);
        spans.push([start, at + mark.len()]);
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glued(text: &str) -> Vec<&str> {
        glued_spans(text)
            .into_iter()
            .map(|[a, b]| &text[a..b])
            .collect()
    }

    #[test]
    fn the_word_before_each_mark_is_kept_with_it() {
        let text = "ដៃគូរស់នៅរាជធានីភ្នំពេញ។ កូនៗ";
        let spans = glued(text);
        assert_eq!(spans.len(), 2);
        assert!(spans[0].ends_with("ភ្នំពេញ។"), "{spans:?}");
        assert!(!spans[0].starts_with("ដៃគូ"), "{spans:?}");
        assert!(spans[1].ends_with("កូនៗ"), "{spans:?}");
    }

    /// The spans found by segmenting the whole paragraph at once.
    fn whole_paragraph_spans(text: &str) -> Vec<[usize; 2]> {
        let breaks: Vec<usize> = LineSegmenter::new_lstm(LineBreakOptions::default())
            .segment_str(text)
            .collect();
        let mut spans: Vec<[usize; 2]> = Vec::new();
        for (at, mark) in text.match_indices(MARKS) {
            let word_end = text[..at].trim_end().len();
            let floor = spans.last().map_or(0, |s| s[1]).min(word_end);
            let start = breaks
                .iter()
                .copied()
                .rfind(|&b| b >= floor && b < word_end)
                .unwrap_or(floor);
            spans.push([start, at + mark.len()]);
        }
        spans
    }

    #[test]
    fn segmenting_the_last_phrase_finds_what_the_whole_paragraph_would() {
        let source = include_str!("../examples/dara-and-sophea.toml");
        let declaration = crate::Declaration::from_toml_str(source).unwrap();
        let context =
            crate::view::wording_context(&declaration, crate::Languages::KhmerEnglish, false);
        let wording = crate::wording::WordingSet::compile(&crate::Templates::builtin())
            .unwrap()
            .render(&context)
            .unwrap();
        let mut marks = 0;
        for paragraph in wording.clauses.iter().flat_map(|c| &c.km) {
            marks += glued_spans(paragraph).len();
            assert_eq!(
                glued_spans(paragraph),
                whole_paragraph_spans(paragraph),
                "{paragraph}"
            );
        }
        assert!(marks > 20, "{marks}");
    }

    #[test]
    fn text_without_marks_has_no_spans() {
        assert!(glued_spans("ភាគីទី១ SOK Dara").is_empty());
    }

    #[test]
    fn a_mark_at_the_start_or_after_a_space_is_glued_to_what_precedes() {
        assert_eq!(glued("។"), vec!["។"]);
        assert_eq!(glued("ចប់ ។"), vec!["ចប់ ។"]);
    }
}
