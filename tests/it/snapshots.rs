//! Snapshots of what a lawyer and a user read: the review copy of every example and
//! valid fixture, and `check`'s messages for every invalid fixture. A change to the
//! wording or to a message shows as a diff to review (`cargo insta review`, or rerun
//! with `INSTA_UPDATE=always` and read `git diff`).

use crate::util::{fixture, repo, valid};

/// The document ID covers the templates, so it changes with any layout change; the
/// snapshots are about the words.
fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(
        r"ID [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}",
        "ID [document id]",
    );
    settings.add_filter(
        r"ឯកសារ [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}",
        "ឯកសារ [document id]",
    );
    settings.set_prepend_module_to_snapshot(false);
    settings
}

fn source(name: &str) -> String {
    match name.strip_prefix("examples/") {
        Some(_) => std::fs::read_to_string(repo(name)).unwrap(),
        None => fixture(name),
    }
}

#[test]
fn review_copies() {
    for name in [
        "examples/dara-and-sophea.toml",
        "examples/large.toml",
        "examples/angkor-borei.toml",
        "minimal.toml",
        "injection.toml",
    ] {
        let declaration = valid(&source(name));
        for (suffix, options) in [
            ("", dfr::Options::default()),
            (
                "-redacted",
                dfr::Options::default().copy(dfr::CopyKind::Redacted),
            ),
        ] {
            let text = crate::util::renderer()
                .review_text(&declaration, &options)
                .unwrap();
            let snapshot = format!(
                "review-{}{suffix}",
                name.trim_start_matches("examples/")
                    .trim_end_matches(".toml")
            );
            settings().bind(|| insta::assert_snapshot!(snapshot, text));
        }
    }
}

#[test]
fn check_messages() {
    for name in [
        "impossible-date.toml",
        "many-errors.toml",
        "many-structural-errors.toml",
        "syntax-error.toml",
        "unknown-currency.toml",
        "unknown-key.toml",
    ] {
        let checked = dfr::check(&fixture(name));
        assert!(checked.declaration.is_none(), "{name} should be invalid");
        let text = dfr::Diagnostics(checked.diagnostics).render(name);
        let snapshot = format!("check-{}", name.trim_end_matches(".toml"));
        settings().bind(|| insta::assert_snapshot!(snapshot, text));
    }
}
