//! What a redacted copy keeps of personal details: masked numbers and provinces.
//!
//! A redacted copy is meant to be shared outside the couple and the authority. Its
//! ID, passport and birth-certificate numbers keep their last three characters; bank
//! account numbers likewise; phone numbers and exact birth dates are left out (the
//! year stays); addresses are reduced to their province. The view (`view.rs`) applies
//! these rules when `Options::redact` is set; the data itself is never attached.

use crate::address::Address;
use crate::gazetteer::Level;
use crate::model::Text;

/// The characters that stand for the hidden part of a number.
const MASK: &str = "•••";

/// A number reduced to its last three characters, e.g. `010234567` → `•••567`.
///
/// Spaces and punctuation are dropped first, so `000 123 456` → `•••456`. A number of
/// three characters or fewer is hidden completely.
pub fn last_three(number: &str) -> String {
    let chars: Vec<char> = number.chars().filter(|c| c.is_alphanumeric()).collect();
    if chars.len() <= 3 {
        return MASK.to_owned();
    }
    let tail: String = chars[chars.len() - 3..].iter().collect();
    format!("{MASK}{tail}")
}

/// A number as a copy shows it: in full, or in a redacted copy its last three characters.
pub fn shown_number(number: &str, redact: bool) -> String {
    match redact {
        true => last_three(number),
        false => number.to_owned(),
    }
}

/// Cambodia's 24 provinces and the capital: the English name, then the Khmer names
/// (some have two common spellings, with ដ or ត).
const PROVINCES: &[(&str, &[&str])] = &[
    ("Banteay Meanchey", &["បន្ទាយមានជ័យ"]),
    ("Battambang", &["បាត់ដំបង"]),
    ("Kampong Cham", &["កំពង់ចាម"]),
    ("Kampong Chhnang", &["កំពង់ឆ្នាំង"]),
    ("Kampong Speu", &["កំពង់ស្ពឺ"]),
    ("Kampong Thom", &["កំពង់ធំ"]),
    ("Kampot", &["កំពត"]),
    ("Kandal", &["កណ្ដាល", "កណ្តាល"]),
    ("Kep", &["កែប"]),
    ("Koh Kong", &["កោះកុង"]),
    ("Kratie", &["ក្រចេះ"]),
    ("Mondulkiri", &["មណ្ឌលគិរី"]),
    ("Oddar Meanchey", &["ឧត្ដរមានជ័យ", "ឧត្តរមានជ័យ"]),
    ("Pailin", &["ប៉ៃលិន"]),
    ("Phnom Penh", &["ភ្នំពេញ"]),
    ("Preah Sihanouk", &["ព្រះសីហនុ"]),
    ("Preah Vihear", &["ព្រះវិហារ"]),
    ("Prey Veng", &["ព្រៃវែង"]),
    ("Pursat", &["ពោធិ៍សាត់"]),
    ("Ratanakiri", &["រតនគិរី"]),
    ("Siem Reap", &["សៀមរាប"]),
    ("Stung Treng", &["ស្ទឹងត្រែង"]),
    ("Svay Rieng", &["ស្វាយរៀង"]),
    ("Takeo", &["តាកែវ"]),
    ("Tbong Khmum", &["ត្បូងឃ្មុំ"]),
];

/// An address reduced to its province, in both languages: `Kandal Province` /
/// `ខេត្តកណ្ដាល`, `Phnom Penh Capital` / `រាជធានីភ្នំពេញ`.
///
/// A place of the gazetteer gives its province exactly. In a free-text address the
/// province is the one named last (Cambodian addresses end with it), looked for in the
/// English and then the Khmer text; when none is named, the whole address is withheld.
pub fn province_of(address: &Address) -> Text {
    match address {
        Address::Free(text) => province_in(text),
        Address::Place(_) => match address.place(Level::Province) {
            Some(province) => address.named(province),
            None => province_in(&address.text()),
        },
    }
}

/// The province named last in a free-text address (see [`province_of`]).
fn province_in(address: &Text) -> Text {
    let found = last_named(&address.en.to_lowercase(), |(en, _)| {
        vec![en.to_lowercase()]
    })
    .or_else(|| {
        last_named(&address.km, |(_, km)| {
            km.iter().map(|k| (*k).to_owned()).collect()
        })
    });
    match found {
        Some(("Phnom Penh", _)) => Text {
            km: "រាជធានីភ្នំពេញ".to_owned(),
            en: "Phnom Penh Capital".to_owned(),
        },
        Some((en, km)) => Text {
            km: format!("ខេត្ត{}", km[0]),
            en: format!("{en} Province"),
        },
        None => Text {
            km: "(អាសយដ្ឋានមិនបង្ហាញ)".to_owned(),
            en: "(address withheld)".to_owned(),
        },
    }
}

/// The province whose name (as given by `names`) occurs last in `text` as a whole word.
fn last_named(
    text: &str,
    names: impl Fn(&(&'static str, &'static [&'static str])) -> Vec<String>,
) -> Option<(&'static str, &'static [&'static str])> {
    let mut best: Option<(usize, (&'static str, &'static [&'static str]))> = None;
    for province in PROVINCES {
        for name in names(province) {
            for (at, _) in text.match_indices(name.as_str()) {
                if !whole_word(text, at, at + name.len()) {
                    continue;
                }
                if best.is_none_or(|(b, _)| at > b) {
                    best = Some((at, *province));
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let province = province_of(&place);
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
        assert_eq!(province_of(&phnom_penh).en, "Phnom Penh Capital");
        assert_eq!(province_of(&phnom_penh).km, "រាជធានីភ្នំពេញ");
        // The street is named after another province; the province comes last.
        let kandal = text(
            "ផ្លូវបាត់ដំបង ភូមិព្រែកតាកូវ ស្រុកតាខ្មៅ ខេត្តកណ្តាល",
            "Battambang Road, Prek Takov, Ta Khmau, Kandal",
        );
        assert_eq!(province_of(&kandal).en, "Kandal Province");
        assert_eq!(province_of(&kandal).km, "ខេត្តកណ្ដាល");
        // A Khmer-only province name is found too.
        let siem_reap = text("ភូមិវត្តបូព៌ ក្រុងសៀមរាប", "Wat Bo village");
        assert_eq!(province_of(&siem_reap).en, "Siem Reap Province");
    }

    #[test]
    fn an_address_naming_no_province_is_withheld() {
        let nowhere = text("ផ្ទះលេខ៥ ផ្លូវ៣", "House 5, Street 3, Keplerstrasse");
        let reduced = province_of(&nowhere);
        assert_eq!(reduced.en, "(address withheld)");
        assert!(!reduced.km.contains('៥'));
    }
}
