//! The requests of `dfr serve` that read: the form and its schema, checks, previews, the
//! diff against the saved file, place search (the files' requests are in `files`).

use super::convert::*;
use super::state::*;
use super::{Reply, replies, requests};
use base64::Engine;
use dfr::Renderer;
use serde_json::Value;
use std::sync::atomic::Ordering;
use std::time::Instant;

/// `GET /api/form`: what the form is built from, and the data to fill it with.
pub fn form(state: &State, workspace: bool) -> Reply {
    let schema = super::convert::schema();
    let file = state.file();
    let (text, source) = match &file {
        Some(path) => match state.store.read_text(path) {
            Ok(text) => (text, "file"),
            Err(super::store::ReadError::Locked) => return super::workspace::locked(),
            Err(e) => return Reply::error(500, format!("cannot read the declaration: {e}")),
        },
        None => (
            zeroize::Zeroizing::new(dfr::input::starter::STARTER.to_owned()),
            "starter",
        ),
    };
    let data = match text.parse::<toml::Table>() {
        Ok(table) => to_json(&toml::Value::Table(table)),
        Err(e) => {
            return Reply::error(500, format!("the declaration is not TOML: {}", e.message()));
        }
    };
    let recovery = state
        .store
        .read_text(&recovery_of(file.as_deref()))
        .ok()
        .filter(|r| !same_data(r, &text))
        .and_then(|r| r.parse::<toml::Table>().ok())
        .map(|t| to_json(&toml::Value::Table(t)));
    if recovery.is_some() {
        state.recovery_offered.store(true, Ordering::SeqCst);
    }
    let view = dfr::wording::form::FormView::of(state.renderer.templates()).unwrap_or_default();
    Reply::json(
        200,
        &replies::Form {
            schema,
            labels: labels(),
            // Where the preview scrolls while a field is edited, and each field's help,
            // as the template set says.
            scroll: view.scroll,
            help: view.help,
            data,
            source,
            file: file.as_ref().map(|p| p.display().to_string()),
            workspace,
            encrypted: state.store.is_encrypted(),
            lock_after: state.store.lock_after.as_secs(),
            recovery,
            // The starter's comments are the format's, not the user's.
            had_comments: source == "file"
                && text
                    .lines()
                    .any(|l| l.trim_start().starts_with('#') || l.contains(" #")),
        },
    )
}

/// The labels of the built-in wording in both languages (the interface's words come
/// from there too, the `form_*` labels), worded for the starter declaration: the same
/// for every request, so made once.
fn labels() -> &'static Value {
    static LABELS: std::sync::LazyLock<Value> = std::sync::LazyLock::new(worded_labels);
    &LABELS
}

fn worded_labels() -> Value {
    let starter = dfr::check_copy(dfr::input::starter::STARTER, dfr::CopyKind::Draft).declaration;
    let rendered = starter.and_then(|declaration| {
        let renderer = Renderer::new();
        let set = renderer.wording();
        let context = dfr::wording::context::wording_context(
            set,
            &declaration,
            dfr::Languages::default(),
            false,
        )
        .ok()?;
        let mut labels = set.render(&context).ok()?.labels;
        labels.extend(set.form_labels(&context).ok()?);
        // The months' names, for the date written out beside a date field.
        for month in 1..=12 {
            let name = |lang| dfr::locale::date::month_name(month, lang).to_owned();
            labels.insert(
                format!("form_month_{month}"),
                dfr::locale::Text {
                    km: name(dfr::locale::Lang::Km),
                    en: name(dfr::locale::Lang::En),
                },
            );
        }
        Some(labels)
    });
    rendered.map_or(Value::Null, |labels| {
        serde_json::to_value(labels).unwrap_or_default()
    })
}

/// `POST /api/check`: the library's problems with the data, by key path. The data is
/// also kept in the recovery file beside the declaration, so that a closed tab or a
/// crashed browser loses nothing.
pub fn check(state: &State, request: &requests::Check) -> Reply {
    let text = match toml_text(&request.data) {
        Ok(t) => t,
        Err(reply) => return reply,
    };
    let file = state.file();
    let saved = match &file {
        Some(path) => state.store.read_text(path).unwrap_or_default(),
        None => zeroize::Zeroizing::new(dfr::input::starter::STARTER.to_owned()),
    };
    let recovery = recovery_of(file.as_deref());
    // A form nobody has typed into yet (a new, empty declaration) has nothing to keep.
    let untouched = request.typed == Some(false);
    if state.recovery_offered.load(Ordering::SeqCst) || untouched {
        // The offered changes stay until the user restores or discards them.
    } else if !same_data(&saved, &text) {
        let _ = state.store.write(&recovery, text.as_bytes());
    } else {
        state.store.remove(&recovery);
    }
    let checked = dfr::check(&text);
    Reply::json(
        200,
        &replies::Checked {
            valid: checked.declaration.is_some(),
            diagnostics: replies::problems(&checked),
        },
    )
}

