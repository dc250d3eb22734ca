//! The wording: Handlebars templates in both languages rendered to plain text per clause.
//! (How a file is cut into sections and what a section may use is `sections.rs`; the
//! helpers the templates call are in `helpers.rs`.)
//!
//! A wording file is split into sections by lines `=== NAME` before Handlebars sees it,
//! so no rendered value can open or close a section. Text before the first section is
//! a comment for the reader. A clause file has the sections `title.km`, `title.en`,
//! `km` and `en`, and optionally `schedule`, naming the schedule printed after the
//! clause (`children` or `property`); `labels.hbs` has a `NAME.km` and `NAME.en` pair
//! for each label; `formats.hbs` has such a pair for each format, rendered with a small
//! context of its own (`formats.rs`).
//! Each non-blank line of a rendered section is one paragraph; a clause whose two
//! sections render empty is left out, and the remaining clauses are numbered.

use crate::input::model::Text;
use crate::locale::{Lang, digits_in};
use crate::wording::formats::HeadingFormat;
use crate::wording::templates::Templates;
use handlebars::{Context, Handlebars, RenderError, RenderErrorReason, Template};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

pub(crate) use crate::wording::rendered::{Clause, Schedule, Wording};
use crate::wording::sections::{paragraphs, sandboxed, split_sections};

/// The prefix of the labels that are the form's words, not the contract's.
pub(crate) const FORM_LABELS: &str = "form_";

/// The file of formats: how the texts built of parts are put together.
const FORMATS: &str = "formats";

/// The formats every set must have, each with a `.km` and an `.en` section.
pub(crate) const REQUIRED_FORMATS: [&str; 5] =
    ["heading", "address", "id_line", "total", "withheld"];

/// A wording template that does not load or does not render.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("template {file}: {message}")]
pub struct WordingError {
    /// The template file, inside the set.
    pub file: String,
    /// What went wrong.
    pub message: String,
}

const CLAUSE_SECTIONS: [&str; 4] = ["title.km", "title.en", "km", "en"];

/// The optional section of a clause that names the schedule printed after it.
const SCHEDULE_SECTION: &str = "schedule";

/// The schedules a clause may name.
const SCHEDULES: [&str; 2] = ["children", "property"];

/// The wording templates of a set, compiled and ready to render.
#[derive(Debug)]
pub struct WordingSet {
    registry: Handlebars<'static>,
    /// The sections with no `{{` (most labels), kept as text: Handlebars would print
    /// them as they are, so compiling them (hundreds, each on every cold start) is
    /// work for nothing.
    plain: HashMap<String, String>,
    /// Clause file stems, in order, and whether each has a `schedule` section.
    clauses: Vec<(String, bool)>,
    /// Label names, in order.
    labels: Vec<String>,
}

