//! The review copy: the contract as plain UTF-8 text, read from the layout data the PDF prints.
//!
//! Every string here comes from the same `/data.json` that the Typst layout reads, so
//! the review copy says exactly what the PDF says: clause by clause, Khmer then
//! English, one paragraph per line (nothing is wrapped, so a lawyer can copy a whole
//! paragraph), and the schedules as pipe tables with a Khmer and an English line per row.

use crate::Declaration;
use crate::options::{Languages, Options};
use crate::render::{Error, layout_data};
use serde_json::Value;

/// One part of the contract: the header, a clause, a schedule, the date or the signatures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// A stable name for matching the parts of two copies, e.g. `04-property`.
    pub key: String,
    /// The heading lines, one per printed language (none for the header).
    pub heading: Vec<String>,
    /// The body: one line per paragraph or table row; an empty string is a blank line.
    pub body: Vec<String>,
}

impl Part {
    /// The part as text: heading, a blank line, body.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for line in &self.heading {
            out.push_str(line);
            out.push('\n');
        }
        if !self.heading.is_empty() && !self.body.is_empty() {
            out.push('\n');
        }
        for line in &self.body {
            out.push_str(line);
            out.push('\n');
        }
        out
    }
}

/// The review copy of a declaration as plain text.
pub fn review_text(declaration: &Declaration, options: &Options) -> Result<String, Error> {
    Ok(to_text(&review_parts(declaration, options)?))
}

/// The parts of the review copy, in the order the PDF prints them.
pub fn review_parts(declaration: &Declaration, options: &Options) -> Result<Vec<Part>, Error> {
    let data = layout_data(declaration, options)?;
    Ok(parts_of(&data, options.languages))
}

/// Joins parts into one text, with a blank line and a rule between parts.
pub fn to_text(parts: &[Part]) -> String {
    let texts: Vec<String> = parts.iter().map(Part::text).collect();
    texts.join("\n────────────────\n\n")
}

/// The languages a review copy shows, in order.
struct Shown {
    km: bool,
    en: bool,
}

impl Shown {
    /// The printed languages of `pair`, Khmer first; one line each.
    fn lines(&self, pair: &Value) -> Vec<String> {
        let mut out = Vec::new();
        if self.km {
            out.push(str_at(pair, "km").to_owned());
        }
        if self.en {
            out.push(str_at(pair, "en").to_owned());
        }
        out
    }

    /// The printed languages of `pair` in one table cell.
    fn cell(&self, pair: &Value) -> String {
        if pair.is_null() {
            return "–".to_owned();
        }
        self.lines(pair).join(" / ")
    }
}

fn str_at<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or("")
}

/// The parts of the contract described by `data`, the layout data of `render::layout_data`.
fn parts_of(data: &Value, languages: Languages) -> Vec<Part> {
    let shown = Shown {
        km: languages != Languages::English,
        en: languages != Languages::Khmer,
    };
    let labels = &data["labels"];
    let label = |name: &str| &labels[name];
    let mut parts = vec![header(data, &shown)];
    for clause in data["clauses"].as_array().into_iter().flatten() {
        parts.push(clause_part(clause, label("article"), &shown));
        let schedule = str_at(clause, "schedule");
        if schedule == "children"
            && !data["schedules"]["children"]
                .as_array()
                .is_none_or(Vec::is_empty)
        {
            parts.push(children_part(data, &shown));
        }
        if schedule == "property" {
            let s = &data["schedules"];
            let count = |k: &str| s[k].as_array().map_or(0, Vec::len);
            if count("immovable") + count("movable") > 0 {
                parts.push(property_part(data, &shown));
            }
        }
    }
    // The date block: the lunar date line (Khmer only) and the place and date.
    let mut date = Vec::new();
    for (lang, on) in [("km", shown.km), ("en", shown.en)] {
        for name in ["lunar_date", "made_at"] {
            let line = str_at(label(name), lang);
            if on && !line.is_empty() {
                date.push(line.to_owned());
            }
        }
    }
    parts.push(Part {
        key: "date".to_owned(),
        heading: Vec::new(),
        body: date,
    });
    parts.push(signatures_part(data, &shown));
    parts
}

