//! The couple's kit: every document of the built-in set rendered for the examples and the
//! variants that change it, read through its text in both languages; the medical card's
//! size from the PDF; `--document all` writing the kit and nothing else; a lawyer's
//! edited or added document; the template reference listing every document.

use crate::util::{
    assert_exit, cut, dfr, example, example_named, out, pdf_text, renderer, repo, squash, tool,
    valid, with,
};
use dfr::{Languages, Options, Subject};

/// One copy of a document of `source`, as PDF bytes.
fn made(source: &str, name: &str, subject: Subject, languages: Languages) -> Vec<u8> {
    let options = Options::default().languages(languages);
    renderer()
        .render_document(&valid(source), &options, name, subject)
        .unwrap_or_else(|e| panic!("{name}{}: {e}", subject.suffix()))
}

/// The text of one copy in both languages, without white space (see `squash`).
fn text(source: &str, name: &str, subject: Subject) -> String {
    squash(&pdf_text(&made(
        source,
        name,
        subject,
        Languages::KhmerEnglish,
    )))
}

/// The copies `source` calls for, as `name-suffix` strings.
fn copies(source: &str) -> Vec<String> {
    let declaration = valid(source);
    let mut all = Vec::new();
    for kind in renderer().documents().unwrap() {
        for s in renderer().copies(&declaration, &kind.name).unwrap() {
            all.push(format!("{}{}", kind.name, s.suffix()));
        }
    }
    all
}

/// Whether the squashed `text` holds `needle` (white space ignored).
#[track_caller]
fn has(text: &str, needles: &[&str]) {
    for needle in needles {
        assert!(text.contains(&squash(needle)), "missing {needle:?}");
    }
}

#[track_caller]
fn lacks(text: &str, needles: &[&str]) {
    for needle in needles {
        assert!(
            !text.contains(&squash(needle)),
            "should not print {needle:?}"
        );
    }
}

/// The example with no children.
fn childless() -> String {
    cut(&example(), "[[children]]", "[[assets]]")
}

/// The example whose child is an adult (18 on the declaration date).
fn adult_child() -> String {
    with(
        &example(),
        "date-of-birth = 2019-08-02",
        "date-of-birth = 2008-08-02",
    )
}

/// The example without the medical appointment.
fn no_medical() -> String {
    with(
        &example(),
        "medical-decisions = true",
        "medical-decisions = false",
    )
}

/// The example with partner 2 French (a passport, an interpreter), the joint land in
/// partner 1's name.
fn foreign() -> String {
    with(
        &crate::legal::french(),
        "registration = \"12020304-0567\"",
        "registration = \"12020304-0567\"\ntitle = { kind = \"hard\", in-name-of = \"partner-1\" }",
    )
}

/// The contract's document ID, which every document of the kit names.
fn contract_id(source: &str) -> String {
    dfr::wording::document_id::document_id(valid(source).input(), renderer().templates())
}

#[test]
fn each_declaration_calls_for_the_copies_its_data_needs() {
    let everything = [
        "contract",
        "chief-letter",
        "guide",
        "medical-card-partner-1",
        "medical-card-partner-2",
        "parent-letter-child-1",
        "will-partner-1",
        "will-partner-2",
    ];
    assert_eq!(copies(&example()), everything);
    let without = |gone: &[&str]| -> Vec<&str> {
        everything
            .iter()
            .copied()
            .filter(|c| !gone.iter().any(|g| c.starts_with(g)))
            .collect()
    };
    assert_eq!(copies(&no_medical()), without(&["medical-card"]));
    assert_eq!(copies(&childless()), without(&["parent-letter"]));
    assert_eq!(copies(&adult_child()), without(&["parent-letter"]));
    assert_eq!(copies(&foreign()), everything);
    // The large example: a letter for each minor child, none for an adult one.
    let large = valid(&example_named("large"));
    let letters = renderer().copies(&large, "parent-letter").unwrap();
    let minors = large
        .input()
        .children
        .iter()
        .filter(|c| {
            c.date_of_birth.0 > large.input().declaration.date.0 - chrono::Months::new(18 * 12)
        })
        .count();
    assert_eq!(letters.len(), minors);
    assert!(minors > 1, "the large example has several minor children");
    // A copy not called for, and a document the set does not have, are errors.
    let declaration = valid(&no_medical());
    let options = Options::default();
    let refused =
        renderer().render_document(&declaration, &options, "medical-card", Subject::Partner(1));
    assert!(
        refused
            .unwrap_err()
            .to_string()
            .contains("calls for no copy")
    );
    let unknown = renderer().render_document(&declaration, &options, "passport", Subject::Whole);
    let message = unknown.unwrap_err().to_string();
    assert!(
        message.contains("no document \"passport\"") && message.contains("guide"),
        "{message}"
    );
}

