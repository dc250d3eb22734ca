//! Khmer set like a careful typesetter: lines break only between words, justified lines
//! stay even, and the national header's text layer reads exactly.

use crate::util::{example, fixture, repo, valid};
use dfr::{Languages, Layout, Options};
use typst::layout::{Frame, FrameItem};

/// The declarations the Khmer layout is checked on.
fn declarations() -> Vec<(&'static str, String)> {
    vec![
        ("example", example()),
        (
            "large",
            std::fs::read_to_string(repo("examples/large.toml")).unwrap(),
        ),
        ("minimal", fixture("minimal.toml")),
        (
            "structured addresses",
            std::fs::read_to_string(repo("examples/angkor-borei.toml")).unwrap(),
        ),
        (
            "shared example",
            std::fs::read_to_string(repo("../shared/spec/declaration.example.toml"))
                .unwrap_or_else(|_| example()),
        ),
    ]
}

/// The lines of text the layout placed, in frame order: consecutive text runs on one
/// baseline make one line (a paragraph's line is split into runs at its break marks).
fn laid_out_lines(document: &typst_layout::PagedDocument) -> Vec<String> {
    fn walk(frame: &Frame, origin: typst::layout::Point, lines: &mut Vec<(f64, String)>) {
        for (pos, item) in frame.items() {
            let at = origin + *pos;
            match item {
                FrameItem::Group(group) => walk(&group.frame, at, lines),
                FrameItem::Text(text) => {
                    let y = at.y.to_pt();
                    match lines.last_mut() {
                        Some((last_y, line)) if (*last_y - y).abs() < 0.01 => {
                            line.push_str(&text.text)
                        }
                        _ => lines.push((y, text.text.to_string())),
                    }
                }
                _ => {}
            }
        }
    }
    let mut lines = Vec::new();
    for page in document.pages() {
        walk(&page.frame, typst::layout::Point::zero(), &mut lines);
        lines.push((f64::NAN, String::new()));
    }
    lines.into_iter().map(|(_, l)| l).collect()
}

/// Every Khmer text of the layout data (clause paragraphs, labels, table cells).
fn khmer_texts(data: &serde_json::Value, out: &mut Vec<String>, khmer: bool) {
    match data {
        serde_json::Value::String(s) if khmer => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| khmer_texts(v, out, khmer)),
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                khmer_texts(v, out, key == "km");
            }
        }
        _ => {}
    }
}

fn is_khmer(c: char) -> bool {
    dfr::locale::script::is_khmer(c)
}

/// Asserts that every line end between two Khmer letters in the laid-out `declaration`
/// falls between words; returns how many such line ends there are. Line ends inside
/// `arbitrary` (a typed test value, which may hold a unit too long for its column, which
/// must then break somewhere) are not judged.
pub fn assert_lines_end_between_words(
    name: &str,
    declaration: &dfr::Declaration,
    options: &Options,
    arbitrary: &str,
) -> usize {
    let mut texts = Vec::new();
    khmer_texts(
        &crate::util::renderer()
            .layout_data(declaration, options)
            .unwrap(),
        &mut texts,
        false,
    );
    let document = crate::util::document(declaration, options).unwrap();
    let mut checked = 0;
    for pair in laid_out_lines(&document).windows(2) {
        let after_line = pair[1].trim_start();
        // A typed value that itself starts with a mark starts its own cell with it.
        let starts_value = !arbitrary.is_empty()
            && (arbitrary.starts_with(after_line) || after_line.starts_with(arbitrary));
        assert!(
            starts_value || !after_line.starts_with(['។', 'ៗ', '៖']),
            "{name}: a line starts with a mark: {after_line:?}"
        );
        assert!(
            !(pair[1].starts_with(' ') && pair[1].chars().nth(1).is_some_and(is_khmer)),
            "{name}: a Khmer line starts with a space: {:?}",
            pair[1]
        );
        let (Some(before), Some(after)) = (
            pair[0].trim_end().split(' ').next_back(),
            after_line.split(' ').next(),
        ) else {
            continue;
        };
        let (Some(last), Some(first)) = (before.chars().next_back(), after.chars().next()) else {
            continue;
        };
        if !(is_khmer(last) && is_khmer(first)) {
            continue;
        }
        // Two lines of one text, split with no space between: the line end must be a
        // word boundary the dictionary gives and no ordinal, number or mark forbids.
        let joined = format!("{before}{after}");
        if !texts.iter().any(|t| t.contains(&joined))
            || (!arbitrary.is_empty() && arbitrary.contains(&joined))
        {
            continue;
        }
        // Independently of the dictionary: no legal term is split, and no line starts
        // with a syllable's closing cluster (a consonant with ់ or ៍: លក្ខ|ណ៍).
        for word in dfr::layout::breaks::WHOLE_WORDS {
            for (at, _) in joined.match_indices(word) {
                assert!(
                    !(at < before.len() && before.len() < at + word.len()),
                    "{name}: {word} is split: {before} | {after}"
                );
            }
        }
        let opening: String = after.chars().take(3).collect();
        assert!(
            !opening
                .chars()
                .skip(1)
                .take_while(|c| ('\u{17B6}'..='\u{17D3}').contains(c))
                .any(|c| c == '\u{17CB}' || c == '\u{17CD}'),
            "{name}: a line starts with a syllable's end: {before} | {after}"
        );
        assert!(
            dfr::layout::breaks::khmer_breaks(&joined).contains(&before.len()),
            "{name}: a line ends inside a word: {before} | {after}"
        );
        checked += 1;
    }
    checked
}

