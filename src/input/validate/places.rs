//! The rules of addresses and of the local authority: places found in the gazetteer, the authority the home's.

use super::Validator;
use crate::input::address::Address;
use crate::input::diagnostic::KeyPath;
use crate::input::model::Input;
use crate::places::gazetteer::{Level, normalised};

impl Validator {
    pub(super) fn authority(&mut self, input: &Input) {
        let a = &input.authority;
        let at = KeyPath::root().key("authority");
        let home = &input.relationship.home;
        let home_commune = home.place(Level::Commune);
        for (key, text) in [
            ("commune", &a.commune),
            ("district", &a.district),
            ("province", &a.province),
            ("village", &a.village),
            ("chief", &a.chief),
            ("village-chief", &a.village_chief),
        ] {
            match text {
                Some(t) => self.text(&at.key(key), t),
                // A structured home that was not found has its own error.
                None if home_commune.is_none()
                    && !matches!(home, Address::Place(_))
                    && matches!(key, "commune" | "district" | "province") =>
                {
                    self.error(
                        at.clone(),
                        (
                            format!("missing field `{key}`"),
                            format!(
                                "មិនទាន់មានឈ្មោះ{}របស់អាជ្ញាធរ",
                                crate::input::address::unit_words_km(key)
                            ),
                        ),
                    )
                    .set_hint((
                        "give it, or write relationship.home as a structured address (then the authority is the home's commune)",
                        "សូមបំពេញ ឬជ្រើសទីលំនៅរួមពីបញ្ជីឈ្មោះទីកន្លែង (អាជ្ញាធរនឹងជាឃុំ ឬសង្កាត់នៃទីលំនៅនោះ)",
                    ));
                }
                None => {}
            }
        }
        let Some(commune) = home_commune else {
            if a.kind.is_none() && a.commune.is_some() {
                self.error(at, ("missing field `kind`", "មិនទាន់បានជ្រើសថាជាឃុំ ឬសង្កាត់"))
                    .set_hint(("`commune` (ឃុំ) or `sangkat` (សង្កាត់)", "ឃុំ ឬសង្កាត់"));
            }
            return;
        };
        let home_kind = crate::input::authority::kind_of(commune);
        match &a.commune {
            None => {
                if let Some(kind) = a.kind
                    && kind != home_kind
                {
                    self.error(
                        at.key("kind"),
                        (
                            format!(
                                "the home's commune, {} ({}), is a {}",
                                commune.latin(),
                                commune.code,
                                commune.unit_en.to_lowercase()
                            ),
                            format!(
                                "ឃុំ ឬសង្កាត់នៃទីលំនៅរួម គឺ{} ({}) ជា{}",
                                commune.khmer(),
                                commune.code,
                                commune.unit_km
                            ),
                        ),
                    )
                    .set_hint((
                        "remove `kind` (it is taken from the gazetteer), or give the authority's commune",
                        "សូមលុបជម្រើសនេះ (វាយកតាមបញ្ជីឈ្មោះទីកន្លែង) ឬផ្ដល់ឈ្មោះឃុំ ឬសង្កាត់របស់អាជ្ញាធរ",
                    ));
                }
            }
            Some(given) => {
                let same = |name: &str| {
                    let n = normalised(name);
                    n == normalised(&commune.name_km) || n == normalised(&commune.name_latin)
                };
                let override_en = match home {
                    Address::Place(p) => p.en.commune.as_deref() == Some(given.en.as_str()),
                    Address::Free(_) => false,
                };
                if !(same(&given.km) || same(&given.en) || override_en) {
                    self.warn(
                        at.key("commune"),
                        (
                            format!(
                                "the authority is {} {}, but the shared home is in {} ({})",
                                match a.kind.unwrap_or(home_kind) {
                                    crate::input::model::AuthorityKind::Sangkat => "Sangkat",
                                    crate::input::model::AuthorityKind::Commune => "Commune",
                                },
                                given.en,
                                commune.latin(),
                                commune.code
                            ),
                            format!(
                                "អាជ្ញាធរគឺ{}{} ប៉ុន្តែទីលំនៅរួមនៅក្នុង{} ({})",
                                match a.kind.unwrap_or(home_kind) {
                                    crate::input::model::AuthorityKind::Sangkat => "សង្កាត់",
                                    crate::input::model::AuthorityKind::Commune => "ឃុំ",
                                },
                                given.km,
                                commune.khmer(),
                                commune.code
                            ),
                        ),
                    );
                }
                if a.kind.is_none() {
                    self.error(
                        at,
                        (
                            "missing field `kind`",
                            "មិនទាន់បានជ្រើសថាជាឃុំ ឬសង្កាត់",
                        ),
                    )
                    .set_hint((
                        "`commune` (ឃុំ) or `sangkat` (សង្កាត់), or leave out `commune` to take the home's",
                        "ឃុំ ឬសង្កាត់ ឬទុកឈ្មោះឃុំ ឬសង្កាត់ទំនេរ ដើម្បីយកតាមទីលំនៅរួម",
                    ));
                }
            }
        }
    }

    /// Checks an address: a free text, or a structured address whose place was found.
    pub(super) fn address(&mut self, at: &KeyPath, address: &Address) {
        let place = match address {
            Address::Free(text) => return self.text(at, text),
            Address::Place(place) => place,
        };
        for (key, value) in [("house", &place.house), ("street", &place.street)] {
            if let Some(v) = value {
                self.plain(&at.key(key), v);
            }
        }
        for (key, value) in [
            ("village", &place.en.village),
            ("commune", &place.en.commune),
            ("district", &place.en.district),
            ("province", &place.en.province),
        ] {
            if let Some(v) = value {
                let at = at.key("en").key(key);
                if self.plain(&at, v) && v.chars().any(crate::locale::script::is_khmer) {
                    self.error(
                        at,
                        (
                            format!("`{v}` has Khmer letters"),
                            format!("«{v}» មានអក្សរខ្មែរ"),
                        ),
                    )
                    .set_hint((
                        "`en` names are printed in the English text, in Latin letters",
                        "ឈ្មោះអង់គ្លេសបោះពុម្ពក្នុងអត្ថបទអង់គ្លេស ជាអក្សរឡាតាំង",
                    ));
                }
            }
        }
        if let Err(problems) = &place.found {
            for problem in problems {
                let mut path = at.clone();
                for key in &problem.at {
                    path = path.key(key);
                }
                let error = self.error(path, problem.message.clone());
                if let Some(hint) = &problem.hint {
                    error.set_hint(hint.clone());
                }
            }
        }
    }
}
