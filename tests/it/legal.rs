//! The second legal review (issue 24): each point, on a variant of the example, asserted
//! on the sentences the contract prints in both languages, and on `dfr check`.

use crate::util::{example, review as text, review_part as part, with};
use dfr::{CopyKind, Languages};

/// Both languages.
fn both(source: &str) -> String {
    text(source, Languages::KhmerEnglish)
}

fn has(text: &str, needles: &[&str]) {
    for n in needles {
        assert!(text.contains(n), "{n:?} is not printed in:\n{text}");
    }
}

fn lacks(text: &str, needles: &[&str]) {
    for n in needles {
        assert!(!text.contains(n), "{n:?} is printed in:\n{text}");
    }
}

/// `dfr check` of `source` for a copy: every problem as `severity path: message`.
fn problems(source: &str, copy: CopyKind) -> Vec<String> {
    dfr::check_copy(source, copy)
        .diagnostics
        .iter()
        .map(|d| format!("{:?} {}: {}", d.severity, d.path, d.message))
        .collect()
}

/// Partner 2 of the example as a French citizen with a French passport.
pub(crate) fn french() -> String {
    let source = with(
        &example(),
        "nationality = { km = \"ខ្មែរ\", en = \"Cambodian\" }\nid-document = { kind = \"national-id\", number = \"020345678\" }",
        "nationality = { km = \"បារាំង\", en = \"French\" }\nid-document = { kind = \"passport\", number = \"19FV12345\", issued-by = { km = \"សាធារណរដ្ឋបារាំង\", en = \"the French Republic\" } }",
    );
    with(
        &source,
        "[authority]",
        "[interpreter]\nname = { km = \"ម៉ម សុខា\", en = \"MOM Sokha\" }\nlanguage = { km = \"ភាសាបារាំង\", en = \"French\" }\nfor-partner = 2\n\n[authority]",
    )
}

/// `source` with its first asset (the land, joint 50/50) owned by `owner` alone.
fn land_owned_by(source: &str, owner: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let (mut owner_done, mut shares_done) = (false, false);
    for line in source.lines() {
        if !owner_done && line.starts_with("owner = \"joint\"") {
            owner_done = true;
            lines.push(format!("owner = \"{owner}\""));
        } else if !shares_done && line.starts_with("shares = [50, 50]") {
            shares_done = true;
        } else {
            lines.push(line.to_owned());
        }
    }
    assert!(owner_done && shares_done);
    lines.join("\n")
}

#[test]
fn p01_a_foreign_partner_gets_no_share_of_land_only_a_claim_to_its_value() {
    // Joint land 50/50 with a French partner: an error for a final copy, naming the
    // asset and the partner; a warning for a draft.
    let final_copy = problems(&french(), CopyKind::Final);
    let land = final_copy
        .iter()
        .find(|p| p.contains("assets[1]"))
        .unwrap_or_else(|| panic!("{final_copy:?}"));
    assert!(land.starts_with("Error"), "{land}");
    has(
        land,
        &[
            "asset 1 (A plot of land",
            "partner 2 is of French nationality",
            "Constitution art. 44",
        ],
    );
    let draft = problems(&french(), CopyKind::Draft);
    assert!(
        draft.iter().any(|p| p.starts_with("Warning assets[1]")),
        "{draft:?}"
    );
    // Registered in the Khmer partner's name, it is a final copy's content: partner 1
    // owns the land, partner 2 has a claim to the value of the share, in both languages.
    let source = with(
        &french(),
        "registration = \"12020304-0567\"",
        "registration = \"12020304-0567\"\ntitle = { kind = \"hard\", in-name-of = \"partner-1\" }",
    );
    assert!(
        !problems(&source, CopyKind::Final)
            .iter()
            .any(|p| p.starts_with("Error")),
        "{:?}",
        problems(&source, CopyKind::Final)
    );
    let t = both(&source);
    has(
        &t,
        &[
            "Asset No. 1 in the schedule is land, which the law allows only persons of Khmer nationality to own: it is owned by the first party alone. As between the partners, the second party has a claim to 50 % of its value, and no ownership of it.",
            "ទ្រព្យទី១ក្នុងតារាង ជាដីធ្លី ដែលច្បាប់អនុញ្ញាតឱ្យតែបុគ្គលដែលមានសញ្ជាតិខ្មែរប៉ុណ្ណោះ មានកម្មសិទ្ធិ៖ ទ្រព្យនេះជាកម្មសិទ្ធិរបស់ភាគីទី១ តែម្នាក់គត់។ រវាងដៃគូទាំងពីរ ភាគីទី២ មានសិទ្ធិទាមទារ៥០ភាគរយនៃតម្លៃរបស់ទ្រព្យនេះ",
            "First party alone (shares in value only)",
            "ភាគីទី១ តែម្នាក់ (ចំណែកជាតម្លៃប៉ុណ្ណោះ)",
            "this wish concerns only the value of that share, not the land or the building itself",
            "បំណងនេះពាក់ព័ន្ធតែនឹងតម្លៃនៃចំណែកនោះប៉ុណ្ណោះ",
            "other than the land and buildings set out below",
        ],
    );
    // In the totals the land is its owner's own property, never joint.
    has(
        &part(&source, "schedule-property"),
        &[
            "Total value of the joint property with a stated value: KHR 12,000,000",
            "Total value of the first party's own property with a stated value: USD 45,000",
        ],
    );
    // Land that a foreign partner would own alone is refused whatever the title.
    let alone = land_owned_by(&french(), "partner-2");
    let p = problems(&alone, CopyKind::Final);
    assert!(
        p.iter().any(|p| p.starts_with("Error assets[1].owner")
            && p.contains("partner 2 is of French nationality and may not own it")),
        "{p:?}"
    );
}

