//! Benchmark of `dfr`: the median time of each render stage and of whole renders, in
//! one process and as whole `dfr` processes, batch rendering, memory, and Typst's CLI.
//!
//! Run from the repository root, after `cargo build --release`:
//!
//! ```sh
//! cargo run --release --example bench                  # all sections
//! cargo run --release --example bench -- --runs 50 --typst /path/to/typst
//! cargo run --release --example bench -- --gazetteer   # only the gazetteer lookups
//! cargo run --release --example bench -- --preview     # only the form's live preview
//! cargo run --release --example bench -- --diff        # only `dfr diff` and the redline
//! cargo run --release --example bench -- --compare A B  # two builds of dfr, alternating
//! cargo run --release --example bench -- --cold         # where a first render's time goes
//! ```

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let runs: usize = flag("--runs").and_then(|r| r.parse().ok()).unwrap_or(30);
    let batch: usize = flag("--batch").and_then(|r| r.parse().ok()).unwrap_or(200);
    let typst = flag("--typst")
        .map(PathBuf::from)
        .or_else(|| which("typst"));
    if args.iter().any(|a| a == "--gazetteer") {
        gazetteer();
        return;
    }
    if args.iter().any(|a| a == "--preview") {
        preview(runs);
        return;
    }
    if args.iter().any(|a| a == "--cold-once") {
        cold_once();
        return;
    }
    if args.iter().any(|a| a == "--cold") {
        cold(runs);
        return;
    }
    if let Some(at) = args.iter().position(|a| a == "--compare") {
        let builds: Vec<PathBuf> = args[at + 1..]
            .iter()
            .take_while(|a| !a.starts_with("--"))
            .map(PathBuf::from)
            .collect();
        compare(&builds, runs);
        return;
    }
    let dfr = PathBuf::from("target/release/dfr");
    assert!(dfr.exists(), "build first: cargo build --release");
    let work = tempfile::tempdir().expect("temp dir");
    if args.iter().any(|a| a == "--diff") {
        diffs(&dfr, work.path(), runs);
        return;
    }

    println!(
        "runs: {runs}; machine: {} cores\n",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    // Whole processes first, while this process is small: a child starts with its
    // parent's peak memory counted in its own.
    println!("## Whole processes (median ms, peak RSS)\n");
    println!("| command | median | peak RSS |");
    println!("|---|---|---|");
    for path in [
        "examples/dara-and-sophea.toml",
        "examples/large.toml",
        "examples/angkor-borei.toml",
    ] {
        let out = work.path().join("out.pdf");
        let (median, rss) = processes(runs, || {
            let mut c = Command::new(&dfr);
            c.args(["render", path, "-o"]).arg(&out);
            c
        });
        println!("| `dfr render {path}` | {median:.0} | {} MB |", rss / 1024);
    }
    if let Some(typst) = &typst {
        let bundle = work.path().join("bundle");
        let status = Command::new(&dfr)
            .args(["render", "examples/dara-and-sophea.toml", "-o"])
            .arg(work.path().join("b.pdf"))
            .arg("--emit-bundle")
            .arg(&bundle)
            .output()
            .expect("dfr runs");
        assert!(status.status.success());
        // The two commands alternate, so that drift in the machine's speed hits both alike.
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        let mut peak = (0, 0);
        for _ in 0..runs {
            let mut c = Command::new(&dfr);
            c.args(["render", "examples/dara-and-sophea.toml", "-o"])
                .arg(work.path().join("d.pdf"));
            let (t, rss) = timed(c);
            ours.push(t);
            peak.0 = peak.0.max(rss);
            let mut c = Command::new(typst);
            // PDF/A-3b, as `dfr render` writes.
            c.args([
                "compile",
                "--ignore-system-fonts",
                "--ignore-embedded-fonts",
                "--pdf-standard",
                "a-3b",
                "--font-path",
            ])
            .arg(bundle.join("fonts"))
            .arg(bundle.join("main.typ"))
            .arg(work.path().join("typst.pdf"));
            let (t, rss) = timed(c);
            theirs.push(t);
            peak.1 = peak.1.max(rss);
        }
        println!(
            "| `dfr render` of the example, alternating with the next row | {:.0} | {} MB |",
            median(&mut ours),
            peak.0 / 1024
        );
        println!(
            "| `typst compile` of that render's bundle | {:.0} | {} MB |",
            median(&mut theirs),
            peak.1 / 1024
        );
    } else {
        println!("| `typst compile` | not measured: no `typst` on PATH (pass --typst PATH) | |");
    }

    println!("\n## In one process (median ms)\n");
    println!(
        "| declaration | pages | parse + validate | wording + data | Typst compile | PDF export | whole render | first render in the process |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for (name, path) in [
        ("example", "examples/dara-and-sophea.toml"),
        ("large", "examples/large.toml"),
    ] {
        in_process(name, path, runs);
    }

    println!("\n## Batch: {batch} declarations\n");
    let dir = work.path().join("batch");
    std::fs::create_dir_all(&dir).unwrap();
    let example = std::fs::read_to_string("examples/dara-and-sophea.toml").unwrap();
    let files: Vec<PathBuf> = (0..batch)
        .map(|i| {
            let p = dir.join(format!("d{i:04}.toml"));
            std::fs::write(
                &p,
                example.replace("RoCK-DFR-2026-0042", &format!("RoCK-DFR-2026-{i:04}")),
            )
            .unwrap();
            p
        })
        .collect();
    let started = Instant::now();
    let out = Command::new(&dfr)
        .arg("render")
        .args(&files)
        .arg("-o")
        .arg(dir.join("out"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let together = started.elapsed();
    let started = Instant::now();
    for f in &files {
        let status = Command::new(&dfr)
            .arg("render")
            .arg(f)
            .arg("-o")
            .arg(dir.join("one.pdf"))
            .output()
            .unwrap();
        assert!(status.status.success());
    }
    let apart = started.elapsed();
    println!("| one `dfr render` of all | {batch} separate `dfr render` | ratio |");
    println!("|---|---|---|");
    println!(
        "| {:.1} s | {:.1} s | {:.2} |",
        together.as_secs_f64(),
        apart.as_secs_f64(),
        together.as_secs_f64() / apart.as_secs_f64()
    );

    println!("\n## Memory over 1,000 renders in one process\n");
    let declaration = load("examples/dara-and-sophea.toml");
    let options = dfr::Options::default();
    let renderer = dfr::Renderer::new();
    let mut marks = Vec::new();
    for i in 1..=1000 {
        renderer.render_pdf(&declaration, &options).unwrap();
        if [1, 10, 100, 500, 1000].contains(&i) {
            marks.push((i, rss_kb()));
        }
    }
    println!("| renders | RSS |");
    println!("|---|---|");
    for (i, kb) in marks {
        println!("| {i} | {} MB |", kb / 1024);
    }

    gazetteer();
    preview(runs);
}

/// What `dfr serve` does when typing pauses: check the edited data, lay the contract
/// out and write its pages as SVG (each run a new edit, as typing makes).
fn preview(runs: usize) {
    println!("\n## The form's live preview (median ms per edit)\n");
    let source = std::fs::read_to_string("examples/dara-and-sophea.toml").unwrap();
    let options = dfr::Options::default();
    let renderer = dfr::Renderer::new();
    let (mut check, mut layout, mut svg, mut total) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut bytes = 0;
    for run in 0..=runs {
        let edited = source.replace("\"Teacher\"", &format!("\"Teacher {run}\""));
        let started = Instant::now();
        let declaration = dfr::Declaration::from_toml_str(&edited).unwrap();
        let checked = started.elapsed();
        let laid = renderer.lay_out(&declaration, &options).unwrap();
        let laid_out = started.elapsed();
        let pages = laid.svg();
        // Where each part starts, for scrolling the preview to the field being edited.
        let parts = laid.parts();
        assert!(!parts.is_empty());
        let done = started.elapsed();
        bytes = pages.iter().map(String::len).sum();
        // The first run compiles the layout's standard library and fonts: a server
        // does that once, before the first edit.
        if run > 0 {
            check.push(checked);
            layout.push(laid_out - checked);
            svg.push(done - laid_out);
            total.push(done);
        }
    }
    let ms = |v: &mut Vec<Duration>| median(v);
    println!("| check | layout (both passes) | SVG pages and parts | total | SVG size |");
    println!("|---|---|---|---|---|");
    println!(
        "| {:.1} | {:.1} | {:.1} | {:.1} | {} KB |",
        ms(&mut check),
        ms(&mut layout),
        ms(&mut svg),
        ms(&mut total),
        bytes / 1024
    );
}

/// Lookups in the compiled-in gazetteer: the first (which reads the data), then the
/// median per lookup of every commune's Khmer name path and of every code's chain.
fn gazetteer() {
    use dfr::places::gazetteer::{Level, gazetteer};
    println!("\n## Gazetteer lookups\n");
    let started = Instant::now();
    let g = gazetteer();
    let first = started.elapsed();
    let communes: Vec<_> = g
        .places()
        .iter()
        .filter(|p| p.level() == Level::Commune)
        .collect();
    let mut paths = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        for commune in &communes {
            let chain = g.chain(&commune.code);
            let path = [
                chain[2].name_km.as_str(),
                chain[1].name_km.as_str(),
                commune.name_km.as_str(),
            ];
            let _ = std::hint::black_box(g.resolve(&path));
        }
        paths.push(started.elapsed() / communes.len() as u32);
    }
    let mut codes = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        for place in g.places() {
            std::hint::black_box(g.latin_chain(&place.code));
        }
        codes.push(started.elapsed() / g.places().len() as u32);
    }
    println!("| reading the data (first lookup) | name path → commune | code → address line |");
    println!("|---|---|---|");
    println!(
        "| {:.1} ms | {:.1} µs | {:.1} µs |",
        first.as_secs_f64() * 1e3,
        median(&mut paths) * 1e3,
        median(&mut codes) * 1e3
    );
}

