//! Where a Khmer text may break between lines: between dictionary words, never inside one.
//!
//! Khmer writes no spaces between words, so a typesetter must know the words to break
//! a line. Typst's own segmenter (an LSTM model) splits some words (ដៃ|គូ, *partner*)
//! and ordinals from their numbers (ទី|៣). `dfr` finds the breaks itself, with ICU4X's
//! Khmer *dictionary* segmenter (the word list LibreOffice and Chromium break Khmer
//! with), and then refuses a break
//!
//! - that is not between two grapheme clusters (the dictionary can split a cluster);
//! - before a mark that may not start a line (។ ៕ ៖ ៗ ៚);
//! - next to a number in Khmer digits: between ទី and the number it makes an ordinal
//!   (ទី៣, ថ្ងៃទី២១), or a number and the word it counts or names (ឆ្នាំ២០២៦, ៤ច្បាប់);
//! - inside a number written in words, except after a scale word (រយ, ពាន់, ម៉ឺន, សែន,
//!   លាន…), so ប្រាំមួយលាន or កៅសិប never splits but a long amount may break after ពាន់.
//! - before an ordinal (ភាគី|ទី១, ទឹកល្អក់|ទី៣): it stays with what it numbers;
//! - inside a place: after a unit word (ខេត្ត, សង្កាត់, ភូមិ…) and within the first
//!   [`PLACE_NAME_CLUSTERS`] clusters of the name that follows it, up to a space, so
//!   ខេត្តកណ្ដាល, មេឃុំអង្គរបូរី and សង្កាត់ទឹកល្អក់ទី៣ are never split.
//!
//! The layout (see `typeset/`) then lets Typst break a Khmer line only at these points
//! and at spaces.

use crate::locale::script::{clusters, is_khmer, is_khmer_digit};
use crate::locale::words::{KM_LARGE, KM_PLACES, KM_TENS, KM_UNITS};
use crate::places::names::KHMER_UNIT_WORDS;
use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::{GraphemeClusterSegmenter, LineSegmenter, LineSegmenterBorrowed};
use memchr::memmem::Finder;
use std::sync::LazyLock;

/// ICU4X's line segmenter with the Khmer dictionary.
static DICTIONARY: LazyLock<LineSegmenterBorrowed<'static>> =
    LazyLock::new(|| LineSegmenter::new_dictionary(LineBreakOptions::default()));

/// Marks that may not start a line: full stop, end of text, colon, repetition, end of chapter.
const NO_LINE_START: [char; 5] = ['\u{17D4}', '\u{17D5}', '\u{17D6}', '\u{17D7}', '\u{17DA}'];

/// The first syllables of the Khmer tens (សាមសិប, កៅសិប…) and their second, so that
/// a break inside a ten is refused even where the dictionary splits it.
const TENS_SYLLABLES: [&str; 8] = ["សាម", "សែ", "ហា", "ហុក", "ចិត", "ប៉ែត", "កៅ", "សិប"];

/// The scale words of Khmer numbers (រយ, ពាន់, ម៉ឺន, សែន, លាន, ប៊ីលាន, ទ្រីលាន), after
/// which a long number may break: the words `locale::words` writes numbers with.
fn scales() -> impl Iterator<Item = &'static str> {
    KM_PLACES.iter().chain(&KM_LARGE).map(|(_, word)| *word)
}

/// Every piece a number in Khmer words is made of: units, tens, their syllables, scales.
fn number_words() -> impl Iterator<Item = &'static str> {
    KM_UNITS
        .iter()
        .chain(&KM_TENS)
        .copied()
        .filter(|w| !w.is_empty())
        .chain(TENS_SYLLABLES)
        .chain(scales())
}

