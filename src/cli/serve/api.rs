//! The requests of `dfr serve`: the form's schema and data, checks, previews, files.
//! (One function per request, each a few lines over the library; the length is their number.)
//!
//! The browser sends the declaration as JSON, shaped like the TOML file (dates as
//! `YYYY-MM-DD` strings). Every request turns it into the TOML text the file would
//! hold and reads that with the library, exactly as `dfr check` and `dfr render` read
//! a file, so the form can never accept what the command line refuses.

use super::Reply;
use crate::cli::output::{Destination, destination, write};
use base64::Engine;
use dfr::Renderer;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The declaration being edited.
pub struct State {
    /// The declaration's file; `None` until a new declaration is first saved.
    file: Mutex<Option<PathBuf>>,
    /// The template set contracts are printed with, its wording compiled.
    renderer: Arc<Renderer>,
    /// Held while a file is written, so that two tabs saving at once write one after
    /// the other (the last one wins; each write is whole).
    writing: Mutex<()>,
    /// Whether the recovery file's changes were offered and not yet restored or
    /// discarded: until then no check may replace them (a reloaded page's first check
    /// carries the saved data, not the unsaved changes).
    recovery_offered: AtomicBool,
}

impl State {
    /// The recovery file, when it holds changes not saved to the declaration.
    pub fn unsaved(&self) -> Option<PathBuf> {
        let recovery = recovery_of(self.file().as_deref());
        recovery.exists().then_some(recovery)
    }

    /// The state for `file` (created from the starter when it does not exist).
    pub fn open(file: Option<PathBuf>, renderer: Arc<Renderer>) -> Result<State, String> {
        if let Some(path) = &file {
            if !path.exists() {
                let target = destination(path).map_err(|e| e.to_string())?;
                crate::cli::output::write_new(&target, dfr::input::starter::STARTER.as_bytes())
                    .map_err(|e| e.to_string())?;
                println!("created {} from the starter", path.display());
            }
            let text = dfr::input::declaration::read_source(path)
                .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
            text.parse::<toml::Table>().map_err(|e| {
                format!(
                    "cannot open {}: it is not a TOML file ({})",
                    path.display(),
                    e.message()
                )
            })?;
        }
        Ok(State {
            file: Mutex::new(file),
            renderer,
            writing: Mutex::new(()),
            recovery_offered: AtomicBool::new(false),
        })
    }

    /// The declaration's file, once it has one.
    pub fn file(&self) -> Option<PathBuf> {
        self.file.lock().ok().and_then(|f| f.clone())
    }
}

/// The recovery file of `path`: `.NAME.recovery` beside it, readable by its owner only.
fn recovery_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.recovery"))
}

/// The recovery file of the declaration being edited; for a new one not yet saved,
/// `.new-declaration.recovery` in the folder it will be saved in.
fn recovery_of(file: Option<&Path>) -> PathBuf {
    match file {
        Some(path) => recovery_path(path),
        None => PathBuf::from(".new-declaration.recovery"),
    }
}
/// Whether two TOML texts hold the same data (comments and layout aside).
fn same_data(a: &str, b: &str) -> bool {
    match (a.parse::<toml::Table>(), b.parse::<toml::Table>()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// `GET /api/form`: what the form is built from, and the data to fill it with.
pub fn form(state: &State, workspace: bool) -> Reply {
    let schema =
        serde_json::to_value(schemars::schema_for!(dfr::input::model::Input)).unwrap_or_default();
    let file = state.file();
    let (text, source) = match &file {
        Some(path) => match dfr::input::declaration::read_source(path) {
            Ok(text) => (text, "file"),
            Err(e) => return Reply::error(500, format!("cannot read the declaration: {e}")),
        },
        None => (dfr::input::starter::STARTER.to_owned(), "starter"),
    };
    let data = match text.parse::<toml::Table>() {
        Ok(table) => to_json(&toml::Value::Table(table)),
        Err(e) => {
            return Reply::error(500, format!("the declaration is not TOML: {}", e.message()));
        }
    };
    let recovery = std::fs::read_to_string(recovery_of(file.as_deref()))
        .ok()
        .filter(|r| !same_data(r, &text))
        .and_then(|r| r.parse::<toml::Table>().ok())
        .map(|t| to_json(&toml::Value::Table(t)));
    if recovery.is_some() {
        state.recovery_offered.store(true, Ordering::SeqCst);
    }
    Reply::json(
        200,
        &json!({
            "schema": schema,
            "labels": labels(),
            "data": data,
            "source": source,
            "file": file.as_ref().map(|p| p.display().to_string()),
            "workspace": workspace,
            "recovery": recovery,
            // The starter's comments are the format's, not the user's.
            "had_comments": source == "file"
                && text.lines().any(|l| l.trim_start().starts_with('#') || l.contains(" #")),
        }),
    )
}

/// The labels of the wording templates in both languages (the interface's words come
/// from there too, the `form_*` labels), worded for the starter declaration.
fn labels() -> Value {
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
        Some(labels)
    });
    rendered.map_or(Value::Null, |labels| {
        serde_json::to_value(labels).unwrap_or_default()
    })
}