#[test]
fn p02_co_ownership_binds_the_partners_only_and_the_schedule_shows_titles_and_separate_totals() {
    let source = with(
        &example(),
        "registration = \"12020304-0567\"",
        "registration = \"12020304-0567\"\ntitle = { kind = \"soft\", in-name-of = \"partner-2\" }",
    );
    let t = both(&source);
    has(
        &t,
        &[
            "This co-ownership binds the partners as between themselves: it does not by itself change any registered title or register, and it is not a marriage. A partner in whose name a joint asset is registered holds the other partner's share for them, and undertakes to have the other partner registered as its co-owner where the law allows.",
            "សហកម្មសិទ្ធិនេះមានអានុភាពតែរវាងដៃគូទាំងពីរប៉ុណ្ណោះ",
            "សន្យាចុះឈ្មោះដៃគូម្ខាងទៀតជាសហកម្មសិទ្ធិករ ក្នុងករណីដែលច្បាប់អនុញ្ញាត",
            "Kandal Province (soft title, in the name of the second party)",
            "ខេត្តកណ្ដាល (ប្លង់ទន់ ចុះឈ្មោះភាគីទី២)",
        ],
    );
    // Joint property and one partner's own property are never added into one sum.
    let schedule = part(&example(), "schedule-property");
    has(
        &schedule,
        &[
            "Total value of the joint property with a stated value: USD 45,000 (forty-five thousand US dollars) and KHR 12,000,000",
            "Total value of the second party's own property with a stated value: USD 1,800",
            "តម្លៃសរុបនៃទ្រព្យសម្បត្តិរួមដែលមានបញ្ជាក់តម្លៃ៖ ៤៥.០០០ ដុល្លារអាមេរិក",
            "តម្លៃសរុបនៃទ្រព្យផ្ទាល់ខ្លួនរបស់ភាគីទី២ ដែលមានបញ្ជាក់តម្លៃ៖ ១.៨០០ ដុល្លារអាមេរិក",
        ],
    );
    lacks(&schedule, &["46,800", "Total value of the property"]);
    // A title is for land and buildings only.
    let vehicle = with(
        &example(),
        "registration = \"ភ្នំពេញ 1AB-2345\"",
        "registration = \"ភ្នំពេញ 1AB-2345\"\ntitle = { kind = \"hard\", in-name-of = \"partner-2\" }",
    );
    let p = problems(&vehicle, CopyKind::Final);
    assert!(
        p.iter()
            .any(|p| p
                .starts_with("Error assets[2].title: a land title is for land and buildings only")),
        "{p:?}"
    );
}

