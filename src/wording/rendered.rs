//! The wording as rendered for one declaration: its numbered clauses, the schedule each
//! may be followed by, and the labels.

use crate::locale::Text;
use serde::Serialize;
use std::collections::BTreeMap;

/// One numbered clause of the contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Clause {
    /// The wording file's name without `.hbs` (e.g. `03-children`).
    pub id: String,
    /// The clause number in each language's digits.
    pub number: Text,
    /// The clause title.
    pub title: Text,
    /// The heading as printed: the `article` label, the number and the title put
    /// together by the `heading` format (`ប្រការ ៣៖ កូន`, `Article 3: Children`).
    pub heading: Text,
    /// Khmer paragraphs.
    pub km: Vec<String>,
    /// English paragraphs.
    pub en: Vec<String>,
    /// The schedule printed after the clause, from its `schedule` section:
    /// `children` or `property`.
    pub schedule: Option<Schedule>,
}

/// A schedule a clause may be followed by.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Schedule {
    /// The schedule of children.
    Children,
    /// The schedules of immovable and movable property, and the total.
    Property,
}

impl Schedule {
    /// Its name in a `schedule` section and in the layout's part marks.
    pub fn name(self) -> &'static str {
        match self {
            Schedule::Children => "children",
            Schedule::Property => "property",
        }
    }

    /// The schedule a `schedule` section names.
    pub(super) fn named(name: &str) -> Option<Schedule> {
        match name {
            "children" => Some(Schedule::Children),
            "property" => Some(Schedule::Property),
            _ => None,
        }
    }
}

/// The rendered wording of one declaration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Wording {
    /// Labels by name.
    pub labels: BTreeMap<String, Text>,
    /// The clauses, numbered in order.
    pub clauses: Vec<Clause>,
}
