//! `--redact`: a copy to share, with none of the removed personal details anywhere in it.

use crate::util::{assert_exit, dfr, document_text, example, pdf_text, squash, valid};
use dfr::Options;

/// Values of the example that a redacted copy must not contain, as typed and as the
/// contract would print them (Khmer digits, written dates), compared without spaces.
const REMOVED: &[&str] = &[
    // ID numbers (partners and witnesses) in full.
    "010234567",
    "០១០២៣៤៥៦៧",
    "020345678",
    "០២០៣៤៥៦៧៨",
    "010987654",
    "011223344",
    // The phone number.
    "012345678",
    "០១២៣៤៥៦៧៨",
    // Exact birth dates.
    "15March1991",
    "ថ្ងៃទី១៥ខែមីនា",
    "2November1989",
    "ថ្ងៃទី២ខែវិច្ឆិកា",
    "2August2019",
    "ថ្ងៃទី២ខែសីហា",
    "1991-03-15",
    "1989-11-02",
    "2019-08-02",
    // Street addresses and the birth certificate and account numbers.
    "House12",
    "Street271",
    "ផ្ទះលេខ១២",
    "ផ្លូវ២៧១",
    "១២៣/២០១៩",
    "000123456",
    // What places the couple (issue 26): the land title and the vehicle plate, the
    // land's village, commune and district, the sangkat, khan and village of the home
    // and of the authority, in both scripts.
    "12020304-0567",
    "1AB-2345",
    "PrekTakov",
    "ព្រែកតាកូវ",
    "DeumMien",
    "ដើមមៀន",
    "TaKhmau",
    "តាខ្មៅ",
    "TeukLaak",
    "ទឹកល្អក់",
    "TuolKork",
    "ToulKork",
    "ទួលគោក",
    "Village3",
    "ភូមិ៣",
    "Village5",
    "ភូមិ៥",
];

fn redacted() -> Options {
    Options::default().copy(dfr::CopyKind::Redacted)
}

fn assert_nothing_removed_in(what: &str, text: &str) {
    let text = squash(text);
    for value in REMOVED {
        assert!(!text.contains(value), "{what} contains {value:?}");
    }
}

#[test]
fn a_redacted_copy_keeps_none_of_the_removed_details() {
    let declaration = valid(&example());
    let pdf = crate::util::renderer()
        .render_pdf(&declaration, &redacted())
        .unwrap();
    // The text layer.
    let text = pdf_text(&pdf);
    assert_nothing_removed_in("the PDF text", &text);
    // Every text run the layout placed, exactly as shaped.
    let document = crate::util::document(&declaration, &redacted()).unwrap();
    assert_nothing_removed_in("the laid-out text", &document_text(&document));
    // The file itself, streams uncompressed: metadata, attachments, anything else.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.pdf"), &pdf).unwrap();
    let run = crate::util::tool("qpdf")
        .current_dir(dir.path())
        .args(["--qdf", "--object-streams=disable", "r.pdf", "plain.pdf"])
        .output()
        .expect("qpdf runs");
    assert!(run.status.success(), "{run:?}");
    let plain = std::fs::read(dir.path().join("plain.pdf")).unwrap();
    // The file's own strings (metadata, attachments) are compared as they are: white
    // space squashed out of the whole file would join unrelated numbers, such as the
    // structure tree's `[0 1 2 3 4 5 6 7 8]`.
    let file = String::from_utf8_lossy(&plain);
    for value in REMOVED
        .iter()
        .copied()
        .chain(["012 345 678", "000 123 456"])
    {
        assert!(!file.contains(value), "the PDF file contains {value:?}");
    }
    assert_eq!(
        dfr::read_attachment(&pdf),
        Err(dfr::AttachmentError::Missing),
        "no data attached"
    );
    // The review copy of a redacted render too.
    assert_nothing_removed_in(
        "the redacted review copy",
        &crate::util::renderer()
            .review_text(&declaration, &redacted())
            .unwrap(),
    );
}

#[test]
fn a_redacted_copy_keeps_what_is_not_personal_and_says_it_is_redacted() {
    let declaration = valid(&example());
    let text = pdf_text(
        &crate::util::renderer()
            .render_pdf(&declaration, &redacted())
            .unwrap(),
    );
    let flat = squash(&text);
    for kept in [
        // The last three characters of the ID numbers: codes, printed as typed.
        "No.•••567",
        "លេខ•••567",
        // The year of birth.
        "bornin1991",
        "កើតឆ្នាំ១៩៩១",
        // The province of the address.
        "residingatPhnomPenhCapital",
        "អាសយដ្ឋានរាជធានីភ្នំពេញ",
        // The watermark.
        "REDACTED·បានលុបព័ត៌មានផ្ទាល់ខ្លួន",
    ] {
        assert!(flat.contains(kept), "missing {kept:?}");
    }
    let pages = text.split('\u{c}').filter(|p| !p.trim().is_empty()).count();
    assert_eq!(
        text.matches("បានលុបព័ត៌មានផ្ទាល់ខ្លួន · redacted").count(),
        pages,
        "every footer"
    );
    // The redacted copy is also free of word splits: the word before ។ stays whole.
    assert!(
        !text.contains("ភ្នំពេ\nញ"),
        "a word is split before its full stop"
    );
}

#[test]
fn render_redact_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.toml"), example()).unwrap();
    let run = dfr(
        dir.path(),
        &["render", "--redact", "c.toml", "-o", "shared.pdf"],
    );
    assert_exit(&run, 0);
    let pdf = std::fs::read(dir.path().join("shared.pdf")).unwrap();
    assert_nothing_removed_in("the PDF text", &pdf_text(&pdf));
    let run = dfr(
        dir.path(),
        &["render", "--redact", "--format", "txt", "c.toml"],
    );
    assert_exit(&run, 0);
    let txt = std::fs::read_to_string(dir.path().join("c.txt")).unwrap();
    assert_nothing_removed_in("the review copy", &txt);
    assert!(txt.contains("REDACTED · បានលុបព័ត៌មានផ្ទាល់ខ្លួន"));
}
