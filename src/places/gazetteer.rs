//! Cambodia's gazetteer, compiled in: every province, district, commune and village, by code and by name.
//! (How names are compared, unit words and spellings aside, is `names.rs`.)
//!
//! The data is `data/gazetteer.tsv.z` (see `data/README.md` for its source and
//! credit), read the first time a place is looked up. A place is found by its code
//! (2 digits a province, 4 a district, 6 a commune, 8 a village; each code starts with
//! its parent's) or by its names, in Khmer or Latin letters, ignoring case, spaces,
//! apostrophes and the unit word (`សង្កាត់ទឹកល្អក់ទី៣` finds `ទឹកល្អក់ទី ៣`).

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::places::names::{bare_latin, close_numbers};
pub use crate::places::names::{folded, normalised};

/// The compressed TSV: `code unit_km unit_latin unit_en name_km name_latin`, one place a line.
const DATA: &[u8] = include_bytes!("../../data/gazetteer.tsv.z");

/// One province, district, commune or village.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The gazetteer code: 2, 4, 6 or 8 digits.
    pub code: String,
    /// The unit word in Khmer: ខេត្ត, រាជធានី, ស្រុក, ខណ្ឌ, ក្រុង, ឃុំ, សង្កាត់ or ភូមិ.
    pub unit_km: String,
    /// The unit word in Latin letters, as Cambodians write it: Khaet, Srok, Khan, Sangkat…
    pub unit_latin: String,
    /// The unit's English translation: Province, District, Quarter, Village…
    pub unit_en: String,
    /// The name in Khmer, as the gazetteer writes it (`ទឹកល្អក់ទី ៣`).
    pub name_km: String,
    /// The name in Latin letters, the official romanisation (`Tuek L'ak Ti Bei`).
    pub name_latin: String,
}

/// The level of a place, from the length of its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// A province or the capital.
    Province,
    /// A district, khan or municipality.
    District,
    /// A commune or sangkat.
    Commune,
    /// A village.
    Village,
}

impl Place {
    /// The place's level.
    pub fn level(&self) -> Level {
        match self.code.len() {
            2 => Level::Province,
            4 => Level::District,
            6 => Level::Commune,
            _ => Level::Village,
        }
    }

    /// The Khmer name with its unit word, as an address writes it: `សង្កាត់ទឹកល្អក់ទី៣`
    /// (a village named `ភូមិ ១` already carries its unit word: `ភូមិ១`).
    ///
    /// A space before a number is left out, as addresses write it (`ទឹកល្អក់ទី៣`,
    /// `ភូមិ៣`), so that no line can end between an ordinal and its number.
    pub fn khmer(&self) -> String {
        let name = self.khmer_name();
        match name.starts_with(&self.unit_km) {
            true => name,
            false => format!("{}{name}", self.unit_km),
        }
    }

    /// The Khmer name without its unit word, as printed: `ទឹកល្អក់ទី៣`.
    pub fn khmer_name(&self) -> String {
        close_numbers(&self.name_km)
    }

    /// The Latin name with its unit word, as English addresses write it: the Khmer unit
    /// words Sangkat, Khan and Krong before the name, the English words Village,
    /// Commune, District, Province and Capital after it.
    pub fn latin(&self) -> String {
        self.latin_named(&self.name_latin)
    }

    /// [`Place::latin`] with another Latin name: `Sangkat Teuk Laak III`.
    pub fn latin_named(&self, name: &str) -> String {
        if name.starts_with(&self.unit_latin) {
            return name.to_owned();
        }
        match self.unit_latin.as_str() {
            "Sangkat" | "Khan" | "Krong" => format!("{} {name}", self.unit_latin),
            "Khum" => format!("{name} Commune"),
            "Srok" => format!("{name} District"),
            "Phum" => format!("{name} Village"),
            _ => format!("{name} {}", self.unit_en),
        }
    }
}

/// The whole gazetteer, with its indexes.
pub struct Gazetteer {
    /// Every place, in code order.
    places: Vec<Place>,
    /// Index into `places` by code.
    by_code: HashMap<String, usize>,
    /// The places directly under each code ("" for the provinces).
    children: HashMap<String, Vec<usize>>,
    /// Each place's Khmer and Latin names, normalised (see [`normalised`]).
    names: Vec<(String, String)>,
}

