//! The form guides an interview (issue 22): dates typed day first, the legal parent
//! chosen by name, help under every field, a removal asked once more, the comparison
//! with the saved file in words, and every visible word in the interface's language.

use super::*;

/// Every text the page shows now: text nodes of visible elements, the chosen option of
/// each visible list and its other options, placeholders. `skip` is a CSS selector of
/// parts left out (what the user typed or the gazetteer names, and the preview).
const VISIBLE_TEXTS: &str = "
    const skip = arguments[0];
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const e = walker.currentNode.parentElement;
      if (!e || e.closest(skip) || e.closest('script, style, option') || !e.checkVisibility()) continue;
      const t = walker.currentNode.textContent.trim();
      if (t) out.push(t);
    }
    for (const s of document.querySelectorAll('select')) {
      if (s.closest(skip) || !s.checkVisibility()) continue;
      for (const o of s.options) out.push(o.textContent);
    }
    for (const i of document.querySelectorAll('input[placeholder]')) {
      if (!i.closest(skip) && i.checkVisibility()) out.push(i.placeholder);
    }
    return out;";

/// The words of `text` in Latin letters.
fn latin_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every text in the declaration `value` (what the user typed).
fn typed_texts(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| typed_texts(v, out)),
        Value::Object(map) => map.values().for_each(|v| typed_texts(v, out)),
        _ => {}
    }
}

