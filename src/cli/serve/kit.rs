//! The couple's kit in the form: the copies of each document that the form's data calls for.

use super::convert::toml_text;
use super::replies::Failure;
use super::state::State;
use super::{Reply, requests};
use dfr::wording::documents::is_document_name;
use dfr::{Subject, input::model::Text};
use serde::Serialize;

/// One copy the summary offers to make.
#[derive(Debug, Serialize)]
pub struct Copy {
    /// The document's name (`medical-card`).
    pub document: String,
    /// For whom: `` (the couple or the authority), `partner-1`, `child-2`.
    pub copy: String,
    /// The document's title.
    pub title: Text,
    /// What it is for.
    pub about: Text,
    /// The person it is made for, when it is made for each partner or child.
    pub person: Option<Text>,
}

/// The answer to `POST /api/kit`.
#[derive(Debug, Serialize)]
pub struct Kit {
    /// Every copy of every document of the kit (the contract left out: the form's own
    /// buttons make it), in the set's order.
    pub copies: Vec<Copy>,
}

/// `POST /api/kit`: the copies of the kit's documents that the form's data calls for;
/// `422` with the problems when the data is not valid yet.
pub fn copies(state: &State, request: &requests::Kit) -> Reply {
    let text = match toml_text(&request.data) {
        Ok(t) => t,
        Err(reply) => return reply,
    };
    let checked = dfr::check_copy(&text, dfr::CopyKind::Draft);
    let Some(declaration) = &checked.declaration else {
        return Reply::json(
            422,
            &Failure {
                error: "fix the problems shown first".to_owned(),
                reason: Some("fix-first"),
                diagnostics: Some(super::replies::problems(&checked)),
            },
        );
    };
    let kinds = match state.renderer.documents() {
        Ok(kinds) => kinds,
        Err(e) => return Reply::error(500, format!("the templates failed: {e}")),
    };
    let input = declaration.input();
    let mut copies = Vec::new();
    for kind in kinds.iter().filter(|k| k.name != dfr::CONTRACT) {
        let subjects = match state.renderer.copies(declaration, &kind.name) {
            Ok(subjects) => subjects,
            Err(e) => return Reply::error(500, format!("the templates failed: {e}")),
        };
        for subject in subjects {
            let person = match subject {
                Subject::Partner(n) => input.partners.get(n - 1).map(|p| p.name.clone()),
                Subject::Child(n) => input.children.get(n - 1).map(|c| c.name.clone()),
                _ => None,
            };
            copies.push(Copy {
                document: kind.name.clone(),
                copy: subject.name(),
                title: kind.title.clone(),
                about: kind.about.clone(),
                person,
            });
        }
    }
    Reply::json(200, &Kit { copies })
}

/// The document and copy a produce request names, when the names are well formed (a
/// document of another set, or a copy the data does not call for, is refused when made).
pub fn named(request: &requests::Produce) -> Option<(&str, Subject)> {
    let document = request
        .document
        .as_deref()
        .filter(|d| is_document_name(d))?;
    let subject = Subject::from_name(request.copy.as_deref().unwrap_or_default())?;
    Some((document, subject))
}
