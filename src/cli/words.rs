//! `dfr words`: a number or an amount of money in Khmer and English words.

use super::Status;
use super::report::Report;
use dfr::locale::{Currency, Lang, Money, english_words, format_money, khmer_words, parse_amount};

const AFTER_HELP: &str = "\
Examples:
  $ dfr words 1500000
  មួយលានប្រាំសែន
  one million five hundred thousand
  $ dfr words 1500000 --currency KHR
  ១.៥០០.០០០ រៀល (មួយលានប្រាំសែនរៀល)
  KHR 1,500,000 (one million five hundred thousand riels)
  $ dfr words 12.50 --currency USD

Exit status: 0 success, 2 a number that cannot be read.";

/// Print a number (or, with --currency, an amount of money) in Khmer and English words.
///
/// The first line is Khmer, the second English. With --currency the amount is written
/// in legal style: figures, then the words in brackets.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// A whole number, or an amount with cents (`12.50`) for USD.
    #[arg(value_name = "NUMBER")]
    pub number: String,
    /// Write the number as an amount of this currency.
    #[arg(long, value_name = "USD|KHR", value_parser = ["USD", "KHR"])]
    pub currency: Option<String>,
}

/// Runs the command.
pub fn run(args: Args) -> Status {
    let cents = match parse_amount(args.number.trim()) {
        Ok(c) => c,
        Err(e) => return Report::error(e).fail(Status::Failure),
    };
    match args.currency.as_deref().and_then(Currency::from_code) {
        Some(currency) => {
            if !currency.has_cents() && cents % 100 != 0 {
                let message = format!("riel amounts are whole riels: `{}` has cents", args.number);
                return Report::error(message).fail(Status::Failure);
            }
            let money = Money::from_cents(cents, currency);
            println!(
                "{}\n{}",
                format_money(money, Lang::Km),
                format_money(money, Lang::En)
            );
        }
        None => {
            if cents % 100 != 0 {
                let message = format!(
                    "`{}` is not a whole number; amounts with cents need --currency USD",
                    args.number
                );
                return Report::error(message).fail(Status::Failure);
            }
            println!(
                "{}\n{}",
                khmer_words(cents / 100),
                english_words(cents / 100)
            );
        }
    }
    Status::Success
}
