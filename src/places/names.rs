//! How place names are compared: without case, spaces, apostrophes, unit words or the spelling of numbers.

use unicode_normalization::UnicodeNormalization;

/// A place's Latin name without a romanised unit word that the source data put in
/// front of it, where the Khmer name has none: one sangkat is listed as "Sngkat
/// Sambuor" (សំបួរ), which would print as "Sangkat Sngkat Sambuor". A name whose Khmer
/// itself begins with the unit word (ភូមិ ១០/៨, "Phum Dab - Prambei") keeps it.
pub(crate) fn bare_latin<'a>(
    unit_km: &str,
    unit_latin: &str,
    name_km: &str,
    name_latin: &'a str,
) -> &'a str {
    let Some((first, rest)) = name_latin.split_once(' ') else {
        return name_latin;
    };
    let is_unit = first.eq_ignore_ascii_case(unit_latin)
        || (unit_latin == "Sangkat" && first.eq_ignore_ascii_case("Sngkat"));
    match is_unit && !name_km.starts_with(unit_km) && !rest.is_empty() {
        true => rest,
        false => name_latin,
    }
}

/// The Khmer unit words of places, written before a name with no space (ខេត្តកណ្ដាល).
pub const KHMER_UNIT_WORDS: [&str; 8] = ["រាជធានី", "ខេត្ត", "ស្រុក", "ខណ្ឌ", "ក្រុង", "សង្កាត់", "ឃុំ", "ភូមិ"];

/// The romanised and English unit words that an address or a search may write before
/// or after a name.
const LATIN_UNIT_WORDS: [&str; 13] = [
    "reachtheani",
    "capital",
    "khaet",
    "province",
    "srok",
    "district",
    "khan",
    "krong",
    "municipality",
    "sangkat",
    "khum",
    "commune",
    "phum",
];

/// A name reduced for comparison: lower case, without spaces, apostrophes, hyphens,
/// dots, commas, zero-width spaces, Latin accents, the difference between ្ដ and ្ត, or
/// a leading or trailing unit word.
pub fn normalised(name: &str) -> String {
    let mut s = name.trim().to_lowercase();
    for unit in KHMER_UNIT_WORDS.iter().chain(&LATIN_UNIT_WORDS).copied() {
        // A Khmer unit word is written before the name with no space; a Latin one is a
        // word of its own, before or after the name.
        let khmer = !unit.is_ascii();
        if khmer {
            if let Some(rest) = s.strip_prefix(unit).filter(|r| !r.trim().is_empty()) {
                s = rest.to_owned();
            }
        } else if let Some(rest) = s.strip_prefix(unit).and_then(|r| r.strip_prefix(' ')) {
            s = rest.to_owned();
        } else if let Some(rest) = s.strip_suffix(unit).and_then(|r| r.strip_suffix(' ')) {
            s = rest.to_owned();
        }
    }
    folded(&s)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\'' | '’' | '-' | '.' | ',' | '\u{200B}'))
        .collect()
}

/// `text` in lower case, without Latin accents (`Takéo` → `takeo`), and with the two
/// ways of writing a subscript t as one (`កណ្ដាល` → `កណ្តាល`): the differences that
/// names are written with in everyday use. Spaces and other signs are kept.
pub fn folded(text: &str) -> String {
    text.to_lowercase()
        .replace("\u{17D2}\u{178A}", "\u{17D2}\u{178F}")
        .nfd()
        .filter(|c| !('\u{0300}'..='\u{036F}').contains(c))
        .nfc()
        .collect()
}

/// `name` without the spaces between a Khmer letter and a Khmer digit (`ទី ៣` → `ទី៣`).
pub(crate) fn close_numbers(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let digit = |c: Option<&char>| c.is_some_and(|c| ('\u{17E0}'..='\u{17E9}').contains(c));
    chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            !(c == ' ' && i > 0 && !digit(chars.get(i - 1)) && digit(chars.get(i + 1)))
        })
        .map(|(_, c)| c)
        .collect()
}
