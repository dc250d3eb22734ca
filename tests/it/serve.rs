//! `dfr serve` over HTTP, as a browser or an attacker's page would talk to it: the
//! token, Host and Origin checks, the size limit, path confinement, checks with key
//! paths, previews, saves from two tabs at once, recovery, copies.

use crate::util::{assert_exit, dfr, example, out};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A running `dfr serve`, stopped when dropped.
pub struct Served {
    child: Child,
    /// The port it listens on.
    pub port: u16,
    /// The access token of this run.
    pub token: String,
    /// The address it printed.
    pub url: String,
    /// What it printed on standard output, but the address line, so far.
    pub printed: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `dfr serve ARGS --no-open` in `dir` and reads the address it prints.
pub fn serve(dir: &Path, args: &[&str]) -> Served {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dfr"));
    command
        .current_dir(dir)
        .arg("serve")
        .args(args)
        .args(["--no-open", "--port", "0"]);
    started(command)
}

/// A `dfr` started by `command` that serves the form, and the address it prints.
pub fn started(mut command: Command) -> Served {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dfr serve starts");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout"));
    let mut url = String::new();
    let mut before = String::new();
    for _ in 0..20 {
        let mut line = String::new();
        if lines.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        if let Some(at) = line.find("http://") {
            url = line[at..].trim().to_owned();
            break;
        }
        before.push_str(&line);
    }
    assert!(!url.is_empty(), "dfr serve printed no address");
    // Keep reading its output, so that it never blocks on a full pipe.
    let printed = std::sync::Arc::new(std::sync::Mutex::new(before));
    let kept = std::sync::Arc::clone(&printed);
    std::thread::spawn(move || {
        for line in lines.lines().map_while(Result::ok) {
            kept.lock().unwrap().push_str(&format!("{line}\n"));
        }
    });
    let port = url
        .trim_start_matches("http://127.0.0.1:")
        .split('/')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("a port in the address");
    let token = url.split("token=").nth(1).expect("a token").to_owned();
    Served {
        child,
        port,
        token,
        url,
        printed,
    }
}

/// One HTTP exchange: status, headers (lower-case names) and body.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Sends a raw HTTP/1.1 request to 127.0.0.1:`port` (so that every header, `Host`
/// included, is exactly as given).
pub fn request(port: u16, head: &str, body: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let text = format!(
        "{head}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(text.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    // Read the head, then exactly the body it announces (a server may keep the
    // connection open, as chromedriver does).
    let mut reader = BufReader::new(stream);
    let mut status_line = String::new();
    reader.read_line(&mut status_line).unwrap();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((n, v)) = line.split_once(':') {
            headers.push((n.trim().to_lowercase(), v.trim().to_owned()));
        }
    }
    let mut answer = Answer {
        status,
        headers,
        body: Vec::new(),
    };
    let mut body = Vec::new();
    if let Some(length) = answer
        .header("content-length")
        .and_then(|l| l.parse::<usize>().ok())
    {
        body.resize(length, 0);
        reader.read_exact(&mut body).unwrap();
    } else if answer
        .header("transfer-encoding")
        .is_some_and(|t| t.contains("chunked"))
    {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).unwrap();
            let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            if size == 0 {
                break;
            }
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).unwrap();
            body.extend_from_slice(&chunk[..size]);
        }
    } else {
        reader.read_to_end(&mut body).unwrap();
    }
    answer.body = body;
    answer
}

impl Served {
    /// A request as the form's own page sends it: right Host, the token's cookie.
    pub fn get(&self, path: &str) -> Answer {
        request(
            self.port,
            &format!(
                "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nCookie: dfr-token={}",
                self.port, self.token
            ),
            b"",
        )
    }

    pub fn post(&self, path: &str, body: &Value) -> Answer {
        request(
            self.port,
            &format!(
                "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nOrigin: http://127.0.0.1:{}\r\nCookie: dfr-token={}\r\nContent-Type: application/json",
                self.port, self.port, self.token
            ),
            body.to_string().as_bytes(),
        )
    }

    /// The declaration's data as the form has it.
    pub fn data(&self) -> Value {
        self.get("/api/form").json()["data"].clone()
    }
}

fn couple(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("couple.toml");
    std::fs::write(&path, example()).unwrap();
    path
}