#[test]
fn the_guide_speaks_to_the_couple_in_both_languages_and_follows_their_choices() {
    let t = text(&example(), "guide", Subject::Whole);
    has(
        &t,
        &[
            "សៀវភៅណែនាំសម្រាប់ដៃគូទាំងពីរ",
            "សម្រាប់សុខ ដារ៉ា និងចាន់ សុភា",
            "This guide is for SOK Dara and CHAN Sophea",
            "RoCK-DFR-2026-0042",
            "It is not a will.",
            "វាមិនមែនជាមតកសាសន៍ទេ។",
            "goes to the surviving partner",
            "ធ្លាក់ទៅលើដៃគូដែលនៅរស់",
            "Carry your medical card",
            "only the legal parent can name a guardian",
            "before the Chief of Sangkat Teuk Laak III",
            "នៅចំពោះមុខចៅសង្កាត់ទឹកល្អក់ទី៣",
            "Rainbow Community Kampuchea (RoCK)",
            "National Authority for Alternative Dispute Resolution",
            "TRANSLATION FOR INFORMATION",
        ],
    );
    lacks(&t, &["Only Khmer citizens may own land"]);
    let to_children = with(
        &example(),
        "on-death = \"to-surviving-partner\"",
        "on-death = \"to-children\"",
    );
    let t = text(&to_children, "guide", Subject::Whole);
    has(
        &t,
        &[
            "goes to the children, in equal parts",
            "ធ្លាក់ទៅលើកូន ជាចំណែកស្មើគ្នា",
        ],
    );
    let t = text(&no_medical(), "guide", Subject::Whole);
    lacks(
        &t,
        &[
            "medical card",
            "ប័ណ្ណវេជ្ជសាស្ត្រ",
            "names the other as the person doctors",
        ],
    );
    let t = text(&childless(), "guide", Subject::Whole);
    lacks(
        &t,
        &["legal parent", "មាតាបិតាស្របច្បាប់", "letter of authority"],
    );
    let t = text(&foreign(), "guide", Subject::Whole);
    has(
        &t,
        &[
            "Only Khmer citizens may own land in Cambodia",
            "មានតែពលរដ្ឋខ្មែរទេ",
        ],
    );
}

/// The number of pages of `pdf`, and the width and height of its first page in mm.
fn page_size_mm(pdf: &[u8]) -> (usize, f64, f64) {
    let document = lopdf::Document::load_mem(pdf).unwrap();
    let pages = document.get_pages();
    let page = document.get_dictionary(pages[&1]).unwrap();
    let number = |n: &lopdf::Object| {
        let float = n.as_float().map(f64::from);
        float.or_else(|_| n.as_i64().map(|i| i as f64)).unwrap()
    };
    let media: Vec<f64> = page
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(number)
        .collect();
    let mm = |pt: f64| pt * 25.4 / 72.0;
    (
        pages.len(),
        mm(media[2] - media[0]),
        mm(media[3] - media[1]),
    )
}

