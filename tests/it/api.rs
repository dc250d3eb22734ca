//! The library API: parsing, validation, diagnostics and wording.

use crate::util::{example, fixture, valid};
use dfr::{Severity, Templates, check};

#[test]
fn the_shared_example_parses_and_validates_unchanged() {
    let spec =
        std::fs::read_to_string(crate::util::repo("../shared/spec/declaration.example.toml"));
    if let Ok(spec) = spec {
        assert_eq!(
            spec,
            example(),
            "examples/dara-and-sophea.toml must be a copy of the shared example"
        );
    }
    let d = valid(&example());
    assert_eq!(d.input().partners.len(), 2);
    assert_eq!(d.input().assets.len(), 3);
    assert!(d.warnings().is_empty(), "{:?}", d.warnings());
}

#[test]
fn every_validation_problem_is_reported_at_once_with_its_place() {
    let checked = check(&fixture("many-errors.toml"));
    assert!(checked.declaration.is_none());
    let lines: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| d.render("f.toml"))
        .collect();
    let expected = [
        ("declaration.copies", 11),
        ("partners[1].name.km", 14),
        ("partners[1].id-document.number", 19),
        ("partners[2].date-of-birth", 27),
        ("partners[2].occupation.en", 31),
        ("relationship.since", 35),
        ("children[1].date-of-birth", 41),
        ("children[1].legal-parent", 43),
        ("assets[1].shares", 51),
        ("assets[2].shares", 59),
        ("assets[3].value.amount", 68),
        ("witnesses[1].id-document.number", 79),
    ];
    for (path, line) in expected {
        let prefix = format!("f.toml:{line}:");
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&prefix) && l.contains(&format!("error: {path}: "))),
            "no error for {path} on line {line} in:\n{}",
            lines.join("\n")
        );
    }
    assert_eq!(
        checked
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count(),
        expected.len()
    );
}

#[test]
fn an_unknown_key_names_its_path_and_suggests_the_right_one() {
    let err = dfr::Declaration::from_toml_str(&fixture("unknown-key.toml")).unwrap_err();
    let text = err.render("f.toml");
    assert!(
        text.starts_with(
            "f.toml:16:1: error: partners[1].date-of-brith: unknown field `date-of-brith`"
        ),
        "{text}"
    );
    assert!(
        text.contains("hint: did you mean `date-of-birth`?"),
        "{text}"
    );
}

#[test]
fn an_impossible_date_is_an_error_at_its_value() {
    let text = dfr::Declaration::from_toml_str(&fixture("impossible-date.toml"))
        .unwrap_err()
        .render("f.toml");
    assert!(
        text.starts_with("f.toml:16:17: error: partners[1].date-of-birth: "),
        "{text}"
    );
}

#[test]
fn an_unknown_currency_lists_the_valid_ones() {
    let text = dfr::Declaration::from_toml_str(&fixture("unknown-currency.toml"))
        .unwrap_err()
        .render("f.toml");
    assert!(
        text.contains("error: assets[3].value.currency: unknown variant `EUR`"),
        "{text}"
    );
    assert!(text.contains("expected `USD` or `KHR`"), "{text}");
}

#[test]
fn a_syntax_error_gives_line_and_column() {
    let text = dfr::Declaration::from_toml_str(&fixture("syntax-error.toml"))
        .unwrap_err()
        .render("f.toml");
    assert!(text.starts_with("f.toml:11:10: error: "), "{text}");
}

#[test]
fn missing_sections_and_keys_are_errors() {
    let source = example().replace("[relationship]", "[relation]");
    let text = dfr::Declaration::from_toml_str(&source)
        .unwrap_err()
        .render("f.toml");
    assert!(
        text.contains("error: relation: unknown field `relation`"),
        "{text}"
    );
    let source = example().replace("copies = 4 ", "");
    let text = dfr::Declaration::from_toml_str(&source)
        .unwrap_err()
        .render("f.toml");
    assert!(text.contains("missing field `copies`"), "{text}");
}

#[test]
fn amounts_are_whole_riels_or_dollars_and_cents() {
    let riel_cents = example().replace(
        "amount = 12000000, currency = \"KHR\"",
        "amount = 12000000.5, currency = \"KHR\"",
    );
    let text = dfr::Declaration::from_toml_str(&riel_cents)
        .unwrap_err()
        .render("f.toml");
    assert!(
        text.contains(
            "assets[3].value.amount: 12000000.5 has cents, but riel amounts are whole riels"
        ),
        "{text}"
    );
    let three_decimals = example().replace("amount = 1800,", "amount = 1800.125,");
    let text = dfr::Declaration::from_toml_str(&three_decimals)
        .unwrap_err()
        .render("f.toml");
    assert!(
        text.contains("assets[2].value.amount: 1800.125 has more than two decimals"),
        "{text}"
    );
}

#[test]
fn a_declaration_date_outside_the_calendar_is_an_error() {
    let source = example().replace("date = 2026-11-21", "date = 2101-01-01");
    let text = dfr::Declaration::from_toml_str(&source)
        .unwrap_err()
        .render("f.toml");
    assert!(
        text.contains("declaration.date: 2101-01-01 is outside the years 1900–2100"),
        "{text}"
    );
}

