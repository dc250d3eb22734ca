//! The two values the format reads its own way: amounts without floating point, dates without a time.

use crate::locale::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An amount as written, in cents: `45000` or `45000.50` (at most two decimals).
/// Its sign is checked by validation, so that the error names the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount(pub i64);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Amount;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an amount such as 45000 or 12.50")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Amount, E> {
                v.checked_mul(100)
                    .map(Amount)
                    .ok_or_else(|| E::custom("the amount is too large"))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Amount, E> {
                i64::try_from(v)
                    .map_err(|_| E::custom("the amount is too large"))
                    .and_then(|v| self.visit_i64(v))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Amount, E> {
                let cents = (v * 100.0).round();
                if !v.is_finite() || cents.abs() > 9.0e15 {
                    // 1e308 is quoted as written, not as its 309 digits.
                    return Err(E::custom(format!("{v:e} is not an amount")));
                }
                if (v * 100.0 - cents).abs() > 1e-6 {
                    return Err(E::custom(format!(
                        "{v} has more than two decimals; amounts are in units and cents"
                    )));
                }
                Ok(Amount(cents as i64))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl Serialize for Amount {
    /// Whole amounts as integers, others with their cents: `45000`, `12.5`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0 % 100 == 0 {
            serializer.serialize_i64(self.0 / 100)
        } else {
            serializer.serialize_f64(self.0 as f64 / 100.0)
        }
    }
}

/// A TOML date (`YYYY-MM-DD`, no time) that exists in the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TomlDate(pub Date);

impl<'de> Deserialize<'de> for TomlDate {
    /// Reads a TOML date (`2026-11-21`) or the same date quoted (`"2026-11-21"`).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = String;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date such as 2026-11-21")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
                Ok(v.to_owned())
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<String, A::Error> {
                let deserializer = serde::de::value::MapAccessDeserializer::new(map);
                Ok(toml::value::Datetime::deserialize(deserializer)?.to_string())
            }
        }
        let text = deserializer.deserialize_any(Visitor)?;
        let plain = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
        if text.trim().is_empty() {
            return Err(D::Error::custom(
                "the date is empty: write it as YYYY-MM-DD",
            ));
        }
        if !plain {
            return Err(D::Error::custom(format!(
                "`{text}` is not a plain date: write YYYY-MM-DD with no time"
            )));
        }
        Date::parse_from_str(&text, "%Y-%m-%d")
            .map(TomlDate)
            .map_err(|_| D::Error::custom(format!("`{text}` is not a day of the calendar")))
    }
}

impl schemars::JsonSchema for TomlDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date" })
    }
}

impl Serialize for TomlDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use chrono::Datelike;
        let date = toml::value::Date {
            year: self.0.year() as u16,
            month: self.0.month() as u8,
            day: self.0.day() as u8,
        };
        toml::value::Datetime {
            date: Some(date),
            time: None,
            offset: None,
        }
        .serialize(serializer)
    }
}
