//! The compiled-in gazetteer and `dfr places`: every place by its code, every commune by
//! its name path in both scripts, lookups fast, clear errors.

use crate::util::{assert_exit, dfr, out};
use dfr::places::gazetteer::{Level, Unresolved, gazetteer};
use std::time::Instant;

#[test]
fn every_place_resolves_by_its_code_up_to_its_province() {
    let g = gazetteer();
    for place in g.places() {
        assert_eq!(g.get(&place.code), Some(place));
        let chain = g.chain(&place.code);
        assert_eq!(chain.len(), place.code.len() / 2, "{}", place.code);
        assert_eq!(chain.last().unwrap().level(), Level::Province);
        assert!(!g.khmer_chain(&place.code).is_empty() && !g.latin_chain(&place.code).is_empty());
    }
}

#[test]
fn every_commune_resolves_by_its_khmer_and_its_latin_name_path() {
    let g = gazetteer();
    let mut communes = 0;
    let started = Instant::now();
    for commune in g.places().iter().filter(|p| p.level() == Level::Commune) {
        let chain = g.chain(&commune.code);
        let (province, district) = (chain[2], chain[1]);
        for path in [
            [&province.name_km, &district.name_km, &commune.name_km],
            [
                &province.name_latin,
                &district.name_latin,
                &commune.name_latin,
            ],
            // With unit words and without the gazetteer's spaces, as addresses write it.
            [
                &province.khmer(),
                &district.khmer(),
                &commune.khmer().replace(' ', ""),
            ],
        ] {
            let path: Vec<&str> = path.iter().map(|s| s.as_str()).collect();
            match g.resolve(&path) {
                Ok(found) => assert_eq!(found.code, commune.code, "{path:?}"),
                // A few names repeat within one district: then every such place is named.
                Err(Unresolved::Ambiguous { codes, .. }) => {
                    assert!(codes.contains(&commune.code), "{path:?}: {codes:?}")
                }
                Err(e) => panic!("{path:?} does not resolve: {e:?}"),
            }
        }
        communes += 1;
    }
    assert_eq!(communes, 1_652);
    // Lookups take microseconds (about 1 µs in a release build; see the benchmark).
    let each = started.elapsed() / (communes * 3);
    assert!(each.as_millis() < 2, "a name path took {each:?} to resolve");
}

#[test]
fn an_everyday_spelling_gets_the_closest_official_names() {
    let g = gazetteer();
    let Err(Unresolved::NotFound { name, closest }) = g.resolve(&["Phnom Penh", "Toul Kork"])
    else {
        panic!("Toul Kork is not the official spelling");
    };
    assert_eq!(name, "Toul Kork");
    assert_eq!(closest[0].0, "1204", "{closest:?}");
    assert_eq!(closest[0].1, "Khan Tuol Kouk");
}

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