fn load(path: &str) -> dfr::Declaration {
    dfr::Declaration::from_toml_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn in_process(name: &str, path: &str, runs: usize) {
    let source = std::fs::read_to_string(path).unwrap();
    let options = dfr::Options::default();
    let renderer = dfr::Renderer::new();
    let mut stages: [Vec<Duration>; 5] = Default::default();
    let mut first = Duration::ZERO;
    let mut pages = 0;
    for run in 0..=runs {
        // Each run has new data (a new reference, hence a new document ID), as an edit
        // between saves would, so no run repeats one before.
        let source = source.replace("RoCK-DFR-2026-0042", &format!("RoCK-DFR-2026-B{run:04}"));
        let t0 = Instant::now();
        let declaration = dfr::Declaration::from_toml_str(&source).unwrap();
        let t1 = Instant::now();
        let data = renderer.layout_model(&declaration, &options).unwrap();
        let t2 = Instant::now();
        let document = renderer
            .lay_out_data(&data, &declaration, &options)
            .unwrap();
        let t3 = Instant::now();
        let pdf = document.pdf().unwrap();
        let t4 = Instant::now();
        assert!(pdf.starts_with(b"%PDF"));
        pages = document.count();
        if run == 0 {
            first = t4 - t0;
            continue;
        }
        for (i, d) in [t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0]
            .into_iter()
            .enumerate()
        {
            stages[i].push(d);
        }
    }
    let m: Vec<String> = stages
        .iter_mut()
        .map(|s| format!("{:.1}", median(s)))
        .collect();
    println!(
        "| {name} | {pages} | {} | {} | {} | {} | {} | {:.0} |",
        m[0],
        m[1],
        m[2],
        m[3],
        m[4],
        first.as_secs_f64() * 1000.0
    );
}

/// The stages of a first render in a fresh process, as `dfr render` of the example goes
/// through them: medians of `runs` processes, each this benchmark run with `--cold-once`.
fn cold(runs: usize) {
    const STAGES: [&str; 7] = [
        "renderer (wording compiled)",
        "read, parse + validate",
        "wording + data",
        "Typst compile",
        "PDF export",
        "dropping the pages",
        "whole, in the process",
    ];
    let me = std::env::current_exe().expect("this benchmark's path");
    let mut stages: Vec<Vec<Duration>> = vec![Vec::new(); STAGES.len()];
    for _ in 0..runs {
        let out = Command::new(&me).arg("--cold-once").output().expect("runs");
        assert!(out.status.success(), "the cold render failed");
        let line = String::from_utf8_lossy(&out.stdout);
        for (stage, micros) in stages.iter_mut().zip(line.split_whitespace()) {
            stage.push(Duration::from_micros(micros.parse().expect("a number")));
        }
    }
    println!("## A first render in a fresh process, the example ({runs} processes, median ms)\n");
    println!("| stage | median |");
    println!("|---|---|");
    for (name, times) in STAGES.iter().zip(&mut stages) {
        println!("| {name} | {:.1} |", median(times));
    }
}

/// One first render of the example, printing each stage's time in microseconds.
fn cold_once() {
    let t0 = Instant::now();
    let renderer = dfr::Renderer::new();
    let options = dfr::Options::default();
    let t1 = Instant::now();
    let declaration = load("examples/dara-and-sophea.toml");
    let t2 = Instant::now();
    let data = renderer.layout_model(&declaration, &options).unwrap();
    let t3 = Instant::now();
    let pages = renderer
        .lay_out_data(&data, &declaration, &options)
        .unwrap();
    let t4 = Instant::now();
    let pdf = pages.pdf().unwrap();
    let t5 = Instant::now();
    drop(pages);
    let t6 = Instant::now();
    assert!(pdf.starts_with(b"%PDF"));
    let times = [
        t1 - t0,
        t2 - t1,
        t3 - t2,
        t4 - t3,
        t5 - t4,
        t6 - t5,
        t6 - t0,
    ];
    let line: Vec<String> = times.iter().map(|d| d.as_micros().to_string()).collect();
    println!("{}", line.join(" "));
}

/// Runs the command `runs` times: the median wall time in ms and the peak RSS in KB.
fn processes(runs: usize, command: impl Fn() -> Command) -> (f64, u64) {
    let mut times = Vec::new();
    let mut peak = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let child = command()
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("runs");
        let (ok, rss) = wait_with_rss(child);
        times.push(started.elapsed());
        assert!(ok, "the command failed");
        peak = peak.max(rss);
    }
    (median(&mut times), peak)
}

