//! A wording file cut into its `=== NAME` sections, each checked to use only what a wording template may.

/// Splits a wording file into `(section, body)` pairs at lines `=== NAME`.
pub(crate) fn split_sections(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut sections: Vec<(String, String)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if let Some(name) = line.strip_prefix("=== ") {
            let name = name.trim().to_owned();
            if sections.iter().any(|(s, _)| *s == name) {
                return Err(format!("line {}: section `{name}` appears twice", n + 1));
            }
            sections.push((name, String::new()));
        } else if let Some((_, body)) = sections.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    if sections.is_empty() {
        return Err("no `=== NAME` section line".to_owned());
    }
    Ok(sections)
}

/// The deepest nesting of blocks (`{{#if}}` inside `{{#each}}` …) a wording section may have.
const MAX_BLOCK_DEPTH: usize = 24;

/// The deepest nesting of parentheses (subexpressions) inside one `{{…}}`.
const MAX_PAREN_DEPTH: usize = 12;

/// Refuses what would let a wording template run without end or overflow the stack:
/// partials (`{{> name}}`, which may include themselves) and decorators (`{{* …}}`,
/// `{{#*inline}}`), which the wording never needs, and blocks or subexpressions nested
/// deeper than any wording does. Checked on the text before Handlebars parses it.
pub(crate) fn sandboxed(body: &str) -> Result<(), String> {
    let mut depth = 0usize;
    let mut rest = body;
    let line_of = |at: &str| body[..body.len() - at.len()].matches('\n').count() + 1;
    while let Some(open) = rest.find("{{") {
        let at = &rest[open..];
        let inner = at[2..].trim_start_matches('{').trim_start();
        let inner = inner.strip_prefix('~').unwrap_or(inner).trim_start();
        let (block, inner) = match inner.strip_prefix('#') {
            Some(after) => (true, after.trim_start()),
            None => (false, inner),
        };
        if inner.starts_with('>') || inner.starts_with('*') {
            return Err(format!(
                "line {}: partials (`{{{{>`) and decorators (`{{{{*`) are not allowed in a dfr wording template; write the text in the section itself",
                line_of(at)
            ));
        }
        let end = at.find("}}").unwrap_or(at.len());
        let mut parens = 0usize;
        for c in at[..end].chars() {
            match c {
                '(' => parens += 1,
                ')' => parens = parens.saturating_sub(1),
                _ => {}
            }
            if parens > MAX_PAREN_DEPTH {
                return Err(format!(
                    "line {}: subexpressions nested more than {MAX_PAREN_DEPTH} deep",
                    line_of(at)
                ));
            }
        }
        if block {
            depth += 1;
            if depth > MAX_BLOCK_DEPTH {
                return Err(format!(
                    "line {}: blocks nested more than {MAX_BLOCK_DEPTH} deep",
                    line_of(at)
                ));
            }
        } else if inner.starts_with('/') {
            depth = depth.saturating_sub(1);
        }
        rest = &at[end.max(2)..];
    }
    Ok(())
}

/// The non-blank lines of `text`, trimmed: one paragraph each.
pub(crate) fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}
