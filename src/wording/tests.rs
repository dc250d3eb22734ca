//! The built-in wording of the examples and fixtures: clauses numbered and left out,
//! each language's digits, the partners' words, the chief's title, values printed as
//! typed, and a template's mistakes named.

use crate::input::declaration::Declaration;
use crate::options::Languages;
use crate::wording::context::wording_context;
use crate::wording::set::{Wording, WordingSet};
use crate::wording::templates::Templates;

const EXAMPLE: &str = include_str!("../../examples/dara-and-sophea.toml");

fn example() -> String {
    EXAMPLE.to_owned()
}

/// A fixture of `tests/fixtures`, by name.
fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("fixture exists")
}

fn valid(source: &str) -> Declaration {
    Declaration::from_toml_str(source).unwrap_or_else(|e| panic!("should be valid:\n{e}"))
}

/// The built-in wording of `source`, in both languages.
fn wording(source: &str) -> Wording {
    let set = WordingSet::compile(&Templates::builtin()).expect("built-in wording compiles");
    let context = wording_context(&set, &valid(source), Languages::KhmerEnglish, false)
        .expect("addresses format");
    set.render(&context).expect("wording renders")
}

/// Every label, title and paragraph of `source`'s wording, one per line.
fn rendered(source: &str) -> String {
    let w = wording(source);
    let mut all: Vec<String> = w
        .labels
        .values()
        .flat_map(|b| [b.km.clone(), b.en.clone()])
        .collect();
    for c in &w.clauses {
        all.extend([c.title.km.clone(), c.title.en.clone()]);
        all.extend(c.km.iter().cloned());
        all.extend(c.en.iter().cloned());
    }
    all.join("\n")
}

/// The text without the clause that says it is not a marriage.
fn but_not_a_marriage(text: &str) -> String {
    text.replace("and it is not a marriage", "")
        .replace("ហើយមិនមែនជាអាពាហ៍ពិពាហ៍ទេ", "")
}

#[test]
fn clauses_are_numbered_and_conditional_ones_left_out() {
    let full = wording(&example());
    let ids: Vec<&str> = full.clauses.iter().map(|c| c.id.as_str()).collect();
    assert!(ids.contains(&"04-children"));
    assert_eq!(
        full.clauses
            .iter()
            .map(|c| c.number.en.clone())
            .collect::<Vec<_>>(),
        ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]
    );
    assert_eq!(full.clauses[9].number.km, "១០");

    let minimal = wording(&fixture("minimal.toml"));
    assert!(
        !minimal.clauses.iter().any(|c| c.id == "04-children"),
        "no children: no children clause"
    );
    assert_eq!(minimal.clauses.len(), 9);
    assert_eq!(minimal.clauses[3].id, "05-property");
    assert_eq!(minimal.clauses[3].number.en, "4");
    assert!(
        minimal.clauses[3]
            .en
            .iter()
            .any(|p| p.contains("declare no property"))
    );
}

#[test]
fn khmer_wording_uses_khmer_digits_and_english_ascii_digits() {
    for source in [example(), fixture("minimal.toml")] {
        let w = wording(&source);
        // ID numbers are codes, printed as typed in both languages.
        let codes: Vec<String> = valid(&source)
            .input()
            .partners
            .iter()
            .map(|p| p.id_document.number.clone())
            .collect();
        for c in &w.clauses {
            for p in c.km.iter().chain([&c.title.km]) {
                let words = codes.iter().fold(p.clone(), |p, code| p.replace(code, ""));
                assert!(
                    !words.chars().any(|ch| ch.is_ascii_digit()),
                    "ASCII digit in Khmer text: {p}"
                );
            }
            for p in c.en.iter().chain([&c.title.en]) {
                assert!(
                    !p.chars().any(|ch| ('០'..='៩').contains(&ch)),
                    "Khmer digit in English text: {p}"
                );
            }
        }
        let parties = &w.clauses[0];
        assert!(
            parties.km[0].contains("កើតថ្ងៃទី១៥ ខែមីនា ឆ្នាំ១៩៩១"),
            "{}",
            parties.km[0]
        );
        assert!(
            parties.en[0].contains("born on 15 March 1991"),
            "{}",
            parties.en[0]
        );
    }
}

