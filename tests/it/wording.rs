//! The legal wording: every clause consistent with the data and the options, nothing
//! overclaimed, the clauses a lawyer expects, in both languages. Checked on the text the
//! contract prints (the review copy, which is tested word for word against the layout).

use crate::util::{example, fixture, review as text, review_part as article, valid, with};
use dfr::{Languages, Layout, Options};

fn errors(source: &str) -> String {
    dfr::Declaration::from_toml_str(source)
        .expect_err("must be invalid")
        .render("f.toml")
}

#[test]
fn copies_name_who_keeps_every_copy() {
    let cases = [
        (
            2,
            "This declaration is made in 2 original copies of equal legal force: the first party and the second party each keep one.",
            "សេចក្ដីថ្លែងនេះធ្វើឡើងជា២ច្បាប់ដើម ដែលមានតម្លៃគតិយុត្តស្មើគ្នា៖ ភាគីទី១ និងភាគីទី២ រក្សាទុករៀងៗខ្លួនមួយច្បាប់។",
        ),
        (
            3,
            "This declaration is made in 3 original copies of equal legal force: the first party, the second party and the Sangkat Teuk Laak III office each keep one.",
            "ភាគីទី១ ភាគីទី២ និងសាលាសង្កាត់ទឹកល្អក់ទី៣ រក្សាទុករៀងៗខ្លួនមួយច្បាប់។",
        ),
        (
            4,
            "This declaration is made in 4 original copies of equal legal force: the first party, the second party, the Sangkat Teuk Laak III office and Rainbow Community Kampuchea (RoCK) each keep one.",
            "ភាគីទី១ ភាគីទី២ សាលាសង្កាត់ទឹកល្អក់ទី៣ និងអង្គការ Rainbow Community Kampuchea (RoCK) រក្សាទុករៀងៗខ្លួនមួយច្បាប់។",
        ),
        (
            5,
            "each keep one. The other copy is kept by the partners together.",
            "ច្បាប់ដើមដែលនៅសល់ចំនួន១ច្បាប់ ត្រូវរក្សាទុកដោយដៃគូទាំងពីររួមគ្នា។",
        ),
        (
            7,
            "each keep one. The other 3 copies are kept by the partners together.",
            "ច្បាប់ដើមដែលនៅសល់ចំនួន៣ច្បាប់ ត្រូវរក្សាទុកដោយដៃគូទាំងពីររួមគ្នា។",
        ),
    ];
    for (copies, en, km) in cases {
        let source = with(&example(), "copies = 4", &format!("copies = {copies}"));
        let t = text(&source, Languages::KhmerEnglish);
        assert!(t.contains(en), "{copies} copies: {en:?} missing");
        assert!(t.contains(km), "{copies} copies: {km:?} missing");
    }
    // Fewer than three copies leave the office without one: a warning says so.
    let checked = dfr::check(&with(&example(), "copies = 4", "copies = 2"));
    assert!(
        checked
            .diagnostics
            .iter()
            .any(|d| d.path.to_string() == "declaration.copies"
                && d.message.contains("office keeps none")),
        "{:?}",
        checked.diagnostics
    );
}

