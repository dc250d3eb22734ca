//! The questions of the second legal review (issue 24) in the form, in Khmer: each asked
//! only where it applies, the land rule shown at the land's title, and saved as typed.

use super::*;

/// Whether the field or group at each of `paths` is shown.
fn shown(b: &Browser, paths: &[&str]) -> Value {
    b.script(
        "return arguments[0].map(p => { const e = document.querySelector(`[data-path=\"${p}\"]`); return e ? !e.hidden : null; })",
        json!([paths]),
    )
}

#[test]
fn the_review_questions_are_asked_where_they_apply_and_the_land_rule_is_shown() {
    let OnExample {
        browser: b,
        dir,
        _served,
        _profile,
    } = OnExample::open();
    switch_interface(&b, "km");
    settle(&b);
    // A land's title, the interpreter: asked. A vehicle's title, an adoption order for a
    // biological child, whether a minor was raised, a national ID's issuing state: not.
    let paths = [
        "assets[1].title",
        "interpreter",
        "assets[2].title",
        "children[1].adoption-order",
        "children[1].raised-by-co-parent",
        "partners[2].id-document.issued-by",
    ];
    assert_eq!(
        shown(&b, &paths),
        json!([true, true, false, false, false, false])
    );
    // Partner 2 becomes a French citizen with a passport: the issuing state is asked,
    // and the joint land is refused at its title, in Khmer, naming the partner.
    b.type_into("partners[2].nationality.km", "បារាំង");
    b.type_into("partners[2].nationality.en", "French");
    fill(&b, "partners[2].id-document.kind", &json!("passport"));
    b.type_into("partners[2].id-document.number", "19FV12345");
    assert_eq!(
        shown(&b, &["partners[2].id-document.issued-by"]),
        json!([true])
    );
    b.type_into("partners[2].id-document.issued-by.km", "សាធារណរដ្ឋបារាំង");
    b.type_into(
        "partners[2].id-document.issued-by.en",
        "the French Republic",
    );
    settle(&b);
    let land = problem_text(&b, "assets[1].title");
    assert!(
        land.starts_with("km: ") && land.contains("ដៃគូទី២ មានសញ្ជាតិបារាំង"),
        "{land}"
    );
    // The title recorded in partner 1's name: the problem is gone.
    fill(&b, "assets[1].title.kind", &json!("hard"));
    fill(&b, "assets[1].title.in-name-of", &json!("partner-1"));
    b.type_into("interpreter.name.km", "ម៉ម សុខា");
    b.type_into("interpreter.name.en", "MOM Sokha");
    b.type_into("interpreter.language.km", "ភាសាបារាំង");
    b.type_into("interpreter.language.en", "French");
    // The partner translated for is chosen by name, like a child's legal parent.
    let choice = b.script(
        "const e = document.getElementById('f-interpreter.for-partner'); return e.tagName + ' ' + e.options[2].textContent",
        json!([]),
    );
    assert_eq!(choice, json!("SELECT ភាគីទី២ – ចាន់ សុភា · CHAN Sophea"));
    fill(&b, "interpreter.for-partner", &json!(2));
    settle(&b);
    assert!(
        !problem_shown(&b, "assets[1].title"),
        "{}",
        problem_text(&b, "assets[1].title")
    );
    // An adopted child: the order is asked.
    fill(&b, "children[1].kind", &json!("adopted"));
    assert_eq!(shown(&b, &["children[1].adoption-order"]), json!([true]));
    fill(&b, "children[1].kind", &json!("biological"));
    b.click("save");
    let saved = dir.path().join("couple.toml");
    b.wait("the save", || {
        std::fs::read_to_string(&saved)
            .unwrap()
            .contains("MOM Sokha")
    });
    let text = std::fs::read_to_string(&saved).unwrap();
    let declaration = crate::util::valid(&text);
    let input = declaration.input();
    let interpreter = input
        .interpreter
        .as_ref()
        .expect("the interpreter is saved");
    assert_eq!(
        (interpreter.name.en.as_str(), interpreter.for_partner),
        ("MOM Sokha", 2)
    );
    let title = input.assets[0].title.expect("the land's title is saved");
    assert_eq!(
        (title.kind, title.in_name_of),
        (
            dfr::input::model::TitleKind::Hard,
            dfr::input::model::TitleHolder::Partner1
        )
    );
    assert_eq!(
        input.partners[1]
            .id_document
            .issued_by
            .as_ref()
            .map(|t| t.en.as_str()),
        Some("the French Republic")
    );
    // What does not apply is not written.
    assert!(input.assets[1].title.is_none() && input.children[0].adoption_order.is_none());
    assert!(!text.contains("raised-by-co-parent"), "{text}");
}
