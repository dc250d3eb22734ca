//! Structured addresses: a place typed once, by code or name path, printed from the
//! gazetteer in both languages; the authority taken from the home; located errors.

use crate::util::{assert_exit, dfr, document_text, out, repo, squash, valid};

fn structured() -> String {
    std::fs::read_to_string(repo("examples/angkor-borei.toml")).expect("example exists")
}

fn text_of(source: &str, options: &dfr::Options) -> String {
    let doc = crate::util::document(&valid(source), options).expect("renders");
    squash(&document_text(&doc))
}

/// The rendered messages of a file that must be invalid.
fn errors(source: &str) -> String {
    match dfr::Declaration::from_toml_str(source) {
        Ok(_) => panic!("should be invalid"),
        Err(e) => e.render("couple.toml"),
    }
}

#[test]
fn a_village_code_prints_its_whole_chain_in_both_languages() {
    let text = text_of(&structured(), &dfr::Options::default());
    for line in [
        "ផ្ទះលេខ៤៥ ភូមិព្រៃសំបួរ ឃុំអង្គរបូរី ស្រុកអង្គរបូរី ខេត្តតាកែវ",
        "House 45, Prey Sambuor Village, Angkor Borei Commune, Angkor Borei District, Takéo Province",
        // The authority is the home's commune, its chief's title a commune chief's.
        "មេឃុំអង្គរបូរី",
        "Chief of Angkor Borei Commune",
        "Chief of Prey Sambuor Village",
    ] {
        assert!(text.contains(&squash(line)), "{line:?} is not printed");
    }
    // The same input gives the same bytes, every run.
    let declaration = valid(&structured());
    let options = dfr::Options::default();
    assert_eq!(
        crate::util::renderer()
            .render_pdf(&declaration, &options)
            .unwrap(),
        crate::util::renderer()
            .render_pdf(&declaration, &options)
            .unwrap()
    );
}

#[test]
fn a_name_path_in_either_script_and_an_en_override_print_the_same_place() {
    let by_path = structured().replacen(
        "home = { house = \"45\", village = \"21010103\" }",
        "home = { house = \"45\", village = { province = \"ខេត្តតាកែវ\", district = \"ស្រុកអង្គរបូរី\", commune = \"Angkor Borei\", village = \"prey sambuor\" }, en = { village = \"Prey Sambour\" } }",
        1,
    );
    let text = text_of(&by_path, &dfr::Options::default());
    assert!(text.contains(&squash("ផ្ទះលេខ៤៥ ភូមិព្រៃសំបួរ ឃុំអង្គរបូរី")));
    assert!(text.contains(&squash(
        "House 45, Prey Sambour Village, Angkor Borei Commune"
    )));
}

#[test]
fn a_sangkat_with_a_street_and_an_ordinal_prints_as_addresses_write_it() {
    let source = structured()
        .replacen(
            "home = { house = \"45\", village = \"21010103\" }",
            "home = { house = \"12\", street = \"271\", commune = \"120406\", en = { commune = \"Teuk Laak III\", district = \"Toul Kork\" } }",
            1,
        )
        .replacen("place = { km = \"ខេត្តតាកែវ\", en = \"Takéo Province\" }", "place = { km = \"រាជធានីភ្នំពេញ\", en = \"Phnom Penh\" }", 1);
    let text = text_of(&source, &dfr::Options::default());
    // The gazetteer's ទឹកល្អក់ទី ៣ is printed without the space, so that no line can
    // end between the ordinal and its number.
    assert!(text.contains(&squash("ផ្ទះលេខ១២ ផ្លូវ២៧១ សង្កាត់ទឹកល្អក់ទី៣ ខណ្ឌទួលគោក រាជធានីភ្នំពេញ")));
    assert!(text.contains(&squash(
        "House 12, Street 271, Sangkat Teuk Laak III, Khan Toul Kork, Phnom Penh Capital"
    )));
    assert!(text.contains(&squash("ចៅសង្កាត់ទឹកល្អក់ទី៣")) && text.contains("ChiefofSangkatTeukLaakIII"));
}

#[test]
fn a_redacted_copy_keeps_the_province_of_the_place() {
    let options = dfr::Options::default().copy(dfr::CopyKind::Redacted);
    let text = text_of(&structured(), &options);
    assert!(text.contains("ខេត្តតាកែវ") && text.contains("TakéoProvince"));
    // The partners' and the home's addresses are reduced to the province (the
    // authority's own names stay, as in every copy).
    assert!(
        !text.contains(&squash("ភូមិព្រៃសំបួរ ឃុំអង្គរបូរី")),
        "an address is shown"
    );
    assert!(
        !text.contains(&squash("Prey Sambuor Village, Angkor Borei Commune")),
        "an address is shown"
    );
    assert!(!text.contains("House45"));
}

