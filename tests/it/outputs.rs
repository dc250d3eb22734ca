//! Output paths that must never destroy a file: the input, template files, a path two
//! inputs share, symbolic links, named pipes, sockets and standard output.
//!
//! Every node is made in a temporary folder; no test points the binary at a real device.

use crate::util::{assert_exit, assert_exit_for, code, dfr, example, out};
use std::path::Path;
use std::process::{Command, Stdio};

fn couple(dir: &Path) -> Vec<u8> {
    std::fs::write(dir.join("couple.toml"), example()).unwrap();
    std::fs::read(dir.join("couple.toml")).unwrap()
}

/// The PDF rendered the ordinary way, to compare bytes written elsewhere with.
fn reference_pdf(dir: &Path) -> Vec<u8> {
    let run = dfr(dir, &["render", "couple.toml", "-o", "reference.pdf"]);
    assert_exit(&run, 0);
    std::fs::read(dir.join("reference.pdf")).unwrap()
}

#[test]
fn an_output_that_is_the_input_is_refused_and_the_input_kept_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let original = couple(dir.path());
    std::fs::hard_link(dir.path().join("couple.toml"), dir.path().join("hard.toml")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("couple.toml", dir.path().join("sym.toml")).unwrap();
    let mut outputs = vec!["couple.toml", "./couple.toml", "hard.toml"];
    if cfg!(unix) {
        outputs.push("sym.toml");
    }
    for output in outputs {
        for format in ["pdf", "txt"] {
            let run = dfr(
                dir.path(),
                &["render", "couple.toml", "--format", format, "-o", output],
            );
            let (stdout, stderr) = out(&run);
            assert_exit_for(&run, 2, format_args!("-o {output}"));
            assert!(
                stderr.contains(&format!(
                    "error: the output {output} is the input couple.toml"
                )),
                "{stderr}"
            );
            assert!(
                stderr.contains("hint: give another output path"),
                "{stderr}"
            );
            assert!(!stdout.contains("wrote"), "{stdout}");
            assert_eq!(
                std::fs::read(dir.path().join("couple.toml")).unwrap(),
                original,
                "-o {output} --format {format} changed the input"
            );
        }
    }
    // The same holds for dfr watch, which would otherwise overwrite it on every save.
    let run = dfr(dir.path(), &["watch", "couple.toml", "-o", "hard.toml"]);
    assert_exit(&run, 2);
    assert!(out(&run).1.contains("is the input couple.toml"));
    assert_eq!(
        std::fs::read(dir.path().join("couple.toml")).unwrap(),
        original
    );
}

#[test]
fn an_output_that_is_a_template_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    assert_exit(&dfr(dir.path(), &["templates", "wording-set"]), 0);
    let main = std::fs::read(dir.path().join("wording-set/main.typ")).unwrap();
    let run = dfr(
        dir.path(),
        &[
            "render",
            "couple.toml",
            "--templates",
            "wording-set",
            "-o",
            "wording-set/main.typ",
        ],
    );
    assert_exit(&run, 2);
    assert!(
        out(&run).1.contains("is a template file"),
        "{:?}",
        out(&run)
    );
    let bundle = dfr(
        dir.path(),
        &[
            "render",
            "couple.toml",
            "--templates",
            "wording-set",
            "--emit-bundle",
            "wording-set",
        ],
    );
    assert_exit(&bundle, 2);
    assert!(
        !dir.path().join("couple.pdf").exists(),
        "nothing is rendered"
    );
    assert_eq!(
        std::fs::read(dir.path().join("wording-set/main.typ")).unwrap(),
        main
    );
}

