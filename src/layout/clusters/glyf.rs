//! Appends composite glyphs to an embedded TrueType font program: one new glyph per cluster, made of the cluster's own glyphs at their offsets.
//!
//! The font programs here are the subsets Typst embeds (`glyf` outlines, `loca`, `hmtx`,
//! `maxp`, `head`, `hhea`, `post`, hinting tables). The new glyphs only place existing
//! glyphs, so they draw exactly what the cluster drew; their advance is the cluster's.

use std::collections::BTreeMap;

/// One glyph to append: existing glyphs at horizontal offsets, and an advance, all in
/// font units.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Composite {
    /// `(glyph, x offset, y offset)` for each glyph of the cluster, in drawing order.
    pub(super) parts: Vec<(u16, i16, i16)>,
    /// The advance width of the whole cluster.
    pub(super) advance: u16,
}

/// Why a font program cannot take new glyphs; the font is then left as it was.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Unsupported(pub &'static str);

/// A parsed TrueType font program: its tables by tag.
pub(super) struct Font {
    tables: BTreeMap<[u8; 4], Vec<u8>>,
    /// Each glyph's outline data (empty for a glyph with no outline).
    glyphs: Vec<Vec<u8>>,
    /// Each glyph's advance width and left side bearing.
    metrics: Vec<(u16, i16)>,
}

const HEAD_CHECKSUM_ADJUSTMENT: usize = 8;
const HEAD_INDEX_TO_LOC: usize = 50;
const HHEA_ADVANCE_MAX: usize = 10;
const HHEA_METRICS: usize = 34;
const MAXP_GLYPHS: usize = 4;
const MAXP_COMPOSITE_POINTS: usize = 10;
const MAXP_COMPOSITE_CONTOURS: usize = 12;
const MAXP_COMPONENT_ELEMENTS: usize = 28;
const MAXP_COMPONENT_DEPTH: usize = 30;
/// Composite glyph flags: 16-bit arguments, which are x and y offsets; more follow.
const ARGS_ARE_WORDS: u16 = 0x0001;
const ARGS_ARE_XY: u16 = 0x0002;
const MORE_COMPONENTS: u16 = 0x0020;
const WE_HAVE_A_SCALE: u16 = 0x0008;
const WE_HAVE_XY_SCALE: u16 = 0x0040;
const WE_HAVE_TWO_BY_TWO: u16 = 0x0080;
/// Tables whose size follows the number of glyphs and that these fonts do not need.
const DROPPED: [&[u8; 4]; 4] = [b"hdmx", b"LTSH", b"VDMX", b"vmtx"];
/// The deepest nesting of composite glyphs followed.
const MAX_DEPTH: u16 = 8;

fn u16_at(data: &[u8], at: usize) -> Result<u16, Unsupported> {
    data.get(at..at + 2)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
        .ok_or(Unsupported("a table is shorter than its fields"))
}

fn i16_at(data: &[u8], at: usize) -> Result<i16, Unsupported> {
    u16_at(data, at).map(|v| v as i16)
}

