//! `dfr places`: the gazetteer's places by code and by name, in both scripts, with clear
//! errors. (The lookups themselves are unit-tested in `src/places/tests.rs`.)

use crate::util::{assert_exit, dfr, out};

#[test]
fn places_prints_code_khmer_and_latin_chains() {
    let dir = tempfile::tempdir().unwrap();
    let run = dfr(dir.path(), &["places", "120406"]);
    assert_exit(&run, 0);
    let (printed, _) = out(&run);
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(
        lines[0],
        "120406\tសង្កាត់ទឹកល្អក់ទី៣ ខណ្ឌទួលគោក រាជធានីភ្នំពេញ\tSangkat Tuek L'ak Ti Bei, Khan Tuol Kouk, Phnom Penh Capital"
    );
    // Then the sangkat's villages, so that staff can find a village's code.
    assert!(
        lines[1].starts_with("12040601\tភូមិ១ សង្កាត់ទឹកល្អក់ទី៣"),
        "{printed}"
    );
    assert_eq!(
        lines.len(),
        1 + dfr::places::gazetteer::gazetteer()
            .children("120406")
            .count()
    );
    let by_name = dfr(dir.path(), &["places", "ទឹកល្អក់ទី៣"]);
    assert_exit(&by_name, 0);
    assert!(out(&by_name).0.lines().any(|l| l.starts_with("120406\t")));
    let latin = dfr(dir.path(), &["places", "tuek lak ti bei"]);
    assert!(out(&latin).0.lines().any(|l| l.starts_with("120406\t")));
    let path = dfr(dir.path(), &["places", "Kandal/Ta Khmau/Doeum Mien"]);
    assert_exit(&path, 0);
    assert!(
        out(&path).0.starts_with("081103\tសង្កាត់ដើមមៀន ក្រុងតាខ្មៅ"),
        "{:?}",
        out(&path)
    );
    let wrong = dfr(dir.path(), &["places", "Phnom Penh/Toul Kork"]);
    assert_exit(&wrong, 1);
    assert!(
        out(&wrong)
            .1
            .contains("hint: did you mean 1204 ខណ្ឌទួលគោក (Khan Tuol Kouk)?")
    );
    let none = dfr(dir.path(), &["places", "Atlantis"]);
    assert_exit(&none, 1);
    assert!(out(&none).1.contains("error: no place matches"));
    let many = dfr(dir.path(), &["places", "ភូមិ", "--limit", "3"]);
    assert_eq!(out(&many).0.lines().count(), 3);
    assert!(out(&many).1.contains("more; narrow the search"));
}