#[test]
fn property_and_separation_agree_for_every_option() {
    // By shares: each listed joint asset by its stated shares, in both articles.
    let property = article(&example(), "05-property");
    assert!(property.contains("co-owned by both partners in the percentage shares of each party stated in the schedule for each asset"));
    assert!(property.contains("ជាសហកម្មសិទ្ធិរបស់ដៃគូទាំងពីរ តាមចំណែកភាគរយ"));
    let separation = article(&example(), "06-separation");
    assert!(separation.contains("each joint asset listed in the schedule is divided by the percentage shares stated there for it"));
    // Equal: every joint asset must be held 50/50, and both articles say equal shares.
    let err = errors(&with(
        &example(),
        "separation = \"by-shares\"",
        "separation = \"equal\"",
    ));
    assert!(
        err.contains("error: assets[3].shares: with `terms.separation = \"equal\"` every joint asset is held in equal shares"),
        "{err}"
    );
    let equal = with(
        &with(
            &example(),
            "separation = \"by-shares\"",
            "separation = \"equal\"",
        ),
        "shares = [60, 40]",
        "shares = [50, 50]",
    );
    let property = article(&equal, "05-property");
    assert!(property.contains(
        "The joint property listed in the schedule is co-owned by both partners in equal shares."
    ));
    assert!(property.contains("ជាសហកម្មសិទ្ធិរបស់ដៃគូទាំងពីរ ក្នុងចំណែកស្មើគ្នា។"));
    assert!(!property.contains("percentage shares"), "{property}");
    let separation = article(&equal, "06-separation");
    assert!(separation.contains("all their joint property is divided into two equal halves"));
    assert!(separation.contains("ទ្រព្យសម្បត្តិរួមទាំងអស់ត្រូវបែងចែកជាពីរចំណែកស្មើគ្នា"));
    assert!(!separation.contains("percentage"), "{separation}");
    // No assets: nothing refers to a schedule that is not printed.
    let none = fixture("minimal.toml");
    let t = text(&none, Languages::KhmerEnglish);
    assert!(
        !t.contains("schedule of property") && !t.contains("តារាងទ្រព្យសម្បត្តិ"),
        "{t}"
    );
    let separation = article(&none, "06-separation");
    assert!(separation.contains("their joint property is divided into two equal halves, unless the partners have agreed other shares in writing"));
    assert!(!separation.contains("schedule"), "{separation}");
    // Property acquired together, and property acquired alone, before or after, in
    // every case.
    for source in [example(), equal, none] {
        let property = article(&source, "05-property");
        assert!(property.contains(
            "acquired together, before or after the date of this declaration, is co-owned by both partners in equal shares"
        ));
        assert!(property.contains("មុន ឬក្រោយថ្ងៃធ្វើសេចក្ដីថ្លែងនេះ ជាសហកម្មសិទ្ធិរបស់ដៃគូទាំងពីរ ក្នុងចំណែកស្មើគ្នា"));
        assert!(property.contains(
            "Property that a partner acquired alone, before or after the date of this declaration"
        ));
        assert!(property.contains("ទ្រព្យសម្បត្តិដែលដៃគូម្នាក់ទទួលបានតែម្នាក់ឯង មុន ឬក្រោយថ្ងៃធ្វើសេចក្ដីថ្លែងនេះ"));
    }
}

#[test]
fn the_death_article_title_says_only_what_follows() {
    let with_medical = article(&example(), "07-death-and-incapacity");
    assert!(with_medical.contains("Article 7: Death and incapacity"));
    assert!(with_medical.contains("ប្រការ ៧៖ មរណភាព និងអសមត្ថភាព"));
    let without = with(
        &example(),
        "medical-decisions = true",
        "medical-decisions = false",
    );
    let death = article(&without, "07-death-and-incapacity");
    assert!(death.contains("Article 7: Death\n"), "{death}");
    assert!(death.contains("ប្រការ ៧៖ មរណភាព\n"), "{death}");
    assert!(
        !death.contains("incapacity")
            && !death.contains("អសមត្ថភាព")
            && !death.contains("next of kin")
    );
}

#[test]
fn a_copy_in_one_language_never_mentions_a_second_text() {
    let km = text(&example(), Languages::Khmer);
    assert!(km.contains("សេចក្ដីថ្លែងនេះធ្វើឡើងជាភាសាខ្មែរ។"));
    assert!(!km.contains("អត្ថបទទាំងពីរ") && !km.contains("អង់គ្លេស"));
    // An English-only copy is a translation for information (issue 24): it names the
    // Khmer text that prevails, but never "two texts".
    let en = text(&example(), Languages::English);
    assert!(en.contains("This copy is an English translation of the declaration, for information only, and is not an original"));
    assert!(!en.contains("two texts") && !en.contains("This declaration is made in English."));
    let both = text(&example(), Languages::KhmerEnglish);
    assert!(both.contains("This declaration is made in Khmer and English. If the two texts differ, the Khmer text prevails."));
    assert!(both.contains("ក្នុងករណីមានការខុសគ្នារវាងអត្ថបទទាំងពីរ អត្ថបទភាសាខ្មែរត្រូវយកជាការ។"));
}