#[test]
fn the_medical_card_is_two_bank_cards_side_by_side_naming_the_other_partner() {
    let pdf = made(
        &example(),
        "medical-card",
        Subject::Partner(1),
        Languages::KhmerEnglish,
    );
    let (pages, width, height) = page_size_mm(&pdf);
    assert_eq!(pages, 1, "one page: the front and the back side by side");
    // ISO/IEC 7810 ID-1: 85.60 × 53.98 mm, the size of a bank card.
    assert!((width - 2.0 * 85.6).abs() < 0.1, "{width}");
    assert!((height - 54.0).abs() < 0.1, "{height}");
    let t = squash(&pdf_text(&pdf));
    has(
        &t,
        &[
            "ប័ណ្ណទំនាក់ទំនងផ្នែកសុខភាព",
            "MEDICAL CONTACT CARD",
            "ម្ចាស់ប័ណ្ណ",
            "សុខ ដារ៉ា",
            "SOK Dara",
            "CHAN Sophea",
            "០១២ ៣៤៥ ៦៧៨",
            "012 345 678",
            "whom I have appointed to decide for me",
            "RoCK-DFR-2026-0042",
            &contract_id(&example()),
        ],
    );
    // Partner 2's card: the holder is Sophea, and Dara's number is the one to call.
    let t = text(&example(), "medical-card", Subject::Partner(2));
    let holder = t.find(&squash("CHAN Sophea")).unwrap();
    let contact = t.find(&squash("SOK Dara")).unwrap();
    assert!(
        holder < contact,
        "the holder first, then the person to consult"
    );
    // Khmer only: the Khmer face alone, one card wide.
    let km = made(
        &example(),
        "medical-card",
        Subject::Partner(1),
        Languages::Khmer,
    );
    let (_, width, _) = page_size_mm(&km);
    assert!((width - 85.6).abs() < 0.1, "{width}");
}

#[test]
fn the_parents_letter_is_signed_by_the_legal_parent_for_the_other_partner() {
    let t = text(&example(), "parent-letter", Subject::Child(1));
    has(
        &t,
        &[
            "ព្រះរាជាណាចក្រកម្ពុជា",
            "លិខិតអនុញ្ញាតរបស់មាតាបិតា",
            "ខ្ញុំឈ្មោះ សុខ ដារ៉ា",
            "ជាមាតាបិតាស្របច្បាប់របស់ សុខ ពិសី",
            "ខ្ញុំអនុញ្ញាតឱ្យដៃគូរបស់ខ្ញុំ ចាន់ សុភា",
            "I, SOK Dara",
            "am the legal parent of SOK Pisey",
            "I authorise my partner, CHAN Sophea",
            "birth certificate No. ១២៣/២០១៩",
            "to consent to ordinary medical examinations and treatment",
            "This letter does not transfer my parental authority",
            "I may end it at any time by written notice",
            "when the child turns eighteen",
            "មាតាបិតាស្របច្បាប់",
            "Seen and accepted by the partner authorised",
            "សាក្សី",
        ],
    );
    // The child's legal parent is partner 2: Sophea writes, Dara is authorised.
    let source = with(&example(), "legal-parent = 1", "legal-parent = 2");
    let t = text(&source, "parent-letter", Subject::Child(1));
    has(&t, &["I, CHAN Sophea", "I authorise my partner, SOK Dara"]);
}