#[test]
fn only_the_printed_address_opens_the_form() {
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    let s = serve(dir.path(), &["couple.toml"]);
    let host = format!("Host: 127.0.0.1:{}", s.port);
    // Without the token, with a wrong one: refused; with it: the page and a cookie.
    let none = request(s.port, &format!("GET / HTTP/1.1\r\n{host}"), b"");
    assert_eq!(none.status, 403);
    let wrong = request(s.port, &format!("GET /?token=0000 HTTP/1.1\r\n{host}"), b"");
    assert_eq!(wrong.status, 403);
    let page = request(
        s.port,
        &format!("GET /?token={} HTTP/1.1\r\n{host}", s.token),
        b"",
    );
    assert_eq!(page.status, 200);
    let cookie = page.header("set-cookie").expect("a cookie");
    assert!(
        cookie.contains(&s.token)
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict")
    );
    // Every answer carries a strict Content-Security-Policy.
    let csp = page.header("content-security-policy").expect("a CSP");
    assert!(
        csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
        "{csp}"
    );
    // The data needs the cookie.
    let api = request(s.port, &format!("GET /api/form HTTP/1.1\r\n{host}"), b"");
    assert_eq!(api.status, 403);
    let api = request(
        s.port,
        &format!("GET /api/form HTTP/1.1\r\n{host}\r\nCookie: dfr-token=nope"),
        b"",
    );
    assert_eq!(api.status, 403);
    assert_eq!(s.get("/api/form").status, 200);
    // The page's own script, style and Khmer font come from the binary.
    assert!(String::from_utf8_lossy(&s.get("/app.js").body).contains("/api/form"));
    assert_eq!(
        s.get("/hanuman.ttf").header("content-type"),
        Some("font/ttf")
    );
}

#[test]
fn another_host_or_another_site_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    let s = serve(dir.path(), &["couple.toml"]);
    let cookie = format!("Cookie: dfr-token={}", s.token);
    // DNS rebinding: a page of evil.example resolved to 127.0.0.1 sends its own Host.
    let rebound = request(
        s.port,
        &format!(
            "GET /api/form HTTP/1.1\r\nHost: evil.example:{}\r\n{cookie}",
            s.port
        ),
        b"",
    );
    assert_eq!(rebound.status, 403);
    let no_host = request(s.port, &format!("GET /api/form HTTP/1.0\r\n{cookie}"), b"");
    assert_eq!(no_host.status, 403);
    let cross_site = request(
        s.port,
        &format!(
            "POST /api/save HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nOrigin: https://evil.example\r\n{cookie}",
            s.port
        ),
        b"{}",
    );
    assert_eq!(cross_site.status, 403);
    // Nothing was written by the refused save.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("couple.toml")).unwrap(),
        example()
    );
}

#[test]
fn bad_requests_get_clear_answers() {
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    let s = serve(dir.path(), &["couple.toml"]);
    let head = format!(
        "POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nCookie: dfr-token={}",
        s.port, s.token
    );
    let bad = request(s.port, &head, b"{not json");
    assert_eq!(bad.status, 400);
    assert!(bad.json()["error"].as_str().unwrap().contains("not JSON"));
    // A body over 2 MB is refused from its announced length, before it is read (the
    // server closes the connection rather than read the rest).
    let mut stream = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    write!(
        stream,
        "{head}\r\nContent-Length: {}\r\n\r\n",
        3 * 1024 * 1024
    )
    .unwrap();
    let _ = stream.write_all(&[b' '; 16 * 1024]);
    let mut too_big = String::new();
    let _ = stream.read_to_string(&mut too_big);
    assert!(too_big.starts_with("HTTP/1.1 413"), "{too_big}");
    // Each request's body is one typed struct: what is missing, misspelt or not a
    // value it takes is named.
    let no_data = s.post("/api/check", &json!({}));
    assert_eq!(no_data.status, 400, "no data");
    assert!(
        no_data.json()["error"]
            .as_str()
            .unwrap()
            .contains("missing field `data`")
    );
    let misspelt = s.post("/api/preview", &json!({ "dat": {} }));
    assert!(
        misspelt.json()["error"]
            .as_str()
            .unwrap()
            .contains("unknown field `dat`")
    );
    let kind = s.post("/api/produce", &json!({ "data": {}, "kind": "copy" }));
    assert_eq!(kind.status, 400);
    let message = kind.json()["error"].as_str().unwrap().to_owned();
    assert!(
        message.contains("unknown variant `copy`") && message.contains("`redacted`"),
        "{message}"
    );
    assert_eq!(
        s.post("/api/recovery", &json!({ "action": "keep" })).status,
        400
    );
    assert_eq!(s.post("/api/nowhere", &json!({})).status, 404);
    assert_eq!(s.get("/nowhere").status, 404);
}

