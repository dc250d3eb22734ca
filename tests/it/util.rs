//! Small helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Asserts that `run` exited with `expected`, showing what it printed if not (the
/// failure points at the caller's line).
#[track_caller]
pub fn assert_exit(run: &Output, expected: i32) {
    assert_exit_for(run, expected, "");
}

/// [`assert_exit`] for one case of several (`what` names it in the failure).
#[track_caller]
pub fn assert_exit_for(run: &Output, expected: i32, what: impl std::fmt::Display) {
    let (stdout, stderr) = out(run);
    assert_eq!(
        code(run),
        expected,
        "exit status {what}\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
    );
}

/// The renderer of the built-in template set, made once for the whole test binary.
pub fn renderer() -> &'static dfr::Renderer {
    static RENDERER: std::sync::OnceLock<dfr::Renderer> = std::sync::OnceLock::new();
    RENDERER.get_or_init(dfr::Renderer::new)
}

/// `declaration` laid out by the built-in template set, as Typst's pages.
pub fn document(
    declaration: &dfr::Declaration,
    options: &dfr::Options,
) -> Result<typst_layout::PagedDocument, dfr::Error> {
    renderer()
        .lay_out(declaration, options)
        .map(dfr::Pages::into_document)
}

/// The path of a file in the repository.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The text of a fixture in `tests/fixtures`.
pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(repo(&format!("tests/fixtures/{name}"))).expect("fixture exists")
}

/// The text of the example declaration.
pub fn example() -> String {
    std::fs::read_to_string(repo("examples/dara-and-sophea.toml")).expect("example exists")
}

/// An example declaration from `examples/`, by its file name without `.toml`.
pub fn example_named(name: &str) -> String {
    std::fs::read_to_string(repo(&format!("examples/{name}.toml"))).expect("an example")
}

/// The three examples, by name, as the reader and layout tests render them.
pub fn examples() -> [(&'static str, String); 3] {
    [
        ("dara-and-sophea", example()),
        ("large", example_named("large")),
        ("angkor-borei", example_named("angkor-borei")),
    ]
}

/// The printed arrangements: both languages side by side and stacked, and Khmer only.
pub const ARRANGEMENTS: [(dfr::Languages, dfr::Layout); 3] = [
    (dfr::Languages::KhmerEnglish, dfr::Layout::Parallel),
    (dfr::Languages::KhmerEnglish, dfr::Layout::Stacked),
    (dfr::Languages::Khmer, dfr::Layout::Parallel),
];

/// Parses and validates a declaration that must be valid.
pub fn valid(source: &str) -> dfr::Declaration {
    dfr::Declaration::from_toml_str(source).unwrap_or_else(|e| panic!("should be valid:\n{e}"))
}

/// How long a render of the tests' binary may take: the 60 s limit guards against a
/// template that runs without end, but a debug build drawing PNG pages on a loaded
/// machine once needed more (the limit itself is tested in `attacks.rs`).
const RENDER_SECONDS: &str = "600";

/// Runs the `dfr` binary in `dir` with `args`.
pub fn dfr(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dfr"))
        .env("DFR_RENDER_SECONDS", RENDER_SECONDS)
        .current_dir(dir)
        .args(args)
        .output()
        .expect("dfr runs")
}

/// Runs the `dfr` binary in `dir` with `args`, with `typed` as its standard input (as a
/// script gives a passphrase).
pub fn dfr_typing(dir: &Path, args: &[&str], typed: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_dfr"))
        .env("DFR_RENDER_SECONDS", RENDER_SECONDS)
        .current_dir(dir)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("dfr runs");
    // dfr may stop before reading (a refused command): a closed pipe is no failure.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(typed.as_bytes());
    child.wait_with_output().expect("dfr ends")
}

/// Standard output and error of a run, as text.
pub fn out(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The exit code of a run.
pub fn code(output: &Output) -> i32 {
    output.status.code().expect("exited normally")
}

/// A command for one of the external tools the tests use (`pdftotext`, `qpdf`); when
/// it is missing, the test fails with one line naming the README's test command.
pub fn tool(program: &str) -> Command {
    let package = match program {
        "pdftotext" => "poppler-utils",
        "chromedriver" => "chromium-driver",
        "mutool" => "mupdf-tools",
        other => other,
    };
    let on_path = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()));
    assert!(
        on_path,
        "{program} (Debian package {package}) is missing: run `scripts/test`, which installs it and runs the tests"
    );
    Command::new(program)
}

