//! Tests of the Khmer calendar: public anchors and properties of every day 1900–2100.

use super::*;

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::from_ymd_opt(y, m, day).unwrap()
}

fn line(y: i32, m: u32, day: u32) -> String {
    lunar_date(d(y, m, day)).unwrap().to_string()
}

#[test]
fn public_anchor_dates() {
    let anchors = [
        ((1952, 8, 5), "ថ្ងៃអង្គារ ១៥កើត ខែស្រាពណ៍ ឆ្នាំរោង ចត្វាស័ក ព.ស.២៤៩៦"),
        ((2011, 5, 17), "ថ្ងៃអង្គារ ១៥កើត ខែពិសាខ ឆ្នាំថោះ ត្រីស័ក ព.ស.២៥៥៤"),
        ((2011, 11, 10), "ថ្ងៃព្រហស្បតិ៍ ១៥កើត ខែកត្តិក ឆ្នាំថោះ ត្រីស័ក ព.ស.២៥៥៥"),
        ((2018, 4, 29), "ថ្ងៃអាទិត្យ ១៥កើត ខែពិសាខ ឆ្នាំច សំរឹទ្ធិស័ក ព.ស.២៥៦១"),
        ((2018, 4, 30), "ថ្ងៃច័ន្ទ ១រោច ខែពិសាខ ឆ្នាំច សំរឹទ្ធិស័ក ព.ស.២៥៦២"),
        ((2021, 1, 28), "ថ្ងៃព្រហស្បតិ៍ ១៥កើត ខែមាឃ ឆ្នាំជូត ទោស័ក ព.ស.២៥៦៤"),
        ((2023, 10, 14), "ថ្ងៃសៅរ៍ ១៥រោច ខែភទ្របទ ឆ្នាំថោះ បញ្ចស័ក ព.ស.២៥៦៧"),
        ((2024, 5, 26), "ថ្ងៃអាទិត្យ ៤រោច ខែពិសាខ ឆ្នាំរោង ឆស័ក ព.ស.២៥៦៨"),
        // From the issue and from dfr.md.
        ((2024, 5, 23), "ថ្ងៃព្រហស្បតិ៍ ១រោច ខែពិសាខ ឆ្នាំរោង ឆស័ក ព.ស.២៥៦៨"),
        ((2026, 11, 21), "ថ្ងៃសៅរ៍ ១២កើត ខែកត្តិក ឆ្នាំមមី អដ្ឋស័ក ព.ស.២៥៧០"),
        ((2025, 12, 10), "ថ្ងៃពុធ ៥រោច ខែមិគសិរ ឆ្នាំម្សាញ់ សប្តស័ក ព.ស.២៥៦៩"),
    ];
    for ((y, m, day), expected) in anchors {
        assert_eq!(line(y, m, day), expected, "{y}-{m}-{day}");
    }
}

#[test]
fn the_epoch_and_the_first_day_of_1900() {
    let first = lunar_date(d(1900, 1, 1)).unwrap();
    assert_eq!(
        (first.day, first.waxing, first.month),
        (1, true, 1),
        "1900-01-01 is 1កើត បុស្ស"
    );
}

#[test]
fn dates_outside_the_supported_years_are_errors() {
    assert!(lunar_date(d(1899, 12, 31)).is_err());
    assert!(lunar_date(d(2101, 1, 1)).is_err());
    assert!(lunar_date(d(2100, 12, 31)).is_ok());
    let err = lunar_date(d(1850, 1, 1)).unwrap_err();
    assert!(err.to_string().contains("1900–2100"));
}

#[test]
fn year_type_counts_match_the_specification() {
    let mut counts = [0; 3];
    for y in 1900..=2100 {
        counts[match year_type(i64::from(y) + 544) {
            YearType::LeapMonth => 0,
            YearType::LeapDay => 1,
            YearType::Normal => 2,
        }] += 1;
    }
    assert_eq!(counts, [74, 39, 88]);
}

/// The position of a month in its year, to check that months follow each other.
fn month_position(month: usize, ty: YearType) -> usize {
    ty.months()
        .iter()
        .position(|&m| m == month)
        .expect("month of its year")
}

