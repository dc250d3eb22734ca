//! The Khmer of every copy as four PDF readers extract it: poppler (pdftotext), PDFium
//! (Chrome, Edge), PDF.js (Firefox) and MuPDF (SumatraPDF, phone viewers).
//!
//! `scripts/test` installs the readers: `mupdf-tools` from Debian, `pdfjs-dist` from npm
//! into `tests/readers/node_modules`, `pypdfium2` from PyPI into `target/readers`.

use crate::util::{ARRANGEMENTS, example, examples, repo, tool, valid};
use dfr::{CopyKind, Options};
use std::path::Path;

/// The share of the review copy's Khmer words a reader must extract exactly.
///
/// Poppler breaks a word after a cluster's marks where a justified line stretched the
/// gap that follows them, and copies a space there (98.7 % in the parallel layout of
/// the example; 99 % before the clusters were joined, when it read `/ActualText`).
fn words_exact(reader: Reader) -> f64 {
    match reader {
        Reader::Poppler => 0.985,
        _ => 0.99,
    }
}

#[derive(Clone, Copy, Debug)]
enum Reader {
    Poppler,
    Pdfium,
    PdfJs,
    MuPdf,
}

const READERS: [Reader; 4] = [
    Reader::Poppler,
    Reader::Pdfium,
    Reader::PdfJs,
    Reader::MuPdf,
];

