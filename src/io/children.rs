//! children.csv: demand (today's referrals). Column contract in README.md and docs/data-format.md.

use super::fields::Fields;
use super::table::{ColumnSpec, Table};
use crate::error::{Code, Problem};
use crate::model::{
    Arrangement, Child, ChildId, Gender, HomeId, LivingWith, PlacementNeed, School, SiblingGroupId,
    SiblingPlan,
};

/// children.csv's columns, with which are required.
pub const COLUMNS: &[ColumnSpec] = &[
    ColumnSpec {
        name: "child_id",
        required: true,
    },
    ColumnSpec {
        name: "age",
        required: true,
    },
    ColumnSpec {
        name: "gender",
        required: true,
    },
    ColumnSpec {
        name: "home_postcode_district",
        required: false,
    },
    ColumnSpec {
        name: "home_lat",
        required: false,
    },
    ColumnSpec {
        name: "home_lon",
        required: false,
    },
    ColumnSpec {
        name: "school_postcode_district",
        required: false,
    },
    ColumnSpec {
        name: "school_lat",
        required: false,
    },
    ColumnSpec {
        name: "school_lon",
        required: false,
    },
    ColumnSpec {
        name: "school_year",
        required: false,
    },
    ColumnSpec {
        name: "sibling_group",
        required: true,
    },
    ColumnSpec {
        name: "sibling_plan",
        required: true,
    },
    ColumnSpec {
        name: "complexity",
        required: true,
    },
    ColumnSpec {
        name: "needs",
        required: true,
    },
    ColumnSpec {
        name: "placement_need",
        required: true,
    },
    ColumnSpec {
        name: "step_down_ready",
        required: true,
    },
    ColumnSpec {
        name: "preferred_district",
        required: true,
    },
    ColumnSpec {
        name: "avoid_districts",
        required: true,
    },
    ColumnSpec {
        name: "urgency_days",
        required: true,
    },
    ColumnSpec {
        name: "languages",
        required: false,
    },
    ColumnSpec {
        name: "faith",
        required: false,
    },
    ColumnSpec {
        name: "living_with",
        required: false,
    },
    ColumnSpec {
        name: "decided_home",
        required: false,
    },
];

/// A `;`-separated list of free-text names (languages), each trimmed, blanks dropped.
pub(crate) fn name_list(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// A free-text name (a faith), None when blank.
pub(crate) fn name(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|s| !s.is_empty())
}

pub(super) const GENDERS: &[(&str, Gender)] = &[
    ("female", Gender::Female),
    ("male", Gender::Male),
    ("other", Gender::Other),
];
const PLANS: &[(&str, SiblingPlan)] = &[
    ("together", SiblingPlan::Together),
    ("apart_assessed", SiblingPlan::ApartAssessed),
];
const NEEDS: &[(&str, PlacementNeed)] = &[
    ("family", PlacementNeed::Family),
    ("residential", PlacementNeed::Residential),
    ("either", PlacementNeed::Either),
    ("supported", PlacementNeed::Supported),
];

/// A validated child and the line it came from (for cross-row messages).
pub struct ChildRow {
    pub child: Child,
    pub line: u64,
}

/// Validate every row; a row with any problem is left out (and the problems reported).
pub fn children_from_table(table: &Table, problems: &mut Vec<Problem>) -> Vec<ChildRow> {
    let mut children = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for row in &table.rows {
        let before = problems.len();
        let mut f = Fields {
            table,
            row,
            problems,
        };
        let id = f.unique_id("child_id", "a pseudonymous child id", &mut seen);
        let age = f.whole("age", 0..=25, "a whole number of years from 0 to 25");
        let gender = f.choice("gender", GENDERS);
        let home = f.location("home_postcode_district", "home_lat", "home_lon", false);
        let school_location =
            f.location("school_postcode_district", "school_lat", "school_lon", true);
        let school_year_text = f.text("school_year").to_string();
        let school = match (school_location, school_year_text.is_empty()) {
            (Some(None), true) => Some(None),
            (Some(Some(location)), false) => f
                .whole(
                    "school_year",
                    0..=13,
                    "a school year from 0 (reception) to 13",
                )
                .map(|year| Some(School { location, year })),
            (Some(None), false) => {
                f.problem(
                    Code::SchoolIncomplete,
                    "school_year",
                    &school_year_text,
                    "blank when the school's location is blank",
                );
                None
            }
            (Some(Some(_)), true) => {
                f.problem(
                    Code::SchoolIncomplete,
                    "school_year",
                    "",
                    "a school year from 0 (reception) to 13 when a school is given",
                );
                None
            }
            (None, _) => None,
        };
        let group = f.optional_id("sibling_group").unwrap_or_default();
        let plan_text = f.text("sibling_plan").to_string();
        // The plan matters only for a sibling group; blank means together.
        let sibling_plan = if plan_text.is_empty() {
            Some(SiblingPlan::Together)
        } else {
            f.choice("sibling_plan", PLANS)
        };
        let complexity = f.whole(
            "complexity",
            1..=4,
            "a level from 1 (standard) to 4 (very high)",
        );
        let needs = f.need_tags("needs");
        let placement_need = f.choice("placement_need", NEEDS);
        let step_down_ready = f.boolean("step_down_ready");
        let preferred_district = f.district("preferred_district");
        let avoid_districts = f.districts("avoid_districts");
        let urgency_days = f.whole(
            "urgency_days",
            0..=365,
            "a whole number of days from 0 to 365",
        );
        let languages = name_list(f.text("languages"));
        let faith = name(f.text("faith"));
        let living_with = f.optional_choice("living_with", LivingWith::CODES, LivingWith::Any);
        let decided_home = f.optional_id("decided_home");
        if problems.len() > before {
            continue;
        }
        let (
            Some(id),
            Some(age),
            Some(gender),
            Some(Some(home)),
            Some(school),
            Some(sibling_plan),
            Some(complexity),
            Some(placement_need),
            Some(step_down_ready),
            Some(urgency_days),
            Some(living_with),
            Some(decided_home),
        ) = (
            id,
            age,
            gender,
            home,
            school,
            sibling_plan,
            complexity,
            placement_need,
            step_down_ready,
            urgency_days,
            living_with,
            decided_home,
        )
        else {
            continue;
        };
        children.push(ChildRow {
            line: row.line,
            child: Child {
                id: ChildId(id),
                age,
                gender,
                home,
                school,
                sibling_group: (!group.is_empty()).then_some(SiblingGroupId(group)),
                sibling_plan,
                complexity: complexity as u8,
                needs,
                placement_need,
                step_down_ready,
                preferred_district,
                avoid_districts,
                urgency_days,
                languages,
                faith,
                arrangement: Arrangement {
                    living_with,
                    decided_home: (!decided_home.is_empty()).then_some(HomeId(decided_home)),
                },
            },
        });
    }
    children
}