/// The texts the page shows in the wrong script for the interface: Latin words in the
/// Khmer interface that are not typed data, "PDF" or the file's name; Khmer in the English
/// one outside what was typed.
fn foreign_texts(b: &Browser, lang: &str, skip: &str, file: &str) -> Vec<String> {
    let texts = b.script(VISIBLE_TEXTS, json!([skip]));
    let mut typed = Vec::new();
    typed_texts(&example_json(), &mut typed);
    let mut allowed: std::collections::BTreeSet<String> =
        typed.iter().flat_map(|t| latin_words(t)).collect();
    allowed.extend(latin_words(file));
    allowed.insert("PDF".to_owned());
    texts
        .as_array()
        .expect("the page's texts")
        .iter()
        .filter_map(|t| t.as_str())
        .filter(|t| match lang {
            "km" => latin_words(t).iter().any(|w| !allowed.contains(w)),
            _ => {
                t.chars().any(dfr::locale::script::is_khmer)
                    && !typed.iter().any(|typed| t.contains(typed.as_str()))
            }
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn dates_day_first_the_legal_parent_by_name_help_everywhere_and_removal_asked() {
    let OnExample {
        browser: b,
        dir,
        _served,
        _profile,
    } = OnExample::open();
    settle(&b);
    // A date of the file is shown day first, with the date in Khmer words beside it.
    assert_eq!(b.value("f-partners[1].date-of-birth"), "15/03/1991");
    let words = |path: &str| {
        b.script(
            "return document.querySelector(`[data-path=\"${arguments[0]}\"] .date-words`).innerText",
            json!([path]),
        )
    };
    assert_eq!(
        words("partners[1].date-of-birth"),
        json!("ថ្ងៃទី១៥ ខែមីនា ឆ្នាំ១៩៩១")
    );
    // Typed day first in Khmer digits, kept as the file holds dates.
    b.type_into("partners[1].date-of-birth", "២០/០៤/១៩៩២");
    b.wait("the date in words", || {
        words("partners[1].date-of-birth") == json!("ថ្ងៃទី២០ ខែមេសា ឆ្នាំ១៩៩២")
    });
    // A day that is not in the calendar is named at its field, in Khmer, day first.
    b.type_into("partners[2].date-of-birth", "31/02/1990");
    b.wait("the wrong date named", || {
        problem_text(&b, "partners[2].date-of-birth")
            == "km: «31/02/1990» មិនមែនជាកាលបរិច្ឆេទទេ៖ សូមសរសេរ ថ្ងៃ/ខែ/ឆ្នាំ (ឧ. ១៥/០៣/១៩៩១)"
    });
    b.type_into("partners[2].date-of-birth", "2.11.1989");
    b.wait("the date read", || {
        !problem_shown(&b, "partners[2].date-of-birth")
    });
    // The legal parent is chosen by name, and follows the name as it is typed.
    let options = |b: &Browser| {
        b.script(
            "return [...document.getElementById('f-children[1].legal-parent').options].map(o => o.textContent)",
            json!([]),
        )
    };
    assert_eq!(
        options(&b),
        json!([
            "–",
            "ភាគីទី១ – សុខ ដារ៉ា · SOK Dara",
            "ភាគីទី២ – ចាន់ សុភា · CHAN Sophea"
        ])
    );
    b.type_into("partners[2].name.km", "ចាន់ សុភាព");
    b.wait("the option to follow the name", || {
        options(&b)[2] == json!("ភាគីទី២ – ចាន់ សុភាព · CHAN Sophea")
    });
    fill(&b, "children[1].legal-parent", &json!(2));
    // Every field the form shows has its short help, in both languages.
    let without_help = b.script(
        "return [...document.querySelectorAll('#form [id^=\"f-\"]')]
           .filter((c) => !/\\.(km|en|mode|search)$|\\.pick-|\\[\\d\\]$/.test(c.id))
           .filter((c) => { const h = c.closest('[data-path]').querySelector(':scope > .help');
                            return !h || !h.querySelector('.km').textContent.trim() || !h.querySelector('.en').textContent.trim(); })
           .map((c) => c.id)",
        json!([]),
    );
    assert_eq!(without_help, json!([]), "fields without help");
    let help = b.script(
        "const h = document.querySelector('[data-path=\"authority\"] > .help'); return h.innerText",
        json!([]),
    );
    assert!(
        help.as_str().unwrap().contains("ឃុំ ឬសង្កាត់នៃលំនៅដ្ឋានរួម"),
        "{help}"
    );
    // Removing a witness is asked once more; Keep (with the focus) keeps it.
    let remove = b.script(
        "return document.querySelector('[data-path=\"witnesses[2]\"] .item-tools button.remove')",
        json!([]),
    );
    b.click_element(remove[ELEMENT].as_str().unwrap());
    let asked = b.script(
        "const c = document.querySelector('[data-path=\"witnesses[2]\"] .confirm'); return [c.innerText, document.activeElement.className]",
        json!([]),
    );
    assert!(
        asked[0]
            .as_str()
            .unwrap()
            .starts_with("តើលុប សាក្សី ២ ចេញមែនទេ?"),
        "{asked}"
    );
    assert_eq!(asked[1], json!("confirm-no"));
    press(&b, "\u{E007}");
    assert_eq!(b.value("f-witnesses[2].name.en"), "LY Chantha");
    remove_and_undo(&b, "witnesses[2]", "f-witnesses[2].name.en", "LY Chantha");
    // Saved: the dates as the file holds them, the legal parent as a number.
    settle(&b);
    b.click("save");
    let saved = dir.path().join("couple.toml");
    b.wait("the save", || {
        std::fs::read_to_string(&saved)
            .unwrap()
            .contains("1992-04-20")
    });
    let declaration = crate::util::valid(&std::fs::read_to_string(&saved).unwrap());
    let input = declaration.input();
    assert_eq!(input.partners[1].date_of_birth.0.to_string(), "1989-11-02");
    assert_eq!(input.children[0].legal_parent, 2);
    assert_eq!(input.witnesses.len(), 2);
}

#[test]
fn every_visible_word_is_in_the_interface_language_and_the_comparison_in_words() {
    let OnExample {
        browser: b,
        dir,
        _served,
        _profile,
    } = OnExample::open();
    settle(&b);
    // What the user typed is shown as typed, the preview is the contract itself, and
    // the language switch names each language in its own.
    let typed = "#pages, #file, #lang";
    for lang in ["km", "en"] {
        switch_interface(&b, lang);
        settle(&b);
        // Every part of the form, brought into view from the side list.
        let sections = b.script(
            "return [...document.querySelectorAll('#sections button.section')].map(b => b.dataset.section)",
            json!([]),
        );
        for section in sections.as_array().unwrap() {
            let button = b.script(
                "return document.querySelector(`#sections [data-section=\"${arguments[0]}\"]`)",
                json!([section]),
            );
            b.click_element(button[ELEMENT].as_str().unwrap());
            let foreign = foreign_texts(&b, lang, typed, "couple.toml");
            assert_eq!(foreign, Vec::<String>::new(), "{lang}: {section}");
        }
        // The summary, read back before the final copy: its answers are in both
        // languages by design (the English column in the Khmer interface, and so on).
        b.click("summary-open");
        let foreign = foreign_texts(&b, lang, &format!("{typed}, #summary td"), "couple.toml");
        assert_eq!(foreign, Vec::<String>::new(), "{lang}: the summary");
        b.click("summary-close");
        // A removal asked, in the interface's language.
        let remove = b.script(
            "return document.querySelector('[data-path=\"children[1]\"] .item-tools button.remove')",
            json!([]),
        );
        b.click_element(remove[ELEMENT].as_str().unwrap());
        let foreign = foreign_texts(&b, lang, typed, "couple.toml");
        assert_eq!(foreign, Vec::<String>::new(), "{lang}: asking to remove");
        press(&b, "\u{E007}");
    }
    // The comparison with the saved file names the field by its label and the part of
    // the contract by its heading, in Khmer; no key path, no file name of a clause.
    switch_interface(&b, "km");
    b.type_into("partners[1].occupation.km", "នាយកសាលា");
    settle(&b);
    b.click("diff");
    b.wait("the comparison", || {
        b.script(
            "return document.querySelector('#diff-view table.changes') !== null",
            json!([]),
        ) == json!(true)
    });
    let shown = b.script(
        "return [document.querySelector('#diff-view tr[data-path]').innerText, document.getElementById('diff-view').innerText]",
        json!([]),
    );
    assert_eq!(shown[0], json!("ដៃគូ ១ › មុខរបរ › ខ្មែរ\tគ្រូបង្រៀន\tនាយកសាលា"));
    let all = shown[1].as_str().unwrap();
    assert!(all.contains("ប្រការ ១៖ ភាគីនៃសេចក្ដីថ្លែង"), "{all}");
    assert!(all.contains("នាយកសាលា"), "{all}");
    for code in ["partners[", "01-parties", "occupation"] {
        assert!(!all.contains(code), "{code} in {all}");
    }
    // The changed word alone is marked, inside its paragraph: the old one struck
    // through, the new one underlined; the rest of the paragraph is plain text.
    let marked = b.script(
        "const p = document.querySelector('#diff-view [data-change=\"changed\"] .changed-line'); return [[...p.querySelectorAll('del')].map(e => e.textContent), [...p.querySelectorAll('ins')].map(e => e.textContent), p.textContent]",
        json!([]),
    );
    assert_eq!(marked[0], json!(["គ្រូបង្រៀន"]), "{marked}");
    assert_eq!(marked[1], json!(["នាយកសាលា"]), "{marked}");
    assert!(
        marked[2]
            .as_str()
            .unwrap()
            .starts_with("ភាគីទី១៖ ឈ្មោះ សុខ ដារ៉ា"),
        "{marked}"
    );
    // The contract's own lines are the contract's words (its "ID" line among them).
    let contract = format!("{typed}, #diff-view .changed-line, #diff-view h5");
    let foreign = foreign_texts(&b, "km", &contract, "couple.toml");
    assert_eq!(foreign, Vec::<String>::new(), "km: the comparison");
    // The same changes as a redline PDF, beside the file, opened from the status line.
    b.click("redline");
    assert_opens_a_pdf(&b, "/files/couple.redline.pdf");
    // A copy not kept opens from memory, says so in Khmer, and writes no file.
    b.click("keep-copy");
    b.click("draft");
    assert_opens_a_pdf(&b, "/print/couple.draft.pdf");
    let said = b.script(
        "return document.getElementById('status').textContent",
        json!([]),
    );
    assert!(
        said.as_str()
            .unwrap()
            .starts_with("✓ បើកដើម្បីបោះពុម្ព ដោយមិនរក្សាទុកក្នុងថតទេ"),
        "{said}"
    );
    assert!(!dir.path().join("couple.draft.pdf").exists());
    b.click("keep-copy");
    // A final copy refused for a problem says so in Khmer.
    b.type_into("declaration.copies", "0");
    settle(&b);
    b.click("final");
    b.wait("the refusal", || {
        b.script(
            "return document.getElementById('status').textContent",
            json!([]),
        ) == json!("✗ សូមកែបញ្ហាដែលបានបង្ហាញជាមុនសិន")
    });
    let foreign = foreign_texts(&b, "km", &contract, "couple.toml");
    assert_eq!(foreign, Vec::<String>::new(), "km: a refused copy");
}
