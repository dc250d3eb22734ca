//! Khmer digits and thousands grouping.

use super::Lang;

/// Replaces every ASCII digit in `text` with the Khmer digit of the same value.
pub fn to_khmer_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x17E0 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// Replaces every Khmer digit in `text` with the ASCII digit of the same value.
pub fn to_ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{17E0}'..='\u{17E9}' => char::from(b'0' + (c as u32 - 0x17E0) as u8),
            _ => c,
        })
        .collect()
}

/// Writes the digits of `text` in the script of `lang`: Khmer digits in Khmer text,
/// ASCII digits in English text; every other character is kept.
pub fn digits_in(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Km => to_khmer_digits(text),
        Lang::En => to_ascii_digits(text),
    }
}

/// Writes `n` with `separator` between groups of three digits: `1500000` → `1.500.000`.
pub fn group_thousands(n: u64, separator: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_every_digit() {
        assert_eq!(to_khmer_digits("0123456789"), "០១២៣៤៥៦៧៨៩");
        assert_eq!(to_khmer_digits("ផ្ទះលេខ12"), "ផ្ទះលេខ១២");
    }

    #[test]
    fn digits_follow_the_language() {
        assert_eq!(digits_in("ភូមិ12 / ១២៣", Lang::Km), "ភូមិ១២ / ១២៣");
        assert_eq!(digits_in("១២៣/២០១៩ 45", Lang::En), "123/2019 45");
        assert_eq!(
            to_ascii_digits(&to_khmer_digits("0123456789")),
            "0123456789"
        );
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(group_thousands(0, '.'), "0");
        assert_eq!(group_thousands(999, '.'), "999");
        assert_eq!(group_thousands(1000, ','), "1,000");
        assert_eq!(group_thousands(1_500_000, '.'), "1.500.000");
        assert_eq!(group_thousands(123_456_789_012, ','), "123,456,789,012");
    }
}