#[test]
fn two_inputs_that_would_write_one_file_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::write(dir.path().join(sub).join("x.toml"), example()).unwrap();
    }
    let run = dfr(dir.path(), &["render", "a/x.toml", "b/x.toml", "-o", "out"]);
    let (stdout, stderr) = out(&run);
    assert_exit(&run, 2);
    assert!(
        stderr.contains("error: a/x.toml and b/x.toml would both be written to out/x.pdf"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: give the inputs distinct names"),
        "{stderr}"
    );
    assert!(
        !stdout.contains("rendered"),
        "no summary claims a render: {stdout}"
    );
    assert!(!dir.path().join("out/x.pdf").exists());

    let twice = dfr(
        dir.path(),
        &[
            "render",
            "a/x.toml",
            "./a/x.toml",
            "--format",
            "txt",
            "-o",
            "out",
        ],
    );
    assert_exit(&twice, 2);
    assert!(out(&twice).1.contains("the same input is named twice"));
    let png = dfr(
        dir.path(),
        &[
            "render", "a/x.toml", "b/x.toml", "--format", "png", "-o", "pages",
        ],
    );
    assert_exit(&png, 2);
    assert!(!dir.path().join("pages").exists());
    assert!(!dir.path().join("out").exists(), "nothing was written");
}

#[cfg(unix)]
#[test]
fn the_summary_counts_only_files_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), example()).unwrap();
    std::fs::write(
        dir.path().join("b.toml"),
        example().replace("RoCK-DFR-2026-0042", "REF-B"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    // b's output is a link into a folder that does not exist: the write fails.
    std::os::unix::fs::symlink("../gone/b.pdf", dir.path().join("out/b.pdf")).unwrap();
    let run = dfr(dir.path(), &["render", "a.toml", "b.toml", "-o", "out"]);
    let (stdout, stderr) = out(&run);
    assert_exit(&run, 2);
    assert!(
        stdout.contains("rendered 1 of 2 files, 1 failed"),
        "{stdout}"
    );
    assert!(stderr.contains("error: cannot write"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_is_kept_and_its_target_gets_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    let expected = reference_pdf(dir.path());
    std::fs::create_dir(dir.path().join("real")).unwrap();
    std::fs::write(dir.path().join("real/contract.pdf"), "an older contract").unwrap();
    std::os::unix::fs::symlink("real/contract.pdf", dir.path().join("link.pdf")).unwrap();
    // A link whose target does not exist yet creates the target.
    std::os::unix::fs::symlink("real/new.pdf", dir.path().join("dangling.pdf")).unwrap();
    for (link, target) in [("link.pdf", "contract.pdf"), ("dangling.pdf", "new.pdf")] {
        let run = dfr(dir.path(), &["render", "couple.toml", "-o", link]);
        assert_exit(&run, 0);
        let meta = std::fs::symlink_metadata(dir.path().join(link)).unwrap();
        assert!(meta.file_type().is_symlink(), "{link} is still a link");
        assert_eq!(
            std::fs::read(dir.path().join("real").join(target)).unwrap(),
            expected
        );
        let leftovers = std::fs::read_dir(dir.path().join("real"))
            .unwrap()
            .filter(|e| {
                let name = e.as_ref().unwrap().file_name();
                name.to_string_lossy().ends_with(".tmp")
            })
            .count();
        assert_eq!(leftovers, 0, "no temporary file left beside the target");
    }
    // A link loop is a clear error.
    std::os::unix::fs::symlink("loop-b.pdf", dir.path().join("loop-a.pdf")).unwrap();
    std::os::unix::fs::symlink("loop-a.pdf", dir.path().join("loop-b.pdf")).unwrap();
    let run = dfr(dir.path(), &["render", "couple.toml", "-o", "loop-a.pdf"]);
    assert_exit(&run, 2);
    assert!(out(&run).1.contains("loop"), "{:?}", out(&run));
}

/// Makes a named pipe and reads everything written to it on another thread. The
/// returned function waits for the bytes (unblocking the reader if nobody wrote).
#[cfg(unix)]
fn fifo_reader(path: &Path) -> impl FnOnce() -> Vec<u8> + use<> {
    use std::io::Read;
    let made = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let reading = path.to_path_buf();
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::fs::File::open(&reading)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .unwrap();
        bytes
    });
    let path = path.to_path_buf();
    move || {
        if !reader.is_finished() {
            use std::os::unix::fs::OpenOptionsExt;
            // A writer that closes at once ends a reader still waiting to open.
            let _ = std::fs::OpenOptions::new()
                .write(true)
                .custom_flags(libc::O_NONBLOCK)
                .open(&path);
        }
        reader.join().unwrap()
    }
}

#[cfg(unix)]
#[test]
fn a_named_pipe_receives_the_pdf_and_stays_a_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    let expected = reference_pdf(dir.path());
    let fifo = dir.path().join("printer.fifo");
    let received = fifo_reader(&fifo);
    let run = dfr(dir.path(), &["render", "couple.toml", "-o", "printer.fifo"]);
    assert_exit(&run, 0);
    assert_eq!(received(), expected, "the reader got the whole PDF");
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe was not replaced by a file");

    // dfr extract writes into a pipe too (and still never overwrites a file).
    let final_pdf = dir.path().join("reference.pdf");
    assert!(final_pdf.exists());
    let received = fifo_reader(&dir.path().join("data.fifo"));
    let run = dfr(dir.path(), &["extract", "reference.pdf", "-o", "data.fifo"]);
    assert_exit(&run, 0);
    let data = String::from_utf8(received()).unwrap();
    assert!(data.contains("RoCK-DFR-2026-0042"), "{data}");
}

