//! The requests that write files: save, save as new, the recovery file, the copies produced.

use super::Reply;
use super::convert::*;
use super::requests::{self, Produced, RecoveryAction};
use super::state::*;
use super::store::Store;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

/// The file a new declaration is saved as: a plain `NAME.toml` in the folder the
/// server was started in (nowhere else). In an encrypted workspace (`encrypted`) a name
/// made by the tool never holds the partners' names, which the disk shows in the clear.
pub fn new_file(request: &requests::Save, encrypted: bool) -> Result<PathBuf, Reply> {
    // File names are the tool's job: with no name given, one is made from the data.
    let made;
    let name = match &request.name {
        None => {
            made = name_from(&request.data, encrypted);
            made.as_str()
        }
        Some(given) => given.trim(),
    };
    // A name in any script, with `.toml` added when it is not typed; a name with
    // another extension (`notes.txt`) is refused rather than made `notes.txt.toml`.
    let other_extension = name.rsplit_once('.').is_some_and(|(_, ext)| {
        ext != "toml"
            && (1..=5).contains(&ext.len())
            && ext.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    if other_extension {
        return Err(Reply::error(
            400,
            "a declaration's file name ends in .toml (or give the name alone)",
        ));
    }
    let name = match name.strip_suffix(".toml") {
        Some(_) => name.to_owned(),
        None => format!("{name}.toml"),
    };
    let plain = name != ".toml"
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|'])
        && !name.chars().any(char::is_control)
        && name.chars().count() <= 120;
    if !plain {
        return Err(Reply::error(
            400,
            "give a file name such as couple.toml (no folder: it is saved where dfr serve was started)",
        ));
    }
    Ok(PathBuf::from(name))
}

/// A file name made from a declaration's data: its reference, or the partners' names
/// (Latin, else Khmer) when it has none yet and the names may show (`!encrypted`), with
/// the characters no file name may hold left out; else `declaration`.
pub fn name_from(data: &Value, encrypted: bool) -> String {
    let reference = data["declaration"]["reference"]
        .as_str()
        .unwrap_or("")
        .trim();
    let names = |lang: &str| {
        data["partners"]
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|p| p["name"][lang].as_str())
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let name = if !reference.is_empty() {
        reference.to_owned()
    } else if encrypted {
        "declaration".to_owned()
    } else if !names("en").is_empty() {
        names("en").join(" and ")
    } else if !names("km").is_empty() {
        names("km").join(" និង ")
    } else {
        "declaration".to_owned()
    };
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '.' => '-',
            c if c.is_control() => '-',
            c => c,
        })
        .take(80)
        .collect();
    format!("{}.toml", cleaned.trim_matches(['-', ' ']))
}

/// `path` unless it is a symbolic link: the form writes only files of its own folder,
/// never through a link to somewhere else.
pub fn not_a_link(path: &Path) -> Result<(), Reply> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(Reply::error(
            409,
            format!(
                "{} is a link to another place; the form writes only files of its own folder",
                path.display()
            ),
        )),
        _ => Ok(()),
    }
}

/// `POST /api/recovery`: `{ "action": "restore" }` takes the offered changes into the
/// form (they are kept in the recovery file until saved), `{ "action": "discard" }`
/// removes them.
pub fn recovery(state: &State, request: &requests::Recovery) -> Reply {
    if request.action == RecoveryAction::Discard {
        state.store.remove(&recovery_of(state.file().as_deref()));
    }
    state.recovery_offered.store(false, Ordering::SeqCst);
    Reply::json(200, &super::replies::Done { ok: true })
}