#[test]
fn the_covering_letter_takes_the_form_of_an_administrative_letter() {
    let t = text(&example(), "chief-letter", Subject::Whole);
    let id = contract_id(&example());
    // The parts in the order a Cambodian administrative letter has them.
    let order = [
        "ព្រះរាជាណាចក្រកម្ពុជា",
        "ជាតិ សាសនា ព្រះមហាក្សត្រ",
        "សុខ ដារ៉ា និង ចាន់ សុភា",
        "រាជធានីភ្នំពេញ ថ្ងៃទី២១ ខែវិច្ឆិកា ឆ្នាំ២០២៦",
        "គោរពជូន",
        "ចៅសង្កាត់ទឹកល្អក់ទី៣",
        "កម្មវត្ថុ៖ សំណើសុំការបញ្ជាក់លើសេចក្ដីថ្លែងអំពីទំនាក់ទំនងគ្រួសារ",
        &format!("យោង៖ សេចក្ដីថ្លែងអំពីទំនាក់ទំនងគ្រួសារ លេខយោង RoCK-DFR-2026-0042 លេខសម្គាល់ឯកសារ {id}"),
        "តបតាមកម្មវត្ថុ និងយោងខាងលើ",
        "ហើយរក្សាទុកច្បាប់ដើមមួយច្បាប់នៅរដ្ឋបាលសង្កាត់",
        "សូមចៅសង្កាត់ទឹកល្អក់ទី៣ មេត្តាទទួលនូវការគោរពដ៏ខ្ពង់ខ្ពស់ពីយើងខ្ញុំ។",
        "ឯកសារភ្ជាប់៖ សេចក្ដីថ្លែងអំពីទំនាក់ទំនងគ្រួសារ ចំនួន ៤ ច្បាប់ដើម",
        "ភាគីទី១",
        "ភាគីទី២",
        "KINGDOM OF CAMBODIA",
        "To",
        "Subject: request to certify our Declaration of Family Relationship",
        "Please accept, Chief of Sangkat Teuk Laak III, the assurance of our highest respect.",
    ];
    let mut from = 0;
    for part in order {
        let at = t[from..]
            .find(&squash(part))
            .unwrap_or_else(|| panic!("{part:?} is missing or out of order"));
        from += at;
    }
    // Two copies only: the office keeps none, and the letter does not ask it to.
    let two = with(&example(), "copies = 4", "copies = 2");
    let t = text(&two, "chief-letter", Subject::Whole);
    lacks(
        &t,
        &[
            "ហើយរក្សាទុកច្បាប់ដើម",
            "to keep one original at the sangkat office",
        ],
    );
}

#[test]
fn the_draft_will_says_on_every_page_that_it_is_a_draft_and_prepares_the_testators_wishes() {
    let pdf = made(
        &example(),
        "will",
        Subject::Partner(1),
        Languages::KhmerEnglish,
    );
    let pages = lopdf::Document::load_mem(&pdf).unwrap().get_pages().len();
    assert!(pages >= 2, "a Khmer page and an English one");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("will.pdf");
    std::fs::write(&path, &pdf).unwrap();
    for page in 1..=pages {
        let run = tool("pdftotext")
            .args([
                "-f",
                &page.to_string(),
                "-l",
                &page.to_string(),
                "-enc",
                "UTF-8",
            ])
            .arg(&path)
            .arg("-")
            .output()
            .unwrap();
        let page_text = squash(&String::from_utf8_lossy(&run.stdout));
        assert!(
            page_text.contains(&squash("សេចក្ដីព្រាង៖ មិនមានសុពលភាពជាមតកសាសន៍ដូចដែលបានបោះពុម្ពនេះទេ"))
                || page_text.contains("DRAFT:NOTVALIDASAWILLASPRINTED"),
            "page {page} does not say it is a draft"
        );
    }
    let t = squash(&pdf_text(&pdf));
    has(
        &t,
        &[
            "ខ្ញុំឈ្មោះ សុខ ដារ៉ា",
            "I, SOK Dara, born on 15 March 1991 in Kandal Province",
            "I leave my share of the property that CHAN Sophea and I own jointly to CHAN Sophea.",
            "If I die while SOK Pisey is a minor, I appoint CHAN Sophea as the guardian of SOK Pisey.",
            "ខ្ញុំតែងតាំងចាន់ សុភា ជាអាណាព្យាបាលរបស់សុខ ពិសី",
            "This will is subject to the rights that the law gives my heirs.",
            "What the testator must still do",
            "This printed document is not a will, even if signed.",
            "The testator",
        ],
    );
    // Partner 2 is no child's legal parent: no guardian; the motorcycle is their own,
    // and whom it goes to is left for the testator to write.
    let t = text(&example(), "will", Subject::Partner(2));
    lacks(&t, &["guardian", "អាណាព្យាបាល"]);
    has(
        &t,
        &["I leave my own property, Black Honda Dream motorcycle, to"],
    );
    // The deceased's share to the children, as the declaration wishes.
    let to_children = with(
        &example(),
        "on-death = \"to-surviving-partner\"",
        "on-death = \"to-children\"",
    );
    let t = text(&to_children, "will", Subject::Partner(1));
    has(
        &t,
        &["own jointly to the children listed in the declaration, in equal parts"],
    );
    // A partner who is not Khmer receives the value of land, not the land.
    let t = text(&foreign(), "will", Subject::Partner(1));
    has(
        &t,
        &["what passes to CHAN Sophea is their value, not the land or the building itself"],
    );
    let t = text(&foreign(), "will", Subject::Partner(2));
    has(&t, &["passport No. 19FV12345", "of French nationality"]);
}

