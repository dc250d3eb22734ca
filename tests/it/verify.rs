//! `dfr verify`: the attached data, the ID on every page, and the source data.

use crate::util::{assert_exit, assert_exit_for, code, dfr, example, out};
use std::path::Path;

/// A folder with the example (`a.toml`, `a.pdf`) and a changed copy (`b.toml`, `b.pdf`).
fn two_contracts() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), example()).unwrap();
    std::fs::write(
        dir.path().join("b.toml"),
        example().replace("copies = 4", "copies = 3"),
    )
    .unwrap();
    let run = dfr(dir.path(), &["render", "a.toml", "b.toml"]);
    assert_exit(&run, 0);
    dir
}

fn qpdf(dir: &Path, args: &[&str]) {
    let run = crate::util::tool("qpdf")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("qpdf runs");
    assert!(
        run.status.success() || run.status.code() == Some(3),
        "{run:?}"
    );
}

#[test]
fn a_fresh_final_copy_verifies_alone_and_against_its_data() {
    let dir = two_contracts();
    let run = dfr(dir.path(), &["verify", "a.pdf"]);
    let (stdout, _) = out(&run);
    assert_exit(&run, 0);
    let pages = crate::util::pdf_text(&std::fs::read(dir.path().join("a.pdf")).unwrap())
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .count();
    assert!(
        stdout.contains(&format!("all {pages} pages print ID")),
        "{stdout}"
    );
    assert!(stdout.trim_end().ends_with("a.pdf: verified"), "{stdout}");
    let run = dfr(dir.path(), &["verify", "a.pdf", "a.toml"]);
    assert_exit(&run, 0);
    assert!(out(&run).0.contains("made from a.toml"));
}

#[test]
fn a_copy_checked_against_other_data_fails() {
    let dir = two_contracts();
    let run = dfr(dir.path(), &["verify", "a.pdf", "b.toml"]);
    let (_, stderr) = out(&run);
    assert_exit(&run, 1);
    assert!(stderr.contains("not made from b.toml"), "{stderr}");
    assert!(stderr.contains("dfr diff b.toml attached.toml"), "{stderr}");
}

#[test]
fn a_swapped_page_is_found() {
    let dir = two_contracts();
    // Page 2 of a.pdf replaced by page 2 of b.pdf; a.pdf's attached data stays.
    qpdf(
        dir.path(),
        &[
            "a.pdf",
            "--pages",
            "a.pdf",
            "1",
            "b.pdf",
            "2",
            "a.pdf",
            "3-z",
            "--",
            "swapped.pdf",
        ],
    );
    let run = dfr(dir.path(), &["verify", "swapped.pdf"]);
    let (_, stderr) = out(&run);
    assert_exit(&run, 1);
    assert!(
        stderr.contains("page 2 of ") && stderr.contains(" prints ID"),
        "{stderr}"
    );
    assert!(!stderr.contains("page 1 of"), "{stderr}");
    assert!(stderr.contains("NOT verified"));
}

#[test]
fn drafts_redacted_copies_and_other_files_are_not_verifiable() {
    let dir = two_contracts();
    for flag in ["--draft", "--redact"] {
        let run = dfr(dir.path(), &["render", "a.toml", flag, "-o", "copy.pdf"]);
        assert_exit(&run, 0);
        let run = dfr(dir.path(), &["verify", "copy.pdf"]);
        assert_exit_for(&run, 2, flag);
        assert!(out(&run).1.contains("no declaration.toml is attached"));
    }
    assert_exit(&dfr(dir.path(), &["verify", "a.toml"]), 2);
    assert_exit(&dfr(dir.path(), &["verify", "missing.pdf"]), 2);
}

#[test]
fn the_library_reads_the_id_of_every_page() {
    let declaration = crate::util::valid(&example());
    let pdf = crate::util::renderer()
        .render_pdf(&declaration, &dfr::Options::default())
        .unwrap();
    let renderer = crate::util::renderer();
    let result = dfr::verify(&pdf, renderer, Some(&declaration)).unwrap();
    let id = dfr::wording::document_id::document_id(declaration.input(), renderer.templates());
    assert_eq!(result.expected_id.as_deref(), Some(id.as_str()));
    assert!(result.pages.len() >= 3);
    assert!(result.pages.iter().all(|p| p.ids == [id.clone()]));
    assert_eq!(result.made_from, Some(true));
    assert!(result.passed());
    // An edited wording gives another ID: the pages no longer match.
    let mut edited = dfr::Templates::builtin();
    let clause = edited
        .files
        .iter_mut()
        .find(|f| f.path == "wording/03-declaration.hbs");
    clause.expect("a clause").text.push(' ');
    assert!(
        !dfr::verify(&pdf, &dfr::Renderer::with_templates(edited).unwrap(), None)
            .unwrap()
            .passed()
    );
}