/// `POST /api/save`: writes the data to the declaration's file, whole or not at all,
/// valid or not (nothing typed is lost).
pub fn save(state: &State, request: &requests::Save) -> Reply {
    let text = match toml_text(&request.data) {
        Ok(t) => t,
        Err(reply) => return reply,
    };
    let Ok(_lock) = state.writing.lock() else {
        return Reply::error(500, "the server is stuck; restart it");
    };
    let (path, renamed) = match state.file() {
        Some(path) => {
            if let Err(reply) = not_a_link(&state.store.on_disk(&path)) {
                return reply;
            }
            if let Err(e) = state.store.write(&path, text.as_bytes()) {
                return Reply::error(500, format!("not saved: {e}"));
            }
            (path, false)
        }
        None => {
            let asked = match new_file(request, state.store.is_encrypted()) {
                Ok(path) => path,
                Err(reply) => return reply,
            };
            match save_new(&state.store, &asked, &text) {
                Ok(path) => {
                    let renamed = path != asked;
                    (path, renamed)
                }
                Err(reply) => return reply,
            }
        }
    };
    state.store.remove(&recovery_of(state.file().as_deref()));
    state.store.remove(&recovery_path(&path));
    state.recovery_offered.store(false, Ordering::SeqCst);
    if let Ok(mut file) = state.file.lock() {
        *file = Some(path.clone());
    }
    let checked = dfr::check(&text);
    Reply::json(
        200,
        &super::replies::Saved {
            saved: path.display().to_string(),
            renamed,
            valid: checked.declaration.is_some(),
            diagnostics: super::replies::problems(&checked),
        },
    )
}

/// Saves a new declaration as `asked`, or, when a file of that name exists (another
/// couple's declaration, a link), as `NAME-2.toml`, `NAME-3.toml` …: never over a file.
pub fn save_new(store: &Store, asked: &Path, text: &str) -> Result<PathBuf, Reply> {
    let stem = asked
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    for n in 1..=999 {
        let path = match n {
            1 => asked.to_path_buf(),
            n => PathBuf::from(format!("{stem}-{n}.toml")),
        };
        if store.taken(&path) {
            continue;
        }
        match store.write_new(&path, text.as_bytes()) {
            Ok(()) => return Ok(path),
            Err(crate::cli::output::OutputError::Exists(_)) => continue,
            Err(e) => return Err(Reply::error(500, format!("not saved: {e}"))),
        }
    }
    Err(Reply::error(
        409,
        format!("not saved: {stem}.toml and 998 numbered names are all taken; give another name"),
    ))
}

/// The saved file's declaration, if it reads and is valid.
pub fn saved_declaration(store: &Store, file: &Path) -> Option<dfr::Declaration> {
    store
        .read_text(file)
        .ok()
        .and_then(|s| dfr::check(&s).declaration)
}

