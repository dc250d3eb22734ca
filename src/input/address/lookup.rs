//! Finding a structured address's place in the gazetteer, by code or by names, and what is wrong when it is not found.

use super::{PlaceAddress, PlaceRef, Problem};
use crate::locale::{Lang, digits_in};
use crate::places::gazetteer::{Level, Place, Unresolved, gazetteer};

impl PlaceAddress {
    /// Finds the place: the village, or the commune, checking that they agree when
    /// both are given.
    pub(super) fn look_up(&self) -> Result<String, Vec<Problem>> {
        let village = self.village.as_ref().map(|r| find(r, Level::Village));
        let commune = self.commune.as_ref().map(|r| find(r, Level::Commune));
        let mut problems = Vec::new();
        for found in [&village, &commune].into_iter().flatten() {
            if let Err(p) = found {
                problems.push(p.clone());
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        match (village, commune) {
            (Some(Ok(v)), Some(Ok(c))) if !v.code.starts_with(&c.code) => Err(vec![Problem::new(
                &["village"],
                (
                    format!(
                        "village {} ({}) is in {}, not in {} ({}) given as `commune`",
                        v.latin(),
                        v.code,
                        gazetteer().get(&v.code[..6]).map(|p| p.latin()).unwrap_or_default(),
                        c.latin(),
                        c.code
                    ),
                    format!(
                        "{} ({}) នៅក្នុង{} មិនមែនក្នុង{} ({}) ដែលបានផ្ដល់ជាឃុំ ឬសង្កាត់ទេ",
                        v.khmer(),
                        v.code,
                        gazetteer().get(&v.code[..6]).map(|p| p.khmer()).unwrap_or_default(),
                        c.khmer(),
                        c.code
                    ),
                ),
                Some(("give the village alone (its code names its commune), or correct one of the two", "សូមផ្ដល់តែភូមិ (លេខកូដរបស់វាបញ្ជាក់ឃុំ ឬសង្កាត់ហើយ) ឬកែមួយក្នុងចំណោមទាំងពីរ").into()),
            )]),
            (Some(Ok(v)), _) => Ok(v.code.clone()),
            (None, Some(Ok(c))) => Ok(c.code.clone()),
            _ => Err(vec![Problem::new(
                &[],
                (
                    "a structured address needs `village` or `commune`",
                    "អាសយដ្ឋានតាមបញ្ជីឈ្មោះទីកន្លែង ត្រូវមានភូមិ ឬឃុំ/សង្កាត់",
                ),
                Some(("add village = \"CODE\" or commune = \"CODE\"; find codes with `dfr places NAME`", "សូមជ្រើសខេត្ត ស្រុក ឃុំ និងភូមិ ឬស្វែងរកតាមឈ្មោះ").into()),
            )]),
        }
    }
}

/// The unit words of a name path's key in Khmer, for a Khmer message: `ខេត្ត ឬរាជធានី`
/// for `province`.
pub(crate) fn unit_words_km(key: &str) -> &'static str {
    match key {
        "province" => "ខេត្ត ឬរាជធានី",
        "district" => "ស្រុក ខណ្ឌ ឬក្រុង",
        "commune" => "ឃុំ ឬសង្កាត់",
        _ => "ភូមិ",
    }
}

/// The place a reference names, which must be of `level`.
fn find(reference: &PlaceRef, level: Level) -> Result<&'static Place, Problem> {
    let key = match level {
        Level::Village => "village",
        _ => "commune",
    };
    let digits = if level == Level::Village { 8 } else { 6 };
    match reference {
        PlaceRef::Code(code) => {
            let code = code.trim();
            if code.len() != digits || !code.chars().all(|c| c.is_ascii_digit()) {
                return Err(Problem::new(
                    &[key],
                    (
                        format!("`{code}` is not a {key} code: a {key} code has {digits} digits"),
                        format!(
                            "«{code}» មិនមែនជាលេខកូដ{}ទេ៖ លេខកូដ{} មាន {} ខ្ទង់",
                            unit_words_km(key),
                            unit_words_km(key),
                            digits_in(&digits.to_string(), Lang::Km)
                        ),
                    ),
                    Some(
                        (
                            format!(
                                "or name it from the province down: {key} = {{ province = \"…\", district = \"…\", commune = \"…\"{} }}; find codes with `dfr places NAME`",
                                if level == Level::Village {
                                    ", village = \"…\""
                                } else {
                                    ""
                                }
                            ),
                            "ឬជ្រើសពីខេត្តចុះមក ឬស្វែងរកតាមឈ្មោះ".to_owned(),
                        )
                            .into(),
                    ),
                ));
            }
            gazetteer().get(code).ok_or_else(|| {
                // The smallest place whose code the given one starts with.
                let parent = (1..digits / 2)
                    .rev()
                    .find_map(|n| gazetteer().get(&code[..n * 2]));
                Problem::new(
                    &[key],
                    (
                        format!("no {key} has the code {code} in the gazetteer"),
                        format!("គ្មាន{}ណាមានលេខកូដ {code} ក្នុងបញ្ជីឈ្មោះទីកន្លែងទេ", unit_words_km(key)),
                    ),
                    Some(match parent {
                        Some(p) => (
                            format!(
                                "{} ({}) is a {}; see its places with `dfr places {}`",
                                p.latin(),
                                p.code,
                                p.unit_en.to_lowercase(),
                                p.code
                            ),
                            format!("{} ({}) មិនមែនជា{}ទេ", p.khmer(), p.code, unit_words_km(key)),
                        )
                            .into(),
                        None => {
                            ("find codes with `dfr places NAME`", "ស្វែងរកលេខកូដតាមឈ្មោះទីកន្លែង").into()
                        }
                    }),
                )
            })
        }
        PlaceRef::Path(path) => {
            let mut names = vec![
                ("province", path.province.as_str()),
                ("district", path.district.as_str()),
                ("commune", path.commune.as_str()),
            ];
            match (&path.village, level) {
                (Some(v), Level::Village) => names.push(("village", v.as_str())),
                (None, Level::Village) => {
                    return Err(Problem::new(
                        &[key],
                        ("the village's name is missing", "មិនទាន់មានឈ្មោះភូមិ"),
                        Some(
                            (
                                "add village = \"…\" to the name path, or give the commune as `commune`",
                                "សូមបញ្ចូលឈ្មោះភូមិ ឬផ្ដល់តែឃុំ ឬសង្កាត់",
                            )
                                .into(),
                        ),
                    ));
                }
                (Some(_), _) => {
                    return Err(Problem::new(
                        &[key, "village"],
                        (
                            "a commune's name path ends at the commune",
                            "ឈ្មោះផ្លូវរបស់ឃុំ ឬសង្កាត់ បញ្ចប់ត្រឹមឃុំ ឬសង្កាត់",
                        ),
                        Some(
                            (
                                "give the village as `village` instead of `commune`",
                                "សូមផ្ដល់ភូមិជាភូមិ មិនមែនជាឃុំ ឬសង្កាត់ទេ",
                            )
                                .into(),
                        ),
                    ));
                }
                (None, _) => {}
            }
            let only: Vec<&str> = names.iter().map(|(_, n)| *n).collect();
            gazetteer()
                .resolve(&only)
                .map_err(|unresolved| match unresolved {
                    Unresolved::NotFound { name, closest } => {
                        let step = only.iter().position(|n| *n == name).unwrap_or(0);
                        let parent = (step > 0)
                            .then(|| gazetteer().resolve(&only[..step]).ok())
                            .flatten();
                        let above = parent.map_or("Cambodia".to_owned(), |p| p.latin());
                        let above_km = parent.map_or("ប្រទេសកម្ពុជា".to_owned(), |p| p.khmer());
                        let hint = closest
                            .iter()
                            .map(|(code, latin, km)| format!("{latin} / {km} ({code})"))
                            .collect::<Vec<_>>()
                            .join(", ");
                        Problem::new(
                            &[key, names[step].0],
                            (
                                format!("no {} named `{name}` in {above}", names[step].0),
                                format!(
                                    "គ្មាន{}ឈ្មោះ «{name}» នៅក្នុង{above_km}ទេ",
                                    unit_words_km(names[step].0)
                                ),
                            ),
                            (!hint.is_empty()).then(|| {
                                (
                                    format!("the closest official names: {hint}"),
                                    format!("ឈ្មោះផ្លូវការដែលជិតបំផុត៖ {hint}"),
                                )
                                    .into()
                            }),
                        )
                    }
                    Unresolved::Ambiguous { name, codes } => {
                        let step = only.iter().position(|n| *n == name).unwrap_or(0);
                        let listed = codes
                            .iter()
                            .filter_map(|c| gazetteer().get(c))
                            .map(|p| format!("{} / {} ({})", p.latin(), p.khmer(), p.code))
                            .collect::<Vec<_>>()
                            .join(", ");
                        Problem::new(
                            &[key, names[step].0],
                            (
                                format!("`{name}` names several places: {listed}"),
                                format!("«{name}» ជាឈ្មោះទីកន្លែងច្រើន៖ {listed}"),
                            ),
                            Some(
                                (
                                    format!("give the {key}'s code instead"),
                                    "សូមជ្រើសពីបញ្ជី ឬប្រើលេខកូដជំនួសវិញ".to_owned(),
                                )
                                    .into(),
                            ),
                        )
                    }
                })
        }
    }
}
