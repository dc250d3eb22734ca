//! The gazetteer as a whole: every place found by its code and every commune by its name
//! path in both scripts, fast; an everyday spelling answered with the official names.

use crate::places::gazetteer::{Level, Unresolved, gazetteer};
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
