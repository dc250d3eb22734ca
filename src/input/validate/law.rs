//! The rules that come from the law rather than from the data's own shape: land and
//! nationality, identity documents, interpreters, titles, adoption orders, copies.
//!
//! The land rules are errors for a final copy and warnings for a draft
//! (`for_final_copy`), so that a lawyer can still print a draft to discuss.

use super::{Validator, kh};
use crate::input::diagnostic::{Diagnostic, KeyPath};
use crate::input::model::{ChildKind, IdKind, Input, Owner, TitleHolder};

impl Validator {
    /// Identity documents agree with nationality; a passport names its state; an
    /// interpreter translates for a partner who exists.
    pub(super) fn identities(&mut self, input: &Input) {
        for (i, p) in input.partners.iter().enumerate() {
            let at = KeyPath::root().key("partners").index(i);
            let doc = &p.id_document;
            if doc.kind == IdKind::NationalId && p.is_foreign() {
                self.error(
                    at.key("id-document").key("kind"),
                    (
                        format!(
                            "a Cambodian national identity card is held by Cambodian nationals, but partner {}'s nationality is {}",
                            i + 1,
                            p.nationality.en
                        ),
                        format!(
                            "អត្តសញ្ញាណប័ណ្ណសញ្ជាតិខ្មែរ ជារបស់ពលរដ្ឋខ្មែរ ប៉ុន្តែដៃគូទី{} មានសញ្ជាតិ{}",
                            kh(i + 1),
                            p.nationality.km
                        ),
                    ),
                )
                .set_hint((
                    "a partner of another nationality is identified by a passport: `kind = \"passport\"` with `issued-by`; or correct the nationality",
                    "ដៃគូដែលមានសញ្ជាតិផ្សេង ត្រូវបញ្ជាក់អត្តសញ្ញាណដោយលិខិតឆ្លងដែន និងប្រទេសដែលចេញលិខិតនោះ ឬកែសញ្ជាតិ",
                ));
            }
            if let Some(state) = &doc.issued_by {
                self.text(&at.key("id-document").key("issued-by"), state);
                if doc.kind == IdKind::NationalId {
                    self.error(
                        at.key("id-document").key("issued-by"),
                        (
                            "only a passport names the state that issued it",
                            "មានតែលិខិតឆ្លងដែនប៉ុណ្ណោះ ដែលបញ្ជាក់ប្រទេសដែលចេញលិខិតនោះ",
                        ),
                    );
                }
            } else if doc.kind == IdKind::Passport {
                self.warn(
                    at.key("id-document").key("issued-by"),
                    (
                        format!(
                            "partner {}'s passport does not name the state that issued it",
                            i + 1
                        ),
                        format!("លិខិតឆ្លងដែនរបស់ដៃគូទី{} មិនបញ្ជាក់ប្រទេសដែលចេញលិខិតនោះទេ", kh(i + 1)),
                    ),
                );
            }
            if p.is_foreign() && input.interpreter.is_none() {
                self.warn(
                    at.key("nationality"),
                    (
                        format!("if partner {} does not read Khmer, add an `[interpreter]`: the contract then says who translated it and into which language", i + 1),
                        format!("ប្រសិនបើដៃគូទី{} មិនចេះអានភាសាខ្មែរ សូមបញ្ចូលអ្នកបកប្រែ៖ កិច្ចសន្យានឹងបញ្ជាក់អ្នកបកប្រែ និងភាសាដែលបានបកប្រែ", kh(i + 1)),
                    ),
                );
            }
        }
        if let Some(interpreter) = &input.interpreter {
            let at = KeyPath::root().key("interpreter");
            self.text(&at.key("name"), &interpreter.name);
            self.text(&at.key("language"), &interpreter.language);
            if !(1..=2).contains(&interpreter.for_partner) {
                self.error(
                    at.key("for-partner"),
                    (
                        format!("{} is not a partner", interpreter.for_partner),
                        format!("{} មិនមែនជាដៃគូទេ", kh(interpreter.for_partner)),
                    ),
                )
                .set_hint(("write 1 or 2", "សរសេរ ១ ឬ ២"));
            }
        }
    }