impl WordingSet {
    /// Compiles every `wording/*.hbs` file of `templates` in strict mode.
    pub fn compile(templates: &Templates) -> Result<WordingSet, WordingError> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(handlebars::no_escape);
        crate::wording::helpers::register(&mut registry);
        let mut clauses = Vec::new();
        let mut labels = Vec::new();
        let mut plain = HashMap::new();
        // Sections with `{{`, compiled after the loop, in parallel (Handlebars takes
        // about a million instructions per section: half of a cold start's own work).
        let mut templated = Vec::new();
        for file in &templates.files {
            let Some(name) = file
                .path
                .strip_prefix("wording/")
                .and_then(|n| n.strip_suffix(".hbs"))
            else {
                continue;
            };
            let error = |message: String| WordingError {
                file: file.path.clone(),
                message,
            };
            let sections = split_sections(&file.text).map_err(error)?;
            let is_labels = name == "labels";
            let is_formats = name == FORMATS;
            for (section, body) in &sections {
                sandboxed(body).map_err(|m| error(format!("section `{section}`: {m}")))?;
                if (is_labels || is_formats)
                    && !(section.ends_with(".km") || section.ends_with(".en"))
                {
                    return Err(error(format!("section `{section}` must end in .km or .en")));
                }
                if !is_labels
                    && !is_formats
                    && !CLAUSE_SECTIONS.contains(&section.as_str())
                    && section != SCHEDULE_SECTION
                {
                    return Err(error(format!(
                        "unknown section `{section}`; a clause has the sections {} and optionally `{SCHEDULE_SECTION}`",
                        CLAUSE_SECTIONS.join(", ")
                    )));
                }
                let key = format!("{name}/{section}");
                match body.contains("{{") {
                    true => templated.push((key, body.clone(), file, section.clone())),
                    false => _ = plain.insert(key, body.clone()),
                }
            }
            if is_formats {
                let has = |s: &str| sections.iter().any(|(n, _)| n == s);
                for format in REQUIRED_FORMATS {
                    for lang in ["km", "en"] {
                        if !has(&format!("{format}.{lang}")) {
                            return Err(error(format!(
                                "the format `{format}` needs a `=== {format}.{lang}` section"
                            )));
                        }
                    }
                }
            } else if is_labels {
                // Looked up by name: a set has hundreds of labels.
                let names: std::collections::HashSet<&str> =
                    sections.iter().map(|(s, _)| s.as_str()).collect();
                let mut seen = std::collections::HashSet::new();
                for (section, _) in &sections {
                    let label = section.trim_end_matches(".km").trim_end_matches(".en");
                    let has = |lang: &str| names.contains(format!("{label}.{lang}").as_str());
                    if !has("km") || !has("en") {
                        return Err(error(format!(
                            "label `{label}` needs both `{label}.km` and `{label}.en`"
                        )));
                    }
                    if seen.insert(label) {
                        labels.push(label.to_owned());
                    }
                }
            } else {
                if let Some(missing) = CLAUSE_SECTIONS
                    .iter()
                    .find(|s| !sections.iter().any(|(n, _)| n == *s))
                {
                    return Err(error(format!("the clause has no `=== {missing}` section")));
                }
                let has_schedule = sections.iter().any(|(n, _)| n == SCHEDULE_SECTION);
                clauses.push((name.to_owned(), has_schedule));
            }
        }
        use rayon::prelude::*;
        let compiled: Vec<_> = templated
            .par_iter()
            .map(|(key, body, _, _)| Template::compile_with_name(body, key.clone()))
            .collect();
        for ((key, _, file, section), template) in templated.iter().zip(compiled) {
            let template = template.map_err(|e| WordingError {
                file: file.path.clone(),
                message: format!("section `{section}`: {e}"),
            })?;
            registry.register_template(key, template);
        }
        Ok(WordingSet {
            registry,
            plain,
            clauses,
            labels,
        })
    }

    /// The format `name` of `wording/formats.hbs`, rendered in each language with the
    /// context `context` gives for it (one of the structs of [`crate::wording::formats`]).
    pub fn format<C: Serialize>(
        &self,
        name: &str,
        context: impl Fn(Lang) -> C,
    ) -> Result<Text, WordingError> {
        let render = |lang: Lang, code: &str| {
            let data = serde_json::to_value(context(lang)).expect("a format's context serialises");
            self.section(&Context::from(data), FORMATS, &format!("{name}.{code}"))
                .map(|t| paragraphs(&t).join(" "))
        };
        Ok(Text {
            km: render(Lang::Km, "km")?,
            en: render(Lang::En, "en")?,
        })
    }

    /// The labels of the form (`dfr serve`), rendered with `context`: the `form_*`
    /// labels, which the contract itself never prints.
    pub fn form_labels(&self, context: &Value) -> Result<BTreeMap<String, Text>, WordingError> {
        self.labels(&Context::from(context.clone()), true)
    }

    /// The labels rendered with `ctx`: the form's (`form_*`) or the contract's.
    fn labels(&self, ctx: &Context, form: bool) -> Result<BTreeMap<String, Text>, WordingError> {
        let mut labels = BTreeMap::new();
        for label in self
            .labels
            .iter()
            .filter(|l| l.starts_with(FORM_LABELS) == form)
        {
            let km = paragraphs(&self.section(ctx, "labels", &format!("{label}.km"))?).join(" ");
            let en = paragraphs(&self.section(ctx, "labels", &format!("{label}.en"))?).join(" ");
            labels.insert(label.clone(), Text { km, en });
        }
        Ok(labels)
    }

    /// Renders every label of the contract, then every clause with the labels added to
    /// `context` as `labels`.
    pub fn render(&self, context: &Value) -> Result<Wording, WordingError> {
        // One Handlebars context for all sections: wrapping the data for each of the
        // ~80 sections would copy it each time.
        let labels = self.labels(&Context::from(context.clone()), false)?;
        let mut context = context.clone();
        // `articles.NAME` is a clause's number, known only once the clauses that print
        // are counted: a mark stands in for it until then.
        let articles: serde_json::Map<String, Value> = self
            .clauses
            .iter()
            .map(|(id, _)| (article_name(id), Value::from(article_mark(id))))
            .collect();
        if let Some(map) = context.as_object_mut() {
            map.insert(
                "labels".to_owned(),
                serde_json::to_value(&labels).expect("labels serialise"),
            );
            map.insert("articles".to_owned(), Value::Object(articles));
        }
        let ctx = Context::from(context);
        let render = |file: &str, section: &str| self.section(&ctx, file, section);
        let mut clauses: Vec<Clause> = Vec::new();
        for (id, has_schedule) in &self.clauses {
            let km = paragraphs(&render(id, "km")?);
            let en = paragraphs(&render(id, "en")?);
            if km.is_empty() && en.is_empty() {
                continue;
            }
            let schedule = match has_schedule {
                true => Some(paragraphs(&render(id, SCHEDULE_SECTION)?).join(" ")),
                false => None,
            }
            .filter(|s| !s.is_empty());
            let schedule = match schedule {
                None => None,
                Some(name) => match Schedule::named(&name) {
                    Some(schedule) => Some(schedule),
                    None => {
                        return Err(WordingError {
                            file: format!("wording/{id}.hbs"),
                            message: format!(
                                "section `{SCHEDULE_SECTION}`: `{name}` is not a schedule; write {}",
                                SCHEDULES.join(" or ")
                            ),
                        });
                    }
                },
            };
            let n = (clauses.len() + 1).to_string();
            let number = Text {
                km: digits_in(&n, Lang::Km),
                en: n,
            };
            let title = Text {
                km: paragraphs(&render(id, "title.km")?).join(" "),
                en: paragraphs(&render(id, "title.en")?).join(" "),
            };
            let article = labels.get("article").cloned().unwrap_or_default();
            clauses.push(Clause {
                id: id.clone(),
                heading: self.format("heading", |lang| HeadingFormat {
                    article: article.get(lang).to_owned(),
                    number: number.get(lang).to_owned(),
                    title: title.get(lang).to_owned(),
                })?,
                number,
                title,
                km,
                en,
                schedule,
            });
        }
        let numbers: Vec<(String, Text)> = clauses
            .iter()
            .map(|c| (article_mark(&c.id), c.number.clone()))
            .collect();
        for clause in &mut clauses {
            for (lang, paragraphs) in [(Lang::Km, &mut clause.km), (Lang::En, &mut clause.en)] {
                for p in paragraphs.iter_mut() {
                    for (mark, number) in &numbers {
                        if p.contains(mark.as_str()) {
                            *p = p.replace(mark.as_str(), number.get(lang));
                        }
                    }
                    if let Some(start) = p.find(MARK_OPEN) {
                        let name: String = p[start + MARK_OPEN.len_utf8()..]
                            .chars()
                            .take_while(|&c| c != MARK_CLOSE)
                            .collect();
                        return Err(WordingError {
                            file: format!("wording/{}.hbs", clause.id),
                            message: format!(
                                "`articles.{name}` is the number of a clause that this contract does not print"
                            ),
                        });
                    }
                }
            }
        }
        Ok(Wording { labels, clauses })
    }
}

