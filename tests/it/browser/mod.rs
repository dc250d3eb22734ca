//! The form in a real browser (headless Chromium, driven over WebDriver by
//! chromedriver), used the way staff will: a new declaration typed in from an empty
//! form, a problem shown at its field and gone when fixed, the preview following,
//! saved, reopened, and the final PDF made and verified.
//!
//! `DFR_WRITE_DOCS=1` also writes the screenshots into `docs/` (`scripts/pictures`).

use crate::serve::{Served, request, serve};
use crate::util::{assert_exit, code, dfr, example, repo, tool};
use base64::Engine;
use serde_json::{Value, json};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

mod bench;
mod guided;
mod home;
mod kit;
mod legal;
mod values;
mod vault;

/// A chromedriver process and one browser session, both ended when dropped.
struct Browser {
    driver: Child,
    port: u16,
    session: String,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.call("DELETE", "", Value::Null);
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Browser {
    fn start(profile: &Path) -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = tool("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let mut browser = Browser {
            driver,
            port,
            session: String::new(),
        };
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        // The flags this machine's Chromium needs (see the README's Testing section).
        let capabilities = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--lang=en-US",
                    "--window-size=1400,1000",
                    format!("--user-data-dir={}", profile.display())],
            }
        }}});
        let answer = browser.call("POST", "/session", capabilities);
        browser.session = answer["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no browser session: {answer}"))
            .to_owned();
        browser
    }

    /// One WebDriver command; its `value`.
    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let path = match path {
            "/session" => path.to_owned(),
            _ => format!("/session/{}{path}", self.session),
        };
        let body = if body.is_null() {
            Vec::new()
        } else {
            body.to_string().into_bytes()
        };
        let answer = request(
            self.port,
            &format!(
                "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json",
                self.port
            ),
            &body,
        );
        answer.json()["value"].clone()
    }

    fn script(&self, script: &str, args: Value) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            json!({ "script": script, "args": args }),
        )
    }

    fn goto(&self, url: &str) {
        self.call("POST", "/url", json!({ "url": url }));
        self.wait("the form to load", || {
            self.script("return document.body.dataset.ready === 'true'", json!([])) == json!(true)
        });
    }

    fn wait(&self, what: &str, mut ready: impl FnMut() -> bool) {
        let started = Instant::now();
        while !ready() {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "timed out waiting for {what}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The element with id `id`.
    fn by_id(&self, id: &str) -> String {
        let found = self.script("return document.getElementById(arguments[0])", json!([id]));
        found[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element #{id}"))
            .to_owned()
    }

    fn click(&self, id: &str) {
        let e = self.by_id(id);
        self.click_element(&e);
    }

    /// Clicks an element, brought to the middle of the window first (the sticky bar
    /// of buttons must not cover it). The page may move under the pointer while a
    /// check's answer arrives (a problem shown or cleared above the element), so a click
    /// that lands on something else is tried again, as a person would; any other refusal,
    /// or one that persists for two seconds, fails the test.
    fn click_element(&self, e: &str) {
        let mut answer = json!(null);
        for _ in 0..20 {
            let scrolled = self.script(
                "arguments[0].scrollIntoView({ block: 'center' }); return true",
                json!([{ (ELEMENT): e }]),
            );
            assert_eq!(
                scrolled,
                json!(true),
                "the element could not be scrolled to"
            );
            answer = self.call("POST", &format!("/element/{e}/click"), json!({}));
            match answer.get("error").and_then(|e| e.as_str()) {
                None => return,
                Some("element click intercepted") => {
                    std::thread::sleep(std::time::Duration::from_millis(100))
                }
                Some(_) => break,
            }
        }
        panic!("the click was refused: {answer}");
    }

    /// Types `text` into the field of `path`, as a person would: clear it, then keys.
    fn type_into(&self, path: &str, text: &str) {
        self.type_into_id(&format!("f-{path}"), text);
    }

    /// Types `text` into the element with id `id`, cleared first; refused keys fail.
    fn type_into_id(&self, id: &str, text: &str) {
        let e = self.by_id(id);
        self.call("POST", &format!("/element/{e}/clear"), json!({}));
        let answer = self.call(
            "POST",
            &format!("/element/{e}/value"),
            json!({ "text": text }),
        );
        assert!(
            answer.get("error").is_none(),
            "typing into #{id} was refused: {answer}"
        );
    }

    fn value(&self, id: &str) -> String {
        self.script(
            "return document.getElementById(arguments[0]).value",
            json!([id]),
        )
        .as_str()
        .unwrap_or("")
        .to_owned()
    }

    fn screenshot(&self, path: &Path) {
        let png = self.call("GET", "/screenshot", Value::Null);
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().unwrap_or(""))
            .expect("a PNG");
        std::fs::write(path, bytes).unwrap();
    }
}

/// Fills the field at `path` with the example's `value`, the way its control takes it.
fn fill(b: &Browser, path: &str, value: &Value) {
    let id = format!("f-{path}");
    // A section being drawn again (after a place is picked, on a loaded machine) has
    // its fields back within moments.
    let started = Instant::now();
    while b.script(
        "return !!document.getElementById(arguments[0])",
        json!([id]),
    ) != json!(true)
        && started.elapsed() < Duration::from_secs(10)
    {
        std::thread::sleep(Duration::from_millis(100));
    }
    let kind = b.script(
        "const e = document.getElementById(arguments[0]); return e ? (e.tagName + ':' + e.type + (e.dataset.date ? ':date' : '')) : ''",
        json!([id]),
    );
    match (kind.as_str().unwrap_or(""), value) {
        ("SELECT:select-one", Value::String(v)) => {
            let option = b.script(
                "return [...document.getElementById(arguments[0]).options].find(o => o.value === arguments[1])",
                json!([id, v]),
            );
            let e = option[ELEMENT]
                .as_str()
                .unwrap_or_else(|| panic!("no option {v} in {path}"));
            b.call("POST", &format!("/element/{e}/click"), json!({}));
        }
        // The legal parent is chosen by the partner's name; the option's value is 1 or 2.
        ("SELECT:select-one", Value::Number(n)) => fill(b, path, &json!(n.to_string())),
        ("INPUT:checkbox", Value::Bool(on)) => {
            let checked = b.script(
                "return document.getElementById(arguments[0]).checked",
                json!([id]),
            );
            if checked != json!(on) {
                b.click(&id);
            }
        }
        ("INPUT:text:date", Value::String(date)) => {
            // Typed day first, as staff write dates, whatever the browser's locale.
            let day_first = format!("{}/{}/{}", &date[8..10], &date[5..7], &date[..4]);
            b.type_into(path, &day_first);
            assert_eq!(b.value(&id), day_first, "the date in {path}");
        }
        ("INPUT:text", Value::Number(v)) => b.type_into(path, &v.to_string()),
        ("INPUT:text", Value::String(v)) => b.type_into(path, v),
        (other, v) => {
            let ids = b.script(
                "return [...document.querySelectorAll('[id^=\"f-\"]')].map(e => e.id).filter(i => i.startsWith(arguments[0])).join(' ')",
                json!([format!("f-{}", path.split('.').next().unwrap_or(""))]),
            );
            let debug = b.script("return [location.href, document.readyState]", json!([]));
            panic!("no field for {path} = {v} ({other:?}); fields there: {ids}; {debug}")
        }
    }
}

/// The example's values as the form's fields: paths and values, arrays 1-based.
fn leaves(value: &Value, path: &str, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                leaves(v, &p, out);
            }
        }
        Value::Array(items) if items.iter().all(Value::is_number) => {
            for (i, v) in items.iter().enumerate() {
                out.push((format!("{path}[{}]", i + 1), v.clone()));
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                leaves(v, &format!("{path}[{}]", i + 1), out);
            }
        }
        v => out.push((path.to_owned(), v.clone())),
    }
}

