//! Which characters are Khmer: one answer for validation, line breaking and typesetting.

/// Whether `c` is a Khmer character (letters, signs, digits, symbols).
pub fn is_khmer(c: char) -> bool {
    matches!(c, '\u{1780}'..='\u{17FF}' | '\u{19E0}'..='\u{19FF}')
}

/// Whether `c` is a Khmer base letter: a consonant or an independent vowel, which a
/// Khmer text must contain (a text of signs or digits alone is not Khmer words).
pub fn is_khmer_base(c: char) -> bool {
    ('\u{1780}'..='\u{17B3}').contains(&c)
}

/// Whether `c` is a Khmer letter or sign: the complex-script class of Unicode line
/// breaking, which never breaks between two of them by itself.
pub fn is_khmer_letter_or_sign(c: char) -> bool {
    matches!(
        c,
        '\u{1780}'..='\u{17D3}' | '\u{17D7}' | '\u{17DC}' | '\u{17DD}'
    )
}

/// Whether `c` is a Khmer digit (០–៩).
pub fn is_khmer_digit(c: char) -> bool {
    ('\u{17E0}'..='\u{17E9}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_class_holds_what_it_says() {
        assert!(is_khmer('ក') && is_khmer('៛') && is_khmer('០') && !is_khmer('a'));
        assert!(is_khmer_base('ក') && is_khmer_base('ឥ') && !is_khmer_base('ា'));
        assert!(is_khmer_letter_or_sign('ា') && is_khmer_letter_or_sign('្'));
        assert!(!is_khmer_letter_or_sign('០') && !is_khmer_letter_or_sign('។'));
        assert!(is_khmer_digit('៩') && !is_khmer_digit('9'));
    }
}