#[test]
fn problems_are_answered_by_key_path_and_the_preview_follows_valid_data() {
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    let s = serve(dir.path(), &["couple.toml"]);
    let mut data = s.data();
    let checked = s.post("/api/check", &json!({ "data": data }));
    assert_eq!(checked.json()["valid"], true, "{:?}", checked.json());
    let preview = s.post("/api/preview", &json!({ "data": data })).json();
    let pages = preview["pages"].as_array().unwrap().clone();
    assert!(pages.len() >= 5, "{} pages", pages.len());
    assert!(
        pages[0]["src"]
            .as_str()
            .unwrap()
            .starts_with("data:image/svg+xml;base64,")
    );
    // The browser names the pages it has: those come back without their image, and a
    // change sends only the pages it changes (an occupation: the first page).
    let hashes: Vec<Value> = pages.iter().map(|p| p["hash"].clone()).collect();
    let again = s
        .post("/api/preview", &json!({ "data": data, "have": hashes }))
        .json();
    assert!(
        again["pages"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p.get("src").is_none()),
        "{again}"
    );
    let mut changed = data.clone();
    changed["partners"][0]["occupation"]["en"] = json!("Head teacher");
    let after = s
        .post("/api/preview", &json!({ "data": changed, "have": hashes }))
        .json();
    let sent: Vec<bool> = after["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.get("src").is_some())
        .collect();
    assert_eq!(sent.len(), pages.len());
    assert!(sent[0], "the changed first page is sent: {sent:?}");
    assert!(
        sent.iter().filter(|s| **s).count() <= 2,
        "only the changed pages are sent: {sent:?}"
    );
    // A wrong value: its problem at its key path, and no preview.
    data["partners"][0]["sex"] = json!("femal");
    data["assets"][0]["shares"] = json!([60, 50]);
    let checked = s.post("/api/check", &json!({ "data": data })).json();
    assert_eq!(checked["valid"], false);
    let paths: Vec<&str> = checked["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert!(paths.contains(&"partners[1].sex"), "{paths:?}");
    let preview = s.post("/api/preview", &json!({ "data": data })).json();
    assert_eq!(preview["valid"], false);
    // The same problems as the command line gives for the same file.
    data["partners"][0]["sex"] = json!("female");
    let checked = s.post("/api/check", &json!({ "data": data })).json();
    assert!(
        checked["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("sum to 110")
    );
    // And in Khmer, for the form's Khmer interface.
    assert_eq!(
        checked["diagnostics"][0]["km"]["message"],
        "ចំណែក ៦០ / ៥០ បូកបាន ១១០ មិនមែន ១០០ ទេ"
    );
}

#[test]
fn saving_writes_the_declaration_only_whole_and_only_where_it_belongs() {
    let dir = tempfile::tempdir().unwrap();
    let path = couple(dir.path());
    let s = serve(dir.path(), &["couple.toml"]);
    let mut data = s.data();
    // Two tabs save different data at once, many times: the file is always one of the
    // two, whole.
    let (mut a, mut b) = (data.clone(), data.clone());
    a["declaration"]["reference"] = json!("TAB-A");
    b["declaration"]["reference"] = json!("TAB-B");
    let tabs: Vec<_> = [a, b]
        .into_iter()
        .map(|d| {
            let (port, token) = (s.port, s.token.clone());
            std::thread::spawn(move || {
                for _ in 0..15 {
                    let head = format!("POST /api/save HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: dfr-token={token}");
                    assert_eq!(request(port, &head, json!({ "data": d }).to_string().as_bytes()).status, 200);
                }
            })
        })
        .collect();
    for _ in 0..30 {
        let text = std::fs::read_to_string(&path).unwrap();
        let declaration = dfr::Declaration::from_toml_str(&text).expect("never a torn file");
        assert!(
            ["TAB-A", "TAB-B", "RoCK-DFR-2026-0042"]
                .contains(&declaration.input().declaration.reference.as_str())
        );
    }
    for tab in tabs {
        tab.join().unwrap();
    }
    // The saved file holds exactly the example's data.
    data["declaration"]["reference"] = json!("RoCK-DFR-2026-0042");
    assert_eq!(s.post("/api/save", &json!({ "data": data })).status, 200);
    let saved = crate::util::valid(&std::fs::read_to_string(&path).unwrap());
    assert_eq!(saved.input(), crate::util::valid(&example()).input());
    // Lists emptied in the form (no witnesses, no children) still make a valid file.
    let mut fewer = data.clone();
    fewer["witnesses"] = json!([]);
    fewer["children"] = json!([]);
    let answer = s.post("/api/save", &json!({ "data": fewer })).json();
    assert_eq!(answer["valid"], true, "{answer}");
    let saved = crate::util::valid(&std::fs::read_to_string(&path).unwrap());
    assert!(saved.input().witnesses.is_empty() && saved.input().children.is_empty());
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("[declaration]"),
        "the file is written in the contract's order"
    );
    assert_eq!(s.post("/api/save", &json!({ "data": data })).status, 200);
    // Invalid data is saved too (nothing typed is lost), and said to be invalid.
    let mut invalid = data.clone();
    invalid["declaration"]["copies"] = json!(0);
    let answer = s.post("/api/save", &json!({ "data": invalid })).json();
    assert_eq!(answer["valid"], false);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("copies = 0")
    );
}

#[test]
fn a_new_declaration_is_saved_in_the_folder_it_was_started_in_and_nowhere_else() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve(dir.path(), &["."]);
    let data = s.data();
    assert_eq!(s.get("/api/form").json()["source"], "starter");
    for name in [
        "../escape.toml",
        "/tmp/escape.toml",
        "sub/x.toml",
        ".hidden.toml",
        "notes.txt",
        "",
    ] {
        let answer = s.post("/api/save", &json!({ "data": data, "name": name }));
        assert_eq!(answer.status, 400, "{name:?} was accepted");
    }
    assert!(!dir.path().parent().unwrap().join("escape.toml").exists());
    // Typed but not yet saved: kept in the folder it will be saved in.
    let mut typed = data.clone();
    typed["declaration"]["reference"] = json!("ORG-DFR-2026-0001");
    s.post("/api/check", &json!({ "data": typed }));
    let recovery = dir.path().join(".new-declaration.recovery");
    assert!(
        std::fs::read_to_string(&recovery)
            .unwrap()
            .contains("ORG-DFR-2026-0001")
    );
    assert_eq!(
        s.get("/api/form").json()["recovery"]["declaration"]["reference"],
        "ORG-DFR-2026-0001"
    );
    let answer = s.post("/api/save", &json!({ "data": data, "name": "couple.toml" }));
    assert_eq!(answer.status, 200, "{:?}", answer.json());
    assert!(dir.path().join("couple.toml").exists());
    // From then on the form edits that file (the page names it in every request);
    // copies are written beside it, and the next New starts from the starter.
    assert_eq!(s.get("/api/form?file=couple.toml").json()["source"], "file");
    assert_eq!(s.get("/api/form").json()["source"], "starter");
    assert!(
        !recovery.exists(),
        "saving clears the new declaration's recovery file"
    );
}