/// The example without its `[[assets]]` tables.
fn no_assets() -> String {
    crate::util::cut(&example(), "[[assets]]", "[terms]")
}

#[test]
fn p03_every_kind_of_property_falls_under_exactly_one_rule() {
    let t = part(&example(), "05-property");
    has(
        &t,
        &[
            "Property that is not listed in the schedule is governed as follows: property that the partners acquired together, before or after the date of this declaration, is co-owned by both partners in equal shares",
            "Property that a partner acquired alone, before or after the date of this declaration, by a purchase in their own name, a gift or an inheritance, is that partner's own property.",
            "ទ្រព្យសម្បត្តិដែលមិនមានរាយក្នុងតារាង ត្រូវកំណត់ដូចតទៅ",
            "ទ្រព្យសម្បត្តិដែលដៃគូម្នាក់ទទួលបានតែម្នាក់ឯង មុន ឬក្រោយថ្ងៃធ្វើសេចក្ដីថ្លែងនេះ",
        ],
    );
    // The old rules left out property bought together before, and property bought alone after.
    lacks(
        &t,
        &[
            "buy or receive together after",
            "owned before the date of this declaration and that is not listed",
        ],
    );
    // With no assets the article never speaks of a schedule.
    let none = part(&no_assets(), "05-property");
    has(
        &none,
        &[
            "On the date of this declaration the partners declare no property.",
            "Property that the partners acquired together, before or after the date of this declaration, is co-owned",
            "Property that a partner acquired alone",
        ],
    );
    lacks(&none, &["schedule", "តារាង"]);
}

#[test]
fn p04_termination_says_what_survives_whom_the_notice_goes_to_and_that_death_ends_it() {
    let t = part(&example(), "09-amendment");
    has(
        &t,
        &[
            "Either partner may end this declaration by written notice to the other partner. The partner who gives notice also notifies the Chief of Sangkat Teuk Laak III, but that notification is not a condition of the notice's validity. This declaration also ends on the death of either partner.",
            "When this declaration ends by notice, the property and debts are divided as in Article 6, co-ownership already created continues until that division is made, and the wishes on death and the appointment for medical treatment in Article 7 end.",
            "មិនមែនជាលក្ខខណ្ឌនៃសុពលភាពនៃការជូនដំណឹងទេ",
            "សេចក្ដីថ្លែងនេះក៏បញ្ចប់ដោយមរណភាពរបស់ដៃគូម្នាក់ដែរ",
            "ត្រូវបែងចែកតាមប្រការ៦",
        ],
    );
    // Separation refers back to termination, by its number.
    has(
        &part(&example(), "06-separation"),
        &[
            "or this declaration ends under Article 9,",
            "ឬបញ្ចប់សេចក្ដីថ្លែងនេះតាមប្រការ៩",
        ],
    );
    // Without children the articles are numbered one less, and the references follow.
    let source = example();
    let start = source.find("[[children]]").unwrap();
    let end = source.find("[[assets]]").unwrap();
    let childless = format!("{}{}", &source[..start], &source[end..]);
    has(
        &part(&childless, "09-amendment"),
        &["divided as in Article 5", "in Article 6 end"],
    );
}

#[test]
fn p05_debts_bind_the_partners_as_between_themselves_and_a_loan_falls_under_one_rule() {
    let t = part(&example(), "05-property");
    has(
        &t,
        &[
            "A debt that a partner took on alone is that partner's own debt, even if it is secured on a joint asset",
            "As between themselves, the partners bear joint debts in equal shares",
            "This does not affect the rights of any lender.",
            "បំណុលដែលដៃគូម្នាក់បានទទួលយកតែម្នាក់ឯង ជាបំណុលផ្ទាល់ខ្លួនរបស់ដៃគូនោះ ទោះបីបំណុលនោះមានទ្រព្យសម្បត្តិរួមជាវត្ថុធានាក៏ដោយ",
            "រវាងដៃគូទាំងពីរ ដៃគូទទួលខុសត្រូវលើបំណុលរួម",
            "ការព្រមព្រៀងនេះមិនប៉ះពាល់ដល់សិទ្ធិរបស់ម្ចាស់បំណុលឡើយ",
        ],
    );
    // "borrowed" was narrower than "took on", and a secured loan was also called joint.
    lacks(&t, &["បានខ្ចី", "including a loan secured on joint property"]);
}