/// `POST /api/produce`: writes the final PDF, the draft, the review copy, the redacted
/// copy or the redline against the saved file beside the declaration (`NAME.pdf`,
/// `NAME.draft.pdf`, `NAME.txt`, `NAME.redacted.pdf`, `NAME.redline.pdf`); or, with
/// `keep: false`, answers with the copy itself and writes nothing (the redline still
/// needs the saved file, to compare with).
pub fn produce(state: &State, request: &requests::Produce) -> Reply {
    let file = state.file();
    if file.is_none() && (request.keep || request.kind == Produced::Redline) {
        return Reply::refused(
            409,
            "save-first",
            "save the declaration first: the copies are written beside it",
        );
    }
    let text = match toml_text(&request.data) {
        Ok(t) => t,
        Err(reply) => return reply,
    };
    let kind = request.kind;
    // A document of the kit, named once: `None` for the contract's copies.
    let document = match kind {
        Produced::Document => match super::kit::named(request) {
            Some(named) => Some(named),
            None => {
                let message =
                    "`document` must name a document of the kit, and `copy` whom it is for";
                return Reply::error(400, message);
            }
        },
        _ => None,
    };
    use dfr::CopyKind;
    let (suffix, copy) = match (kind, document) {
        (_, Some((name, subject))) => (format!("{name}{}.pdf", subject.suffix()), CopyKind::Final),
        (Produced::Draft, _) => ("draft.pdf".to_owned(), CopyKind::Draft),
        (Produced::Review, _) => ("txt".to_owned(), CopyKind::Final),
        (Produced::Redacted, _) => ("redacted.pdf".to_owned(), CopyKind::Redacted),
        (Produced::Redline, _) => ("redline.pdf".to_owned(), CopyKind::Draft),
        (Produced::Final | Produced::Document, _) => ("pdf".to_owned(), CopyKind::Final),
    };
    let checked = dfr::check_copy(&text, copy);
    let Some(declaration) = &checked.declaration else {
        return Reply::json(
            422,
            &super::replies::Failure {
                error: "fix the problems shown first".to_owned(),
                reason: Some("fix-first"),
                diagnostics: Some(super::replies::problems(&checked)),
            },
        );
    };
    let options = dfr::Options::default().copy(copy);
    let named = file
        .as_ref()
        .map_or_else(|| "the form".to_owned(), |f| f.display().to_string());
    let _deadline = crate::cli::guard::Deadline::start(named);
    let bytes = match kind {
        Produced::Review => state
            .renderer
            .review_text(declaration, &options)
            .map(String::into_bytes),
        Produced::Redline => {
            let saved = file
                .as_deref()
                .and_then(|f| saved_declaration(&state.store, f));
            let Some(saved) = saved else {
                return Reply::refused(
                    422,
                    "not-comparable",
                    "both the saved file and the form must be valid to compare",
                );
            };
            state.renderer.redline_of(&saved, declaration)
        }
        _ => match document {
            Some((name, subject)) => {
                state
                    .renderer
                    .render_document(declaration, &options, name, subject)
            }
            None => state.renderer.render_pdf(declaration, &options),
        },
    };
    let bytes = match bytes {
        Ok(b) => b,
        // A document the set does not have, or a copy the data does not call for.
        Err(dfr::Error::Document(e)) => return Reply::error(404, e),
        Err(e) => return Reply::error(500, format!("the templates failed: {e}")),
    };
    // Not kept (or, refused above, kept with no file to put it beside): held in memory.
    let file = match (file, request.keep) {
        (Some(file), true) => file,
        (file, _) => return print_from_memory(state, file.as_deref(), &suffix, bytes),
    };
    let target = file.with_extension(&suffix);
    let Ok(_lock) = state.writing.lock() else {
        return Reply::error(500, "the server is stuck; restart it");
    };
    if let Err(reply) = not_a_link(&state.store.on_disk(&target)) {
        return reply;
    }
    // `dfr serve couple.txt` then "Review copy" would name the declaration itself.
    let refused = crate::cli::output::refuse_overwriting(
        &target,
        std::slice::from_ref(&file),
        "the declaration",
    )
    .map_err(|e| e.to_string());
    match refused.and_then(|()| state.store.write(&target, &bytes)) {
        Ok(()) => Reply::json(
            200,
            &super::replies::Wrote {
                wrote: target.display().to_string(),
            },
        ),
        Err(e) => Reply::error(500, format!("not written: {e}")),
    }
}

/// A copy made to print and not kept: held in memory, served at `/print/NAME` until the
/// next one replaces it or the form stops.
pub struct InMemory {
    /// Its name, as a file of it would be named (`couple.draft.pdf`, `couple.txt`).
    pub name: String,
    /// The copy.
    pub bytes: Vec<u8>,
}

/// Holds a copy made to print in memory, replacing the last one, and answers where it
/// opens: `/print/NAME`, named as a kept copy would be (`couple.draft.pdf`).
fn print_from_memory(state: &State, file: Option<&Path>, suffix: &str, bytes: Vec<u8>) -> Reply {
    let stem = file.and_then(Path::file_stem);
    let stem = stem.map_or("declaration".into(), |s| s.to_string_lossy());
    let name = format!("{stem}.{suffix}");
    *state.printed.lock().unwrap_or_else(|e| e.into_inner()) = Some(InMemory {
        name: name.clone(),
        bytes,
    });
    Reply::json(
        200,
        &super::replies::Opened {
            open: format!("/print/{name}"),
        },
    )
}

/// `GET /print/NAME`: the copy last made to print, if it is NAME; a review copy as the
/// reading page (as `/read/NAME.txt` shows a kept one).
pub fn printed(state: &State, name: &str) -> Reply {
    let printed = state.printed.lock().unwrap_or_else(|e| e.into_inner());
    match printed.as_ref().filter(|p| p.name == name) {
        Some(p) if p.name.ends_with(".txt") => Reply::bytes(
            "text/html; charset=utf-8",
            super::reading::page(name, &String::from_utf8_lossy(&p.bytes)).into_bytes(),
        ),
        Some(p) => Reply::bytes("application/pdf", p.bytes.clone()),
        None => Reply::error(404, "this copy is no longer in memory: make it again"),
    }
}