fn u32_at(data: &[u8], at: usize) -> Result<u32, Unsupported> {
    data.get(at..at + 4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or(Unsupported("a table is shorter than its fields"))
}

fn set_u16(data: &mut [u8], at: usize, value: u16) {
    data[at..at + 2].copy_from_slice(&value.to_be_bytes());
}

impl Font {
    /// Reads a TrueType font program with `glyf` outlines.
    pub(super) fn parse(data: &[u8]) -> Result<Font, Unsupported> {
        if u32_at(data, 0)? != 0x0001_0000 {
            return Err(Unsupported("not a TrueType font program"));
        }
        let count = u16_at(data, 4)? as usize;
        let mut tables = BTreeMap::new();
        for i in 0..count {
            let record = 12 + 16 * i;
            let tag: [u8; 4] = data
                .get(record..record + 4)
                .and_then(|t| t.try_into().ok())
                .ok_or(Unsupported("a truncated table directory"))?;
            let offset = u32_at(data, record + 8)? as usize;
            let length = u32_at(data, record + 12)? as usize;
            let table = data
                .get(offset..offset.saturating_add(length))
                .ok_or(Unsupported("a table outside the font program"))?;
            tables.insert(tag, table.to_vec());
        }
        let table = |tag: &[u8; 4]| {
            tables
                .get(tag)
                .ok_or(Unsupported("a required table is missing"))
        };
        let head = table(b"head")?;
        let long_loca = i16_at(head, HEAD_INDEX_TO_LOC)? == 1;
        let count = u16_at(table(b"maxp")?, MAXP_GLYPHS)? as usize;
        let loca = table(b"loca")?;
        let glyf = table(b"glyf")?;
        let offset = |i: usize| -> Result<usize, Unsupported> {
            Ok(match long_loca {
                true => u32_at(loca, 4 * i)? as usize,
                false => 2 * u16_at(loca, 2 * i)? as usize,
            })
        };
        let mut glyphs = Vec::with_capacity(count);
        for i in 0..count {
            let (start, end) = (offset(i)?, offset(i + 1)?);
            let outline = glyf
                .get(start..end)
                .ok_or(Unsupported("a glyph outside the glyf table"))?;
            glyphs.push(outline.to_vec());
        }
        let long_metrics = u16_at(table(b"hhea")?, HHEA_METRICS)? as usize;
        let hmtx = table(b"hmtx")?;
        let mut metrics = Vec::with_capacity(count);
        for i in 0..count {
            let metric = match i < long_metrics {
                true => (u16_at(hmtx, 4 * i)?, i16_at(hmtx, 4 * i + 2)?),
                false => {
                    let last = u16_at(hmtx, 4 * (long_metrics.max(1) - 1))?;
                    (
                        last,
                        i16_at(hmtx, 4 * long_metrics + 2 * (i - long_metrics))?,
                    )
                }
            };
            metrics.push(metric);
        }
        Ok(Font {
            tables,
            glyphs,
            metrics,
        })
    }

    /// How many glyphs the font has now.
    #[cfg(test)]
    fn glyph_count(&self) -> usize {
        self.glyphs.len()
    }

    /// The bounding box of a glyph, or `None` for a glyph without an outline.
    fn bbox(&self, glyph: u16) -> Option<[i16; 4]> {
        let data = self.glyphs.get(glyph as usize)?;
        let read = |at| i16_at(data, at).ok();
        Some([read(2)?, read(4)?, read(6)?, read(8)?])
    }

    /// Points, contours and nesting depth of a glyph, counting every component.
    fn stats(&self, glyph: u16, depth: u16) -> Result<(u32, u32, u16), Unsupported> {
        if depth > MAX_DEPTH {
            return Err(Unsupported("composite glyphs nested too deep"));
        }
        let data = match self.glyphs.get(glyph as usize) {
            Some(data) if !data.is_empty() => data,
            _ => return Ok((0, 0, 0)),
        };
        let contours = i16_at(data, 0)?;
        if contours >= 0 {
            let points = match contours {
                0 => 0,
                n => u16_at(data, 10 + 2 * (n as usize - 1))? as u32 + 1,
            };
            return Ok((points, contours as u32, 0));
        }
        let (mut points, mut total, mut deepest) = (0, 0, 0);
        let mut at = 10;
        loop {
            let flags = u16_at(data, at)?;
            let component = u16_at(data, at + 2)?;
            let (p, c, d) = self.stats(component, depth + 1)?;
            points += p;
            total += c;
            deepest = deepest.max(d + 1);
            at += 4 + if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
            at += match () {
                _ if flags & WE_HAVE_A_SCALE != 0 => 2,
                _ if flags & WE_HAVE_XY_SCALE != 0 => 4,
                _ if flags & WE_HAVE_TWO_BY_TWO != 0 => 8,
                _ => 0,
            };
            if flags & MORE_COMPONENTS == 0 {
                break;
            }
        }
        Ok((points, total, deepest))
    }

    /// Appends a composite glyph and returns its glyph ID.
    pub(super) fn push(&mut self, composite: &Composite) -> Result<u16, Unsupported> {
        let id = u16::try_from(self.glyphs.len())
            .ok()
            .filter(|&id| id < u16::MAX)
            .ok_or(Unsupported("the font has no room for more glyphs"))?;
        let drawn: Vec<(u16, i16, i16, [i16; 4])> = composite
            .parts
            .iter()
            .filter_map(|&(glyph, dx, dy)| self.bbox(glyph).map(|b| (glyph, dx, dy, b)))
            .collect();
        let mut outline = Vec::new();
        let mut left = 0;
        if !drawn.is_empty() {
            let mut bbox = [i16::MAX, i16::MAX, i16::MIN, i16::MIN];
            for &(_, dx, dy, [x0, y0, x1, y1]) in &drawn {
                bbox[0] = bbox[0].min(x0.saturating_add(dx));
                bbox[1] = bbox[1].min(y0.saturating_add(dy));
                bbox[2] = bbox[2].max(x1.saturating_add(dx));
                bbox[3] = bbox[3].max(y1.saturating_add(dy));
            }
            left = bbox[0];
            outline.extend_from_slice(&(-1i16).to_be_bytes());
            for value in bbox {
                outline.extend_from_slice(&value.to_be_bytes());
            }
            for (i, &(glyph, dx, dy, _)) in drawn.iter().enumerate() {
                let more = if i + 1 < drawn.len() {
                    MORE_COMPONENTS
                } else {
                    0
                };
                let flags = ARGS_ARE_WORDS | ARGS_ARE_XY | more;
                outline.extend_from_slice(&flags.to_be_bytes());
                outline.extend_from_slice(&glyph.to_be_bytes());
                outline.extend_from_slice(&dx.to_be_bytes());
                outline.extend_from_slice(&dy.to_be_bytes());
            }
        }
        self.glyphs.push(outline);
        self.metrics.push((composite.advance, left));
        // The limits in `maxp` must cover the new glyph.
        let (points, contours, depth) = self.stats(id, 0)?;
        let maxp = self
            .tables
            .get_mut(b"maxp")
            .filter(|maxp| maxp.len() >= 32)
            .ok_or(Unsupported("maxp without the TrueType limits"))?;
        let raise = |maxp: &mut Vec<u8>, at: usize, value: u32| -> Result<(), Unsupported> {
            let value = u16::try_from(value).map_err(|_| Unsupported("a composite too large"))?;
            let old = u16_at(maxp, at)?;
            set_u16(maxp, at, old.max(value));
            Ok(())
        };
        raise(maxp, MAXP_COMPOSITE_POINTS, points)?;
        raise(maxp, MAXP_COMPOSITE_CONTOURS, contours)?;
        raise(maxp, MAXP_COMPONENT_ELEMENTS, drawn.len() as u32)?;
        raise(maxp, MAXP_COMPONENT_DEPTH, depth as u32)?;
        Ok(id)
    }

    /// The font program with its glyphs and metrics written back.
    pub(super) fn write(mut self) -> Vec<u8> {
        let count = self.glyphs.len() as u16;
        let mut glyf = Vec::new();
        let mut loca = Vec::with_capacity(4 * (self.glyphs.len() + 1));
        for outline in &self.glyphs {
            loca.extend_from_slice(&(glyf.len() as u32).to_be_bytes());
            glyf.extend_from_slice(outline);
            // Each glyph starts on a four-byte boundary.
            glyf.resize(glyf.len().next_multiple_of(4), 0);
        }
        loca.extend_from_slice(&(glyf.len() as u32).to_be_bytes());
        let mut hmtx = Vec::with_capacity(4 * self.metrics.len());
        for &(advance, left) in &self.metrics {
            hmtx.extend_from_slice(&advance.to_be_bytes());
            hmtx.extend_from_slice(&left.to_be_bytes());
        }
        let widest = self.metrics.iter().map(|m| m.0).max().unwrap_or(0);
        for tag in DROPPED {
            self.tables.remove(tag);
        }
        self.tables.insert(*b"glyf", glyf);
        self.tables.insert(*b"loca", loca);
        self.tables.insert(*b"hmtx", hmtx);
        if let Some(head) = self.tables.get_mut(b"head") {
            set_u16(head, HEAD_INDEX_TO_LOC, 1);
            head[HEAD_CHECKSUM_ADJUSTMENT..HEAD_CHECKSUM_ADJUSTMENT + 4].fill(0);
        }
        if let Some(hhea) = self.tables.get_mut(b"hhea") {
            set_u16(hhea, HHEA_METRICS, count);
            set_u16(hhea, HHEA_ADVANCE_MAX, widest);
        }
        if let Some(maxp) = self.tables.get_mut(b"maxp") {
            set_u16(maxp, MAXP_GLYPHS, count);
        }
        // Glyph names (post format 2) would have to list every glyph: keep none (format 3).
        if let Some(post) = self.tables.get_mut(b"post")
            && post.len() >= 32
        {
            post.truncate(32);
            post[0..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
        }
        assemble(&self.tables)
    }
}

/// The sum of big-endian 32-bit words, as TrueType checksums are made.
fn checksum(data: &[u8]) -> u32 {
    // Whole words, then the last padded with zeros (not a copy per word: a memcpy call each).
    let (words, mut last) = (data.chunks_exact(4), [0u8; 4]);
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    let add = |sum: u32, w: &[u8]| sum.wrapping_add(u32::from_be_bytes([w[0], w[1], w[2], w[3]]));
    add(words.fold(0, add), &last)
}

/// A font program from its tables, with the directory, checksums and head's adjustment.
fn assemble(tables: &BTreeMap<[u8; 4], Vec<u8>>) -> Vec<u8> {
    let count = tables.len() as u16;
    let power = 1u16 << (15 - count.max(1).leading_zeros());
    let mut font = Vec::new();
    font.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    font.extend_from_slice(&count.to_be_bytes());
    font.extend_from_slice(&(power * 16).to_be_bytes());
    font.extend_from_slice(&(power.trailing_zeros() as u16).to_be_bytes());
    font.extend_from_slice(&((count - power) * 16).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in tables {
        font.extend_from_slice(tag);
        font.extend_from_slice(&checksum(data).to_be_bytes());
        font.extend_from_slice(&(offset as u32).to_be_bytes());
        font.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += data.len().next_multiple_of(4);
    }
    font.reserve_exact(offset - font.len()); // kept until the PDF is written: no spare
    for data in tables.values() {
        font.extend_from_slice(data);
        font.resize(font.len().next_multiple_of(4), 0);
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&font));
        let at = at + HEAD_CHECKSUM_ADJUSTMENT;
        font[at..at + 4].copy_from_slice(&adjustment.to_be_bytes());
    }
    font
}

#[cfg(test)]
mod tests {
    use super::*;

    fn font() -> Vec<u8> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/Hanuman-Regular.ttf");
        std::fs::read(path).expect("the bundled font")
    }

    #[test]
    fn a_composite_places_its_parts_and_keeps_every_other_glyph() {
        let mut parsed = Font::parse(&font()).expect("parses");
        let before = parsed.glyph_count();
        let first = parsed.glyphs[10].clone();
        let id = parsed
            .push(&Composite {
                parts: vec![(10, 0, 0), (11, 900, -40)],
                advance: 1500,
            })
            .expect("appends");
        assert_eq!(id as usize, before);
        let written = parsed.write();
        let again = Font::parse(&written).expect("the written font parses");
        assert_eq!(again.glyph_count(), before + 1);
        assert_eq!(again.glyphs[10], first);
        assert_eq!(again.metrics[id as usize].0, 1500);
        assert_eq!(again.stats(id, 0).expect("stats").2, 1);
        let [x0, _, x1, _] = again.bbox(id).expect("an outline");
        let [a0, ..] = again.bbox(10).expect("an outline");
        let [.., b1, _] = again.bbox(11).expect("an outline");
        assert_eq!((x0, x1), (a0, b1 + 900));
        assert_eq!(checksum(&written), 0xB1B0_AFBA, "whole-font checksum");
    }

    #[test]
    fn a_cluster_of_empty_glyphs_is_an_empty_glyph() {
        let mut parsed = Font::parse(&font()).expect("parses");
        let space = (0..parsed.glyph_count() as u16)
            .find(|&g| parsed.glyphs[g as usize].is_empty() && g > 0)
            .expect("an empty glyph");
        let id = parsed
            .push(&Composite {
                parts: vec![(space, 0, 0), (space, 300, 0)],
                advance: 600,
            })
            .expect("appends");
        assert!(parsed.glyphs[id as usize].is_empty());
    }

    #[test]
    fn not_a_truetype_font_is_refused() {
        assert!(Font::parse(b"OTTO\0\0\0\0").is_err());
        assert!(Font::parse(&[]).is_err());
    }
}