#[test]
fn unsaved_changes_survive_in_a_recovery_file_readable_by_its_owner() {
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    let s = serve(dir.path(), &["couple.toml"]);
    let mut data = s.data();
    data["partners"][0]["occupation"]["en"] = json!("Head teacher");
    s.post("/api/check", &json!({ "data": data }));
    let recovery = dir.path().join(".couple.toml.recovery");
    assert!(
        std::fs::read_to_string(&recovery)
            .unwrap()
            .contains("Head teacher")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&recovery).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o077,
            0,
            "the recovery file is readable by others: {mode:o}"
        );
    }
    // A new page (a crashed browser) is offered the recovered data.
    let form = s.get("/api/form").json();
    assert_eq!(
        form["recovery"]["partners"][0]["occupation"]["en"],
        "Head teacher"
    );
    // Saving clears it.
    s.post("/api/save", &json!({ "data": data }));
    assert!(!recovery.exists());
    assert!(s.get("/api/form").json()["recovery"].is_null());
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly_and_says_where_unsaved_changes_are() {
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    let mut s = serve(dir.path(), &["couple.toml"]);
    let mut data = s.data();
    data["partners"][0]["occupation"]["en"] = json!("Head teacher");
    s.post("/api/check", &json!({ "data": data }));
    let interrupted = Command::new("kill")
        .args(["-INT", &s.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(interrupted.success());
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = s.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "dfr serve did not stop on Ctrl-C"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0), "a clean stop is a success");
    // The reader thread may still be taking the last lines.
    std::thread::sleep(std::time::Duration::from_millis(200));
    let printed = s.printed.lock().unwrap().clone();
    assert!(printed.contains("dfr serve: stopped"), "{printed}");
    assert!(printed.contains(".couple.toml.recovery"), "{printed}");
    assert!(dir.path().join(".couple.toml.recovery").exists());
    assert!(
        std::fs::read_to_string(dir.path().join("couple.toml"))
            .unwrap()
            .contains("Teacher"),
        "the declaration itself is as it was saved"
    );
}