#[test]
fn the_shared_examples_land_is_not_where_its_text_says() {
    // The shared example's land, "Prek Takov village, Deum Mien commune, Ta Khmau
    // district, Kandal", written as a name path: Ta Khmau is a krong, Doeum Mien a
    // sangkat of it, and Preaek Ta Kov a sangkat of another district, not a village.
    let home = |path: &str| {
        structured().replacen(
            "home = { house = \"45\", village = \"21010103\" }",
            &format!("home = {{ village = {{ {path} }} }}"),
            1,
        )
    };
    let latin = errors(&home(
        "province = \"Kandal\", district = \"Ta Khmau\", commune = \"Deum Mien\", village = \"Prek Takov\"",
    ));
    assert!(
        latin.contains("couple.toml:36:")
            && latin.contains(
                "relationship.home.village.commune: no commune named `Deum Mien` in Krong Ta Khmau"
            )
            && latin.contains("Sangkat Doeum Mien / សង្កាត់ដើមមៀន (081103)"),
        "{latin}"
    );
    let khmer = errors(&home(
        "province = \"ខេត្តកណ្ដាល\", district = \"ស្រុកតាខ្មៅ\", commune = \"ឃុំដើមមៀន\", village = \"ភូមិព្រែកតាកូវ\"",
    ));
    assert!(
        khmer.contains(
            "relationship.home.village.village: no village named `ភូមិព្រែកតាកូវ` in Sangkat Doeum Mien"
        ),
        "{khmer}"
    );
    // Named as the sangkat it is, it is found in its own district, not in Ta Khmau.
    let dfr_places = dfr(&repo(""), &["places", "Preaek Ta Kov"]);
    assert!(out(&dfr_places).0.contains("081305"));
}

#[test]
fn unknown_ambiguous_and_contradictory_places_are_all_reported_where_they_are() {
    let source = structured()
        .replacen(
            "address = { village = \"21010103\" }                                 # Prey Sambuor village",
            "address = { village = \"21019999\" }",
            1,
        )
        .replacen(
            "address = { village = \"21010103\" }\n",
            "address = { village = { province = \"Phnom Penh\", district = \"Sen Sok\", commune = \"Khmuonh\", village = \"Anlong Kngan\" } }\n",
            1,
        )
        .replacen(
            "home = { house = \"45\", village = \"21010103\" }",
            "home = { house = \"45\", village = \"21010103\", commune = \"120406\" }",
            1,
        );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("couple.toml"), &source).unwrap();
    let run = dfr(dir.path(), &["render", "couple.toml"]);
    let (_, stderr) = out(&run);
    assert_exit(&run, 1);
    assert!(
        !dir.path().join("couple.pdf").exists(),
        "nothing is written"
    );
    for expected in [
        "couple.toml:20:",
        "partners[1].address.village: no village has the code 21019999 in the gazetteer",
        "hint: Angkor Borei District (2101) is a district; see its places with `dfr places 2101`",
        "couple.toml:31:",
        "partners[2].address.village.village: `Anlong Kngan` names several places",
        "(12080301)",
        "(12080304)",
        "couple.toml:36:",
        "relationship.home.village: village Prey Sambuor Village (21010103) is in Angkor Borei Commune, not in Sangkat Tuek L'ak Ti Bei (120406)",
    ] {
        assert!(
            stderr.contains(expected),
            "{expected:?} is not in:\n{stderr}"
        );
    }
}

#[test]
fn a_code_must_be_text_of_the_right_length() {
    let as_number = errors(&structured().replacen(
        "home = { house = \"45\", village = \"21010103\" }",
        "home = { commune = 120406 }",
        1,
    ));
    assert!(
        as_number.contains("write the code as text, in quotes: \"120406\""),
        "{as_number}"
    );
    let short = errors(&structured().replacen(
        "home = { house = \"45\", village = \"21010103\" }",
        "home = { village = \"210101\" }",
        1,
    ));
    assert!(
        short.contains(
            "relationship.home.village: `210101` is not a village code: a village code has 8 digits"
        ),
        "{short}"
    );
}

#[test]
fn a_given_authority_that_is_not_the_homes_commune_is_a_warning() {
    let source = structured().replacen(
        "\nchief = ",
        "\nkind = \"commune\"\ncommune = { km = \"បាស្រែ\", en = \"Ba Srae\" }\nchief = ",
        1,
    );
    let declaration = valid(&source);
    let warnings: Vec<String> = declaration
        .warnings()
        .iter()
        .map(|w| w.render("couple.toml"))
        .collect();
    assert!(
        warnings.iter().any(|w| w.contains("authority.commune: the authority is Commune Ba Srae, but the shared home is in Angkor Borei Commune (210101)")),
        "{warnings:?}"
    );
    let text = text_of(&source, &dfr::Options::default());
    assert!(text.contains("មេឃុំបាស្រែ"), "the given authority is printed");
}

#[test]
fn without_a_structured_home_the_authority_must_be_given() {
    let source = structured().replacen(
        "home = { house = \"45\", village = \"21010103\" }",
        "home = { km = \"ភូមិព្រៃសំបួរ\", en = \"Prey Sambuor village\" }",
        1,
    );
    let messages = errors(&source);
    for key in ["commune", "district", "province"] {
        assert!(
            messages.contains(&format!("authority: missing field `{key}`")),
            "{messages}"
        );
    }
    assert!(messages.contains("write relationship.home as a structured address"));
}

#[test]
fn the_attached_data_keeps_the_address_as_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("couple.toml"), structured()).unwrap();
    assert_exit(&dfr(dir.path(), &["render", "couple.toml"]), 0);
    let run = dfr(dir.path(), &["extract", "couple.pdf"]);
    let (extracted, _) = out(&run);
    assert_exit(&run, 0);
    assert!(extracted.contains("village = \"21010103\""), "{extracted}");
    assert!(
        extracted.contains("village = \"Prey Sambuor\""),
        "{extracted}"
    );
    assert_eq!(valid(&extracted).input(), valid(&structured()).input());
}