#[test]
fn every_day_from_1900_to_2100_follows_the_one_before() {
    let mut date = d(1900, 1, 1);
    let mut prev = lunar_date(date).unwrap();
    let mut month_len = 0;
    let mut year_len = 0;
    let mut whole_year = false;
    while date < d(2100, 12, 31) {
        date = date.succ_opt().unwrap();
        let next = lunar_date(date).unwrap();
        assert_eq!(next.weekday, (prev.weekday + 1) % 7, "{date}");
        let prev_n = if prev.waxing {
            prev.day - 1
        } else {
            prev.day + 14
        };
        let next_n = if next.waxing {
            next.day - 1
        } else {
            next.day + 14
        };
        month_len += 1;
        year_len += 1;
        if next.month == prev.month {
            assert_eq!(
                next_n,
                prev_n + 1,
                "the lunar day advances by one on {date}"
            );
        } else {
            assert_eq!(next_n, 0, "a month starts on 1កើត ({date})");
            assert!(
                month_len == 29 || month_len == 30,
                "a month of {month_len} days ends before {date}"
            );
            assert_eq!(month_len, prev_n + 1);
            if next.month == 0 {
                if whole_year {
                    assert!(
                        [354, 355, 384].contains(&year_len),
                        "a lunar year of {year_len} days ends before {date}"
                    );
                }
                year_len = 0;
                whole_year = true;
            } else {
                let (p, n) = (
                    month_position(prev.month, prev.year_type),
                    month_position(next.month, next.year_type),
                );
                assert_eq!(n, p + 1, "months follow in order on {date}");
            }
            month_len = 0;
        }
        prev = next;
    }
}

#[test]
fn the_era_changes_once_a_year_on_the_first_waning_day_of_pisakh() {
    for y in 1900..=2100 {
        let mut changes = Vec::new();
        let mut date = d(y, 1, 1);
        let mut prev = lunar_date(date).unwrap();
        assert_eq!(prev.be, y + 543);
        while date.year() == y && date < d(2100, 12, 31) {
            date = date.succ_opt().unwrap();
            let next = lunar_date(date).unwrap();
            if next.be != prev.be && date.year() == y {
                changes.push(next);
                assert_eq!(next.be, prev.be + 1);
            }
            prev = next;
        }
        assert_eq!(changes.len(), 1, "{y}");
        let c = changes[0];
        assert_eq!(
            (c.day, c.waxing, c.month),
            (1, false, 5),
            "{y}: the era changes on 1រោច ពិសាខ"
        );
    }
}

#[test]
fn the_animal_year_changes_once_a_year_at_new_year() {
    for y in 1900..=2100 {
        let ny = new_year(y);
        assert_eq!(ny.songkran.month(), 4, "{y}");
        assert!(
            (12..=15).contains(&ny.songkran.day()),
            "{y}: Songkran {}",
            ny.songkran
        );
        assert!(
            (14..=17).contains(&ny.lerng_sak.day()) && ny.lerng_sak.month() == 4,
            "{y}"
        );
        assert!(
            ny.songkran < ny.lerng_sak && ny.lerng_sak < visak_boundary(y),
            "{y}"
        );
        let mut changes = 0;
        let mut sak_changes = 0;
        let mut date = d(y, 1, 1);
        let mut prev = lunar_date(date).unwrap();
        while date < d(y, 12, 31) {
            date = date.succ_opt().unwrap();
            let next = lunar_date(date).unwrap();
            if next.animal != prev.animal {
                changes += 1;
                assert_eq!(next.animal, (prev.animal + 1) % 12);
                // At noon: on Songkran day when Songkran is at or before noon, else the day after.
                let expected = if ny.songkran_minute <= 720 {
                    ny.songkran
                } else {
                    ny.songkran.succ_opt().unwrap()
                };
                assert_eq!(date, expected, "{y}");
            }
            if next.sak != prev.sak {
                sak_changes += 1;
                assert_eq!(date, ny.lerng_sak, "{y}: the sak changes on Lerng Sak day");
            }
            prev = next;
        }
        assert_eq!((changes, sak_changes), (1, 1), "{y}");
    }
}

#[test]
fn official_songkran_moments_replace_the_computed_ones() {
    let ny = new_year(2024);
    assert_eq!(
        (ny.songkran, ny.songkran_minute),
        (d(2024, 4, 13), 22 * 60 + 17)
    );
    // Songkran 2024 is at 22:17: at noon on 13 April the old animal (ថោះ) still runs.
    assert!(line(2024, 4, 13).contains("ឆ្នាំថោះ"));
    assert!(line(2024, 4, 14).contains("ឆ្នាំរោង"));
    let at_night = lunar_date_at(d(2024, 4, 13), 22 * 60 + 17).unwrap();
    assert_eq!(
        at_night.animal, 4,
        "from the Songkran minute the dragon year runs"
    );
}

#[test]
fn names_are_byte_exact() {
    assert_eq!(
        WEEKDAYS[1].chars().map(|c| c as u32).collect::<Vec<_>>(),
        [0x1785, 0x17D0, 0x1793, 0x17D2, 0x1791]
    );
    assert_eq!(
        MONTHS[11].chars().map(|c| c as u32).collect::<Vec<_>>(),
        [0x1780, 0x178F, 0x17D2, 0x178F, 0x17B7, 0x1780]
    );
    assert_eq!(
        super::super::date::format_date(
            d(2024, 5, 27),
            super::super::Lang::Km,
            super::super::date::DateStyle::Weekday
        ),
        "ថ្ងៃច័ន្ទ ទី២៧ ខែឧសភា ឆ្នាំ២០២៤"
    );
}
