//! The encrypted workspace (issue 28) through HTTP and the binary: a plain workspace
//! encrypted in place, locked and opened with the passphrase and the recovery key, files
//! written only encrypted, and every one of them opened again by `dfr decrypt`.

use crate::serve::{Served, serve};
use crate::util::{assert_exit, dfr, dfr_typing, example, out};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub const PASSPHRASE: &str = "four words kept safe";

/// The example's personal values that must never be on a disk in the clear: every text
/// of five characters or more (names, ID numbers, phones, addresses).
pub fn personal_values() -> Vec<String> {
    fn walk(v: &toml::Value, out: &mut Vec<String>) {
        match v {
            toml::Value::String(s) if s.chars().count() >= 5 => out.push(s.clone()),
            toml::Value::Table(t) => t.values().for_each(|v| walk(v, out)),
            toml::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let table: toml::Table = example().parse().unwrap();
    let mut found = Vec::new();
    for key in ["partners", "children", "witnesses", "authority"] {
        if let Some(v) = table.get(key) {
            walk(v, &mut found);
        }
    }
    found.sort();
    found.dedup();
    assert!(found.len() > 20, "{found:?}");
    found
}

/// Every regular file under `dir`, however deep.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => found.extend(files_under(&path)),
            Ok(t) if t.is_file() => found.push(path),
            _ => {}
        }
    }
    found
}

/// Asserts that no file under `dir` holds any of `values` in its name, or in UTF-8 or
/// UTF-16 (either byte order) in its raw bytes.
#[track_caller]
pub fn assert_no_plain_data(dir: &Path, values: &[String]) {
    for file in files_under(dir) {
        let name = file
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for value in values {
            assert!(
                !name.contains(value.as_str()),
                "the file name {name} holds {value:?}"
            );
        }
        let bytes = std::fs::read(&file).unwrap();
        for value in values {
            let utf16 = |big: bool| -> Vec<u8> {
                value
                    .encode_utf16()
                    .flat_map(|u| match big {
                        true => u.to_be_bytes(),
                        false => u.to_le_bytes(),
                    })
                    .collect()
            };
            for needle in [value.as_bytes().to_vec(), utf16(false), utf16(true)] {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle.as_slice()),
                    "{} holds {value:?} in the clear",
                    file.display()
                );
            }
        }
    }
}

/// Asserts that every encrypted file under `dir` (the key files aside) opens with `dfr
/// decrypt` given `secret`, a declaration to TOML with the partners' names.
#[track_caller]
pub fn assert_every_file_opens(dir: &Path, secret: &str) -> usize {
    let mut opened = 0;
    for file in files_under(dir) {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".age") || name.starts_with(".dfr-") {
            continue;
        }
        let folder = file.parent().unwrap();
        let run = dfr_typing(
            folder,
            &["decrypt", &name, "-o", "-"],
            &format!("{secret}\n"),
        );
        assert_exit(&run, 0);
        if name.ends_with(".toml.age") || name.ends_with(".recovery.age") {
            let text = String::from_utf8(run.stdout.clone()).unwrap();
            assert!(text.contains("[[partners]]"), "{name}: {text}");
        } else if name.ends_with(".pdf.age") {
            assert!(run.stdout.starts_with(b"%PDF-"), "{name}");
        } else {
            assert!(!run.stdout.is_empty(), "{name}");
        }
        opened += 1;
    }
    opened
}

/// A plain workspace of one declaration with a final copy, an unsaved change and one
/// declaration removed: a day of work before encryption.
fn plain_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dara.toml"), example()).unwrap();
    assert_exit(&dfr(dir.path(), &["render", "dara.toml"]), 0);
    let changed = example().replace("copies = 4", "copies = 3");
    std::fs::write(dir.path().join(".dara.toml.recovery"), &changed).unwrap();
    std::fs::create_dir(dir.path().join("removed")).unwrap();
    std::fs::write(dir.path().join("removed/old.toml"), example()).unwrap();
    dir
}

fn passphrase(twice: &str, again: &str) -> Value {
    json!({ "passphrase": twice, "again": again })
}

