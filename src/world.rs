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
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::{FontSource, FontStore};

use crate::locale::Date;
use crate::templates::Templates;

/// The fonts compiled into the binary, by file name; each licence is in `fonts/`.
pub const FONT_FILES: &[(&str, &[u8])] = &[
    (
        "NotoSerif-Regular.ttf",
        include_bytes!("../fonts/NotoSerif-Regular.ttf"),
    ),
    (
        "NotoSerif-Bold.ttf",
        include_bytes!("../fonts/NotoSerif-Bold.ttf"),
    ),
    (
        "NotoSerif-Italic.ttf",
        include_bytes!("../fonts/NotoSerif-Italic.ttf"),
    ),
    (
        "Hanuman-Regular.ttf",
        include_bytes!("../fonts/Hanuman-Regular.ttf"),
    ),
    (
        "Hanuman-Bold.ttf",
        include_bytes!("../fonts/Hanuman-Bold.ttf"),
    ),
    (
        "KhmerOSmuollight.ttf",
        include_bytes!("../fonts/KhmerOSmuollight.ttf"),
    ),
];

/// The licences of the bundled fonts, by file name.
pub const FONT_LICENCES: &[(&str, &str)] = &[
    ("OFL-1.1.txt", include_str!("../fonts/OFL-1.1.txt")),
    ("LGPL-2.1.txt", include_str!("../fonts/LGPL-2.1.txt")),
    ("README.md", include_str!("../fonts/README.md")),
];

/// A bundled font, loaded from the binary the first time a document uses it.
struct StaticFont {
    /// The font file.
    data: &'static [u8],
    /// The face's index in the file.
    index: u32,
}

impl FontSource for StaticFont {
    fn load(&self) -> Option<Font> {
        Font::new(Bytes::new(self.data), self.index)
    }
}

/// The metadata of every bundled font, read once per process; each font itself is
/// parsed only when a document first uses it (the header face only for the header,
/// the italic face not at all).
static FONTS: LazyLock<FontStore> = LazyLock::new(|| {
    let mut store = FontStore::new();
    for (_, data) in FONT_FILES {
        for (index, info) in FontInfo::iter(data).enumerate() {
            store.push((
                StaticFont {
                    data,
                    index: index as u32,
                },
                info,
            ));
        }
    }
    store
});

/// Whether a bundled text font (not the header face) has a glyph for `c`, so that
/// text with `c` can be printed (a PDF/A file may not show a missing glyph).
pub fn can_print(c: char) -> bool {
    if matches!(c, '\u{200B}'..='\u{200D}') || c.is_whitespace() {
        return true;
    }
    let book = FONTS.book();
    (0..)
        .map_while(|i| book.info(i))
        .filter(|info| info.family != "Khmer OS Muol")
        .any(|info| info.coverage.contains(c as u32))
}

/// The standard library, built once per process.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The virtual path of the data file the layout reads with `json("/data.json")`.
pub const DATA_PATH: &str = "/data.json";

/// A compilation world for one document.
pub struct DfrWorld {
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
pub fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path)
        .unwrap_or_else(|_| VirtualPath::new("/invalid").expect("valid path"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl DfrWorld {
    /// A world over the `.typ` files of `templates`, with `data` as `/data.json`.
    pub fn new(templates: &Templates, data: Vec<u8>, today: Date) -> DfrWorld {
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
    pub fn template_source(&self, id: FileId) -> Option<&Source> {
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