#[test]
fn guardianship_is_a_wish_for_minor_children_only() {
    let minor = article(&example(), "04-children");
    assert!(minor.contains("If the legal parent of a child who is a minor dies or cannot exercise parental authority, the partners wish the other partner to become that child's guardian."));
    assert!(
        minor.contains("does not affect the rights of the child's other parent, if there is one")
    );
    assert!(minor.contains("so the legal parent should write this wish in their will."));
    assert!(
        minor.contains("អំណាចមេបា")
            && minor.contains("មតកសាសន៍")
            && minor.contains("មាតា ឬបិតាម្នាក់ទៀតរបស់កូន")
    );
    // SOK Pisey, born in 2008 in this variant, is 18 on the declaration date.
    let adult = with(
        &example(),
        "date-of-birth = 2019-08-02",
        "date-of-birth = 2008-01-10",
    );
    let children = article(&adult, "04-children");
    assert!(
        !children.contains("guardian") && !children.contains("អាណាព្យាបាល"),
        "{children}"
    );
    // Of an adult child only what the data says (issue 24): no assertion that the
    // co-parent raised them unless `raised-by-co-parent` says so.
    assert!(children.contains("The child is an adult.") && !children.contains("raising"));
    assert!(children.contains("កូននេះជាមនុស្សពេញវ័យ។") && !children.contains("ពេញវ័យហើយ"));
    assert!(!article(&adult, "06-separation").contains("maintenance"));
    // examples/large.toml mixes an adult child with minors: the wish is for the minors.
    let large = std::fs::read_to_string(crate::util::repo("examples/large.toml")).unwrap();
    let children = article(&large, "04-children");
    assert!(
        children.contains("The child is an adult.") && children.contains("a child who is a minor")
    );
}

#[test]
fn agreements_between_the_partners_are_not_worded_as_rights_against_others() {
    let t = text(&example(), Languages::KhmerEnglish);
    assert!(!t.contains("keeps the right to see"));
    assert!(t.contains("They agree that each of them will go on seeing the children and keeping in contact with them"));
    assert!(t.contains("ដៃគូទាំងពីរព្រមព្រៀងគ្នាថា ដៃគូម្នាក់ៗនឹងបន្តជួប និងរក្សាទំនាក់ទំនងជាមួយកូន"));
    assert!(!t.contains("is to be treated as their next of kin"));
    assert!(t.contains("Each partner appoints the other as the person to be consulted and to decide on their behalf"));
    assert!(t.contains(
        "asks doctors, hospitals and authorities to treat the other partner as their next of kin"
    ));
    assert!(t.contains("ដៃគូម្នាក់ៗតែងតាំងដៃគូម្ខាងទៀត") && t.contains("ស្នើសុំគ្រូពេទ្យ មន្ទីរពេទ្យ និងអាជ្ញាធរ"));
    // The sangkat chief certifies the signatures, not the relationship; both languages alike.
    let signatures = article(&example(), "signatures");
    assert!(!signatures.contains("ទទួលស្គាល់"), "{signatures}");
    assert!(signatures.contains("បានឃើញ និងបញ្ជាក់ហត្ថលេខា / Seen, signatures certified\nថាហត្ថលេខា និងស្នាមមេដៃខាងលើ បានធ្វើឡើងនៅចំពោះមុខខ្ញុំ / that the signatures and thumbprints above were made before me\nចៅសង្កាត់ទឹកល្អក់ទី៣"), "{signatures}");
}