/// Issue 28: a plain workspace encrypted in place from the form holds no plain data
/// afterwards; every file opens with the passphrase and with the recovery key; locked,
/// the form gives nothing; a wrong passphrase is refused; the recovery key opens it
/// and sets a new passphrase; saves and copies are written encrypted.
#[test]
fn a_workspace_encrypted_in_place_gives_nothing_without_its_passphrase() {
    let dir = plain_workspace();
    let served: Served = serve(dir.path(), &["."]);
    let status = served.get("/api/workspace").json();
    assert_eq!(status["encrypted"], json!(false), "{status}");
    assert_eq!(status["empty"], json!(false), "{status}");
    let refused = served.post("/api/setup", &passphrase(PASSPHRASE, "four words kept"));
    assert_eq!(refused.status, 400);
    assert_eq!(refused.json()["reason"], json!("differ"));
    let made = served.post("/api/setup", &passphrase(PASSPHRASE, PASSPHRASE));
    assert_eq!(made.status, 200, "{}", made.json());
    let made = made.json();
    // The declaration, its final copy, its recovery file and the removed one.
    assert_eq!(made["converted"], json!(4), "{made}");
    let recovery = made["recovery"].as_str().unwrap().to_owned();
    assert!(recovery.starts_with("AGE-SECRET-KEY-1 "), "{recovery}");
    let values = personal_values();
    assert_no_plain_data(dir.path(), &values);
    for plain in [
        "dara.toml",
        "dara.pdf",
        ".dara.toml.recovery",
        "removed/old.toml",
    ] {
        assert!(!dir.path().join(plain).exists(), "{plain}");
        assert!(dir.path().join(format!("{plain}.age")).exists(), "{plain}");
    }
    assert_eq!(assert_every_file_opens(dir.path(), PASSPHRASE), 4);
    assert_eq!(assert_every_file_opens(dir.path(), &recovery), 4);
    // Open: the list, the form with its unsaved change offered, the copy.
    let list = served.get("/api/declarations").json();
    assert_eq!(list["encrypted"], json!(true));
    assert_eq!(
        list["declarations"][0]["file"],
        json!("dara.toml"),
        "{list}"
    );
    let form = served.get("/api/form?file=dara.toml").json();
    assert_eq!(form["data"]["partners"][0]["name"]["en"], json!("SOK Dara"));
    assert_eq!(form["recovery"]["declaration"]["copies"], json!(3));
    assert!(served.get("/files/dara.pdf").body.starts_with(b"%PDF-"));
    // A save and a kept copy are written encrypted.
    let mut data = form["data"].clone();
    data["declaration"]["copies"] = json!(2);
    let saved = served.post("/api/save?file=dara.toml", &json!({ "data": data }));
    assert_eq!(saved.status, 200, "{}", saved.json());
    let draft = served.post(
        "/api/produce?file=dara.toml",
        &json!({ "data": data, "kind": "draft" }),
    );
    assert_eq!(draft.status, 200, "{}", draft.json());
    assert!(dir.path().join("dara.draft.pdf.age").exists());
    assert!(!dir.path().join("dara.draft.pdf").exists());
    assert_no_plain_data(dir.path(), &values);
    // Locked: nothing of the workspace is given.
    assert_eq!(served.post("/api/lock", &json!({})).status, 200);
    for path in [
        "/api/declarations",
        "/api/form?file=dara.toml",
        "/files/dara.pdf",
        "/read/dara.txt",
    ] {
        let answer = served.get(path);
        assert_eq!(answer.status, 423, "{path}");
        assert!(!String::from_utf8_lossy(&answer.body).contains("SOK"));
    }
    let check = served.post("/api/check", &json!({ "data": data }));
    assert_eq!(check.status, 423);
    let wrong = served.post("/api/unlock", &json!({ "secret": "four words kept saf" }));
    assert_eq!(wrong.status, 422);
    assert_eq!(served.get("/api/declarations").status, 423);
    // A declaration copied into the locked folder as a plain file is encrypted as the
    // workspace opens. The recovery key, typed in lower case with its spaces, opens it.
    std::fs::write(dir.path().join("brought.toml"), example()).unwrap();
    let by_key = served.post("/api/unlock", &json!({ "secret": recovery.to_lowercase() }));
    assert_eq!(by_key.status, 200);
    assert_eq!(by_key.json()["recovery"], json!(true));
    assert_eq!(by_key.json()["converted"], json!(1));
    assert!(!dir.path().join("brought.toml").exists());
    assert!(dir.path().join("brought.toml.age").exists());
    assert_no_plain_data(dir.path(), &values);
    let moved = served.post("/api/remove", &json!({ "file": "brought.toml" }));
    assert_eq!(moved.status, 200, "{}", moved.json());
    assert_eq!(served.get("/api/declarations").status, 200);
    let renewed = served.post(
        "/api/passphrase",
        &passphrase("a new passphrase of five", "a new passphrase of five"),
    );
    assert_eq!(renewed.status, 200, "{}", renewed.json());
    served.post("/api/lock", &json!({}));
    assert_eq!(
        served
            .post("/api/unlock", &json!({ "secret": PASSPHRASE }))
            .status,
        422
    );
    assert_eq!(
        served
            .post(
                "/api/unlock",
                &json!({ "secret": "a new passphrase of five" })
            )
            .status,
        200
    );
    // The declaration, its final copy and draft, the two removed ones (the save took
    // the unsaved change).
    assert_eq!(
        assert_every_file_opens(dir.path(), "a new passphrase of five"),
        5
    );
    // A copy cut short and a declaration with one byte changed: a clear error, no data.
    let pdf = dir.path().join("dara.pdf.age");
    let bytes = std::fs::read(&pdf).unwrap();
    std::fs::write(&pdf, &bytes[..bytes.len() - 100]).unwrap();
    let cut = served.get("/files/dara.pdf");
    assert_eq!(cut.status, 500);
    assert!(!cut.body.starts_with(b"%PDF"));
    let said = cut.json()["error"].as_str().unwrap_or("").to_owned();
    assert!(
        said.contains("dara.pdf.age is not a whole encrypted file"),
        "{said}"
    );
    let toml = dir.path().join("removed/old.toml.age");
    let mut bytes = std::fs::read(&toml).unwrap();
    let last = bytes.len() - 20;
    bytes[last] ^= 1;
    std::fs::write(&toml, &bytes).unwrap();
    let changed = dfr_typing(
        &dir.path().join("removed"),
        &["decrypt", "old.toml.age", "-o", "-"],
        "a new passphrase of five\n",
    );
    assert_exit(&changed, 2);
    assert!(changed.stdout.is_empty());
    assert!(
        out(&changed).1.contains("is not a whole encrypted file"),
        "{:?}",
        out(&changed)
    );
    // The command line reads a workspace's declaration with its passphrase.
    let check = dfr_typing(
        dir.path(),
        &["check", "dara.toml.age"],
        "a new passphrase of five\n",
    );
    assert_exit(&check, 0);
    let wrong = dfr_typing(dir.path(), &["check", "dara.toml.age"], "nope\n");
    assert_exit(&wrong, 2);
    assert!(
        out(&wrong).1.contains("the passphrase does not open"),
        "{:?}",
        out(&wrong)
    );
}

