//! The rendered PDF: its text layer, languages, layouts and reproducibility.

use crate::util::{
    assert_prints, assert_prints_exactly, example, fixture, pdf_text, pdf_text_default, render,
    valid,
};
use dfr::{Languages, Layout};

#[test]
fn the_example_prints_every_section_in_both_languages() {
    let pdf = render(&example(), Languages::KhmerEnglish, Layout::Parallel);
    assert!(pdf.starts_with(b"%PDF-"));
    // The Muol header repeats one cluster when read in stream order (see README), so it
    // is checked in poppler's default reading order, where the line itself is exact.
    let header = pdf_text_default(&pdf);
    for needle in [
        "ព្រះរាជាណាចក្រកម្ពុជា",
        "ជាតិ សាសនា ព្រះមហាក្សត្រ",
        "សេចក្ដីថ្លែងទំនាក់ទំនងគ្រួសារ",
    ] {
        assert!(
            header.lines().any(|l| l.trim() == needle),
            "no header line {needle:?}"
        );
    }
    let text = pdf_text(&pdf);
    for needle in [
        "DECLARATION OF FAMILY RELATIONSHIP",
        "Reference: RoCK-DFR-2026-0042",
        "ភាគីទី១៖ ឈ្មោះ សុខ ដារ៉ា ភេទស្រី កើតថ្ងៃទី១៥ ខែមីនា ឆ្នាំ១៩៩១ នៅខេត្តកណ្ដាល",
        "First party: SOK Dara, female, born on 15 March 1991 in Kandal Province",
        "Article 2: Living together as a family",
        "តារាងកូន",
        "Schedule of children",
        "សុខ ពិសី",
        "2 August 2019",
        "ក. អចលនវត្ថុ",
        "A. Immovable property",
        "ខ. ចលនវត្ថុ",
        "B. Movable property",
        "12020304-0567",
        "៤៥.០០០ ដុល្លារអាមេរិក",
        "USD 45,000",
        "១២.០០០.០០០ រៀល",
        "KHR 12,000,000",
        "៥០% / ៥០%",
        "60% / 40%",
        "Total value of the joint property with a stated value: USD 45,000 (forty-five thousand US dollars) and KHR 12,000,000 (twelve million riels)",
        "Total value of the second party's own property with a stated value: USD 1,800",
        "ធ្វើនៅរាជធានីភ្នំពេញ ថ្ងៃទី២១ ខែវិច្ឆិកា ឆ្នាំ២០២៦",
        "Made in Phnom Penh on 21 November 2026",
        "the Khmer text prevails",
        "ស្នាមមេដៃ",
        "Right thumbprint",
        "HENG Sovann",
        "LY Chantha",
        "បានឃើញ និងបញ្ជាក់ទីលំនៅ",
        "Seen, residence confirmed",
        "that the partners live in this village",
        "ចៅសង្កាត់ទឹកល្អក់ទី៣",
        "បានឃើញ និងបញ្ជាក់ហត្ថលេខា",
        "Seen, signatures certified",
        "Chief of Sangkat Teuk Laak III",
        "Signature and official stamp",
    ] {
        assert_prints(&text, needle);
    }
}

#[test]
fn khmer_body_text_extracts_exactly() {
    // One column, so that poppler reads the lines in order.
    let text = pdf_text(&render(&example(), Languages::Khmer, Layout::Parallel));
    // Whole Khmer sentences from the wording and the data, cluster for cluster.
    for needle in [
        "ភាគីទី១៖ ឈ្មោះ សុខ ដារ៉ា ភេទស្រី កើតថ្ងៃទី១៥ ខែមីនា ឆ្នាំ១៩៩១ នៅខេត្តកណ្ដាល សញ្ជាតិខ្មែរ",
        "ដៃគូទាំងពីរសន្យាថា នឹងថែរក្សា ជួយឧបត្ថម្ភ និងគោរពគ្នាទៅវិញទៅមក",
        "សេចក្ដីថ្លែងនេះធ្វើឡើងជាភាសាខ្មែរ។",
        "ផ្ទះលេខ១២ ផ្លូវ២៧១ សង្កាត់ទឹកល្អក់ទី៣ ខណ្ឌទួលគោក រាជធានីភ្នំពេញ",
        "តម្លៃសរុបនៃទ្រព្យសម្បត្តិរួមដែលមានបញ្ជាក់តម្លៃ៖ ៤៥.០០០ ដុល្លារអាមេរិក (បួនម៉ឺនប្រាំពាន់ដុល្លារអាមេរិក) និង ១២.០០០.០០០ រៀល (ដប់ពីរលានរៀល)",
        "៤៥.០០០ ដុល្លារអាមេរិក (បួនម៉ឺនប្រាំពាន់ដុល្លារអាមេរិក)",
    ] {
        assert_prints_exactly(&text, needle);
    }
}