/// Words the dictionary splits in some contexts (ជាលា|យលក្ខ|ណ៍ in ជាលាយលក្ខណ៍,
/// ជាវ|ត្ថុធានា), which are never broken: the contract's legal terms. The dictionary
/// often takes the first consonant of a word for the last of the word before (ជាម|រត|ក
/// for ជា មរតក, ក្រមរ|ដ្ឋ|ប្បវេណី for ក្រម រដ្ឋប្បវេណី, អាចប|ញ្ចប់, របស់ក្រ|សួង): every
/// such word found in the wording and the labels, and the examples' units, is here.
/// (It can still misread a word typed into the data, such as a brand: ឌ្រី|ម.)
pub const WHOLE_WORDS: [&str; 34] = [
    "លាយលក្ខណ៍",
    "ទ្រព្យសម្បត្តិ",
    "សហកម្មសិទ្ធិ",
    "កម្មសិទ្ធិ",
    "ដៃគូ",
    "អាណាព្យាបាល",
    "មតកសាសន៍",
    "អចលនវត្ថុ",
    "ចលនវត្ថុ",
    // The dictionary reads ជាវ|ត្ថុ ("to buy" and a fragment) in ជាវត្ថុធានា.
    "វត្ថុធានា",
    "សេចក្ដីថ្លែង",
    "វិសោធនកម្ម",
    "ប្រសិនបើ",
    "ខាងក្រោម",
    "ផ្គត់ផ្គង់",
    "ព្រមព្រៀង",
    "អនីតិជន",
    "មរតក",
    "បែងចែក",
    "រដ្ឋប្បវេណី",
    "បញ្ចប់",
    "បញ្ចេញ",
    "ការសម្រេចចិត្ត",
    "មនុស្ស",
    "ពេញវ័យ",
    "ក្រសួង",
    "រវាង",
    "លក្ខខណ្ឌ",
    "គតិយុត្ត",
    // In labels and the property schedule: វាប|ង្ហា|ញកំ|ណែ, ជាត|ម្លៃ, ២ ហិ|ក|តា.
    "ប្រៀបធៀប",
    "បង្ហាញ",
    "កំណែ",
    "តម្លៃ",
    "ហិកតា",
];

/// Signs that close a syllable (់ ៌ ៍ ៎ ៏ ៑): a cluster that carries one ends a
/// syllable, so no line may start with it (លក្ខ|ណ៍ splits a word).
const CODA_SIGNS: [char; 6] = [
    '\u{17CB}', '\u{17CC}', '\u{17CD}', '\u{17CE}', '\u{17CF}', '\u{17D1}',
];

/// Searchers for [`WHOLE_WORDS`] and for the unit words of places, built once: a
/// render looks for each in some 170 texts, at some 2,000 possible breaks.
struct Searchers {
    whole: Vec<Finder<'static>>,
    units: Vec<Finder<'static>>,
}

static SEARCHERS: LazyLock<Searchers> = LazyLock::new(|| Searchers {
    whole: WHOLE_WORDS.iter().map(Finder::new).collect(),
    units: KHMER_UNIT_WORDS.iter().map(Finder::new).collect(),
});

/// The byte offsets inside runs of Khmer letters where a line may break, in order.
///
/// Offsets at spaces and other non-Khmer characters are not returned: Typst breaks
/// there by itself (the layout keeps the spaces of [`unbreakable_spaces`]).
pub fn khmer_breaks(text: &str) -> Vec<usize> {
    if !text.chars().any(is_khmer) {
        return Vec::new();
    }
    let searchers = &*SEARCHERS;
    let clusters: Vec<usize> = GraphemeClusterSegmenter::new().segment_str(text).collect();
    let whole: Vec<(usize, usize)> = searchers
        .whole
        .iter()
        .flat_map(|w| {
            let len = w.needle().len();
            w.find_iter(text.as_bytes()).map(move |at| (at, at + len))
        })
        .collect();
    let places = Places::of(text, searchers);
    DICTIONARY
        .segment_str(text)
        .filter(|&at| at > 0 && at < text.len())
        .filter(|at| clusters.binary_search(at).is_ok())
        .filter(|&at| !whole.iter().any(|&(start, end)| start < at && at < end))
        .filter(|&at| allowed(&text[..at], &text[at..]) && !places.inside(text, at))
        .collect()
}

/// Whether a break between `before` and `after` is one a reader accepts (but for
/// places: see [`Places`]).
fn allowed(before: &str, after: &str) -> bool {
    let (Some(last), Some(next)) = (before.chars().next_back(), after.chars().next()) else {
        return false;
    };
    if !is_khmer(last) || !is_khmer(next) || NO_LINE_START.contains(&next) {
        return false;
    }
    // The cluster after the break (a consonant and its signs) must not close a syllable.
    let cluster = after
        .char_indices()
        .skip(1)
        .find(|&(_, c)| !(('\u{17B6}'..='\u{17D3}').contains(&c) || c == '\u{17DD}'))
        .map_or(after, |(end, _)| &after[..end]);
    if cluster.contains(CODA_SIGNS) {
        return false;
    }
    // A number stays with the word it counts or names: ទី៣, ឆ្នាំ២០២៦, ផ្ទះលេខ១២, ៤ច្បាប់;
    // an ordinal with what it numbers: ភាគីទី១.
    if is_khmer_digit(next) || is_khmer_digit(last) {
        return false;
    }
    if after
        .strip_prefix("ទី")
        .and_then(|rest| rest.chars().next())
        .is_some_and(is_khmer_digit)
    {
        return false;
    }
    let number_before = number_words().any(|w| before.ends_with(w));
    let number_after = number_words().any(|w| after.starts_with(w));
    let after_scale = scales().any(|w| before.ends_with(w));
    !(number_before && number_after && !after_scale)
}

