//! The redline: the later version's layout model with the earlier version's removed words put back, marked to be struck through, and its added words marked to be underlined.

use super::fields::changed_value;
use super::words::{Segment, compare_words};
use super::{Difference, PartChange, aligned};
use crate::layout::model::{AssetRow, ChildRow, LayoutData, Redline, Signer};
use crate::layout::typeset::{ADDED_START, CHANGE_END, REMOVED_START};
use crate::locale::Text;
use crate::wording::set::Clause;
use std::collections::BTreeMap;

/// The redline of `old` against `new` (two layout models): `new` with every changed
/// word marked, removed paragraphs, clauses and rows put back struck through, and a
/// first page listing `difference`'s changed values (their fields named with
/// `field_words`, the form's `form_field_*` labels) and renumbered articles.
pub fn redline_model(
    old: &LayoutData,
    new: &LayoutData,
    difference: &Difference,
    field_words: &BTreeMap<String, Text>,
) -> LayoutData {
    let mut out = new.clone();
    for (name, label) in out.labels.iter_mut() {
        if let Some(was) = old.labels.get(name) {
            *label = pair(was, label);
        }
    }
    let h = &mut out.header;
    h.kingdom = pair(&old.header.kingdom, &h.kingdom);
    h.motto = pair(&old.header.motto, &h.motto);
    h.title = pair(&old.header.title, &h.title);
    out.clauses = clauses(&old.clauses, &new.clauses);
    let (o, n) = (&old.schedules, &mut out.schedules);
    n.children = matched(&o.children, &new.schedules.children, child_key, child);
    n.immovable = matched(&o.immovable, &new.schedules.immovable, asset_key, asset);
    n.movable = matched(&o.movable, &new.schedules.movable, asset_key, asset);
    n.totals = zip_longest(&o.totals, &new.schedules.totals)
        .map(|(a, b)| text_of(a, b))
        .collect();
    let (o, n) = (&old.signers, &mut out.signers);
    n.partners = zip_longest(&o.partners, &new.signers.partners)
        .map(|(a, b)| signer(a, b))
        .collect();
    n.witnesses = zip_longest(&o.witnesses, &new.signers.witnesses)
        .map(|(a, b)| signer(a, b))
        .collect();
    n.interpreter = match (&o.interpreter, &new.signers.interpreter) {
        (None, None) => None,
        (a, b) => Some(signer(a.as_ref(), b.as_ref())),
    };
    n.chief = optional(o.chief.as_ref(), new.signers.chief.as_ref());
    n.village_chief = optional(o.village_chief.as_ref(), new.signers.village_chief.as_ref());
    out.draft = false;
    out.attachment = None;
    out.printed = None;
    out.redline = Some(Redline {
        old_reference: old.reference.clone(),
        old_id: old.id.clone(),
        values: difference
            .data
            .iter()
            .map(|c| changed_value(c, field_words))
            .collect(),
        data_compared: difference.data_compared,
        renumbered: difference
            .wording
            .iter()
            .filter(|w| w.change == PartChange::Renumbered)
            .filter_map(|w| {
                let (was, now) = (&w.old.as_ref()?.heading, &w.new.as_ref()?.heading);
                let line = |i: usize| match (was.get(i), now.get(i)) {
                    (Some(a), Some(b)) => format!("{a} » {b}"),
                    _ => String::new(),
                };
                Some(Text {
                    km: line(0),
                    en: line(1),
                })
            })
            .collect(),
    });
    out
}

/// Segments as one marked string.
fn marks(segments: &[Segment]) -> String {
    let mut out = String::new();
    for s in segments {
        match s {
            Segment::Same(t) => out.push_str(t),
            Segment::Removed(t) => {
                out.push(REMOVED_START);
                out.push_str(t);
                out.push(CHANGE_END);
            }
            Segment::Added(t) => {
                out.push(ADDED_START);
                out.push_str(t);
                out.push(CHANGE_END);
            }
        }
    }
    out
}