/// The gazetteer, read once per process.
static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let bytes = miniz_oxide::inflate::decompress_to_vec_zlib(DATA)
        .expect("the compiled-in gazetteer is valid zlib data (tested)");
    let text = String::from_utf8(bytes).expect("the compiled-in gazetteer is UTF-8 (tested)");
    let mut places = Vec::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if let [code, unit_km, unit_latin, unit_en, name_km, name_latin] = f[..] {
            places.push(Place {
                code: code.to_owned(),
                unit_km: unit_km.to_owned(),
                unit_latin: unit_latin.to_owned(),
                unit_en: unit_en.to_owned(),
                name_km: name_km.to_owned(),
                name_latin: bare_latin(unit_km, unit_latin, name_km, name_latin).to_owned(),
            });
        }
    }
    let by_code = places
        .iter()
        .enumerate()
        .map(|(i, p)| (p.code.clone(), i))
        .collect();
    let mut children: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in places.iter().enumerate() {
        children
            .entry(p.code[..p.code.len() - 2].to_owned())
            .or_default()
            .push(i);
    }
    let names = places
        .iter()
        .map(|p| (normalised(&p.name_km), normalised(&p.name_latin)))
        .collect();
    Gazetteer {
        places,
        by_code,
        children,
        names,
    }
});

/// The gazetteer.
pub fn gazetteer() -> &'static Gazetteer {
    &GAZETTEER
}

/// Why a name path found no single place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unresolved {
    /// No place of that name under the parent; the closest names, with their codes.
    NotFound {
        /// The name that matched nothing.
        name: String,
        /// Up to three close names, as `(code, Latin name, Khmer name)`.
        closest: Vec<(String, String, String)>,
    },
    /// Several places have that name under the parent.
    Ambiguous {
        /// The name.
        name: String,
        /// Their codes.
        codes: Vec<String>,
    },
}

impl Gazetteer {
    /// Every place, in code order.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// The place with `code`.
    pub fn get(&self, code: &str) -> Option<&Place> {
        self.by_code.get(code).map(|&i| &self.places[i])
    }

    /// The place with `code` and its parents, smallest first (village … province).
    pub fn chain(&self, code: &str) -> Vec<&Place> {
        (1..=code.len() / 2)
            .rev()
            .filter_map(|n| self.get(&code[..n * 2]))
            .collect()
    }

    /// The places directly under `parent` (the provinces for "").
    pub fn children(&self, parent: &str) -> impl Iterator<Item = &Place> {
        self.children_indexed(parent).map(|(_, p)| p)
    }

    /// The places directly under `parent`, with their indexes.
    fn children_indexed(&self, parent: &str) -> impl Iterator<Item = (usize, &Place)> {
        self.children
            .get(parent)
            .into_iter()
            .flatten()
            .map(|&i| (i, &self.places[i]))
    }

    /// The place named by `path`, largest first (`["Phnom Penh", "Tuol Kouk",
    /// "ទឹកល្អក់ទី៣"]`), each name in either script, matched among the children of
    /// the place before.
    pub fn resolve(&self, path: &[&str]) -> Result<&Place, Unresolved> {
        let mut parent = String::new();
        let mut found = None;
        for name in path {
            let want = normalised(name);
            let matches: Vec<&Place> = self
                .children_indexed(&parent)
                .filter(|(i, _)| self.names[*i].0 == want || self.names[*i].1 == want)
                .map(|(_, p)| p)
                .collect();
            match matches[..] {
                [one] => {
                    parent = one.code.clone();
                    found = Some(one);
                }
                [] => {
                    return Err(Unresolved::NotFound {
                        name: (*name).to_owned(),
                        closest: self.closest(&parent, &want),
                    });
                }
                _ => {
                    return Err(Unresolved::Ambiguous {
                        name: (*name).to_owned(),
                        codes: matches.iter().map(|p| p.code.clone()).collect(),
                    });
                }
            }
        }
        found.ok_or(Unresolved::NotFound {
            name: String::new(),
            closest: Vec::new(),
        })
    }