#[test]
fn no_line_starts_with_a_repetition_mark_or_full_stop() {
    for (source, layout) in [
        (example(), Layout::Parallel),
        (example(), Layout::Stacked),
        (fixture("minimal.toml"), Layout::Parallel),
    ] {
        let pdf = render(&source, Languages::KhmerEnglish, layout);
        let text = pdf_text(&pdf) + &pdf_text_default(&pdf);
        for line in text.lines() {
            let first = line.trim_start().chars().next();
            assert!(
                !matches!(first, Some('ៗ' | '។')),
                "a line starts with a mark: {line:?}"
            );
        }
    }
}

#[test]
fn identical_input_gives_identical_bytes() {
    let a = render(&example(), Languages::KhmerEnglish, Layout::Parallel);
    let b = render(&example(), Languages::KhmerEnglish, Layout::Parallel);
    assert!(a == b, "two renders of the same input differ");
    let other = render(
        &example().replace("copies = 4", "copies = 5"),
        Languages::KhmerEnglish,
        Layout::Parallel,
    );
    assert!(a != other);
}

#[test]
fn user_text_is_never_read_as_markup() {
    let text = pdf_text(&render(
        &fixture("injection.toml"),
        Languages::KhmerEnglish,
        Layout::Parallel,
    ));
    for needle in [
        "សុខ {{partners.0.name.en}} $x$ *a*",
        r"#set page(fill: red) ] // <l> @ref \ {{{x}}}",
        "គ្រូ #strong[x] _u_",
        "<b>html</b> #{1+1} `raw` = Heading",
        "ម៉ូតូ {{#each partners}}x{{/each}}",
        "#pagebreak() /* c */ #image(\"x.png\")",
    ] {
        assert_prints(&text, needle);
    }
    // Same number of pages as the plain example: no value broke a page or the layout.
    let plain = pdf_text(&render(
        &example(),
        Languages::KhmerEnglish,
        Layout::Parallel,
    ));
    assert_eq!(
        text.matches('\u{c}').count(),
        plain.matches('\u{c}').count()
    );
}

#[test]
fn khmer_only_and_english_only() {
    let km = pdf_text(&render(&example(), Languages::Khmer, Layout::Parallel));
    assert_prints(&km, "ជាតិ សាសនា ព្រះមហាក្សត្រ");
    assert_prints(&km, "សុខ ដារ៉ា");
    assert!(
        !km.contains("Declaration") && !km.contains("DECLARATION") && !km.contains("First party")
    );
    // A copy in one language never mentions a second text.
    assert!(!km.contains("អត្ថបទទាំងពីរ") && !km.contains("ភាសាអង់គ្លេស"));

    let en = pdf_text(&render(&example(), Languages::English, Layout::Parallel));
    assert_prints(&en, "KINGDOM OF CAMBODIA");
    assert_prints(&en, "NATION RELIGION KING");
    // An English-only copy is a translation for information, marked so (issue 24).
    assert_prints(
        &en,
        "This copy is an English translation of the declaration, for information only, and is not an original",
    );
    assert_prints(&en, "translation for information");
    assert!(!en.contains("two texts"));
    assert!(!en.contains("ព្រះរាជាណាចក្រកម្ពុជា") && !en.contains("សុខ ដារ៉ា"));
}

#[test]
fn stacked_layout_prints_each_clause_in_khmer_then_english() {
    let text = pdf_text(&render(
        &example(),
        Languages::KhmerEnglish,
        Layout::Stacked,
    ));
    let km = text.find("ប្រការ ២").expect("Khmer article 2");
    let en = text.find("Article 2").expect("English article 2");
    let km3 = text.find("ប្រការ ៣").expect("Khmer article 3");
    assert!(
        km < en && en < km3,
        "article 2 in Khmer, then in English, then article 3"
    );
}

#[test]
fn without_witnesses_two_blank_witness_blocks_are_printed() {
    let text = pdf_text(&render(
        &fixture("minimal.toml"),
        Languages::KhmerEnglish,
        Layout::Parallel,
    ));
    assert_eq!(
        text.matches("Witness").count(),
        2,
        "two blank witness blocks"
    );
    assert_eq!(
        text.matches("ID card No.").count(),
        2,
        "each with a line for the ID"
    );
    assert_prints(&text, "មេឃុំដើមមៀន");
    assert_prints(&text, "Chief of Deum Mien Commune");
    assert_prints(&text, "KEO Samnang");
    assert_prints(&text, "MAO Thida");
    assert_prints(
        &text,
        "On the date of this declaration the partners declare no property.",
    );
    assert!(!text.contains("Schedule of children") && !text.contains("Schedule of property"));
}

