//! The Khmer Chhankitek lunisolar calendar (`shared/domain/khmer-calendar.md`).
//! (One algorithm from one specification, kept whole so it can be read beside it.)
//!
//! Section numbers (§) refer to that specification. A date without a time is read at
//! 12:00 Phnom Penh time (§9). The supported range is 1900-01-01 to 2100-12-31, the
//! range the rules were checked against; outside it the functions return an error.

use super::Date;
use super::digits::to_khmer_digits;
use chrono::Datelike;
use std::fmt;
use std::sync::OnceLock;

/// Lunar month names by index (§3.1; 12 and 13 are the leap months).
const MONTHS: [&str; 14] = [
    "មិគសិរ",
    "បុស្ស",
    "មាឃ",
    "ផល្គុន",
    "ចេត្រ",
    "ពិសាខ",
    "ជេស្ឋ",
    "អាសាឍ",
    "ស្រាពណ៍",
    "ភទ្របទ",
    "អស្សុជ",
    "កត្តិក",
    "បឋមាសាឍ",
    "ទុតិយាសាឍ",
];
/// Animal years (§7.4).
const ANIMALS: [&str; 12] = [
    "ជូត",
    "ឆ្លូវ",
    "ខាល",
    "ថោះ",
    "រោង",
    "ម្សាញ់",
    "មមី",
    "មមែ",
    "វក",
    "រកា",
    "ច",
    "កុរ",
];
/// Sak, the decade cycle, by JS year mod 10 (§7.5).
const SAKS: [&str; 10] = [
    "សំរឹទ្ធិស័ក",
    "ឯកស័ក",
    "ទោស័ក",
    "ត្រីស័ក",
    "ចត្វាស័ក",
    "បញ្ចស័ក",
    "ឆស័ក",
    "សប្តស័ក",
    "អដ្ឋស័ក",
    "នព្វស័ក",
];
/// Weekdays, Sunday first (§7.1).
const WEEKDAYS: [&str; 7] = ["អាទិត្យ", "ច័ន្ទ", "អង្គារ", "ពុធ", "ព្រហស្បតិ៍", "សុក្រ", "សៅរ៍"];

/// The first supported year.
pub(crate) const FIRST_YEAR: i32 = 1900;
/// The last supported year.
pub(crate) const LAST_YEAR: i32 = 2100;

/// Officially announced Songkran moments that replace the computed ones (§6.7):
/// year, month, day, hour, minute (local time).
const SONGKRAN_OVERRIDES: [(i32, u32, u32, u32, u32); 8] = [
    (1879, 4, 12, 11, 36),
    (1897, 4, 13, 2, 0),
    (2011, 4, 14, 13, 12),
    (2012, 4, 14, 19, 11),
    (2013, 4, 14, 2, 12),
    (2014, 4, 14, 8, 7),
    (2015, 4, 14, 14, 2),
    (2024, 4, 13, 22, 17),
];

/// A date outside the supported years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{0} is outside the Khmer calendar's supported years {FIRST_YEAR}–{LAST_YEAR}")]
pub struct OutOfRange(pub Date);

/// The three kinds of lunar year (§2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearType {
    /// 354 days.
    Normal,
    /// 355 days: ជេស្ឋ has 30 days.
    LeapDay,
    /// 384 days: អាសាឍ is replaced by បឋមាសាឍ and ទុតិយាសាឍ.
    LeapMonth,
}

impl YearType {
    /// The number of days in a lunar year of this type.
    pub fn days(self) -> i64 {
        match self {
            YearType::Normal => 354,
            YearType::LeapDay => 355,
            YearType::LeapMonth => 384,
        }
    }

