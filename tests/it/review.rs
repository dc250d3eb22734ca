//! The review copy (`--format txt`), page previews (`--format png`) and `dfr diff`.

use crate::util::{assert_exit, assert_prints, dfr, document_text, example, out, pdf_text, valid};
use dfr::{Languages, Options};

/// The example with the bank account's shares changed and the first partner's phone removed.
fn changed_example() -> String {
    example()
        .replace("shares = [60, 40]", "shares = [50, 50]")
        .replace(
            "phone = \"012 345 678\"                              # optional",
            "",
        )
}

#[test]
fn the_review_copy_says_exactly_what_the_pdf_prints() {
    let declaration = valid(&example());
    let options = Options::default();
    let parts = crate::util::renderer()
        .review_parts(&declaration, &options)
        .unwrap();
    // The text of every run the layout placed (the PDF's text layer loses some Muol
    // header clusters in poppler, so the laid-out text is compared instead).
    let text = document_text(&crate::util::document(&declaration, &options).unwrap());
    // The three header lines set in Khmer OS Muol are shaped into overlapping runs, so
    // their text is not one run; the rest must be found word for word.
    let muol = [
        "ព្រះរាជាណាចក្រកម្ពុជា",
        "ជាតិ សាសនា ព្រះមហាក្សត្រ",
        "សេចក្ដីថ្លែងទំនាក់ទំនងគ្រួសារ",
    ];
    let mut checked = 0;
    // The signature page's labels are checked in their own test; of the footer, the
    // reference and the document ID are printed as lines (the heading only names it).
    for part in parts
        .iter()
        .filter(|p| p.key != "signatures")
        .map(|p| match p.key.as_str() {
            "footer" => dfr::outputs::review::Part {
                heading: Vec::new(),
                body: p.body[..2].to_vec(),
                ..p.clone()
            },
            _ => p.clone(),
        })
    {
        for line in part.heading.iter().chain(&part.body) {
            if line.starts_with('|') {
                // A table row: each cell is printed in its own table cell.
                for cell in line.split('|').map(str::trim).filter(|c| !c.is_empty()) {
                    assert_prints(&text, cell);
                }
            } else if !line.is_empty() && !muol.contains(&line.as_str()) {
                // ` / ` joins a label's two languages, which the PDF sets on two lines.
                for piece in line.split(" / ") {
                    assert_prints(&text, piece);
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 60, "only {checked} lines were compared");
}

#[test]
fn the_review_copy_gives_every_clause_khmer_first_with_numbers_and_tables() {
    let text = crate::util::renderer()
        .review_text(&valid(&example()), &Options::default())
        .unwrap();
    let khmer = text.find("ប្រការ ៥៖ ទ្រព្យសម្បត្តិ និងបំណុល").expect("Khmer heading");
    let english = text
        .find("Article 5: Property and debts")
        .expect("English heading");
    assert!(khmer < english);
    let km_para = text
        .find("ទ្រព្យផ្ទាល់ខ្លួនដែលមានរាយក្នុងតារាង ជាកម្មសិទ្ធិរបស់ភាគីដែលមានឈ្មោះជាម្ចាស់តែម្នាក់គត់។")
        .unwrap();
    let en_para = text
        .find(
            "The own property listed in the schedule belongs to the party named as its sole owner.",
        )
        .unwrap();
    assert!(
        english < km_para && km_para < en_para,
        "heading, Khmer, then English"
    );
    for row in [
        "| ៣ | គណនីសន្សំរួមនៅធនាគារ | 000 123 456 | ដៃគូទាំងពីរ | ៦០% / ៤០% | ១២.០០០.០០០ រៀល (ដប់ពីរលានរៀល) |",
        // A code is repeated on the English line: every line is a whole row.
        "| 3 | Joint savings account | 000 123 456 | Both partners | 60% / 40% | KHR 12,000,000 (twelve million riels) |",
        "| 1 | SOK Pisey | Female | 2 August 2019 | Biological | First party | ១២៣/២០១៩ |",
    ] {
        assert!(text.lines().any(|l| l == row), "missing row {row}");
    }
    // Khmer only: no English paragraph.
    let km = crate::util::renderer()
        .review_text(
            &valid(&example()),
            &Options::default().languages(Languages::Khmer),
        )
        .unwrap();
    assert!(km.contains("ប្រការ ១៖") && !km.contains("Article 1"));
}

#[test]
fn render_format_txt_writes_the_review_copy() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.toml"), example()).unwrap();
    let run = dfr(dir.path(), &["render", "--format", "txt", "c.toml"]);
    assert_exit(&run, 0);
    let written = std::fs::read_to_string(dir.path().join("c.txt")).unwrap();
    let expected = crate::util::renderer()
        .review_text(&valid(&example()), &Options::default())
        .unwrap();
    assert_eq!(written, expected);
    assert!(!dir.path().join("c.pdf").exists(), "no PDF is written");
}

/// The width and height of a PNG image, from its header.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG file");
    let be = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn render_format_png_writes_one_image_per_page() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.toml"), example()).unwrap();
    let pages = pdf_text(
        &crate::util::renderer()
            .render_pdf(&valid(&example()), &Options::default())
            .unwrap(),
    )
    .split('\u{c}')
    .filter(|p| !p.trim().is_empty())
    .count();
    // A page left from an earlier, longer render is removed; one after a gap is not ours.
    std::fs::create_dir(dir.path().join("pages")).unwrap();
    std::fs::write(
        dir.path().join(format!("pages/c-{}.png", pages + 1)),
        b"old",
    )
    .unwrap();
    std::fs::write(
        dir.path().join(format!("pages/c-{}.png", pages + 3)),
        b"old",
    )
    .unwrap();
    std::fs::write(dir.path().join("pages/c-2.png"), b"old").unwrap();
    let run = dfr(
        dir.path(),
        &["render", "--format", "png", "c.toml", "-o", "pages"],
    );
    assert_exit(&run, 0);
    for n in 1..=pages {
        let png = std::fs::read(dir.path().join(format!("pages/c-{n}.png"))).unwrap();
        // A4 at 144 dots per inch.
        assert_eq!(png_size(&png), (1191, 1684), "page {n}");
    }
    assert!(
        !dir.path()
            .join(format!("pages/c-{}.png", pages + 1))
            .exists()
    );
    assert!(
        dir.path()
            .join(format!("pages/c-{}.png", pages + 3))
            .exists(),
        "only the run after the last page is removed"
    );
    assert_eq!(out(&run).0.matches("wrote").count(), pages);
}

#[test]
fn diff_lists_changed_data_then_changed_wording_in_both_languages() {
    let old = valid(&example());
    let new = valid(&changed_example());
    let difference =
        dfr::compare(crate::util::renderer(), &old, &new, &Options::default()).unwrap();
    let data: Vec<String> = difference.data.iter().map(ToString::to_string).collect();
    assert_eq!(
        data,
        [
            "assets[3].shares: [60, 40] → [50, 50]",
            "partners[1].phone: \"012 345 678\" → (none)",
        ]
    );
    let wording: Vec<String> = difference.wording.iter().map(|w| w.text()).collect();
    let property = wording
        .iter()
        .find(|w| w.starts_with("── schedule-property"))
        .expect("the property schedule changed");
    // Only the shares are marked, inside their row, in each language.
    assert!(
        property.contains(
            "\n~ | ៣ | គណនីសន្សំរួមនៅធនាគារ | 000 123 456 | ដៃគូទាំងពីរ | [-៦០-]{+៥០+}% / [-៤០-]{+៥០+}% |"
        ),
        "{property}"
    );
    assert!(
        property.contains(
            "\n~ | 3 | Joint savings account | 000 123 456 | Both partners | [-60-]{+50+}% / [-40-]{+50+}% |"
        ),
        "{property}"
    );
    let parties = wording
        .iter()
        .find(|w| w.starts_with("── 01-parties"))
        .expect("the parties clause changed");
    let changed: Vec<&str> = parties.lines().filter(|l| l.starts_with("~ ")).collect();
    assert_eq!(
        changed.len(),
        2,
        "one Khmer and one English paragraph: {parties}"
    );
    assert!(
        changed[0].ends_with("ភូមិនេះ[- ទូរស័ព្ទលេខ ០១២ ៣៤៥ ៦៧៨-]។")
            || changed[0].contains("[- ទូរស័ព្ទលេខ ០១២ ៣៤៥ ៦៧៨-]"),
        "{parties}"
    );
    assert!(
        changed[1].contains("Phnom Penh[-, telephone 012 345 678-]."),
        "{parties}"
    );
    // Clauses that did not change are not listed.
    assert!(!wording.iter().any(|w| w.starts_with("── 05-separation")));
}

#[test]
fn diff_of_an_added_child_names_the_new_entry() {
    let old = valid(&example());
    let second_child = "\n[[children]]\nname = { km = \"សុខ វិចិត្រ\", en = \"SOK Vichet\" }\nsex = \"male\"\ndate-of-birth = 2021-01-05\nkind = \"adopted\"\nlegal-parent = 2\n";
    let source = example().replacen("\n[[assets]]", &format!("{second_child}\n[[assets]]"), 1);
    let new = valid(&source);
    let difference =
        dfr::compare(crate::util::renderer(), &old, &new, &Options::default()).unwrap();
    assert_eq!(difference.data.len(), 1, "{:?}", difference.data);
    assert!(
        difference.data[0]
            .to_string()
            .starts_with("children[2]: (none) → {")
    );
    let texts: String = difference.wording.iter().map(|w| w.text()).collect();
    assert!(texts.contains("\n+ | ២ | សុខ វិចិត្រ |"), "{texts}");
}

#[test]
fn diff_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), example()).unwrap();
    std::fs::write(dir.path().join("b.toml"), changed_example()).unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        example().replace("copies = 4", "copies = 0"),
    )
    .unwrap();
    let same = dfr(dir.path(), &["diff", "a.toml", "a.toml"]);
    assert_exit(&same, 0);
    assert!(out(&same).0.contains("identical"));
    let differ = dfr(dir.path(), &["diff", "a.toml", "b.toml"]);
    assert_exit(&differ, 1);
    let (stdout, _) = out(&differ);
    assert!(
        stdout.starts_with("Data: 2 changed values\n  assets[3].shares: [60, 40] → [50, 50]\n"),
        "{stdout}"
    );
    assert!(stdout.contains("Wording:"));
    let invalid = dfr(dir.path(), &["diff", "a.toml", "bad.toml"]);
    assert_exit(&invalid, 2);
    assert!(out(&invalid).1.contains("bad.toml:"), "{:?}", out(&invalid));
}

