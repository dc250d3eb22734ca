//! Property tests: whatever text a user types prints exactly as typed.
//!
//! `PROPTEST_CASES` sets the number of cases of each test (defaults below keep CI fast;
//! the fuzz runs recorded in the README used thousands, in release mode), and
//! `PROPTEST_RNG_SEED` the seed (fixed by default, so every run tests the same cases).

use crate::util::{document_text, example, squash};
use proptest::prelude::*;

/// Characters a user may type: every ASCII printable character (all of Typst's,
/// Handlebars' and HTML's special characters among them), Latin letters with
/// accents, typographic punctuation, and Khmer letters, signs and digits.
fn typed_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => (0x20u32..0x7F).prop_map(|c| char::from_u32(c).unwrap()),
        1 => (0xC0u32..0x17F).prop_map(|c| char::from_u32(c).unwrap()),
        1 => prop::sample::select(vec!['‘', '’', '“', '”', '–', '—', '…', '«', '»', '€', '×']),
        // Khmer, without the invisible inherent vowels U+17B4 and U+17B5 (rejected as input).
        3 => (0x1780u32..=0x17DD).prop_filter("visible", |c| !(0x17B4..=0x17B5).contains(c)).prop_map(|c| char::from_u32(c).unwrap()),
        1 => (0x17E0u32..=0x17E9).prop_map(|c| char::from_u32(c).unwrap()),
    ]
}

fn typed_text() -> impl Strategy<Value = String> {
    prop::collection::vec(typed_char(), 1..40).prop_map(|chars| chars.into_iter().collect())
}

/// A TOML basic string holding `s`.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The text fields of the example, by the exact TOML string that holds each, and
/// whether the field is Khmer (`km`), English (`en`) or a single-language code.
const FIELDS: &[(&str, &str)] = &[
    ("\"សុខ ដារ៉ា\"", "km"),
    ("\"SOK Dara\"", "en"),
    ("\"គ្រូបង្រៀន\"", "km"),
    ("\"Teacher\"", "en"),
    ("\"ខេត្តបាត់ដំបង\"", "km"),
    ("\"Battambang Province\"", "en"),
    ("\"សុខ ពិសី\"", "km"),
    ("\"SOK Pisey\"", "en"),
    ("\"Black Honda Dream motorcycle\"", "en"),
    ("\"គណនីសន្សំរួមនៅធនាគារ\"", "km"),
    ("\"000 123 456\"", "code"),
    ("\"012 345 678\"", "code"),
    ("\"១២៣/២០១៩\"", "code"),
    ("\"HENG Sovann\"", "en"),
    ("\"លី ចន្ថា\"", "km"),
    ("\"Teuk Laak III\"", "en"),
    ("\"ភូមិ៣\"", "km"),
];

/// Makes `raw` a valid value for the field: Khmer texts need a Khmer letter, English
/// texts none; no text may start or end with a space.
fn fit(raw: &str, kind: &str) -> String {
    let text: String = match kind {
        "en" => raw
            .chars()
            .filter(|c| !('\u{1780}'..='\u{17FF}').contains(c))
            .collect(),
        _ => raw.to_owned(),
    };
    let text = text.trim().to_owned();
    match kind {
        "km" => format!("ក{text}"),
        _ if text.is_empty() => "x".to_owned(),
        _ => text,
    }
}

/// The number of cases: `PROPTEST_CASES` if set, else `default`.
fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default);
    let config = ProptestConfig::default();
    ProptestConfig {
        cases,
        failure_persistence: None,
        // The same cases on every run, so that CI is reproducible; fuzz with other
        // seeds by setting PROPTEST_RNG_SEED (see the README's Testing section).
        rng_seed: match std::env::var_os("PROPTEST_RNG_SEED") {
            Some(_) => config.rng_seed,
            None => proptest::test_runner::RngSeed::Fixed(20_261_201),
        },
        ..config
    }
}

