//! The review copy as a page to read in the browser: each Khmer paragraph beside its English one.
//!
//! The review copy (`dfr render --format txt`) prints each article's heading in both
//! languages, then each Khmer paragraph followed by its English one. A lawyer
//! comparing the two reads them side by side; this page sets each pair on one row,
//! article by article. Schedules (pipe tables) and the signature blocks are shown whole.

/// The line that separates the parts of a review copy.
const SEPARATOR: &str = "────────────────";

/// Whether a paragraph is Khmer: its first letter is a Khmer one.
fn is_khmer(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(dfr::locale::script::is_khmer)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The HTML page of a review copy `text`, titled `title`.
pub fn page(title: &str, text: &str) -> String {
    let mut html = format!(
        "<!doctype html>\n<html lang=\"km\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<link rel=\"stylesheet\" href=\"/app.css\">\n<script src=\"/print.js\" defer></script>\n</head>\n<body class=\"reading\">\n<p class=\"print\"><button id=\"print\"><span lang=\"km\">បោះពុម្ព</span> / <span lang=\"en\">Print</span></button></p>\n<main>\n",
        escape(title)
    );
    for part in text.split(SEPARATOR) {
        html.push_str("<section>\n");
        let groups: Vec<Vec<&str>> = part
            .split("\n\n")
            .map(|g| {
                g.lines()
                    .filter(|l| !l.trim().is_empty())
                    .collect::<Vec<_>>()
            })
            .filter(|g| !g.is_empty())
            .collect();
        let (mut km, mut en) = (Vec::new(), Vec::new());
        let flush = |html: &mut String, km: &mut Vec<&str>, en: &mut Vec<&str>| {
            for i in 0..km.len().max(en.len()) {
                let cell = |list: &Vec<&str>, lang: &str| {
                    list.get(i)
                        .map(|t| format!("<td lang=\"{lang}\">{}</td>", escape(t)))
                        .unwrap_or_else(|| "<td></td>".to_owned())
                };
                html.push_str(&format!("<tr>{}{}</tr>\n", cell(km, "km"), cell(en, "en")));
            }
            km.clear();
            en.clear();
        };
        html.push_str("<table class=\"pairs\">\n");
        for (n, group) in groups.into_iter().enumerate() {
            let table = group.iter().all(|l| l.starts_with('|'));
            if table || group.len() > 2 {
                flush(&mut html, &mut km, &mut en);
                html.push_str("</table>\n");
                if table {
                    html.push_str("<table class=\"schedule\">\n");
                    for line in &group {
                        let cells: Vec<&str> = line.trim_matches('|').split(" | ").collect();
                        let lang = if is_khmer(line) { "km" } else { "en" };
                        html.push_str(&format!("<tr lang=\"{lang}\">"));
                        for cell in cells {
                            html.push_str(&format!("<td>{}</td>", escape(cell.trim())));
                        }
                        html.push_str("</tr>\n");
                    }
                    html.push_str("</table>\n");
                } else {
                    html.push_str("<div class=\"whole\">");
                    for line in &group {
                        html.push_str(&format!("<p>{}</p>", escape(line)));
                    }
                    html.push_str("</div>\n");
                }
                html.push_str("<table class=\"pairs\">\n");
                continue;
            }
            if n == 0 && group.len() == 2 && is_khmer(group[0]) && !is_khmer(group[1]) {
                // A part's heading, in both languages: a pair of its own.
                flush(&mut html, &mut km, &mut en);
                html.push_str(&format!(
                    "<tr class=\"heading\"><th lang=\"km\">{}</th><th lang=\"en\">{}</th></tr>\n",
                    escape(group[0]),
                    escape(group[1])
                ));
                continue;
            }
            for line in group {
                if is_khmer(line) {
                    if !en.is_empty() {
                        flush(&mut html, &mut km, &mut en);
                    }
                    km.push(line);
                } else {
                    en.push(line);
                }
            }
        }
        flush(&mut html, &mut km, &mut en);
        html.push_str("</table>\n</section>\n");
    }
    html.push_str("</main>\n</body>\n</html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn khmer_paragraphs_are_paired_with_their_english_in_order() {
        let text = "ប្រការ ១៖ ភាគី\nArticle 1: The parties\n\nភាគីទី១ <b>\nFirst party & co\n\nភាគីទី២\nSecond party\n";
        let html = page("t", text);
        assert!(html.contains(
            "<th lang=\"km\">ប្រការ ១៖ ភាគី</th><th lang=\"en\">Article 1: The parties</th>"
        ));
        assert!(html.contains(
            "<tr><td lang=\"km\">ភាគីទី១ &lt;b&gt;</td><td lang=\"en\">First party &amp; co</td></tr>"
        ));
        assert!(
            html.contains("<tr><td lang=\"km\">ភាគីទី២</td><td lang=\"en\">Second party</td></tr>")
        );
    }
}