#[test]
fn the_partners_named_in_signature_blocks_and_pages_are_numbered() {
    let d = valid(&example());
    let pdf = crate::util::renderer()
        .render_pdf(&d, &dfr::Options::default())
        .expect("renders");
    let text = pdf_text(&pdf);
    let pages = text.matches('\u{c}').count();
    assert!(pages >= 3, "{pages} pages");
    assert_prints(&text, &format!("page 1 of {pages}"));
    assert_prints(&text, &format!("page {pages} of {pages}"));
    assert_prints(&text, "ទំព័រ ១/");
}

#[test]
fn the_date_block_prints_the_lunar_line_then_place_and_date() {
    let text = pdf_text(&render(
        &example(),
        Languages::KhmerEnglish,
        Layout::Parallel,
    ));
    assert_prints(
        &text,
        "ថ្ងៃសៅរ៍ ១២កើត ខែកត្តិក ឆ្នាំមមី អដ្ឋស័ក ព.ស.២៥៧០ ធ្វើនៅរាជធានីភ្នំពេញ ថ្ងៃទី២១ ខែវិច្ឆិកា ឆ្នាំ២០២៦ Made in Phnom Penh on 21 November 2026",
    );
    let en = pdf_text(&render(&example(), Languages::English, Layout::Parallel));
    assert!(
        !en.contains("ព.ស."),
        "no Khmer lunar line in English-only output"
    );
    let other = example().replace("date = 2026-11-21", "date = 2025-12-10");
    assert_prints(
        &pdf_text(&render(&other, Languages::Khmer, Layout::Parallel)),
        "ថ្ងៃពុធ ៥រោច ខែមិគសិរ ឆ្នាំម្សាញ់ សប្តស័ក ព.ស.២៥៦៩",
    );
}

#[test]
fn every_amount_is_written_in_figures_and_words_in_both_languages() {
    let text = pdf_text(&render(
        &example(),
        Languages::KhmerEnglish,
        Layout::Parallel,
    ));
    for needle in [
        "៤៥.០០០ ដុល្លារអាមេរិក (បួនម៉ឺនប្រាំពាន់ដុល្លារអាមេរិក)",
        "USD 45,000 (forty-five thousand US dollars)",
        "១.៨០០ ដុល្លារអាមេរិក (មួយពាន់ប្រាំបីរយដុល្លារអាមេរិក)",
        "USD 1,800 (one thousand eight hundred US dollars)",
        "១២.០០០.០០០ រៀល (ដប់ពីរលានរៀល)",
        "KHR 12,000,000 (twelve million riels)",
        "៤៥.០០០ ដុល្លារអាមេរិក (បួនម៉ឺនប្រាំពាន់ដុល្លារអាមេរិក) និង ១២.០០០.០០០ រៀល (ដប់ពីរលានរៀល)",
        "USD 45,000 (forty-five thousand US dollars) and KHR 12,000,000 (twelve million riels)",
    ] {
        assert_prints(&text, needle);
    }
    // The motorcycle made joint, so that the joint total adds cents to dollars.
    let cents = example()
        .replace(
            "value = { amount = 1800, currency = \"USD\" }",
            "value = { amount = 1800.25, currency = \"USD\" }",
        )
        .replace(
            "owner = \"partner-2\"",
            "owner = \"joint\"\nshares = [50, 50]",
        );
    let text = pdf_text(&render(&cents, Languages::English, Layout::Parallel));
    assert_prints(
        &text,
        "USD 1,800.25 (one thousand eight hundred US dollars and twenty-five cents)",
    );
    assert_prints(&text, "USD 46,800.25");
}

#[test]
fn the_longest_values_print_whole() {
    // 600 characters is the most a value may have; five of them make one paragraph of
    // the parties clause far longer than a page column.
    let long_en = |tag: &str| format!("{tag} {}END{tag}", "word ".repeat(116));
    let long_km = |tag: &str| format!("{tag}{}ចប់{tag}", "ផ្ទះល្វែង ".repeat(58));
    let source = example()
        .replace("\"Teacher\"", &format!("\"{}\"", long_en("A")))
        .replace("\"Kandal Province\"", &format!("\"{}\"", long_en("B")))
        .replace("\"គ្រូបង្រៀន\"", &format!("\"{}\"", long_km("គ")))
        .replacen(
            "\"House 12, Street 271, Sangkat Teuk Laak III, Khan Toul Kork, Phnom Penh\"",
            &format!("\"{}\"", long_en("C")),
            1,
        );
    let declaration = valid(&source);
    let doc = crate::util::document(&declaration, &dfr::Options::default()).expect("renders");
    let text = crate::util::squash(&crate::util::document_text(&doc));
    for end in ["ENDA", "ENDB", "ENDC", "ចប់គ"] {
        assert!(text.contains(end), "{end} is missing: a row was cut off");
    }
}

