//! The kit's documents laid out: each made with the set's view of it, from the same data, wording and checks as the contract.

use crate::input::declaration::Declaration;
use crate::layout::model::DocumentData;
use crate::layout::render::{Error, Renderer};
use crate::options::{Languages, Options};
use crate::wording::context::{context, wording_context};
use crate::wording::document_id::{document_id, kit_id};
use crate::wording::documents::{Audience, CONTRACT, DocumentKind, Subject, documents, view};
use serde_json::Value;

impl Renderer {
    /// Every document of the template set, the contract first: what each is, for whom
    /// copies are made and which fields it prints (from each `document.toml`).
    pub fn documents(&self) -> Result<Vec<DocumentKind>, Error> {
        let kinds = self
            .kinds
            .get_or_init(|| documents(self.templates()).map_err(|e| e.message));
        kinds.clone().map_err(Error::Document)
    }

    /// The document `name` of the set, or an error naming those there are.
    fn document(&self, name: &str) -> Result<DocumentKind, Error> {
        let kinds = self.documents()?;
        let names: Vec<&str> = kinds.iter().map(|k| k.name.as_str()).collect();
        let message = format!(
            "the template set has no document {name:?}; it has {}",
            names.join(", ")
        );
        kinds
            .iter()
            .find(|k| k.name == name)
            .cloned()
            .ok_or(Error::Document(message))
    }

    /// The copies of the document `name` that `declaration` calls for, in order: one
    /// for the couple or the authority, one per partner, one per child who is a minor;
    /// none when the document's `when` field is false (a medical card without
    /// `medical-decisions`) or a minor child's letter has no minor child to be about.
    pub fn copies(&self, declaration: &Declaration, name: &str) -> Result<Vec<Subject>, Error> {
        let kind = self.document(name)?;
        let context = wording_context(self.wording(), declaration, Languages::default(), false)?;
        if let Some(when) = &kind.when
            && !truth(&context, when).ok_or_else(|| {
                Error::Document(format!(
                    "documents/{name}/document.toml: `when` names {when:?}, which is no true-or-false field of the wording context (such as `terms.medical_decisions`)"
                ))
            })?
        {
            return Ok(Vec::new());
        }
        let input = declaration.input();
        Ok(match kind.audience {
            Audience::Couple | Audience::Authority => vec![Subject::Whole],
            Audience::Partner => (1..=input.partners.len()).map(Subject::Partner).collect(),
            Audience::MinorChild => {
                let children = context["children"].as_array().cloned().unwrap_or_default();
                children
                    .iter()
                    .filter(|c| c["minor"] == Value::Bool(true))
                    .filter_map(|c| c["number"].as_u64())
                    .map(|n| Subject::Child(n as usize))
                    .collect()
            }
        })
    }

    /// Renders the copy of the document `name` made for `subject` as PDF bytes, with
    /// the contract's footer, reference and checks; `contract` is the contract itself.
    /// A copy the declaration does not call for (see [`Renderer::copies`]) is an error.
    pub fn render_document(
        &self,
        declaration: &Declaration,
        options: &Options,
        name: &str,
        subject: Subject,
    ) -> Result<Vec<u8>, Error> {
        if name == CONTRACT {
            return self.render_pdf(declaration, options);
        }
        let kind = self.document(name)?;
        let copies = self.copies(declaration, name)?;
        if !copies.contains(&subject) {
            let made: Vec<String> = copies
                .iter()
                .map(|s| format!("{name}{}", s.suffix()))
                .collect();
            return Err(Error::Document(format!(
                "this declaration calls for no copy {name}{}; it calls for {}",
                subject.suffix(),
                if made.is_empty() {
                    "none".to_owned()
                } else {
                    made.join(", ")
                }
            )));
        }
        let renderer = Renderer::with_templates(view(self.templates(), name))?;
        let set = renderer.wording();
        let input = declaration.input();
        let mut context = context(
            set,
            declaration,
            options.languages,
            options.copy.is_redacted(),
        )?;
        // The partner a copy is for; a child's letter is written by the legal parent.
        let (holder, child) = match subject {
            Subject::Whole => (None, None),
            Subject::Partner(n) => (Some(n), None),
            Subject::Child(n) => {
                let parent = context.children.get(n - 1).map(|c| c.legal_parent as usize);
                (parent, Some(n))
            }
        };
        let partner = |n: usize| {
            n.checked_sub(1)
                .and_then(|i| context.partners.get(i))
                .cloned()
        };
        context.holder = holder.and_then(partner);
        context.other = context.holder.as_ref().and_then(|h| partner(h.other));
        context.child = child.and_then(|n| context.children.get(n - 1).cloned());
        let data = DocumentData {
            name: kind.name.clone(),
            title: kind.title.clone(),
            audience: kind.audience,
            holder,
            other: context.holder.as_ref().map(|h| h.other),
            child,
            contract_id: document_id(input, self.templates()),
        };
        context.contract_id = Some(data.contract_id.clone());
        let context = serde_json::to_value(context).expect("the wording context serialises");
        let wording = set.render(&context)?;
        let mut model =
            crate::layout::model::build(set, renderer.templates(), declaration, options, wording)?;
        let copy = format!("{name}{}", subject.suffix());
        model.id = kit_id(input, renderer.templates(), options, &copy);
        // A document of the kit carries no data: the contract's final copy does.
        model.attachment = None;
        model.printed = None;
        model.document = Some(data);
        renderer
            .lay_out_model(&model, input.declaration.date.0, options)?
            .pdf()
    }
}

/// The value at the dotted `path` of the wording context, when it is true or false.
fn truth(context: &Value, path: &str) -> Option<bool> {
    path.split('.')
        .try_fold(context, |value, key| value.get(key))?
        .as_bool()
}
