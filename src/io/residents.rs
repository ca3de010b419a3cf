//! residents.csv (optional): the children already living in each home, with no ids. Column
//! contract in docs/data-format.md. The fostering limit, living companions and household
//! rules are judged against them (issue 17).

use super::fields::Fields;
use super::table::{ColumnSpec, Table};
use crate::error::{Code, Problem};
use crate::model::{HomeId, Resident, SiblingGroupId};

/// residents.csv's columns, with which are required.
pub const COLUMNS: &[ColumnSpec] = &[
    ColumnSpec {
        name: "home_id",
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
        name: "fostered",
        required: true,
    },
    ColumnSpec {
        name: "sibling_group",
        required: false,
    },
    ColumnSpec {
        name: "needs",
        required: false,
    },
];

/// Validate every row against the homes' ids (sorted); a row with a problem is left out.
/// Returns (home id, resident) in file order.
pub fn residents_from_table(
    table: &Table,
    home_ids: &[&HomeId],
    problems: &mut Vec<Problem>,
) -> Vec<(HomeId, Resident)> {
    let mut out = Vec::new();
    for row in &table.rows {
        let before = problems.len();
        let mut f = Fields {
            table,
            row,
            problems,
        };
        let home = f.required("home_id", "the id of a home in homes.csv");
        if let Some(id) = &home
            && f.check_id("home_id", id)
            && home_ids.binary_search(&&HomeId(id.clone())).is_err()
        {
            f.problem(
                Code::ResidentHomeUnknown,
                "home_id",
                id,
                "the id of a home in homes.csv",
            );
        }
        let age = f.whole("age", 0..=25, "a whole number of years from 0 to 25");
        let gender = f.choice("gender", super::children::GENDERS);
        let fostered = f.boolean("fostered");
        let group = f.optional_id("sibling_group");
        let needs = f.need_tags("needs");
        if problems.len() > before {
            continue;
        }
        let (Some(home), Some(age), Some(gender), Some(fostered), Some(group)) =
            (home, age, gender, fostered, group)
        else {
            continue;
        };
        out.push((
            HomeId(home),
            Resident {
                age,
                gender,
                fostered,
                sibling_group: (!group.is_empty()).then_some(SiblingGroupId(group)),
                needs,
            },
        ));
    }
    out
}
