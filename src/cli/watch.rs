//! `dfr watch`: re-render a declaration whenever it or the templates are saved.

use super::report::{self, Report};
use super::{
    RenderOptions, Status, check_output, load_templates, output_error, shown, template_files,
};
use crate::cli::output::{self, Destination};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

const AFTER_HELP: &str = "\
Example:
  dfr watch couple.toml
      renders couple.pdf now and again after every save; stop with Ctrl-C

A save with errors prints them and keeps the last good PDF.";

/// Re-render a declaration whenever its file (or the --templates folder) is saved.
///
/// Each render reuses what Typst computed for the previous one, so a re-render takes
/// a fraction of the first. The time taken, or every problem of a bad save, is printed.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The declaration file (TOML).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The PDF to write (default: the input with .pdf).
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub render: RenderOptions,
}

/// How often the files are looked at.
const POLL: Duration = Duration::from_millis(150);

/// Runs the command; it returns only on a usage error.
pub fn run(args: Args) -> Status {
    let target = args
        .output
        .clone()
        .unwrap_or_else(|| super::vault::plain_path(&args.file).with_extension("pdf"));
    if target.as_os_str() == output::STDOUT {
        return Report::error(
            "dfr watch writes its PDF again after every save, so it needs a file",
        )
        .hint("give a file with -o, or use `dfr render FILE -o -` once")
        .fail(Status::Failure);
    }
    let Ok(templates) = load_templates(args.render.templates.as_deref()) else {
        return Status::Failure;
    };
    let templates = template_files(args.render.templates.as_deref(), &templates);
    if let Err(message) = check_output(&target, std::slice::from_ref(&args.file), &templates) {
        report::say(&message);
        return Status::Failure;
    }
    let mut seen = None;
    let passphrase = super::Passphrase::new();
    println!("watching {} (Ctrl-C to stop)", shown(&args.file));
    loop {
        let stamp = stamp(&args.file, args.render.templates.as_deref());
        if seen.as_ref() != Some(&stamp) {
            seen = Some(stamp);
            once(&args, &target, &templates, &passphrase);
        }
        std::thread::sleep(POLL);
    }
}

/// The modification times of the watched files.
fn stamp(file: &Path, templates: Option<&Path>) -> Vec<Option<SystemTime>> {
    let mut paths = vec![file.to_path_buf()];
    if let Some(dir) = templates {
        for sub in [dir.to_path_buf(), dir.join("wording")] {
            if let Ok(entries) = std::fs::read_dir(sub) {
                let mut found: Vec<PathBuf> =
                    entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
                found.sort();
                paths.extend(found);
            }
        }
    }
    paths
        .iter()
        .map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .collect()
}

/// Renders once, printing the time taken or what is wrong.
fn once(args: &Args, target: &Path, templates: &[PathBuf], passphrase: &super::Passphrase) {
    let started = Instant::now();
    // Read again on every save: the --templates folder may be what changed.
    let Ok(renderer) = args.render.renderer() else {
        return;
    };
    let options = args.render.options();
    let loaded = super::load(&args.file, options.copy, passphrase);
    report::say(&loaded.messages);
    let Some(declaration) = loaded.declaration else {
        report::note(format!(
            "{}: not rendered; {} is unchanged",
            shown(&args.file),
            target.display()
        ));
        return;
    };
    // Looked at again on every save: a link or a pipe may have been put there since.
    let written = check_output(target, std::slice::from_ref(&args.file), templates).and_then(|d| {
        let _deadline = super::guard::Deadline::start(shown(&args.file));
        let pdf = renderer
            .render_pdf(&declaration, &options)
            .map_err(|e| Report::error(format!("the templates failed:\n{e}")).to_string())?;
        output::write(&d, &pdf).map_err(|e| output_error(&e))?;
        Ok(d)
    });
    match written {
        Ok(d) => {
            let line = format!(
                "wrote {} in {} ms",
                target.display(),
                started.elapsed().as_millis()
            );
            match d {
                Destination::File(_) => println!("{line}"),
                _ => report::note(line),
            }
        }
        Err(message) => report::say(&message),
    }
}