#[test]
fn unusual_but_legal_data_gives_warnings() {
    let source = example()
        .replace("\"HENG Sovann\"", "\"SOK Vanna\"")
        .replace("since = 2016-06-01", "since = 2004-06-01");
    let checked = check(&source);
    let d = checked.declaration.expect("warnings do not stop a file");
    let lines: Vec<String> = d.warnings().iter().map(|w| w.render("f.toml")).collect();
    assert!(
        lines.iter().any(|l| l.contains(
            "warning: witnesses[1].name: this witness shares the family name of SOK Dara"
        )),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(
            |l| l.contains("warning: relationship.since: partner 1 was under 16 on 2004-06-01")
        ),
        "{lines:?}"
    );
    let minimal = check(&fixture("minimal.toml"));
    assert!(
        minimal
            .diagnostics
            .iter()
            .any(|w| w.severity == Severity::Warning && w.path.to_string() == "assets")
    );
}

#[test]
fn latin_digits_in_khmer_text_are_a_warning_with_the_khmer_digits() {
    let source = example().replace("ដីមួយកន្លែងទំហំ ១២០ ម៉ែត្រការ៉េ", "ដីមួយកន្លែងទំហំ 120 ម៉ែត្រការ៉េ");
    let d = check(&source)
        .declaration
        .expect("warnings do not stop a file");
    let lines: Vec<String> = d.warnings().iter().map(|w| w.render("f.toml")).collect();
    let warning = lines
        .iter()
        .find(|l| l.contains("warning: assets[1].description.km:"))
        .unwrap_or_else(|| panic!("{lines:?}"));
    assert!(
        warning.contains("writes 120 in Latin digits; write ១២០"),
        "{warning}"
    );
    // Khmer digits, and Latin digits in English text, are what the text should hold.
    assert!(
        !check(&example())
            .declaration
            .unwrap()
            .warnings()
            .iter()
            .any(|w| w.render("f.toml").contains("Latin digits")),
    );
}