/// How many clusters of a place's name, after its unit word, are kept on one line:
/// enough for the names of the gazetteer (បន្ទាយមានជ័យ, ទឹកល្អក់ទី៣), few enough that
/// a unit word in running text (ឃុំ ឬសង្កាត់ដែលមានសមត្ថកិច្ច) binds only a short stretch.
pub const PLACE_NAME_CLUSTERS: usize = 8;

/// Where a text's spaces and unit words of places (ខេត្ត, ឃុំ…) are, found once, to
/// tell whether a break falls inside a place.
struct Places {
    /// The byte offset of each space, in order.
    spaces: Vec<usize>,
    /// For each of [`KHMER_UNIT_WORDS`], where it starts, in order (overlapping ones too).
    units: Vec<Vec<usize>>,
}

impl Places {
    fn of(text: &str, searchers: &Searchers) -> Places {
        let bytes = text.as_bytes();
        let spaces = memchr::memchr_iter(b' ', bytes).collect();
        let units = searchers
            .units
            .iter()
            .map(|unit| {
                let mut starts = Vec::new();
                let mut from = 0;
                while let Some(at) = unit.find(&bytes[from..]) {
                    starts.push(from + at);
                    from += at + 1;
                }
                starts
            })
            .collect();
        Places { spaces, units }
    }

    /// Whether a break at `at` would fall inside a place: right after a unit word, or
    /// within the first [`PLACE_NAME_CLUSTERS`] clusters of the name after it, with no
    /// space between (the last occurrence of each unit word in the word before `at`).
    fn inside(&self, text: &str, at: usize) -> bool {
        let spaces_before = self.spaces.partition_point(|&space| space < at);
        let word_start = match spaces_before {
            0 => 0,
            n => self.spaces[n - 1] + 1,
        };
        self.units
            .iter()
            .zip(KHMER_UNIT_WORDS)
            .filter_map(|(starts, unit)| {
                let fitting = starts.partition_point(|&start| start + unit.len() <= at);
                let start = *starts[..fitting].last()?;
                (start >= word_start).then(|| &text[start + unit.len()..at])
            })
            .any(|name| clusters(name) < PLACE_NAME_CLUSTERS)
    }
}

