//! What a review copy shows of a text in both languages: the printed languages, Khmer
//! first, as lines or as one table cell; and the set's labels by name.

use crate::layout::model::LayoutData;
use crate::locale::{Lang, Text};

/// The languages a review copy shows, in order.
pub(super) struct Shown {
    pub(super) km: bool,
    pub(super) en: bool,
}

impl Shown {
    /// The printed languages of `pair`, Khmer first; one line each.
    pub(super) fn lines(&self, pair: &Text) -> Vec<String> {
        let mut out = Vec::new();
        if self.km {
            out.push(pair.km.clone());
        }
        if self.en {
            out.push(pair.en.clone());
        }
        out
    }

    /// The printed languages of `pair` on one line (`–` for none).
    pub(super) fn cell(&self, pair: Option<&Text>) -> String {
        match pair {
            Some(pair) => self.lines(pair).join(" / "),
            None => "–".to_owned(),
        }
    }

    /// The languages shown, in order.
    pub(super) fn langs(&self) -> Vec<Lang> {
        [(Lang::Km, self.km), (Lang::En, self.en)]
            .into_iter()
            .filter_map(|(l, on)| on.then_some(l))
            .collect()
    }
}

/// A label of the template set (empty when the set has none of that name).
pub(super) fn label<'a>(data: &'a LayoutData, name: &str) -> &'a Text {
    static EMPTY: Text = Text {
        km: String::new(),
        en: String::new(),
    };
    data.labels.get(name).unwrap_or(&EMPTY)
}
