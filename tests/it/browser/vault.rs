//! The encrypted workspace in the browser (issue 28), in Khmer: the passphrase offered
//! on first start with its strength hint, a whole day of work in an encrypted workspace,
//! and afterwards no personal data on the disk.

use super::*;
use crate::serve::started;
use crate::vault::{PASSPHRASE, assert_every_file_opens, assert_no_plain_data, personal_values};
use std::process::Command;

/// The text of the element `id`.
fn text(b: &Browser, id: &str) -> String {
    b.script(
        "return document.getElementById(arguments[0]).textContent",
        json!([id]),
    )
    .as_str()
    .unwrap_or("")
    .to_owned()
}

/// A screenshot of the page, written into `docs/NAME` with `DFR_WRITE_DOCS=1`.
fn picture(b: &Browser, name: &str) {
    let dir = tempfile::tempdir().unwrap();
    let shot = dir.path().join(name);
    b.screenshot(&shot);
    if std::env::var_os("DFR_WRITE_DOCS").is_some() {
        std::fs::copy(&shot, repo(&format!("docs/{name}"))).unwrap();
    }
}

/// Whether the element `id` is shown.
fn shown(b: &Browser, id: &str) -> bool {
    b.script(
        "const e = document.getElementById(arguments[0]); return !!e && !e.hidden && e.offsetParent !== null",
        json!([id]),
    ) == json!(true)
}

/// `dfr serve DIR` with its temporary files in `tmp`, as the test of the temporary
/// folder needs.
fn serve_with_tmp(dir: &Path, tmp: &Path) -> Served {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dfr"));
    command
        .current_dir(dir)
        .env("TMPDIR", tmp)
        .env("TMP", tmp)
        .env("TEMP", tmp)
        .args(["serve", ".", "--no-open", "--port", "0"]);
    started(command)
}

/// Waits for the form of `file` with its preview, after a click that opens it.
fn open_declaration(b: &Browser, file: &str) {
    b.wait("the list", || {
        b.script(
            "return document.body.dataset.listed === 'true' && !!document.querySelector(`tr[data-file=\"${arguments[0]}\"] a.open`)",
            json!([file]),
        ) == json!(true)
    });
    let open = b.script(
        "return document.querySelector(`tr[data-file=\"${arguments[0]}\"] a.open`)",
        json!([file]),
    );
    b.click_element(open[ELEMENT].as_str().unwrap());
    wait_for_page(b, "/form");
    settle(b);
}

/// Issue 28: a new workspace offers a passphrase with a strength hint in Khmer; Not now
/// leaves it plain, with the warning.
#[test]
fn a_new_workspace_offers_a_passphrase_with_a_strength_hint() {
    let dir = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    let served = serve(dir.path(), &["."]);
    let b = Browser::start(profile.path());
    b.goto(&served.url);
    assert!(
        shown(&b, "setup"),
        "the passphrase is offered on first start"
    );
    assert!(text(&b, "setup").contains("ការពារថតនេះដោយពាក្យសម្ងាត់"));
    b.type_into_id("passphrase", "abc");
    assert!(
        text(&b, "strength").starts_with("ខ្សោយណាស់"),
        "{}",
        text(&b, "strength")
    );
    b.type_into_id("passphrase", "mekong rice");
    assert!(
        text(&b, "strength").starts_with("ខ្សោយ៖"),
        "{}",
        text(&b, "strength")
    );
    b.type_into_id("passphrase", PASSPHRASE);
    assert!(
        text(&b, "strength").starts_with("រឹងមាំ"),
        "{}",
        text(&b, "strength")
    );
    b.type_into_id("passphrase-again", "four words kept");
    picture(&b, "serve-passphrase.png");
    b.click("setup-encrypt");
    assert_eq!(text(&b, "setup-status"), "ពាក្យសម្ងាត់ទាំងពីរមិនដូចគ្នាទេ។");
    b.click("setup-later");
    assert!(!shown(&b, "setup"));
    assert!(shown(&b, "plain"), "a plain workspace is said to be plain");
    assert!(!dir.path().join(".dfr-key.age").exists());
}

