//! The workspace's home page list: every declaration with its names, reference, date and state, and those removed.

use super::Reply;
use super::replies::{Declarations, Entry};
use super::store::Store;
use super::workspace::{REMOVED, locked};
use std::path::Path;

/// `GET /api/declarations`: every declaration of the workspace, last changed first,
/// with what the home page shows of each; and those removed.
pub fn list(store: &Store) -> Reply {
    if store.is_locked() {
        return locked();
    }
    let mut entries: Vec<(std::time::SystemTime, Entry)> = Vec::new();
    for path in store.declarations(Path::new(".")) {
        let changed = store.modified(&path);
        entries.push((
            changed.unwrap_or(std::time::UNIX_EPOCH),
            describe(store, &path, changed),
        ));
    }
    entries.sort_by_key(|e| std::cmp::Reverse(e.0));
    let removed: Vec<Entry> = store
        .declarations(Path::new(REMOVED))
        .iter()
        .map(|p| describe(store, p, store.modified(p)))
        .collect();
    let folder = std::env::current_dir().unwrap_or_default();
    Reply::json(
        200,
        &Declarations {
            folder: folder.display().to_string(),
            declarations: entries.into_iter().map(|(_, v)| v).collect(),
            removed,
            synced: crate::cli::synced::service(&folder),
            encrypted: store.is_encrypted(),
        },
    )
}

/// A date and time as `YYYY-MM-DD HH:MM` (UTC), for the list.
fn when(time: Option<std::time::SystemTime>) -> Option<String> {
    let time = time?;
    let dt: chrono::DateTime<chrono::Utc> = time.into();
    Some(dt.format("%Y-%m-%d %H:%M").to_string())
}

/// What the home page shows of one declaration: its names, reference, date, state.
fn describe(store: &Store, path: &Path, changed: Option<std::time::SystemTime>) -> Entry {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = store.read_text(path).unwrap_or_default();
    let table = text.parse::<toml::Table>().unwrap_or_default();
    let text_of = |value: Option<&toml::Value>, lang: &str| {
        value
            .and_then(|v| v.get(lang))
            .and_then(toml::Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let partners: Vec<dfr::locale::Text> = table
        .get("partners")
        .and_then(toml::Value::as_array)
        .map(|list| {
            list.iter()
                .map(|p| dfr::locale::Text {
                    km: text_of(p.get("name"), "km"),
                    en: text_of(p.get("name"), "en"),
                })
                .collect()
        })
        .unwrap_or_default();
    let declaration = table.get("declaration");
    let checked = dfr::check(&text);
    let problems = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == dfr::input::diagnostic::Severity::Error)
        .count();
    let stem = name.trim_end_matches(".toml");
    let folder = path.parent().unwrap_or(Path::new("."));
    let final_copy = when(store.modified(&folder.join(format!("{stem}.pdf"))));
    Entry {
        file: name,
        reference: declaration
            .and_then(|d| d.get("reference"))
            .and_then(toml::Value::as_str)
            .unwrap_or("")
            .to_owned(),
        date: declaration
            .and_then(|d| d.get("date"))
            .map(|d| d.to_string().trim_matches('"').to_owned()),
        partners,
        problems,
        ready: checked.declaration.is_some(),
        final_copy,
        changed: when(changed),
    }
}