#[test]
fn khmer_lines_end_only_between_words() {
    let mut checked = 0;
    for (name, source) in declarations() {
        for (languages, layout) in [
            (Languages::KhmerEnglish, Layout::Parallel),
            (Languages::KhmerEnglish, Layout::Stacked),
            (Languages::Khmer, Layout::Parallel),
        ] {
            let options = Options::default().languages(languages).layout(layout);
            let name = format!("{name} ({languages:?}, {layout:?})");
            checked += assert_lines_end_between_words(&name, &valid(&source), &options, "");
        }
    }
    assert!(
        checked > 200,
        "only {checked} line ends between Khmer letters"
    );
}

/// The widest gap at a space in justified Khmer text, in em, over every Khmer text run
/// the layout placed, with the run's text.
fn widest_khmer_space(frame: &Frame, widest: &mut (f64, String)) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => widest_khmer_space(&group.frame, widest),
            FrameItem::Text(text) if text.text.chars().any(is_khmer) => {
                let gap = dfr::layout::typeset::widest_space(text);
                if gap > widest.0 {
                    *widest = (gap, text.text.to_string());
                }
            }
            _ => {}
        }
    }
}

#[test]
fn justified_khmer_spaces_never_gape_beyond_one_em() {
    for (name, source) in declarations() {
        for (languages, layout) in [
            (Languages::KhmerEnglish, Layout::Parallel),
            (Languages::KhmerEnglish, Layout::Stacked),
            (Languages::Khmer, Layout::Parallel),
        ] {
            let options = Options::default().languages(languages).layout(layout);
            let document = crate::util::document(&valid(&source), &options).unwrap();
            let mut widest = (0.0, String::new());
            for page in document.pages() {
                widest_khmer_space(&page.frame, &mut widest);
            }
            assert!(
                widest.0 <= dfr::layout::typeset::MAX_SPACE_GAP + 0.005,
                "{name} ({languages:?}, {layout:?}): a Khmer space makes a gap of {:.2} em in {:?}",
                widest.0,
                widest.1
            );
        }
    }
}

#[test]
fn the_national_header_extracts_exactly() {
    let pdf = crate::util::renderer()
        .render_pdf(&valid(&example()), &Options::default())
        .unwrap();
    let text = crate::util::pdf_text_default(&pdf);
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    assert_eq!(lines.next(), Some("ព្រះរាជាណាចក្រកម្ពុជា"));
    assert_eq!(lines.next(), Some("ជាតិ សាសនា ព្រះមហាក្សត្រ"));
}

#[test]
fn the_tagged_pdf_says_khmer_text_is_khmer() {
    let pdf = crate::util::renderer()
        .render_pdf(&valid(&example()), &Options::default())
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.pdf"), &pdf).unwrap();
    let run = crate::util::tool("qpdf")
        .current_dir(dir.path())
        .args(["--qdf", "--object-streams=disable", "a.pdf", "plain.pdf"])
        .output()
        .expect("qpdf runs");
    assert!(run.status.success());
    let plain =
        String::from_utf8_lossy(&std::fs::read(dir.path().join("plain.pdf")).unwrap()).into_owned();
    assert!(plain.contains("/Lang (km)"), "Khmer spans are tagged km");
    assert!(
        !plain.contains("/Lang (ja)"),
        "no text is tagged as Japanese"
    );
}
