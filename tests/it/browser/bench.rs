//! The preview's speed as staff meet it, measured in the browser (issue 23): a pause in
//! typing → the new pages painted, how long a key waits while previews come and go
//! (typing at a steady pace), and the bytes each update carries; for the example and the
//! large family. Not run by default (it takes about two minutes and wants a release
//! build):
//!
//! ```sh
//! cargo test --release --test it preview_speed -- --ignored --nocapture
//! ```
//!
//! `DFR_BENCH_DFR=PATH` measures another build of `dfr` (an earlier version, side by side).

use super::*;

/// Installed in the page: every change of the preview's pages is timed when the browser
/// has decoded the images and painted the frame after them (two animation frames).
const WATCH: &str = "
    window.dfrBench = { painted: [] };
    new MutationObserver(async () => {
      const imgs = [...document.querySelectorAll('#pages img')];
      await Promise.all(imgs.map((i) => i.decode().catch(() => {})));
      requestAnimationFrame(() => requestAnimationFrame(() => dfrBench.painted.push(performance.now())));
    }).observe(document.getElementById('pages'), { childList: true, subtree: true, attributes: true });
    return true";

/// Types one key into the field `id` the way a keystroke arrives (the value changed, then
/// its input event) and returns when it was typed, in the page's clock.
const KEY: &str = "
    const e = document.getElementById(arguments[0]);
    e.value = arguments[1];
    const t = performance.now();
    dfrBench.painted = [];
    e.dispatchEvent(new Event('input', { bubbles: true }));
    return t";

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// For the declaration `source`: the medians of pause → painted (ms) and of the bytes of a
/// preview's answer; then, typing 31 keys 150 ms apart while the previews come and go, how
/// long a key took to be taken (median and longest, ms) and the whole typing (s, against
/// 4.65 s without stalls).
fn measure(source: &str, field: &str) -> Measured {
    let dir = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("couple.toml"), source).unwrap();
    let program =
        std::env::var_os("DFR_BENCH_DFR").unwrap_or_else(|| env!("CARGO_BIN_EXE_dfr").into());
    let mut command = std::process::Command::new(program);
    command
        .current_dir(dir.path())
        .args(["serve", "couple.toml", "--no-open", "--port", "0"]);
    let served: Served = crate::serve::started(command);
    let b = Browser::start(profile.path());
    b.goto(&served.url);
    settle(&b);
    b.script(WATCH, json!([]));
    let id = format!("f-{field}");
    let (mut painted, mut bytes) = (Vec::new(), Vec::new());
    for i in 0..11 {
        let typed = b.script(KEY, json!([id, format!("Teacher {}", i % 2)]));
        let typed = typed.as_f64().expect("the time of the key");
        settle(&b);
        b.wait("the pages painted", || {
            b.script("return dfrBench.painted.length > 0", json!([])) == json!(true)
        });
        let at = b.script(
            "return [dfrBench.painted[dfrBench.painted.length - 1], performance.getEntriesByType('resource').filter(r => r.name.includes('/api/preview')).pop().encodedBodySize]",
            json!([]),
        );
        // The first two warm the caches up, as a person's first keys do.
        if i >= 2 {
            painted.push(at[0].as_f64().unwrap() - typed);
            bytes.push(at[1].as_f64().unwrap());
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    // Typing at a steady pace while the previews come and go.
    let e = b.by_id(&id);
    let started = Instant::now();
    let mut keys = Vec::new();
    for c in "Teacher of mathematics and Khmer".chars().take(31) {
        let key = Instant::now();
        b.call(
            "POST",
            &format!("/element/{e}/value"),
            json!({ "text": c.to_string() }),
        );
        let spent = key.elapsed();
        keys.push(spent.as_secs_f64() * 1000.0);
        std::thread::sleep(Duration::from_millis(150).saturating_sub(spent));
    }
    let typing = started.elapsed().as_secs_f64();
    let longest_key = keys.iter().copied().fold(0.0, f64::max);
    Measured {
        painted: median(painted),
        bytes: median(bytes),
        key: median(keys),
        longest_key,
        typing,
    }
}

/// What `measure` finds.
struct Measured {
    painted: f64,
    bytes: f64,
    key: f64,
    longest_key: f64,
    typing: f64,
}

#[test]
#[ignore = "a benchmark: cargo test --release --test it preview_speed -- --ignored --nocapture"]
fn preview_speed() {
    let large = std::fs::read_to_string(repo("examples/large.toml")).unwrap();
    for (name, source) in [("example", example()), ("large family", large)] {
        let m = measure(&source, "partners[1].occupation.en");
        println!(
            "{name}: pause → pages painted {:.0} ms; {:.0} KB per update; typing 31 keys 150 ms apart: a key taken in {:.0} ms (longest {:.0} ms), all in {:.2} s (4.65 s without stalls)",
            m.painted,
            m.bytes / 1000.0,
            m.key,
            m.longest_key,
            m.typing
        );
    }
}
