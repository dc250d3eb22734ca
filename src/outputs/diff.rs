//! What changed between two declarations: the data, key by key, and the wording, part by part.

use crate::input::declaration::Declaration;
use crate::input::diagnostic::KeyPath;
use crate::input::model::Input;
use crate::layout::render::Error;
use crate::layout::render::Renderer;
use crate::options::{Languages, Options};
use crate::outputs::review::Part;
use crate::wording::document_id::normalised_toml;
use similar::{ChangeTag, TextDiff};
use std::fmt::Write;
use toml::Value;

/// One changed value: where, and what it was and became (`None` when absent).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DataChange {
    /// The key path; shown with arrays numbered from 1: `assets[3].shares`.
    pub path: KeyPath,
    /// The old value as inline TOML.
    pub old: Option<String>,
    /// The new value as inline TOML.
    pub new: Option<String>,
}

impl std::fmt::Display for DataChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".to_owned());
        write!(
            f,
            "{}: {} → {}",
            self.path,
            shown(&self.old),
            shown(&self.new)
        )
    }
}

/// A part of the contract whose wording changed, as both copies print it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WordingChange {
    /// The part's heading (the new one, or the old one if the part was removed).
    pub heading: Vec<String>,
    /// The part as the old declaration prints it (`None`: the part is new).
    pub old: Option<Part>,
    /// The part as the new declaration prints it (`None`: the part is gone).
    pub new: Option<Part>,
}

/// A line of a changed part: removed from the old wording, or added in the new.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ChangedLine {
    /// Whether the new wording has the line (else the old one had it).
    pub added: bool,
    /// The line as printed.
    pub text: String,
}

impl WordingChange {
    /// The part's key: its wording file's name, or a schedule's name.
    pub fn key(&self) -> &str {
        self.new
            .as_ref()
            .or(self.old.as_ref())
            .map_or("", |p| &p.key)
    }

    /// The lines that changed, in order: the old ones removed and the new ones added
    /// (headings included, so a renumbered clause shows), unchanged lines left out.
    pub fn changed_lines(&self) -> Vec<ChangedLine> {
        let lines = |p: &Option<Part>| -> Vec<String> {
            p.as_ref().map_or_else(Vec::new, |p| {
                p.heading
                    .iter()
                    .chain(&p.body)
                    .filter(|l| !l.is_empty())
                    .cloned()
                    .collect()
            })
        };
        let (old, new) = (lines(&self.old), lines(&self.new));
        let old: Vec<&str> = old.iter().map(String::as_str).collect();
        let new: Vec<&str> = new.iter().map(String::as_str).collect();
        TextDiff::from_slices(&old, &new)
            .iter_all_changes()
            .filter_map(|change| {
                let added = match change.tag() {
                    ChangeTag::Equal => return None,
                    ChangeTag::Delete => false,
                    ChangeTag::Insert => true,
                };
                Some(ChangedLine {
                    added,
                    text: change.value().to_owned(),
                })
            })
            .collect()
    }

    /// The change as lines: the part's key and heading, then `- ` old lines and `+ ` new
    /// lines (see [`WordingChange::changed_lines`]).
    pub fn text(&self) -> String {
        let mut out = format!("── {}\n", self.key());
        for line in &self.heading {
            let _ = writeln!(out, "{line}");
        }
        for line in self.changed_lines() {
            let sign = if line.added { "+" } else { "-" };
            let _ = writeln!(out, "{sign} {}", line.text);
        }
        out
    }
}

/// Everything that differs between two declarations.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Difference {
    /// The changed values, in key order.
    pub data: Vec<DataChange>,
    /// The parts whose printed wording changed, in the order of the new contract.
    pub wording: Vec<WordingChange>,
}

impl Difference {
    /// Whether the two declarations are the same.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty() && self.wording.is_empty()
    }
}

/// Compares two declarations; the wording is compared in both languages, worded by
/// `renderer`'s templates.
pub fn compare(
    renderer: &Renderer,
    old: &Declaration,
    new: &Declaration,
    options: &Options,
) -> Result<Difference, Error> {
    let options = options.languages(Languages::KhmerEnglish);
    Ok(Difference {
        data: data_changes(old.input(), new.input()),
        wording: wording_changes(
            &renderer.review_parts(old, &options)?,
            &renderer.review_parts(new, &options)?,
        ),
    })
}

/// The values that differ between two inputs.
pub fn data_changes(old: &Input, new: &Input) -> Vec<DataChange> {
    // Read back from the normalised text, so that dates are TOML dates.
    let as_value = |input: &Input| {
        Value::Table(
            normalised_toml(input)
                .parse()
                .expect("the normalised data is TOML"),
        )
    };
    let mut changes = Vec::new();
    walk(
        KeyPath::root(),
        Some(&as_value(old)),
        Some(&as_value(new)),
        &mut changes,
    );
    changes
}

fn walk(path: KeyPath, old: Option<&Value>, new: Option<&Value>, out: &mut Vec<DataChange>) {
    match (old, new) {
        (Some(Value::Table(a)), Some(Value::Table(b))) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                walk(path.key(key), a.get(key), b.get(key), out);
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) if is_array_of_tables(a, b) => {
            for i in 0..a.len().max(b.len()) {
                walk(path.index(i), a.get(i), b.get(i), out);
            }
        }
        _ if old != new => out.push(DataChange {
            path,
            old: old.map(inline),
            new: new.map(inline),
        }),
        _ => {}
    }
}

fn is_array_of_tables(a: &[Value], b: &[Value]) -> bool {
    a.iter().chain(b).all(Value::is_table) && !(a.is_empty() && b.is_empty())
}

/// A value as inline TOML: `"SOK Dara"`, `[60, 40]`, `{ km = "…", en = "…" }`.
pub fn inline(value: &Value) -> String {
    match value {
        Value::String(s) => quoted(s),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(inline).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Table(table) => {
            let pairs: Vec<String> = table
                .iter()
                .map(|(k, v)| format!("{k} = {}", inline(v)))
                .collect();
            format!("{{ {} }}", pairs.join(", "))
        }
        other => other.to_string(),
    }
}

/// A TOML basic string: only quotes, backslashes and control characters are escaped,
/// so Khmer reads as Khmer.
fn quoted(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The parts whose text differs, matched by key, in the order of the new parts
/// (removed parts follow, in their old order).
pub fn wording_changes(old: &[Part], new: &[Part]) -> Vec<WordingChange> {
    let find = |parts: &[Part], key: &str| parts.iter().find(|p| p.key == key).cloned();
    let mut changes: Vec<WordingChange> = new
        .iter()
        .filter_map(|n| {
            let o = find(old, &n.key);
            (o.as_ref() != Some(n)).then(|| WordingChange {
                heading: n.heading.clone(),
                old: o,
                new: Some(n.clone()),
            })
        })
        .collect();
    changes.extend(
        old.iter()
            .filter(|o| find(new, &o.key).is_none())
            .map(|o| WordingChange {
                heading: o.heading.clone(),
                old: Some(o.clone()),
                new: None,
            }),
    );
    changes
}
