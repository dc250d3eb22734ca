//! Writes the generated reference of what a template set may read into
//! `templates/README.md`, between its markers (a test checks that it is current):
//!
//! ```sh
//! cargo run --example template-reference
//! ```

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/templates/README.md");
    let text = std::fs::read_to_string(path).expect("templates/README.md exists");
    let (start, end) = (
        dfr::layout::template_reference::REFERENCE_START,
        dfr::layout::template_reference::REFERENCE_END,
    );
    let (Some(a), Some(b)) = (text.find(start), text.find(end)) else {
        panic!("templates/README.md has no {start} … {end} markers");
    };
    let updated = format!(
        "{}{start}\n{}{}",
        &text[..a],
        dfr::layout::template_reference::reference(),
        &text[b..]
    );
    std::fs::write(path, updated).expect("write templates/README.md");
    println!("wrote {path}");
}