#[test]
fn the_clauses_a_lawyer_expects_are_there_in_both_languages() {
    let capacity = article(&example(), "02-capacity-and-consent");
    for needle in [
        "Both partners are adults with full legal capacity.",
        "Neither partner is bound to any other person in a couple relationship recognised by law.",
        "or has had it read aloud and explained",
        "This declaration takes effect on 21 November 2026, the day on which the partners sign it.",
        "មានសមត្ថភាពពេញលេញតាមផ្លូវច្បាប់",
        "បានអាន ឬបានស្ដាប់គេអានជូន និងពន្យល់",
        "សេចក្ដីថ្លែងនេះចូលជាធរមានចាប់ពីថ្ងៃទី២១ ខែវិច្ឆិកា ឆ្នាំ២០២៦",
    ] {
        assert!(capacity.contains(needle), "{needle:?} missing:\n{capacity}");
    }
    let property = article(&example(), "05-property");
    for needle in [
        "A debt that a partner took on alone is that partner's own debt, even if it is secured on a joint asset",
        "A debt that the partners took on together is a joint debt.",
        "As between themselves, the partners bear joint debts in equal shares",
        "បំណុលរួម",
        "ជាវត្ថុធានា",
    ] {
        assert!(property.contains(needle), "{needle:?} missing");
    }
    let separation = article(&example(), "06-separation");
    for needle in [
        "which of them stays in the shared home",
        "A joint asset that cannot be divided may go to one partner, who pays the other the value",
        "the asset is sold and the proceeds are divided",
        "contributing to the children's maintenance according to their means",
        "ផ្ទះរួម",
        "ទ្រព្យនោះត្រូវលក់",
        "ផ្គត់ផ្គង់ជីវភាពកូន",
    ] {
        assert!(separation.contains(needle), "{needle:?} missing");
    }
    let disputes = article(&example(), "08-disputes");
    for needle in [
        "amicably between themselves",
        "they will ask the Chief of Sangkat Teuk Laak III to conciliate",
        "either partner may take the dispute to the competent court",
        "ដោយសន្តិវិធី",
        "ចៅសង្កាត់ទឹកល្អក់ទី៣ ជួយផ្សះផ្សា",
        "តុលាការដែលមានសមត្ថកិច្ច",
    ] {
        assert!(disputes.contains(needle), "{needle:?} missing");
    }
    let copies = article(&example(), "10-copies-and-language");
    assert!(copies.contains(
        "keep the personal data in this declaration for the purposes of this declaration only"
    ));
    assert!(copies.contains("រក្សាទុកព័ត៌មានផ្ទាល់ខ្លួនដែលមានក្នុងសេចក្ដីថ្លែងនេះ សម្រាប់តែគោលបំណងនៃសេចក្ដីថ្លែងនេះប៉ុណ្ណោះ"));
    assert!(copies.contains("សាលាសង្កាត់ទឹកល្អក់ទី៣"));
    // In a rural commune, the commune office.
    let commune = article(&fixture("minimal.toml"), "10-copies-and-language");
    assert!(commune.contains("the Deum Mien Commune office") && commune.contains("សាលាឃុំដើមមៀន"));
}

#[test]
fn the_death_wish_concerns_the_joint_property_and_names_the_children() {
    let death = article(&example(), "07-death-and-incapacity");
    assert!(death.contains(
        "the deceased partner's share of the joint property to pass to the surviving partner"
    ));
    assert!(death.contains("This wish does not concern the deceased partner's own property, which passes as their will or the law provides."));
    assert!(death.contains("ចំណែករបស់ដៃគូដែលទទួលមរណភាព ក្នុងទ្រព្យសម្បត្តិរួម ធ្លាក់ទៅលើដៃគូដែលនៅរស់"));
    assert!(!death.contains("អ្នកទទួលមរណភាព"));
    let to_children = with(
        &example(),
        "on-death = \"to-surviving-partner\"",
        "on-death = \"to-children\"",
    );
    let death = article(&to_children, "07-death-and-incapacity");
    assert!(
        death
            .contains("to pass to the children listed in the schedule of children, in equal parts")
    );
    assert!(death.contains("ធ្លាក់ទៅលើកូនដែលមានរាយក្នុងតារាងកូន ជាចំណែកស្មើគ្នា"));
    // To the children when there are none is refused.
    let none = with(
        &fixture("minimal.toml"),
        "[authority]",
        "[terms]\non-death = \"to-children\"\n\n[authority]",
    );
    let err = errors(&none);
    assert!(err.contains("error: terms.on-death: the wish leaves the deceased partner's share to the children, but no child is listed"), "{err}");
}