/// Issue 28: a new workspace is offered a passphrase on first start; an encrypted
/// workspace locks itself after `--lock-after` unused, and a stopped server leaves
/// nothing plain behind.
#[test]
fn an_encrypted_workspace_locks_itself_after_a_pause() {
    let dir = tempfile::tempdir().unwrap();
    let served: Served = serve(dir.path(), &[".", "--lock-after", "2s"]);
    let status = served.get("/api/workspace").json();
    assert_eq!(status["empty"], json!(true), "{status}");
    assert_eq!(status["encrypted"], json!(false), "{status}");
    assert_eq!(
        served.post("/api/setup", &passphrase("", "")).json()["reason"],
        json!("empty")
    );
    let like_a_key = "AGE-SECRET-KEY-1 my own words";
    let refused = served.post("/api/setup", &passphrase(like_a_key, like_a_key));
    assert_eq!(refused.json()["reason"], json!("like-a-key"));
    let made = served.post("/api/setup", &passphrase(PASSPHRASE, PASSPHRASE));
    assert_eq!(made.status, 200);
    assert_eq!(made.json()["converted"], json!(0));
    // A recovery key mistyped opens nothing, and says what to check.
    served.post("/api/lock", &json!({}));
    let mistyped = served.post("/api/unlock", &json!({ "secret": "AGE-SECRET-KEY-1 QQQQ" }));
    assert_eq!(mistyped.status, 422);
    let said = mistyped.json()["error"].as_str().unwrap_or("").to_owned();
    assert!(said.contains("not a whole recovery key"), "{said}");
    let opened = served.post("/api/unlock", &json!({ "secret": PASSPHRASE }));
    assert_eq!(opened.status, 200);
    let again = served.post("/api/setup", &passphrase(PASSPHRASE, PASSPHRASE));
    assert_eq!(again.status, 409);
    // A new declaration, saved: only its encrypted file is written.
    let mut data = served.data();
    data["partners"][0]["name"]["en"] = json!("SOK Dara");
    let saved = served.post("/api/save", &json!({ "data": data, "name": "dara" }));
    assert_eq!(saved.status, 200, "{}", saved.json());
    assert!(dir.path().join("dara.toml.age").exists());
    assert!(!dir.path().join("dara.toml").exists());
    // A name made by dfr for a declaration with no reference yet does not show the
    // partners' names, as it would in a plain workspace.
    data["declaration"]["reference"] = json!("");
    let unnamed = served.post("/api/save", &json!({ "data": data }));
    assert_eq!(
        unnamed.json()["saved"],
        json!("declaration.toml"),
        "{}",
        unnamed.json()
    );
    assert!(dir.path().join("declaration.toml.age").exists());
    let status = served.get("/api/workspace").json();
    assert_eq!(status["lock_after"], json!(2));
    let started = Instant::now();
    while served.get("/api/workspace").json()["locked"] != json!(true) {
        assert!(started.elapsed() < Duration::from_secs(10), "never locked");
        std::thread::sleep(Duration::from_millis(300));
    }
    // The status request does not count as use; a locked workspace's list is refused.
    assert_eq!(served.get("/api/declarations").status, 423);
    assert!(served.printed.lock().unwrap().contains("locked itself"));
    // One declaration of it is not opened as a plain file beside the encrypted ones.
    let single = dfr(dir.path(), &["serve", "dara.toml", "--no-open"]);
    assert_exit(&single, 2);
    assert!(
        out(&single).1.contains("in an encrypted workspace"),
        "{:?}",
        out(&single)
    );
    assert!(!dir.path().join("dara.toml").exists());
    // A bad pause is refused at the start, with the way to write one.
    let bad = dfr(
        dir.path(),
        &["serve", ".", "--lock-after", "soon", "--no-open"],
    );
    assert_exit(&bad, 2);
    assert!(out(&bad).1.contains("15m"), "{:?}", out(&bad));
}