/// `new` with its changes from `old` marked.
fn string(old: &str, new: &str) -> String {
    match old == new {
        true => new.to_owned(),
        false => marks(&compare_words(old, new)),
    }
}

/// A text in both languages with its changes marked.
fn pair(old: &Text, new: &Text) -> Text {
    Text {
        km: string(&old.km, &new.km),
        en: string(&old.en, &new.en),
    }
}

/// A text that may be in one version only: all added, all removed, or compared.
fn text_of(old: Option<&Text>, new: Option<&Text>) -> Text {
    let empty = Text::default();
    pair(old.unwrap_or(&empty), new.unwrap_or(&empty))
}

fn optional(old: Option<&Text>, new: Option<&Text>) -> Option<Text> {
    (old.is_some() || new.is_some()).then(|| text_of(old, new))
}

fn code(old: Option<&String>, new: Option<&String>) -> Option<String> {
    (old.is_some() || new.is_some()).then(|| {
        string(
            old.map_or("", String::as_str),
            new.map_or("", String::as_str),
        )
    })
}

/// Pairs of the items of two lists, by position, `None` past the shorter one's end.
fn zip_longest<'a, T>(
    a: &'a [T],
    b: &'a [T],
) -> impl Iterator<Item = (Option<&'a T>, Option<&'a T>)> {
    (0..a.len().max(b.len())).map(|i| (a.get(i), b.get(i)))
}

/// Two lists matched by `key` (a paragraph's text, a child's name): matched or
/// replaced items are compared by `both`, the others are all added or all removed.
fn matched<T>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> String,
    both: impl Fn(Option<&T>, Option<&T>) -> T,
) -> Vec<T> {
    let (a, b): (Vec<String>, Vec<String>) = (
        old.iter().map(&key).collect(),
        new.iter().map(&key).collect(),
    );
    aligned(&a, &b)
        .into_iter()
        .map(|(i, j)| both(i.map(|i| &old[i]), j.map(|j| &new[j])))
        .collect()
}

/// Paragraphs matched by their text: a changed one is compared word by word, a
/// removed one put back struck through.
fn paragraphs(old: &[String], new: &[String]) -> Vec<String> {
    matched(old, new, String::clone, |a, b| {
        string(a.map_or("", String::as_str), b.map_or("", String::as_str))
    })
}

/// The clauses of the redline: matched by their wording file's name; a removed clause
/// is put back where it was, struck through.
fn clauses(old: &[Clause], new: &[Clause]) -> Vec<Clause> {
    let mut out: Vec<Clause> = new
        .iter()
        .map(|n| {
            let empty = Vec::new();
            let was = old.iter().find(|o| o.id == n.id);
            let blank = Text::default();
            Clause {
                number: pair(was.map_or(&blank, |o| &o.number), &n.number),
                title: pair(was.map_or(&blank, |o| &o.title), &n.title),
                heading: pair(was.map_or(&blank, |o| &o.heading), &n.heading),
                km: paragraphs(was.map_or(&empty, |o| &o.km), &n.km),
                en: paragraphs(was.map_or(&empty, |o| &o.en), &n.en),
                ..n.clone()
            }
        })
        .collect();
    for (i, o) in old.iter().enumerate() {
        if new.iter().any(|n| n.id == o.id) {
            continue;
        }
        // After the clause it followed, if that one is still printed.
        let at = i
            .checked_sub(1)
            .and_then(|p| out.iter().position(|c| c.id == old[p].id))
            .map_or(0, |p| p + 1);
        let blank = Text::default();
        let gone = |t: &Text| pair(t, &blank);
        let struck = |ps: &[String]| paragraphs(ps, &[]);
        out.insert(
            at,
            Clause {
                number: gone(&o.number),
                title: gone(&o.title),
                heading: gone(&o.heading),
                km: struck(&o.km),
                en: struck(&o.en),
                ..o.clone()
            },
        );
    }
    out
}

fn child_key(r: &ChildRow) -> String {
    format!("{}\u{0}{}", r.name.km, r.name.en)
}