    /// A title belongs to land or a building; an adoption order to an adopted child;
    /// whether the co-parent raised a child is said of an adult child only.
    pub(super) fn records(&mut self, input: &Input) {
        for (i, a) in input.assets.iter().enumerate() {
            if a.title.is_some() && !a.kind.is_immovable() {
                self.error(
                    KeyPath::root().key("assets").index(i).key("title"),
                    (
                        "a land title is for land and buildings only",
                        "ប្លង់កម្មសិទ្ធិ សម្រាប់តែដី និងអគារប៉ុណ្ណោះ",
                    ),
                )
                .set_hint((
                    "a plate or an account number goes in `registration`",
                    "ស្លាកលេខយានយន្ត ឬលេខគណនី ត្រូវសរសេរក្នុងលេខចុះបញ្ជី",
                ));
            }
        }
        let date = input.declaration.date.0;
        for (i, c) in input.children.iter().enumerate() {
            let at = KeyPath::root().key("children").index(i);
            if let Some(order) = &c.adoption_order {
                self.plain(&at.key("adoption-order").key("number"), &order.number);
                self.text(&at.key("adoption-order").key("court"), &order.court);
                if c.kind != ChildKind::Adopted {
                    self.error(
                        at.key("adoption-order"),
                        (
                            "an adoption order is for an adopted child; this child is biological",
                            "សាលក្រមស្មុំកូន សម្រាប់តែកូនចិញ្ចឹមប៉ុណ្ណោះ៖ កូននេះជាកូនបង្កើត",
                        ),
                    );
                }
            }
            let minor = crate::locale::date::age_on(c.date_of_birth.0, date) < super::ADULT_AGE;
            if c.raised_by_co_parent.is_some() && minor {
                self.error(
                    at.key("raised-by-co-parent"),
                    (
                        "this child is a minor: the co-parent's care is an undertaking in the contract, not a fact to state",
                        "កូននេះជាអនីតិជន៖ ការថែរក្សារបស់ដៃគូម្ខាងទៀត ជាការសន្យាក្នុងកិច្ចសន្យា មិនមែនជាការពិតដែលត្រូវបញ្ជាក់ទេ",
                    ),
                )
                .set_hint((
                    "leave `raised-by-co-parent` out for a minor",
                    "សូមកុំបំពេញចំណុចនេះសម្រាប់កូនអនីតិជន",
                ));
            }
        }
    }
}

