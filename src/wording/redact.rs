//! What a redacted copy keeps of personal details: masked numbers and provinces.
//!
//! A redacted copy is meant to be shared outside the couple and the authority. Its
//! ID, passport and birth-certificate numbers keep their last three characters; bank
//! account numbers, land titles and vehicle plates likewise; phone numbers and exact
//! birth dates are left out (the year stays); addresses, places of birth, the place the
//! declaration is made and the descriptions of land and buildings are reduced to their
//! province; the commune or sangkat, the village and their chiefs are named nowhere.
//! Together these keep a redacted copy from placing the couple. The wording context (`context.rs`)
//! and the layout model apply these rules when `Options::redact` is set; the data
//! itself is never attached.

use crate::input::address::Address;
use crate::input::model::{Asset, Text};
use crate::places::gazetteer::{Level, Place, folded, gazetteer};
use crate::wording::formats::WithheldFormat;
use crate::wording::set::{WordingError, WordingSet};

/// The characters that stand for the hidden part of a number.
const MASK: &str = "•••";

/// A number reduced to its last three characters, e.g. `010234567` → `•••567`.
///
/// Spaces and punctuation are dropped first, so `000 123 456` → `•••456`. A number of
/// three characters or fewer is hidden completely.
pub(crate) fn last_three(number: &str) -> String {
    let chars: Vec<char> = number.chars().filter(|c| c.is_alphanumeric()).collect();
    if chars.len() <= 3 {
        return MASK.to_owned();
    }
    let tail: String = chars[chars.len() - 3..].iter().collect();
    format!("{MASK}{tail}")
}

/// A number as a copy shows it: in full, or in a redacted copy its last three characters.
pub(crate) fn shown_number(number: &str, redact: bool) -> String {
    match redact {
        true => last_three(number),
        false => number.to_owned(),
    }
}

/// Everyday English spellings of provinces that differ from the gazetteer's Latin
/// names beyond case and accents, by province code: free-text addresses use them.
const SPELLINGS: &[(&str, &[&str])] = &[
    ("11", &["mondol kiri"]),
    ("16", &["rattanakiri", "rattanak kiri"]),
    ("18", &["sihanoukville", "kampong som"]),
    ("19", &["steung treng"]),
    ("25", &["tbong khmum", "tbaung khmum"]),
];

/// An address reduced to its province, in both languages, as the gazetteer names it:
/// `ខេត្តកណ្តាល` / `Kandal Province`, `រាជធានីភ្នំពេញ` / `Phnom Penh Capital`.
///
/// A place of the gazetteer gives its province exactly. In a free-text address the
/// province is the one named last (Cambodian addresses end with it), looked for in the
/// English and then the Khmer text; when none is named, the whole address is withheld
/// (the `withheld` format of `wording/formats.hbs`).
pub(crate) fn province_of(set: &WordingSet, address: &Address) -> Result<Text, WordingError> {
    let province = match address {
        Address::Free(text) => province_in(text),
        Address::Place(_) => address.place(Level::Province),
    };
    match province {
        Some(province) => Ok(address.named(province)),
        None => set.format("withheld", |_| WithheldFormat {}),
    }
}

/// A free text that names a place (a place of birth, where the declaration is made, the
/// description of land or a building) reduced to the province it names last, or
/// withheld when it names none.
pub(crate) fn province_in_text(set: &WordingSet, text: &Text) -> Result<Text, WordingError> {
    province_of(set, &Address::Free(text.clone()))
}

/// The local authority as a redacted copy names it: its kind (commune or sangkat)
/// only, with no name of the commune, the village or their chiefs, so that the copy
/// does not place the couple (`unit`, `office` and `chief_title` then read "the
/// sangkat", "the sangkat office", "the chief of the sangkat").
pub(crate) fn unnamed(
    authority: crate::input::authority::LocalAuthority,
) -> crate::input::authority::LocalAuthority {
    crate::input::authority::LocalAuthority {
        commune: Text::default(),
        district: Text::default(),
        village: None,
        chief: None,
        village_chief: None,
        ..authority
    }
}

/// The province named last in a free-text address (see [`province_of`]).
fn province_in(address: &Text) -> Option<&'static Place> {
    let provinces: Vec<&'static Place> = gazetteer()
        .places()
        .iter()
        .filter(|p| p.level() == Level::Province)
        .collect();
    let latin = last_named(&folded(&address.en), &provinces, |p| {
        let mut names = vec![folded(&p.name_latin)];
        if let Some((_, more)) = SPELLINGS.iter().find(|(code, _)| *code == p.code) {
            names.extend(more.iter().map(|n| (*n).to_owned()));
        }
        names
    });
    latin.or_else(|| {
        last_named(&folded(&address.km), &provinces, |p| {
            vec![folded(&p.name_km)]
        })
    })
}