/// Issue 28, a whole day of work: a plain workspace encrypted from its home page (the
/// recovery key shown once), a declaration changed, saved, every kind of copy made,
/// kept and not kept, a change typed and the server killed; reopened with the
/// passphrase, the change restored and saved, the workspace locked, opened with the
/// recovery key and given a new passphrase. Afterwards no file
/// in the workspace or the temporary folder holds any personal value, in UTF-8 or
/// UTF-16, and every file opens with the passphrase and with the recovery key.
#[test]
fn a_day_of_work_in_an_encrypted_workspace_leaves_no_plain_data() {
    let dir = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dara.toml"), example()).unwrap();
    let served = serve_with_tmp(dir.path(), tmp.path());
    let b = Browser::start(profile.path());
    b.goto(&served.url);
    // The workspace is plain: encrypted from its home page.
    assert!(shown(&b, "plain"));
    assert!(
        !shown(&b, "setup"),
        "a workspace with declarations is not a first start"
    );
    b.click("plain-encrypt");
    b.type_into_id("passphrase", PASSPHRASE);
    b.type_into_id("passphrase-again", PASSPHRASE);
    b.click("setup-encrypt");
    b.wait("the recovery page", || shown(&b, "recovery-page"));
    let recovery = text(&b, "recovery-key");
    assert!(recovery.starts_with("AGE-SECRET-KEY-1 "), "{recovery}");
    let page = text(&b, "recovery-page");
    for said in [
        "បើគ្មានពាក្យសម្ងាត់ ហើយគ្មានកូនសោនេះ ទិន្នន័យនឹងបាត់ជារៀងរហូត",
        "Without the passphrase and without this key, the data is gone for good",
        "ទូដែករបស់អង្គការ",
    ] {
        assert!(page.contains(said), "{said} in {page}");
    }
    assert!(!shown(&b, "home-main"), "the recovery page is shown alone");
    picture(&b, "serve-recovery-key.png");
    b.click("recovery-done");
    assert_eq!(text(&b, "recovery-key"), "", "the key is shown once");
    b.wait("the list, encrypted", || {
        shown(&b, "home-main") && !shown(&b, "plain") && shown(&b, "lock")
    });
    assert!(text(&b, "home-status").contains("ថតនេះត្រូវបានអ៊ិនគ្រីបហើយ (ឯកសារ ១)"));
    assert!(!dir.path().join("dara.toml").exists());
    // A day of work on the declaration.
    open_declaration(&b, "dara.toml");
    assert!(shown(&b, "kept-encrypted"));
    picture(&b, "serve-form-encrypted.png");
    b.type_into("declaration.copies", "3");
    settle(&b);
    b.click("save");
    b.wait("the save", || text(&b, "status").contains("✓ dara.toml"));
    for (kind, opens) in [
        ("final", "/files/dara.pdf"),
        ("draft", "/files/dara.draft.pdf"),
        ("redacted", "/files/dara.redacted.pdf"),
    ] {
        b.click(kind);
        assert_opens_a_pdf(&b, opens);
    }
    b.click("review");
    b.wait("the review copy", || {
        b.script(
            "return document.getElementById('open-copy')?.href || ''",
            json!([]),
        )
        .as_str()
        .is_some_and(|h| h.ends_with("/read/dara.txt"))
    });
    let review = b.script(
        "return fetch('/read/dara.txt').then(r => r.text())",
        json!([]),
    );
    assert!(
        review.as_str().unwrap().contains("សុខ ដារ៉ា"),
        "the review copy opens"
    );
    b.click("keep-copy");
    for (kind, opens) in [
        ("final", "/print/dara.pdf"),
        ("redacted", "/print/dara.redacted.pdf"),
    ] {
        b.click(kind);
        assert_opens_a_pdf(&b, opens);
    }
    // A change typed and not saved, then dfr is killed.
    b.type_into("declaration.copies", "2");
    settle(&b);
    drop(served);
    assert_no_plain_data(dir.path(), &personal_values());
    // The next morning: the passphrase opens it; the change is offered and restored.
    let served = serve_with_tmp(dir.path(), tmp.path());
    b.goto(&served.url);
    assert!(shown(&b, "unlock"));
    assert!(!shown(&b, "home-main"));
    b.type_into_id("secret", "four words kept saf");
    b.click("unlock-open");
    b.wait("the refusal", || {
        text(&b, "unlock-status").starts_with("ពាក្យសម្ងាត់នេះមិនបើកថតនេះទេ")
    });
    picture(&b, "serve-unlock.png");
    assert!(!shown(&b, "home-main"));
    b.type_into_id("secret", PASSPHRASE);
    b.click("unlock-open");
    b.wait("the list", || shown(&b, "home-main"));
    assert_eq!(
        b.value("secret"),
        "",
        "the passphrase does not stay in the page"
    );
    open_declaration(&b, "dara.toml");
    assert!(shown(&b, "restore"));
    b.click("restore-yes");
    b.wait("the restore", || !shown(&b, "restore"));
    settle(&b);
    assert_eq!(b.value("f-declaration.copies"), "2");
    b.click("save");
    b.wait("the save", || text(&b, "status").contains("✓ dara.toml"));
    // Locked from the home page: nothing of the workspace stays on the page.
    b.goto(&format!("http://127.0.0.1:{}/", served.port));
    b.click("lock");
    b.wait("the lock", || shown(&b, "unlock"));
    let rows = b.script(
        "return document.querySelectorAll('#declarations tbody tr').length",
        json!([]),
    );
    assert_eq!(rows, json!(0));
    assert_eq!(served.get("/api/declarations").status, 423);
    // The recovery key, typed from its page in small letters, opens it and asks for a
    // new passphrase.
    b.type_into_id("secret", &recovery.to_lowercase());
    b.click("unlock-open");
    b.wait("the new passphrase", || shown(&b, "new-passphrase"));
    b.type_into_id("renew", PASSPHRASE);
    b.type_into_id("renew-again", PASSPHRASE);
    b.click("renew-save");
    b.wait("the new passphrase saved", || {
        text(&b, "renew-status") == "បានប្ដូរពាក្យសម្ងាត់ហើយ។"
    });
    drop(served);
    let values = personal_values();
    assert_no_plain_data(dir.path(), &values);
    assert_no_plain_data(tmp.path(), &values);
    // The declaration, the final copy, draft, redacted and review copies.
    let files = 5;
    assert_eq!(assert_every_file_opens(dir.path(), PASSPHRASE), files);
    assert_eq!(assert_every_file_opens(dir.path(), &recovery), files);
}
