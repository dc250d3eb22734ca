//! What each page of a PDF prints, as a fingerprint: its content streams and every resource they use, unpacked.
//!
//! `dfr` renders byte for byte the same PDF from the same data, templates and options,
//! so a page of a genuine copy has exactly the fingerprint of the same page rendered
//! afresh. An edited glyph, a page from a draft or another layout, or a page moved,
//! repeated or dropped shows as a page whose fingerprint is not where it belongs.
//! Object numbers are left out, so a file rewritten by another tool (which renumbers
//! objects) still matches when it prints the same.

use crate::outputs::attachment::inflated;
use lopdf::{Document, Object, ObjectId};
use sha2::{Digest, Sha256};
use std::collections::HashSet;

/// The most bytes of a page (its streams unpacked) that are read: a page of a dfr PDF,
/// fonts included, is under 2 MB.
const PAGE_BUDGET: usize = 64 * 1024 * 1024;
/// The deepest chain of references followed from a page.
const MAX_DEPTH: usize = 24;

/// A page's fingerprint, or `None` when the page cannot be read within the limits.
pub(crate) type Fingerprint = Option<[u8; 32]>;

/// The fingerprint of every page of `doc`, in page order.
pub(crate) fn fingerprints(doc: &Document) -> Vec<Fingerprint> {
    doc.get_pages()
        .values()
        .map(|&page| fingerprint(doc, page))
        .collect()
}

fn fingerprint(doc: &Document, page: ObjectId) -> Fingerprint {
    let mut walk = Walk {
        doc,
        hash: Sha256::new(),
        budget: PAGE_BUDGET,
        seen: HashSet::new(),
    };
    for content in doc.get_page_contents(page) {
        walk.hash.update(b"content\0");
        walk.object(&Object::Reference(content), 0)?;
    }
    let (own, inherited) = doc.get_page_resources(page).ok()?;
    walk.hash.update(b"resources\0");
    if let Some(resources) = own {
        walk.object(&Object::Dictionary(resources.clone()), 0)?;
    }
    for id in inherited {
        walk.object(&Object::Reference(id), 0)?;
    }
    Some(walk.hash.finalize().into())
}

/// A walk through the objects a page uses, feeding each into the hash.
struct Walk<'a> {
    doc: &'a Document,
    hash: Sha256,
    /// Bytes that may still be read.
    budget: usize,
    /// Objects already fed, so that a shared or looping reference is fed once.
    seen: HashSet<ObjectId>,
}

impl Walk<'_> {
    fn object(&mut self, object: &Object, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        match object {
            Object::Reference(id) => {
                if !self.seen.insert(*id) {
                    self.hash.update(b"again\0");
                    return Some(());
                }
                let target = self.doc.get_object(*id).ok()?;
                self.object(target, depth + 1)
            }
            Object::Dictionary(dict) => self.dictionary(dict, depth),
            Object::Array(items) => {
                self.hash.update(format!("array {}\0", items.len()));
                items
                    .iter()
                    .try_for_each(|item| self.object(item, depth + 1))
            }
            Object::Stream(stream) => {
                self.dictionary(&stream.dict, depth)?;
                let bytes = inflated(stream, self.budget).ok()?;
                self.budget = self.budget.checked_sub(bytes.len())?;
                self.hash.update(format!("stream {}\0", bytes.len()));
                self.hash.update(&bytes);
                Some(())
            }
            other => {
                self.hash.update(format!("{other:?}\0"));
                Some(())
            }
        }
    }

    /// A dictionary, its keys sorted; `Parent` (back up the page tree), `Length` and
    /// `Filter` (how a stream is stored, not what it prints) are left out.
    fn dictionary(&mut self, dict: &lopdf::Dictionary, depth: usize) -> Option<()> {
        let mut keys: Vec<&Vec<u8>> = dict
            .iter()
            .map(|(k, _)| k)
            .filter(|k| {
                !matches!(
                    k.as_slice(),
                    b"Parent" | b"Length" | b"Filter" | b"DecodeParms"
                )
            })
            .collect();
        keys.sort();
        self.hash.update(format!("dict {}\0", keys.len()));
        for key in keys {
            self.hash.update(key);
            self.hash.update(b"\0");
            self.object(dict.get(key).ok()?, depth + 1)?;
        }
        Some(())
    }
}