/// The TOML text a form's data stands for, or why there is none.
fn toml_text(body: &Value) -> Result<String, Reply> {
    let data = body
        .get("data")
        .ok_or_else(|| Reply::error(400, "the request has no `data`"))?;
    let Some(sections) = data.as_object() else {
        return Err(Reply::error(400, "`data` must be an object"));
    };
    // Section by section, in the input format's order (the contract's), so that the
    // saved file reads like the example rather than in alphabetical order. Every
    // section is a table or an array of tables; an empty list is left out (it is the
    // default), and anything else comes first, before the first table header would
    // claim it.
    let empty = |v: &Value| v.is_null() || v.as_array().is_some_and(Vec::is_empty);
    let is_table =
        |v: &Value| v.is_object() || v.as_array().is_some_and(|a| a.iter().all(Value::is_object));
    let order = section_order();
    let mut sections: Vec<(&String, &Value)> = sections.iter().collect();
    sections.sort_by_key(|(k, _)| order.iter().position(|o| o == *k).unwrap_or(order.len()));
    let plain = sections.iter().filter(|(_, v)| !empty(v) && !is_table(v));
    let tables = sections.iter().filter(|(_, v)| !empty(v) && is_table(v));
    let mut text = String::new();
    for (key, value) in plain.chain(tables) {
        let mut one = toml::Table::new();
        one.insert((*key).clone(), to_toml(value, key));
        let section = toml::to_string(&one)
            .map_err(|e| Reply::error(400, format!("the data cannot be written as TOML: {e}")))?;
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&section);
    }
    Ok(text)
}

/// The sections of the input format, in its order (`declaration`, `partners`, …).
fn section_order() -> Vec<String> {
    let schema =
        serde_json::to_value(schemars::schema_for!(dfr::input::model::Input)).unwrap_or_default();
    schema["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// The keys whose values are dates in the input format (`date`, `date-of-birth`,
/// `since`), from its schema.
fn date_keys() -> &'static [String] {
    static KEYS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        fn walk(v: &Value, out: &mut Vec<String>) {
            if let Some(props) = v.get("properties").and_then(Value::as_object) {
                for (name, prop) in props {
                    let is_date = prop.get("$ref").and_then(Value::as_str) == Some("#/$defs/Date")
                        || prop.get("format").and_then(Value::as_str) == Some("date");
                    if is_date && !out.contains(name) {
                        out.push(name.clone());
                    }
                }
            }
            match v {
                Value::Object(map) => map.values().for_each(|x| walk(x, out)),
                Value::Array(items) => items.iter().for_each(|x| walk(x, out)),
                _ => {}
            }
        }
        let schema = serde_json::to_value(schemars::schema_for!(dfr::input::model::Input))
            .unwrap_or_default();
        let mut keys = Vec::new();
        walk(&schema, &mut keys);
        keys
    })
}