/// `POST /api/preview`: the contract's pages as SVG images (a draft while values from
/// the starter are left in), or `valid: false` when the data cannot be printed.
pub fn preview(state: &State, request: &requests::Preview) -> Reply {
    let started = Instant::now();
    let text = match toml_text(&request.data) {
        Ok(t) => t,
        Err(reply) => return reply,
    };
    let final_copy = dfr::check(&text);
    let (checked, draft) = match final_copy.declaration.is_some() {
        true => (final_copy, false),
        false => (dfr::check_copy(&text, dfr::CopyKind::Draft), true),
    };
    let Some(declaration) = &checked.declaration else {
        return Reply::json(
            200,
            &replies::Preview {
                valid: false,
                diagnostics: Some(replies::problems(&checked)),
                draft: None,
                pages: None,
                parts: None,
                ms: None,
            },
        );
    };
    let options = dfr::Options::default().copy(dfr::CopyKind::from_flags(draft, false));
    let _deadline = crate::cli::guard::Deadline::start("the form's preview".to_owned());
    // The preview's pages show no document ID (each copy made gets its own): the ID
    // changes with every key typed, and would make every page new to the browser.
    let pages = state
        .renderer
        .layout_model(declaration, &options)
        .and_then(|mut data| {
            data.id = PREVIEW_ID.to_owned();
            // A preview is never a PDF: what a draft carries for `dfr diff` is not made.
            data.printed = None;
            state.renderer.lay_out_data(&data, declaration, &options)
        })
        .map(|pages| (pages.svg_unless_known(&request.have), pages.parts()));
    match pages {
        Ok((pages, parts)) => Reply::json(
            200,
            &replies::Preview {
                valid: true,
                draft: Some(draft),
                diagnostics: None,
                // Only the pages the browser does not have yet carry their image: typing
                // changes one or two pages, and the others are neither drawn as SVG, sent
                // nor decoded again (a page is known by a hash of what it draws).
                pages: Some(
                    pages
                        .into_iter()
                        .map(|(hash, svg)| replies::PreviewPage {
                            hash,
                            src: svg.map(|svg| {
                                let svg = base64::engine::general_purpose::STANDARD.encode(svg);
                                format!("data:image/svg+xml;base64,{svg}")
                            }),
                        })
                        .collect(),
                ),
                parts: Some(parts),
                ms: Some(started.elapsed().as_millis() as u64),
            },
        ),
        Err(e) => Reply::error(500, format!("the templates failed: {e}")),
    }
}

/// What the preview prints where a copy prints its document ID.
const PREVIEW_ID: &str = "····-····-····";

/// `POST /api/diff`: what `dfr diff` finds between the saved file and the form's data.
pub fn diff(state: &State, request: &requests::Data) -> Reply {
    let Some(file) = state.file() else {
        return Reply::refused(
            409,
            "no-saved-file",
            "there is no saved file to compare with yet",
        );
    };
    let text = match toml_text(&request.data) {
        Ok(t) => t,
        Err(reply) => return reply,
    };
    let saved = super::files::saved_declaration(&state.store, &file);
    let (Some(saved), Some(now)) = (saved, dfr::check(&text).declaration) else {
        return Reply::refused(
            422,
            "not-comparable",
            "both the saved file and the form must be valid to compare",
        );
    };
    let options = dfr::Options::default();
    match dfr::outputs::diff::compare(&state.renderer, &saved, &now, &options) {
        Ok(d) => Reply::json(200, &replies::Diff::from(&d)),
        Err(e) => Reply::error(500, format!("the templates failed: {e}")),
    }
}

/// `GET /api/places?q=…`: places of the gazetteer by name or code, for the address
/// picker; `?under=CODE` (or `?under=` for the provinces): the places directly under one.
pub fn places(query: &str) -> Reply {
    // A search typed in Khmer arrives percent-encoded.
    let param = |name: &str| {
        form_urlencoded::parse(query.as_bytes())
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
    };
    let g = dfr::places::gazetteer::gazetteer();
    if let Some(parent) = param("under") {
        let children: Vec<replies::Place> = g
            .children(parent.trim())
            .map(|p| replies::Place {
                code: p.code.clone(),
                km: p.khmer(),
                latin: p.latin(),
            })
            .collect();
        return Reply::json(200, &children);
    }
    let q = param("q").unwrap_or_default();
    let found: Vec<replies::Place> = g
        .search(&q)
        .into_iter()
        .take(20)
        .map(|p| replies::Place {
            code: p.code.clone(),
            km: g.khmer_chain(&p.code),
            latin: g.latin_chain(&p.code),
        })
        .collect();
    Reply::json(200, &found)
}