/// Issue 28: `dfr encrypt FOLDER` encrypts a plain workspace in place from the command
/// line and prints its recovery key once; the files open with either.
#[test]
fn the_command_line_encrypts_a_workspace_in_place() {
    let dir = plain_workspace();
    let run = dfr_typing(dir.path(), &["encrypt", "."], &format!("{PASSPHRASE}\n"));
    assert_exit(&run, 0);
    let (stdout, _) = out(&run);
    assert!(stdout.contains("encrypted 4 files"), "{stdout}");
    let key_line = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("AGE-SECRET-KEY-1"))
        .expect("the recovery key printed")
        .trim()
        .to_owned();
    assert_no_plain_data(dir.path(), &personal_values());
    assert_eq!(assert_every_file_opens(dir.path(), PASSPHRASE), 4);
    assert_eq!(assert_every_file_opens(dir.path(), &key_line), 4);
    let twice = dfr_typing(dir.path(), &["encrypt", "."], &format!("{PASSPHRASE}\n"));
    assert_exit(&twice, 2);
    assert!(out(&twice).1.contains("encrypted workspace already"));
    // A render of a workspace's declaration asks once and writes the plain PDF only
    // where it is told to.
    let render = dfr_typing(
        dir.path(),
        &["render", "dara.toml.age", "-o", "handover.pdf"],
        &format!("{PASSPHRASE}\n"),
    );
    assert_exit(&render, 0);
    assert!(
        std::fs::read(dir.path().join("handover.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
}

/// Issue 28: a plain file that cannot be encrypted (a file of its encrypted name is
/// there already) is said, stays as it is, and does not lose the recovery key.
#[test]
fn a_file_that_cannot_be_encrypted_is_said_and_the_recovery_key_still_shown() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), example()).unwrap();
    std::fs::write(dir.path().join("a.toml.age"), "not this").unwrap();
    let served: Served = serve(dir.path(), &["."]);
    let made = served.post("/api/setup", &passphrase(PASSPHRASE, PASSPHRASE));
    assert_eq!(made.status, 200);
    let made = made.json();
    assert!(
        made["recovery"]
            .as_str()
            .unwrap()
            .starts_with("AGE-SECRET-KEY-1")
    );
    let said = made["unconverted"].as_str().unwrap_or("");
    assert!(said.contains("a.toml.age already exists"), "{made}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.toml.age")).unwrap(),
        "not this"
    );
    assert!(dir.path().join("a.toml").exists());
}