    /// The month indices of the year, in order (§3.2).
    fn months(self) -> &'static [usize] {
        match self {
            YearType::LeapMonth => &[0, 1, 2, 3, 4, 5, 6, 12, 13, 8, 9, 10, 11],
            _ => &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
        }
    }

    /// The number of days of month `index` in a year of this type (§3.1).
    pub fn month_days(self, index: usize) -> i64 {
        match index {
            6 if self == YearType::LeapDay => 30,
            12 | 13 => 30,
            i if i % 2 == 0 => 29,
            _ => 30,
        }
    }
}

// §1: the year constants, as functions of a BE year `b`.
fn aharkun(b: i64) -> i64 {
    (292207 * b + 499).div_euclid(800) + 4
}

fn kromthupul(b: i64) -> i64 {
    800 - (292207 * b + 499).rem_euclid(800)
}

fn avoman(b: i64) -> i64 {
    (11 * aharkun(b) + 25).rem_euclid(692)
}

fn bodithey(b: i64) -> i64 {
    let a = aharkun(b);
    (a + (11 * a + 25).div_euclid(692) + 29).rem_euclid(30)
}

fn solar_leap(b: i64) -> bool {
    kromthupul(b) <= 207
}

/// §2.1.
fn is_leap_month(b: i64) -> bool {
    let (c, n) = (bodithey(b), bodithey(b + 1));
    match (c, n) {
        (25, 5) => false,
        (24, 6) => true,
        _ => c >= 25 || c <= 5,
    }
}

/// §2.2, the rules in exactly this order.
fn is_leap_day_calc(b: i64) -> bool {
    let a = avoman(b);
    if a == 0 && avoman(b - 1) == 137 {
        true
    } else if solar_leap(b) {
        a <= 126
    } else if a == 137 && avoman(b + 1) == 0 {
        false
    } else {
        a <= 137
    }
}

/// §2.3: the effective type, with a postponed leap day.
pub(crate) fn year_type(b: i64) -> YearType {
    if is_leap_month(b) {
        return YearType::LeapMonth;
    }
    if is_leap_day_calc(b) {
        return YearType::LeapDay;
    }
    let mut p = b - 1;
    while is_leap_month(p) {
        if is_leap_day_calc(p) {
            return YearType::LeapDay;
        }
        p -= 1;
    }
    YearType::Normal
}

/// Julian Day Number of a date (§4.1).
fn jdn(date: Date) -> i64 {
    i64::from(date.num_days_from_ce()) + 1_721_425
}

/// JDN of the epoch 1899-12-03, 1កើត មិគសិរ of lunar year L(1900) (§4).
const EPOCH_JDN: i64 = 2_414_992;

/// The lunar years L(1900) ..= L(LAST_YEAR + 1): each one's first day (days since
/// the epoch) and type.
fn lunar_years() -> &'static [(i64, YearType)] {
    static YEARS: OnceLock<Vec<(i64, YearType)>> = OnceLock::new();
    YEARS.get_or_init(|| {
        let mut start = 0;
        (FIRST_YEAR..=LAST_YEAR + 1)
            .map(|y| {
                let ty = year_type(i64::from(y) + 544);
                let entry = (start, ty);
                start += ty.days();
                entry
            })
            .collect()
    })
}

/// The lunar day of a date: Gregorian year of its lunar year, month index, day number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LunarDay {
    /// `Y` of the lunar year L(Y) the date belongs to.
    year: i32,
    /// Month index (§3.1).
    month: usize,
    /// 0..=29 (§3.4).
    day_number: i64,
    /// The year's type.
    year_type: YearType,
}

/// §4: the lunar month and day of a date in the supported range.
fn lunar_day(date: Date) -> LunarDay {
    let n = jdn(date) - EPOCH_JDN;
    let years = lunar_years();
    let i = years.partition_point(|(start, _)| *start <= n) - 1;
    let (start, ty) = years[i];
    let mut rest = n - start;
    for &m in ty.months() {
        let len = ty.month_days(m);
        if rest < len {
            return LunarDay {
                year: FIRST_YEAR + i as i32,
                month: m,
                day_number: rest,
                year_type: ty,
            };
        }
        rest -= len;
    }
    unreachable!("a lunar year's months add up to its length")
}

