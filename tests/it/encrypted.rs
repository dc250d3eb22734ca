//! Declarations encrypted at rest: `dfr encrypt` and `dfr decrypt`, and `check`, `render`
//! and `diff` reading an encrypted file in memory, with the passphrase from a script.

use crate::util::{assert_exit, dfr, dfr_typing, example, out};
use std::path::Path;
use std::time::{Duration, Instant};

const PASSPHRASE: &str = "four words kept safe\n";

/// A folder with the example as `couple.toml` and its encrypted copy `couple.toml.age`.
fn encrypted() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("couple.toml"), example()).unwrap();
    let run = dfr_typing(dir.path(), &["encrypt", "couple.toml"], PASSPHRASE);
    assert_exit(&run, 0);
    assert!(
        out(&run).0.contains("wrote couple.toml.age"),
        "{:?}",
        out(&run)
    );
    dir
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap()
}

#[test]
fn an_encrypted_declaration_holds_no_plain_data_and_renders_the_same_contract() {
    let dir = encrypted();
    let sealed = read(dir.path(), "couple.toml.age");
    assert!(sealed.starts_with(b"age-encryption.org/v1\n-> scrypt "));
    for name in ["SOK Dara", "សុខ ដារ៉ា", "RoCK-DFR-2026-0042", "[declaration]"] {
        let name = name.as_bytes();
        assert!(!sealed.windows(name.len()).any(|w| w == name), "{name:?}");
    }
    assert_exit(
        &dfr(dir.path(), &["render", "couple.toml", "-o", "plain.pdf"]),
        0,
    );
    let run = dfr_typing(dir.path(), &["render", "couple.toml.age"], PASSPHRASE);
    assert_exit(&run, 0);
    let (stdout, stderr) = out(&run);
    assert!(stdout.contains("wrote couple.pdf"), "{stdout}");
    assert!(stderr.contains("couple.pdf is not encrypted"), "{stderr}");
    assert_eq!(
        read(dir.path(), "couple.pdf"),
        read(dir.path(), "plain.pdf")
    );
    let check = dfr_typing(dir.path(), &["check", "couple.toml.age"], PASSPHRASE);
    assert_exit(&check, 0);
    assert!(out(&check).0.contains("couple.toml.age: ok"));
    // Two encrypted files with one passphrase, asked once: the same, so no difference.
    std::fs::copy(
        dir.path().join("couple.toml.age"),
        dir.path().join("again.toml.age"),
    )
    .unwrap();
    let diff = dfr_typing(
        dir.path(),
        &["diff", "couple.toml.age", "again.toml.age"],
        PASSPHRASE,
    );
    assert_exit(&diff, 0);
}

#[test]
fn a_wrong_or_missing_passphrase_opens_nothing_and_writes_nothing() {
    let dir = encrypted();
    let run = dfr_typing(
        dir.path(),
        &["render", "couple.toml.age"],
        "four words kept sage\n",
    );
    assert_exit(&run, 2);
    assert!(
        out(&run)
            .1
            .contains("error: the passphrase does not open couple.toml.age"),
        "{:?}",
        out(&run)
    );
    let none = dfr(dir.path(), &["check", "couple.toml.age"]);
    assert_exit(&none, 2);
    assert!(
        out(&none).1.contains("no passphrase was given"),
        "{:?}",
        out(&none)
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".pdf")), "{names:?}");
}

#[test]
fn decrypt_gives_the_file_back_and_nothing_is_overwritten() {
    let dir = encrypted();
    // The plain file is still there, so neither command may write over a file.
    let run = dfr_typing(dir.path(), &["decrypt", "couple.toml.age"], PASSPHRASE);
    assert_exit(&run, 2);
    assert!(
        out(&run).1.contains("couple.toml already exists"),
        "{:?}",
        out(&run)
    );
    let run = dfr_typing(dir.path(), &["encrypt", "couple.toml"], PASSPHRASE);
    assert_exit(&run, 2);
    assert!(
        out(&run).1.contains("couple.toml.age already exists"),
        "{:?}",
        out(&run)
    );
    let run = dfr_typing(
        dir.path(),
        &["decrypt", "couple.toml.age", "-o", "back.toml"],
        PASSPHRASE,
    );
    assert_exit(&run, 0);
    assert!(
        out(&run).1.contains("back.toml is a plain copy"),
        "{:?}",
        out(&run)
    );
    assert_eq!(read(dir.path(), "back.toml"), example().into_bytes());
    // Encrypting again, the plain file is removed once its copy is checked.
    let run = dfr_typing(
        dir.path(),
        &["encrypt", "--remove-plain", "back.toml"],
        PASSPHRASE,
    );
    assert_exit(&run, 0);
    assert!(!dir.path().join("back.toml").exists());
    let printed = dfr_typing(
        dir.path(),
        &["decrypt", "back.toml.age", "-o", "-"],
        PASSPHRASE,
    );
    assert_exit(&printed, 0);
    assert_eq!(printed.stdout, example().into_bytes());
    // An encrypted file is not encrypted twice, a plain one not decrypted.
    let run = dfr_typing(dir.path(), &["encrypt", "back.toml.age"], PASSPHRASE);
    assert_exit(&run, 2);
    assert!(
        out(&run).1.contains("back.toml.age is already encrypted"),
        "{:?}",
        out(&run)
    );
    let run = dfr_typing(
        dir.path(),
        &["decrypt", "couple.toml", "-o", "x.toml"],
        PASSPHRASE,
    );
    assert_exit(&run, 2);
    assert!(
        out(&run).1.contains("couple.toml is not encrypted"),
        "{:?}",
        out(&run)
    );
}