#[test]
fn identifiers_are_printed_exactly_as_typed() {
    let t = text(&example(), Languages::KhmerEnglish);
    assert!(t.contains("លេខយោង៖ RoCK-DFR-2026-0042"));
    assert!(!t.contains("២០២៦-០០៤២"));
    assert!(t.contains("អត្តសញ្ញាណប័ណ្ណសញ្ជាតិខ្មែរលេខ 010234567"));
    let passport = with(
        &example(),
        "id-document = { kind = \"national-id\", number = \"020345678\" }",
        "id-document = { kind = \"passport\", number = \"N1234567\" }",
    );
    let t = text(&passport, Languages::KhmerEnglish);
    assert!(
        t.contains("លិខិតឆ្លងដែនលេខ N1234567"),
        "the passport in Khmer text"
    );
    assert!(t.contains("passport No. N1234567"));
    assert!(!t.contains("N១២៣៤៥៦៧"));
}

#[test]
fn witnesses_id_numbers_are_printed_under_their_names() {
    let pdf = crate::util::renderer()
        .render_pdf(&valid(&example()), &Options::default())
        .unwrap();
    let printed = crate::util::pdf_text(&pdf);
    crate::util::assert_prints_exactly(&printed, "ID card No. 010987654");
    crate::util::assert_prints_exactly(&printed, "អត្តសញ្ញាណប័ណ្ណលេខ 011223344");
    // A witness with a passport, and a redacted copy that keeps the last three characters.
    let passport = with(
        &example(),
        "id-document = { kind = \"national-id\", number = \"010987654\" }",
        "id-document = { kind = \"passport\", number = \"P7654321\" }",
    );
    let signatures = article(&passport, "signatures");
    assert!(
        signatures.contains("លិខិតឆ្លងដែនលេខ P7654321 / Passport No. P7654321"),
        "{signatures}"
    );
    let redacted = Options::default().copy(dfr::CopyKind::Redacted);
    let t = crate::util::renderer()
        .review_text(&valid(&example()), &redacted)
        .unwrap();
    assert!(t.contains("ID card No. •••654") && !t.contains("010987654"));
}

#[test]
fn every_printed_word_comes_from_the_wording_and_labels_read_as_they_should() {
    let t = text(&example(), Languages::KhmerEnglish);
    assert!(t.contains("SOK Pisey is the biological child of the first party, who is named as a parent on the child's birth certificate."));
    assert!(t.contains("ដែលមានឈ្មោះជាមាតាបិតាក្នុងសំបុត្រកំណើតរបស់កូន"));
    let adopted = with(&example(), "kind = \"biological\"", "kind = \"adopted\"");
    assert!(text(&adopted, Languages::English).contains("SOK Pisey is the adopted child of the first party, who is named as a parent on the child's court order of adoption."));
    for label in [
        "Total value of the joint property with a stated value:",
        "តម្លៃសរុបនៃទ្រព្យសម្បត្តិរួមដែលមានបញ្ជាក់តម្លៃ៖",
        "| Both partners |",
        "| ដៃគូទាំងពីរ |",
        "| Birth certificate or adoption order No. |",
        "| Type |",
    ] {
        assert!(t.contains(label), "{label:?} missing");
    }
    assert!(!t.contains("| Joint |") && !t.contains("property valued"));
}

#[test]
fn the_khmer_reads_as_the_review_asked() {
    let t = text(&example(), Languages::Khmer);
    for good in [
        "ដៃគូទាំងពីរបានរស់នៅជាមួយគ្នាជាគ្រួសារតែមួយ",
        "រហូតមកដល់បច្ចុប្បន្ន",
        "ទំនាក់ទំនងគ្រួសាររបស់ដៃគូទាំងពីរ។",
        "ផ្គត់ផ្គង់កូន",
        "ជាសហកម្មសិទ្ធិ",
        "មានរាយក្នុងតារាងទ្រព្យសម្បត្តិខាងក្រោម",
        "ដៃគូដែលទទួលមរណភាព",
        "សាលាសង្កាត់ទឹកល្អក់ទី៣",
    ] {
        assert!(t.contains(good), "{good:?} missing");
    }
    for bad in ["របស់ពួកគេ", "គាំទ្រកូន", "ត្រូវបានរាយ", "អ្នកទទួលមរណភាព"]
    {
        assert!(!t.contains(bad), "{bad:?} is still printed");
    }
    // One spelling of the coeng forms: the wording writes ្ដ in សេចក្ដី, ផ្ដល់, ផ្ដិត,
    // ស្ដាំ and ស្ដាប់, as the dictionary and the example data do (កណ្ដាល; the gazetteer mostly writes ្ដ too).
    for variant in ["សេចក្តី", "ផ្តល់", "ផ្តិត", "ស្តាំ", "ស្តាប់"]
    {
        assert!(!t.contains(variant), "{variant:?} spelt with ្ត");
    }
}