/// The date of 1រោច ពិសាខ in Gregorian year `y` (§5): day 162 of L(y).
fn visak_boundary(y: i32) -> Date {
    let (start, _) = lunar_years()[(y - FIRST_YEAR) as usize];
    from_jdn(EPOCH_JDN + start + 147 + 15)
}

fn from_jdn(j: i64) -> Date {
    Date::from_num_days_from_ce_opt((j - 1_721_425) as i32).expect("in range")
}

/// §6.1: the true sun's angsar and libda for sotin `s` of the year whose BE is `b`.
fn sun_angsar_libda(b: i64, s: i64) -> (i64, i64) {
    let r = 800 * s + kromthupul(b - 1);
    let (mean_reasey, r1) = (r.div_euclid(24350), r.rem_euclid(24350));
    let (mean_angsar, r2) = (r1.div_euclid(811), r1.rem_euclid(811));
    let mean_libda = r2.div_euclid(14) - 3;
    let m = 1800 * mean_reasey + 60 * mean_angsar + mean_libda;
    let l = if m < 4800 { m - 4800 + 21600 } else { m - 4800 };
    let kaen = l.div_euclid(1800);
    let rs = match kaen {
        0..=2 => kaen,
        3..=5 => 10800 - l,
        6..=8 => l - 10800,
        _ => 21600 - l,
    };
    let (r_r, r_a, r_l) = (
        rs.div_euclid(1800),
        rs.rem_euclid(1800).div_euclid(60),
        rs.rem_euclid(60),
    );
    let (khan, pouichalip) = if r_a >= 15 {
        (2 * r_r + 1, 60 * (r_a - 15) + r_l)
    } else {
        (2 * r_r, 60 * r_a + r_l)
    };
    let (multiplier, base) = match khan {
        0 => (35, 0),
        1 => (32, 35),
        2 => (27, 67),
        3 => (22, 94),
        4 => (13, 116),
        5 => (5, 129),
        _ => (0, 134),
    };
    let phol = (pouichalip * multiplier).div_euclid(900) + base;
    let sun = if kaen <= 5 { m - phol } else { m + phol };
    (sun.rem_euclid(1800).div_euclid(60), sun.rem_euclid(60))
}

/// The Khmer New Year of one Gregorian year (§6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NewYear {
    /// The Moha Songkran day.
    pub songkran: Date,
    /// The Songkran time, in minutes after local midnight.
    pub songkran_minute: u32,
    /// Lerng Sak day, the last day of the New Year, when the sak changes.
    pub lerng_sak: Date,
    /// The number of New Year days (3 or 4).
    pub days: u32,
}

/// §6: the New Year of Gregorian year `y` (supported range only).
pub(crate) fn new_year(y: i32) -> NewYear {
    let b = i64::from(y) + 544;
    let candidates: [i64; 4] = if kromthupul(b - 1) <= 207 {
        [363, 364, 365, 366]
    } else {
        [362, 363, 364, 365]
    };
    let suns = candidates.map(|s| sun_angsar_libda(b, s));
    let minutes = match suns.iter().find(|(angsar, _)| *angsar == 0) {
        Some((_, libda)) => 1440 - 24 * libda,
        None => 0,
    };
    let songkran_minute =
        (minutes.div_euclid(60).rem_euclid(24) * 60 + minutes.rem_euclid(60)) as u32;
    let days: u32 = if suns[0].0 == 0 { 4 } else { 3 };
    // §6.5: the lunar date of Lerng Sak.
    let mut bo = bodithey(b);
    if is_leap_month(b - 1) && is_leap_day_calc(b - 1) {
        bo = (bo + 1).rem_euclid(30);
    }
    let (m_ls, dn_ls) = if bo >= 6 { (4, bo - 1) } else { (5, bo) };
    // §6.6: counted back from April 17.
    let april17 = Date::from_ymd_opt(y, 4, 17).expect("a date");
    let a = lunar_day(april17);
    let ord = |m: usize, dn: i64| 29 * (m as i64 - 4) + dn;
    let lerng_sak = from_jdn(jdn(april17) - (ord(a.month, a.day_number) - ord(m_ls, dn_ls)));
    let songkran = from_jdn(jdn(lerng_sak) - i64::from(days - 1));
    // §6.7: official moments replace the computed one; Lerng Sak follows them.
    if let Some(&(_, m, d, h, min)) = SONGKRAN_OVERRIDES.iter().find(|o| o.0 == y) {
        let songkran = Date::from_ymd_opt(y, m, d).expect("a date");
        let lerng_sak = from_jdn(jdn(songkran) + i64::from(days - 1));
        return NewYear {
            songkran,
            songkran_minute: h * 60 + min,
            lerng_sak,
            days,
        };
    }
    NewYear {
        songkran,
        songkran_minute,
        lerng_sak,
        days,
    }
}