#[cfg(unix)]
#[test]
fn a_socket_receives_the_review_copy() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    let path = dir.path().join("review.sock");
    let listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
    let reader = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut text = String::new();
        stream.read_to_string(&mut text).unwrap();
        text
    });
    let run = dfr(
        dir.path(),
        &[
            "render",
            "couple.toml",
            "--format",
            "txt",
            "-o",
            "review.sock",
        ],
    );
    if code(&run) != 0 {
        let _ = std::os::unix::net::UnixStream::connect(&path);
    }
    assert_exit(&run, 0);
    let text = reader.join().unwrap();
    let file = dfr(dir.path(), &["render", "couple.toml", "--format", "txt"]);
    assert_exit(&file, 0);
    assert_eq!(
        text,
        std::fs::read_to_string(dir.path().join("couple.txt")).unwrap()
    );
}

#[test]
fn dash_is_standard_output_for_one_input() {
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    let expected = reference_pdf(dir.path());
    let run = Command::new(env!("CARGO_BIN_EXE_dfr"))
        .current_dir(dir.path())
        .args(["render", "couple.toml", "-o", "-"])
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert_exit(&run, 0);
    assert_eq!(
        run.stdout, expected,
        "standard output carries exactly the PDF"
    );
    assert!(!dir.path().join("-").exists(), "no file named -");

    for args in [
        &["render", "couple.toml", "couple.toml", "-o", "-"][..],
        &["render", "couple.toml", "--format", "png", "-o", "-"][..],
    ] {
        let run = dfr(dir.path(), args);
        assert_exit_for(&run, 2, format_args!("{args:?}"));
        assert!(out(&run).1.contains("standard output"), "{:?}", out(&run));
    }
    assert!(!dir.path().join("-").exists());

    let starter = dfr(dir.path(), &["new", "-"]);
    assert_exit(&starter, 0);
    assert_eq!(out(&starter).0, dfr::input::starter::STARTER);
    let data = dfr(dir.path(), &["extract", "reference.pdf", "-o", "-"]);
    assert_exit(&data, 0);
    assert!(out(&data).0.contains("RoCK-DFR-2026-0042"));
}

#[test]
fn a_folder_where_a_file_belongs_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    couple(dir.path());
    std::fs::create_dir(dir.path().join("contract.pdf")).unwrap();
    let run = dfr(dir.path(), &["render", "couple.toml", "-o", "contract.pdf"]);
    assert_exit(&run, 2);
    assert!(
        out(&run)
            .1
            .contains("error: cannot write contract.pdf: it is a folder"),
        "{:?}",
        out(&run)
    );
    std::fs::write(dir.path().join("file"), "x").unwrap();
    let run = dfr(dir.path(), &["templates", "file"]);
    assert_exit(&run, 2);
    assert!(out(&run).1.contains("not a folder"), "{:?}", out(&run));
    let run = dfr(dir.path(), &["new", "contract.pdf"]);
    assert_exit(&run, 2);
    assert!(out(&run).1.contains("it is a folder"), "{:?}", out(&run));
}
