//! The Handlebars helpers of the wording: dates, numbers, digits, money and the lunar date in either language.
//!
//! `{{date d "km"}}`, `{{num n "en"}}`, `{{digits s "km"}}`, `{{money v "km"}}`,
//! `{{lunar d}}`: each takes the language last and writes what `crate::locale` formats.

use crate::locale::date::DateStyle;
use crate::locale::{
    Currency, Date, Lang, Money, digits_in, format_date, format_money, lunar_date,
};
use handlebars::{
    Context, Handlebars, Helper, HelperResult, Output, RenderContext, RenderError,
    RenderErrorReason,
};
use serde_json::Value;

/// Registers every helper with `registry`.
pub(crate) fn register(registry: &mut Handlebars<'static>) {
    let helpers: [(&str, Writes); 5] = [
        ("date", date),
        ("num", num),
        ("digits", digits),
        ("money", money),
        ("lunar", lunar),
    ];
    for (name, helper) in helpers {
        registry.register_helper(name, Box::new(writing(helper)));
    }
}

/// A helper as written here: what it writes, from its parameters.
type Writes = fn(&Helper) -> Result<String, RenderError>;

/// The Handlebars helper that writes what `helper` gives.
fn writing(helper: Writes) -> impl handlebars::HelperDef + Send + Sync + 'static {
    move |h: &Helper<'_>,
          _: &Handlebars<'_>,
          _: &Context,
          _: &mut RenderContext<'_, '_>,
          out: &mut dyn Output|
          -> HelperResult {
        out.write(&helper(h)?)?;
        Ok(())
    }
}

fn fail(message: String) -> RenderError {
    RenderErrorReason::Other(message).into()
}

/// The helper's parameter `index`; in strict mode a name missing from the data is an error.
fn param<'a>(h: &'a Helper, index: usize, what: &str) -> Result<&'a Value, RenderError> {
    let p = h
        .param(index)
        .ok_or_else(|| fail(format!("`{}` needs {what}", h.name())))?;
    if p.is_value_missing() {
        let name = p.relative_path().cloned().unwrap_or_default();
        return Err(RenderErrorReason::MissingVariable(Some(name)).into());
    }
    Ok(p.value())
}

fn lang_param(h: &Helper, index: usize) -> Result<Lang, RenderError> {
    let value = param(h, index, "a language, \"km\" or \"en\"")?;
    value.as_str().and_then(Lang::from_code).ok_or_else(|| {
        fail(format!(
            "`{}`: {value} is not a language; write \"km\" or \"en\"",
            h.name()
        ))
    })
}

/// The helper's parameter `index` as an ISO date (`2026-11-21`).
fn date_param(h: &Helper, index: usize) -> Result<Date, RenderError> {
    let value = param(h, index, "a date")?;
    value
        .as_str()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| fail(format!("`{}`: {value} is not a date", h.name())))
}

/// `{{date ISO-DATE LANG [STYLE]}}`: a date written out; STYLE is long, weekday or short.
fn date(h: &Helper) -> Result<String, RenderError> {
    let date = date_param(h, 0)?;
    let lang = lang_param(h, 1)?;
    let style = match h.param(2).map(|p| p.value()) {
        None => DateStyle::Long,
        Some(v) => v
            .as_str()
            .and_then(DateStyle::from_name)
            .ok_or_else(|| fail(format!("`date`: style {v} is not long, weekday or short")))?,
    };
    Ok(format_date(date, lang, style))
}

/// `{{num N LANG}}`: an integer in the digits of the language.
fn num(h: &Helper) -> Result<String, RenderError> {
    let value = param(h, 0, "a number")?;
    let n = value
        .as_i64()
        .ok_or_else(|| fail(format!("`num`: {value} is not a whole number")))?;
    Ok(digits_in(&n.to_string(), lang_param(h, 1)?))
}

/// `{{digits TEXT LANG}}`: an identifier with its digits in the script of the language.
fn digits(h: &Helper) -> Result<String, RenderError> {
    let value = param(h, 0, "a text")?;
    let text = value
        .as_str()
        .ok_or_else(|| fail(format!("`digits`: {value} is not a text")))?;
    Ok(digits_in(text, lang_param(h, 1)?))
}

/// `{{money VALUE LANG}}`: an amount `{amount, currency}` in legal style, figures and words.
fn money(h: &Helper) -> Result<String, RenderError> {
    let value = param(h, 0, "a value { amount, currency }")?;
    let cents = value
        .get("amount")
        .and_then(Value::as_f64)
        .filter(|a| *a >= 0.0)
        .map(|a| (a * 100.0).round() as u64);
    let currency = value
        .get("currency")
        .and_then(Value::as_str)
        .and_then(Currency::from_code);
    let (Some(cents), Some(currency)) = (cents, currency) else {
        return Err(fail(format!(
            "`money`: {value} is not an amount with a currency"
        )));
    };
    Ok(format_money(
        Money::from_cents(cents, currency),
        lang_param(h, 1)?,
    ))
}

/// `{{lunar ISO-DATE}}`: the Khmer lunar date line of a date, read at noon.
fn lunar(h: &Helper) -> Result<String, RenderError> {
    let date = date_param(h, 0)?;
    let line = lunar_date(date).map_err(|e| fail(e.to_string()))?;
    Ok(line.to_string())
}