/// A day of the Khmer lunar calendar, with its year names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LunarDate {
    /// 0 = Sunday … 6 = Saturday.
    pub weekday: usize,
    /// The lunar day, 1..=15.
    pub day: u32,
    /// Waxing (កើត) or waning (រោច).
    pub waxing: bool,
    /// The month index (§3.1).
    pub month: usize,
    /// The animal year index (§7.4).
    pub animal: usize,
    /// The sak index (§7.5).
    pub sak: usize,
    /// The Buddhist Era year.
    pub be: i32,
    /// The type of the lunar year the day belongs to.
    pub year_type: YearType,
}

/// The lunar date of `date` read at 12:00 Phnom Penh time (§9).
pub fn lunar_date(date: Date) -> Result<LunarDate, OutOfRange> {
    lunar_date_at(date, 12 * 60)
}

/// The lunar date at `minute` minutes after local midnight of `date` (§8).
pub(crate) fn lunar_date_at(date: Date, minute: u32) -> Result<LunarDate, OutOfRange> {
    let y = date.year();
    if !(FIRST_YEAR..=LAST_YEAR).contains(&y) {
        return Err(OutOfRange(date));
    }
    let lunar = lunar_day(date);
    let be = if date >= visak_boundary(y) {
        y + 544
    } else {
        y + 543
    };
    let ny = new_year(y);
    let before_songkran = (date, minute) < (ny.songkran, ny.songkran_minute);
    let animal = (if before_songkran { y + 547 } else { y + 548 }).rem_euclid(12) as usize;
    let js = if date < ny.lerng_sak {
        y - 639
    } else {
        y - 638
    };
    let (day, waxing) = if lunar.day_number < 15 {
        (lunar.day_number as u32 + 1, true)
    } else {
        (lunar.day_number as u32 - 14, false)
    };
    Ok(LunarDate {
        weekday: date.weekday().num_days_from_sunday() as usize,
        day,
        waxing,
        month: lunar.month,
        animal,
        sak: js.rem_euclid(10) as usize,
        be,
        year_type: lunar.year_type,
    })
}

impl fmt::Display for LunarDate {
    /// `ថ្ងៃ{weekday} {day}{កើត|រោច} ខែ{month} ឆ្នាំ{animal} {sak} ព.ស.{BE}` (§10).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ថ្ងៃ{} {}{} ខែ{} ឆ្នាំ{} {} ព.ស.{}",
            WEEKDAYS[self.weekday],
            to_khmer_digits(&self.day.to_string()),
            if self.waxing {
                "កើត"
            } else {
                "រោច"
            },
            MONTHS[self.month],
            ANIMALS[self.animal],
            SAKS[self.sak],
            to_khmer_digits(&self.be.to_string()),
        )
    }
}

#[cfg(test)]
mod tests;