/// Builds of `dfr` side by side: `dfr render` of the example by each in turn, `runs`
/// rounds, so that drift in the machine's speed hits all alike (copy each build out of
/// `target/` first: `cp target/release/dfr /tmp/dfr-a`).
fn compare(builds: &[PathBuf], runs: usize) {
    assert!(builds.len() >= 2, "--compare takes two builds or more");
    let work = tempfile::tempdir().expect("temp dir");
    let out = work.path().join("out.pdf");
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); builds.len()];
    for _ in 0..runs {
        for (build, times) in builds.iter().zip(&mut times) {
            let mut c = Command::new(build);
            c.args(["render", "examples/dara-and-sophea.toml", "-o"])
                .arg(&out);
            times.push(timed(c).0);
        }
    }
    println!("## `dfr render` of the example, {runs} alternating rounds (median ms)\n");
    println!("| build | median |");
    println!("|---|---|");
    for (build, times) in builds.iter().zip(&mut times) {
        println!("| `{}` | {:.1} |", build.display(), median(times));
    }
}

/// `dfr diff` as whole processes: the example with one occupation changed, and the
/// large family without its first child, as text and as the redline PDF.
fn diffs(dfr: &Path, work: &Path, runs: usize) {
    let example = std::fs::read_to_string("examples/dara-and-sophea.toml").expect("the example");
    let changed = example.replacen("\"Teacher\"", "\"Head teacher\"", 1);
    let large = std::fs::read_to_string("examples/large.toml").expect("the large example");
    let start = large.find("[[children]]").expect("a child");
    let end = start + 2 + large[start + 2..].find("[[").expect("a next table");
    let fewer = format!("{}{}", &large[..start], &large[end..]);
    let pairs = [
        ("example, one occupation changed", example, changed),
        ("large, the first child removed", large, fewer),
    ];
    println!("## `dfr diff` (median ms, peak RSS; exit status 1: they differ)\n");
    println!("| comparison | text | redline PDF |");
    println!("|---|---|---|");
    for (what, old, new) in pairs {
        let (a, b) = (work.join("old.toml"), work.join("new.toml"));
        std::fs::write(&a, old).expect("write");
        std::fs::write(&b, new).expect("write");
        let run = |extra: &[&str]| {
            let (mut times, mut peak) = (Vec::new(), 0);
            for _ in 0..runs {
                let started = Instant::now();
                let child = Command::new(dfr)
                    .arg("diff")
                    .args([&a, &b])
                    .args(extra)
                    .stdout(std::process::Stdio::null())
                    .spawn()
                    .expect("runs");
                let (code, rss) = wait_with_code(child);
                times.push(started.elapsed());
                assert_eq!(code, Some(1), "dfr diff finds the change");
                peak = peak.max(rss);
            }
            (median(&mut times), peak / 1024)
        };
        let text = run(&[]);
        let out = work.join("redline.pdf");
        let pdf = run(&["--format", "pdf", "-o", out.to_str().expect("a UTF-8 path")]);
        println!(
            "| {what} | {:.0} ms, {} MB | {:.0} ms, {} MB |",
            text.0, text.1, pdf.0, pdf.1
        );
    }
}

/// Runs `command` once: its wall time and peak RSS in KB.
fn timed(mut command: Command) -> (Duration, u64) {
    let started = Instant::now();
    let child = command
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("runs");
    let (ok, rss) = wait_with_rss(child);
    assert!(ok, "the command failed");
    (started.elapsed(), rss)
}

/// Waits for `child` and returns whether it succeeded and its peak RSS in KB.
fn wait_with_rss(child: std::process::Child) -> (bool, u64) {
    let (code, rss) = wait_with_code(child);
    (code == Some(0), rss)
}

/// Waits for `child` and returns its exit status (`None` if it did not exit) and its
/// peak RSS in KB.
fn wait_with_code(child: std::process::Child) -> (Option<i32>, u64) {
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 writes the child's status and resource usage into the two locals.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    (
        (pid > 0 && libc::WIFEXITED(status)).then(|| libc::WEXITSTATUS(status)),
        usage.ru_maxrss as u64,
    )
}

fn median(times: &mut [Duration]) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}

/// This process's resident memory, in KB.
fn rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or(0)
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| Path::new(d).join(name))
        .find(|p| p.exists())
}
