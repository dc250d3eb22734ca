//! The Khmer column as a reader sees it on the page, measured from the PDF's own glyph
//! positions (MuPDF's structured text, `mutool draw -F stext`): the right edge of
//! justified paragraphs, ragged lines filled as far as the next word allows, the widest
//! gap at a space, paragraphs' last lines, and names, places and ordinals never split
//! across lines.

use crate::util::{ARRANGEMENTS, examples, tool, valid};
use dfr::locale::script::{clusters, is_khmer};
use dfr::{Languages, Layout, Options};
use std::collections::BTreeMap;

/// The size of the clauses' Khmer text, in points, by which their lines are found.
const CLAUSE_SIZE: f64 = 10.5;

/// How far short of the column's right edge a line may end and still be flush, in em.
const FLUSH: f64 = 0.3;

/// One glyph as MuPDF places it.
#[derive(Debug, Clone)]
struct Glyph {
    /// Where the glyph starts and ends on the baseline, in points.
    x: f64,
    right: f64,
    c: char,
}

/// One printed line of a clause's Khmer text.
#[derive(Debug)]
struct PrintedLine {
    page: usize,
    left: f64,
    right: f64,
    text: String,
    /// The line's glyphs, spaces included, left to right.
    glyphs: Vec<Glyph>,
    /// The widest gap at a space, from the glyph before to the glyph after, in em.
    widest_gap: f64,
}

/// The value of attribute `name` in an XML start tag, with its entities decoded.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let value = &tag[start..start + tag[start..].find('"')?];
    let mut out = String::new();
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let end = amp + rest[amp..].find(';')?;
        let entity = &rest[amp + 1..end];
        out.push(match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => char::from_u32(u32::from_str_radix(entity.strip_prefix("#x")?, 16).ok()?)?,
        });
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// The clauses' Khmer lines of `pdf`, in reading order, as MuPDF reads their glyphs.
fn printed_lines(pdf: &[u8]) -> Vec<PrintedLine> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("copy.pdf");
    std::fs::write(&path, pdf).expect("writes the PDF");
    let run = tool("mutool")
        .args(["draw", "-q", "-F", "stext", "-o", "-"])
        .arg(&path)
        .output()
        .expect("mutool runs (scripts/test installs mupdf-tools)");
    assert!(run.status.success(), "mutool draw -F stext failed");
    let xml = String::from_utf8(run.stdout).expect("UTF-8");
    // Glyphs of the clauses' font and size, by page and baseline, in stream order.
    let mut rows: BTreeMap<(usize, i64), Vec<Glyph>> = BTreeMap::new();
    let (mut page, mut clause_font) = (0, false);
    for tag in xml.split('<').map(|t| t.trim_end()) {
        if tag.starts_with("page ") {
            page += 1;
        } else if tag.starts_with("font ") {
            let size: f64 = attribute(tag, "size")
                .and_then(|s| s.parse().ok())
                .unwrap_or(0.0);
            clause_font = attribute(tag, "name").as_deref() == Some("Hanuman-Regular")
                && (size - CLAUSE_SIZE).abs() < 0.01;
        } else if tag.starts_with("char ") && clause_font {
            let number = |name| attribute(tag, name).and_then(|v| v.parse::<f64>().ok());
            let quad = attribute(tag, "quad").expect("a quad");
            let right = quad.split(' ').nth(2).and_then(|v| v.parse().ok());
            let c = attribute(tag, "c").and_then(|c| c.chars().next());
            if let (Some(x), Some(y), Some(right), Some(c)) = (number("x"), number("y"), right, c) {
                let baseline = (y * 10.0).round() as i64;
                rows.entry((page, baseline))
                    .or_default()
                    .push(Glyph { x, right, c });
            }
        }
    }
    let mut lines = Vec::new();
    for ((page, _), glyphs) in rows {
        // Two columns can share a baseline: a jump back or far ahead starts another line.
        let mut pieces: Vec<Vec<Glyph>> = Vec::new();
        for glyph in glyphs {
            match pieces.last_mut() {
                Some(piece)
                    if (glyph.x - piece.last().expect("not empty").right).abs()
                        < 2.0 * CLAUSE_SIZE =>
                {
                    piece.push(glyph)
                }
                _ => pieces.push(vec![glyph]),
            }
        }
        for piece in pieces {
            let letters = || piece.iter().filter(|g| g.c != ' ');
            let mut widest_gap: f64 = 0.0;
            for (i, glyph) in piece.iter().enumerate() {
                let before = piece[..i].iter().rev().find(|g| g.c != ' ');
                let after = piece[i + 1..].iter().find(|g| g.c != ' ');
                if let (' ', Some(before), Some(after)) = (glyph.c, before, after) {
                    widest_gap = widest_gap.max((after.x - before.right) / CLAUSE_SIZE);
                }
            }
            lines.push(PrintedLine {
                page,
                left: letters().map(|g| g.x).fold(f64::MAX, f64::min),
                right: letters().map(|g| g.right).fold(f64::MIN, f64::max),
                text: piece.iter().map(|g| g.c).collect(),
                widest_gap,
                glyphs: piece,
            });
        }
    }
    lines
}