#[test]
fn the_layout_marks_where_each_clause_schedule_and_the_signatures_start_once() {
    let declaration = valid(&example());
    for layout in [Layout::Parallel, Layout::Stacked] {
        let options = dfr::Options::default().layout(layout);
        let pages = crate::util::renderer()
            .lay_out(&declaration, &options)
            .unwrap();
        let parts = pages.parts();
        let keys: Vec<&str> = parts.iter().map(|p| p.key.as_str()).collect();
        let model = crate::util::renderer()
            .layout_model(&declaration, &options)
            .unwrap();
        let mut expected: Vec<&str> = Vec::new();
        for clause in &model.clauses {
            expected.push(&clause.id);
            if let Some(schedule) = &clause.schedule {
                expected.push(schedule.name());
            }
        }
        expected.push("signatures");
        assert_eq!(keys, expected, "{layout:?}");
        assert!(
            parts
                .windows(2)
                .all(|w| (w[0].page, w[0].y) <= (w[1].page, w[1].y)),
            "in reading order: {parts:?}"
        );
        assert!(parts.iter().all(|p| (0.0..1.0).contains(&p.y)));
        assert!(parts.last().unwrap().page <= pages.count());
    }
}

/// Issue 22, bug 4: a long account number wraps inside its cell instead of running
/// into the Owner column, and every character of it is still in the text.
#[test]
fn a_long_account_number_wraps_inside_its_cell() {
    let source = crate::util::example().replace(
        "registration = \"000 123 456\"",
        "registration = \"0001-02-345678-9-1\"",
    );
    let pdf = crate::util::renderer()
        .render_pdf(&crate::util::valid(&source), &dfr::Options::default())
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.pdf"), &pdf).unwrap();
    let run = crate::util::tool("pdftotext")
        .current_dir(dir.path())
        .args(["-bbox", "c.pdf", "-"])
        .output()
        .unwrap();
    let html = String::from_utf8_lossy(&run.stdout);
    // (xMin, xMax, yMin, text) of every word.
    let words: Vec<(f64, f64, f64, String)> = html
        .lines()
        .filter(|l| l.contains("<word"))
        .map(|l| {
            let attr = |name: &str| -> f64 {
                l.split(&format!("{name}=\""))
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap()
            };
            let text = l
                .split('>')
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .to_owned();
            (attr("xMin"), attr("xMax"), attr("yMin"), text)
        })
        .collect();
    let pieces: Vec<&(f64, f64, f64, String)> = words
        .iter()
        .filter(|w| w.3.starts_with("0001-") || w.3.starts_with("345678-"))
        .collect();
    assert!(!pieces.is_empty(), "the account number is not in the text");
    let joined: String = pieces.iter().map(|w| w.3.as_str()).collect();
    assert_eq!(joined, "0001-02-345678-9-1");
    // The Owner cell of the same row starts right of every piece.
    let row = pieces[0].2;
    let owner = words
        .iter()
        .find(|w| w.3 == "Both" && (w.2 - row).abs() < 30.0 && w.0 > pieces[0].0)
        .expect("the owner of the account");
    for piece in &pieces {
        assert!(
            piece.1 < owner.0,
            "{piece:?} runs into the Owner column at {}",
            owner.0
        );
    }
}

#[test]
fn english_names_places_and_months_are_never_hyphenated() {
    // Before, the example's parallel layout broke "No-vember" (and "Kam-pot",
    // "Com-mune" elsewhere), which search cannot find.
    for source in [crate::util::example(), crate::util::example_named("large")] {
        let text = crate::util::pdf_text_default(&crate::util::render(
            &source,
            dfr::Languages::KhmerEnglish,
            dfr::Layout::Parallel,
        ));
        for line in text.lines() {
            let Some(start) = line.strip_suffix(['-', '\u{AD}']) else {
                continue;
            };
            let word = start.split_whitespace().last().unwrap_or("");
            let first = word.chars().find(|c| c.is_alphabetic());
            assert!(
                !first.is_some_and(char::is_uppercase),
                "a capitalised word is hyphenated at a line end: {line}"
            );
        }
        assert!(text.contains("November"), "the month is printed whole");
    }
}
