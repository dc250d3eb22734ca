//! Attacks on `dfr` (issue 26), each refused in bounded time and memory: the form's
//! server against hostile local clients, and the command line against hostile files.

use crate::serve::{request, serve};
use crate::util::{code, dfr, example, out};
use serde_json::json;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn couple(dir: &std::path::Path) {
    std::fs::write(dir.join("couple.toml"), example()).unwrap();
}

/// A request announcing a body of 99,999,999,999 bytes, with and without the token, is
/// refused before any of it is read, and the server keeps answering.
#[test]
fn a_huge_announced_body_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    let s = serve(dir.path(), &["couple.toml"]);
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
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    let s = serve(dir.path(), &["couple.toml"]);
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
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    let s = serve(dir.path(), &["couple.toml"]);
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
    assert_eq!(code(&run), 0, "{:?}", out(&run));
    edit(&dir.path().join("tpl"));
    dir
}

/// Renders the example with the set in `tpl`: the run, and whether a PDF was written.
fn render_with_set(dir: &std::path::Path, env: &[(&str, &str)]) -> (std::process::Output, bool) {
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_dfr"))
        .current_dir(dir)
        .args([
            "render",
            "couple.toml",
            "--templates",
            "tpl",
            "-o",
            "out.pdf",
        ])
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
    assert_eq!(code(&run), 2, "{err}");
    assert!(!written);
    assert!(err.contains("notes.typ is a link"), "{err}");
    assert!(!err.contains("another couple"));
    // A linked wording folder is refused too.
    let dir = edited_set(|tpl| {
        std::fs::rename(tpl.join("wording"), tpl.join("../elsewhere")).unwrap();
        std::os::unix::fs::symlink("../elsewhere", tpl.join("wording")).unwrap();
    });
    let (run, written) = render_with_set(dir.path(), &[]);
    assert_eq!(code(&run), 2);
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
            &[
                "render",
                "couple.toml",
                "--templates",
                "tpl",
                "-o",
                "out.pdf",
            ][..],
            &["check", "couple.toml", "--templates", "tpl"],
        ] {
            let run = dfr(dir.path(), args);
            let (_, err) = out(&run);
            assert_eq!(code(&run), 2, "{args:?}: {err}");
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
        assert_eq!(code(&run), 2, "{code_line}: {err}");
        assert!(
            err.contains("couple.toml") && err.contains(expected),
            "{code_line}: {err}"
        );
        assert!(!written, "{code_line}");
        assert!(started.elapsed() < Duration::from_secs(40), "{code_line}");
    }
}