/// The example as the form's JSON (dates as text).
fn example_json() -> Value {
    fn walk(v: &toml::Value) -> Value {
        match v {
            toml::Value::Datetime(d) => Value::String(d.to_string()),
            toml::Value::Table(t) => {
                Value::Object(t.iter().map(|(k, v)| (k.clone(), walk(v))).collect())
            }
            toml::Value::Array(a) => Value::Array(a.iter().map(walk).collect()),
            toml::Value::String(s) => json!(s),
            toml::Value::Integer(i) => json!(i),
            toml::Value::Float(f) => json!(f),
            toml::Value::Boolean(b) => json!(b),
        }
    }
    walk(&toml::Value::Table(example().parse().unwrap()))
}

/// The example as `couple.toml` in a workspace of its own, served, with a browser on its
/// form; the server and the folders last as long as the parts are held.
struct OnExample {
    browser: Browser,
    _served: Served,
    _profile: tempfile::TempDir,
    dir: tempfile::TempDir,
}

impl OnExample {
    fn open() -> OnExample {
        let dir = tempfile::tempdir().unwrap();
        let profile = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("couple.toml"), example()).unwrap();
        let served: Served = serve(dir.path(), &["couple.toml"]);
        let browser = Browser::start(profile.path());
        browser.goto(&served.url);
        OnExample {
            browser,
            _served: served,
            _profile: profile,
            dir,
        }
    }
}