fn header(data: &Value, shown: &Shown) -> Part {
    let labels = &data["labels"];
    let mut body = Vec::new();
    // The national header is in Khmer, or in English capitals when only English is printed.
    for name in ["kingdom", "motto"] {
        body.push(match shown.km {
            true => str_at(&labels[name], "km").to_owned(),
            false => str_at(&labels[name], "en").to_uppercase(),
        });
    }
    body.push(String::new());
    if shown.km {
        body.push(str_at(&labels["title"], "km").to_owned());
    }
    if shown.en {
        body.push(str_at(&labels["title"], "en").to_uppercase());
    }
    body.extend(shown.lines(&labels["reference"]));
    let id = str_at(data, "id");
    let mut id_line = Vec::new();
    if shown.km {
        id_line.push(str_at(&labels["document_id"], "km").to_owned());
    }
    id_line.push(format!("{} {id}", str_at(&labels["document_id"], "en")));
    body.push(id_line.join(" "));
    for name in ["draft", "redacted"] {
        if data[name].as_bool() == Some(true) {
            body.push(mark(&labels[name], shown));
        }
    }
    Part {
        key: "header".to_owned(),
        heading: Vec::new(),
        body,
    }
}

/// A watermark's text as the layout prints it: English, then Khmer.
fn mark(pair: &Value, shown: &Shown) -> String {
    let mut words = Vec::new();
    if shown.en || !shown.km {
        words.push(str_at(pair, "en"));
    }
    if shown.km {
        words.push(str_at(pair, "km"));
    }
    words.join(" · ")
}

fn clause_part(clause: &Value, article: &Value, shown: &Shown) -> Part {
    let mut heading = Vec::new();
    if shown.km {
        heading.push(format!(
            "{} {}៖ {}",
            str_at(article, "km"),
            str_at(&clause["number"], "km"),
            str_at(&clause["title"], "km")
        ));
    }
    if shown.en {
        heading.push(format!(
            "{} {}: {}",
            str_at(article, "en"),
            str_at(&clause["number"], "en"),
            str_at(&clause["title"], "en")
        ));
    }
    let mut body = Vec::new();
    for (lang, on) in [("km", shown.km), ("en", shown.en)] {
        if !on {
            continue;
        }
        if !body.is_empty() {
            body.push(String::new());
        }
        for (i, p) in clause[lang].as_array().into_iter().flatten().enumerate() {
            if i > 0 {
                body.push(String::new());
            }
            body.push(p.as_str().unwrap_or("").to_owned());
        }
    }
    Part {
        key: str_at(clause, "id").to_owned(),
        heading,
        body,
    }
}

