//! The template set: the Typst layout and the Handlebars wording, built in or from a directory.

use std::path::Path;

/// One file of a template set, by its path inside the set (`main.typ`, `wording/labels.hbs`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TemplateFile {
    /// Path inside the set, with `/` separators.
    pub path: String,
    /// The file's text.
    pub text: String,
}

/// A complete template set: Typst layout files and wording files.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Templates {
    /// Every file, sorted by path.
    pub files: Vec<TemplateFile>,
}

macro_rules! builtin {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../../templates/dfr/", $path)))),*]
    };
}

/// The built-in set, compiled into the binary.
const BUILTIN: &[(&str, &str)] = builtin!(
    "main.typ",
    "form.toml",
    "wording/labels.hbs",
    "wording/formats.hbs",
    "wording/01-parties.hbs",
    "wording/02-capacity-and-consent.hbs",
    "wording/03-declaration.hbs",
    "wording/04-children.hbs",
    "wording/05-property.hbs",
    "wording/06-separation.hbs",
    "wording/07-death-and-incapacity.hbs",
    "wording/08-disputes.hbs",
    "wording/09-amendment.hbs",
    "wording/10-copies-and-language.hbs",
    "documents/kit.typ",
    "documents/chief-letter/document.toml",
    "documents/chief-letter/main.typ",
    "documents/chief-letter/labels.hbs",
    "documents/chief-letter/01-letter.hbs",
    "documents/guide/document.toml",
    "documents/guide/main.typ",
    "documents/guide/01-what-it-does.hbs",
    "documents/guide/02-what-it-does-not.hbs",
    "documents/guide/03-next-steps.hbs",
    "documents/guide/04-help.hbs",
    "documents/medical-card/document.toml",
    "documents/medical-card/main.typ",
    "documents/medical-card/labels.hbs",
    "documents/medical-card/01-card.hbs",
    "documents/parent-letter/document.toml",
    "documents/parent-letter/main.typ",
    "documents/parent-letter/labels.hbs",
    "documents/parent-letter/01-letter.hbs",
    "documents/will/document.toml",
    "documents/will/main.typ",
    "documents/will/labels.hbs",
    "documents/will/01-declaration.hbs",
    "documents/will/02-property.hbs",
    "documents/will/03-guardian.hbs",
    "documents/will/04-end.hbs",
);

/// The file of a set that the form reads (`form.rs`): nothing in it is printed.
pub const FORM_FILE: &str = "form.toml";

/// The files a set must have.
const REQUIRED: &[&str] = &["main.typ", "wording/labels.hbs", "wording/formats.hbs"];

/// The largest template file read: the built-in `labels.hbs`, the largest, is 40 KB.
pub(crate) const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// Refuses `path` when it is a symbolic link (or, on Windows, a junction).
fn refuse_link(path: &Path) -> Result<(), TemplateError> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() || is_junction(&meta) => Err(TemplateError {
            message: format!(
                "{} is a link; a template set may hold only its own files (copy the file into the set instead)",
                path.display()
            ),
        }),
        _ => Ok(()),
    }
}

#[cfg(windows)]
fn is_junction(meta: &std::fs::Metadata) -> bool {
    use std::os::windows::fs::MetadataExt;
    // FILE_ATTRIBUTE_REPARSE_POINT: symbolic links and junctions alike.
    meta.file_attributes() & 0x400 != 0
}

#[cfg(not(windows))]
fn is_junction(_: &std::fs::Metadata) -> bool {
    false
}

/// Reads one template file as UTF-8, at most [`MAX_TEMPLATE_BYTES`].
fn read_template(path: &Path) -> Result<String, TemplateError> {
    use std::io::Read;
    let failed = |why: String| TemplateError {
        message: format!("cannot read template {}: {why}", path.display()),
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_TEMPLATE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| failed(e.to_string()))?;
    if bytes.len() as u64 > MAX_TEMPLATE_BYTES {
        return Err(failed(format!(
            "larger than {} KiB, the most a template file may be",
            MAX_TEMPLATE_BYTES / 1024
        )));
    }
    String::from_utf8(bytes).map_err(|_| failed("not UTF-8 text".to_owned()))
}

/// A template directory that cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
#[error("{message}")]
pub struct TemplateError {
    /// What went wrong, naming the path.
    pub message: String,
}