/// Marks the place of a clause's number (`articles.NAME`) until the clauses are numbered.
const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';

/// The name by which clauses refer to a clause: its file name without the leading
/// number, with `_` for `-` (`07-death-and-incapacity` → `death_and_incapacity`).
fn article_name(id: &str) -> String {
    id.trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches('-')
        .replace('-', "_")
}

fn article_mark(id: &str) -> String {
    format!("{MARK_OPEN}{}{MARK_CLOSE}", article_name(id))
}

impl WordingSet {
    /// Renders one section of a wording file.
    fn section(&self, ctx: &Context, file: &str, section: &str) -> Result<String, WordingError> {
        let name = format!("{file}/{section}");
        if let Some(text) = self.plain.get(&name) {
            return Ok(text.clone());
        }
        self.registry
            .render_with_context(&name, ctx)
            .map_err(|e| WordingError {
                file: format!("wording/{file}.hbs"),
                message: format!("section `{section}`: {}", describe(&e)),
            })
    }
}

/// A readable message for a render error, naming the missing variable in strict mode.
fn describe(e: &RenderError) -> String {
    match e.reason() {
        RenderErrorReason::MissingVariable(Some(name)) => {
            format!(
                "`{name}` is not a name in the data (line {})",
                e.line_no.unwrap_or(0)
            )
        }
        _ => {
            let line = e
                .line_no
                .map(|l| format!(" (line {l})"))
                .unwrap_or_default();
            format!("{}{line}", e.reason())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_split_before_handlebars() {
        let s = split_sections("comment\n=== km\nក\n=== en\nA {{x}}\n").unwrap();
        assert_eq!(
            s,
            vec![
                ("km".into(), "ក\n".into()),
                ("en".into(), "A {{x}}\n".into())
            ]
        );
        assert!(
            split_sections("=== km\n=== km\n")
                .unwrap_err()
                .contains("twice")
        );
    }

    #[test]
    fn paragraphs_are_non_blank_lines() {
        assert_eq!(paragraphs("  a \n\n   \nb\n"), vec!["a", "b"]);
    }
}
