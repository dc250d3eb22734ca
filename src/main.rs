//! The `dfr` command line: parses arguments and hands each command to its module.

mod cli;

/// Every allocation is counted, so that a template set cannot take all the memory.
#[global_allocator]
static ALLOCATOR: cli::guard::Capped = cli::guard::Capped;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Rust ignores SIGPIPE, so printing into a closed pipe would panic; restore the
    // default so that `dfr diff a.toml b.toml | head` just stops, like other tools.
    #[cfg(unix)]
    // SAFETY: called first in main, before any other thread exists; SIG_DFL is a
    // valid disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    cli::heap::use_huge_pages();
    if cli::start::double_clicked() {
        return ExitCode::from(cli::start::serve_workspace() as u8);
    }
    let args = cli::Cli::parse();
    // A stopped command leaves no temporary file (`dfr serve` stops its own way).
    if !matches!(args.command, cli::Command::Serve(_)) {
        crate::cli::leftovers::remove_on_signal();
    }
    let status = match args.command {
        cli::Command::Render(a) => cli::render::run(a),
        cli::Command::Check(a) => cli::check::run(a),
        cli::Command::New(a) => cli::new::run(a),
        cli::Command::Templates(a) => cli::templates::run(a),
        cli::Command::Documents(a) => cli::documents::run(a),
        cli::Command::Calendar(a) => cli::calendar::run(a),
        cli::Command::Words(a) => cli::words::run(a),
        cli::Command::Watch(a) => cli::watch::run(a),
        cli::Command::Extract(a) => cli::extract::run(a),
        cli::Command::Encrypt(a) => cli::encrypt::run(a),
        cli::Command::Decrypt(a) => cli::decrypt::run(a),
        cli::Command::Diff(a) => cli::diff::run(a),
        cli::Command::Verify(a) => cli::verify::run(a),
        cli::Command::Places(a) => cli::places::run(a),
        cli::Command::Serve(a) => cli::serve::run(a),
    };
    ExitCode::from(status as u8)
}
