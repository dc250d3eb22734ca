//! Attacks on `dfr` (issue 26), each refused in bounded time and memory: the form's
//! server against hostile local clients, and the command line against hostile files.

use crate::serve::{request, serve};
use crate::util::{assert_exit, assert_exit_for, dfr, example, out};
use serde_json::json;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn couple(dir: &std::path::Path) {
    std::fs::write(dir.join("couple.toml"), example()).unwrap();
}

/// `dfr serve couple.toml` on the example, in a folder of its own (kept while in use).
fn served_couple() -> (tempfile::TempDir, crate::serve::Served) {
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    let served = serve(dir.path(), &["couple.toml"]);
    (dir, served)
}

/// A request announcing a body of 99,999,999,999 bytes, with and without the token, is
/// refused before any of it is read, and the server keeps answering.
#[test]
fn a_huge_announced_body_is_refused_without_reading_it() {
    let (_dir, s) = served_couple();
    for cookie in ["", &format!("\r\nCookie: dfr-token={}", s.token)] {
        let mut stream = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:{}{cookie}\r\nContent-Length: 99999999999\r\n\r\nx",
            s.port
        )
        .unwrap();
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        let status = if cookie.is_empty() { "403" } else { "413" };
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status}")),
            "{answer}"
        );
    }
    // Still alive and answering.
    assert_eq!(s.get("/api/form").status, 200);
}

/// Idle sockets that sent half a request cannot hold up the form: a real request is
/// answered at once while they wait, and a silent or trickling client is dropped.
#[test]
fn slow_clients_do_not_freeze_the_form() {
    let (_dir, s) = served_couple();
    let mut idle = Vec::new();
    for _ in 0..16 {
        let mut stream = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
        write!(
            stream,
            "POST / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 5000\r\n\r\n",
            s.port
        )
        .unwrap();
        idle.push(stream);
    }
    for _ in 0..16 {
        // Half a request line, never finished.
        let mut stream = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
        stream.write_all(b"GET /api/fo").unwrap();
        idle.push(stream);
    }
    let started = Instant::now();
    let form = s.get("/api/form");
    assert_eq!(form.status, 200);
    let check = s.post("/api/check", &json!({ "data": form.json()["data"] }));
    assert_eq!(check.status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the form waited {:?} behind idle sockets",
        started.elapsed()
    );
    // More connections than the server takes at once are answered 503 at once, not
    // queued behind the idle ones.
    let mut more = Vec::new();
    for _ in 0..80 {
        more.push(TcpStream::connect(("127.0.0.1", s.port)).unwrap());
    }
    let mut stream = more.pop().unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer:?}");
    drop(more);
    // A client that never finishes its head is closed after the head's time limit.
    let mut half = idle.pop().unwrap();
    half.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut rest = Vec::new();
    let waited = Instant::now();
    let _ = half.read_to_end(&mut rest);
    assert!(
        waited.elapsed() < Duration::from_secs(15),
        "a silent client was kept {:?}",
        waited.elapsed()
    );
    drop(idle);
    assert_eq!(s.get("/api/form").status, 200);
}

/// A head larger than the limit, a chunked body and a malformed request line get an
/// answer, not a hang; none needs the token to be refused.
#[test]
fn malformed_requests_are_answered_and_closed() {
    let (_dir, s) = served_couple();
    let host = format!("Host: 127.0.0.1:{}", s.port);
    let huge = format!(
        "GET / HTTP/1.1\r\n{host}\r\nX-Pad: {}",
        "a".repeat(64 * 1024)
    );
    assert_eq!(request(s.port, &huge, b"").status, 431);
    let chunked = format!("POST /api/check HTTP/1.1\r\n{host}\r\nTransfer-Encoding: chunked");
    assert_eq!(request(s.port, &chunked, b"").status, 411);
    assert_eq!(request(s.port, "NONSENSE", b"").status, 400);
    assert_eq!(s.get("/api/form").status, 200);
}

