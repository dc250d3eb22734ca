//! The Typst world: layout sources, one data file and the bundled fonts, all in memory.
//!
//! Nothing is read from disk and no package is downloaded: the only files the layout
//! can open are the template set's `.typ` files and `/data.json`.

use chrono::Datelike;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};
use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::locale::Date;
use crate::locale::fonts::FONTS;
use crate::wording::templates::Templates;

/// The standard library, built once per process.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The virtual path of the data file the layout reads with `json("/data.json")`.
pub(crate) const DATA_PATH: &str = "/data.json";

/// The Typst sources of a template set, each parsed the first time a layout opens it
/// and kept for the next: a render compiles twice, the form many times, and a
/// contract never opens the kit's files.
#[derive(Debug, Default)]
pub(crate) struct Sources(Mutex<HashMap<FileId, Source>>);

/// A compilation world for one document.
pub(crate) struct DfrWorld<'a> {
    /// The template set, whose `.typ` files are the only sources.
    templates: &'a Templates,
    /// Its sources parsed so far.
    sources: &'a Sources,
    /// The id of `main.typ`.
    main: FileId,
    /// The id of `/data.json`.
    data_id: FileId,
    /// The document data, as JSON bytes.
    data: Bytes,
    /// The date `datetime.today()` returns: the declaration date, for reproducible output.
    today: Date,
}

/// The file id of a path in the project root.
pub(crate) fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path)
        .unwrap_or_else(|_| VirtualPath::new("/invalid").expect("valid path"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl<'a> DfrWorld<'a> {
    /// A world over the `.typ` files of `templates` (parsed into `sources` as the layout
    /// opens them), with `data` as `/data.json`.
    pub(crate) fn new(
        templates: &'a Templates,
        sources: &'a Sources,
        data: Vec<u8>,
        today: Date,
    ) -> DfrWorld<'a> {
        DfrWorld {
            templates,
            sources,
            main: file_id("/main.typ"),
            data_id: file_id(DATA_PATH),
            data: Bytes::new(data),
            today,
        }
    }

    /// The source of a template file: parsed the first time it is asked for.
    pub(crate) fn template_source(&self, id: FileId) -> Option<Source> {
        let mut parsed = self.sources.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(source) = parsed.get(&id) {
            return Some(source.clone());
        }
        let path = id.get().vpath().get_with_slash();
        let file = self.templates.files.iter().find(|f| {
            f.path.ends_with(".typ") && path.strip_prefix('/') == Some(f.path.as_str())
        })?;
        let source = Source::new(id, file.text.clone());
        parsed.insert(id, source.clone());
        Some(source)
    }
}

/// A file the layout may not open: named by its virtual path only, never a host path.
fn not_found(id: FileId) -> FileError {
    if matches!(id.get().root(), VirtualRoot::Package(_)) {
        return FileError::Package(PackageError::Other(Some(
            "packages are not available in dfr templates".into(),
        )));
    }
    FileError::NotFound(id.get().vpath().get_with_slash().into())
}

impl World for DfrWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        FONTS.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if matches!(id.get().root(), VirtualRoot::Package(_)) {
            return Err(FileError::Package(PackageError::Other(Some(
                "packages are not available in dfr templates".into(),
            ))));
        }
        self.template_source(id).ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            return Ok(self.data.clone());
        }
        match self.template_source(id) {
            Some(source) => Ok(Bytes::from_string(source)),
            None => Err(not_found(id)),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Datetime::from_ymd(
            self.today.year(),
            self.today.month() as u8,
            self.today.day() as u8,
        )
    }
}
