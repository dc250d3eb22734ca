//! Values as staff type them (issue 22's bugs): Khmer digits, optional values left
//! empty, a cleared date, a place search typed key by key.

use super::*;

/// Empties the field at `path` and tells the page, as deleting its text would.
fn clear(b: &Browser, path: &str) {
    b.script(
        "const e = document.getElementById(arguments[0]); e.value = ''; e.dispatchEvent(new Event('input', { bubbles: true }))",
        json!([format!("f-{path}")]),
    );
}

/// Issue 22, bugs 1, 3, 5 and 6 in the Khmer interface: numbers typed in Khmer digits
/// are kept (and saved with 0–9), an asset's value can be left out, a cleared date hides
/// no other problem, and a place search shows each place once, for the latest words.
#[test]
fn khmer_digits_optional_values_empty_dates_and_place_search() {
    let OnExample {
        browser: b,
        dir,
        _served,
        _profile,
    } = OnExample::open();
    // Only the questions that apply: shares for the joint asset, none for one owner's.
    let shown = b.script(
        "return ['assets[1].shares', 'assets[2].shares'].map(p => !document.querySelector(`[data-path=\"${p}\"]`).hidden)",
        json!([]),
    );
    assert_eq!(shown, json!([true, false]));
    b.type_into("assets[1].value.amount", "៨០០០០០០");
    b.type_into("assets[1].shares[1]", "៦០");
    b.type_into("assets[1].shares[2]", "៤០");
    b.type_into("partners[2].id-document.number", "០២០៣៤៥៦៧៨");
    // Emptied as a person would, key by key (WebDriver's clear sends no input event).
    clear(&b, "assets[2].value.amount");
    settle(&b);
    assert!(
        !problem_shown(&b, "assets[2].value.amount"),
        "an empty value is a problem"
    );
    assert!(!problem_shown(&b, "assets[2].value"));
    b.click("save");
    let saved = dir.path().join("couple.toml");
    b.wait("the save", || {
        std::fs::read_to_string(&saved)
            .unwrap()
            .contains("amount = 8000000")
    });
    let text = std::fs::read_to_string(&saved).unwrap();
    let declaration = crate::util::valid(&text);
    assert_eq!(declaration.input().assets[0].shares, Some(vec![60, 40]));
    assert_eq!(
        declaration.input().partners[1].id_document.number,
        "020345678"
    );
    assert!(declaration.input().assets[1].value.is_none(), "{text}");
    // Removing a child can be undone.
    remove_and_undo(&b, "children[1]", "f-children[1].name.en", "SOK Pisey");
    // A cleared date and another mistake: both shown, in Khmer.
    b.type_into("declaration.copies", "0");
    clear(&b, "partners[1].date-of-birth");
    b.wait("both problems", || {
        problem_shown(&b, "declaration.copies") && problem_shown(&b, "partners[1].date-of-birth")
    });
    let date = problem_text(&b, "partners[1].date-of-birth");
    assert!(
        date.starts_with("km: ") && date.contains("មិនទាន់បានបំពេញ"),
        "{date}"
    );
    // A place search typed key by key: each place once, all for the whole word.
    fill(&b, "relationship.home.mode", &json!("place"));
    let search = b.by_id("f-relationship.home.search");
    for c in "បឹងដូនប៉ា".chars() {
        b.call(
            "POST",
            &format!("/element/{search}/value"),
            json!({ "text": c.to_string() }),
        );
    }
    std::thread::sleep(Duration::from_millis(1500));
    let shown = b.script(
        "return [...document.querySelectorAll('ul.places button')].map(x => x.textContent)",
        json!([]),
    );
    let shown: Vec<String> = shown
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect();
    assert!(!shown.is_empty(), "no place found");
    let mut codes: Vec<&str> = shown.iter().map(|s| s.split(' ').next().unwrap()).collect();
    codes.sort();
    let before = codes.len();
    codes.dedup();
    assert_eq!(codes.len(), before, "a place shown twice: {shown:?}");
    assert!(shown.iter().all(|s| s.contains("បឹងដូនប៉ា")), "{shown:?}");
}