/// The text `reader` extracts from the PDF at `path`.
fn extract(reader: Reader, path: &Path) -> String {
    let readers = repo("tests/readers");
    let mut command = match reader {
        Reader::Poppler => {
            let mut c = tool("pdftotext");
            c.args(["-enc", "UTF-8"]).arg(path).arg("-");
            c
        }
        Reader::MuPdf => {
            let mut c = tool("mutool");
            c.args(["draw", "-q", "-F", "txt"]).arg(path);
            c
        }
        Reader::PdfJs => {
            assert!(
                readers.join("node_modules/pdfjs-dist").is_dir(),
                "PDF.js is missing: run `scripts/test`, which installs it (npm ci in tests/readers)"
            );
            let mut c = tool("node");
            c.arg(readers.join("pdfjs.mjs")).arg(path);
            c
        }
        Reader::Pdfium => {
            let mut c = tool("python3");
            c.arg(readers.join("pdfium.py")).arg(path);
            c.env("PYTHONPATH", repo("target/readers/python"));
            c
        }
    };
    let run = command.output().expect("the reader runs");
    assert!(
        run.status.success(),
        "{reader:?} failed (run `scripts/test`, which installs it): {}",
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8(run.stdout).expect("UTF-8 text")
}

/// The Khmer words of `text`, split as the layout may break a line (as `dfr diff` splits).
fn khmer_words(text: &str) -> Vec<String> {
    dfr::outputs::diff::words(text)
        .into_iter()
        .filter(|word| word.chars().any(dfr::locale::script::is_khmer))
        .map(str::to_string)
        .collect()
}

/// `text` with every run of white space one space.
fn spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The Khmer names in a declaration's source: each `name = { km = "…" }`.
fn khmer_names(source: &str) -> Vec<String> {
    source
        .lines()
        .filter_map(|line| line.trim().strip_prefix("name = { km = \""))
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

/// What one reader makes of one copy.
struct Reading {
    reader: Reader,
    /// The share of the review copy's Khmer words extracted exactly.
    share: f64,
    words: usize,
    missing: Vec<String>,
    /// The Khmer names not found as Ctrl-F would look for them.
    names_not_found: Vec<String>,
    replacement_characters: bool,
}

/// Renders `source` and reads the PDF with every reader.
fn read_with_every_reader(source: &str, options: &Options) -> Vec<Reading> {
    let declaration = valid(source);
    let renderer = crate::util::renderer();
    let pdf = renderer.render_pdf(&declaration, options).expect("renders");
    let review = renderer
        .review_text_by_page(&declaration, options)
        .expect("a review copy");
    let words = khmer_words(&review);
    assert!(words.len() > 100, "the review copy has Khmer words");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("copy.pdf");
    std::fs::write(&path, &pdf).expect("writes the PDF");
    READERS
        .into_iter()
        .map(|reader| {
            let text = spaced(&extract(reader, &path));
            let missing: Vec<String> = (words.iter())
                .filter(|w| !text.contains(w.as_str()))
                .cloned()
                .collect();
            Reading {
                reader,
                share: 1.0 - missing.len() as f64 / words.len() as f64,
                words: words.len(),
                missing,
                names_not_found: (khmer_names(source).into_iter())
                    .filter(|name| !text.contains(name.as_str()))
                    .collect(),
                replacement_characters: text.contains('\u{FFFD}'),
            }
        })
        .collect()
}

/// The problems every reader has with a copy: too few words exact, a name not found
/// (when `names` are printed), a replacement character.
fn check(name: &str, source: &str, options: &Options, names: bool) -> Vec<String> {
    let mut problems = Vec::new();
    for reading in read_with_every_reader(source, options) {
        let reader = reading.reader;
        if reading.share < words_exact(reader) {
            let some: Vec<&String> = reading.missing.iter().take(8).collect();
            problems.push(format!(
                "{name}: {reader:?} extracts {:.1} % of {} Khmer words exactly; missing e.g. {some:?}",
                reading.share * 100.0,
                reading.words
            ));
        }
        if reading.replacement_characters {
            problems.push(format!("{name}: {reader:?} extracts U+FFFD"));
        }
        if names && !reading.names_not_found.is_empty() {
            let missing = &reading.names_not_found;
            problems.push(format!(
                "{name}: {reader:?} does not find the names {missing:?}"
            ));
        }
    }
    problems
}

/// The README's table: `cargo test --release --test it readers::report -- --ignored --nocapture`.
#[test]
#[ignore = "prints the share of Khmer words each reader extracts, for the README"]
fn report() {
    println!("| copy | poppler | PDFium | PDF.js | MuPDF |\n|---|---|---|---|---|");
    for (name, source) in &examples() {
        for (languages, layout) in ARRANGEMENTS {
            let options = Options::default().languages(languages).layout(layout);
            let readings = read_with_every_reader(source, &options);
            let cells: Vec<String> = (readings.iter())
                .map(|r| format!("{:.1} %", r.share * 100.0))
                .collect();
            println!(
                "| {name}, {languages:?} {layout:?} | {} |",
                cells.join(" | ")
            );
        }
    }
}

#[test]
fn every_reader_extracts_the_khmer_of_every_example_and_layout() {
    let mut problems = Vec::new();
    for (name, source) in &examples() {
        for (languages, layout) in ARRANGEMENTS {
            let options = Options::default().languages(languages).layout(layout);
            let label = format!("{name} {languages:?} {layout:?}");
            problems.extend(check(&label, source, &options, true));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_reader_extracts_the_khmer_of_drafts_and_redacted_copies() {
    let mut problems = Vec::new();
    for kind in [CopyKind::Draft, CopyKind::Redacted] {
        let options = Options::default().copy(kind);
        let names = kind == CopyKind::Draft;
        problems.extend(check(&format!("{kind:?}"), &example(), &options, names));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_readers_are_checked_against_the_pdf_typst_writes_unchanged() {
    // The measurement can fail: a PDF whose clusters are not joined (the preview's own
    // document exported as Typst exports it) is copied wrongly by PDF.js.
    let declaration = valid(&example());
    let options = Options::default();
    let pages = crate::util::renderer()
        .lay_out(&declaration, &options)
        .expect("lays out");
    let plain =
        typst_pdf::pdf(pages.document(), &typst_pdf::PdfOptions::default()).expect("exports");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plain.pdf");
    std::fs::write(&path, plain).expect("writes");
    let text = spaced(&extract(Reader::PdfJs, &path));
    assert!(
        !text.contains("សុខ ដារ៉ា"),
        "PDF.js copies an unjoined partner's name exactly; the check would prove nothing"
    );
}
