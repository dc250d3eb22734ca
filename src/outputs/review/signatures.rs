//! The review copy's signature page: every signer's block with its lines, boxes, blanks and labels, as printed.

use super::{Part, Writer, label};
use crate::layout::model::Signer;
use crate::locale::Text;

/// A line to sign or write on, as the review copy shows it.
const BLANK: &str = "………………………………";

impl Writer<'_> {
    pub(super) fn signatures(&mut self) -> Part {
        let data = self.data;
        let signers = &data.signers;
        let mut body = self.page_break("block/partners");
        for (i, p) in signers.partners.iter().enumerate() {
            body.extend(self.signer(label(data, &format!("partner_{}", i + 1)), p));
        }
        if let Some(interpreter) = &signers.interpreter {
            body.extend(self.page_break("block/interpreter"));
            body.extend(self.signer(label(data, "interpreter"), interpreter));
        }
        for (i, w) in signers.witnesses.iter().enumerate() {
            // Witnesses are printed two to a row.
            if i % 2 == 0 {
                body.extend(self.page_break(&format!("block/witnesses/{i}")));
            }
            body.extend(self.signer(label(data, "witness"), w));
        }
        body.extend(self.page_break("block/authority"));
        let what = |name: &str| data.labels.get(name);
        body.extend(self.authority(
            "seen_confirmed",
            what("confirmed_what"),
            "village_chief_title",
            signers.village_chief.as_ref(),
            false,
        ));
        body.extend(self.authority(
            "seen_certified",
            what("certified_what"),
            "chief_title",
            signers.chief.as_ref(),
            true,
        ));
        // The blank line that closes the last block.
        body.pop();
        Part {
            key: "signatures".to_owned(),
            heading: self.shown.lines(label(data, "signatures")),
            body,
        }
    }

    /// One signer's block: the role, the line to sign on with the thumbprint box beside
    /// it, then the name and, for a witness, the ID document; blanks to fill in by hand
    /// when no name is given.
    fn signer(&self, role: &Text, signer: &Signer) -> Vec<String> {
        let (data, shown) = (self.data, &self.shown);
        let mut lines = vec![
            shown.cell(Some(role)),
            format!("{BLANK}  [{}]", shown.cell(Some(label(data, "thumbprint")))),
            shown.cell(Some(label(data, "signature"))),
        ];
        match &signer.name {
            Some(name) => {
                lines.push(shown.cell(Some(name)));
                if let Some(id) = &signer.id {
                    lines.push(shown.cell(Some(id)));
                }
            }
            None => {
                for name in ["name", "id_number"] {
                    lines.push(format!("{} {BLANK}", shown.cell(Some(label(data, name)))));
                }
            }
        }
        lines.push(String::new());
        lines
    }

    /// The village chief's or the commune or sangkat chief's block: what they saw and
    /// confirm, their title, the date to write, the stamp (the chief's), the line to
    /// sign on and their name or a blank for it.
    fn authority(
        &self,
        seen: &str,
        what: Option<&Text>,
        title: &str,
        name: Option<&Text>,
        stamp: bool,
    ) -> Vec<String> {
        let (data, shown) = (self.data, &self.shown);
        let mut lines = vec![shown.cell(Some(label(data, seen)))];
        if let Some(what) = what {
            lines.push(shown.cell(Some(what)));
        }
        lines.push(shown.cell(Some(label(data, title))));
        lines.push(shown.cell(Some(label(data, "date_blank"))));
        if stamp {
            lines.push(format!("[{}]", shown.cell(Some(label(data, "stamp")))));
        }
        lines.push(BLANK.to_owned());
        lines.push(match name {
            Some(name) => shown.cell(Some(name)),
            None => shown.cell(Some(label(data, "name"))),
        });
        lines.push(String::new());
        lines
    }
}
