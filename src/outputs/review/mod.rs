//! The review copy: the contract as plain UTF-8 text, read from the layout data the PDF prints.
//!
//! Every string here comes from the same layout model (`layout/model.rs`) that the
//! Typst layout reads as `/data.json`, finished, so the review copy says exactly what
//! the PDF says: clause by clause, each Khmer paragraph followed by its English one,
//! one paragraph per line (nothing is wrapped, so a lawyer can copy a whole paragraph);
//! the schedules as pipe tables with a Khmer and an English line per row; the
//! signature blocks with every blank, box and label; the footer. With `--pages` the
//! page breaks fall where the PDF's do, each page closed by its footer.

mod shown;
mod signatures;
mod tables;

use crate::input::declaration::Declaration;
use crate::layout::model::LayoutData;
use crate::layout::pages::PageMap;
use crate::layout::render::{Error, Renderer};
use crate::locale::{Lang, digits_in};
use crate::options::{Languages, Options};
use crate::wording::set::Schedule;
use shown::{Shown, label};

/// One part of the contract: the header, a clause, a schedule, the date, the signatures
/// or the footer.
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

    /// The review copy page by page: as [`Renderer::review_text`], with each page's
    /// footer and a page break where the PDF has one (the declaration is laid out to
    /// find them).
    pub fn review_text_by_page(
        &self,
        declaration: &Declaration,
        options: &Options,
    ) -> Result<String, Error> {
        let data = self.layout_model(declaration, options)?;
        let pages = self.lay_out_data(&data, declaration, options)?.page_map();
        Ok(to_text(
            &Writer::new(&data, options.languages, Some(&pages)).parts(),
        ))
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

/// The parts of the contract described by `data`, the layout model (without page breaks).
#[doc(hidden)]
pub fn parts_of(data: &LayoutData, languages: Languages) -> Vec<Part> {
    Writer::new(data, languages, None).parts()
}

/// Joins parts into one text, with a blank line and a rule between parts.
pub fn to_text(parts: &[Part]) -> String {
    let texts: Vec<String> = parts.iter().map(Part::text).collect();
    texts.join("\n────────────────\n\n")
}

/// Writes the parts in printed order and, given where the PDF's pages break, closes
/// each page with its footer before the first block of the next.
struct Writer<'a> {
    data: &'a LayoutData,
    shown: Shown,
    pages: Option<&'a PageMap>,
    /// The page being written (from 1).
    page: usize,
}

impl<'a> Writer<'a> {
    fn new(data: &'a LayoutData, languages: Languages, pages: Option<&'a PageMap>) -> Self {
        Writer {
            data,
            shown: Shown {
                km: languages != Languages::English,
                en: languages != Languages::Khmer,
            },
            pages,
            page: 1,
        }
    }

    fn parts(mut self) -> Vec<Part> {
        let data = self.data;
        let mut parts = vec![self.header()];
        let s = &data.schedules;
        // Page by page, a stacked clause is written as printed: its Khmer paragraphs,
        // then its English ones; otherwise each Khmer paragraph is followed by its
        // English one (side by side in the parallel layout).
        let stacked = self.pages.is_some()
            && self.shown.km
            && self.shown.en
            && data.options.layout == crate::options::Layout::Stacked;
        for (n, clause) in data.clauses.iter().enumerate() {
            let mut body = Vec::new();
            // Each block of paragraphs printed together, in order: (language, paragraph).
            let mut blocks: Vec<Vec<(Lang, &String)>> = Vec::new();
            let both = [
                (Lang::Km, self.shown.km, &clause.km),
                (Lang::En, self.shown.en, &clause.en),
            ];
            if stacked {
                for (lang, _, texts) in both {
                    blocks.extend(texts.iter().map(|t| vec![(lang, t)]));
                }
            } else {
                for i in 0..clause.km.len().max(clause.en.len()) {
                    blocks.push(
                        both.iter()
                            .filter(|(_, on, _)| *on)
                            .filter_map(|(lang, _, texts)| Some((*lang, texts.get(i)?)))
                            .collect(),
                    );
                }
            }
            let mut index = [0usize; 2];
            for (b, block) in blocks.into_iter().enumerate() {
                let Some(&(lang, _)) = block.first() else {
                    continue;
                };
                let slot = usize::from(lang == Lang::En);
                let key = format!("para/{}/{n}/{}", lang.code(), index[slot]);
                for (lang, _) in &block {
                    index[usize::from(*lang == Lang::En)] += 1;
                }
                let breaks = self.page_break(&key);
                // The first paragraph's page break goes before the heading.
                if b > 0 {
                    body.push(String::new());
                    body.extend(breaks.clone());
                }
                body.extend(block.into_iter().map(|(_, text)| text.clone()));
                if b == 0 && !breaks.is_empty() {
                    parts.last_mut().expect("the header").body.extend(breaks);
                }
            }
            parts.push(Part {
                key: clause.id.clone(),
                heading: self.shown.lines(&clause.heading),
                body,
            });
            let schedule = match clause.schedule {
                Some(Schedule::Children) if !s.children.is_empty() => Some("children"),
                Some(Schedule::Property) if !(s.immovable.is_empty() && s.movable.is_empty()) => {
                    Some("property")
                }
                _ => None,
            };
            if let Some(schedule) = schedule {
                let breaks = self.page_break(&format!("block/{schedule}"));
                parts.last_mut().expect("the clause").body.extend(breaks);
                parts.push(match schedule {
                    "children" => self.children(),
                    _ => self.property(),
                });
            }
        }
        parts.push(self.date());
        parts.push(self.signatures());
        match self.pages {
            Some(pages) => {
                let last = parts.last_mut().expect("the signatures");
                last.body.push(String::new());
                last.body.push(self.footer_of(self.page, pages));
            }
            None => parts.push(self.footer()),
        }
        parts
    }

