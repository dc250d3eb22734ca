//! The typed layout model: everything the Typst layout reads as `/data.json`, as finished text.
//!
//! The layout (`main.typ`) only places these texts and the review copy (`outputs/review.rs`)
//! only writes them out: every decision about what is printed (a clause's heading, a
//! table cell's label, the property total, the blank witness blocks, the capitals of
//! an English-only header) is made once, here. The field lines below are the reference
//! of what a template set may read; `templates/README.md` is generated from them
//! ([`crate::layout::template_reference`]), and a test keeps it current.

use crate::input::declaration::Declaration;
use crate::input::model::{AuthorityKind, IdDocument, IdKind, Text};
use crate::layout::schedule_rows::schedules;
pub(crate) use crate::layout::schedule_rows::{AssetRow, ChildRow, Schedules};
use crate::options::{Languages, Layout, Options};
use crate::wording::document_id::{copy_id, normalised_toml};
use crate::wording::formats::IdLineFormat;
use crate::wording::redact::shown_number;
use crate::wording::set::{Clause, Wording, WordingError, WordingSet};
use crate::wording::templates::Templates;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the layout reads as `/data.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LayoutData {
    /// The printed languages and their arrangement.
    pub options: PrintOptions,
    /// The organisation's reference, printed in the header and in every footer.
    pub reference: String,
    /// The local authority: `commune` (ឃុំ) or `sangkat` (សង្កាត់).
    pub authority_kind: AuthorityKind,
    /// Every label of `wording/labels.hbs`, by name (`title`, `page`, `witness`…).
    pub labels: BTreeMap<String, Text>,
    /// The national header and the title, as printed.
    pub header: Header,
    /// The clauses, in order.
    pub clauses: Vec<Clause>,
    /// The rows of the schedules and the property total.
    pub schedules: Schedules,
    /// Who signs: the partners, the witnesses and the authority's chiefs.
    pub signers: Signers,
    /// The document ID printed in every footer (`ZF05-6HZJ-GK3Y`).
    pub id: String,
    /// A draft for review: watermarked, not archival, no data attached.
    pub draft: bool,
    /// A redacted copy: personal details reduced, watermarked, no data attached.
    pub redacted: bool,
    /// The data a final copy carries, as normalised TOML; `null` for other copies.
    pub attachment: Option<String>,
    /// What a draft or redacted copy prints: this layout model as JSON (with `printed`
    /// `null`), attached as `printed.json` so that `dfr diff` can compare two drafts
    /// word by word; `null` for a final copy, which carries its data instead.
    pub printed: Option<String>,
    /// Set only in a redline (`dfr diff --format pdf`): its first page and footer. Its
    /// texts mark removed words between U+E005 and U+E007 and added words between
    /// U+E006 and U+E007, which the layout strikes through and underlines.
    pub redline: Option<Redline>,
    /// Set only in a document of the kit (absent in the contract): which document, for whom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<DocumentData>,
}

/// What a document of the kit is, and for whom this copy is made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DocumentData {
    /// The document's name (`medical-card`).
    pub name: String,
    /// Its title, from its `document.toml`.
    pub title: Text,
    /// For whom copies are made: `couple`, `partner`, `minor-child` or `authority`.
    pub audience: crate::wording::documents::Audience,
    /// The partner this copy is for (1 or 2), or in a copy for a child, the child's
    /// legal parent; `null` in a copy for the couple or the authority.
    pub holder: Option<usize>,
    /// The other partner (1 or 2); `null` when `holder` is.
    pub other: Option<usize>,
    /// The child this copy is for (from 1, as in the schedule); `null` unless made for
    /// each minor child.
    pub child: Option<usize>,
    /// The contract's document ID, which the document names.
    pub contract_id: String,
}

/// A redline's first page and the earlier version its footer names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Redline {
    /// The earlier version's reference, printed before the later one's in every footer.
    pub old_reference: String,
    /// The earlier version's document ID, printed before the later one's.
    pub old_id: String,
    /// Each changed value: the field in words, its value before and after (`–` for none);
    /// empty when the versions compared carry no data (two drafts).
    pub values: Vec<ChangedValue>,
    /// Whether the data was compared (else only the printed text).
    pub data_compared: bool,
    /// The articles only renumbered: old heading → new heading.
    pub renumbered: Vec<Text>,
}

/// A changed value on a redline's first page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ChangedValue {
    /// The field, in the form's words: `ដៃគូ ១ › មុខរបរ` / `Partner 1 › Occupation`.
    pub field: Text,
    /// The value before, as typed (`–` for none).
    pub was: String,
    /// The value after, as typed (`–` for none).
    pub now: String,
}

/// The printed languages and their arrangement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PrintOptions {
    /// The languages printed.
    pub lang: Languages,
    /// How the two languages are arranged.
    pub layout: Layout,
}

/// The national header and the title; the English lines are in capitals, as printed
/// (the kingdom and motto in English only when Khmer is not printed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Header {
    /// ព្រះរាជាណាចក្រកម្ពុជា / KINGDOM OF CAMBODIA.
    pub kingdom: Text,
    /// ជាតិ សាសនា ព្រះមហាក្សត្រ / NATION RELIGION KING.
    pub motto: Text,
    /// The contract's title.
    pub title: Text,
}

/// The signature blocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Signers {
    /// The two partners, partner 1 first.
    pub partners: Vec<Signer>,
    /// The witnesses; two blank blocks (no name) when none are given.
    pub witnesses: Vec<Signer>,
    /// The commune or sangkat chief's name; `null` prints a blank line.
    pub chief: Option<Text>,
    /// The village chief's name; `null` prints a blank line.
    pub village_chief: Option<Text>,
    /// The interpreter, when one translated the declaration for a partner.
    pub interpreter: Option<Signer>,
}

/// One signature block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Signer {
    /// The signer's name; `null` for a blank block to fill in by hand.
    pub name: Option<Text>,
    /// A witness's ID document line: `ID card No. 010987654`.
    pub id: Option<Text>,
}

/// The layout model of `declaration` with its rendered `wording`.
pub(crate) fn build(
    set: &WordingSet,
    templates: &Templates,
    declaration: &Declaration,
    options: &Options,
    wording: Wording,
) -> Result<LayoutData, WordingError> {
    let input = declaration.input();
    let labels = wording.labels;
    let label = |name: &str| labels.get(name).cloned().unwrap_or_default();
    let id_line = |doc: &IdDocument| {
        let name = match doc.kind {
            IdKind::NationalId => "id_number",
            IdKind::Passport => "passport_number",
        };
        let number = shown_number(&doc.number, options.copy.is_redacted());
        let l = label(name);
        set.format("id_line", |lang| IdLineFormat {
            label: l.get(lang).to_owned(),
            number: number.clone(),
        })
    };
    let mut witnesses: Vec<Signer> = input
        .witnesses
        .iter()
        .map(|w| {
            Ok(Signer {
                name: Some(w.name.clone()),
                id: Some(id_line(&w.id_document)?),
            })
        })
        .collect::<Result<_, WordingError>>()?;
    if witnesses.is_empty() {
        let blank = Signer {
            name: None,
            id: None,
        };
        witnesses = vec![blank.clone(), blank];
    }
    let authority = match options.copy.is_redacted() {
        true => crate::wording::redact::unnamed(input.local_authority()),
        false => input.local_authority(),
    };
    let capitals = |t: Text| Text {
        en: t.en.to_uppercase(),
        ..t
    };
    let mut data = LayoutData {
        options: PrintOptions {
            lang: options.languages,
            layout: options.layout,
        },
        reference: input.declaration.reference.clone(),
        authority_kind: authority.kind,
        header: Header {
            kingdom: capitals(label("kingdom")),
            motto: capitals(label("motto")),
            title: capitals(label("title")),
        },
        schedules: schedules(set, input, options.copy.is_redacted(), &label)?,
        signers: Signers {
            partners: input
                .partners
                .iter()
                .map(|p| Signer {
                    name: Some(p.name.clone()),
                    id: None,
                })
                .collect(),
            witnesses,
            chief: authority.chief,
            village_chief: authority.village_chief,
            interpreter: input.interpreter.as_ref().map(|i| Signer {
                name: Some(i.name.clone()),
                id: None,
            }),
        },
        clauses: wording.clauses,
        id: copy_id(input, templates, options),
        draft: options.copy.is_draft(),
        redacted: options.copy.is_redacted(),
        // A final copy carries its data; drafts and redacted copies carry none.
        attachment: options.is_final().then(|| normalised_toml(input)),
        labels,
        printed: None,
        redline: None,
        document: None,
    };
    if !options.is_final() {
        data.printed = Some(serde_json::to_string(&data).expect("the layout model serialises"));
    }
    Ok(data)
}
