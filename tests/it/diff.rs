//! `dfr diff` as a lawyer uses it: word by word in both languages, renumbered articles in one line, drafts, template sets and the redline PDF.

use crate::util::{assert_exit, dfr, example, out, pdf_text, valid, with};
use dfr::Options;
use dfr::outputs::diff::{PartChange, Segment, Version, WordingChange};

/// The example with the first partner's occupation changed, in both languages.
fn new_occupation() -> String {
    with(
        &example(),
        "occupation = { km = \"គ្រូបង្រៀន\", en = \"Teacher\" }",
        "occupation = { km = \"នាយកសាលា\", en = \"Head teacher\" }",
    )
}

/// The example without its only child.
fn no_child() -> String {
    let source = example();
    let start = source
        .find("[[children]]")
        .expect("the example has a child");
    let end = start + source[start + 2..].find("\n[[").expect("a table follows") + 3;
    format!("{}{}", &source[..start], &source[end..])
}

fn compare(old: &str, new: &str) -> dfr::Difference {
    dfr::compare(
        crate::util::renderer(),
        &valid(old),
        &valid(new),
        &Options::default(),
    )
    .unwrap()
}

/// The removed and added pieces of every changed line of `change`.
fn changed_words(change: &WordingChange) -> Vec<(String, String)> {
    change
        .lines
        .iter()
        .map(|line| {
            let pick = |removed: bool| {
                line.segments
                    .iter()
                    .filter_map(|s| match (s, removed) {
                        (Segment::Removed(t), true) | (Segment::Added(t), false) => {
                            Some(t.as_str())
                        }
                        _ => None,
                    })
                    .collect::<Vec<_>>()
                    .join("|")
            };
            (pick(true), pick(false))
        })
        .collect()
}

#[test]
fn one_changed_occupation_is_that_word_only_in_each_language() {
    let difference = compare(&example(), &new_occupation());
    let keys: Vec<&str> = difference.wording.iter().map(|w| w.key()).collect();
    // The clause that prints it, and the footer's document ID.
    assert_eq!(keys, ["01-parties", "footer"], "{difference:#?}");
    let parties = &difference.wording[0];
    assert_eq!(parties.change, PartChange::Changed);
    assert_eq!(
        changed_words(parties),
        [
            ("គ្រូបង្រៀន".to_owned(), "នាយកសាលា".to_owned()),
            ("Teacher".to_owned(), "Head teacher".to_owned()),
        ]
    );
    assert!(
        parties.lines[0]
            .marked()
            .contains("មុខរបរ[-គ្រូបង្រៀន-]{+នាយកសាលា+} អាសយដ្ឋាន"),
        "{}",
        parties.lines[0].marked()
    );
}

#[test]
fn the_redline_marks_that_word_only_and_is_never_a_contract() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), example()).unwrap();
    std::fs::write(dir.path().join("b.toml"), new_occupation()).unwrap();
    let run = dfr(
        dir.path(),
        &["diff", "a.toml", "b.toml", "--format", "pdf", "-o", "r.pdf"],
    );
    assert_exit(&run, 1);
    assert!(out(&run).0.contains("wrote r.pdf"), "{:?}", out(&run));
    let pdf = std::fs::read(dir.path().join("r.pdf")).unwrap();
    let text = pdf_text(&pdf);
    // The first page: what it is, both versions and the changed values in words.
    for words in [
        "Redline: what changed between two versions",
        "This is not a contract and must not be signed.",
        "Partner 1 › Occupation › English",
        "ដៃគូ ១ › មុខរបរ › ខ្មែរ",
        "Head teacher",
    ] {
        assert!(text.contains(words), "{words} not in {text}");
    }
    // Every footer names both versions' IDs, earlier » later.
    let ids = |source: &str| {
        crate::util::renderer()
            .layout_model(&valid(source), &Options::default())
            .unwrap()
            .id
    };
    let both = format!("{} » {}", ids(&example()), ids(&new_occupation()));
    let pages = text.split('\u{c}').filter(|p| !p.trim().is_empty()).count();
    assert_eq!(text.matches(&both).count(), pages, "{both} on every page");
    // The old word is still printed (struck through) beside the new one.
    assert!(text.contains("occupation: TeacherHead teacher,"), "{text}");
    // In the model the layout reads, exactly those two words are marked, in each language.
    let model = |source: &str| {
        crate::util::renderer()
            .layout_model(&valid(source), &Options::default())
            .unwrap()
    };
    let (old, new) = (model(&example()), model(&new_occupation()));
    let difference = compare(&example(), &new_occupation());
    let redline = dfr::outputs::diff::redline_model(
        &old,
        &new,
        &difference,
        &std::collections::BTreeMap::new(),
    );
    let json = serde_json::to_string(&redline).unwrap();
    let marked: Vec<&str> = json
        .split(['\u{E005}', '\u{E006}'])
        .skip(1)
        .map(|s| s.split('\u{E007}').next().unwrap())
        .collect();
    assert_eq!(marked, ["គ្រូបង្រៀន", "នាយកសាលា", "Teacher", "Head teacher"]);
    // Never archival, no data, and not a copy that verifies.
    assert!(dfr::read_attachment(&pdf).is_err());
    assert!(Version::from_pdf(&pdf).is_err());
    assert!(!String::from_utf8_lossy(&pdf).contains("pdfaid"));
    assert_exit(&dfr(dir.path(), &["verify", "r.pdf"]), 2);
}