/// `text` without white space.
fn solid(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What a copy's Khmer column looks like.
#[derive(Debug)]
struct Evenness {
    /// Lines inside paragraphs (not a paragraph's last line).
    inside: usize,
    /// Those of them that end short of the column's right edge.
    short: Vec<String>,
    /// Those that end short although the next line's first word (or name or place
    /// kept whole) would have fitted.
    unfilled: Vec<String>,
    /// The widest gap at a space in any line inside a paragraph, in em.
    widest_gap: f64,
    /// Paragraphs' last lines of fewer than three clusters.
    lone_last_lines: Vec<String>,
    /// The text of each column on each page, `\n` at each line end.
    columns: Vec<String>,
}

fn evenness(source: &str, options: &Options) -> Evenness {
    let declaration = valid(source);
    let renderer = crate::util::renderer();
    let pdf = renderer.render_pdf(&declaration, options).expect("renders");
    let review = renderer
        .review_text(&declaration, options)
        .expect("a review copy");
    let paragraphs: Vec<String> = (review.lines())
        .filter(|l| l.chars().any(is_khmer))
        .map(solid)
        .collect();
    // A line is a paragraph's last when a paragraph of the review copy ends with it.
    let is_last = |line: &PrintedLine| {
        let text = solid(&line.text);
        !text.is_empty() && paragraphs.iter().any(|p| p.ends_with(&text))
    };
    let lines = printed_lines(&pdf);
    let mut columns: BTreeMap<(usize, i64), Vec<&PrintedLine>> = BTreeMap::new();
    for line in &lines {
        columns
            .entry((line.page, (line.left / 3.0).round() as i64))
            .or_default()
            .push(line);
    }
    let kept = values_kept_whole(source);
    let mut out = Evenness {
        inside: 0,
        short: Vec::new(),
        unfilled: Vec::new(),
        widest_gap: 0.0,
        lone_last_lines: Vec::new(),
        columns: Vec::new(),
    };
    for column in columns.values().filter(|c| c.len() > 1) {
        let edge = column.iter().map(|l| l.right).fold(f64::MIN, f64::max);
        for (i, line) in column.iter().enumerate() {
            if is_last(line) {
                if clusters(&line.text) < 3 {
                    out.lone_last_lines.push(line.text.clone());
                }
                continue;
            }
            out.inside += 1;
            out.widest_gap = out.widest_gap.max(line.widest_gap);
            let short = (edge - line.right) / CLAUSE_SIZE;
            if short > FLUSH {
                out.short.push(format!(
                    "p. {}, {short:.1} em short: {}",
                    line.page, line.text
                ));
                // After a line that ends at a space the next word needs the space too;
                // after a word break, only itself (and a hair for rounding).
                let before = if line.text.ends_with(' ') { SPACE } else { 0.1 };
                let next = column
                    .get(i + 1)
                    .map(|next| first_word(next, is_last(next), &kept));
                if let Some((word, width)) = next.filter(|(_, width)| short > width + before) {
                    out.unfilled.push(format!(
                        "p. {}, {short:.1} em short before `{word}` ({width:.1} em): {}",
                        line.page, line.text
                    ));
                }
            }
        }
        out.columns.push(
            column
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    out
}

/// The widest a space between two words of a ragged line may be, in em: the font's
/// space (0.34 em) unstretched, with the glyphs' side bearings.
const SPACE: f64 = 0.5;

/// The first unit of `line` a line may not break inside (up to its first word break,
/// as the layout marks them, or a whole value of `kept` that it starts with), and how
/// wide it is printed, in em. A paragraph's `last` line is marked as one, whose last
/// clusters stay together.
fn first_word(line: &PrintedLine, last: bool, kept: &[String]) -> (String, f64) {
    use dfr::layout::typeset::{BREAK_MARK, KEEP_END, KEEP_START, Keep, is_mark};
    let text = solid(&line.text);
    let value = kept
        .iter()
        .map(|value| solid(value))
        .filter(|value| text.starts_with(value.as_str()))
        .max_by_key(|value| value.len());
    let word = value.unwrap_or_else(|| {
        let mut word = String::new();
        let mut inside_kept = false;
        for c in Keep::default().marked(line.text.trim(), last).chars() {
            match c {
                KEEP_START => inside_kept = true,
                KEEP_END => inside_kept = false,
                BREAK_MARK | ' ' if !inside_kept && !word.is_empty() => break,
                c if !c.is_whitespace() && !is_mark(c) => word.push(c),
                _ => {}
            }
        }
        word
    });
    let letters = word.chars().count();
    let right = (line.glyphs.iter().filter(|g| g.c != ' '))
        .take(letters)
        .map(|g| g.right)
        .fold(line.left, f64::max);
    (word, (right - line.left) / CLAUSE_SIZE)
}

/// Whether the Khmer column of an arrangement is justified: the full width of the
/// stacked and Khmer-only layouts is; the narrow parallel column is set ragged
/// throughout (justified, 6 % of its lines still ended short, before a name, a place or
/// a long word, with one or two spaces to stretch).
fn justified(layout: Layout, languages: Languages) -> bool {
    !matches!(
        (layout, languages),
        (Layout::Parallel, Languages::KhmerEnglish)
    )
}

#[test]
fn the_khmer_column_is_justified_evenly_or_ragged_throughout_with_no_gap_over_one_em() {
    let mut problems = Vec::new();
    for (name, source) in &examples() {
        for (languages, layout) in ARRANGEMENTS {
            let options = Options::default().languages(languages).layout(layout);
            let e = evenness(source, &options);
            let label = format!("{name} {languages:?} {layout:?}");
            assert!(
                e.inside > 30,
                "{label}: only {} lines inside paragraphs",
                e.inside
            );
            let list = |lines: &[String]| lines.join("\n  ");
            let share = e.short.len() as f64 / e.inside as f64;
            if justified(layout, languages) && share > 0.01 {
                problems.push(format!(
                    "{label}: {} of {} justified lines inside paragraphs end short:\n  {}",
                    e.short.len(),
                    e.inside,
                    list(&e.short)
                ));
            }
            // A ragged column is even by one rule: a line ends where the next word does
            // not fit. (Justified lines end at the edge, so none is unfilled either.)
            if !e.unfilled.is_empty() {
                problems.push(format!(
                    "{label}: lines left short though the next word fits:\n  {}",
                    list(&e.unfilled)
                ));
            }
            // Ragged lines are never stretched; justified ones at most to 1 em.
            let widest = if justified(layout, languages) {
                1.02
            } else {
                SPACE
            };
            if e.widest_gap > widest {
                problems.push(format!(
                    "{label}: a gap of {:.2} em at a space",
                    e.widest_gap
                ));
            }
            if !justified(layout, languages) && share < 0.5 {
                problems.push(format!(
                    "{label}: only {} of {} lines end short: is the column still justified?",
                    e.short.len(),
                    e.inside
                ));
            }
            if !e.lone_last_lines.is_empty() {
                problems.push(format!("{label}: last lines {:?}", e.lone_last_lines));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The Khmer values of a declaration's source that a line may not split: each name
/// (`name = { km = "…" }`) and each place with its unit word (ខេត្តកណ្ដាល,
/// សង្កាត់ទឹកល្អក់ទី៣), a word of a Khmer value that starts with one.
fn values_kept_whole(source: &str) -> Vec<String> {
    use dfr::places::names::KHMER_UNIT_WORDS as UNITS;
    let mut values = Vec::new();
    for line in source.lines() {
        let Some(at) = line.find("km = \"") else {
            continue;
        };
        let value = line[at + 6..].split('"').next().unwrap_or_default();
        if line.trim_start().starts_with("name = ") {
            values.push(value.to_string());
        }
        values.extend(
            (value.split([' ', '។']))
                .filter(|word| {
                    UNITS
                        .iter()
                        .any(|u| word.starts_with(u) && word.len() > u.len())
                })
                .map(str::to_string),
        );
    }
    values.sort();
    values.dedup();
    values
}

#[test]
fn names_places_and_ordinals_are_never_split_across_lines() {
    let mut problems = Vec::new();
    for (name, source) in &examples() {
        let values = values_kept_whole(source);
        assert!(values.len() > 5, "{name}: {values:?}");
        for (languages, layout) in ARRANGEMENTS {
            let options = Options::default().languages(languages).layout(layout);
            let label = format!("{name} {languages:?} {layout:?}");
            for column in evenness(source, &options).columns {
                // Each line end, as a place in the column's text without spaces.
                let mut text = String::new();
                let mut ends = Vec::new();
                for line in column.lines() {
                    text.push_str(&solid(line));
                    ends.push(text.len());
                }
                for value in &values {
                    let value = solid(value);
                    for (at, _) in text.match_indices(&value) {
                        if let Some(end) = ends.iter().find(|&&e| at < e && e < at + value.len()) {
                            problems.push(format!(
                                "{label}: `{value}` split: …{} | {}…",
                                &text[at..*end],
                                &text[*end..at + value.len()]
                            ));
                        }
                    }
                }
                // An ordinal never starts a line: ទី and its number stay with their word.
                for line in column.lines().skip(1) {
                    let rest = solid(line);
                    if rest
                        .strip_prefix("ទី")
                        .and_then(|r| r.chars().next())
                        .is_some_and(dfr::locale::script::is_khmer_digit)
                    {
                        problems.push(format!("{label}: a line starts with an ordinal: {line}"));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