impl Templates {
    /// The built-in template set.
    pub fn builtin() -> Templates {
        let mut files: Vec<TemplateFile> = BUILTIN
            .iter()
            .map(|(path, text)| TemplateFile {
                path: (*path).to_owned(),
                text: (*text).to_owned(),
            })
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Templates { files }
    }

    /// Reads a set from `dir`: every `*.typ` file in it, every `*.hbs` in `dir/wording`
    /// and, when there is a `documents` folder, the kit's documents in it.
    ///
    /// The set is a sandbox: a symbolic link in it (a file or the `wording` folder) is
    /// refused, not followed, so a shared set cannot print another file of the computer;
    /// each file is read up to 1 MiB, whatever kind of file it is.
    pub fn from_dir(dir: &Path) -> Result<Templates, TemplateError> {
        let mut files = Vec::new();
        read_folder(dir, "", |n| n.ends_with(".typ"), &mut files)?;
        let wording = dir.join("wording");
        refuse_link(&wording)?;
        read_folder(&wording, "wording", |n| n.ends_with(".hbs"), &mut files)?;
        read_documents(dir, &mut files)?;
        // The form's view of the set, if the set has one (see `form.rs`).
        let form = dir.join(FORM_FILE);
        if std::fs::symlink_metadata(&form).is_ok() {
            refuse_link(&form)?;
            let text = read_template(&form)?;
            files.push(TemplateFile {
                path: FORM_FILE.to_owned(),
                text,
            });
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let set = Templates { files };
        for required in REQUIRED {
            if set.get(required).is_none() {
                return Err(TemplateError {
                    message: format!(
                        "the template folder {} has no {required}; write the built-in set with `dfr templates DIR` and edit it",
                        dir.display()
                    ),
                });
            }
        }
        Ok(set)
    }

    /// The text of the file at `path` inside the set.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.text.as_str())
    }
}

/// The most entries a folder of a set may have: a set is a few dozen files.
const MAX_ENTRIES: usize = 1024;

/// Reads the files of `folder` whose names `wanted` accepts into `files`, at the path
/// `inside/NAME` (or `NAME`), refusing links; returns the other entries that may be
/// folders (a folder or a link), for the caller to read or ignore.
fn read_folder(
    folder: &Path,
    inside: &str,
    wanted: impl Fn(&str) -> bool,
    files: &mut Vec<TemplateFile>,
) -> Result<Vec<std::path::PathBuf>, TemplateError> {
    let entries = std::fs::read_dir(folder).map_err(|e| TemplateError {
        message: format!("cannot read template folder {}: {e}", folder.display()),
    })?;
    let mut folders = Vec::new();
    for (n, entry) in entries.enumerate() {
        if n == MAX_ENTRIES {
            return Err(TemplateError {
                message: format!("{} has more than {MAX_ENTRIES} entries", folder.display()),
            });
        }
        let entry = entry.map_err(|e| TemplateError {
            message: format!("cannot list {}: {e}", folder.display()),
        })?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = entry.file_type().ok();
        if wanted(&name) {
            refuse_link(&path)?;
            if kind.is_some_and(|t| t.is_file()) {
                let text = read_template(&path)?;
                let path = match inside {
                    "" => name,
                    _ => format!("{inside}/{name}"),
                };
                files.push(TemplateFile { path, text });
            }
        } else if kind.is_some_and(|t| t.is_dir() || t.is_symlink()) {
            folders.push(path);
        }
    }
    folders.sort();
    Ok(folders)
}

/// Reads `dir/documents`, if there is one: its `*.typ` files and, in each folder of
/// it, `document.toml`, `*.typ` and `*.hbs` (see `documents.rs`). Links are refused.
fn read_documents(dir: &Path, files: &mut Vec<TemplateFile>) -> Result<(), TemplateError> {
    let documents = dir.join("documents");
    if std::fs::symlink_metadata(&documents).is_err() {
        return Ok(());
    }
    refuse_link(&documents)?;
    for folder in read_folder(&documents, "documents", |n| n.ends_with(".typ"), files)? {
        refuse_link(&folder)?;
        let name = folder.file_name().unwrap_or_default().to_string_lossy();
        let inside = format!("documents/{name}");
        let wanted = |n: &str| n == "document.toml" || n.ends_with(".typ") || n.ends_with(".hbs");
        read_folder(&folder, &inside, wanted, files)?;
    }
    Ok(())
}