/// Every combination of languages, terms, children, assets and witnesses: the wording
/// renders, says nothing forbidden, and refers to no schedule that is not printed.
#[test]
fn every_combination_of_options_and_data_reads_consistently() {
    let sources = [example(), fixture("minimal.toml")];
    let mut checked = 0;
    for base in &sources {
        for separation in ["by-shares", "equal"] {
            for on_death in ["to-surviving-partner", "to-children"] {
                for medical in [true, false] {
                    let terms = format!(
                        "[terms]\nseparation = \"{separation}\"\non-death = \"{on_death}\"\nmedical-decisions = {medical}\n\n"
                    );
                    let source = match base.find("[terms]") {
                        Some(start) => {
                            let end = base[start..]
                                .find("\n[")
                                .map_or(base.len(), |e| start + e + 1);
                            format!("{}{terms}{}", &base[..start], &base[end..])
                        }
                        None => base.replace("[authority]", &format!("{terms}[authority]")),
                    }
                    .replace("shares = [60, 40]", "shares = [50, 50]");
                    let Ok(declaration) = dfr::Declaration::from_toml_str(&source) else {
                        // Only a wish for children who are not there is refused.
                        assert!(on_death == "to-children" && !source.contains("[[children]]"));
                        continue;
                    };
                    for languages in [
                        Languages::KhmerEnglish,
                        Languages::Khmer,
                        Languages::English,
                    ] {
                        let options = Options::default().languages(languages);
                        let t = crate::util::renderer()
                            .review_text(&declaration, &options)
                            .unwrap();
                        let t = crate::util::but_not_a_marriage(&t);
                        for word in [
                            "husband",
                            "wife",
                            "spouse",
                            "marriage",
                            "married",
                            "ប្ដី",
                            "ប្តី",
                            "ប្រពន្ធ",
                            "សហព័ទ្ធ",
                            "អាពាហ៍ពិពាហ៍",
                        ] {
                            assert!(!t.to_lowercase().contains(word), "{word:?} printed");
                        }
                        let children = source.contains("[[children]]");
                        let assets = source.contains("[[assets]]");
                        assert_eq!(
                            t.contains("schedule of children") || t.contains("តារាងកូន"),
                            children
                        );
                        assert_eq!(
                            t.contains("schedule of property") || t.contains("តារាងទ្រព្យសម្បត្តិ"),
                            assets
                        );
                        assert_eq!(t.contains("incapacity") || t.contains("អសមត្ថភាព"), medical);
                        checked += 1;
                    }
                }
            }
        }
    }
    assert_eq!(
        checked,
        2 * 2 * 2 * 3 + 2 * 2 * 3,
        "every valid combination was read"
    );
    // The layouts lay out the same wording: both render for the fullest variant.
    for layout in [Layout::Parallel, Layout::Stacked] {
        let options = Options::default().layout(layout);
        crate::util::renderer()
            .render_pdf(&valid(&example()), &options)
            .expect("renders");
    }
}