#[test]
fn the_partners_are_never_husband_wife_or_spouse() {
    let forbidden = [
        "husband",
        "wife",
        "spouse",
        "marriage",
        "married",
        "ប្តី",
        "ប្ដី",
        "ប្រពន្ធ",
        "ស្វាមី",
        "ភរិយា",
        "សហព័ទ្ធ",
        "អាពាហ៍ពិពាហ៍",
    ];
    for source in [example(), fixture("minimal.toml")] {
        let text = but_not_a_marriage(&rendered(&source)).to_lowercase();
        for word in forbidden {
            assert!(!text.contains(word), "the wording uses {word:?}");
        }
        assert!(text.contains("ដៃគូ") && text.contains("partners"));
    }
}

#[test]
fn the_khmer_text_prevails() {
    let w = wording(&example());
    let last = w.clauses.last().expect("clauses");
    assert!(last.km.iter().any(|p| p.contains("អត្ថបទភាសាខ្មែរត្រូវយកជាការ")));
    assert!(
        last.en
            .iter()
            .any(|p| p.contains("the Khmer text prevails"))
    );
}

#[test]
fn the_chief_title_follows_the_kind_of_authority() {
    let sangkat = wording(&example());
    assert_eq!(sangkat.labels["chief_title"].km, "ចៅសង្កាត់ទឹកល្អក់ទី៣");
    assert_eq!(
        sangkat.labels["chief_title"].en,
        "Chief of Sangkat Teuk Laak III"
    );
    let commune = wording(&fixture("minimal.toml"));
    assert_eq!(commune.labels["chief_title"].km, "មេឃុំដើមមៀន");
    assert_eq!(
        commune.labels["chief_title"].en,
        "Chief of Deum Mien Commune"
    );
}

#[test]
fn handlebars_in_a_value_is_printed_not_evaluated() {
    let w = wording(&fixture("injection.toml"));
    assert!(
        w.clauses[0].km[0].contains("សុខ {{partners.0.name.en}} $x$ *a*"),
        "{}",
        w.clauses[0].km[0]
    );
    assert!(
        w.clauses[0].en[0].contains(r"#set page(fill: red) ] // <l> @ref \ {{{x}}}"),
        "{}",
        w.clauses[0].en[0]
    );
}

#[test]
fn a_misspelt_template_variable_is_an_error_naming_it() {
    let mut templates = Templates::builtin();
    let file = templates
        .files
        .iter_mut()
        .find(|f| f.path == "wording/03-declaration.hbs")
        .expect("clause");
    file.text = file
        .text
        .replace("relationship.since", "relationship.sincee");
    let set = WordingSet::compile(&templates).expect("compiles");
    let context = wording_context(&set, &valid(&example()), Languages::KhmerEnglish, false)
        .expect("addresses format");
    let err = set.render(&context).unwrap_err();
    assert_eq!(err.file, "wording/03-declaration.hbs");
    assert!(err.to_string().contains("relationship.sincee"), "{err}");
}

#[test]
fn a_clause_file_without_its_sections_does_not_load() {
    let mut templates = Templates::builtin();
    let file = templates
        .files
        .iter_mut()
        .find(|f| f.path == "wording/09-amendment.hbs")
        .expect("clause");
    file.text = file.text.replace("=== title.en", "=== title.fr");
    let err = WordingSet::compile(&templates).expect_err("must fail");
    assert!(
        err.to_string().contains("unknown section `title.fr`"),
        "{err}"
    );
}

#[test]
fn text_is_normalised_to_nfc() {
    // "é" typed as e + combining acute (U+0301), literally or as a TOML escape, is the
    // same letter as the composed U+00E9.
    for typed in ["SOK Dare\u{301}", "SOK Dare\\u0301"] {
        let source = example().replace("\"SOK Dara\"", &format!("\"{typed}\""));
        let w = wording(&source);
        assert!(
            w.clauses[0].en[0].contains("SOK Dar\u{E9},"),
            "{}",
            w.clauses[0].en[0]
        );
        assert!(!w.clauses[0].en[0].contains('\u{301}'));
    }
}
