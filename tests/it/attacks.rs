//! Attacks on `dfr` (issue 26), each refused in bounded time and memory: the form's
//! server against hostile local clients, and the command line against hostile files.

use crate::serve::{request, serve};
use crate::util::example;
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