/// A table cell: a text in both languages, or an identifier printed once as typed.
enum Cell<'a> {
    Pair(&'a Value),
    Code(&'a Value),
}

impl Shown {
    /// A table row as pipe-separated lines: one line per printed language, Khmer first.
    /// An identifier, the same in both languages, is repeated on each line, so that
    /// every line is a whole row.
    fn rows(&self, cells: &[Cell]) -> Vec<String> {
        let langs: Vec<&str> = [("km", self.km), ("en", self.en)]
            .into_iter()
            .filter_map(|(l, on)| on.then_some(l))
            .collect();
        langs
            .iter()
            .map(|lang| {
                let texts: Vec<&str> = cells
                    .iter()
                    .map(|cell| match cell {
                        Cell::Pair(v) if v.is_null() => "–",
                        Cell::Pair(v) => str_at(v, lang),
                        Cell::Code(v) => v.as_str().unwrap_or("–"),
                    })
                    .collect();
                format!("| {} |", texts.join(" | ")).replace("|  |", "| |")
            })
            .collect()
    }
}

fn children_part(data: &Value, shown: &Shown) -> Part {
    let labels = &data["labels"];
    let columns = [
        "number",
        "name",
        "sex",
        "born",
        "child_kind",
        "legal_parent",
        "certificate",
    ];
    let mut body = shown.rows(&columns.map(|c| Cell::Pair(&labels[c])));
    for r in data["schedules"]["children"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let parent = format!("partner_{}", r["legal-parent"]);
        body.extend(shown.rows(&[
            Cell::Pair(&r["number"]),
            Cell::Pair(&r["name"]),
            Cell::Pair(&labels[str_at(r, "sex")]),
            Cell::Pair(&r["born"]),
            Cell::Pair(&labels[str_at(r, "kind")]),
            Cell::Pair(&labels[parent.as_str()]),
            Cell::Code(&r["certificate"]),
        ]));
    }
    Part {
        key: "schedule-children".to_owned(),
        heading: shown.lines(&labels["children"]),
        body,
    }
}

fn property_part(data: &Value, shown: &Shown) -> Part {
    let labels = &data["labels"];
    let columns = [
        "number",
        "description",
        "registration",
        "owner",
        "shares",
        "value",
    ];
    let schedules = &data["schedules"];
    let mut body = Vec::new();
    for kind in ["immovable", "movable"] {
        if !body.is_empty() {
            body.push(String::new());
        }
        body.push(shown.cell(&labels[kind]));
        let rows = schedules[kind].as_array().map_or(&[][..], Vec::as_slice);
        if rows.is_empty() {
            body.push(shown.cell(&labels["none"]));
            continue;
        }
        body.extend(shown.rows(&columns.map(|c| Cell::Pair(&labels[c]))));
        for r in rows {
            body.extend(shown.rows(&[
                Cell::Pair(&r["number"]),
                Cell::Pair(&r["description"]),
                Cell::Code(&r["registration"]),
                Cell::Pair(&labels[str_at(r, "owner")]),
                Cell::Pair(&r["shares"]),
                Cell::Pair(&r["value"]),
            ]));
        }
    }
    let totals = schedules["totals"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    if !totals.is_empty() {
        body.push(String::new());
        let join = |lang: &str, and: &str| {
            totals
                .iter()
                .map(|t| str_at(t, lang))
                .collect::<Vec<_>>()
                .join(and)
        };
        if shown.km {
            body.push(format!(
                "{}៖ {}",
                str_at(&labels["total"], "km"),
                join("km", " និង ")
            ));
        }
        if shown.en {
            body.push(format!(
                "{}: {}",
                str_at(&labels["total"], "en"),
                join("en", " and ")
            ));
        }
    }
    Part {
        key: "schedule-property".to_owned(),
        heading: shown.lines(&labels["property"]),
        body,
    }
}

fn signatures_part(data: &Value, shown: &Shown) -> Part {
    let labels = &data["labels"];
    let signers = &data["signers"];
    let blank = "………………………………".to_owned();
    let named = |role: &Value, name: &Value| {
        let name = if name.is_null() {
            blank.clone()
        } else {
            shown.cell(name)
        };
        format!("{}: {name}", shown.cell(role))
    };
    let mut body = Vec::new();
    for (i, p) in signers["partners"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        body.push(named(
            &labels[format!("partner_{}", i + 1).as_str()],
            &p["name"],
        ));
    }
    let witnesses = signers["witnesses"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    if witnesses.is_empty() {
        for _ in 0..2 {
            body.push(named(&labels["witness"], &Value::Null));
        }
    }
    for w in witnesses {
        let mut line = named(&labels["witness"], &w["name"]);
        if !w["id"].is_null() {
            line.push_str(&format!(" — {}", shown.cell(&w["id"])));
        }
        body.push(line);
    }
    for (seen, what, title, name) in [
        (
            "seen_confirmed",
            None,
            "village_chief_title",
            "village-chief",
        ),
        (
            "seen_certified",
            Some("certified_what"),
            "chief_title",
            "chief",
        ),
    ] {
        let mut seen = shown.cell(&labels[seen]);
        if let Some(what) = what.map(|w| &labels[w]).filter(|w| !w.is_null()) {
            seen = format!("{seen} ({})", shown.cell(what));
        }
        body.push(format!(
            "{seen} — {}",
            named(&labels[title], &signers[name])
        ));
    }
    Part {
        key: "signatures".to_owned(),
        heading: shown.lines(&labels["signatures"]),
        body,
    }
}