fn child(old: Option<&ChildRow>, new: Option<&ChildRow>) -> ChildRow {
    let t = |f: fn(&ChildRow) -> &Text| text_of(old.map(f), new.map(f));
    ChildRow {
        number: t(|r| &r.number),
        name: t(|r| &r.name),
        sex: t(|r| &r.sex),
        born: t(|r| &r.born),
        kind: t(|r| &r.kind),
        legal_parent: t(|r| &r.legal_parent),
        certificate: code(
            old.and_then(|r| r.certificate.as_ref()),
            new.and_then(|r| r.certificate.as_ref()),
        ),
    }
}

fn asset_key(r: &AssetRow) -> String {
    format!(
        "{}\u{0}{}",
        r.description.en,
        r.registration.as_deref().unwrap_or("")
    )
}

fn asset(old: Option<&AssetRow>, new: Option<&AssetRow>) -> AssetRow {
    let t = |f: fn(&AssetRow) -> &Text| text_of(old.map(f), new.map(f));
    let o = |f: fn(&AssetRow) -> Option<&Text>| optional(old.and_then(f), new.and_then(f));
    AssetRow {
        number: t(|r| &r.number),
        description: t(|r| &r.description),
        registration: code(
            old.and_then(|r| r.registration.as_ref()),
            new.and_then(|r| r.registration.as_ref()),
        ),
        owner: t(|r| &r.owner),
        shares: o(|r| r.shares.as_ref()),
        value: o(|r| r.value.as_ref()),
    }
}

fn signer(old: Option<&Signer>, new: Option<&Signer>) -> Signer {
    Signer {
        name: optional(
            old.and_then(|s| s.name.as_ref()),
            new.and_then(|s| s.name.as_ref()),
        ),
        id: optional(
            old.and_then(|s| s.id.as_ref()),
            new.and_then(|s| s.id.as_ref()),
        ),
    }
}

impl crate::layout::render::Renderer {
    /// The redline of two declarations, both worded by this renderer's templates (what
    /// the form's Compare makes): [`Self::redline_pdf`] of their layout models, dated
    /// with the later one's date.
    pub fn redline_of(
        &self,
        old: &crate::input::declaration::Declaration,
        new: &crate::input::declaration::Declaration,
    ) -> Result<Vec<u8>, crate::layout::render::Error> {
        let options =
            crate::options::Options::default().languages(crate::options::Languages::KhmerEnglish);
        let (old_model, new_model) = (
            self.layout_model(old, &options)?,
            self.layout_model(new, &options)?,
        );
        let difference =
            super::between(Some(old.input()), &old_model, Some(new.input()), &new_model);
        let date = new.input().declaration.date.0;
        self.redline_pdf(&old_model, &new_model, &difference, Some(new), date)
    }

    /// The redline of two versions as a PDF: the later version (`new`, a layout model
    /// from [`super::Version::model`]) in the contract's own layout, every word removed
    /// since `old` struck through and every word added underlined, both languages; a
    /// first page lists `difference`'s changed values, with their fields named in the
    /// form's words for `declaration` (the later version's, when it has data), and the
    /// renumbered articles; every footer names both versions' references and IDs.
    /// Never archival, no data attached, marked as a redline on every page and saying
    /// it is not a contract. `date` is the PDF's date.
    pub fn redline_pdf(
        &self,
        old: &LayoutData,
        new: &LayoutData,
        difference: &Difference,
        declaration: Option<&crate::input::declaration::Declaration>,
        date: crate::locale::Date,
    ) -> Result<Vec<u8>, crate::layout::render::Error> {
        let words = match declaration {
            Some(d) => {
                let set = self.wording();
                let context = crate::wording::context::wording_context(
                    set,
                    d,
                    crate::options::Languages::KhmerEnglish,
                    false,
                )?;
                set.form_labels(&context)?
            }
            None => BTreeMap::new(),
        };
        let model = redline_model(old, new, difference, &words);
        let options = crate::options::Options::default()
            .languages(model.options.lang)
            .layout(model.options.layout)
            .copy(crate::options::CopyKind::Draft);
        self.lay_out_model(&model, date, &options)?.pdf()
    }
}
