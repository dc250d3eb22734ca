//! The review copy: the contract as plain UTF-8 text, read from the layout data the PDF prints.
//!
//! Every string here comes from the same layout model (`layout/model.rs`) that the
//! Typst layout reads as `/data.json`, finished, so the review copy says exactly what
//! the PDF says: clause by clause, Khmer then
//! English, one paragraph per line (nothing is wrapped, so a lawyer can copy a whole
//! paragraph), and the schedules as pipe tables with a Khmer and an English line per row.

use crate::input::declaration::Declaration;
use crate::input::model::Text;
use crate::layout::model::{AssetRow, LayoutData};
use crate::layout::render::{Error, Renderer};
use crate::options::{Languages, Options};
use crate::wording::set::Schedule;

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

impl Renderer {
    /// The review copy of a declaration: the contract's text as plain UTF-8, clause by
    /// clause, exactly the words the PDF prints.
    pub fn review_text(
        &self,
        declaration: &Declaration,
        options: &Options,
    ) -> Result<String, Error> {
        Ok(to_text(&self.review_parts(declaration, options)?))
    }

    /// The parts of the review copy, in the order the PDF prints them.
    #[doc(hidden)]
    pub fn review_parts(
        &self,
        declaration: &Declaration,
        options: &Options,
    ) -> Result<Vec<Part>, Error> {
        let data = self.layout_model(declaration, options)?;
        Ok(parts_of(&data, options.languages))
    }
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
    fn lines(&self, pair: &Text) -> Vec<String> {
        let mut out = Vec::new();
        if self.km {
            out.push(pair.km.clone());
        }
        if self.en {
            out.push(pair.en.clone());
        }
        out
    }

    /// The printed languages of `pair` in one table cell (`–` for none).
    fn cell(&self, pair: Option<&Text>) -> String {
        match pair {
            Some(pair) => self.lines(pair).join(" / "),
            None => "–".to_owned(),
        }
    }

    /// The languages shown, as the keys of a text.
    fn langs(&self) -> Vec<&'static str> {
        [("km", self.km), ("en", self.en)]
            .into_iter()
            .filter_map(|(l, on)| on.then_some(l))
            .collect()
    }
}

/// A text's version in `lang` (`km` or `en`).
fn in_lang<'a>(text: &'a Text, lang: &str) -> &'a str {
    match lang {
        "km" => &text.km,
        _ => &text.en,
    }
}