/// The text layer of a PDF in content-stream order (`pdftotext -raw`), which reads
/// each table cell and column whole.
pub fn pdf_text(pdf: &[u8]) -> String {
    poppler_text(pdf, &["-raw"])
}

/// The text layer of a PDF in poppler's default reading order.
pub fn pdf_text_default(pdf: &[u8]) -> String {
    poppler_text(pdf, &[])
}

fn poppler_text(pdf: &[u8], flags: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let run = tool("pdftotext")
        .args(flags)
        .arg("-enc")
        .arg("UTF-8")
        .arg(&path)
        .arg("-")
        .output();
    let run = run.expect("pdftotext runs");
    assert!(
        run.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8(run.stdout).expect("pdftotext writes UTF-8")
}

/// `text` without white space and soft hyphens: lines may break anywhere in Khmer, and
/// English words are hyphenated at line ends.
pub fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{AD}')
        .collect()
}

/// Asserts that the PDF text contains every word of `needle`, exactly and in order.
///
/// In two columns or table cells poppler may put text of the next column between
/// two lines of a cell, so the words are found in order rather than side by side.
pub fn assert_prints(text: &str, needle: &str) {
    let text = squash(text);
    let mut from = 0;
    for word in needle.split_whitespace() {
        match text[from..].find(word) {
            Some(at) => from += at + word.len(),
            None => panic!("the PDF text does not contain {needle:?}: {word:?} is missing"),
        }
    }
}

/// Asserts that the PDF text contains `needle` exactly, ignoring only white space.
pub fn assert_prints_exactly(text: &str, needle: &str) {
    assert!(
        squash(text).contains(&squash(needle)),
        "the PDF text does not contain {needle:?} exactly"
    );
}

/// Renders a declaration to PDF with the given languages and layout.
pub fn render(source: &str, languages: dfr::Languages, layout: dfr::Layout) -> Vec<u8> {
    let options = dfr::Options::default().languages(languages).layout(layout);
    crate::util::renderer()
        .render_pdf(&valid(source), &options)
        .expect("renders")
}

/// The text of a laid-out document, in frame order: every text run, concatenated.
pub fn document_text(doc: &typst_layout::PagedDocument) -> String {
    fn walk(frame: &typst::layout::Frame, out: &mut String) {
        for (_, item) in frame.items() {
            match item {
                typst::layout::FrameItem::Group(group) => walk(&group.frame, out),
                typst::layout::FrameItem::Text(text) => {
                    out.push_str(&text.text);
                    out.push('\n');
                }
                _ => {}
            }
        }
    }
    let mut out = String::new();
    for page in doc.pages() {
        walk(&page.frame, &mut out);
    }
    out
}

/// `text` without the one sentence that names marriage to deny it, "it is not a
/// marriage" (Article 5, as the second legal review asked), so that a test can forbid
/// every other marriage word.
pub fn but_not_a_marriage(text: &str) -> String {
    text.replace("and it is not a marriage", "")
        .replace("ហើយមិនមែនជាអាពាហ៍ពិពាហ៍ទេ", "")
}

/// The review copy of `source` in `languages`: the text the contract prints.
pub fn review(source: &str, languages: dfr::Languages) -> String {
    let options = dfr::Options::default().languages(languages);
    renderer()
        .review_text(&valid(source), &options)
        .expect("renders")
}

/// The printed text of one part of the review copy, by its key (a clause's file name
/// such as `06-separation`, `signatures`, `schedule-property`).
pub fn review_part(source: &str, key: &str) -> String {
    let parts = renderer()
        .review_parts(&valid(source), &dfr::Options::default())
        .unwrap();
    parts
        .iter()
        .find(|p| p.key == key)
        .unwrap_or_else(|| panic!("no part {key}"))
        .text()
}

/// `source` with `from` replaced by `to` (which must be found).
pub fn with(source: &str, from: &str, to: &str) -> String {
    assert!(source.contains(from), "{from:?} not in the source");
    source.replacen(from, to, 1)
}

/// `source` without what lies from the first `start` to the first `end` after it (a
/// declaration's `[[children]]` tables, say).
pub fn cut(source: &str, start: &str, end: &str) -> String {
    let from = source
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} not in the source"));
    let to = from
        + source[from..]
            .find(end)
            .unwrap_or_else(|| panic!("{end:?} not after {start:?}"));
    format!("{}{}", &source[..from], &source[to..])
}