/// A template set written by `dfr templates`, with `edit` applied, and the example
/// declaration beside it.
fn edited_set(edit: impl FnOnce(&std::path::Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    let run = dfr(dir.path(), &["templates", "tpl"]);
    assert_exit(&run, 0);
    edit(&dir.path().join("tpl"));
    dir
}

/// The command that renders the example with the set in `tpl`.
const RENDER_WITH_SET: [&str; 6] = [
    "render",
    "couple.toml",
    "--templates",
    "tpl",
    "-o",
    "out.pdf",
];

/// Renders the example with the set in `tpl`: the run, and whether a PDF was written.
fn render_with_set(dir: &std::path::Path, env: &[(&str, &str)]) -> (std::process::Output, bool) {
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_dfr"))
        .current_dir(dir)
        .args(RENDER_WITH_SET)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    (run, dir.join("out.pdf").exists())
}

/// A link in a template set is refused, not followed: a shared set cannot print
/// another couple's file (or any file of the computer) into a copy.
#[cfg(unix)]
#[test]
fn a_link_in_a_template_set_is_refused() {
    let dir = edited_set(|tpl| {
        std::fs::write(tpl.join("../secret.toml"), "name = \"another couple\"").unwrap();
        std::os::unix::fs::symlink("../secret.toml", tpl.join("notes.typ")).unwrap();
        let main = std::fs::read_to_string(tpl.join("main.typ")).unwrap();
        std::fs::write(
            tpl.join("main.typ"),
            format!("{main}\n#read(\"notes.typ\")\n"),
        )
        .unwrap();
    });
    let (run, written) = render_with_set(dir.path(), &[]);
    let (_, err) = out(&run);
    assert_exit(&run, 2);
    assert!(!written);
    assert!(err.contains("notes.typ is a link"), "{err}");
    assert!(!err.contains("another couple"));
    // A linked wording folder is refused too.
    let dir = edited_set(|tpl| {
        std::fs::rename(tpl.join("wording"), tpl.join("../elsewhere")).unwrap();
        std::os::unix::fs::symlink("../elsewhere", tpl.join("wording")).unwrap();
    });
    let (run, written) = render_with_set(dir.path(), &[]);
    assert_exit(&run, 2);
    assert!(!written);
    assert!(out(&run).1.contains("wording is a link"), "{}", out(&run).1);
}

/// Partials (which may include themselves) and decorators are refused when the set is
/// read, with the file, section and line; deep nesting too. Nothing overflows a stack.
#[test]
fn recursive_or_deep_wording_templates_are_refused() {
    let cases: [(&str, &str); 4] = [
        ("{{> 03-declaration/en}}", "partials"),
        ("{{#*inline \"x\"}}{{> x}}{{/inline}}{{> x}}", "partials"),
        (&"{{#if true}}".repeat(5000), "blocks nested more than"),
        (
            &format!("{{{{num {}1{}}}}}", "(num ".repeat(5000), ")".repeat(5000)),
            "subexpressions nested",
        ),
    ];
    for (inserted, expected) in cases {
        let dir = edited_set(|tpl| {
            let path = tpl.join("wording/03-declaration.hbs");
            let text = std::fs::read_to_string(&path).unwrap();
            let text = text.replacen("=== en\n", &format!("=== en\n{inserted}\n"), 1);
            std::fs::write(path, text).unwrap();
        });
        for args in [
            &RENDER_WITH_SET[..],
            &["check", "couple.toml", "--templates", "tpl"],
        ] {
            let run = dfr(dir.path(), args);
            let (_, err) = out(&run);
            assert_exit_for(&run, 2, format_args!("{args:?}"));
            assert!(
                err.contains("wording/03-declaration.hbs") && err.contains(expected),
                "{args:?}: {err}"
            );
            assert!(err.contains("line "), "{err}");
        }
        assert!(!dir.path().join("out.pdf").exists());
    }
}

/// Typst code that would take all the memory, all the time or endless pages is
/// stopped with an error naming the file, exit 2, and no output.
#[test]
fn typst_bombs_in_a_template_set_are_stopped() {
    let cases = [
        (
            "#let x = range(1000000000)",
            "more than 1024 MB of memory",
            "30",
        ),
        (
            "#for a in range(10000) { for b in range(10000) { for c in range(100) {} } }",
            "took longer than 3 s",
            "3",
        ),
        (
            "#for i in range(400) { pagebreak() }",
            "pages; a declaration has at most 200",
            "30",
        ),
    ];
    for (code_line, expected, seconds) in cases {
        let dir = edited_set(|tpl| {
            let main = std::fs::read_to_string(tpl.join("main.typ")).unwrap();
            std::fs::write(tpl.join("main.typ"), format!("{main}\n{code_line}\n")).unwrap();
        });
        let started = Instant::now();
        let (run, written) = render_with_set(dir.path(), &[("DFR_RENDER_SECONDS", seconds)]);
        let (_, err) = out(&run);
        assert_exit_for(&run, 2, code_line);
        assert!(
            err.contains("couple.toml") && err.contains(expected),
            "{code_line}: {err}"
        );
        assert!(!written, "{code_line}");
        assert!(started.elapsed() < Duration::from_secs(40), "{code_line}");
    }
}

/// The problems `dfr::check` finds in `source`, as `path: message` lines.
fn problems(source: &str) -> Vec<String> {
    dfr::check(source)
        .diagnostics
        .iter()
        .filter(|d| d.severity == dfr::Severity::Error)
        .map(|d| format!("{}: {} @{:?}", d.path, d.message, d.location))
        .collect()
}

/// Lists past their maxima are refused at once, without checking each entry.
#[test]
fn lists_have_maxima() {
    let child = example()
        .split("[[children]]")
        .nth(1)
        .and_then(|rest| rest.split("[[assets]]").next())
        .unwrap()
        .to_owned();
    let many = format!(
        "{}\n{}",
        example(),
        format!("[[children]]{child}").repeat(25)
    );
    let started = Instant::now();
    let found = problems(&many);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("26 children are listed; a declaration lists at most 20"),
        "{found:?}"
    );
    // A file of the largest size with as many entries as fit is still answered fast.
    let most = format!(
        "{}\n{}",
        example(),
        format!("[[children]]{child}").repeat(2000)
    );
    assert!(problems(&most)[0].contains("at most 20"));
    assert!(started.elapsed() < Duration::from_secs(20));
}