#[test]
fn every_document_has_the_contracts_footer_never_a_marriage_word_and_khmer_every_reader_copies() {
    let forbidden = ["husband", "wife", "spouse", "ប្ដី", "ប្តី", "ប្រពន្ធ", "សហព័ទ្ធ"];
    for source in [example(), foreign(), example_named("angkor-borei")] {
        let declaration = valid(&source);
        for kind in renderer()
            .documents()
            .unwrap()
            .iter()
            .filter(|k| k.name != "contract")
        {
            for subject in renderer().copies(&declaration, &kind.name).unwrap() {
                let pdf = made(&source, &kind.name, subject, Languages::KhmerEnglish);
                let raw = pdf_text(&pdf);
                let t = squash(&raw);
                let what = format!("{}{}", kind.name, subject.suffix());
                assert!(
                    t.contains(&declaration.input().declaration.reference),
                    "{what}"
                );
                for word in forbidden {
                    assert!(!raw.to_lowercase().contains(word), "{what} prints {word:?}");
                }
                if kind.name != "medical-card" {
                    // The footer: the document's own ID and the page in each version.
                    assert!(
                        t.contains("លេខសម្គាល់ឯកសារ") && t.contains("DocumentID"),
                        "{what}"
                    );
                    assert!(t.contains("ទំព័រ១/") && t.contains("page1of"), "{what}");
                }
                // The final copy is archival, like the contract.
                assert!(
                    pdf.windows(13)
                        .any(|w| w == b"pdfaid:part>3" || w == b"pdfaid:part=\""),
                    "{what} is not PDF/A"
                );
            }
        }
    }
    // MuPDF (SumatraPDF, phone viewers) reads the partners' Khmer names in the guide.
    let pdf = made(&example(), "guide", Subject::Whole, Languages::Khmer);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("guide.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let run = tool("mutool")
        .args(["draw", "-F", "txt", "-o", "-"])
        .arg(&path)
        .output()
        .expect("mutool runs");
    let read = String::from_utf8_lossy(&run.stdout);
    assert!(
        read.contains("សុខ ដារ៉ា") && read.contains("ចាន់ សុភា"),
        "{read}"
    );
}

#[test]
fn render_document_all_writes_the_kit_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("couple.toml"), example()).unwrap();
    let run = dfr(dir.path(), &["render", "couple.toml", "--document", "all"]);
    assert_exit(&run, 0);
    let kit = dir.path().join("couple-kit");
    let mut written: Vec<String> = std::fs::read_dir(&kit)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut expected: Vec<String> = copies(&example())
        .iter()
        .map(|c| format!("{c}.pdf"))
        .collect();
    expected.sort();
    assert_eq!(
        written, expected,
        "one file per document and person, nothing else"
    );
    let (stdout, _) = out(&run);
    assert_eq!(stdout.lines().count(), expected.len(), "{stdout}");
    // Beside the input: only the declaration and the kit's folder.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    // The contract in the kit is the contract `dfr render` makes, byte for byte.
    assert_exit(&dfr(dir.path(), &["render", "couple.toml"]), 0);
    assert_eq!(
        std::fs::read(kit.join("contract.pdf")).unwrap(),
        std::fs::read(dir.path().join("couple.pdf")).unwrap()
    );
    // One document: one file beside the input, or one per person into -o's folder.
    assert_exit(
        &dfr(
            dir.path(),
            &["render", "couple.toml", "--document", "guide"],
        ),
        0,
    );
    assert!(dir.path().join("couple-guide.pdf").is_file());
    let run = dfr(
        dir.path(),
        &["render", "couple.toml", "--document", "will", "-o", "wills"],
    );
    assert_exit(&run, 0);
    assert!(dir.path().join("wills/will-partner-1.pdf").is_file());
    assert!(dir.path().join("wills/will-partner-2.pdf").is_file());
    // Refused, with a way forward, and nothing written.
    let before = std::fs::read_dir(dir.path()).unwrap().count();
    for (args, says) in [
        (
            vec!["--document", "passport"],
            "the template set has contract, chief-letter, guide",
        ),
        (
            vec!["--document", "guide", "--format", "txt"],
            "--document makes PDFs only",
        ),
        (
            vec!["--document", "guide", "--redact"],
            "--redact is for the contract",
        ),
        (vec!["--document", "all", "-o", "-"], "takes one document"),
    ] {
        let mut all = vec!["render", "couple.toml"];
        all.extend(args);
        let run = dfr(dir.path(), &all);
        assert_exit(&run, 2);
        assert!(out(&run).1.contains(says), "{}", out(&run).1);
    }
    std::fs::write(dir.path().join("plain.toml"), no_medical()).unwrap();
    let run = dfr(
        dir.path(),
        &["render", "plain.toml", "--document", "medical-card"],
    );
    assert_exit(&run, 2);
    let (_, stderr) = out(&run);
    assert!(
        stderr.contains("calls for no medical-card") && stderr.contains("medical-decisions"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), before + 1);
    // `dfr documents` lists what each is and what this declaration calls for.
    let run = dfr(dir.path(), &["documents", "couple.toml"]);
    assert_exit(&run, 0);
    let (stdout, _) = out(&run);
    for line in [
        "medical-card",
        "for: partner, when terms.medical_decisions is true",
        "this declaration: medical-card-partner-1.pdf, medical-card-partner-2.pdf",
        "for: minor-child",
        "this declaration: parent-letter-child-1.pdf",
    ] {
        assert!(stdout.contains(line), "{line:?} in\n{stdout}");
    }
}

