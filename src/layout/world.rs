//! The Typst world: layout sources, one data file and the bundled fonts, all in memory.
//!
//! Nothing is read from disk and no package is downloaded: the only files the layout
//! can open are the template set's `.typ` files and `/data.json`.

use chrono::Datelike;
use std::collections::HashMap;
use std::sync::LazyLock;
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

/// A compilation world for one document.
pub(crate) struct DfrWorld {
    /// The Typst sources of the template set, by file id.
    sources: HashMap<FileId, Source>,
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

impl DfrWorld {
    /// A world over the `.typ` files of `templates`, with `data` as `/data.json`.
    pub(crate) fn new(templates: &Templates, data: Vec<u8>, today: Date) -> DfrWorld {
        let sources = templates
            .files
            .iter()
            .filter(|f| f.path.ends_with(".typ"))
            .map(|f| {
                let id = file_id(&format!("/{}", f.path));
                (id, Source::new(id, f.text.clone()))
            })
            .collect();
        DfrWorld {
            sources,
            main: file_id("/main.typ"),
            data_id: file_id(DATA_PATH),
            data: Bytes::new(data),
            today,
        }
    }

    /// The source of a template file, for error messages.
    pub(crate) fn template_source(&self, id: FileId) -> Option<&Source> {
        self.sources.get(&id)
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

impl World for DfrWorld {
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
        self.sources.get(&id).cloned().ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            return Ok(self.data.clone());
        }
        match self.sources.get(&id) {
            Some(source) => Ok(Bytes::from_string(source.clone())),
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