/// Amounts have a maximum, the total cannot wrap, dates of birth and `since` are in
/// plausible years, a number too large is quoted briefly, deep keys are located, and a
/// character that `check` accepts always renders.
#[test]
fn values_stay_within_their_bounds() {
    let source = example();
    let huge = regex_replace(&source, "amount = ", |_| "92233720368547758".to_owned());
    let found = problems(&huge);
    assert!(
        found
            .iter()
            .filter(|p| p.contains("larger than 10000000000000"))
            .count()
            >= 3,
        "{found:#?}"
    );
    let ancient = source.replacen(
        "date-of-birth = 1991-03-15",
        "date-of-birth = 0000-03-15",
        1,
    );
    assert_ne!(ancient, source);
    assert!(
        problems(&ancient)
            .iter()
            .any(|p| p.contains("0000-") && p.contains("not a plausible date"))
    );
    let since = source.replace("since = 2016-06-01", "since = 0000-01-01");
    assert!(
        problems(&since)
            .iter()
            .any(|p| p.starts_with("relationship.since") && p.contains("plausible"))
    );
    let e308 = regex_replace(&source, "amount = ", |_| "1e308".to_owned());
    let found = problems(&e308);
    assert!(
        found.iter().any(|p| p.contains("1e308 is not an amount")),
        "{found:#?}"
    );
    assert!(found.iter().all(|p| p.len() < 300), "{found:#?}");
    let deep = format!("{source}\n{} = 1\n", vec!["a"; 50_000].join("."));
    let found = problems(&deep);
    assert!(
        found[0].contains("nested far deeper") && found[0].contains("line:"),
        "{found:#?}"
    );
    // U+1680 (a space no bundled font has) is refused by check, as render would fail.
    let ogham = source.replacen("\"Teacher\"", "\"Teacher\u{1680}x\"", 1);
    assert_ne!(ogham, source);
    assert!(
        problems(&ogham).iter().any(|p| p.contains("U+1680")),
        "{:#?}",
        problems(&ogham)
    );
}

