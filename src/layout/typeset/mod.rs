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
//! A justified Khmer line that would need a gap wider than [`MAX_SPACE_GAP`] at a
//! space is set ragged instead ([`rag_gappy_lines`]).

mod lines;
mod marks;

pub use lines::{Line, MAX_SPACE_GAP, khmer_paragraph_lines, rag_gappy_lines, widest_space};
pub use marks::{Keep, MIN_LAST_LINE_CLUSTERS, mark_breaks, marked};

use typst::layout::{Frame, FrameItem};
use typst::model::Document;
use typst::text::Lang;
use typst_layout::PagedDocument;

/// The break mark the layout turns into a break opportunity (a private-use character,
/// which no bundled font prints, so it can never come from the data).
pub const BREAK_MARK: char = '\u{E000}';

/// The marks around a unit the layout keeps whole in a box: a word that meets a digit,
/// a mark or a non-Khmer character, where Typst would otherwise allow a break.
pub const KEEP_START: char = '\u{E001}';
/// See [`KEEP_START`].
pub const KEEP_END: char = '\u{E002}';

/// The mark for a forced line end whose line stays justified (in a column set ragged
/// throughout, the parallel layout's Khmer, it stays ragged).
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
    let mut pages: Vec<typst_layout::Page> = document.pages().to_vec();
    finish_pages(&mut pages);
    PagedDocument::new(pages.into(), Document::info(document).clone())
}

/// [`finish`] in place, on pages not yet made a document (whose index of locations
/// is then built once).
pub fn finish_pages(pages: &mut [typst_layout::Page]) {
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
    for page in pages {
        walk(&mut page.frame);
    }
}