#[test]
fn p06_copies_and_the_consent_clause_name_the_same_holders() {
    let copies = |n: u32| with(&example(), "copies = 4", &format!("copies = {n}"));
    // One original leaves a partner without one: refused.
    let p = problems(&copies(1), CopyKind::Draft);
    assert!(
        p.iter().any(|p| p.starts_with(
            "Error declaration.copies: with 1 original copy one partner keeps no original"
        )),
        "{p:?}"
    );
    // Two: the partners keep the originals; the organisation keeps only the data.
    let t = part(&copies(2), "10-copies-and-language");
    has(
        &t,
        &[
            "made in 2 original copies of equal legal force: the first party and the second party each keep one.",
            "The partners agree that Rainbow Community Kampuchea (RoCK), Phnom Penh, which prepared this declaration, keep the personal data",
        ],
    );
    lacks(&t, &["office", "សាលា", "keeps an original"]);
    // Three: the office keeps an original, and is named in the consent clause as such.
    let t = part(&copies(3), "10-copies-and-language");
    has(
        &t,
        &[
            "the first party, the second party and the Sangkat Teuk Laak III office each keep one.",
            "which prepared this declaration, and the Sangkat Teuk Laak III office, which keeps an original of it, keep the personal data",
            "និងសាលាសង្កាត់ទឹកល្អក់ទី៣ ដែលរក្សាទុកច្បាប់ដើមមួយច្បាប់",
        ],
    );
    lacks(
        &t,
        &["which prepared this declaration and keeps an original"],
    );
    // Five: the extra original is shared once the partners no longer live together.
    has(
        &part(&copies(5), "10-copies-and-language"),
        &[
            "The other copy is kept by the partners together. Once the partners no longer live together, they share it equally, the first party taking any copy left over.",
            "នៅពេលដៃគូលែងរស់នៅជាមួយគ្នា ច្បាប់ទាំងនោះត្រូវចែកគ្នាម្នាក់ពាក់កណ្ដាល",
        ],
    );
}

#[test]
fn p07_nationality_id_documents_and_an_interpreter() {
    // A Cambodian national ID goes with Cambodian nationality.
    let thai = with(
        &example(),
        "nationality = { km = \"ខ្មែរ\", en = \"Cambodian\" }\nid-document = { kind = \"national-id\", number = \"020345678\" }",
        "nationality = { km = \"ថៃ\", en = \"Thai\" }\nid-document = { kind = \"national-id\", number = \"020345678\" }",
    );
    let p = problems(&thai, CopyKind::Draft);
    assert!(
        p.iter().any(|p| p.starts_with("Error partners[2].id-document.kind: a Cambodian national identity card is held by Cambodian nationals, but partner 2's nationality is Thai")),
        "{p:?}"
    );
    // A passport names its state; the interpreter says what they did and signs.
    let source = land_owned_by(&french(), "partner-1");
    let t = both(&source);
    has(
        &t,
        &[
            "holder of passport No. 19FV12345 issued by the French Republic",
            "លិខិតឆ្លងដែនលេខ 19FV12345 ចេញដោយសាធារណរដ្ឋបារាំង",
            "MOM Sokha translated this declaration in full into French for the second party, who confirms understanding all of it. The interpreter confirms that the translation was accurate and complete, and signs below.",
            "ម៉ម សុខា បានបកប្រែសេចក្ដីថ្លែងនេះទាំងស្រុងជាភាសាបារាំង ជូនភាគីទី២",
            "and the interpreter signs it with them.",
        ],
    );
    has(
        &part(&source, "signatures"),
        &[
            "អ្នកបកប្រែ / Interpreter\n………………………………  [ស្នាមមេដៃស្ដាំ / Right thumbprint]\nហត្ថលេខា / Signature\nម៉ម សុខា / MOM Sokha",
        ],
    );
    // A passport without its state is a warning; a foreign partner without an
    // interpreter is asked about.
    let bare = with(
        &source,
        ", issued-by = { km = \"សាធារណរដ្ឋបារាំង\", en = \"the French Republic\" }",
        "",
    );
    let bare = bare.replacen("[interpreter]", "[unused]", 1);
    let bare = bare[..bare.find("[unused]").unwrap()].to_owned()
        + &bare[bare.find("[authority]").unwrap()..];
    let p = problems(&bare, CopyKind::Final);
    assert!(
        p.iter()
            .any(|p| p.starts_with("Warning partners[2].id-document.issued-by")),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|p| p
                .starts_with("Warning partners[2].nationality: if partner 2 does not read Khmer")),
        "{p:?}"
    );
}

