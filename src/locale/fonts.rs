//! The fonts compiled into the binary: their files and licences, and which characters they can print.
//!
//! One registry for the three places that need the fonts: the Typst world lays out
//! with them, validation refuses a character none of them has (`can_print`), and the
//! bundle writes them out with their licences.

use std::sync::LazyLock;
use typst::foundations::Bytes;
use typst::text::{Font, FontInfo};
use typst_kit::fonts::{FontSource, FontStore};

/// The fonts compiled into the binary, by file name; each licence is in `fonts/`.
pub const FONT_FILES: &[(&str, &[u8])] = &[
    (
        "NotoSerif-Regular.ttf",
        include_bytes!("../../fonts/NotoSerif-Regular.ttf"),
    ),
    (
        "NotoSerif-Bold.ttf",
        include_bytes!("../../fonts/NotoSerif-Bold.ttf"),
    ),
    (
        "NotoSerif-Italic.ttf",
        include_bytes!("../../fonts/NotoSerif-Italic.ttf"),
    ),
    (
        "Hanuman-Regular.ttf",
        include_bytes!("../../fonts/Hanuman-Regular.ttf"),
    ),
    (
        "Hanuman-Bold.ttf",
        include_bytes!("../../fonts/Hanuman-Bold.ttf"),
    ),
    (
        "KhmerOSmuollight.ttf",
        include_bytes!("../../fonts/KhmerOSmuollight.ttf"),
    ),
];

/// The licences of the bundled fonts, by file name.
pub const FONT_LICENCES: &[(&str, &str)] = &[
    ("OFL-1.1.txt", include_str!("../../fonts/OFL-1.1.txt")),
    ("LGPL-2.1.txt", include_str!("../../fonts/LGPL-2.1.txt")),
    ("README.md", include_str!("../../fonts/README.md")),
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
pub(crate) static FONTS: LazyLock<FontStore> = LazyLock::new(|| {
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
    // The space and the zero-width characters are set without a glyph; every other
    // space (U+1680, U+2000–U+200A, U+3000 …) needs one, like any character.
    if matches!(c, ' ' | '\u{200B}'..='\u{200D}') {
        return true;
    }
    let book = FONTS.book();
    (0..)
        .map_while(|i| book.info(i))
        .filter(|info| info.family != "Khmer OS Muol")
        .any(|info| info.coverage.contains(c as u32))
}