/// The rules a final copy must meet and a draft may break (then as warnings): land is
/// never given to a partner who is not Khmer (Constitution art. 44, Land Law 2001
/// art. 8).
pub(crate) fn for_final_copy(input: &Input) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if input.partners.len() != 2 {
        return out;
    }
    let khmer = [
        !input.partners[0].is_foreign(),
        !input.partners[1].is_foreign(),
    ];
    let nationality = |n: usize| &input.partners[n - 1].nationality;
    let law = (
        "only persons of Khmer nationality may own land (Constitution art. 44, Land Law 2001 art. 8)",
        "មានតែបុគ្គលដែលមានសញ្ជាតិខ្មែរប៉ុណ្ណោះ ដែលអាចមានកម្មសិទ្ធិលើដីធ្លី (រដ្ឋធម្មនុញ្ញ មាត្រា៤៤ ច្បាប់ភូមិបាល ឆ្នាំ២០០១ មាត្រា៨)",
    );
    for (i, a) in input.assets.iter().enumerate() {
        if !a.kind.is_immovable() {
            continue;
        }
        let at = KeyPath::root().key("assets").index(i);
        let what = (
            format!("asset {} ({})", i + 1, a.description.en),
            format!("ទ្រព្យទី{} ({})", kh(i + 1), a.description.km),
        );
        let foreign: Vec<usize> = match a.owner {
            Owner::Joint => (1..=2).filter(|n| !khmer[n - 1]).collect(),
            Owner::Partner1 => (!khmer[0]).then_some(1).into_iter().collect(),
            Owner::Partner2 => (!khmer[1]).then_some(2).into_iter().collect(),
        };
        let Some(&n) = foreign.first() else { continue };
        let (en, km) = if foreign.len() == 2 {
            (
                format!(
                    "{}: neither partner is of Khmer nationality, so neither may own it; {}",
                    what.0, law.0
                ),
                format!(
                    "{}៖ ដៃគូទាំងពីរមិនមានសញ្ជាតិខ្មែរ ដូច្នេះគ្មាននរណាអាចមានកម្មសិទ្ធិលើវាបានទេ។ {}",
                    what.1, law.1
                ),
            )
        } else if a.owner != Owner::Joint {
            (
                format!(
                    "{}: partner {n} is of {} nationality and may not own it; {}",
                    what.0,
                    nationality(n).en,
                    law.0
                ),
                format!(
                    "{}៖ ដៃគូទី{} មានសញ្ជាតិ{} ហើយមិនអាចមានកម្មសិទ្ធិលើវាបានទេ។ {}",
                    what.1,
                    kh(n),
                    nationality(n).km,
                    law.1
                ),
            )
        } else {
            // The contract gives the land to the Khmer partner (`value_claim`); a final
            // copy needs the title in that partner's name.
            let Some(claim) = crate::input::law::value_claim(input, a) else {
                continue;
            };
            let holder = claim.owner;
            let right = match holder {
                1 => TitleHolder::Partner1,
                _ => TitleHolder::Partner2,
            };
            if a.title.map(|t| t.in_name_of) == Some(right) {
                continue;
            }
            (
                format!(
                    "{}: partner {n} is of {} nationality and may not co-own it; the contract gives partner {n} a claim to the value of their share instead, and partner {holder} must be the one in whose name it is registered; {}",
                    what.0,
                    nationality(n).en,
                    law.0
                ),
                format!(
                    "{}៖ ដៃគូទី{} មានសញ្ជាតិ{} ហើយមិនអាចជាសហកម្មសិទ្ធិករបានទេ។ កិច្ចសន្យាផ្ដល់ឱ្យដៃគូទី{} នូវសិទ្ធិទាមទារតម្លៃនៃចំណែករបស់ខ្លួនជំនួសវិញ ហើយប្លង់ត្រូវចុះឈ្មោះដៃគូទី{}។ {}",
                    what.1,
                    kh(n),
                    nationality(n).km,
                    kh(n),
                    kh(holder),
                    law.1
                ),
            )
        };
        let hint = if foreign.len() == 2 || a.owner != Owner::Joint {
            (
                "land can be listed only as the Khmer partner's own property, or as joint property registered in the Khmer partner's name".to_owned(),
                "ដីធ្លីអាចរាយបានតែជាទ្រព្យផ្ទាល់ខ្លួនរបស់ដៃគូដែលមានសញ្ជាតិខ្មែរ ឬជាទ្រព្យរួមដែលប្លង់ចុះឈ្មោះដៃគូដែលមានសញ្ជាតិខ្មែរ".to_owned(),
            )
        } else {
            (
                format!(
                    "once the title is checked, write `title = {{ kind = \"hard\", in-name-of = \"partner-{}\" }}` (or `\"soft\"`)",
                    3 - n
                ),
                format!("ពេលពិនិត្យប្លង់រួច សូមបញ្ជាក់ប្រភេទប្លង់ និងថាប្លង់ចុះឈ្មោះដៃគូទី{}", kh(3 - n)),
            )
        };
        let path = match a.owner {
            Owner::Joint if foreign.len() == 1 => at.key("title"),
            _ => at.key("owner"),
        };
        out.push(Diagnostic::error(path, (en, km)).with_hint(hint));
    }
    out
}