#[test]
fn p08_an_english_only_copy_is_a_translation_not_an_original() {
    let t = text(&example(), Languages::English);
    has(
        &t,
        &[
            "This copy is an English translation of the declaration, for information only, and is not an original: the original copies include the Khmer text, which prevails.",
        ],
    );
    lacks(&t, &["This declaration is made in English."]);
    // The printed copy carries the mark on every page.
    let pdf = crate::util::render(&example(), Languages::English, dfr::Layout::default());
    let printed = crate::util::pdf_text(&pdf);
    let pages = printed
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .count();
    assert!(pages > 1);
    assert_eq!(
        printed.matches("translation for information").count(),
        pages,
        "{printed}"
    );
}

#[test]
fn p09_the_organisation_is_named_and_keeps_every_persons_data_on_the_same_terms() {
    let t = part(&example(), "10-copies-and-language");
    has(
        &t,
        &[
            "the Sangkat Teuk Laak III office and Rainbow Community Kampuchea (RoCK) each keep one.",
            "The partners agree that Rainbow Community Kampuchea (RoCK), Phnom Penh, which prepared this declaration and keeps an original of it,",
            "The personal data of the children and of the witnesses are kept on the same terms.",
            "ដៃគូទាំងពីរយល់ព្រមឱ្យអង្គការ Rainbow Community Kampuchea (RoCK) ដែលមានទីតាំងនៅរាជធានីភ្នំពេញ",
            "ព័ត៌មានផ្ទាល់ខ្លួនរបស់កូន និងរបស់សាក្សី ត្រូវរក្សាទុកតាមលក្ខខណ្ឌដូចគ្នា",
        ],
    );
    lacks(
        &t,
        &[
            "the organisation that prepared this declaration",
            "អង្គការដែលរៀបចំសេចក្ដីថ្លែងនេះ",
        ],
    );
}

/// The example's only child made an adult on the declaration date.
fn adult_child() -> String {
    with(
        &example(),
        "date-of-birth = 2019-08-02",
        "date-of-birth = 2008-08-02",
    )
}

#[test]
fn p10_an_adult_child_is_not_raised_and_nothing_is_asserted_without_data() {
    let t = both(&adult_child());
    lacks(
        &t,
        &[
            "raising their children",
            "has shared in raising",
            "shared in raising",
            "ការចិញ្ចឹមបីបាច់កូន។",
            "ពេញវ័យហើយ",
        ],
    );
    has(
        &t,
        &[
            "SOK Pisey is the biological child of the first party, who is named as a parent on the child's birth certificate. The child is an adult.",
            "កូននេះជាមនុស្សពេញវ័យ។",
        ],
    );
    // Said only when the data says so.
    let raised = with(
        &adult_child(),
        "birth-certificate = \"១២៣/២០១៩\"",
        "birth-certificate = \"១២៣/២០១៩\"\nraised-by-co-parent = true",
    );
    has(
        &both(&raised),
        &[
            "The second party shared in raising this child as their own. The child is an adult.",
            "ភាគីទី២ បានចូលរួមចិញ្ចឹមបីបាច់កូននេះ ដូចជាកូនរបស់ខ្លួនផ្ទាល់។ កូននេះជាមនុស្សពេញវ័យ។",
        ],
    );
    // Of a minor it is an undertaking, not a fact: refused.
    let minor = with(
        &example(),
        "birth-certificate = \"១២៣/២០១៩\"",
        "birth-certificate = \"១២៣/២០១៩\"\nraised-by-co-parent = true",
    );
    let p = problems(&minor, CopyKind::Draft);
    assert!(
        p.iter()
            .any(|p| p.starts_with("Error children[1].raised-by-co-parent")),
        "{p:?}"
    );
}