/// The parts of the contract described by `data`, the layout model.
fn parts_of(data: &LayoutData, languages: Languages) -> Vec<Part> {
    let shown = Shown {
        km: languages != Languages::English,
        en: languages != Languages::Khmer,
    };
    let mut parts = vec![header(data, &shown)];
    let s = &data.schedules;
    for clause in &data.clauses {
        parts.push(Part {
            key: clause.id.clone(),
            heading: shown.lines(&clause.heading),
            body: paragraphs(&[(&clause.km, shown.km), (&clause.en, shown.en)]),
        });
        match clause.schedule {
            Some(Schedule::Children) if !s.children.is_empty() => {
                parts.push(children_part(data, &shown))
            }
            Some(Schedule::Property) if !(s.immovable.is_empty() && s.movable.is_empty()) => {
                parts.push(property_part(data, &shown))
            }
            _ => {}
        }
    }
    // The date block: the lunar date line (Khmer only) and the place and date.
    let mut date = Vec::new();
    for lang in shown.langs() {
        for name in ["lunar_date", "made_at"] {
            let line = data.labels.get(name).map_or("", |l| in_lang(l, lang));
            if !line.is_empty() {
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

/// A clause's paragraphs, each printed language in turn, with blank lines between.
fn paragraphs(languages: &[(&Vec<String>, bool)]) -> Vec<String> {
    let mut body = Vec::new();
    for (paragraphs, on) in languages {
        if !on {
            continue;
        }
        if !body.is_empty() {
            body.push(String::new());
        }
        for (i, p) in paragraphs.iter().enumerate() {
            if i > 0 {
                body.push(String::new());
            }
            body.push(p.clone());
        }
    }
    body
}

/// A label of the template set (empty when the set has none of that name).
fn label<'a>(data: &'a LayoutData, name: &str) -> &'a Text {
    static EMPTY: Text = Text {
        km: String::new(),
        en: String::new(),
    };
    data.labels.get(name).unwrap_or(&EMPTY)
}

fn header(data: &LayoutData, shown: &Shown) -> Part {
    let h = &data.header;
    let mut body = Vec::new();
    // The national header is in Khmer, or in English (capitals) when only English is printed.
    for line in [&h.kingdom, &h.motto] {
        body.push(match shown.km {
            true => line.km.clone(),
            false => line.en.clone(),
        });
    }
    body.push(String::new());
    body.extend(shown.lines(&h.title));
    body.extend(shown.lines(label(data, "reference")));
    let document_id = label(data, "document_id");
    // As the footer prints it: the label in each printed language, then the ID.
    let mut id_line = Vec::new();
    if shown.km {
        id_line.push(document_id.km.clone());
    }
    if shown.en {
        id_line.push(document_id.en.clone());
    }
    body.push(format!("{} {}", id_line.join(" / "), data.id));
    // An English-only copy is a translation for information (`main.typ` marks it so).
    let translation = shown.en && !shown.km;
    for (name, on) in [
        ("draft", data.draft),
        ("redacted", data.redacted),
        ("translation", translation),
    ] {
        if on {
            body.push(mark(label(data, name), shown));
        }
    }
    Part {
        key: "header".to_owned(),
        heading: Vec::new(),
        body,
    }
}

/// A watermark's text as the layout prints it: English, then Khmer.
fn mark(pair: &Text, shown: &Shown) -> String {
    let mut words = Vec::new();
    if shown.en || !shown.km {
        words.push(pair.en.as_str());
    }
    if shown.km {
        words.push(pair.km.as_str());
    }
    words.join(" · ")
}

/// A table cell: a text in both languages, or an identifier printed once as typed.
enum Cell<'a> {
    Pair(Option<&'a Text>),
    Code(Option<&'a str>),
}

impl Shown {
    /// A table row as pipe-separated lines: one line per printed language, Khmer first.
    /// An identifier, the same in both languages, is repeated on each line, so that
    /// every line is a whole row.
    fn rows(&self, cells: &[Cell]) -> Vec<String> {
        self.langs()
            .iter()
            .map(|lang| {
                let texts: Vec<&str> = cells
                    .iter()
                    .map(|cell| match cell {
                        Cell::Pair(Some(t)) => in_lang(t, lang),
                        Cell::Code(Some(code)) => code,
                        Cell::Pair(None) | Cell::Code(None) => "–",
                    })
                    .collect();
                format!("| {} |", texts.join(" | ")).replace("|  |", "| |")
            })
            .collect()
    }

    /// The header row of a table: the labels named `columns`.
    fn header_row(&self, data: &LayoutData, columns: &[&str]) -> Vec<String> {
        let cells: Vec<Cell> = columns
            .iter()
            .map(|c| Cell::Pair(Some(label(data, c))))
            .collect();
        self.rows(&cells)
    }
}

fn children_part(data: &LayoutData, shown: &Shown) -> Part {
    let columns = [
        "number",
        "name",
        "sex",
        "born",
        "child_kind",
        "legal_parent",
        "certificate",
    ];
    let mut body = shown.header_row(data, &columns);
    for r in &data.schedules.children {
        body.extend(shown.rows(&[
            Cell::Pair(Some(&r.number)),
            Cell::Pair(Some(&r.name)),
            Cell::Pair(Some(&r.sex)),
            Cell::Pair(Some(&r.born)),
            Cell::Pair(Some(&r.kind)),
            Cell::Pair(Some(&r.legal_parent)),
            Cell::Code(r.certificate.as_deref()),
        ]));
    }
    Part {
        key: "schedule-children".to_owned(),
        heading: shown.lines(label(data, "children")),
        body,
    }
}

fn property_part(data: &LayoutData, shown: &Shown) -> Part {
    let columns = [
        "number",
        "description",
        "registration",
        "owner",
        "shares",
        "value",
    ];
    let s = &data.schedules;
    let mut body = Vec::new();
    for (kind, rows) in [("immovable", &s.immovable), ("movable", &s.movable)] {
        if !body.is_empty() {
            body.push(String::new());
        }
        body.push(shown.cell(Some(label(data, kind))));
        if rows.is_empty() {
            body.push(shown.cell(Some(label(data, "none"))));
            continue;
        }
        body.extend(shown.header_row(data, &columns));
        for r in rows.iter() {
            body.extend(asset_row(r, shown));
        }
    }
    if !s.totals.is_empty() {
        body.push(String::new());
    }
    for total in &s.totals {
        body.extend(shown.lines(total));
    }
    Part {
        key: "schedule-property".to_owned(),
        heading: shown.lines(label(data, "property")),
        body,
    }
}

fn asset_row(r: &AssetRow, shown: &Shown) -> Vec<String> {
    shown.rows(&[
        Cell::Pair(Some(&r.number)),
        Cell::Pair(Some(&r.description)),
        Cell::Code(r.registration.as_deref()),
        Cell::Pair(Some(&r.owner)),
        Cell::Pair(r.shares.as_ref()),
        Cell::Pair(r.value.as_ref()),
    ])
}

fn signatures_part(data: &LayoutData, shown: &Shown) -> Part {
    let signers = &data.signers;
    let named = |role: &Text, name: Option<&Text>| {
        let name = match name {
            Some(name) => shown.cell(Some(name)),
            None => "………………………………".to_owned(),
        };
        format!("{}: {name}", shown.cell(Some(role)))
    };
    let mut body = Vec::new();
    for (i, p) in signers.partners.iter().enumerate() {
        body.push(named(
            label(data, &format!("partner_{}", i + 1)),
            p.name.as_ref(),
        ));
    }
    if let Some(interpreter) = &signers.interpreter {
        body.push(named(label(data, "interpreter"), interpreter.name.as_ref()));
    }
    for w in &signers.witnesses {
        let mut line = named(label(data, "witness"), w.name.as_ref());
        if let Some(id) = &w.id {
            line.push_str(&format!(" — {}", shown.cell(Some(id))));
        }
        body.push(line);
    }
    for (seen, what, title, name) in [
        (
            "seen_confirmed",
            Some("confirmed_what"),
            "village_chief_title",
            &signers.village_chief,
        ),
        (
            "seen_certified",
            Some("certified_what"),
            "chief_title",
            &signers.chief,
        ),
    ] {
        let mut seen = shown.cell(Some(label(data, seen)));
        if let Some(what) = what.and_then(|w| data.labels.get(w)) {
            seen = format!("{seen} ({})", shown.cell(Some(what)));
        }
        body.push(format!(
            "{seen} — {}",
            named(label(data, title), name.as_ref())
        ));
    }
    Part {
        key: "signatures".to_owned(),
        heading: shown.lines(label(data, "signatures")),
        body,
    }
}