#[test]
fn the_review_copy_has_every_label_of_the_signature_page() {
    // Without witnesses and without the chiefs' names: every blank is printed too.
    let mut source = example();
    while let Some(start) = source.find("[[witnesses]]") {
        let end = source[start + 2..]
            .find("\n[")
            .map_or(source.len(), |n| start + n + 3);
        source.replace_range(start..end, "");
    }
    let declaration = valid(&source);
    let model = crate::util::renderer()
        .layout_model(&declaration, &Options::default())
        .unwrap();
    assert!(model.signers.chief.is_none() && model.signers.witnesses[0].name.is_none());
    let signatures = crate::util::review_part(&source, "signatures");
    let footer = crate::util::review_part(&source, "footer");
    for name in [
        "signatures",
        "partner_1",
        "partner_2",
        "signature",
        "thumbprint",
        "witness",
        "name",
        "id_number",
        "seen_confirmed",
        "confirmed_what",
        "village_chief_title",
        "seen_certified",
        "certified_what",
        "chief_title",
        "date_blank",
        "stamp",
    ] {
        let label = &model.labels[name];
        for text in [&label.km, &label.en] {
            assert!(
                signatures.contains(text.as_str()),
                "{name}: {text:?} not in\n{signatures}"
            );
        }
    }
    // The blanks to fill in by hand: two witnesses' names and ID numbers, two chiefs'.
    assert_eq!(signatures.matches("ឈ្មោះ / Name ………………………………").count(), 2);
    assert_eq!(
        signatures
            .matches("អត្តសញ្ញាណប័ណ្ណលេខ / ID card No. ………………………………")
            .count(),
        2
    );
    assert_eq!(
        signatures.matches("[ស្នាមមេដៃស្ដាំ / Right thumbprint]").count(),
        4
    );
    for name in ["initials", "document_id"] {
        assert!(
            footer.contains(&model.labels[name].en),
            "{name} not in {footer}"
        );
    }
    assert!(
        footer.contains(&model.id) && footer.contains("[១] [២]"),
        "{footer}"
    );
}