    /// The lines that end the page being written and start the next, if the block
    /// marked `key` is printed on a later page (none without `--pages`).
    fn page_break(&mut self, key: &str) -> Vec<String> {
        let Some(pages) = self.pages else {
            return Vec::new();
        };
        let Some(&page) = pages.blocks.get(key) else {
            return Vec::new();
        };
        let mut lines = Vec::new();
        while self.page < page {
            lines.push(self.footer_of(self.page, pages));
            self.page += 1;
            lines.push(String::new());
            lines.push(format!(
                "════════ {} ════════",
                self.page_number(self.page, pages.count)
            ));
            lines.push(String::new());
        }
        lines
    }

    /// "ទំព័រ ២/៥ · Page 2 of 5", as the footer prints it.
    fn page_number(&self, page: usize, count: usize) -> String {
        let (p, of) = (label(self.data, "page"), label(self.data, "page_of"));
        let mut out = Vec::new();
        if self.shown.km {
            let km = |n: usize| digits_in(&n.to_string(), Lang::Km);
            out.push(format!("{} {}{}{}", p.km, km(page), of.km, km(count)));
        }
        if self.shown.en {
            out.push(format!("{} {page} {} {count}", p.en, of.en));
        }
        out.join(" · ")
    }

    /// A page's footer on one line, as printed: the reference, the document ID, the
    /// marks of a copy that is not final, the initials boxes (not on the page the
    /// partners sign in full), the page number.
    fn footer_of(&self, page: usize, pages: &PageMap) -> String {
        let mut pieces = vec![self.data.reference.clone(), self.document_id()];
        pieces.extend(self.marks());
        if pages.partners_sign != Some(page) {
            pieces.push(self.initials());
        }
        pieces.push(self.page_number(page, pages.count));
        format!("┄ {}", pieces.join(" · "))
    }

    /// "លេខសម្គាល់ឯកសារ / Document ID 2VYT-35AT-F3F8".
    fn document_id(&self) -> String {
        let id = label(self.data, "document_id");
        format!("{} {}", self.shown.cell(Some(id)), self.data.id)
    }

    /// "ហត្ថលេខាខ្លី / Initials: [១] [២]": the boxes both partners initial.
    fn initials(&self) -> String {
        let number = |n: usize| match self.shown.km {
            true => digits_in(&n.to_string(), Lang::Km),
            false => n.to_string(),
        };
        format!(
            "{}: [{}] [{}]",
            self.shown.cell(Some(label(self.data, "initials"))),
            number(1),
            number(2)
        )
    }

    /// The footer's marks of a copy that is not final, as the footer prints them.
    fn marks(&self) -> Vec<String> {
        self.mark_names()
            .into_iter()
            .map(|name| {
                let pair = label(self.data, name);
                let mut words = Vec::new();
                if self.shown.km {
                    words.push(pair.km.clone());
                }
                if self.shown.en {
                    words.push(pair.en.to_lowercase());
                }
                words.join(" · ")
            })
            .collect()
    }

    /// The marks of a copy that is not final: a draft, a redacted copy, and an
    /// English-only copy, a translation for information (`main.typ` marks it so).
    fn mark_names(&self) -> Vec<&'static str> {
        let translation = self.shown.en && !self.shown.km;
        [
            ("draft", self.data.draft),
            ("redacted", self.data.redacted),
            ("translation", translation),
        ]
        .into_iter()
        .filter_map(|(name, on)| on.then_some(name))
        .collect()
    }

    fn header(&self) -> Part {
        let (data, shown) = (self.data, &self.shown);
        let h = &data.header;
        let mut body = Vec::new();
        // The national header is in Khmer, or in English (capitals) when only English
        // is printed.
        for line in [&h.kingdom, &h.motto] {
            body.push(match shown.km {
                true => line.km.clone(),
                false => line.en.clone(),
            });
        }
        body.push(String::new());
        body.extend(shown.lines(&h.title));
        body.extend(shown.lines(label(data, "reference")));
        // The watermark across every page: English, then Khmer.
        for name in self.mark_names() {
            let pair = label(data, name);
            let mut words = Vec::new();
            if shown.en || !shown.km {
                words.push(pair.en.as_str());
            }
            if shown.km {
                words.push(pair.km.as_str());
            }
            body.push(words.join(" · "));
        }
        Part {
            key: "header".to_owned(),
            heading: Vec::new(),
            body,
        }
    }

    /// The date block: the lunar date line (Khmer only) and the place and date.
    fn date(&mut self) -> Part {
        let mut body = self.page_break("block/date");
        for lang in self.shown.langs() {
            for name in ["lunar_date", "made_at"] {
                let line = label(self.data, name).get(lang);
                if !line.is_empty() {
                    body.push(line.to_owned());
                }
            }
        }
        Part {
            key: "date".to_owned(),
            heading: Vec::new(),
            body,
        }
    }

    /// The footer every page prints, once (without `--pages`): the reference, the
    /// document ID, the marks and the initials boxes.
    fn footer(&self) -> Part {
        let mut body = vec![self.data.reference.clone(), self.document_id()];
        body.extend(self.marks());
        body.push(format!(
            "{} ({})",
            self.initials(),
            self.shown.cell(Some(label(self.data, "initials_where")))
        ));
        Part {
            key: "footer".to_owned(),
            heading: self.shown.lines(label(self.data, "footer")),
            body,
        }
    }
}
