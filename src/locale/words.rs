//! Whole numbers in words, in Khmer (`khmer-numbers.md`) and in English.

/// The Khmer words of the units 0–9.
pub(crate) const KM_UNITS: [&str; 10] = [
    "សូន្យ",
    "មួយ",
    "ពីរ",
    "បី",
    "បួន",
    "ប្រាំ",
    "ប្រាំមួយ",
    "ប្រាំពីរ",
    "ប្រាំបី",
    "ប្រាំបួន",
];
/// The Khmer words of the tens 10–90 (none for 0).
pub(crate) const KM_TENS: [&str; 10] = [
    "",
    "ដប់",
    "ម្ភៃ",
    "សាមសិប",
    "សែសិប",
    "ហាសិប",
    "ហុកសិប",
    "ចិតសិប",
    "ប៉ែតសិប",
    "កៅសិប",
];
/// The places below a million, each read with its own word: សែន, ម៉ឺន, ពាន់, រយ.
pub(crate) const KM_PLACES: [(u64, &str); 4] = [
    (100_000, "សែន"),
    (10_000, "ម៉ឺន"),
    (1_000, "ពាន់"),
    (100, "រយ"),
];
/// From a million up, a multiplier read in full: ទ្រីលាន (10¹²), ប៊ីលាន (10⁹), លាន (10⁶).
pub(crate) const KM_LARGE: [(u64, &str); 3] = [
    (1_000_000_000_000, "ទ្រីលាន"),
    (1_000_000_000, "ប៊ីលាន"),
    (1_000_000, "លាន"),
];

const EN_UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const EN_TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const EN_SCALES: [(u64, &str); 6] = [
    (1_000_000_000_000_000_000, "quintillion"),
    (1_000_000_000_000_000, "quadrillion"),
    (1_000_000_000_000, "trillion"),
    (1_000_000_000, "billion"),
    (1_000_000, "million"),
    (1_000, "thousand"),
];

/// `n` in Khmer words, written without spaces: 1500000 → មួយលានប្រាំសែន.
pub fn khmer_words(n: u64) -> String {
    if n == 0 {
        return KM_UNITS[0].to_owned();
    }
    let mut out = String::new();
    push_khmer(n, &mut out);
    out
}

fn push_khmer(mut n: u64, out: &mut String) {
    for (value, word) in KM_LARGE {
        if n >= value {
            push_khmer(n / value, out);
            out.push_str(word);
            n %= value;
        }
    }
    for (value, word) in KM_PLACES {
        if n >= value {
            out.push_str(KM_UNITS[(n / value) as usize]);
            out.push_str(word);
            n %= value;
        }
    }
    if n >= 10 {
        out.push_str(KM_TENS[(n / 10) as usize]);
        n %= 10;
    }
    if n > 0 {
        out.push_str(KM_UNITS[n as usize]);
    }
}

