//! What changed between two versions of a contract: the data, key by key, and the wording, part by part and word by word.

mod fields;
mod lines;
mod parts;
mod redline;
mod version;
mod words;

pub use fields::path_words;
pub use lines::{LineChange, Style, changed_lines};
pub use parts::{PartChange, Renumbering, WordingChange, wording_changes};
pub use redline::redline_model;
pub use version::{Version, VersionError};
pub use words::{Segment, compare_words, new_text, old_text, words};

use crate::input::declaration::Declaration;
use crate::input::diagnostic::KeyPath;
use crate::input::model::Input;
use crate::layout::model::LayoutData;
use crate::layout::render::Error;
use crate::layout::render::Renderer;
use crate::options::{Languages, Options};
use crate::outputs::review::parts_of;
use crate::wording::document_id::normalised_toml;
use std::collections::HashMap;
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

/// Everything that differs between two versions of a contract.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Difference {
    /// The changed values, in key order (none when a version carries no data).
    pub data: Vec<DataChange>,
    /// Whether the data was compared: both versions are declarations or final copies
    /// (two drafts are compared by what they print only).
    pub data_compared: bool,
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
    compare_with(renderer, old, renderer, new, options)
}

/// Compares `old` worded by `old_renderer`'s templates with `new` worded by
/// `new_renderer`'s: two declarations under one template set, or one declaration under
/// two template sets (a lawyer's edit of the wording).
pub fn compare_with(
    old_renderer: &Renderer,
    old: &Declaration,
    new_renderer: &Renderer,
    new: &Declaration,
    options: &Options,
) -> Result<Difference, Error> {
    let options = options.languages(Languages::KhmerEnglish);
    let old_model = old_renderer.layout_model(old, &options)?;
    let new_model = new_renderer.layout_model(new, &options)?;
    Ok(between(
        Some(old.input()),
        &old_model,
        Some(new.input()),
        &new_model,
    ))
}

/// What differs between two versions given as layout models (what each prints) and,
/// when both carry it, their data.
pub fn between(
    old_input: Option<&Input>,
    old: &LayoutData,
    new_input: Option<&Input>,
    new: &LayoutData,
) -> Difference {
    let data = match (old_input, new_input) {
        (Some(a), Some(b)) => Some(data_changes(a, b)),
        _ => None,
    };
    Difference {
        data_compared: data.is_some(),
        data: data.unwrap_or_default(),
        wording: wording_changes(
            &parts_of(old, old.options.lang),
            &parts_of(new, new.options.lang),
            &renumbering(old, new),
        ),
    }
}

/// How the clause numbers changed between two layout models: clauses matched by their
/// wording file's name, after each language's `article` label.
pub fn renumbering(old: &LayoutData, new: &LayoutData) -> Renumbering {
    let word = |data: &LayoutData, lang: crate::locale::Lang| {
        data.labels
            .get("article")
            .map_or(String::new(), |l| l.get(lang).trim().to_owned())
    };
    let mut languages = Vec::new();
    for lang in [crate::locale::Lang::Km, crate::locale::Lang::En] {
        let mut numbers = HashMap::new();
        for clause in &new.clauses {
            if let Some(was) = old.clauses.iter().find(|c| c.id == clause.id) {
                let (was, is) = (was.number.get(lang), clause.number.get(lang));
                if was != is {
                    numbers.insert(was.to_owned(), is.to_owned());
                }
            }
        }
        // Only when both versions put the same word before a clause number.
        if word(old, lang) == word(new, lang) {
            languages.push((word(new, lang), numbers));
        }
    }
    Renumbering { languages }
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
            // Entries are matched as a whole first, so that removing the first child
            // reports that child removed, not every later child changed.
            let (sa, sb): (Vec<String>, Vec<String>) = (
                a.iter().map(inline).collect(),
                b.iter().map(inline).collect(),
            );
            for (i, j) in aligned(&sa, &sb) {
                let at = j.or(i).expect("one side of a pair");
                walk(path.index(at), i.map(|i| &a[i]), j.map(|j| &b[j]), out);
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

/// The items of two lists paired by their keys, in order: equal keys together, a run
/// of changed ones one for one, the rest alone (removed or added).
pub(crate) fn aligned(old: &[String], new: &[String]) -> Vec<(Option<usize>, Option<usize>)> {
    let (a, b): (Vec<&str>, Vec<&str>) = (
        old.iter().map(String::as_str).collect(),
        new.iter().map(String::as_str).collect(),
    );
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Patience)
        .diff_slices(&a, &b);
    let mut pairs = Vec::new();
    for op in diff.ops() {
        let (o, n) = (op.old_range(), op.new_range());
        for k in 0..o.len().max(n.len()) {
            pairs.push((
                (k < o.len()).then(|| o.start + k),
                (k < n.len()).then(|| n.start + k),
            ));
        }
    }
    pairs
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