#[test]
fn a_lawyer_edits_or_adds_a_document_without_code() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("couple.toml"), example()).unwrap();
    assert_exit(&dfr(dir.path(), &["templates", "set"]), 0);
    let set = dir.path().join("set");
    assert!(set.join("documents/kit.typ").is_file());
    assert!(set.join("documents/guide/document.toml").is_file());
    // Edited wording is printed.
    let guide = set.join("documents/guide/04-help.hbs");
    let text = std::fs::read_to_string(&guide).unwrap();
    std::fs::write(
        &guide,
        text.replace("The courts are the last resort.", "Call us on 023 000 000."),
    )
    .unwrap();
    // A new document: a copy of the guide's folder, declared as a note for each partner.
    let note = set.join("documents/note");
    std::fs::create_dir(&note).unwrap();
    for file in ["main.typ", "01-what-it-does.hbs"] {
        std::fs::copy(set.join("documents/guide").join(file), note.join(file)).unwrap();
    }
    std::fs::write(
        note.join("document.toml"),
        "for = \"partner\"\nreads = [\"partners.name\"]\n[title]\nkm = \"កំណត់ចំណាំ\"\nen = \"A note\"\n[about]\nkm = \"កំណត់ចំណាំ\"\nen = \"A note for each partner.\"\n",
    )
    .unwrap();
    let run = dfr(dir.path(), &["documents", "--templates", "set"]);
    assert_exit(&run, 0);
    assert!(
        out(&run).0.contains("note\n    កំណត់ចំណាំ / A note"),
        "{}",
        out(&run).0
    );
    // The whole kit with the edited set, into `out`.
    let render = |out: &str| {
        let args = [
            "render",
            "couple.toml",
            "--templates",
            "set",
            "--document",
            "all",
            "-o",
            out,
        ];
        dfr(dir.path(), &args)
    };
    assert_exit(&render("kit"), 0);
    let t = squash(&pdf_text(
        &std::fs::read(dir.path().join("kit/guide.pdf")).unwrap(),
    ));
    assert!(t.contains("Calluson023000000."), "the edit is printed");
    let t = squash(&pdf_text(
        &std::fs::read(dir.path().join("kit/note-partner-2.pdf")).unwrap(),
    ));
    assert!(
        t.contains(&squash("A NOTE")) && t.contains("SOKDara"),
        "the new document is made"
    );
    // A mistake in a declaration is named with its file.
    std::fs::write(note.join("document.toml"), "for = \"partner\"\nreads = [\"partners.shoe-size\"]\n[title]\nkm = \"ក\"\nen = \"a\"\n[about]\nkm = \"ក\"\nen = \"a\"\n").unwrap();
    let run = render("kit2");
    assert_exit(&run, 2);
    let (_, stderr) = out(&run);
    assert!(
        stderr.contains("documents/note/document.toml") && stderr.contains("partners.shoe-size"),
        "{stderr}"
    );
    assert!(!dir.path().join("kit2").exists(), "nothing written");
}

