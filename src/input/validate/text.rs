//! The rules every text value follows: printable, plain, the right script in each language.

use super::{MAX_TEXT_CHARS, Validator, kh};
use crate::input::diagnostic::KeyPath;
use crate::input::model::Text;
use crate::locale::script::{is_khmer, is_khmer_base};

impl Validator {
    /// Checks a one-language text; returns whether it is usable.
    pub(super) fn plain(&mut self, at: &KeyPath, s: &str) -> bool {
        if s.trim().is_empty() {
            self.error(at.clone(), ("is empty", "មិនទាន់បានបំពេញ"));
            return false;
        }
        let length = s.chars().count();
        if length > MAX_TEXT_CHARS {
            self.error(
                at.clone(),
                (
                    format!("is {length} characters long; a value is at most {MAX_TEXT_CHARS}"),
                    format!(
                        "មានប្រវែង {} តួអក្សរ៖ យ៉ាងច្រើនបំផុត {} តួអក្សរ",
                        kh(length),
                        kh(MAX_TEXT_CHARS)
                    ),
                ),
            )
            .set_hint((
                "shorten it: a description of more than a paragraph belongs in an annex",
                "សូមសរសេរឱ្យខ្លីជាងនេះ៖ ការពិពណ៌នាដែលវែងជាងមួយកថាខណ្ឌ គួរដាក់ក្នុងឧបសម្ព័ន្ធ",
            ));
            return false;
        }
        if let Some(c) = s.chars().find(|&c| is_forbidden_char(c)) {
            self.error(
                at.clone(),
                (
                    format!(
                        "contains the invisible or control character U+{:04X}",
                        c as u32
                    ),
                    format!("មានតួអក្សរលាក់ ឬតួអក្សរបញ្ជា U+{:04X}", c as u32),
                ),
            )
            .set_hint((
                "retype the text; copy-pasted text can carry hidden characters",
                "សូមវាយអត្ថបទនេះឡើងវិញ៖ អត្ថបទដែលចម្លងមកអាចមានតួអក្សរលាក់",
            ));
            return false;
        }
        if let Some(c) = s.chars().find(|&c| !crate::locale::fonts::can_print(c)) {
            self.error(
                at.clone(),
                (
                    format!(
                        "contains `{c}` (U+{:04X}), which the contract's fonts cannot print",
                        c as u32
                    ),
                    format!(
                        "មាន «{c}» (U+{:04X}) ដែលពុម្ពអក្សររបស់កិច្ចសន្យាមិនអាចបោះពុម្ពបាន",
                        c as u32
                    ),
                ),
            )
            .set_hint((
                "the contract prints Khmer and Latin letters; write this character another way",
                "កិច្ចសន្យាបោះពុម្ពតែអក្សរខ្មែរ និងអក្សរឡាតាំង៖ សូមសរសេរតួអក្សរនេះតាមរបៀបផ្សេង",
            ));
            return false;
        }
        true
    }

    pub(super) fn text(&mut self, at: &KeyPath, t: &Text) {
        // Each language in its own script: Khmer letters in `km`, none in `en`.
        let scripts = [
            ("km", &t.km, !t.km.chars().any(is_khmer_base)),
            ("en", &t.en, t.en.chars().any(is_khmer)),
        ];
        for (key, value, wrong) in scripts {
            if !(self.plain(&at.key(key), value) && wrong) {
                continue;
            }
            let (message, hint) = match key {
                "km" => (
                    (
                        format!("`{value}` has no Khmer letters"),
                        format!("«{value}» គ្មានអក្សរខ្មែរទេ"),
                    ),
                    (
                        "`km` is the Khmer text; the Latin text goes in `en`",
                        "ប្រអប់ខ្មែរសម្រាប់អត្ថបទខ្មែរ៖ អត្ថបទអក្សរឡាតាំងដាក់ក្នុងប្រអប់អង់គ្លេស",
                    ),
                ),
                _ => (
                    (
                        format!("`{value}` has Khmer letters"),
                        format!("«{value}» មានអក្សរខ្មែរ"),
                    ),
                    (
                        "`en` is the English text, in Latin letters",
                        "ប្រអប់អង់គ្លេសសម្រាប់អត្ថបទអង់គ្លេស ជាអក្សរឡាតាំង",
                    ),
                ),
            };
            self.error(at.key(key), message).set_hint(hint);
        }
        // Latin digits in Khmer text print as typed, in another script than the
        // Khmer digits the wording writes (ទី៣, ឆ្នាំ២០២៦) beside them.
        if t.km.chars().any(is_khmer_base) && t.km.chars().any(|c| c.is_ascii_digit()) {
            let numbers: Vec<&str> =
                t.km.split(|c: char| !c.is_ascii_digit())
                    .filter(|n| !n.is_empty())
                    .collect();
            let latin = numbers.join(", ");
            let khmer = crate::locale::digits::to_khmer_digits(&latin);
            self.warn(
                at.key("km"),
                (
                    format!("the Khmer text writes {latin} in Latin digits; write {khmer}"),
                    format!("អត្ថបទខ្មែរសរសេរ {latin} ជាលេខឡាតាំង៖ សូមសរសេរ {khmer}"),
                ),
            );
        }
    }
}

/// Control characters, line and paragraph separators, and every invisible
/// (Default_Ignorable_Code_Point) character except the zero-width space and the
/// joiners that Khmer typing uses. Invisible characters are dropped when the text is
/// set, so the printed text would differ from the data.
pub(super) fn is_forbidden_char(c: char) -> bool {
    let allowed = matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}');
    !allowed
        && (c.is_control()
            || matches!(c,
                '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}'
                | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}'
                | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters() {
        assert!(is_forbidden_char('\u{7}'));
        assert!(is_forbidden_char('\n'));
        assert!(is_forbidden_char('\u{202E}'));
        assert!(
            is_forbidden_char('\u{17B4}'),
            "Khmer inherent vowel AQ is invisible"
        );
        assert!(is_forbidden_char('\u{17B5}'));
        assert!(is_forbidden_char('\u{FE0F}'));
        assert!(is_forbidden_char('\u{E0041}'));
        assert!(!is_forbidden_char('\u{200C}') && !is_forbidden_char('\u{200D}'));
        assert!(!is_forbidden_char('\u{200B}'));
        assert!(!is_forbidden_char('ក'));
    }
}