/// `dfr verify FILE` in `dir`: exit code and standard error.
fn verify(dir: &Path, file: &str) -> (i32, String) {
    let run = dfr(dir, &["verify", file]);
    (code(&run), out(&run).1)
}

/// Issue 26: every variant of the same data prints its own ID, so a page of a draft, a
/// Khmer-only, an English-only or a stacked copy does not pass in the final copy; a
/// dropped, moved or repeated page is named.
#[test]
fn a_page_of_another_copy_of_the_same_data_or_out_of_place_is_found() {
    let dir = two_contracts();
    let variants: [&[&str]; 4] = [
        &["--draft"],
        &["--lang", "km"],
        &["--lang", "en"],
        &["--layout", "stacked"],
    ];
    for (i, flags) in variants.iter().enumerate() {
        let name = format!("v{i}.pdf");
        let mut args = vec!["render", "a.toml", "-o", &name];
        args.extend_from_slice(flags);
        assert_exit(&dfr(dir.path(), &args), 0);
        let mixed = format!("mixed{i}.pdf");
        qpdf(
            dir.path(),
            &[
                "a.pdf", "--pages", "a.pdf", "1", &name, "2", "a.pdf", "3-z", "--", &mixed,
            ],
        );
        let (status, err) = verify(dir.path(), &mixed);
        assert_eq!(status, 1, "{flags:?}: {err}");
        assert!(
            err.contains("page 2 of ") && err.contains("prints ID"),
            "{flags:?}: {err}"
        );
    }
    // Every final variant verifies on its own, with its own ID.
    for (i, flags) in variants.iter().enumerate().skip(1) {
        let (status, err) = verify(dir.path(), &format!("v{i}.pdf"));
        assert_eq!(status, 0, "{}: {err}", flags.join(" "));
    }
    let cases = [
        ("1-2,4-z", "page 3 of "), // dropped
        ("1,3,2,4-z", "is page 2 of the contract, moved"),
        ("1-3,3,4-z", "page 4 repeats page 3"),
    ];
    for (pages, expected) in cases {
        qpdf(
            dir.path(),
            &["a.pdf", "--pages", "a.pdf", pages, "--", "re.pdf"],
        );
        let (status, err) = verify(dir.path(), "re.pdf");
        assert_eq!(status, 1, "{pages}: {err}");
        assert!(err.contains(expected), "{pages}: {err}");
        if pages == "1-2,4-z" {
            assert!(err.contains("is missing"), "{err}");
        }
    }
}

/// A glyph changed in a page's content stream (the file then repaired by qpdf, so it
/// opens cleanly) is named by page, though every page still prints the right ID.
#[test]
fn an_edited_glyph_is_found_by_page() {
    let dir = two_contracts();
    qpdf(
        dir.path(),
        &["--qdf", "--object-streams=disable", "a.pdf", "plain.pdf"],
    );
    let mut bytes = std::fs::read(dir.path().join("plain.pdf")).unwrap();
    // The first shown glyph string on page 3: one hex digit of a glyph ID changed.
    let page = find(&bytes, b"%% Contents for page 3").expect("qdf marks each page");
    let tj = page + find(&bytes[page..], b">]TJ").expect("text on page 3");
    let digit = (page..tj)
        .rev()
        .find(|&i| bytes[i].is_ascii_hexdigit())
        .unwrap();
    bytes[digit] = if bytes[digit] == b'1' { b'2' } else { b'1' };
    std::fs::write(dir.path().join("edited.pdf"), &bytes).unwrap();
    let (status, err) = verify(dir.path(), "edited.pdf");
    assert_eq!(status, 1, "{err}");
    assert!(
        err.contains("page 3 does not print what the attached data gives"),
        "{err}"
    );
    assert!(!err.contains("prints ID"), "the IDs are all right: {err}");
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
