//! Gregorian dates written out in Khmer and English.

use super::Lang;
use super::digits::to_khmer_digits;
use chrono::{Datelike, NaiveDate};

/// A calendar date (no time of day).
pub type Date = NaiveDate;

const KM_MONTHS: [&str; 12] = [
    "មករា",
    "កុម្ភៈ",
    "មីនា",
    "មេសា",
    "ឧសភា",
    "មិថុនា",
    "កក្កដា",
    "សីហា",
    "កញ្ញា",
    "តុលា",
    "វិច្ឆិកា",
    "ធ្នូ",
];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const KM_WEEKDAYS: [&str; 7] = ["អាទិត្យ", "ច័ន្ទ", "អង្គារ", "ពុធ", "ព្រហស្បតិ៍", "សុក្រ", "សៅរ៍"];
const EN_WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// How much of a date to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// `ថ្ងៃទី២១ ខែវិច្ឆិកា ឆ្នាំ២០២៦` / `21 November 2026`.
    Long,
    /// `ថ្ងៃសៅរ៍ ទី២១ ខែវិច្ឆិកា ឆ្នាំ២០២៦` / `Saturday, 21 November 2026`.
    Weekday,
    /// `២១/១១/២០២៦` / `21/11/2026`, for table cells.
    Short,
}

impl DateStyle {
    /// Parses the style names used by the `date` template helper.
    pub fn from_name(name: &str) -> Option<DateStyle> {
        match name {
            "long" => Some(DateStyle::Long),
            "weekday" => Some(DateStyle::Weekday),
            "short" => Some(DateStyle::Short),
            _ => None,
        }
    }
}

/// Writes `date` in `lang` and `style`; Khmer uses Khmer digits.
pub fn format_date(date: Date, lang: Lang, style: DateStyle) -> String {
    let (d, m, y) = (date.day(), date.month0() as usize, date.year());
    let weekday = date.weekday().num_days_from_sunday() as usize;
    match (lang, style) {
        (Lang::Km, DateStyle::Long) => to_khmer_digits(&format!("ថ្ងៃទី{d} ខែ{} ឆ្នាំ{y}", KM_MONTHS[m])),
        (Lang::Km, DateStyle::Weekday) => to_khmer_digits(&format!(
            "ថ្ងៃ{} ទី{d} ខែ{} ឆ្នាំ{y}",
            KM_WEEKDAYS[weekday], KM_MONTHS[m]
        )),
        (Lang::Km, DateStyle::Short) => to_khmer_digits(&format!("{d:02}/{:02}/{y}", m + 1)),
        (Lang::En, DateStyle::Long) => format!("{d} {} {y}", EN_MONTHS[m]),
        (Lang::En, DateStyle::Weekday) => {
            format!("{}, {d} {} {y}", EN_WEEKDAYS[weekday], EN_MONTHS[m])
        }
        (Lang::En, DateStyle::Short) => format!("{d:02}/{:02}/{y}", m + 1),
    }
}

/// The name of `month` (1–12) in `lang`: `មីនា` / `March`.
pub fn month_name(month: u32, lang: Lang) -> &'static str {
    let i = (month.clamp(1, 12) - 1) as usize;
    match lang {
        Lang::Km => KM_MONTHS[i],
        Lang::En => EN_MONTHS[i],
    }
}

/// Whole years from `born` to `on` (the age on that day).
pub fn age_on(born: Date, on: Date) -> i32 {
    let mut age = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        age -= 1;
    }
    age
}

/// A year alone, as a redacted birth date is printed: `ឆ្នាំ២០១៩` / `2019`.
pub fn format_year(year: i32, lang: Lang) -> String {
    match lang {
        Lang::Km => to_khmer_digits(&format!("ឆ្នាំ{year}")),
        Lang::En => year.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn khmer_forms_match_the_domain_examples() {
        let date = d(2026, 11, 21);
        assert_eq!(
            format_date(date, Lang::Km, DateStyle::Long),
            "ថ្ងៃទី២១ ខែវិច្ឆិកា ឆ្នាំ២០២៦"
        );
        assert_eq!(
            format_date(date, Lang::Km, DateStyle::Weekday),
            "ថ្ងៃសៅរ៍ ទី២១ ខែវិច្ឆិកា ឆ្នាំ២០២៦"
        );
        assert_eq!(
            format_date(d(2019, 8, 2), Lang::Km, DateStyle::Long),
            "ថ្ងៃទី២ ខែសីហា ឆ្នាំ២០១៩"
        );
    }

    #[test]
    fn a_year_alone() {
        assert_eq!(format_year(2019, Lang::Km), "ឆ្នាំ២០១៩");
        assert_eq!(format_year(2019, Lang::En), "2019");
    }

    #[test]
    fn english_forms() {
        let date = d(2026, 11, 21);
        assert_eq!(
            format_date(date, Lang::En, DateStyle::Long),
            "21 November 2026"
        );
        assert_eq!(
            format_date(date, Lang::En, DateStyle::Weekday),
            "Saturday, 21 November 2026"
        );
        assert_eq!(
            format_date(d(2024, 5, 3), Lang::En, DateStyle::Short),
            "03/05/2024"
        );
    }

    #[test]
    fn age_counts_birthdays() {
        assert_eq!(age_on(d(2008, 11, 22), d(2026, 11, 21)), 17);
        assert_eq!(age_on(d(2008, 11, 21), d(2026, 11, 21)), 18);
        assert_eq!(age_on(d(2008, 2, 29), d(2026, 2, 28)), 17);
    }
}
