//! The Khmer column as a reader sees it on the page, measured from the PDF's own glyph
//! positions (MuPDF's structured text, `mutool draw -F stext`): the right edge of
//! justified paragraphs, the widest gap at a space, paragraphs' last lines, and names,
//! places and ordinals never split across lines.

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
    let mut out = Evenness {
        inside: 0,
        short: Vec::new(),
        widest_gap: 0.0,
        lone_last_lines: Vec::new(),
        columns: Vec::new(),
    };
    for column in columns.values().filter(|c| c.len() > 1) {
        let edge = column.iter().map(|l| l.right).fold(f64::MIN, f64::max);
        for line in column {
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

/// The most lines inside a paragraph that may end short, per arrangement: the full
/// width of the stacked and Khmer-only layouts has none; the narrower parallel column
/// has a few, where a name or a place kept whole or a long word does not fit the end of
/// a line with few spaces to stretch. (Its share rose from 5 % when the dictionary's
/// false breaks inside words, which had given lines more places to end, were refused.)
fn most_short(layout: Layout, languages: Languages) -> f64 {
    match (layout, languages) {
        (Layout::Parallel, Languages::KhmerEnglish) => 0.06,
        _ => 0.01,
    }
}

#[test]
fn the_khmer_column_is_justified_evenly_with_no_gap_over_one_em() {
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
            let share = e.short.len() as f64 / e.inside as f64;
            if share > most_short(layout, languages) {
                problems.push(format!(
                    "{label}: {} of {} lines inside paragraphs end short:\n  {}",
                    e.short.len(),
                    e.inside,
                    e.short.join("\n  ")
                ));
            }
            if e.widest_gap > 1.02 {
                problems.push(format!(
                    "{label}: a gap of {:.2} em at a space",
                    e.widest_gap
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
