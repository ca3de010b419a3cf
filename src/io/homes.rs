//! homes.csv: supply. Column contract in README.md and docs/data-format.md.

use super::fields::Fields;
use super::table::{ColumnSpec, Table};
use crate::error::{Code, Problem};
use crate::model::household::Household;
use crate::model::{ChildId, GenderAccepted, Home, HomeId, HomeKind, Ofsted};

/// homes.csv's columns, with which are required.
pub const COLUMNS: &[ColumnSpec] = &[
    ColumnSpec {
        name: "home_id",
        required: true,
    },
    ColumnSpec {
        name: "name",
        required: false,
    },
    ColumnSpec {
        name: "kind",
        required: true,
    },
    ColumnSpec {
        name: "postcode_district",
        required: false,
    },
    ColumnSpec {
        name: "lat",
        required: false,
    },
    ColumnSpec {
        name: "lon",
        required: false,
    },
    ColumnSpec {
        name: "beds_free",
        required: true,
    },
    ColumnSpec {
        name: "age_min",
        required: true,
    },
    ColumnSpec {
        name: "age_max",
        required: true,
    },
    ColumnSpec {
        name: "gender",
        required: true,
    },
    ColumnSpec {
        name: "max_complexity",
        required: true,
    },
    ColumnSpec {
        name: "accepts_needs",
        required: true,
    },
    ColumnSpec {
        name: "max_sibling_group",
        required: true,
    },
    ColumnSpec {
        name: "solo_only",
        required: true,
    },
    ColumnSpec {
        name: "weekly_cost",
        required: true,
    },
    ColumnSpec {
        name: "ofsted",
        required: true,
    },
    ColumnSpec {
        name: "in_house",
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
        name: "registered",
        required: false,
    },
    ColumnSpec {
        name: "connected_child",
        required: false,
    },
    ColumnSpec {
        name: "fostering_exemption",
        required: false,
    },
];

const KINDS: &[(&str, HomeKind)] = &[
    ("foster_inhouse", HomeKind::FosterInhouse),
    ("foster_agency", HomeKind::FosterAgency),
    ("foster_enhanced", HomeKind::FosterEnhanced),
    ("childrens_home", HomeKind::ChildrensHome),
    ("supported_16plus", HomeKind::Supported16Plus),
];
const GENDERS: &[(&str, GenderAccepted)] = &[
    ("any", GenderAccepted::Any),
    ("female", GenderAccepted::Female),
    ("male", GenderAccepted::Male),
];
const OFSTED: &[(&str, Ofsted)] = &[
    ("outstanding", Ofsted::Outstanding),
    ("good", Ofsted::Good),
    ("requires_improvement", Ofsted::RequiresImprovement),
    ("inadequate", Ofsted::Inadequate),
    ("not_inspected", Ofsted::NotInspected),
];

/// Validate every row; a row with any problem is left out (and the problems reported).
pub fn homes_from_table(
    table: &Table,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<String>,
) -> Vec<Home> {
    let mut homes = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for row in &table.rows {
        let before = problems.len();
        let mut f = Fields {
            table,
            row,
            problems,
        };
        let id = f.unique_id("home_id", "a home id", &mut seen);
        let kind = f.choice("kind", KINDS);
        let location = f.location("postcode_district", "lat", "lon", false);
        let beds_free = f.whole(
            "beds_free",
            1..=100,
            "a whole number of free beds from 1 to 100",
        );
        let age_min = f.whole("age_min", 0..=25, "a whole number of years from 0 to 25");
        let age_max = f.whole("age_max", 0..=25, "a whole number of years from 0 to 25");
        if let (Some(lo), Some(hi)) = (age_min, age_max)
            && lo > hi
        {
            let text = f.text("age_max").to_string();
            f.problem(
                Code::AgeRangeInverted,
                "age_max",
                &text,
                format!("an age at or above age_min ({lo})"),
            );
        }
        let gender = f.choice("gender", GENDERS);
        let max_complexity = f.whole(
            "max_complexity",
            1..=4,
            "a level from 1 (standard) to 4 (very high)",
        );
        let accepts_needs = f.need_tags("accepts_needs");
        let max_sibling_group = f.whole("max_sibling_group", 1..=12, "a whole number from 1 to 12");
        let solo_only = f.boolean("solo_only");
        let weekly_cost = f.money(
            "weekly_cost",
            0.0..=100_000.0,
            "a weekly cost in GBP from 0 to 100000",
        );
        let ofsted = f.choice("ofsted", OFSTED);
        let in_house = f.boolean("in_house");
        let name = f.text("name").to_string();
        let languages = super::children::name_list(f.text("languages"));
        let faith = super::children::name(f.text("faith"));
        let registered = f.optional_boolean("registered", true);
        let connected_child = f.optional_id("connected_child");
        let fostering_exemption = f.optional_boolean("fostering_exemption", false);
        if let (Some(HomeKind::Supported16Plus), Some(lo)) = (kind, age_min)
            && lo < 16
        {
            // Not an error: the home may be listed as it is registered; the match never
            // offers it to an under-16 (reg. 27A). Said so the file can be put right.
            warnings.push(format!(
                "{}: line {}: {} is supported accommodation with age_min {lo}: children under 16 are never placed there (reg. 27A)",
                table.file,
                row.line,
                f.text("home_id")
            ));
        }
        if problems.len() > before {
            continue;
        }
        // No new problem on this row, so every field parsed.
        let (
            Some(id),
            Some(kind),
            Some(Some(location)),
            Some(beds_free),
            Some(age_min),
            Some(age_max),
            Some(gender),
            Some(max_complexity),
            Some(max_sibling_group),
            Some(solo_only),
            Some(weekly_cost),
            Some(ofsted),
            Some(in_house),
            Some(registered),
            Some(connected_child),
            Some(fostering_exemption),
        ) = (
            id,
            kind,
            location,
            beds_free,
            age_min,
            age_max,
            gender,
            max_complexity,
            max_sibling_group,
            solo_only,
            weekly_cost,
            ofsted,
            in_house,
            registered,
            connected_child,
            fostering_exemption,
        )
        else {
            continue;
        };
        homes.push(Home {
            id: HomeId(id),
            name,
            kind,
            location,
            beds_free,
            age_min,
            age_max,
            gender,
            max_complexity: max_complexity as u8,
            accepts_needs,
            max_sibling_group,
            solo_only,
            weekly_cost,
            ofsted,
            in_house,
            languages,
            faith,
            household: Household {
                registered,
                connected_child: (!connected_child.is_empty()).then_some(ChildId(connected_child)),
                connected_group: None,
                fostering_exemption,
                residents: Vec::new(),
            },
        });
    }
    homes
}