#[test]
fn the_template_reference_lists_every_document_and_what_it_prints() {
    let readme = std::fs::read_to_string(repo("templates/README.md")).unwrap();
    for kind in renderer().documents().unwrap() {
        let line = readme
            .lines()
            .find(|l| l.starts_with(&format!("- `{}`: ", kind.name)))
            .unwrap_or_else(|| panic!("templates/README.md does not list {}", kind.name));
        assert!(
            line.contains(&kind.title.km) && line.contains(&kind.title.en),
            "{line}"
        );
        for read in &kind.reads {
            assert!(line.contains(&format!("`{read}`")), "{line} lacks {read}");
        }
    }
    // The sources of each document's conventions are recorded for the reviewing lawyer.
    for topic in [
        "## The kit's documents",
        "administrative letter",
        "notarial",
        "next of kin",
    ] {
        assert!(
            readme.contains(topic),
            "templates/README.md says nothing of {topic:?}"
        );
    }
}

#[test]
fn the_contract_is_the_default_document_and_unchanged_by_the_kit() {
    let source = example();
    let declaration = valid(&source);
    let options = Options::default();
    assert_eq!(
        renderer()
            .render_document(&declaration, &options, dfr::CONTRACT, Subject::Whole)
            .unwrap(),
        renderer().render_pdf(&declaration, &options).unwrap()
    );
    // The kit's files are no part of the contract's ID: a set without them gives the
    // same ID.
    let mut without = renderer().templates().clone();
    without.files.retain(|f| !f.path.starts_with("documents/"));
    assert_eq!(
        dfr::wording::document_id::document_id(declaration.input(), &without),
        contract_id(&source)
    );
}

