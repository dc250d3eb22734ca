//! `dfr watch`: re-render a declaration whenever it or the templates are saved.

use super::render::write_atomically;
use super::{RenderOptions, Status, read_input, shown};
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
        .unwrap_or_else(|| args.file.with_extension("pdf"));
    let mut seen = None;
    println!("watching {} (Ctrl-C to stop)", shown(&args.file));
    loop {
        let stamp = stamp(&args.file, args.render.templates.as_deref());
        if seen.as_ref() != Some(&stamp) {
            seen = Some(stamp);
            once(&args, &target);
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
fn once(args: &Args, target: &Path) {
    let started = Instant::now();
    let Ok(options) = args.render.options() else {
        return;
    };
    let source = match read_input(&args.file) {
        Ok(s) => s,
        Err((_, message)) => {
            eprint!("{message}");
            return;
        }
    };
    let checked = dfr::check(&source);
    for d in &checked.diagnostics {
        eprintln!("{}", d.render(&shown(&args.file)));
    }
    let Some(declaration) = checked.declaration else {
        eprintln!(
            "{}: not rendered; {} is unchanged",
            shown(&args.file),
            target.display()
        );
        return;
    };
    match dfr::render_pdf(&declaration, &options) {
        Ok(pdf) => match write_atomically(target, &pdf) {
            Ok(()) => println!(
                "wrote {} in {} ms",
                target.display(),
                started.elapsed().as_millis()
            ),
            Err(e) => eprintln!("error: cannot write {}: {e}", target.display()),
        },
        Err(e) => eprintln!("error: the templates failed:\n{e}"),
    }
}