proptest! {
    #![proptest_config(cases(24))]

    #[test]
    fn any_typed_text_prints_exactly_as_typed(field in 0..FIELDS.len(), raw in typed_text()) {
        let (needle, kind) = FIELDS[field];
        let value = fit(&raw, kind);
        let source = example().replacen(needle, &toml_string(&value), 1);
        let declaration = dfr::Declaration::from_toml_str(&source)
            .unwrap_or_else(|e| panic!("{value:?} should be valid:\n{e}"));
        let doc = crate::util::document(&declaration, &dfr::Options::default()).expect("renders");
        let text = squash(&document_text(&doc));
        let as_typed = text.contains(&squash(&value));
        // A code in a sentence (the phone number) has its digits written in each
        // language's script: Khmer digits in the Khmer text, ASCII in the English.
        let transliterated = kind == "code"
            && text.contains(&squash(&dfr::locale::digits_in(&value, dfr::locale::Lang::Km)))
            && text.contains(&squash(&dfr::locale::digits_in(&value, dfr::locale::Lang::En)));
        prop_assert!(as_typed || transliterated, "{value:?} is not printed as typed");
        // Nothing typed breaks the layout: at most one page more than the plain example
        // (a longer value may push a block onto the next page).
        let plain = crate::util::document(&crate::util::valid(&example()), &dfr::Options::default()).expect("renders");
        prop_assert!(doc.pages().len() <= plain.pages().len() + 1);
        // And Khmer lines still end only between words.
        crate::khmer::assert_lines_end_between_words(&format!("{value:?}"), &declaration, &dfr::Options::default(), &value);
    }
}

/// One change to a declaration file, as a careless edit or a damaged file might make.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    ReplaceLine(usize, String),
    Insert(usize, String),
    ReplaceNumber(usize, i64),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let junk = prop::collection::vec(
        prop_oneof![
            3 => (0x20u32..0x7F).prop_map(|c| char::from_u32(c).unwrap()),
            1 => prop::sample::select(vec!['[', ']', '{', '}', '=', '"', '\'', '\n', '#', ',', '.', '-', '\\', '\u{0}', '\u{7}', '\u{202E}', 'ក', '្', '។', 'ៗ']),
            1 => any::<char>(),
        ],
        0..24,
    )
    .prop_map(|c| c.into_iter().collect::<String>());
    prop_oneof![
        (0..200usize).prop_map(Mutation::DeleteLine),
        (0..200usize).prop_map(Mutation::DuplicateLine),
        (0..200usize, 0..200usize).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (0..200usize, junk.clone()).prop_map(|(i, s)| Mutation::ReplaceLine(i, s)),
        (0..8000usize, junk).prop_map(|(i, s)| Mutation::Insert(i, s)),
        (
            0..40usize,
            prop_oneof![
                Just(0i64),
                Just(-1),
                Just(i64::MAX),
                Just(i64::MIN),
                -5000i64..5000,
                1900i64..2200
            ]
        )
            .prop_map(|(i, n)| Mutation::ReplaceNumber(i, n)),
    ]
}

fn apply(source: &str, m: &Mutation) -> String {
    let mut lines: Vec<String> = source.lines().map(str::to_owned).collect();
    let n = lines.len();
    match m {
        Mutation::DeleteLine(i) => {
            lines.remove(i % n);
        }
        Mutation::DuplicateLine(i) => {
            let line = lines[i % n].clone();
            lines.insert(i % n, line);
        }
        Mutation::SwapLines(a, b) => lines.swap(a % n, b % n),
        Mutation::ReplaceLine(i, s) => lines[i % n] = s.clone(),
        Mutation::Insert(at, s) => {
            let text = lines.join("\n");
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            return format!("{}{s}{}", &text[..at], &text[at..]);
        }
        Mutation::ReplaceNumber(i, value) => {
            let text = lines.join("\n");
            let numbers: Vec<(usize, usize)> = number_spans(&text);
            if numbers.is_empty() {
                return text;
            }
            let (start, end) = numbers[i % numbers.len()];
            return format!("{}{value}{}", &text[..start], &text[end..]);
        }
    }
    lines.join("\n")
}

/// Byte ranges of the runs of ASCII digits in `text`.
fn number_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, b) in text.bytes().enumerate() {
        match (b.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    spans
}

proptest! {
    #![proptest_config(cases(48))]

    /// The whole pipeline on damaged files: a valid file renders to a PDF; an invalid
    /// one gives errors with a message and, for single values, a position; nothing panics.
    #[test]
    fn damaged_files_never_crash_the_pipeline(mutations in prop::collection::vec(mutation(), 1..4)) {
        let mut source = example();
        for m in &mutations {
            source = apply(&source, m);
        }
        let checked = dfr::check(&source);
        for d in &checked.diagnostics {
            prop_assert!(!d.message.is_empty());
            if d.severity == dfr::Severity::Error && !d.path.to_string().is_empty() {
                prop_assert!(d.location.is_some(), "no position for {}", d.render("f.toml"));
            }
        }
        match checked.declaration {
            Some(declaration) => {
                let pdf = crate::util::renderer().render_pdf(&declaration, &dfr::Options::default());
                let pdf = pdf.map_err(|e| TestCaseError::fail(format!("a valid file failed to render: {e}")))?;
                prop_assert!(pdf.starts_with(b"%PDF-"));
            }
            None => prop_assert!(checked.diagnostics.iter().any(|d| d.severity == dfr::Severity::Error)),
        }
    }
}