    /// The three names under `parent` closest to the normalised name `want`.
    fn closest(&self, parent: &str, want: &str) -> Vec<(String, String, String)> {
        let mut scored: Vec<(f64, &Place)> = self
            .children_indexed(parent)
            .map(|(i, p)| {
                let (km, latin) = &self.names[i];
                let km = strsim::normalized_levenshtein(want, km);
                let latin = strsim::normalized_levenshtein(want, latin);
                (km.max(latin), p)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.code.cmp(&b.1.code)));
        scored
            .into_iter()
            .take(3)
            .map(|(_, p)| (p.code.clone(), p.latin(), p.khmer()))
            .collect()
    }

    /// Places whose name contains `query` (in either script, normalised), or the place
    /// with that code; exact names first, then by code.
    pub fn search(&self, query: &str) -> Vec<&Place> {
        let query = query.trim();
        if !query.is_empty() && query.chars().all(|c| c.is_ascii_digit()) {
            return self.get(query).into_iter().collect();
        }
        let want = normalised(query);
        if want.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<(bool, &Place)> = self
            .places
            .iter()
            .zip(&self.names)
            .filter_map(|(p, (km, latin))| {
                let exact = *km == want || *latin == want;
                (exact || km.contains(&want) || latin.contains(&want)).then_some((exact, p))
            })
            .collect();
        found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.code.cmp(&b.1.code)));
        found.into_iter().map(|(_, p)| p).collect()
    }

    /// The address line of `code` in Khmer, smallest unit first:
    /// `សង្កាត់ទឹកល្អក់ទី៣ ខណ្ឌទួលគោក រាជធានីភ្នំពេញ`.
    pub fn khmer_chain(&self, code: &str) -> String {
        let parts: Vec<String> = self.chain(code).iter().map(|p| p.khmer()).collect();
        parts.join(" ")
    }

    /// The address line of `code` in Latin letters, smallest unit first:
    /// `Sangkat Tuek L'ak Ti Bei, Khan Tuol Kouk, Phnom Penh Capital`.
    pub fn latin_chain(&self, code: &str) -> String {
        let parts: Vec<String> = self.chain(code).iter().map(|p| p.latin()).collect();
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_word_put_in_front_of_a_latin_name_is_dropped() {
        let sambuor = gazetteer().get("171008").expect("the sangkat");
        assert_eq!(sambuor.name_latin, "Sambuor");
        assert_eq!(
            bare_latin("ភូមិ", "Phum", "ភូមិ ១០/៨", "Phum Dab - Prambei"),
            "Phum Dab - Prambei"
        );
        assert_eq!(bare_latin("ភូមិ", "Phum", "ស្រុកចេក", "Srok Chek"), "Srok Chek");
    }

    #[test]
    fn the_data_is_whole() {
        let g = gazetteer();
        let count = |level| g.places().iter().filter(|p| p.level() == level).count();
        assert_eq!(g.places().len(), 16_465);
        assert_eq!(count(Level::Province), 25);
        assert_eq!(count(Level::District), 210);
        assert_eq!(count(Level::Commune), 1_652);
        assert_eq!(count(Level::Village), 14_578);
    }

    #[test]
    fn a_commune_prints_its_whole_chain_in_both_scripts() {
        let g = gazetteer();
        assert_eq!(g.khmer_chain("120406"), "សង្កាត់ទឹកល្អក់ទី៣ ខណ្ឌទួលគោក រាជធានីភ្នំពេញ");
        assert_eq!(
            g.latin_chain("120406"),
            "Sangkat Tuek L'ak Ti Bei, Khan Tuol Kouk, Phnom Penh Capital"
        );
        assert!(g.khmer_chain("12040601").starts_with("ភូមិ១ សង្កាត់"));
    }

    #[test]
    fn names_match_ignoring_case_spaces_and_unit_words() {
        assert_eq!(normalised("សង្កាត់ទឹកល្អក់ទី៣"), normalised("ទឹកល្អក់ទី ៣"));
        assert_eq!(
            normalised("Tuek L'ak Ti Bei"),
            normalised("tuek lak ti bei")
        );
        assert_eq!(normalised("Kandal Province"), "kandal");
    }
}