#[test]
fn every_structural_problem_is_reported_at_once() {
    let text = dfr::Declaration::from_toml_str(&fixture("many-structural-errors.toml"))
        .unwrap_err()
        .render("f.toml");
    for expected in [
        "f.toml:1:1: error: missing field `authority`: the file has no [authority] table",
        "f.toml:7:1: error: declaration.colour: unknown field `colour`",
        "f.toml:10:1: error: partners[1].nmae: unknown field `nmae`",
        "hint: did you mean `name`?",
        "f.toml:14:7: error: partners[2].sex: unknown variant `femal`, expected `female` or `male`",
        "hint: did you mean `female`?",
        "f.toml:17:9: error: relationship.since: invalid type: integer `2016`, expected a date such as 2026-11-21",
        "f.toml:25:34: error: assets[1].value.currency: unknown variant `EUR`, expected `USD` or `KHR`",
        "f.toml:27:2: error: extra: unknown field `extra`",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn a_text_value_has_a_sane_length() {
    let long = "x".repeat(601);
    let source = example().replace("\"Teacher\"", &format!("\"{long}\""));
    let text = dfr::Declaration::from_toml_str(&source)
        .unwrap_err()
        .render("f.toml");
    assert!(
        text.contains("partners[1].occupation.en: is 601 characters long; a value is at most 600"),
        "{text}"
    );
}

#[test]
fn a_character_the_fonts_cannot_print_is_an_error() {
    // Found by the fuzz harness: U+20C0 (SOM SIGN) has no glyph in the bundled fonts.
    let source = example().replace("\"Teacher\"", "\"Teacher \u{20C0} 中\"");
    let text = dfr::Declaration::from_toml_str(&source)
        .unwrap_err()
        .render("f.toml");
    assert!(text.contains("partners[1].occupation.en: contains `\u{20C0}` (U+20C0), which the contract's fonts cannot print"), "{text}");
    // Khmer, Latin with accents and common punctuation are all printable.
    let fine = example()
        .replace("\"Teacher\"", "\"Teacher – «é» ‘x’ €\"")
        .replace("\"គ្រូបង្រៀន\"", "\"គ្រូបង្រៀន ៛ ៗ ។\"");
    valid(&fine);
}

#[test]
fn a_clause_names_its_schedule_so_renaming_the_file_keeps_the_table() {
    let mut templates = Templates::builtin();
    for file in &mut templates.files {
        if let Some(rest) = file.path.strip_prefix("wording/04-children") {
            file.path = format!("wording/04-kids{rest}");
        }
    }
    let renderer = dfr::Renderer::with_templates(templates.clone()).unwrap();
    let text = renderer
        .review_text(&valid(&example()), &dfr::Options::default())
        .unwrap();
    assert!(text.contains("Schedule of children"), "{text}");
    let file = templates
        .files
        .iter_mut()
        .find(|f| f.path == "wording/04-kids.hbs")
        .unwrap();
    file.text = file
        .text
        .replace("=== schedule\nchildren", "=== schedule\nkids");
    let err = dfr::Renderer::with_templates(templates)
        .and_then(|r| r.review_text(&valid(&example()), &dfr::Options::default()))
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("`kids` is not a schedule; write children or property"),
        "{err}"
    );
}

#[test]
fn the_library_words_its_problems_in_khmer_too_with_khmer_digits() {
    let checked = check(&fixture("many-errors.toml"));
    assert!(checked.declaration.is_none());
    let khmer = |d: &dfr::Diagnostic| {
        d.km.clone()
            .unwrap_or_else(|| panic!("no Khmer for {}", d.render("f")))
    };
    for d in &checked.diagnostics {
        let km = khmer(d);
        assert!(
            km.message
                .chars()
                .any(|c| ('\u{1780}'..='\u{17FF}').contains(&c)),
            "{}",
            km.message
        );
        assert_eq!(km.hint.is_some(), d.hint.is_some(), "{}", d.render("f"));
    }
    let at = |path: &str| {
        let d = checked
            .diagnostics
            .iter()
            .find(|d| d.path.to_string() == path)
            .unwrap_or_else(|| panic!("no problem at {path}"));
        khmer(d).message
    };
    assert_eq!(
        at("partners[2].date-of-birth"),
        "ដៃគូទី២ មានអាយុ ១៦ ឆ្នាំ នៅថ្ងៃធ្វើសេចក្ដីថ្លែង៖ ដៃគូត្រូវមានអាយុចាប់ពី ១៨ ឆ្នាំឡើងទៅ"
    );
    assert_eq!(
        at("relationship.since"),
        "ថ្ងៃទី១ ខែមករា ឆ្នាំ២០២៧ ក្រោយថ្ងៃធ្វើសេចក្ដីថ្លែង ថ្ងៃទី២១ ខែវិច្ឆិកា ឆ្នាំ២០២៦"
    );
    assert_eq!(
        at("assets[1].shares"),
        "ចំណែក ៦០ / ៥០ បូកបាន ១១០ មិនមែន ១០០ ទេ"
    );
    assert_eq!(
        at("witnesses[1].id-document.number"),
        "លេខអត្តសញ្ញាណ 020345678 ក៏ជាលេខរបស់ដៃគូទី២ដែរ"
    );
    // The command line keeps printing the English.
    assert!(
        checked.diagnostics[0]
            .render("f")
            .contains("0 copies cannot be made")
    );
}

/// Issue 22, bug 1: one value the reader refuses (an empty date, as the form sends a
/// cleared date or a new witness) never hides the other problems, and its message has
/// Khmer too.
#[test]
fn an_empty_date_hides_no_other_problem() {
    let source = crate::util::example()
        .replace("copies = 4", "copies = 0")
        .replace("date-of-birth = 1991-03-15", "date-of-birth = \"\"")
        .replace("shares = [50, 50]", "shares = [50, 60]")
        .replace("legal-parent = 1", "legal-parent = 3");
    let checked = dfr::check(&source);
    assert!(checked.declaration.is_none());
    let paths: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| d.path.to_string())
        .collect();
    for expected in [
        "declaration.copies",
        "partners[1].date-of-birth",
        "children[1].legal-parent",
        "assets[1].shares",
    ] {
        assert!(
            paths.iter().any(|p| p == expected),
            "{expected} missing: {paths:?}"
        );
    }
    let date = checked
        .diagnostics
        .iter()
        .find(|d| d.path.to_string() == "partners[1].date-of-birth")
        .unwrap();
    assert_eq!(date.message, "the date is empty: write it as YYYY-MM-DD");
    assert!(
        date.km
            .as_ref()
            .unwrap()
            .message
            .contains("មិនទាន់បានបំពេញកាលបរិច្ឆេទ")
    );
    // No rule is reported about the value that stood in for the empty one.
    assert_eq!(
        paths
            .iter()
            .filter(|p| p.starts_with("partners[1].date"))
            .count(),
        1
    );
    // A second refused value (a word where a number belongs) hides nothing either.
    let two = source.replace("copies = 0", "copies = \"four\"");
    let paths: Vec<String> = dfr::check(&two)
        .diagnostics
        .iter()
        .map(|d| d.path.to_string())
        .collect();
    assert!(
        paths.contains(&"declaration.copies".to_owned())
            && paths.contains(&"assets[1].shares".to_owned()),
        "{paths:?}"
    );
}

/// Issue 22, bug 6: an ID number typed in Khmer digits is refused with a hint to write
/// it with 0–9, in both languages.
#[test]
fn an_id_in_khmer_digits_is_told_to_use_0_to_9() {
    let source = crate::util::example().replace("number = \"010234567\"", "number = \"០១០២៣៤៥៦៧\"");
    let checked = dfr::check(&source);
    let d = checked
        .diagnostics
        .iter()
        .find(|d| d.path.to_string() == "partners[1].id-document.number")
        .expect("the ID is refused");
    assert!(
        d.hint.as_deref().unwrap().contains("digits 0–9"),
        "{:?}",
        d.hint
    );
    assert!(
        d.km.as_ref()
            .unwrap()
            .hint
            .as_deref()
            .unwrap()
            .contains("0–9")
    );
}
