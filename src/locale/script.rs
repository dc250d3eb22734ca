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

/// How many written clusters `text` holds: each Khmer base letter with the subscripts
/// and signs written with it (ក្ដី is one, សេចក្ដី three), each digit, each Latin letter;
/// spaces and punctuation count nothing.
pub fn clusters(text: &str) -> usize {
    let mut count = 0;
    let mut after_coeng = false;
    for c in text.chars() {
        if (is_khmer_base(c) && !after_coeng)
            || is_khmer_digit(c)
            || c.is_alphanumeric() && !is_khmer(c)
        {
            count += 1;
        }
        after_coeng = c == '\u{17D2}';
    }
    count
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

    #[test]
    fn clusters_are_counted_as_written() {
        assert_eq!(clusters("ផ្ទាល់។"), 2);
        assert_eq!(clusters("កូន។"), 2);
        assert_eq!(clusters("ទី៣។"), 2);
        assert_eq!(clusters("សេចក្ដីថ្លែង"), 5);
        assert_eq!(clusters("ID 12"), 4);
    }
}
