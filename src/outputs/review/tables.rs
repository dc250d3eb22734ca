//! The review copy's schedules: the children and the property as pipe tables, a line per printed language.

use super::{Shown, Writer, label};
use crate::layout::model::{AssetRow, LayoutData};
use crate::locale::Text;

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
            .into_iter()
            .map(|lang| {
                let texts: Vec<&str> = cells
                    .iter()
                    .map(|cell| match cell {
                        Cell::Pair(Some(t)) => t.get(lang),
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

impl Writer<'_> {
    pub(super) fn children(&mut self) -> super::Part {
        let columns = [
            "number",
            "name",
            "sex",
            "born",
            "child_kind",
            "legal_parent",
            "certificate",
        ];
        let data = self.data;
        let mut body = self.shown.header_row(data, &columns);
        for (i, r) in data.schedules.children.iter().enumerate() {
            body.extend(self.page_break(&format!("row/children/{i}")));
            body.extend(self.shown.rows(&[
                Cell::Pair(Some(&r.number)),
                Cell::Pair(Some(&r.name)),
                Cell::Pair(Some(&r.sex)),
                Cell::Pair(Some(&r.born)),
                Cell::Pair(Some(&r.kind)),
                Cell::Pair(Some(&r.legal_parent)),
                Cell::Code(r.certificate.as_deref()),
            ]));
        }
        super::Part {
            key: "schedule-children".to_owned(),
            heading: self.shown.lines(label(data, "children")),
            body,
        }
    }

    pub(super) fn property(&mut self) -> super::Part {
        let columns = [
            "number",
            "description",
            "registration",
            "owner",
            "shares",
            "value",
        ];
        let data = self.data;
        let s = &data.schedules;
        let mut body = Vec::new();
        for (kind, rows) in [("immovable", &s.immovable), ("movable", &s.movable)] {
            if !body.is_empty() {
                body.push(String::new());
            }
            body.extend(self.page_break(&format!("block/{kind}")));
            body.push(self.shown.cell(Some(label(data, kind))));
            if rows.is_empty() {
                body.push(self.shown.cell(Some(label(data, "none"))));
                continue;
            }
            body.extend(self.shown.header_row(data, &columns));
            for (i, r) in rows.iter().enumerate() {
                body.extend(self.page_break(&format!("row/{kind}/{i}")));
                body.extend(asset_row(r, &self.shown));
            }
        }
        if !s.totals.is_empty() {
            body.push(String::new());
            body.extend(self.page_break("block/totals"));
        }
        for total in &s.totals {
            body.extend(self.shown.lines(total));
        }
        super::Part {
            key: "schedule-property".to_owned(),
            heading: self.shown.lines(label(data, "property")),
            body,
        }
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