/// The province whose name (as given by `names`) occurs last in `text` as a whole word.
fn last_named(
    text: &str,
    provinces: &[&'static Place],
    names: impl Fn(&Place) -> Vec<String>,
) -> Option<&'static Place> {
    let mut best: Option<(usize, &'static Place)> = None;
    for &province in provinces {
        for name in names(province) {
            for (at, _) in text.match_indices(name.as_str()) {
                if !whole_word(text, at, at + name.len()) {
                    continue;
                }
                if best.is_none_or(|(b, _)| at > b) {
                    best = Some((at, province));
                }
            }
        }
    }
    best.map(|(_, p)| p)
}

/// Whether `text[start..end]` is not part of a longer Latin word (`Kep` in `Kepler`).
/// Khmer is written without spaces between words, so Khmer names are not checked.
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let latin = |c: char| c.is_ascii_alphanumeric();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let inner_latin = text[start..end].chars().all(|c| c.is_ascii() || c == ' ');
    !inner_latin || (!before.is_some_and(latin) && !after.is_some_and(latin))
}

/// An asset's description as printed: in a redacted copy, land and buildings only by
/// the province their description names (the rest would place the couple's home).
pub(crate) fn described(
    set: &WordingSet,
    asset: &Asset,
    redact: bool,
) -> Result<Text, WordingError> {
    match redact && asset.kind.is_immovable() {
        true => province_in_text(set, &asset.description),
        false => Ok(asset.description.clone()),
    }
}

/// An asset's registration number; in a redacted copy, every kind (account, land
/// title, plate) keeps only its last three characters.
pub(crate) fn registration(asset: &Asset, redact: bool) -> Option<String> {
    let number = asset.registration.as_deref()?;
    Some(match redact {
        true => last_three(number),
        false => number.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wording::templates::Templates;

    /// `province_of` with the built-in formats.
    fn reduced(address: &Address) -> Text {
        let set = WordingSet::compile(&Templates::builtin()).unwrap();
        province_of(&set, address).unwrap()
    }

    fn text(km: &str, en: &str) -> Address {
        Address::Free(Text {
            km: km.to_owned(),
            en: en.to_owned(),
        })
    }

    #[test]
    fn a_place_of_the_gazetteer_gives_its_province_exactly() {
        let place: Address = toml::from_str::<toml::Table>(
            "a = { house = \"9\", street = \"Phnom Penh\", commune = \"081103\" }",
        )
        .unwrap()["a"]
            .clone()
            .try_into()
            .unwrap();
        let province = reduced(&place);
        assert_eq!(
            (province.km.as_str(), province.en.as_str()),
            ("ខេត្តកណ្តាល", "Kandal Province"),
            "the gazetteer's spelling"
        );
    }

    #[test]
    fn numbers_keep_their_last_three_characters() {
        assert_eq!(last_three("010234567"), "•••567");
        assert_eq!(last_three("000 123 456"), "•••456");
        assert_eq!(last_three("N1234567"), "•••567");
        assert_eq!(last_three("12"), "•••");
    }

    #[test]
    fn an_address_is_reduced_to_the_province_named_last() {
        let phnom_penh = text(
            "ផ្ទះលេខ១២ ផ្លូវ២៧១ សង្កាត់ទឹកល្អក់ទី៣ ខណ្ឌទួលគោក រាជធានីភ្នំពេញ",
            "House 12, Street 271, Sangkat Teuk Laak III, Khan Toul Kork, Phnom Penh",
        );
        assert_eq!(reduced(&phnom_penh).en, "Phnom Penh Capital");
        assert_eq!(reduced(&phnom_penh).km, "រាជធានីភ្នំពេញ");
        // The street is named after another province; the province comes last.
        let kandal = text(
            "ផ្លូវបាត់ដំបង ភូមិព្រែកតាកូវ ស្រុកតាខ្មៅ ខេត្តកណ្តាល",
            "Battambang Road, Prek Takov, Ta Khmau, Kandal",
        );
        assert_eq!(reduced(&kandal).en, "Kandal Province");
        assert_eq!(reduced(&kandal).km, "ខេត្តកណ្តាល", "the gazetteer's spelling");
        // A Khmer-only province name is found too.
        let siem_reap = text("ភូមិវត្តបូព៌ ក្រុងសៀមរាប", "Wat Bo village");
        assert_eq!(reduced(&siem_reap).en, "Siem Reap Province");
        // Everyday spellings: accents left out, or a spelling of their own.
        let takeo = text("", "Road 2, Takeo");
        assert_eq!(reduced(&takeo).en, "Takéo Province");
        let khmum = text("", "Suong, Tbong Khmum");
        assert_eq!(reduced(&khmum).km, "ខេត្តត្បូងឃ្មុំ");
    }

    #[test]
    fn an_address_naming_no_province_is_withheld() {
        let nowhere = text("ផ្ទះលេខ៥ ផ្លូវ៣", "House 5, Street 3, Keplerstrasse");
        let withheld = reduced(&nowhere);
        assert_eq!(withheld.en, "(address withheld)");
        assert!(!withheld.km.contains('៥'));
    }
}