#[test]
fn the_review_copy_by_page_breaks_where_the_pdf_does() {
    let large = std::fs::read_to_string(crate::util::repo("examples/large.toml")).unwrap();
    for (source, layout) in [
        (example(), dfr::Layout::Parallel),
        (example(), dfr::Layout::Stacked),
        (large, dfr::Layout::Parallel),
    ] {
        let declaration = valid(&source);
        let options = Options::default().layout(layout);
        let paged = crate::util::renderer()
            .review_text_by_page(&declaration, &options)
            .unwrap();
        let pdf = crate::util::renderer()
            .render_pdf(&declaration, &options)
            .unwrap();
        let printed: Vec<String> = pdf_text(&pdf)
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .map(crate::util::squash)
            .collect();
        let pages: Vec<&str> = paged.split("════════ ").collect();
        assert_eq!(pages.len(), printed.len(), "one page of text per page");
        let count = printed.len();
        let mut checked = 0;
        for (n, (page, printed)) in pages.iter().zip(&printed).enumerate() {
            // Each page ends with its own footer, its number in both languages.
            let footer = page
                .lines()
                .rfind(|l| l.starts_with("┄ "))
                .unwrap_or_else(|| panic!("page {} has no footer:\n{page}", n + 1));
            assert!(
                footer.ends_with(&format!("page {} of {count}", n + 1)),
                "{footer}"
            );
            // The page's English paragraphs and rows are printed on that page of the PDF.
            let english: Vec<&str> = page
                .lines()
                .skip(1)
                .filter(|l| {
                    l.len() > 30
                        && l.starts_with(|c: char| c.is_ascii_alphanumeric())
                        && !l.chars().any(dfr::locale::script::is_khmer)
                })
                .collect();
            checked += english.len();
            for line in english {
                let start: String = crate::util::squash(line).chars().take(24).collect();
                assert!(
                    printed.contains(&start),
                    "page {}: {start:?} is not printed there",
                    n + 1
                );
            }
        }
        assert!(
            checked >= 2 * count,
            "only {checked} lines on {count} pages"
        );
    }
    // --pages is for the review copy only.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.toml"), example()).unwrap();
    let run = dfr(dir.path(), &["render", "--pages", "c.toml"]);
    assert_exit(&run, 2);
    assert!(out(&run).1.contains("--pages is for the review copy"));
    let run = dfr(
        dir.path(),
        &["render", "--format", "txt", "--pages", "c.toml", "-o", "-"],
    );
    assert_exit(&run, 0);
    assert!(out(&run).0.contains("════════ ទំព័រ ២/"));
}