/// Waits until the page has the check and preview of the data as it is now.
fn settle(b: &Browser) {
    b.wait("the last check and preview", || {
        b.script("return document.body.dataset.settled === 'true'", json!([])) == json!(true)
    });
}

fn problem_shown(b: &Browser, path: &str) -> bool {
    b.script(
        "return document.querySelector(`.problem[data-for=\"${arguments[0]}\"]`) !== null",
        json!([path]),
    ) == json!(true)
}

/// The text of the problem shown at `path`, and the language it is marked with.
fn problem_text(b: &Browser, path: &str) -> String {
    b.script(
        "const p = document.querySelector(`.problem[data-for=\"${arguments[0]}\"]`); return p ? p.lang + ': ' + p.textContent : ''",
        json!([path]),
    )
    .as_str()
    .unwrap_or("")
    .to_owned()
}

/// Switches the interface to `lang` (`km` or `en`) as a person would, with the select.
fn switch_interface(b: &Browser, lang: &str) {
    b.script(
        "const s = document.getElementById('lang'); s.value = arguments[0]; s.dispatchEvent(new Event('change')); return true",
        json!([lang]),
    );
}

/// The first page of the preview in view at the top of its pane, from 1.
fn page_in_view(b: &Browser) -> usize {
    let page = b.script(
        "const top = document.getElementById('preview-pane').getBoundingClientRect().top + 40;
         const pages = [...document.querySelectorAll('#pages img')];
         return pages.findIndex((p) => p.getBoundingClientRect().bottom > top) + 1",
        json!([]),
    );
    page.as_u64().unwrap_or(0) as usize
}

/// Waits until the browser shows the page at `path` (after a click that navigates) and
/// that page is ready.
fn wait_for_page(b: &Browser, path: &str) {
    b.wait(&format!("the page {path}"), || {
        b.script(
            "return location.pathname === arguments[0] && document.body.dataset.ready === 'true' && !!document.getElementById('form')",
            json!([path]),
        ) == json!(true)
    });
}

fn first_page(b: &Browser) -> String {
    b.script("const i = document.querySelector('#pages img'); return i ? i.src.length + ':' + i.src.slice(-200) : ''", json!([]))
        .as_str()
        .unwrap_or("")
        .to_owned()
}

/// Waits for the status line's link to a copy at an address ending in `path`, and checks
/// that it opens a PDF.
#[track_caller]
fn assert_opens_a_pdf(b: &Browser, path: &str) {
    b.wait(path, || {
        b.script(
            "return document.getElementById('open-copy')?.href || ''",
            json!([]),
        )
        .as_str()
        .is_some_and(|h| h.split('?').next().is_some_and(|a| a.ends_with(path)))
    });
    let head = b.script(
        "return fetch(document.getElementById('open-copy').href).then(r => r.arrayBuffer()).then(b => new TextDecoder('latin1').decode(b.slice(0, 5)))",
        json!([]),
    );
    assert_eq!(head, json!("%PDF-"), "{path}");
}