#[test]
fn the_copies_are_written_beside_the_declaration_and_verify() {
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    let s = serve(dir.path(), &["couple.toml"]);
    let data = s.data();
    for (kind, file) in [
        ("final", "couple.pdf"),
        ("draft", "couple.draft.pdf"),
        ("review", "couple.txt"),
        ("redacted", "couple.redacted.pdf"),
    ] {
        let answer = s.post("/api/produce", &json!({ "data": data, "kind": kind }));
        assert_eq!(answer.status, 200, "{kind}: {:?}", answer.json());
        assert!(dir.path().join(file).exists(), "{file}");
    }
    // Not kept: the same copy comes back to be printed, and no file is written.
    let files = || std::fs::read_dir(dir.path()).unwrap().count();
    let before = files();
    for kind in ["final", "draft", "redacted", "review"] {
        let request = json!({ "data": data, "kind": kind, "keep": false });
        let answer = s.post("/api/produce", &request).json();
        let open = answer["open"]
            .as_str()
            .unwrap_or_else(|| panic!("{kind}: {answer}"));
        let copy = s.get(open);
        assert_eq!(copy.status, 200, "{kind}");
        match kind {
            "review" => {
                // Shown as the reading page, as a kept review copy is.
                let page = String::from_utf8_lossy(&copy.body).into_owned();
                assert_eq!(
                    copy.header("content-type"),
                    Some("text/html; charset=utf-8")
                );
                assert_eq!(
                    page,
                    String::from_utf8_lossy(&s.get("/read/couple.txt").body)
                );
            }
            _ => {
                let kept = std::fs::read(dir.path().join(open.trim_start_matches("/print/")));
                assert_eq!(copy.header("content-type"), Some("application/pdf"));
                assert_eq!(copy.body, kept.unwrap(), "{kind}: the same copy as kept");
            }
        }
    }
    assert_eq!(files(), before, "a copy not kept wrote a file");
    // Only the last one is held, and only at its own name.
    assert_eq!(s.get("/print/couple.pdf").status, 404);
    assert_eq!(s.get("/print/../couple.toml").status, 404);
    let run = dfr(dir.path(), &["verify", "couple.pdf", "couple.toml"]);
    assert_exit(&run, 0);
    // The diff against the saved file.
    let mut changed = data.clone();
    changed["declaration"]["copies"] = json!(5);
    let diff = s.post("/api/diff", &json!({ "data": changed })).json();
    assert_eq!(
        diff["values"],
        json!([{ "path": "declaration.copies", "old": "4", "new": "5" }]),
        "{diff:?}"
    );
    // The parts whose wording changed: the copies are counted in words in both
    // languages, and the document ID changes.
    let lines = diff["parts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["lines"].as_array().unwrap().clone())
        .collect::<Vec<_>>();
    assert!(
        lines
            .iter()
            .flat_map(|l| l["segments"].as_array().unwrap().clone())
            .any(|s| s["kind"] == "added" && s["text"].as_str().unwrap().contains('៥')),
        "{diff:?}"
    );
}

#[test]
fn places_are_found_in_either_script() {
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    let s = serve(dir.path(), &["couple.toml"]);
    let found = s.get("/api/places?q=%E1%9E%91%E1%9E%B9%E1%9E%80%E1%9E%9B%E1%9F%92%E1%9E%A2%E1%9E%80%E1%9F%8B").json();
    assert!(
        found
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["code"] == "120406"),
        "{found}"
    );
    let found = s.get("/api/places?q=Angkor+Borei").json();
    assert!(
        found
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["code"] == "210101")
    );
    // The picker's lists: the provinces, then the places under each choice.
    let provinces = s.get("/api/places?under=").json();
    assert_eq!(provinces.as_array().unwrap().len(), 25);
    let villages = s.get("/api/places?under=210101").json();
    assert!(
        villages
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["code"] == "21010103" && p["km"] == "ភូមិព្រៃសំបួរ"),
        "{villages}"
    );
}