/// `n` in English words, tens hyphenated, no "and": 45021 → forty-five thousand twenty-one.
pub fn english_words(n: u64) -> String {
    if n == 0 {
        return EN_UNITS[0].to_owned();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut rest = n;
    for (value, word) in EN_SCALES {
        if rest >= value {
            parts.push(format!("{} {word}", english_below_thousand(rest / value)));
            rest %= value;
        }
    }
    if rest > 0 {
        parts.push(english_below_thousand(rest));
    }
    parts.join(" ")
}

fn english_below_thousand(n: u64) -> String {
    let (hundreds, rest) = (n / 100, n % 100);
    let tail = match rest {
        0 => String::new(),
        1..=19 => EN_UNITS[rest as usize].to_owned(),
        _ if rest % 10 == 0 => EN_TENS[(rest / 10) as usize].to_owned(),
        _ => format!(
            "{}-{}",
            EN_TENS[(rest / 10) as usize],
            EN_UNITS[(rest % 10) as usize]
        ),
    };
    match (hundreds, tail.is_empty()) {
        (0, _) => tail,
        (h, true) => format!("{} hundred", EN_UNITS[h as usize]),
        (h, false) => format!("{} hundred {tail}", EN_UNITS[h as usize]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn khmer_examples_from_the_domain_notes() {
        let cases: [(u64, &str); 17] = [
            (0, "សូន្យ"),
            (10, "ដប់"),
            (11, "ដប់មួយ"),
            (20, "ម្ភៃ"),
            (25, "ម្ភៃប្រាំ"),
            (100, "មួយរយ"),
            (305, "បីរយប្រាំ"),
            (1_000, "មួយពាន់"),
            (45_000, "បួនម៉ឺនប្រាំពាន់"),
            (150_000, "មួយសែនប្រាំម៉ឺន"),
            (1_000_000, "មួយលាន"),
            (1_500_000, "មួយលានប្រាំសែន"),
            (12_345_678, "ដប់ពីរលានបីសែនបួនម៉ឺនប្រាំពាន់ប្រាំមួយរយចិតសិបប្រាំបី"),
            (100_000_000, "មួយរយលាន"),
            (5_000_000_000, "ប្រាំប៊ីលាន"),
            (1_000_000_000_000, "មួយទ្រីលាន"),
            (12_000_000, "ដប់ពីរលាន"),
        ];
        for (n, words) in cases {
            assert_eq!(khmer_words(n), words, "{n}");
        }
    }

    #[test]
    fn english_examples() {
        assert_eq!(english_words(0), "zero");
        assert_eq!(english_words(45_000), "forty-five thousand");
        assert_eq!(
            english_words(1_500_000),
            "one million five hundred thousand"
        );
        assert_eq!(english_words(1_800), "one thousand eight hundred");
        assert_eq!(english_words(101), "one hundred one");
        assert_eq!(english_words(1_000_000_000_000), "one trillion");
        assert_eq!(english_words(u64::MAX).split(' ').next(), Some("eighteen"));
    }

    /// Reads Khmer words back into a number, independently of `khmer_words`.
    fn parse_khmer(mut s: &str) -> u64 {
        fn small(s: &mut &str) -> u64 {
            let mut total = 0;
            loop {
                let tens = KM_TENS
                    .iter()
                    .enumerate()
                    .skip(1)
                    .find(|(_, w)| s.starts_with(**w));
                if let Some((i, w)) = tens {
                    total += 10 * i as u64;
                    *s = &s[w.len()..];
                    continue;
                }
                // Longest unit word first (ប្រាំមួយ before ប្រាំ).
                let unit = KM_UNITS
                    .iter()
                    .enumerate()
                    .skip(1)
                    .filter(|(_, w)| s.starts_with(**w))
                    .max_by_key(|(_, w)| w.len());
                let Some((u, w)) = unit else { return total };
                *s = &s[w.len()..];
                match KM_PLACES.iter().find(|(_, p)| s.starts_with(*p)) {
                    Some((value, p)) => {
                        total += u as u64 * value;
                        *s = &s[p.len()..];
                    }
                    None => total += u as u64,
                }
            }
        }
        if s == "សូន្យ" {
            return 0;
        }
        let mut total = 0;
        let mut group = 0;
        while !s.is_empty() {
            group += small(&mut s);
            match KM_LARGE.iter().find(|(_, w)| s.starts_with(*w)) {
                Some((value, w)) => {
                    total += group * value;
                    group = 0;
                    s = &s[w.len()..];
                }
                None if s.is_empty() => {}
                None => panic!("cannot read {s:?}"),
            }
        }
        total + group
    }

    #[test]
    fn every_number_below_ten_thousand_reads_back() {
        for n in 0..10_000 {
            let km = khmer_words(n);
            assert_eq!(parse_khmer(&km), n, "{n}: {km}");
            assert!(!km.contains(' '));
            let en = english_words(n);
            if (21..=99).contains(&(n % 100)) && n % 10 != 0 {
                assert!(en.contains('-'), "{n}: {en}");
            }
            assert!(!en.contains(" and "), "{n}: {en}");
        }
    }

    #[test]
    fn round_number_boundaries_up_to_a_trillion() {
        for power in 1..=12u32 {
            let p = 10u64.pow(power);
            for n in [p - 1, p, p + 1] {
                assert_eq!(parse_khmer(&khmer_words(n)), n, "{n}: {}", khmer_words(n));
            }
        }
        assert_eq!(
            khmer_words(999_999),
            "ប្រាំបួនសែនប្រាំបួនម៉ឺនប្រាំបួនពាន់ប្រាំបួនរយកៅសិបប្រាំបួន"
        );
        assert_eq!(khmer_words(1_000_001), "មួយលានមួយ");
        assert_eq!(
            english_words(999_999),
            "nine hundred ninety-nine thousand nine hundred ninety-nine"
        );
        assert_eq!(english_words(1_000_000_001), "one billion one");
        let nines = "ប្រាំបួនរយកៅសិបប្រាំបួន";
        let below_a_million = "ប្រាំបួនសែនប្រាំបួនម៉ឺនប្រាំបួនពាន់ប្រាំបួនរយកៅសិបប្រាំបួន";
        assert_eq!(
            khmer_words(999_999_999_999),
            format!("{nines}ប៊ីលាន{nines}លាន{below_a_million}")
        );
    }
}