#[test]
fn the_template_reference_is_generated_from_the_model_and_current() {
    let readme = std::fs::read_to_string(crate::util::repo("templates/README.md")).unwrap();
    let start = readme
        .find(dfr::layout::template_reference::REFERENCE_START)
        .expect("start marker");
    let end = readme
        .find(dfr::layout::template_reference::REFERENCE_END)
        .expect("end marker");
    let written = &readme[start + dfr::layout::template_reference::REFERENCE_START.len() + 1..end];
    assert!(
        written == dfr::layout::template_reference::reference(),
        "templates/README.md is out of date: run `cargo run --example template-reference`"
    );
    // Every field the layout reads is described, in one key casing.
    for field in [
        "`data.schedules.totals` (array of text)",
        "`data.signers.village_chief` (text or null)",
        "`data.clauses[i].heading` (text)",
        "`partners[i].address` (text)",
        "`authority.kind` (`commune` or `sangkat`)",
    ] {
        assert!(written.contains(field), "{field} is not in the reference");
    }
    // (The documents' list names fields of the declaration file, in its kebab-case.)
    let fields = written.split("### The documents").next().unwrap();
    assert!(!fields.contains("-parent") && !fields.contains("village-chief"));
    assert!(!written.contains("): \n"), "a field has no description");
}

/// The built-in set with `from` replaced by `to` in `wording/formats.hbs`.
fn with_formats(from: &str, to: &str) -> dfr::Templates {
    let mut templates = dfr::Templates::builtin();
    let file = templates
        .files
        .iter_mut()
        .find(|f| f.path == "wording/formats.hbs")
        .expect("the built-in set has formats");
    assert!(file.text.contains(from), "{from:?} not in formats.hbs");
    file.text = file.text.replace(from, to);
    templates
}

#[test]
fn addresses_headings_and_id_lines_are_put_together_by_the_formats_file() {
    let source = std::fs::read_to_string(crate::util::repo("examples/angkor-borei.toml")).unwrap();
    let declaration = valid(&source);
    let before = crate::util::renderer()
        .review_text(&declaration, &Options::default())
        .unwrap();
    assert!(before.contains("ផ្ទះលេខ៤៥ ភូមិ"), "{before}");
    assert!(
        before.contains("House 45, Prey Sambuor Village"),
        "{before}"
    );
    assert!(before.contains("Article 1: "), "{before}");
    // A lawyer's edited set words them differently, and the contract follows.
    let edited = with_formats("House {{house}}, ", "No. {{house}}, ");
    let edited = {
        {
            let mut t = edited;
            let f = t
                .files
                .iter_mut()
                .find(|f| f.path == "wording/formats.hbs")
                .unwrap();
            f.text = f
                .text
                .replace(
                    "{{article}} {{number}}: {{title}}",
                    "{{article}} {{number}} – {{title}}",
                )
                .replace("(address withheld)", "(not shown)");
            t
        }
    };
    let renderer = dfr::Renderer::with_templates(edited).unwrap();
    let after = renderer
        .review_text(&declaration, &Options::default())
        .unwrap();
    assert!(after.contains("No. 45, Prey Sambuor Village"), "{after}");
    assert!(after.contains("Article 1 – "), "{after}");
    assert!(!after.contains("Article 1: "), "{after}");
    let model = renderer
        .layout_model(&declaration, &Options::default())
        .unwrap();
    assert!(model.clauses[0].heading.en.starts_with("Article 1 – "));
    // A redacted copy of an address naming no province prints the format's words.
    let source = example();
    let home = source
        .lines()
        .find(|l| l.starts_with("home = "))
        .expect("the example has a home");
    let nowhere = valid(&with(
        &source,
        home,
        "home = { km = \"ផ្ទះលេខ៥ ផ្លូវ៣\", en = \"House 5, Street 3\" }",
    ));
    let redacted = Options::default().copy(dfr::CopyKind::Redacted);
    let withheld = crate::util::renderer()
        .review_text(&nowhere, &redacted)
        .unwrap();
    assert!(withheld.contains("at (address withheld)"), "{withheld}");
    let edited = renderer.review_text(&nowhere, &redacted).unwrap();
    assert!(edited.contains("at (not shown)"), "{edited}");
}

#[test]
fn a_template_set_without_a_format_is_refused_naming_it() {
    let templates = with_formats("=== id_line.en", "=== id-line.en");
    let err = dfr::Renderer::with_templates(templates)
        .and_then(|r| r.layout_model(&valid(&example()), &Options::default()))
        .unwrap_err();
    let message = err.to_string();
    assert!(message.contains("wording/formats.hbs"), "{message}");
    assert!(message.contains("id_line.en"), "{message}");
}