/// JSON from the form as TOML: `null` leaves a key out; a date key's `YYYY-MM-DD` is a
/// TOML date; a number with no fraction is an integer.
fn to_toml(value: &Value, key: &str) -> toml::Value {
    match value {
        Value::String(s) if date_keys().iter().any(|k| k == key) => s
            .parse::<toml::value::Datetime>()
            .map(toml::Value::Datetime)
            .unwrap_or_else(|_| toml::Value::String(s.clone())),
        Value::String(s) => toml::Value::String(s.clone()),
        Value::Bool(b) => toml::Value::Boolean(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            None => toml::Value::Float(n.as_f64().unwrap_or(0.0)),
        },
        Value::Array(items) => toml::Value::Array(
            items
                .iter()
                .filter(|v| !v.is_null())
                .map(|v| to_toml(v, key))
                .collect(),
        ),
        Value::Object(map) => toml::Value::Table(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), to_toml(v, k)))
                .collect(),
        ),
        Value::Null => toml::Value::String(String::new()),
    }
}

/// TOML as the form's JSON: dates as `YYYY-MM-DD` strings.
fn to_json(value: &toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => json!(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

/// Every diagnostic as the form shows it: key path, severity, message and hint in
/// English and, where they are written, in Khmer (`km`, else `null`).
fn diagnostics(checked: &dfr::Checked) -> Value {
    Value::Array(
        checked
            .diagnostics
            .iter()
            .map(|d| {
                json!({
                    "path": d.path.to_string(),
                    "severity": match d.severity { dfr::Severity::Error => "error", dfr::Severity::Warning => "warning" },
                    "message": d.message,
                    "hint": d.hint,
                    "km": d.km.as_ref().map(|km| json!({ "message": km.message, "hint": km.hint })),
                })
            })
            .collect(),
    )
}

/// `POST /api/check`: the library's problems with the data, by key path. The data is
/// also kept in the recovery file beside the declaration, so that a closed tab or a
/// crashed browser loses nothing.
pub fn check(state: &State, body: &Value) -> Reply {
    let text = match toml_text(body) {
        Ok(t) => t,
        Err(reply) => return reply,
    };
    let file = state.file();
    let saved = match &file {
        Some(path) => std::fs::read_to_string(path).unwrap_or_default(),
        None => dfr::input::starter::STARTER.to_owned(),
    };
    let recovery = recovery_of(file.as_deref());
    // A form nobody has typed into yet (a new, empty declaration) has nothing to keep.
    let untouched = body.get("typed") == Some(&Value::Bool(false));
    if state.recovery_offered.load(Ordering::SeqCst) || untouched {
        // The offered changes stay until the user restores or discards them.
    } else if !same_data(&saved, &text) {
        if let Ok(target) = destination(&recovery) {
            let _ = write(&target, text.as_bytes());
        }
    } else {
        let _ = std::fs::remove_file(recovery);
    }
    let checked = dfr::check(&text);
    Reply::json(
        200,
        &json!({ "valid": checked.declaration.is_some(), "diagnostics": diagnostics(&checked) }),
    )
}

/// `POST /api/preview`: the contract's pages as SVG images (a draft while values from
/// the starter are left in), or `valid: false` when the data cannot be printed.
pub fn preview(state: &State, body: &Value) -> Reply {
    let started = Instant::now();
    let text = match toml_text(body) {
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
            &json!({ "valid": false, "diagnostics": diagnostics(&checked) }),
        );
    };
    let options = dfr::Options::default().copy(dfr::CopyKind::from_flags(draft, false));
    let _deadline = crate::cli::guard::Deadline::start("the form's preview".to_owned());
    let pages = state
        .renderer
        .lay_out(declaration, &options)
        .map(|pages| (pages.svg(), pages.parts()));
    match pages {
        Ok((pages, parts)) => Reply::json(
            200,
            &json!({
                "valid": true,
                "draft": draft,
                "pages": pages.iter().map(|p| format!("data:image/svg+xml;base64,{}", base64::engine::general_purpose::STANDARD.encode(p))).collect::<Vec<_>>(),
                "parts": parts,
                "ms": started.elapsed().as_millis() as u64,
            }),
        ),
        Err(e) => Reply::error(500, format!("the templates failed: {e}")),
    }
}

/// The file a new declaration is saved as: a plain `NAME.toml` in the folder the
/// server was started in (nowhere else).
fn new_file(body: &Value) -> Result<PathBuf, Reply> {
    let given = body
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim();
    // File names are the tool's job: with no name given, one is made from the data.
    let made;
    let name = match given.is_empty() && body.get("name").is_none() {
        true => {
            made = name_from(&body["data"]);
            made.as_str()
        }
        false => given,
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
/// (Latin, else Khmer) when it has none yet, with the characters no file name may hold
/// left out.
fn name_from(data: &Value) -> String {
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
fn not_a_link(path: &Path) -> Result<(), Reply> {
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
pub fn recovery(state: &State, body: &Value) -> Reply {
    match body.get("action").and_then(Value::as_str) {
        Some("restore") => {}
        Some("discard") => {
            let _ = std::fs::remove_file(recovery_of(state.file().as_deref()));
        }
        _ => return Reply::error(400, "`action` is restore or discard"),
    }
    state.recovery_offered.store(false, Ordering::SeqCst);
    Reply::json(200, &json!({ "ok": true }))
}

/// `POST /api/save`: writes the data to the declaration's file, whole or not at all,
/// valid or not (nothing typed is lost).
pub fn save(state: &State, body: &Value) -> Reply {
    let text = match toml_text(body) {
        Ok(t) => t,
        Err(reply) => return reply,
    };
    let Ok(_lock) = state.writing.lock() else {
        return Reply::error(500, "the server is stuck; restart it");
    };
    let (path, renamed) = match state.file() {
        Some(path) => {
            if let Err(reply) = not_a_link(&path) {
                return reply;
            }
            let written = destination(&path).and_then(|d| match d {
                Destination::File(_) => write(&d, text.as_bytes()),
                _ => Err(crate::cli::output::OutputError::Unsupported(
                    path.clone(),
                    "not a regular file",
                )),
            });
            if let Err(e) = written {
                return Reply::error(500, format!("not saved: {e}"));
            }
            (path, false)
        }
        None => {
            let asked = match new_file(body) {
                Ok(path) => path,
                Err(reply) => return reply,
            };
            match save_new(&asked, &text) {
                Ok(path) => {
                    let renamed = path != asked;
                    (path, renamed)
                }
                Err(reply) => return reply,
            }
        }
    };
    let _ = std::fs::remove_file(recovery_of(state.file().as_deref()));
    let _ = std::fs::remove_file(recovery_path(&path));
    state.recovery_offered.store(false, Ordering::SeqCst);
    if let Ok(mut file) = state.file.lock() {
        *file = Some(path.clone());
    }
    let checked = dfr::check(&text);
    Reply::json(
        200,
        &json!({
            "saved": path.display().to_string(),
            "renamed": renamed,
            "valid": checked.declaration.is_some(),
            "diagnostics": diagnostics(&checked),
        }),
    )
}

/// Saves a new declaration as `asked`, or, when a file of that name exists (another
/// couple's declaration, a link), as `NAME-2.toml`, `NAME-3.toml` …: never over a file.
pub fn save_new(asked: &Path, text: &str) -> Result<PathBuf, Reply> {
    let stem = asked
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    for n in 1..=999 {
        let path = match n {
            1 => asked.to_path_buf(),
            n => PathBuf::from(format!("{stem}-{n}.toml")),
        };
        if std::fs::symlink_metadata(&path).is_ok() {
            continue;
        }
        match crate::cli::output::write_new(&Destination::File(path.clone()), text.as_bytes()) {
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

/// `POST /api/produce`: writes the final PDF, the draft, the review copy or the
/// redacted copy beside the declaration (`NAME.pdf`, `NAME.draft.pdf`, `NAME.txt`,
/// `NAME.redacted.pdf`).
pub fn produce(state: &State, body: &Value) -> Reply {
    let Some(file) = state.file() else {
        return Reply::error(
            409,
            "save the declaration first: the copies are written beside it",
        );
    };
    let text = match toml_text(body) {
        Ok(t) => t,
        Err(reply) => return reply,
    };
    let kind = body.get("kind").and_then(Value::as_str).unwrap_or("");
    let (suffix, draft, redact) = match kind {
        "final" => ("pdf", false, false),
        "draft" => ("draft.pdf", true, false),
        "review" => ("txt", false, false),
        "redacted" => ("redacted.pdf", false, true),
        _ => return Reply::error(400, "`kind` is final, draft, review or redacted"),
    };
    let copy = dfr::CopyKind::from_flags(draft, redact);
    let checked = dfr::check_copy(&text, copy);
    let Some(declaration) = &checked.declaration else {
        return Reply::json(
            422,
            &json!({ "error": "fix the problems shown first", "diagnostics": diagnostics(&checked) }),
        );
    };
    let options = dfr::Options::default().copy(copy);
    let _deadline = crate::cli::guard::Deadline::start(file.display().to_string());
    let bytes = match kind {
        "review" => state
            .renderer
            .review_text(declaration, &options)
            .map(String::into_bytes),
        _ => state.renderer.render_pdf(declaration, &options),
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => return Reply::error(500, format!("the templates failed: {e}")),
    };
    let target = file.with_extension(suffix);
    let Ok(_lock) = state.writing.lock() else {
        return Reply::error(500, "the server is stuck; restart it");
    };
    if let Err(reply) = not_a_link(&target) {
        return reply;
    }
    // `dfr serve couple.txt` then "Review copy" would name the declaration itself.
    let refused = crate::cli::output::refuse_overwriting(
        &target,
        std::slice::from_ref(&file),
        "the declaration",
    );
    match refused
        .and_then(|()| destination(&target))
        .and_then(|d| write(&d, &bytes))
    {
        Ok(()) => Reply::json(200, &json!({ "wrote": target.display().to_string() })),
        Err(e) => Reply::error(500, format!("not written: {e}")),
    }
}

/// `POST /api/diff`: what `dfr diff` says between the saved file and the form's data.
pub fn diff(state: &State, body: &Value) -> Reply {
    let Some(file) = state.file() else {
        return Reply::error(409, "there is no saved file to compare with yet");
    };
    let text = match toml_text(body) {
        Ok(t) => t,
        Err(reply) => return reply,
    };
    let saved = dfr::input::declaration::read_source(&file)
        .ok()
        .and_then(|s| dfr::check(&s).declaration);
    let (Some(saved), Some(now)) = (saved, dfr::check(&text).declaration) else {
        return Reply::error(
            422,
            "both the saved file and the form must be valid to compare",
        );
    };
    let options = dfr::Options::default();
    match dfr::outputs::diff::compare(&state.renderer, &saved, &now, &options) {
        Ok(d) => Reply::json(200, &json!({ "text": crate::cli::diff::report(&d) })),
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
        let children: Vec<Value> = g
            .children(parent.trim())
            .map(|p| json!({ "code": p.code, "km": p.khmer(), "latin": p.latin() }))
            .collect();
        return Reply::json(200, &Value::Array(children));
    }
    let q = param("q").unwrap_or_default();
    let found: Vec<Value> = g
        .search(&q)
        .into_iter()
        .take(20)
        .map(|p| json!({ "code": p.code, "km": g.khmer_chain(&p.code), "latin": g.latin_chain(&p.code) }))
        .collect();
    Reply::json(200, &Value::Array(found))
}