#[test]
fn staff_type_a_declaration_into_the_form_and_print_it() {
    let dir = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    // Another couple's declaration is in the workspace already: it stays as it is.
    let other = dir.path().join("other.toml");
    std::fs::copy(repo("examples/angkor-borei.toml"), &other).unwrap();
    let other_before = std::fs::read(&other).unwrap();
    let served: Served = serve(dir.path(), &["."]);
    let b = Browser::start(profile.path());
    let started = Instant::now();
    // The workspace's home page, then New.
    b.goto(&served.url);
    b.click("new");
    wait_for_page(&b, "/form");
    // A new declaration starts empty (no invented values), and what is not filled in
    // yet is "still to fill", not an error; the side list counts what is left.
    settle(&b);
    assert_eq!(b.value("f-declaration.reference"), "");
    assert_eq!(b.value("f-partners[1].date-of-birth"), "");
    assert_eq!(b.value("f-declaration.copies"), "");
    let state = b.script(
        "return [document.querySelectorAll('#form .problem.error').length, document.querySelectorAll('#form .problem.to-fill').length, Number(document.getElementById('left').dataset.left), document.querySelectorAll('#sections button.section').length]",
        json!([]),
    );
    assert_eq!(state[0], json!(0), "errors on an empty form: {state}");
    assert!(
        state[1].as_u64().unwrap() > 10 && state[2].as_u64().unwrap() > 10,
        "{state}"
    );
    assert_eq!(
        state[3],
        json!(9),
        "the nine parts of the declaration (the interpreter's among them): {state}"
    );
    // The browser keeps no history of what is typed: every input says so.
    let remembered = b.script(
        "return [...document.querySelectorAll('input')].filter(i => i.autocomplete !== 'off').map(i => i.id)",
        json!([]),
    );
    assert_eq!(remembered, json!([]), "inputs the browser would remember");
    // "Next to fill or fix" goes to the first such field.
    b.click("next-problem");
    let focused = b.script(
        "return document.activeElement.closest('[data-path]').dataset.path",
        json!([]),
    );
    assert_eq!(focused, json!("declaration.reference"));
    // From the starter, remove every list's entries and add the example's.
    let wanted = example_json();
    for list in ["partners", "children", "assets", "witnesses"] {
        while b.script(
            "return document.querySelector(`[data-path=\"${arguments[0]}[1]\"]`) !== null",
            json!([list]),
        ) == json!(true)
        {
            let remove = b.script(
                "return [...document.querySelector(`[data-path=\"${arguments[0]}[1]\"]`).querySelectorAll('.item-tools button')].pop()",
                json!([list]),
            );
            b.call(
                "POST",
                &format!("/element/{}/click", remove[ELEMENT].as_str().unwrap()),
                json!({}),
            );
            confirm_removal(&b, &format!("{list}[1]"));
        }
        for _ in 0..wanted[list].as_array().map_or(0, Vec::len) {
            b.click(&format!("add-{list}"));
        }
    }
    let mut fields = Vec::new();
    leaves(&wanted, "", &mut fields);
    // Part by part, each reached from the side list, as staff go through an interview;
    // a part is marked complete once its fields are filled.
    let mut part = String::new();
    let state = |b: &Browser, part: &str| {
        b.script(
            "return document.querySelector(`#sections [data-section=\"${arguments[0]}\"]`).dataset.state",
            json!([part]),
        )
    };
    for (path, value) in &fields {
        let here = path.split(['.', '[']).next().unwrap_or_default();
        if here != part {
            if !part.is_empty() {
                settle(&b);
                assert_eq!(state(&b, &part), json!("done"), "{part} is complete");
            }
            part = here.to_owned();
            let button = b.script(
                "return document.querySelector(`#sections [data-section=\"${arguments[0]}\"]`)",
                json!([part]),
            );
            b.click_element(button[ELEMENT].as_str().expect("the part in the side list"));
        }
        fill(&b, path, value);
    }
    let typed = started.elapsed();
    // Everything is filled in: nothing is left, every part complete.
    settle(&b);
    let left = b.script(
        "return [document.getElementById('left').dataset.left, [...document.querySelectorAll('#sections button.section')].every(b => b.dataset.state === 'done')]",
        json!([]),
    );
    let open = b.script(
        "return [[...document.querySelectorAll('#form .problem:not(.warning)')].map(p => p.dataset.for + ': ' + p.textContent), document.getElementById('f-witnesses[2].name.km').value, JSON.stringify(data.witnesses), document.getElementById('status').textContent]",
        json!([]),
    );
    assert_eq!(
        left,
        json!(["0", true]),
        "the progress count goes to zero: {open}"
    );
    // The summary lists every answer in both languages, part by part, and offers the
    // final copy once nothing is left.
    b.click("summary-open");
    let summary = b.script(
        "const d = document.getElementById('summary'); return [d.open, d.querySelectorAll('#summary-body > section').length, d.innerText, document.getElementById('summary-final').disabled]",
        json!([]),
    );
    assert_eq!(summary[0], json!(true));
    assert_eq!(summary[1], json!(9), "the nine parts");
    let text = summary[2].as_str().unwrap();
    for answer in [
        "SOK Dara",
        "សុខ ដារ៉ា",
        "RoCK-DFR-2026-0042",
        "HENG Sovann",
        "ហេង សុវណ្ណ",
        "000 123 456",
    ] {
        assert!(text.contains(answer), "{answer} is not in the summary");
    }
    assert_eq!(summary[3], json!(false), "the final copy is offered");
    let change = b.script(
        "return document.querySelector('#summary section[data-section=\"witnesses\"] button.change')",
        json!([]),
    );
    b.click_element(change[ELEMENT].as_str().unwrap());
    let after = b.script(
        "return [document.getElementById('summary').open, document.activeElement.closest('[data-path]').dataset.path]",
        json!([]),
    );
    assert_eq!(after[0], json!(false));
    assert!(
        after[1].as_str().unwrap().starts_with("witnesses"),
        "{after}"
    );
    // A bad value: its problem at its field, gone when fixed; meanwhile the preview
    // keeps the last good pages, marked out of date.
    settle(&b);
    let good = first_page(&b);
    assert!(!good.is_empty(), "no preview of the whole example");
    b.type_into("declaration.copies", "0");
    b.wait("the problem at declaration.copies", || {
        problem_shown(&b, "declaration.copies")
    });
    // In the interface's language, Khmer first (a new profile starts in Khmer).
    b.wait("the problem in Khmer", || {
        problem_text(&b, "declaration.copies")
            == "km: មិនអាចធ្វើ ០ ច្បាប់បានទេ (សរសេរចំនួនច្បាប់ដើម យ៉ាងតិច ១ (ជាធម្មតា ៤))"
    });
    b.wait("the preview to say it is out of date", || {
        b.script(
            "return !document.getElementById('outdated').hidden",
            json!([]),
        ) == json!(true)
    });
    assert_eq!(first_page(&b), good, "the last good pages stay");
    b.screenshot(&dir.path().join("serve-problem.png"));
    switch_interface(&b, "en");
    b.wait("the problem in English", || {
        problem_text(&b, "declaration.copies").starts_with("en: 0 copies cannot be made")
    });
    switch_interface(&b, "km");
    b.wait("the preview to say it is out of date", || {
        b.script(
            "return !document.getElementById('outdated').hidden",
            json!([]),
        ) == json!(true)
    });
    b.type_into("declaration.copies", "4");
    b.wait("the problem to go", || {
        !problem_shown(&b, "declaration.copies")
    });
    settle(&b);
    assert!(!first_page(&b).is_empty(), "no preview");
    // The preview follows what is typed.
    let before = first_page(&b);
    b.type_into("partners[1].occupation.en", "Head teacher");
    b.wait("the preview to change", || first_page(&b) != before);
    b.type_into("partners[1].occupation.en", "Teacher");
    // The same data again: the same first page, exactly.
    b.wait("the preview to change back", || first_page(&b) == before);
    // The preview shows the part being edited: the property schedule for an asset,
    // the signatures for a witness, on the pages the library lays them out on.
    let parts = crate::util::renderer()
        .lay_out(&crate::util::valid(&example()), &dfr::Options::default())
        .expect("the example renders")
        .parts();
    let page_of = |key: &str| parts.iter().find(|p| p.key == key).map(|p| p.page);
    assert!(
        page_of("property") > Some(1) && page_of("signatures") > page_of("property"),
        "the parts are on distinct pages, so that each step below scrolls: {parts:?}"
    );
    for (field, part) in [
        ("assets[2].description.km", "property"),
        ("witnesses[1].name.en", "signatures"),
        ("declaration.reference", "top"),
    ] {
        let page = parts.iter().find(|p| p.key == part).map_or(1, |p| p.page);
        b.click_element(&b.by_id(&format!("f-{field}")));
        b.wait(&format!("the preview to show page {page} ({part})"), || {
            page_in_view(&b) == page
        });
    }
    b.script(
        "window.scrollTo(0, 0); document.getElementById('preview-pane').scrollTo(0, 0)",
        json!([]),
    );
    settle(&b);
    b.screenshot(&dir.path().join("serve-form.png"));
    // Saved, the file holds exactly the example's data, under a name made from its
    // reference.
    b.click("save");
    let saved = dir.path().join("RoCK-DFR-2026-0042.toml");
    b.wait("the file to be saved", || saved.exists());
    let text = std::fs::read_to_string(&saved).unwrap();
    let declaration = dfr::Declaration::from_toml_str(&text)
        .unwrap_or_else(|e| panic!("the saved file is invalid:\n{e}\n{text}"));
    assert_eq!(declaration.input(), crate::util::valid(&example()).input());
    assert_eq!(
        std::fs::read(&other).unwrap(),
        other_before,
        "another file changed"
    );
    // Reopened from the home page, the form shows the saved values.
    b.goto(&served.url);
    let open = b.script(
        "return document.querySelector('tr[data-file=\"RoCK-DFR-2026-0042.toml\"] a.open')",
        json!([]),
    );
    b.click_element(open[ELEMENT].as_str().expect("an Open link"));
    wait_for_page(&b, "/form");
    assert_eq!(b.value("f-partners[1].name.en"), "SOK Dara");
    assert_eq!(b.value("f-partners[2].name.km"), "ចាន់ សុភា");
    // The final PDF, beside the file, verifies against it.
    b.click("final");
    let pdf = dir.path().join("RoCK-DFR-2026-0042.pdf");
    b.wait("the final PDF", || pdf.exists());
    // It opens in the browser from the page's link, to read or print.
    b.wait("the link to open it", || {
        b.script(
            "return document.getElementById('open-copy') !== null",
            json!([]),
        ) == json!(true)
    });
    let opened = b.script(
        "return fetch(document.getElementById('open-copy').href).then(async r => [r.status, r.headers.get('content-type'), (await r.arrayBuffer()).byteLength])",
        json!([]),
    );
    assert_eq!(opened[0], json!(200), "{opened}");
    assert_eq!(opened[1], json!("application/pdf"), "{opened}");
    assert_eq!(
        opened[2].as_u64(),
        Some(std::fs::metadata(&pdf).unwrap().len())
    );
    let run = dfr(
        dir.path(),
        &[
            "verify",
            "RoCK-DFR-2026-0042.pdf",
            "RoCK-DFR-2026-0042.toml",
        ],
    );
    assert_exit(&run, 0);
    // The shared home picked from the gazetteer: province, district, commune.
    fill(&b, "relationship.home.mode", &json!("place"));
    for (level, code) in [
        ("province", "12"),
        ("district", "1204"),
        ("commune", "120406"),
    ] {
        let id = format!("f-relationship.home.pick-{level}");
        b.wait(&format!("the {level} list"), || {
            b.script(
                "const s = document.getElementById(arguments[0]); return !!s && [...s.options].some(o => o.value === arguments[1])",
                json!([id, code]),
            ) == json!(true)
        });
        fill(&b, &format!("relationship.home.pick-{level}"), &json!(code));
    }
    b.wait("the commune's code", || {
        b.value("f-relationship.home.commune") == "120406"
    });
    b.click("save");
    b.wait("the place to be saved", || {
        std::fs::read_to_string(&saved)
            .unwrap()
            .contains("commune = \"120406\"")
    });
    let text = std::fs::read_to_string(&saved).unwrap();
    let declaration = crate::util::valid(&text);
    let home = crate::util::renderer()
        .layout_model(&declaration, &dfr::Options::default())
        .unwrap()
        .clauses
        .iter()
        .flat_map(|c| c.km.clone())
        .collect::<String>();
    assert!(home.contains("សង្កាត់ទឹកល្អក់ទី៣ ខណ្ឌទួលគោក"), "{home}");
    eprintln!(
        "browser test: {} fields typed in {:.1} s; whole test {:.1} s",
        fields.len(),
        typed.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    if std::env::var_os("DFR_WRITE_DOCS").is_some() {
        for picture in ["serve-form.png", "serve-problem.png"] {
            std::fs::copy(dir.path().join(picture), repo(&format!("docs/{picture}"))).unwrap();
        }
    }
}

/// Sends keys (WebDriver key codes such as `\u{E004}` for Tab) to the focused element.
fn press(b: &Browser, keys: &str) {
    let focused = b.call("GET", "/element/active", Value::Null);
    let e = focused[ELEMENT]
        .as_str()
        .expect("an element has focus")
        .to_owned();
    let answer = b.call(
        "POST",
        &format!("/element/{e}/value"),
        json!({ "text": keys }),
    );
    assert!(answer.get("error").is_none(), "keys refused: {answer}");
}

fn focused_id(b: &Browser) -> String {
    b.script("return document.activeElement.id", json!([]))
        .as_str()
        .unwrap_or("")
        .to_owned()
}

#[test]
fn the_form_works_from_the_keyboard_and_every_control_has_a_label() {
    let OnExample {
        browser: b,
        dir: _dir,
        _served,
        _profile,
    } = OnExample::open();
    b.wait("the form", || {
        b.script(
            "return document.getElementById('f-declaration.reference') !== null",
            json!([]),
        ) == json!(true)
    });
    settle(&b);
    // Every control says what it is, to a screen reader too, and none is kept out of
    // the keyboard's reach.
    let unlabelled = b.script(
        "return [...document.querySelectorAll('input, select, textarea, button')]
           .filter((c) => !(c.labels && c.labels.length) && !c.getAttribute('aria-label') && !c.textContent.trim())
           .map((c) => c.id || c.outerHTML.slice(0, 80))",
        json!([]),
    );
    assert_eq!(unlabelled, json!([]), "controls without a label");
    let unreachable = b.script(
        "return [...document.querySelectorAll('input, select, textarea, button')]
           .filter((c) => c.tabIndex < 0).map((c) => c.id)",
        json!([]),
    );
    assert_eq!(unreachable, json!([]), "controls Tab cannot reach");
    // Tab goes from field to field in the contract's order.
    b.click("f-declaration.reference");
    press(&b, "\u{E004}");
    assert_eq!(focused_id(&b), "f-declaration.date");
    // A child is added with the keyboard alone: focus the button, press Enter.
    let children = |b: &Browser| {
        b.script(
            "return document.querySelectorAll('[data-path^=\"children[\"][data-path$=\"]\"]').length",
            json!([]),
        )
        .as_u64()
        .unwrap_or(0)
    };
    let before = children(&b);
    b.script(
        "document.getElementById('add-children').focus(); return true",
        json!([]),
    );
    press(&b, "\u{E007}");
    b.wait("a child added by Enter", || children(&b) == before + 1);
    // Typing goes into the new child's name, reached from the keyboard; the preview
    // follows the focus to the children's part.
    let name = format!("f-children[{}].name.km", before + 1);
    b.script(
        "document.getElementById(arguments[0]).focus(); return true",
        json!([name]),
    );
    press(&b, "កុមារ");
    assert_eq!(b.value(&name), "កុមារ");
    b.wait("the preview at the children", || {
        b.script(
            "return document.getElementById('pages').dataset.part",
            json!([]),
        )
        .as_str()
        .is_some_and(|p| p == "children" || p == "04-children")
    });
}

/// Answers the question a Remove button asks, in the entry at `path`, with Remove.
fn confirm_removal(b: &Browser, path: &str) {
    let yes = b.script(
        "return document.querySelector(`[data-path=\"${arguments[0]}\"] .confirm-yes`)",
        json!([path]),
    );
    let yes = yes[ELEMENT]
        .as_str()
        .unwrap_or_else(|| panic!("no confirmation asked in {path}"));
    b.call("POST", &format!("/element/{yes}/click"), json!({}));
}

/// Removes the list entry at `path` with its Remove button (the question answered),
/// waits until it is gone, then puts it back with Undo: the field `id` holds `value` again.
fn remove_and_undo(b: &Browser, path: &str, id: &str, value: &str) {
    let remove = b.script(
        "return document.querySelector(`[data-path=\"${arguments[0]}\"] .item-tools button.remove`)",
        json!([path]),
    );
    b.click_element(remove[ELEMENT].as_str().expect("a Remove button"));
    confirm_removal(b, path);
    b.wait(&format!("{path} removed"), || {
        b.script(
            "return document.querySelector(`[data-path=\"${arguments[0]}\"]`) === null",
            json!([path]),
        ) == json!(true)
    });
    b.click("undo");
    b.wait(&format!("{path} back"), || b.value(id) == value);
}
