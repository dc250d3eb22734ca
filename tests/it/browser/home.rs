//! The workspace's home page in the browser (issue 21): the declarations listed, found,
//! duplicated, removed and put back.

use super::*;

/// The rows the home page shows: `file` → the row's visible text.
fn rows(b: &Browser) -> Vec<(String, String)> {
    let found = b.script(
        "return [...document.querySelectorAll('#declarations tbody tr')].filter(r => r.offsetParent !== null).map(r => [r.dataset.file, r.innerText])",
        json!([]),
    );
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r[0].as_str().unwrap().to_owned(),
                r[1].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Clicks the button of class `class` in the row of `file` (the home page or the
/// removed list).
fn click_in_row(b: &Browser, file: &str, class: &str) {
    let e = b.script(
        "return document.querySelector(`tr[data-file=\"${arguments[0]}\"] .${arguments[1]}`)",
        json!([file, class]),
    );
    b.click_element(
        e[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no .{class} for {file}")),
    );
}

/// Issue 21: the home page of a workspace with three declarations lists them with
/// their names in both scripts and their states; search finds one by a Khmer and by a
/// Latin name; Duplicate, Remove (with its question) and Put back work and touch no
/// other file; a final copy opens in the browser; an old address gets the restart page.
#[test]
fn the_home_page_lists_finds_duplicates_removes_and_puts_back() {
    let dir = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dara.toml"), example()).unwrap();
    std::fs::copy(
        repo("examples/angkor-borei.toml"),
        dir.path().join("angkor.toml"),
    )
    .unwrap();
    let broken = example().replace("copies = 4", "copies = 0");
    std::fs::write(dir.path().join("broken.toml"), broken).unwrap();
    assert_eq!(code(&dfr(dir.path(), &["render", "dara.toml"])), 0);
    let bytes = |name: &str| std::fs::read(dir.path().join(name)).unwrap();
    let before: Vec<(String, Vec<u8>)> = ["dara.toml", "angkor.toml", "broken.toml", "dara.pdf"]
        .iter()
        .map(|n| (n.to_string(), bytes(n)))
        .collect();
    let served: Served = serve(dir.path(), &["."]);
    let b = Browser::start(profile.path());
    b.goto(&served.url);
    let listed = rows(&b);
    assert_eq!(listed.len(), 3, "{listed:?}");
    let shot = dir.path().join("picture-home.png");
    b.screenshot(&shot);
    if std::env::var_os("DFR_WRITE_DOCS").is_some() {
        std::fs::copy(&shot, repo("docs/serve-home.png")).unwrap();
    }
    let row = |file: &str| {
        listed
            .iter()
            .find(|(f, _)| f == file)
            .map(|(_, t)| t.clone())
            .unwrap()
    };
    assert!(
        row("dara.toml").contains("សុខ ដារ៉ា និង ចាន់ សុភា"),
        "{}",
        row("dara.toml")
    );
    assert!(
        row("dara.toml").contains("SOK Dara and CHAN Sophea"),
        "{}",
        row("dara.toml")
    );
    assert!(row("dara.toml").contains("RoCK-DFR-2026-0042"));
    // States, in the Khmer interface: final copy made, ready, problems.
    assert!(
        row("dara.toml").contains("បានធ្វើច្បាប់ចុងក្រោយ"),
        "{}",
        row("dara.toml")
    );
    assert!(
        row("angkor.toml").contains("រួចរាល់"),
        "{}",
        row("angkor.toml")
    );
    assert!(
        row("broken.toml").contains("នៅមានបញ្ហា ១"),
        "{}",
        row("broken.toml")
    );
    // Search by a Khmer name, then by a Latin one.
    let khmer_name = {
        let text = std::fs::read_to_string(dir.path().join("angkor.toml")).unwrap();
        let table: toml::Table = text.parse().unwrap();
        table["partners"][0]["name"]["km"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    b.type_into_id("search", &khmer_name);
    b.wait("the search in Khmer", || {
        rows(&b).iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>() == ["angkor.toml"]
    });
    b.type_into_id("search", "chan sophea");
    b.wait("the search in Latin letters", || {
        let files: Vec<String> = rows(&b).into_iter().map(|(f, _)| f).collect();
        files.len() == 2 && files.iter().all(|f| f == "dara.toml" || f == "broken.toml")
    });
    b.type_into_id("search", "");
    b.wait("every row again", || rows(&b).len() == 3);
    // Duplicate: a new file, the others untouched.
    click_in_row(&b, "angkor.toml", "row-tools button:nth-of-type(1)");
    b.wait("the duplicate", || {
        dir.path().join("angkor-copy.toml").exists()
    });
    b.wait("the duplicate listed", || rows(&b).len() == 4);
    // Remove asks, naming the couple; Cancel keeps it, Remove moves it.
    click_in_row(&b, "broken.toml", "remove");
    let asked = b.script("return document.getElementById('confirm').open ? document.getElementById('confirm-text').innerText : ''", json!([]));
    assert!(asked.as_str().unwrap().contains("សុខ ដារ៉ា"), "{asked}");
    b.click("confirm-no");
    assert!(dir.path().join("broken.toml").exists());
    click_in_row(&b, "broken.toml", "remove");
    b.click("confirm-yes");
    b.wait("the removal", || !dir.path().join("broken.toml").exists());
    assert!(dir.path().join("removed/broken.toml").exists());
    b.wait("the list without it", || rows(&b).len() == 3);
    // Undone: put back from the removed list.
    b.script(
        "document.getElementById('removed-list').open = true",
        json!([]),
    );
    click_in_row(&b, "broken.toml", "put-back");
    b.wait("the declaration put back", || {
        dir.path().join("broken.toml").exists()
    });
    for (name, content) in &before {
        assert_eq!(&bytes(name), content, "{name} changed");
    }
    // The final copy opens in the browser, from the form.
    let pdf = request(
        served.port,
        &format!(
            "GET /files/dara.pdf HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nCookie: dfr-token={}",
            served.port, served.token
        ),
        b"",
    );
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert_eq!(pdf.body, bytes("dara.pdf"));
    // An old address, with the cookie of an earlier run: the restart page, in both
    // languages.
    b.call("DELETE", "/cookie", Value::Null);
    b.call(
        "POST",
        "/url",
        json!({ "url": format!("http://127.0.0.1:{}/?token=0000", served.port) }),
    );
    let text = b.script("return document.body.innerText", json!([]));
    assert!(text.as_str().unwrap().contains("Open dfr again"), "{text}");
    assert!(text.as_str().unwrap().contains("សូមបើក dfr ម្ដងទៀត"), "{text}");
}

/// A workspace inside a folder that a cloud service copies (here Dropbox) is warned of
/// on the home page, in Khmer first; an ordinary folder is not.
#[test]
fn a_workspace_in_a_synced_folder_is_warned_of() {
    let root = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    let b = Browser::start(profile.path());
    for (folder, service) in [("Dropbox/DFR", Some("Dropbox")), ("Documents/DFR", None)] {
        let dir = root.path().join(folder);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("dara.toml"), example()).unwrap();
        let served: Served = serve(&dir, &["."]);
        b.goto(&served.url);
        b.wait("the list", || rows(&b).len() == 1);
        let shown = b.script(
            "const e = document.getElementById('synced'); return [e.hidden, e.innerText]",
            json!([]),
        );
        match service {
            Some(service) => {
                assert_eq!(shown[0], json!(false), "{folder}: {shown}");
                let text = shown[1].as_str().unwrap();
                assert!(
                    text.contains(&format!("ថតនេះស្ថិតក្នុង {service}")),
                    "{folder}: {text}"
                );
            }
            None => assert_eq!(shown[0], json!(true), "{folder}: {shown}"),
        }
    }
}