#[test]
fn removing_a_child_reports_its_article_and_schedule_and_renumbered_for_the_rest() {
    let difference = compare(&example(), &no_child());
    let data: Vec<String> = difference.data.iter().map(ToString::to_string).collect();
    assert_eq!(data.len(), 1, "{data:?}");
    assert!(data[0].starts_with("children[1]: { "), "{data:?}");
    let kinds: Vec<(&str, PartChange, bool)> = difference
        .wording
        .iter()
        .map(|w| (w.key(), w.change, w.renumbered))
        .collect();
    use PartChange::*;
    assert_eq!(
        kinds,
        [
            ("03-declaration", Changed, false),
            ("04-children", Removed, false),
            ("schedule-children", Removed, false),
            ("05-property", Renumbered, true),
            ("06-separation", Changed, true),
            ("07-death-and-incapacity", Changed, true),
            ("08-disputes", Changed, true),
            ("09-amendment", Renumbered, true),
            ("10-copies-and-language", Renumbered, true),
            ("footer", Changed, false),
        ]
    );
    // A renumbered article's changes are its words only: no article number is marked.
    for change in difference.wording.iter().filter(|w| w.renumbered) {
        for (removed, added) in changed_words(change) {
            for digits in [&removed, &added].into_iter().filter(|d| !d.is_empty()) {
                assert!(
                    !digits.chars().all(|c| c.is_numeric()),
                    "{}: a number marked: {removed:?} → {added:?}",
                    change.key()
                );
            }
        }
    }
    let text: String = difference.wording.iter().map(|w| w.text()).collect();
    assert!(
        text.contains("── 09-amendment: renumbered only: ប្រការ ៩៖ វិសោធនកម្ម និងការបញ្ចប់ → ប្រការ ៨៖ វិសោធនកម្ម និងការបញ្ចប់ / Article 9: Amendment and termination → Article 8: Amendment and termination\n"),
        "{text}"
    );
}

#[test]
fn two_drafts_compare_by_what_they_print_and_final_copies_by_their_data() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), example()).unwrap();
    std::fs::write(dir.path().join("b.toml"), new_occupation()).unwrap();
    for file in ["a", "b"] {
        let toml = format!("{file}.toml");
        assert_exit(
            &dfr(
                dir.path(),
                &[
                    "render",
                    "--draft",
                    &toml,
                    "-o",
                    &format!("{file}.draft.pdf"),
                ],
            ),
            0,
        );
        assert_exit(&dfr(dir.path(), &["render", &toml]), 0);
    }
    let drafts = dfr(dir.path(), &["diff", "a.draft.pdf", "b.draft.pdf"]);
    assert_exit(&drafts, 1);
    let (stdout, _) = out(&drafts);
    assert!(stdout.starts_with("Data: not compared"), "{stdout}");
    assert!(
        stdout.contains("occupation: [-Teacher-]{+Head teacher+}, residing"),
        "{stdout}"
    );
    assert!(stdout.contains("មុខរបរ[-គ្រូបង្រៀន-]{+នាយកសាលា+}"), "{stdout}");
    // Piped, it is plain text: no colour.
    assert!(!stdout.contains('\u{1b}'));
    assert_exit(&dfr(dir.path(), &["diff", "a.draft.pdf", "a.draft.pdf"]), 0);
    // Final copies carry their data: the values are compared too.
    let finals = dfr(dir.path(), &["diff", "a.pdf", "b.pdf"]);
    assert_exit(&finals, 1);
    assert!(
        out(&finals).0.starts_with(
            "Data: 2 changed values\n  partners[1].occupation.en: \"Teacher\" → \"Head teacher\"\n"
        ),
        "{:?}",
        out(&finals)
    );
    // A draft against a declaration file: what each prints.
    assert_exit(&dfr(dir.path(), &["diff", "a.draft.pdf", "b.toml"]), 1);
    // Two drafts make a redline too.
    let redline = dfr(
        dir.path(),
        &["diff", "a.draft.pdf", "b.draft.pdf", "--format", "pdf"],
    );
    assert_exit(&redline, 1);
    let pdf = std::fs::read(dir.path().join("b.draft-redline.pdf")).unwrap();
    assert!(
        pdf_text(&pdf)
            .contains("These copies carry no data: only their printed text was compared.")
    );
    // A PDF that carries neither (the redline) is refused, named.
    let refused = dfr(dir.path(), &["diff", "b.draft-redline.pdf", "b.draft.pdf"]);
    assert_exit(&refused, 2);
    assert!(
        out(&refused).1.contains("b.draft-redline.pdf"),
        "{:?}",
        out(&refused)
    );
    assert!(
        out(&refused).1.contains("neither its data"),
        "{:?}",
        out(&refused)
    );
}

