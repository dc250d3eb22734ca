//! Planning a render before anything is written: each input's output, and every clash refused.

use super::{Args, Format};
use crate::cli::output::{self, Destination};
use crate::cli::report::Report;
use crate::cli::{check_output, shown, vault};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Combinations of arguments that cannot work, as the message to print.
pub(super) fn usage_problem(args: &Args) -> Option<String> {
    let stdout = |p: &Option<PathBuf>| p.as_deref() == Some(Path::new(output::STDOUT));
    if stdout(&args.output) && args.files.len() > 1 {
        let report = Report::error("-o - (standard output) takes one input file");
        return Some(
            report
                .hint("give a folder with -o to render several files")
                .to_string(),
        );
    }
    if stdout(&args.output) && args.format == Format::Png {
        let report =
            Report::error("-o - (standard output) cannot take PNG pages, one file per page");
        return Some(
            report
                .hint("give a folder with -o, or use --format pdf or txt")
                .to_string(),
        );
    }
    if args.pages && args.format != Format::Txt {
        let report = Report::error("--pages is for the review copy (--format txt)");
        return Some(
            report
                .hint("the PDF and the PNG pages are already page by page")
                .to_string(),
        );
    }
    if stdout(&args.emit_bundle) {
        let report = Report::error("--emit-bundle needs a folder, not - (standard output)");
        return Some(report.to_string());
    }
    None
}

/// The files no output may replace: the inputs and the template set's files.
pub(super) struct Guard {
    /// Every input file named on the command line.
    pub(super) inputs: Vec<PathBuf>,
    /// The files of the `--templates` folder, if one is used.
    pub(super) templates: Vec<PathBuf>,
}

impl Guard {
    /// How `path` is written, or why it may not be.
    pub(super) fn check(&self, path: &Path) -> Result<Destination, String> {
        check_output(path, &self.inputs, &self.templates)
    }
}

/// Where one input's output goes, decided before rendering.
pub(super) struct Plan {
    /// The declaration file.
    pub(super) input: PathBuf,
    /// The output file, or with `--format png` the folder for the pages.
    pub(super) target: PathBuf,
    /// How the output file is written (`None` for PNG pages, checked page by page).
    pub(super) destination: Option<Destination>,
    /// The folder for `--emit-bundle`, if asked for.
    pub(super) bundle: Option<PathBuf>,
}

/// Plans every output and refuses, all at once, outputs that would replace an input
/// or a template file, or that two inputs would both write.
pub(super) fn plan(args: &Args, guard: &Guard) -> Result<Vec<Plan>, String> {
    let several = args.files.len() > 1;
    let mut errors = String::new();
    let mut plans = Vec::new();
    let mut taken: HashMap<PathBuf, &Path> = HashMap::new();
    let mut bundles: HashMap<PathBuf, &Path> = HashMap::new();
    for input in &args.files {
        let target = output_path(input, args.output.as_deref(), several, args.format);
        let (key, destination) = if args.format == Format::Png {
            let first = target.join(format!("{}-1.png", file_stem(input)));
            (output::resolved_path(&first), None)
        } else {
            match guard.check(&target) {
                Ok(d) => (output::resolved_path(&target), Some(d)),
                Err(message) => {
                    errors.push_str(&message);
                    continue;
                }
            }
        };
        if let Some(first) = taken.insert(key, input) {
            errors.push_str(&clash(first, input, &target));
        }
        let bundle = args.emit_bundle.as_ref().map(|dir| match several {
            true => dir.join(vault::plain_path(input).file_stem().unwrap_or_default()),
            false => dir.clone(),
        });
        if let Some(dir) = &bundle {
            if let Some(first) = bundles.insert(output::resolved_path(dir), input) {
                errors.push_str(&clash(first, input, dir));
            }
            let typst = guard.templates.iter().filter_map(|t| {
                let name = t.file_name()?;
                (Path::new(name).extension()? == "typ").then(|| dir.join(name))
            });
            for file in std::iter::once(dir.join("data.json")).chain(typst) {
                if let Err(message) = guard.check(&file) {
                    errors.push_str(&message);
                }
            }
        }
        plans.push(Plan {
            input: input.clone(),
            target,
            destination,
            bundle,
        });
    }
    match errors.is_empty() {
        true => Ok(plans),
        false => Err(errors),
    }
}

/// The message for two inputs whose outputs would be the same file.
pub(super) fn clash(first: &Path, second: &Path, target: &Path) -> String {
    let why = match output::resolved_path(first) == output::resolved_path(second) {
        true => "the same input is named twice",
        false => "give the inputs distinct names, or render them into separate folders",
    };
    Report::error(format!(
        "{} and {} would both be written to {}; nothing was written",
        shown(first),
        shown(second),
        target.display()
    ))
    .hint(why)
    .to_string()
}

/// Where the output for `input` goes: a file, or for PNG pages the folder to put them in.
pub(super) fn output_path(
    input: &Path,
    output: Option<&Path>,
    several: bool,
    format: Format,
) -> PathBuf {
    if format == Format::Png {
        let beside = || match input.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        return output.map_or_else(beside, Path::to_path_buf);
    }
    let named = vault::plain_path(input).with_extension(format.extension());
    match (output, several) {
        (Some(path), false) => path.to_path_buf(),
        (Some(dir), true) => dir.join(named.file_name().unwrap_or_default()),
        (None, _) => named,
    }
}

pub(super) fn file_stem(input: &Path) -> String {
    vault::plain_path(input).file_stem().map_or_else(
        || "contract".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    )
}
