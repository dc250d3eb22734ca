//! Final and draft copies: PDF/A with the data attached, the document ID and initials
//! in every page's footer, extraction, and drafts.

use crate::util::{assert_exit, code, dfr, example, pdf_text, valid};

fn render(draft: bool) -> Vec<u8> {
    let options = dfr::Options::default().copy(dfr::CopyKind::from_flags(draft, false));
    crate::util::renderer()
        .render_pdf(&valid(&example()), &options)
        .expect("renders")
}

#[test]
fn a_final_copy_carries_its_data_and_extracts_exactly() {
    let pdf = render(false);
    let attached = dfr::read_attachment(&pdf).expect("attached");
    let declaration = valid(&example());
    assert_eq!(
        attached,
        dfr::wording::document_id::normalised_toml(declaration.input())
    );
    let back = valid(&attached);
    assert_eq!(
        back.input(),
        declaration.input(),
        "the round trip keeps every value"
    );
    assert!(
        String::from_utf8_lossy(&pdf).contains("<pdfaid:part>3</pdfaid:part><pdfaid:conformance>B"),
        "PDF/A-3b"
    );
}

#[test]
fn every_page_carries_the_reference_the_id_and_its_number() {
    let declaration = valid(&example());
    let id =
        dfr::wording::document_id::document_id(declaration.input(), &dfr::Templates::builtin());
    let text = pdf_text(&render(false));
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    let n = pages.len();
    assert!(n >= 3);
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains("RoCK-DFR-2026-0042"), "page {}", i + 1);
        assert!(
            page.contains(&format!("ID {id}")),
            "page {} has no ID",
            i + 1
        );
        assert!(
            page.contains(&format!("page {} of {n}", i + 1)),
            "page {}",
            i + 1
        );
    }
    // Initials boxes on every page but the one the partners sign in full: the
    // witnesses' and the authority's pages after it carry them too.
    let initialled: Vec<bool> = pages.iter().map(|p| p.contains("Initials")).collect();
    let signed: Vec<usize> = (0..n).filter(|&i| !initialled[i]).collect();
    assert_eq!(signed.len(), 1, "{initialled:?}");
    assert!(
        pages[signed[0]].contains("Right thumbprint") && pages[signed[0]].contains("Second party"),
        "the page without initials is the partners' signature page"
    );
}

#[test]
fn the_id_is_the_same_for_the_same_data_and_changes_with_the_data() {
    let a = pdf_text(&render(false));
    let b = pdf_text(&render(false));
    let id = |t: &str| {
        t.split("ID ")
            .nth(1)
            .map(|r| r.chars().take(14).collect::<String>())
            .expect("an ID")
    };
    assert_eq!(id(&a), id(&b));
    let other = valid(&example().replace("copies = 4", "copies = 3"));
    let c = pdf_text(
        &crate::util::renderer()
            .render_pdf(&other, &dfr::Options::default())
            .unwrap(),
    );
    assert_ne!(id(&a), id(&c));
}

#[test]
fn a_draft_is_marked_and_carries_no_data() {
    let pdf = render(true);
    assert_eq!(
        dfr::read_attachment(&pdf),
        Err(dfr::AttachmentError::Missing)
    );
    let text = pdf_text(&pdf);
    // The watermark is set diagonally, so poppler breaks it into lines.
    assert!(
        crate::util::squash(&text).contains("DRAFT·សេចក្ដីព្រាង"),
        "the watermark"
    );
    let pages = text.split('\u{c}').filter(|p| !p.trim().is_empty()).count();
    assert_eq!(
        text.matches("សេចក្ដីព្រាង · draft").count(),
        pages,
        "draft in every footer"
    );
    assert!(
        !String::from_utf8_lossy(&pdf).contains("pdfaid:part"),
        "a draft is not archival"
    );
}

#[test]
fn extract_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.toml"), example()).unwrap();
    assert_exit(&dfr(dir.path(), &["render", "c.toml"]), 0);
    let run = dfr(dir.path(), &["extract", "c.pdf", "-o", "back.toml"]);
    assert_exit(&run, 0);
    let back = std::fs::read_to_string(dir.path().join("back.toml")).unwrap();
    assert_eq!(valid(&back).input(), valid(&example()).input());
    assert_eq!(
        code(&dfr(dir.path(), &["extract", "c.pdf", "-o", "back.toml"])),
        2,
        "never overwrites"
    );
    assert_eq!(
        code(&dfr(
            dir.path(),
            &["render", "c.toml", "--draft", "-o", "d.pdf"]
        )),
        0
    );
    assert_exit(&dfr(dir.path(), &["extract", "d.pdf"]), 1);
    assert_exit(&dfr(dir.path(), &["extract", "c.toml"]), 2);
}

#[test]
fn qpdf_finds_no_errors() {
    for draft in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.pdf");
        std::fs::write(&path, render(draft)).unwrap();
        let run = crate::util::tool("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
            .expect("qpdf runs");
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stdout)
        );
    }
}