#[test]
fn one_declaration_under_two_template_sets_shows_exactly_the_edited_sentences() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.toml"), example()).unwrap();
    assert_exit(&dfr(dir.path(), &["templates", "old"]), 0);
    assert_exit(&dfr(dir.path(), &["templates", "new"]), 0);
    let file = dir.path().join("new/wording/09-amendment.hbs");
    let wording = std::fs::read_to_string(&file).unwrap();
    let edited = with(
        &wording,
        "amended by written agreement of both partners before",
        "amended by a written agreement signed by both partners before",
    );
    std::fs::write(&file, edited).unwrap();
    let same = dfr(
        dir.path(),
        &["diff", "c.toml", "--templates", "old", "--against", "old"],
    );
    assert_exit(&same, 0);
    let run = dfr(
        dir.path(),
        &["diff", "c.toml", "--templates", "old", "--against", "new"],
    );
    assert_exit(&run, 1);
    let (stdout, _) = out(&run);
    assert!(stdout.starts_with("Data: 0 changed values\n"), "{stdout}");
    // The edited sentence, marked, and the document ID (which covers the wording).
    assert!(stdout.contains("Wording: 2 parts changed"), "{stdout}");
    assert!(
        stdout.contains("~ This declaration may be amended by {+a +}written agreement [-of-]{+signed by+} both partners before the Chief"),
        "{stdout}"
    );
    let changed: Vec<&str> = stdout.lines().filter(|l| l.starts_with("~ ")).collect();
    assert_eq!(
        changed.len(),
        2,
        "the sentence and the footer's ID: {stdout}"
    );
    // Without a second version and without --against, the usage is refused.
    assert_exit(&dfr(dir.path(), &["diff", "c.toml"]), 2);
}

#[test]
fn colour_only_on_a_terminal_or_when_asked_and_txt_is_always_plain() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), example()).unwrap();
    std::fs::write(dir.path().join("b.toml"), new_occupation()).unwrap();
    let coloured = dfr(
        dir.path(),
        &["diff", "a.toml", "b.toml", "--color", "always"],
    );
    assert_exit(&coloured, 1);
    assert!(
        out(&coloured)
            .0
            .contains("occupation: \u{1b}[31;9mTeacher\u{1b}[0m\u{1b}[32;4mHead teacher\u{1b}[0m,"),
        "{:?}",
        out(&coloured)
    );
    let plain = dfr(
        dir.path(),
        &[
            "diff",
            "a.toml",
            "b.toml",
            "--format",
            "txt",
            "--color",
            "always",
            "-o",
            "changes.txt",
        ],
    );
    assert_exit(&plain, 1);
    let text = std::fs::read_to_string(dir.path().join("changes.txt")).unwrap();
    assert!(!text.contains('\u{1b}') && text.contains("[-Teacher-]{+Head teacher+}"));
    // The output is never one of the inputs.
    let refused = dfr(dir.path(), &["diff", "a.toml", "b.toml", "-o", "b.toml"]);
    assert_exit(&refused, 2);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("b.toml")).unwrap(),
        new_occupation()
    );
}