#[test]
fn a_damaged_or_hostile_encrypted_file_is_a_clear_error_at_once() {
    let dir = encrypted();
    let sealed = read(dir.path(), "couple.toml.age");
    let mut flipped = sealed.clone();
    let last = flipped.len() - 10;
    flipped[last] ^= 1;
    // A work factor of 2^40 would take years: refused, not attempted.
    let costly = b"age-encryption.org/v1\n-> scrypt rF0/NwblUHHTpgQgRpe5CQ 40\n\
gUjEymFKMVXQEKdMMHL24oYexjE3TIC0O0zGSqJ2aUY\n--- IOXiQYStkoT1mvZW2tFOqZdhRVvj58egABx/sWfZQbc\n\
0123456789abcdef0123456789abcdef"
        .to_vec();
    for (name, bytes, expected) in [
        (
            "cut.toml.age",
            sealed[..sealed.len() / 2].to_vec(),
            "is not a whole encrypted file",
        ),
        ("flipped.toml.age", flipped, "is not a whole encrypted file"),
        (
            "header.toml.age",
            b"age-encryption.org/v1\n-> x".to_vec(),
            "is not a whole encrypted file",
        ),
        ("costly.toml.age", costly, "costly.toml.age"),
    ] {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let started = Instant::now();
        let run = dfr_typing(dir.path(), &["render", name], PASSPHRASE);
        assert!(started.elapsed() < Duration::from_secs(60), "{name}");
        assert_exit(&run, 2);
        let (_, stderr) = out(&run);
        assert!(
            stderr.contains("error: ") && stderr.contains(expected),
            "{name}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        let pdf = name.replace(".toml.age", ".pdf");
        assert!(!dir.path().join(pdf).exists(), "{name}");
    }
}

#[test]
fn a_short_passphrase_is_warned_of_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("couple.toml"), example()).unwrap();
    let run = dfr_typing(dir.path(), &["encrypt", "couple.toml"], "sophea\n");
    assert_exit(&run, 0);
    let (_, stderr) = out(&run);
    assert!(
        stderr.contains("warning: this passphrase is short")
            && stderr.contains("ពាក្យសម្ងាត់ដែលមាន ១២ តួអក្សរ"),
        "{stderr}"
    );
    // No passphrase at all is refused, and nothing is written.
    std::fs::write(dir.path().join("other.toml"), example()).unwrap();
    let run = dfr_typing(dir.path(), &["encrypt", "other.toml"], "\n");
    assert_exit(&run, 2);
    assert!(
        out(&run).1.contains("no passphrase was given"),
        "{:?}",
        out(&run)
    );
    assert!(!dir.path().join("other.toml.age").exists());
}

#[test]
fn the_form_refuses_an_encrypted_file_with_a_way_forward() {
    let dir = encrypted();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dfr"))
        .current_dir(dir.path())
        .args(["serve", "couple.toml.age", "--no-open"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(30) {
            child.kill().unwrap();
            panic!("dfr serve opened an encrypted file");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let run = child.wait_with_output().unwrap();
    assert_exit(&run, 2);
    let (_, stderr) = out(&run);
    assert!(
        stderr.contains("it is encrypted") && stderr.contains("dfr decrypt couple.toml.age"),
        "{stderr}"
    );
}

/// Issue 28: on a terminal (a pseudo-terminal made by util-linux's `script`), `dfr render
/// FILE.age` asks for the passphrase on the terminal, shows nothing of what is typed, and
/// renders the same contract from memory.
#[cfg(unix)]
#[test]
fn the_passphrase_is_asked_on_a_terminal_without_echo() {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    use std::sync::{Arc, Mutex};
    let dir = encrypted();
    assert_exit(
        &dfr(dir.path(), &["render", "couple.toml", "-o", "plain.pdf"]),
        0,
    );
    let command = format!(
        "{} render couple.toml.age -o from-terminal.pdf",
        env!("CARGO_BIN_EXE_dfr")
    );
    let mut child = Command::new("script")
        .args(["-q", "-e", "-c", &command, "/dev/null"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("util-linux script runs");
    let shown = Arc::new(Mutex::new(Vec::new()));
    let mut terminal = child.stdout.take().unwrap();
    let kept = Arc::clone(&shown);
    let reader = std::thread::spawn(move || {
        let mut buffer = [0u8; 512];
        while let Ok(n) = terminal.read(&mut buffer) {
            if n == 0 {
                break;
            }
            kept.lock().unwrap().extend_from_slice(&buffer[..n]);
        }
    });
    // Typed once the prompt is on the terminal, as a person would.
    let started = Instant::now();
    while !String::from_utf8_lossy(&shown.lock().unwrap()).contains("passphrase for") {
        assert!(started.elapsed() < Duration::from_secs(30), "no prompt");
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut keys = child.stdin.take().unwrap();
    keys.write_all(PASSPHRASE.as_bytes()).unwrap();
    let status = child.wait().unwrap();
    drop(keys);
    reader.join().unwrap();
    let shown = String::from_utf8_lossy(&shown.lock().unwrap()).into_owned();
    assert!(status.success(), "{shown}");
    assert!(
        shown.contains("ពាក្យសម្ងាត់ / passphrase for couple.toml.age"),
        "{shown}"
    );
    assert!(
        !shown.contains(PASSPHRASE.trim()),
        "the passphrase was echoed: {shown}"
    );
    assert!(shown.contains("wrote from-terminal.pdf"), "{shown}");
    assert_eq!(
        read(dir.path(), "from-terminal.pdf"),
        read(dir.path(), "plain.pdf")
    );
}