/// The value after each `key` (up to the end of its line's number) replaced by `with`.
fn regex_replace(source: &str, key: &str, with: impl Fn(&str) -> String) -> String {
    source
        .lines()
        .map(|line| match line.find(key) {
            Some(at) => {
                let start = at + key.len();
                let end = line[start..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
                    .map_or(line.len(), |e| start + e);
                format!(
                    "{}{}{}",
                    &line[..start],
                    with(&line[start..end]),
                    &line[end..]
                )
            }
            None => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A child, biological or adopted, is younger than its legal parent, whichever partner
/// that is; a biological child's parent was at least 12 at the birth.
#[test]
fn a_child_of_either_kind_is_younger_than_either_legal_parent() {
    for (kind, rule) in [
        ("adopted", "not after the legal parent"),
        ("biological", "when this biological child was born"),
    ] {
        let source = example().replace("kind = \"biological\"", &format!("kind = \"{kind}\""));
        for parent in [1, 2] {
            let chosen = source.replace("legal-parent = 1", &format!("legal-parent = {parent}"));
            assert!(
                problems(&chosen).is_empty(),
                "{kind} {parent}: {:#?}",
                problems(&chosen)
            );
            let old = chosen.replace("date-of-birth = 2019-08-02", "date-of-birth = 1960-01-01");
            let found = problems(&old);
            assert!(
                found
                    .iter()
                    .any(|p| p.starts_with("children[1].date-of-birth") && p.contains(rule)),
                "{kind} {parent}: {found:#?}"
            );
        }
    }
}

/// The hidden temporary files of `dir`.
fn temporaries(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".dfr-") && n.ends_with(".tmp"))
        .collect()
}

/// A render stopped by SIGTERM, SIGHUP or SIGINT at any moment leaves no temporary
/// file (each would hold a whole final PDF); one left by SIGKILL is swept by the next
/// write into that folder once it is stale, and a fresh one is left alone.
#[cfg(unix)]
#[test]
fn no_temporary_file_outlives_a_stopped_render() {
    let dir = tempfile::tempdir().unwrap();
    let large = std::fs::read_to_string(crate::util::repo("examples/large.toml")).unwrap();
    let mut inputs = Vec::new();
    for i in 0..6 {
        let name = format!("c{i}.toml");
        std::fs::write(dir.path().join(&name), &large).unwrap();
        inputs.push(name);
    }
    std::fs::create_dir(dir.path().join("out")).unwrap();
    for (signal, delay) in [("TERM", 300), ("HUP", 700), ("INT", 1100), ("TERM", 1500)] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dfr"))
            .current_dir(dir.path())
            .arg("render")
            .args(&inputs)
            .args(["-o", "out/"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        std::process::Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        let status = child.wait().unwrap();
        assert!(
            matches!(status.code(), Some(0 | 130)),
            "SIGTERM after {delay} ms: {status:?}"
        );
        assert_eq!(temporaries(&dir.path().join("out")), Vec::<String>::new());
    }
    // As if a render had been killed with SIGKILL an hour ago, and one were under way.
    let out = dir.path().join("out");
    let stale = out.join(".dfr-killed.tmp");
    std::fs::write(&stale, b"%PDF a whole final copy").unwrap();
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    std::fs::write(out.join(".dfr-busy.tmp"), b"being written").unwrap();
    let run = dfr(dir.path(), &["render", "c0.toml", "-o", "out/c0.pdf"]);
    assert_exit(&run, 0);
    assert_eq!(temporaries(&out), vec![".dfr-busy.tmp".to_owned()]);
}

/// A read-only output is refused, not replaced; the form never writes a copy over its
/// own declaration, whatever the declaration's extension.
#[test]
fn protected_files_and_the_declaration_itself_are_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    std::fs::write(dir.path().join("couple.pdf"), b"signed copy").unwrap();
    let mut permissions = std::fs::metadata(dir.path().join("couple.pdf"))
        .unwrap()
        .permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(dir.path().join("couple.pdf"), permissions).unwrap();
    let run = dfr(dir.path(), &["render", "couple.toml"]);
    let (_, err) = out(&run);
    assert_exit(&run, 2);
    assert!(err.contains("couple.pdf is read-only"), "{err}");
    assert_eq!(
        std::fs::read(dir.path().join("couple.pdf")).unwrap(),
        b"signed copy"
    );
    // dfr serve couple.txt: the review copy would be couple.txt itself.
    std::fs::write(dir.path().join("couple.txt"), example()).unwrap();
    let s = serve(dir.path(), &["couple.txt"]);
    let data = s.data();
    let answer = s.post("/api/produce", &json!({ "data": data, "kind": "review" }));
    assert_ne!(answer.status, 200, "{:?}", answer.json());
    assert!(
        answer.json()["error"]
            .as_str()
            .unwrap()
            .contains("the declaration"),
        "{:?}",
        answer.json()
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("couple.txt")).unwrap(),
        example()
    );
}

/// `dfr check` of a pipe (or a device) that never ends reads a declaration's largest
/// size and stops with a located error, as for a regular file.
#[cfg(unix)]
#[test]
fn an_endless_input_is_read_only_up_to_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("endless.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let writing = fifo.clone();
    let writer = std::thread::spawn(move || {
        let mut pipe = std::fs::OpenOptions::new()
            .write(true)
            .open(&writing)
            .unwrap();
        let chunk = vec![b'#'; 64 * 1024];
        let mut sent = 0usize;
        // Stops when dfr closes its end (at most 64 MB, so the test is bounded).
        while sent < 64 * 1024 * 1024 && pipe.write_all(&chunk).is_ok() {
            sent += chunk.len();
        }
        sent
    });
    let started = Instant::now();
    let run = dfr(dir.path(), &["check", "endless.toml"]);
    let (_, err) = out(&run);
    assert_exit(&run, 1);
    assert!(
        err.contains("endless.toml:1:1") && err.contains("at most 1048576 bytes"),
        "{err}"
    );
    let sent = writer.join().unwrap();
    assert!(sent < 8 * 1024 * 1024, "dfr read {sent} bytes");
    assert!(started.elapsed() < Duration::from_secs(20));
}

/// A final copy whose attached data was replaced by a stream that unpacks to 256 MB
/// (a few hundred kilobytes packed) is refused by `extract` and `verify` without
/// unpacking it, and nothing is written.
#[test]
fn an_attachment_that_unpacks_to_gigabytes_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    assert_exit(&dfr(dir.path(), &["render", "couple.toml"]), 0);
    let mut doc = lopdf::Document::load(dir.path().join("couple.pdf")).unwrap();
    let zeros = vec![b' '; 256 * 1024 * 1024];
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&zeros, 6);
    drop(zeros);
    let mut replaced = false;
    for object in doc.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object
            && stream.dict.get(b"Type").ok().and_then(|t| t.as_name().ok())
                == Some(b"EmbeddedFile".as_slice())
        {
            stream.set_content(packed.clone());
            stream
                .dict
                .set("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()));
            replaced = true;
        }
    }
    assert!(replaced, "the final copy has its data attached");
    doc.save(dir.path().join("bomb.pdf")).unwrap();
    for args in [
        &["extract", "bomb.pdf", "-o", "data.toml"][..],
        &["verify", "bomb.pdf"],
    ] {
        let started = Instant::now();
        let run = dfr(dir.path(), args);
        let (_, err) = out(&run);
        assert_exit_for(&run, 2, format_args!("{args:?}"));
        assert!(
            err.contains("unpacks to more than 1048576 bytes"),
            "{args:?}: {err}"
        );
        assert!(started.elapsed() < Duration::from_secs(20));
    }
    assert!(!dir.path().join("data.toml").exists());
}