#[test]
fn the_form_lists_the_copies_the_data_calls_for_and_makes_each() {
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("couple.toml"), example()).unwrap();
    let s = crate::serve::serve(dir.path(), &["couple.toml"]);
    let data = s.data();
    let answer = s.post("/api/kit", &json!({ "data": data }));
    assert_eq!(answer.status, 200);
    let listed: Vec<String> = answer.json()["copies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let copy = c["copy"].as_str().unwrap();
            match copy {
                "" => c["document"].as_str().unwrap().to_owned(),
                _ => format!("{}-{copy}", c["document"].as_str().unwrap()),
            }
        })
        .collect();
    let expected: Vec<String> = copies(&example())
        .into_iter()
        .filter(|c| c != "contract")
        .collect();
    assert_eq!(listed, expected);
    let card = &answer.json()["copies"][2];
    assert_eq!(card["title"]["en"], "Medical contact card");
    assert_eq!(card["person"]["km"], "សុខ ដារ៉ា");
    // Without the medical appointment, no card is offered; invalid data lists nothing.
    let mut plain = data.clone();
    plain["terms"]["medical-decisions"] = json!(false);
    let answer = s.post("/api/kit", &json!({ "data": plain })).json();
    assert!(!answer.to_string().contains("medical-card"), "{answer}");
    let mut broken = data.clone();
    broken["partners"][0]["name"]["en"] = json!("");
    let answer = s.post("/api/kit", &json!({ "data": broken }));
    assert_eq!(
        (answer.status, answer.json()["reason"].clone()),
        (422, json!("fix-first"))
    );
    // Kept: written beside the declaration, the same bytes as the command line makes.
    let request = json!({ "data": data, "kind": "document", "document": "medical-card", "copy": "partner-2" });
    let answer = s.post("/api/produce", &request);
    assert_eq!(answer.status, 200, "{:?}", answer.json());
    let kept = std::fs::read(dir.path().join("couple.medical-card-partner-2.pdf")).unwrap();
    assert_eq!(
        kept,
        made(
            &example(),
            "medical-card",
            Subject::Partner(2),
            Languages::KhmerEnglish
        )
    );
    // Not kept: held in memory to print, no file written.
    let request = json!({ "data": data, "kind": "document", "document": "guide", "keep": false });
    let open = s.post("/api/produce", &request).json()["open"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(open, "/print/couple.guide.pdf");
    assert!(s.get(&open).body.starts_with(b"%PDF-"));
    assert!(!dir.path().join("couple.guide.pdf").exists());
    // A document the set does not have, a copy not called for, a name that is no name.
    for (document, copy, status) in [
        ("passport", "", 404),
        ("medical-card", "child-1", 404),
        ("../guide", "", 400),
        ("guide", "partner-x", 400),
    ] {
        let request =
            json!({ "data": data, "kind": "document", "document": document, "copy": copy });
        assert_eq!(
            s.post("/api/produce", &request).status,
            status,
            "{document} {copy}"
        );
    }
}

#[test]
fn in_a_workspace_the_kits_copies_go_with_their_declaration() {
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("couple.toml"), example()).unwrap();
    // Another declaration whose name starts like a kit's copy of this one.
    std::fs::write(dir.path().join("couple.guide.toml"), example()).unwrap();
    std::fs::write(
        dir.path().join("couple.guide.pdf"),
        b"%PDF- the other's final copy",
    )
    .unwrap();
    let s = crate::serve::serve(dir.path(), &["."]);
    let data = s.get("/api/form?file=couple.toml").json()["data"].clone();
    for (document, copy) in [("will", "partner-2"), ("parent-letter", "child-1")] {
        let request =
            json!({ "data": data, "kind": "document", "document": document, "copy": copy });
        let made = s.post("/api/produce?file=couple.toml", &request);
        assert_eq!(made.status, 200, "{:?}", made.json());
        let name = format!("couple.{document}-{copy}.pdf");
        assert_eq!(s.get(&format!("/files/{name}")).status, 200, "{name} opens");
    }
    let removed = s.post("/api/remove", &json!({ "file": "couple.toml" }));
    assert_eq!(removed.status, 200);
    let bin = dir.path().join("removed");
    assert!(
        bin.join("couple.will-partner-2.pdf").is_file(),
        "the kit's copies go with it"
    );
    assert!(bin.join("couple.parent-letter-child-1.pdf").is_file());
    assert!(
        dir.path().join("couple.guide.pdf").is_file() && !bin.join("couple.guide.pdf").exists(),
        "another declaration's final copy stays"
    );
    assert_eq!(
        s.post("/api/put-back", &json!({ "file": "couple.toml" }))
            .status,
        200
    );
    assert!(
        dir.path().join("couple.will-partner-2.pdf").is_file(),
        "and comes back with it"
    );
}