#[test]
fn p11_p13_p14_the_legal_parent_appoints_a_guardian_and_the_civil_code_words_are_used() {
    let t = part(&example(), "04-children");
    has(
        &t,
        &[
            "Only the legal parent, as the last person to exercise parental authority, can appoint a guardian by will, so the legal parent should write this wish in their will. The other partner's will cannot appoint a guardian.",
            "មានតែមាតាបិតាស្របច្បាប់ ដែលជាអ្នកអនុវត្តអំណាចមេបាចុងក្រោយ ទើបអាចតែងតាំងអាណាព្យាបាលដោយមតកសាសន៍បាន",
            "បំណងនេះត្រូវអនុវត្តស្របតាមច្បាប់ជាធរមាន",
            "A partner's agreement to care for the other partner's child gives that partner no parental authority, which the law gives to the legal parent alone. This agreement binds only the partners between themselves.",
            "មិនផ្ដល់អំណាចមេបាដល់ដៃគូនោះទេ",
        ],
    );
    lacks(
        &t,
        &[
            "Each partner should also write this wish in their will",
            "បំណងនេះស្ថិតនៅក្រោមច្បាប់",
        ],
    );
    // An adopted child: the Civil Code's word for adoption, and the order's number and court.
    let adopted = with(
        &with(&example(), "kind = \"biological\"", "kind = \"adopted\""),
        "birth-certificate = \"១២៣/២០១៩\"",
        "adoption-order = { number = \"045/2021\", court = { km = \"សាលាដំបូងរាជធានីភ្នំពេញ\", en = \"Phnom Penh Court of First Instance\" } }",
    );
    has(
        &part(&adopted, "04-children"),
        &[
            "ដែលមានឈ្មោះជាមាតាបិតាក្នុងសេចក្ដីសម្រេចរបស់តុលាការស្ដីពីការស្មុំកូនលេខ 045/2021 របស់សាលាដំបូងរាជធានីភ្នំពេញ។",
            "who is named as a parent on the child's court order of adoption No. 045/2021 of the Phnom Penh Court of First Instance.",
        ],
    );
    // The schedule names the order, not a birth certificate, for an adopted child.
    let schedule = part(&adopted, "schedule-children");
    has(
        &schedule,
        &[
            "| Birth certificate or adoption order No. |",
            "| 045/2021 |",
        ],
    );
    let p = problems(
        &with(
            &example(),
            "birth-certificate = \"១២៣/២០១៩\"",
            "adoption-order = { number = \"1\", court = { km = \"សាលា\", en = \"Court\" } }",
        ),
        CopyKind::Draft,
    );
    assert!(
        p.iter().any(|p| p.starts_with(
            "Error children[1].adoption-order: an adoption order is for an adopted child"
        )),
        "{p:?}"
    );
}

#[test]
fn p12_p15_medical_decisions_only_when_a_partner_cannot_decide_and_wishes_under_the_heirs_rights() {
    let t = part(&example(), "07-death-and-incapacity");
    has(
        &t,
        &[
            "only when they cannot decide or cannot express a decision themselves",
            "While a partner can decide and express a decision, they decide for themselves.",
            "តែក្នុងករណីដែលខ្លួនមិនអាចសម្រេចចិត្ត ឬមិនអាចបញ្ចេញការសម្រេចចិត្តរបស់ខ្លួនបានប៉ុណ្ណោះ",
            "These wishes are subject to the rights that the law gives the deceased partner's heirs, among whom a legal child of the deceased partner is an heir of the first rank.",
            "អ្នកស្នងមរតកលំដាប់ទីមួយ",
        ],
    );
    lacks(
        &t,
        &["in a medical emergency, or when", "ក្នុងករណីអាសន្នផ្នែកសុខភាព ឬ"],
    );
    lacks(&t, &["may go on living in it"]);
    let to_children = with(
        &example(),
        "on-death = \"to-surviving-partner\"",
        "on-death = \"to-children\"",
    );
    has(
        &part(&to_children, "07-death-and-incapacity"),
        &[
            "If the shared home is joint property, the partners wish that the surviving partner may go on living in it.",
            "ដៃគូទាំងពីរមានបំណងឱ្យដៃគូដែលនៅរស់ អាចបន្តរស់នៅក្នុងផ្ទះនោះបាន",
        ],
    );
}

