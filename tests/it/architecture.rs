//! The library's folders are its stages: no module imports a later stage, and no two
//! modules import each other, however indirectly (README, "How it works"); no file is over
//! 400 lines unless it says why it is kept whole.

use crate::util::repo;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The stages in the order a declaration flows through them; a module may import its
/// own stage and those before it.
const STAGES: [&str; 7] = [
    "locale", "options", "places", "input", "wording", "layout", "outputs",
];

/// Every library module (the binary's `cli/` aside) by its path (`layout::render`),
/// with its source up to its unit tests, comments removed.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, prefix: &[String], out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if prefix.is_empty() && name == "cli" {
                    continue;
                }
                let mut inner = prefix.to_vec();
                inner.push(name);
                walk(&path, &inner, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                if prefix.is_empty() && (name == "lib" || name == "main") {
                    continue;
                }
                let mut segments = prefix.to_vec();
                if name != "mod" {
                    segments.push(name);
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                let code: Vec<&str> = code
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .collect();
                let entry = out.entry(segments.join("::")).or_default();
                entry.push_str(&code.join("\n"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&repo("src"), &[], &mut out);
    out
}

/// The modules each module imports through `crate::` paths.
fn imports(modules: &BTreeMap<String, String>) -> BTreeMap<&str, BTreeSet<&str>> {
    let mut graph = BTreeMap::new();
    for (name, code) in modules {
        let mut used = BTreeSet::new();
        for path in code.split("crate::").skip(1) {
            let path: String = path
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let segments: Vec<&str> = path.split("::").collect();
            // The longest prefix of the path that is a module.
            let target = (1..=segments.len())
                .rev()
                .map(|n| segments[..n].join("::"))
                .find_map(|candidate| modules.get_key_value(&candidate).map(|(k, _)| k));
            if let Some(target) = target
                && target != name
                && !name.starts_with(&format!("{target}::"))
            {
                used.insert(target.as_str());
            }
        }
        graph.insert(name.as_str(), used);
    }
    graph
}

fn stage_of(module: &str) -> usize {
    let first = module.split("::").next().unwrap_or_default();
    STAGES
        .iter()
        .position(|s| *s == first)
        .unwrap_or_else(|| panic!("src/{first} is not a stage: add it to STAGES and the README"))
}

#[test]
fn no_module_imports_a_later_stage() {
    let modules = modules();
    assert!(modules.contains_key("layout::render") && modules.contains_key("input::model"));
    let backwards: Vec<String> = imports(&modules)
        .iter()
        .flat_map(|(from, to)| to.iter().map(move |to| (*from, *to)))
        .filter(|(from, to)| stage_of(to) > stage_of(from))
        .map(|(from, to)| format!("{from} imports {to}"))
        .collect();
    assert!(backwards.is_empty(), "{backwards:#?}");
}

#[test]
fn no_modules_import_each_other() {
    let modules = modules();
    let graph = imports(&modules);
    // A module is in a cycle when it can reach itself again.
    let mut cycles = Vec::new();
    for start in graph.keys() {
        let mut seen = BTreeSet::new();
        let mut next: Vec<&str> = graph[start].iter().copied().collect();
        while let Some(module) = next.pop() {
            if module == *start {
                cycles.push(*start);
                break;
            }
            if seen.insert(module) {
                next.extend(graph.get(module).into_iter().flatten().copied());
            }
        }
    }
    assert!(cycles.is_empty(), "in a cycle of imports: {cycles:?}");
}

#[test]
fn the_checks_above_see_an_import_and_a_cycle() {
    let mut modules = BTreeMap::new();
    modules.insert("input::a".to_owned(), "use crate::layout::b::X;".to_owned());
    modules.insert("layout::b".to_owned(), "use crate::input::a::Y;".to_owned());
    let graph = imports(&modules);
    assert_eq!(graph["input::a"], BTreeSet::from(["layout::b"]));
    assert_eq!(graph["layout::b"], BTreeSet::from(["input::a"]));
    assert!(stage_of("layout::b") > stage_of("input::a"));
}

/// Every `.rs` file under `src/` (the binary's included), with its text.
fn source_files(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let name = path.strip_prefix(repo("")).unwrap().display().to_string();
            out.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

/// The most lines a file may have unless its opening `//!` lines say why it is kept
/// whole (one job per file; a reader sees it in one sitting).
const MAX_LINES: usize = 400;

#[test]
fn no_file_is_over_400_lines_unless_it_says_why_it_is_kept_whole() {
    let mut files = Vec::new();
    source_files(&repo("src"), &mut files);
    assert!(files.iter().any(|(name, _)| name.ends_with("lunar.rs")));
    let long: Vec<String> = files
        .iter()
        .filter(|(_, text)| text.lines().count() > MAX_LINES)
        .filter(|(_, text)| {
            let opening: String = text.lines().take_while(|l| l.starts_with("//!")).collect();
            !opening.contains("kept whole")
        })
        .map(|(name, text)| format!("{name}: {} lines", text.lines().count()))
        .collect();
    assert!(
        long.is_empty(),
        "split these, or say why they are kept whole: {long:#?}"
    );
}