/// Issue 21: saving a new declaration never replaces another couple's file; a name in
/// Khmer, without `.toml`, is a file name; a link is never written through.
#[test]
fn a_new_declaration_never_replaces_another_file() {
    let dir = tempfile::tempdir().unwrap();
    let other = couple(dir.path());
    let before = std::fs::read(&other).unwrap();
    let s = serve(dir.path(), &["."]);
    let mut data = s.data();
    data["declaration"]["reference"] = json!("ORG-DFR-2026-0002");
    let answer = s.post("/api/save", &json!({ "data": data, "name": "couple.toml" }));
    assert_eq!(answer.status, 200, "{:?}", answer.json());
    assert_eq!(answer.json()["saved"], "couple-2.toml");
    assert_eq!(answer.json()["renamed"], true);
    assert_eq!(
        std::fs::read(&other).unwrap(),
        before,
        "the other couple's file is untouched"
    );
    assert!(
        std::fs::read_to_string(dir.path().join("couple-2.toml"))
            .unwrap()
            .contains("ORG-DFR-2026-0002")
    );
    // A Khmer name without the extension.
    let s = serve(dir.path(), &["."]);
    let answer = s.post(
        "/api/save",
        &json!({ "data": s.data(), "name": "ស្រីពៅ និង សុខលាង" }),
    );
    assert_eq!(answer.status, 200, "{:?}", answer.json());
    assert_eq!(answer.json()["renamed"], false);
    assert!(dir.path().join("ស្រីពៅ និង សុខលាង.toml").exists());
    assert_eq!(std::fs::read(&other).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn saving_never_writes_through_a_link_out_of_the_folder() {
    let root = tempfile::tempdir().unwrap();
    let (work, outside) = (root.path().join("work"), root.path().join("outside"));
    std::fs::create_dir_all(&work).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("x.toml"), example()).unwrap();
    std::os::unix::fs::symlink("../outside/x.toml", work.join("link.toml")).unwrap();
    let s = serve(&work, &["link.toml"]);
    let mut data = s.data();
    data["partners"][0]["occupation"]["en"] = json!("Changed");
    let answer = s.post("/api/save", &json!({ "data": data }));
    assert_eq!(answer.status, 409, "{:?}", answer.json());
    assert!(answer.json()["error"].as_str().unwrap().contains("link"));
    for kind in ["final", "review"] {
        std::os::unix::fs::symlink(
            "../outside/copy",
            work.join(match kind {
                "final" => "link.pdf",
                _ => "link.txt",
            }),
        )
        .unwrap();
        let answer = s.post("/api/produce", &json!({ "data": s.data(), "kind": kind }));
        assert_eq!(answer.status, 409, "{kind}: {:?}", answer.json());
    }
    assert_eq!(
        std::fs::read_to_string(outside.join("x.toml")).unwrap(),
        example()
    );
    assert!(!outside.join("copy").exists());
    // A new declaration named like the link gets a name of its own.
    let s = serve(&work, &["."]);
    let answer = s.post(
        "/api/save",
        &json!({ "data": s.data(), "name": "link.toml" }),
    );
    assert_eq!(answer.json()["saved"], "link-2.toml");
    assert_eq!(
        std::fs::read_to_string(outside.join("x.toml")).unwrap(),
        example()
    );
}

/// Issue 21: typed changes survive a killed server and any number of reloads until
/// they are restored and saved, or discarded.
#[test]
fn unsaved_changes_survive_a_killed_server_and_reloads() {
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    let s = serve(dir.path(), &["couple.toml"]);
    let saved = s.data();
    let mut typed = saved.clone();
    typed["partners"][0]["occupation"]["en"] = json!("Head teacher");
    s.post("/api/check", &json!({ "data": typed }));
    drop(s); // SIGKILL
    let s = serve(dir.path(), &["couple.toml"]);
    for _ in 0..2 {
        // A reload: the page asks for the form, then checks the data it shows (the
        // saved data, while Restore is offered).
        let form = s.get("/api/form").json();
        assert_eq!(
            form["recovery"]["partners"][0]["occupation"]["en"],
            "Head teacher"
        );
        s.post("/api/check", &json!({ "data": form["data"] }));
        let mut other = saved.clone();
        other["partners"][1]["occupation"]["en"] = json!("Typed before choosing");
        s.post("/api/check", &json!({ "data": other }));
    }
    assert_eq!(
        s.get("/api/form").json()["recovery"]["partners"][0]["occupation"]["en"],
        "Head teacher"
    );
    // Discard is explicit: then nothing is offered.
    assert_eq!(
        s.post("/api/recovery", &json!({ "action": "discard" }))
            .status,
        200
    );
    assert!(s.get("/api/form").json()["recovery"].is_null());
    assert!(!dir.path().join(".couple.toml.recovery").exists());
}

/// Issue 21: an old tab or bookmark (a token of an earlier run) gets a page that says
/// dfr was restarted, in Khmer and English, not JSON.
#[test]
fn an_old_token_gets_a_page_saying_dfr_was_restarted() {
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    let s = serve(dir.path(), &["couple.toml"]);
    let host = format!("Host: 127.0.0.1:{}", s.port);
    let old = request(
        s.port,
        &format!("GET /?token=0123abcd HTTP/1.1\r\n{host}"),
        b"",
    );
    assert_eq!(old.status, 403);
    assert!(old.header("content-type").unwrap().starts_with("text/html"));
    let page = String::from_utf8_lossy(&old.body);
    assert!(
        page.contains("Open dfr again") && page.contains("សូមបើក dfr ម្ដងទៀត"),
        "{page}"
    );
    assert!(!page.contains(&s.token));
    // Its style and font come without the token; the data never does.
    assert_eq!(
        request(s.port, &format!("GET /app.css HTTP/1.1\r\n{host}"), b"").status,
        200
    );
    assert_eq!(
        request(s.port, &format!("GET /api/form HTTP/1.1\r\n{host}"), b"").status,
        403
    );
}

/// Issue 21: `dfr serve` with no argument makes and serves `Documents/DFR` in the home
/// folder; `dfr` started with no argument and no terminal (a double-click) does the
/// same; the home page lists what is saved there.
#[test]
fn the_default_workspace_is_documents_dfr_and_a_bare_start_serves_it() {
    let home = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let workspace = home.path().join("Documents").join("DFR");
    let mut command = Command::new(env!("CARGO_BIN_EXE_dfr"));
    command
        .current_dir(elsewhere.path())
        .env("HOME", home.path())
        .env("USERPROFILE", home.path())
        .args(["serve", "--no-open", "--port", "0"]);
    let s = crate::serve::started(command);
    assert!(workspace.is_dir(), "Documents/DFR was not made");
    let page = s.get("/");
    assert!(String::from_utf8_lossy(&page.body).contains("home.js"));
    let answer = s.post("/api/save", &json!({ "data": s.data() }));
    assert_eq!(answer.status, 200, "{:?}", answer.json());
    let saved = answer.json()["saved"].as_str().unwrap().to_owned();
    assert!(
        workspace.join(&saved).exists(),
        "{saved} is not in the workspace"
    );
    let listed = s.get("/api/declarations").json();
    assert_eq!(listed["declarations"][0]["file"], saved.as_str());
    assert!(
        std::fs::read_dir(elsewhere.path())
            .unwrap()
            .next()
            .is_none()
    );
    drop(s);
    // Started bare, with no terminal: the same workspace, its home page.
    let mut bare = Command::new(env!("CARGO_BIN_EXE_dfr"));
    bare.current_dir(elsewhere.path())
        .env("HOME", home.path())
        .env("USERPROFILE", home.path())
        .env("DFR_NO_OPEN", "1");
    let s = crate::serve::started(bare);
    let said = s.printed.lock().unwrap().clone();
    assert!(
        said.contains("Closing it stops dfr") && said.contains("ការបិទផ្ទាំងនេះ នឹងបញ្ឈប់ dfr"),
        "{said}"
    );
    let listed = s.get("/api/declarations").json();
    assert_eq!(listed["declarations"][0]["file"], saved.as_str());
    let page = s.get("/");
    assert!(String::from_utf8_lossy(&page.body).contains("New declaration"));
}

/// Issue 21: the workspace's requests over HTTP: the list with names and states,
/// Duplicate, Remove into `removed/` and Put back (refused when the name is taken), the
/// copies served for the browser to print, and nothing outside the folder.
#[test]
fn the_workspace_lists_moves_and_serves_copies() {
    let dir = tempfile::tempdir().unwrap();
    let other = couple(dir.path());
    assert_exit(&dfr(dir.path(), &["render", "couple.toml"]), 0);
    let s = serve(dir.path(), &["."]);
    let listed = s.get("/api/declarations").json();
    let entry = &listed["declarations"][0];
    assert_eq!(entry["file"], "couple.toml");
    assert_eq!(entry["reference"], "RoCK-DFR-2026-0042");
    assert_eq!(entry["partners"][1]["en"], "CHAN Sophea");
    assert_eq!(entry["ready"], true);
    assert!(entry["final_copy"].is_string());
    let dup = s.post("/api/duplicate", &json!({ "file": "couple.toml" }));
    assert_eq!(dup.json()["file"], "couple-copy.toml");
    assert_eq!(
        s.post("/api/remove", &json!({ "file": "couple.toml" }))
            .status,
        200
    );
    assert!(!other.exists() && dir.path().join("removed/couple.toml").exists());
    assert!(
        dir.path().join("removed/couple.pdf").exists(),
        "its copies go with it"
    );
    assert_eq!(
        s.get("/api/declarations").json()["removed"][0]["file"],
        "couple.toml"
    );
    assert_eq!(
        s.post("/api/put-back", &json!({ "file": "couple.toml" }))
            .status,
        200
    );
    assert_eq!(std::fs::read_to_string(&other).unwrap(), example());
    for bad in [
        "../couple.toml",
        "/etc/passwd",
        ".couple.toml.recovery",
        "nothing.toml",
    ] {
        assert_eq!(
            s.post("/api/remove", &json!({ "file": bad })).status,
            404,
            "{bad}"
        );
    }
    assert_eq!(s.get("/files/couple.pdf").status, 200);
    // The review copy as a page to read: each Khmer paragraph beside its English one.
    let data = s.get("/api/form?file=couple.toml").json()["data"].clone();
    let made = s.post(
        "/api/produce?file=couple.toml",
        &json!({ "data": data, "kind": "review" }),
    );
    assert_eq!(made.status, 200, "{:?}", made.json());
    let page = s.get("/read/couple.txt");
    assert_eq!(page.status, 200);
    let html = String::from_utf8_lossy(&page.body);
    assert!(
        html.contains(
            "<th lang=\"km\">ប្រការ ១៖ ភាគីនៃសេចក្ដីថ្លែង</th><th lang=\"en\">Article 1: The parties</th>"
        ),
        "{html}"
    );
    assert!(
        html.contains("<td lang=\"en\">First party: SOK Dara"),
        "{html}"
    );
    assert_eq!(s.get("/read/couple.pdf").status, 404);
    for bad in [
        "/files/couple.toml",
        "/files/..%2Fx.pdf",
        "/files/.hidden.pdf",
        "/files/none.pdf",
    ] {
        assert_eq!(s.get(bad).status, 404, "{bad}");
    }
    // A request naming a declaration that is not in the folder is refused.
    assert_eq!(s.get("/api/form?file=..%2Fescape.toml").status, 404);
}

#[test]
fn the_template_set_says_where_the_preview_scrolls_and_a_wrong_part_stops_the_start() {
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    let set = dir.path().join("set");
    assert_exit(&dfr(dir.path(), &["templates", "set"]), 0);
    let form = set.join("form.toml");
    let text = std::fs::read_to_string(&form).unwrap();
    // A lawyer who moves the property into the declaration's clause says so here.
    std::fs::write(
        &form,
        text.replace("[\"property\", \"05-property\"]", "[\"03-declaration\"]"),
    )
    .unwrap();
    let s = serve(dir.path(), &["couple.toml", "--templates", "set"]);
    let reply: serde_json::Value = serde_json::from_slice(&s.get("/api/form").body).unwrap();
    let rule = reply["scroll"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["fields"][0] == "assets")
        .unwrap()
        .clone();
    assert_eq!(rule["parts"], serde_json::json!(["03-declaration"]));
    drop(s);
    // A part the contract does not have is named before the form opens.
    std::fs::write(&form, text.replace("\"01-parties\"", "\"01-partners\"")).unwrap();
    let run = dfr(
        dir.path(),
        &["serve", "couple.toml", "--templates", "set", "--no-open"],
    );
    assert_exit(&run, 2);
    assert!(
        out(&run)
            .1
            .contains("`01-partners` is not a part of the contract"),
        "{:?}",
        out(&run)
    );
}

/// On Linux, the heap `dfr` renders in is advised for huge pages (`src/cli/heap.rs`):
/// `/proc/PID/smaps` shows a `[heap]` mapping with the `hg` flag.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn the_heap_is_on_huge_pages_where_linux_has_them() {
    if !Path::new("/sys/kernel/mm/transparent_hugepage").exists() {
        return; // a kernel without huge pages: nothing to ask for
    }
    let dir = tempfile::tempdir().unwrap();
    let served = serve(dir.path(), &[]);
    let smaps = std::fs::read_to_string(format!("/proc/{}/smaps", served.child.id()))
        .expect("the server's memory map");
    let mut in_heap = false;
    let mut heap_flags = Vec::new();
    for line in smaps.lines() {
        let range = line.split_whitespace().next().unwrap_or_default();
        if range.contains('-') && range.chars().all(|c| c == '-' || c.is_ascii_hexdigit()) {
            in_heap = line.ends_with("[heap]");
        } else if let Some(flags) = line.strip_prefix("VmFlags:")
            && in_heap
        {
            heap_flags.push(flags.to_owned());
        }
    }
    assert!(
        heap_flags
            .iter()
            .any(|f| f.split_whitespace().any(|f| f == "hg")),
        "no part of the heap is advised for huge pages: {heap_flags:?}"
    );
}
