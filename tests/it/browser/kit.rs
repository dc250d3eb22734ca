//! The couple's kit in the form, in Khmer: the summary lists each copy the data calls
//! for, by its title and the person it is for, and one click makes it.

use super::*;

/// Opens the summary and waits until it lists the kit's copies.
fn open_kit(b: &Browser) {
    b.click("summary-open");
    b.wait("the kit's copies", || {
        let listed = "return document.getElementById('kit-copies').dataset.listed";
        b.script(listed, json!([])) == json!("true")
    });
}

#[test]
fn the_summary_offers_the_couples_kit_and_makes_a_copy_in_khmer() {
    let OnExample {
        browser: b,
        dir,
        _served,
        _profile,
    } = OnExample::open();
    switch_interface(&b, "km");
    settle(&b);
    open_kit(&b);
    // Each copy: its title and the person, shown in Khmer; what it is for under it.
    let shown = b.script(
        "return [...document.querySelectorAll('#kit-copies li')].map(li => li.innerText.replace(/\\s+/g, ' ').trim())",
        json!([]),
    );
    let shown: Vec<&str> = shown
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(shown.len(), 7, "{shown:?}");
    assert!(shown[0].starts_with("លិខិតជូនមេឃុំ ឬចៅសង្កាត់"), "{shown:?}");
    assert!(
        shown[2].starts_with("ប័ណ្ណទំនាក់ទំនងផ្នែកសុខភាព · សុខ ដារ៉ា"),
        "{shown:?}"
    );
    assert!(
        shown[4].starts_with("លិខិតអនុញ្ញាតរបស់មាតាបិតា · សុខ ពិសី"),
        "{shown:?}"
    );
    assert!(
        shown[6].starts_with("សេចក្ដីព្រាងមតកសាសន៍ · ចាន់ សុភា"),
        "{shown:?}"
    );
    assert!(
        shown
            .iter()
            .all(|s| !s.contains("Medical") && !s.contains("Draft will")),
        "the English words are hidden in Khmer: {shown:?}"
    );
    if std::env::var_os("DFR_WRITE_DOCS").is_some() {
        b.script(
            "document.getElementById('summary-final').scrollIntoView(); return true",
            json!([]),
        );
        b.screenshot(&repo("docs/serve-kit.png"));
    }
    // The medical card of partner 1, kept beside the declaration, opens as a PDF.
    let card = b.script(
        "return document.querySelector('#kit-copies button[data-document=\"medical-card\"][data-copy=\"partner-1\"]')",
        json!([]),
    );
    b.click_element(card[ELEMENT].as_str().unwrap());
    assert_opens_a_pdf(&b, "couple.medical-card-partner-1.pdf");
    let pdf = std::fs::read(dir.path().join("couple.medical-card-partner-1.pdf")).unwrap();
    let text = crate::util::squash(&crate::util::pdf_text(&pdf));
    assert!(
        text.contains("SOKDara") && text.contains("ចាន់សុភា"),
        "{text}"
    );
    // Kept copies unticked: the guide is made to print from memory, no file written.
    b.click("keep-copy");
    open_kit(&b);
    let guide = b.script(
        "return document.querySelector('#kit-copies button[data-document=\"guide\"]')",
        json!([]),
    );
    b.click_element(guide[ELEMENT].as_str().unwrap());
    assert_opens_a_pdf(&b, "/print/couple.guide.pdf");
    assert!(!dir.path().join("couple.guide.pdf").exists());
}