/// The byte offsets of spaces a line must not break at: before a mark that may not
/// start a line (`ចប់ ។`), and between two digits (a phone number, `០១២ ៣៤៥ ៦៧៨`).
pub fn unbreakable_spaces(text: &str) -> Vec<usize> {
    text.char_indices()
        .filter(|&(at, c)| {
            let next = text[at + c.len_utf8()..].chars().next();
            let previous = text[..at].chars().next_back();
            let digit =
                |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || is_khmer_digit(c));
            c == ' '
                && (next.is_some_and(|n| NO_LINE_START.contains(&n))
                    || (digit(previous) && digit(next)))
        })
        .map(|(at, _)| at)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` with `|` at every break.
    fn marked(text: &str) -> String {
        let mut out = String::new();
        let mut last = 0;
        for at in khmer_breaks(text) {
            out.push_str(&text[last..at]);
            out.push('|');
            last = at;
        }
        out.push_str(&text[last..]);
        out
    }

    #[test]
    fn words_are_never_split() {
        for word in ["ដៃគូ", "លាយលក្ខណ៍", "ទ្រព្យសម្បត្តិ", "ខាងក្រោម", "ដាំដុះ", "ប្រសិនបើ"]
        {
            let text = format!("ដូច្នេះ{word}ម្នាក់ៗ");
            let marked = marked(&text);
            assert!(marked.contains(word), "{word} split in {marked}");
        }
    }

    #[test]
    fn legal_terms_and_syllables_are_never_split() {
        let m = marked("លើកលែងតែដៃគូព្រមព្រៀងគ្នាផ្សេងពីនេះជាលាយលក្ខណ៍អក្សរ។");
        assert!(m.contains("លាយលក្ខណ៍") && !m.contains("|ណ៍"), "{m}");
        for word in WHOLE_WORDS {
            assert!(marked(&format!("ជា{word}ហើយ")).contains(word), "{word}");
        }
    }

    #[test]
    fn places_and_ordinals_stay_whole() {
        for (text, whole) in [
            ("ដែលមានទីលំនៅនៅខេត្តកំពង់ចាម", "ខេត្តកំពង់ចាម"),
            ("ជូនដំណឹងទៅមេឃុំអង្គរបូរី។", "មេឃុំអង្គរបូរី"),
            ("នៅសង្កាត់ទឹកល្អក់ទី៣ផងដែរ", "សង្កាត់ទឹកល្អក់ទី៣"),
            ("ភូមិកំពង់កណ្ដាល ឃុំព្រែកតាកូវ", "ភូមិកំពង់កណ្ដាល"),
            ("ចំណែករបស់ភាគីទី១ និងភាគីទី២", "ភាគីទី១"),
        ] {
            let m = marked(text);
            assert!(m.contains(whole), "{whole} split in {m}");
        }
        // A unit word binds only the first clusters after it.
        let m = marked("អាជ្ញាធរឃុំដែលមានសមត្ថកិច្ចទទួលស្គាល់ការផ្លាស់ប្ដូរនេះ");
        assert!(m.matches('|').count() >= 2, "{m}");
    }

    /// Whether a break at the end of `before` falls inside a place, searched afresh
    /// at every break, as it once was: what [`Places`] must answer.
    fn inside_place_searched(before: &str) -> bool {
        let word = &before[before.rfind(' ').map_or(0, |at| at + 1)..];
        KHMER_UNIT_WORDS
            .iter()
            .filter_map(|unit| word.rfind(unit).map(|at| &word[at + unit.len()..]))
            .any(|name| clusters(name) < PLACE_NAME_CLUSTERS)
    }

    #[test]
    fn places_found_once_answer_as_a_search_at_every_break() {
        let texts = [
            "ដែលមានទីលំនៅនៅខេត្តកំពង់ចាម ស្រុកកំពង់សៀម ឃុំវិហារធំ ភូមិទី៣",
            "ជូនដំណឹងទៅមេឃុំអង្គរបូរី។ អាជ្ញាធរឃុំដែលមានសមត្ថកិច្ចទទួលស្គាល់",
            // Unit words back to back, at the start, and at the very end.
            "ឃុំឃុំឃុំ ភូមិភូមិ ក្រុងខណ្ឌក្រុង សង្កាត់",
            "រាជធានីភ្នំពេញ ខណ្ឌចំការមន សង្កាត់ទឹកល្អក់ទី៣ ផ្ទះលេខ១២ ផ្លូវ ២៧១",
            "SOK Dara ខេត្ត Kandal ខេត្តកណ្ដាល",
        ];
        for text in texts {
            let places = Places::of(text, &SEARCHERS);
            for (at, _) in text.char_indices().skip(1) {
                assert_eq!(
                    places.inside(text, at),
                    inside_place_searched(&text[..at]),
                    "at {at} in {text}"
                );
            }
        }
    }

    #[test]
    fn ordinals_stay_with_their_number() {
        for text in ["សង្កាត់ទឹកល្អក់ទី៣", "ភាគីទី១", "ថ្ងៃទី១៤ ខែមីនា", "ប្រការ ១០៖"]
        {
            let m = marked(text);
            assert!(
                !m.contains("ទី|") && !m.contains("|៖") && !m.contains("១|០"),
                "{m}"
            );
        }
    }

    #[test]
    fn numbers_in_words_break_only_after_a_scale() {
        let m = marked("(កៅសិបលានរៀល) (ប្រាំមួយលានប្រាំសែនរៀល) បួនម៉ឺនប្រាំមួយពាន់ប្រាំបីរយដុល្លារអាមេរិក");
        for whole in ["កៅសិប", "ប្រាំមួយលាន", "ប្រាំសែន", "បួនម៉ឺន", "ប្រាំមួយពាន់", "ប្រាំបីរយ"]
        {
            assert!(m.contains(whole), "{whole} split in {m}");
        }
        assert!(m.contains("ពាន់|ប្រាំបីរយ") || m.contains("ម៉ឺន|ប្រាំមួយ"), "{m}");
    }

    #[test]
    fn no_break_before_a_mark_nor_inside_a_cluster() {
        let text = "ដៃគូម្នាក់ៗ រស់នៅរាជធានីភ្នំពេញ។ ក្នុងករណី៖";
        let m = marked(text);
        assert!(
            !m.contains("|ៗ") && !m.contains("|។") && !m.contains("|៖"),
            "{m}"
        );
        for at in khmer_breaks(text) {
            let next = text[at..].chars().next().unwrap();
            assert!(
                !('\u{17B6}'..='\u{17D3}').contains(&next),
                "a break before the vowel or sign {next:?} in {m}"
            );
        }
    }

    #[test]
    fn latin_text_and_spaces_are_left_to_typst() {
        assert!(khmer_breaks("SOK Dara, First party").is_empty());
        assert!(marked("ភាគីទី១ SOK Dara").ends_with("ទី១ SOK Dara"));
        assert_eq!(unbreakable_spaces("ចប់ ។ ហើយ"), vec!["ចប់".len()]);
        assert_eq!(unbreakable_spaces("លេខ ០១២ ៣៤៥"), vec!["លេខ ០១២".len()]);
    }
}