#[test]
fn p16_p17_separation_has_a_fallback_and_the_law_severability_and_mediation_are_stated() {
    let t = part(&example(), "06-separation");
    has(
        &t,
        &[
            "If they do not agree and the shared home is one partner's own property, that partner stays in it.",
            "the question is settled as a dispute under Article 8.",
            "joint debts are settled in the shares set out in Article 5.",
            "ដែលត្រូវទូទាត់ជូនដៃគូម្ខាងទៀតនូវតម្លៃនៃចំណែករបស់ដៃគូនោះ",
        ],
    );
    lacks(&t, &["ត្រូវសងដៃគូម្ខាងទៀត", "shares set out above"]);
    let t = part(&example(), "08-disputes");
    has(
        &t,
        &[
            "This declaration is governed by the law of the Kingdom of Cambodia. What it does not provide for is governed by the Civil Code.",
            "If any article or part of this declaration is invalid or cannot be enforced, the other articles and parts remain in force, in particular if the guardianship wish or the wishes on death cannot take effect.",
            "seek mediation through the Ministry of Justice's justice services or the National Authority for Alternative Dispute Resolution",
            "សេចក្ដីថ្លែងនេះស្ថិតនៅក្រោមច្បាប់នៃព្រះរាជាណាចក្រកម្ពុជា",
            "ត្រូវអនុវត្តតាមក្រមរដ្ឋប្បវេណី",
            "ប្រការ និងផ្នែកផ្សេងទៀតនៅតែមានអានុភាពដដែល",
        ],
    );
}

#[test]
fn p18_the_chiefs_confirm_different_things_and_no_page_is_without_the_partners_mark() {
    let t = part(&example(), "signatures");
    has(
        &t,
        &[
            "បានឃើញ និងបញ្ជាក់ទីលំនៅ / Seen, residence confirmed\nថាដៃគូទាំងពីររស់នៅក្នុងភូមិនេះ / that the partners live in this village",
            "បានឃើញ និងបញ្ជាក់ហត្ថលេខា / Seen, signatures certified\nថាហត្ថលេខា និងស្នាមមេដៃខាងលើ",
        ],
    );
    // Without witnesses too, every page but the one the partners sign in full carries
    // the initials boxes, the chiefs' last page among them.
    let source = example();
    let start = source.find("[[witnesses]]").unwrap();
    let end = source.find("[authority]").unwrap();
    let no_witnesses = format!("{}{}", &source[..start], &source[end..]);
    for source in [example(), no_witnesses] {
        let pdf = crate::util::render(&source, Languages::KhmerEnglish, dfr::Layout::default());
        let printed = crate::util::pdf_text(&pdf);
        let pages: Vec<&str> = printed
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        let signed: Vec<usize> = (0..pages.len())
            .filter(|&i| pages[i].contains("Right thumbprint") && pages[i].contains("First party"))
            .collect();
        assert_eq!(signed.len(), 1, "the partners sign on one page");
        for (i, page) in pages.iter().enumerate() {
            assert_eq!(
                page.contains("Initials"),
                i != signed[0],
                "page {} of {}: initials boxes wrong",
                i + 1,
                pages.len()
            );
        }
    }
}

#[test]
fn p19_made_in_no_repeated_word_and_the_footer_names_the_document_id() {
    let t = both(&adult_child());
    has(
        &t,
        &[
            "Made in Phnom Penh on 21 November 2026",
            "លេខសម្គាល់ឯកសារ / Document ID",
        ],
    );
    lacks(&t, &["Made at", "ពេញវ័យហើយ"]);
    let pdf = crate::util::render(&example(), Languages::KhmerEnglish, dfr::Layout::default());
    crate::util::assert_prints(&crate::util::pdf_text(&pdf), "លេខសម្គាល់ឯកសារ / Document ID");
}
