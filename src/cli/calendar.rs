//! `dfr calendar`: the Khmer lunar, Khmer Gregorian and English lines of dates.

use super::Status;
use super::report::Report;
use dfr::locale::date::DateStyle;
use dfr::locale::{Date, Lang, format_date, lunar_date};

const AFTER_HELP: &str = "\
Example:
  $ dfr calendar 2024-05-23
  ថ្ងៃព្រហស្បតិ៍ ១រោច ខែពិសាខ ឆ្នាំរោង ឆស័ក ព.ស.២៥៦៨
  ថ្ងៃព្រហស្បតិ៍ ទី២៣ ខែឧសភា ឆ្នាំ២០២៤
  Thursday, 23 May 2024

A date is read at 12:00 Phnom Penh time: on Khmer New Year's day the new animal year
applies if the New Year moment is at or before noon. Supported years: 1900–2100.

Exit status: 0 success, 2 a date that cannot be read or is out of range.";

/// Print the Khmer lunar date line, the Khmer date and the English date of each DATE.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// Dates as YYYY-MM-DD, or `today` (the date in Phnom Penh now).
    #[arg(required = true, value_name = "DATE")]
    pub dates: Vec<String>,
}

/// Runs the command.
pub fn run(args: Args) -> Status {
    let mut blocks = Vec::new();
    for text in &args.dates {
        let date = match parse_date(text) {
            Ok(d) => d,
            Err(message) => return Report::error(message).fail(Status::Failure),
        };
        match lunar_date(date) {
            Ok(lunar) => blocks.push(format!(
                "{lunar}\n{}\n{}",
                format_date(date, Lang::Km, DateStyle::Weekday),
                format_date(date, Lang::En, DateStyle::Weekday)
            )),
            Err(e) => return Report::error(e).fail(Status::Failure),
        }
    }
    println!("{}", blocks.join("\n\n"));
    Status::Success
}

/// Reads `YYYY-MM-DD` or `today`.
fn parse_date(text: &str) -> Result<Date, String> {
    if text == "today" {
        return Ok(today_in_phnom_penh());
    }
    Date::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        format!("`{text}` is not a date; write YYYY-MM-DD (e.g. 2026-11-21) or `today`")
    })
}

/// Today's date in Phnom Penh (UTC+7, no daylight saving time).
pub fn today_in_phnom_penh() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let days = (seconds + 7 * 3600).div_euclid(86_400);
    Date::from_ymd_opt(1970, 1, 1).expect("a date") + chrono::Duration::days(days)
}
