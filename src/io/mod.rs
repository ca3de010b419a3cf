//! Reading and validating the inputs: raw rows (strings with line numbers) in, validated
//! [`crate::model`] types out, and every problem found reported together before anything runs.

mod children;
pub mod councils;
mod fields;
mod homes;
mod policy;
pub mod postcodes;
pub mod read;
mod residents;
mod table;
mod toml_lines;
pub(crate) mod values;

pub use children::COLUMNS as CHILD_COLUMNS;
pub use homes::COLUMNS as HOME_COLUMNS;
pub use policy::{MAX_WEIGHT, load_policy, parse_policy, plain_toml_message};
pub use read::{
    DEFAULT_MAX_CSV_BYTES, DEFAULT_MAX_TOML_BYTES, InputKind, max_input_bytes, read_bounded,
    read_text_bounded, set_max_input_bytes, set_max_input_mib,
};
pub use residents::COLUMNS as RESIDENT_COLUMNS;
pub use table::ColumnSpec;
pub(crate) use table::LineIndex;
pub use toml_lines::key_line;
pub use values::{MAX_ID_CHARS, id_problem};

use crate::error::{Code, Problem, ValidationReport};
use crate::model::{Dataset, Policy, SiblingPlan};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where a day's inputs are.
#[derive(Debug, Clone)]
pub struct InputPaths {
    /// children.csv: today's referrals.
    pub children: PathBuf,
    /// homes.csv: today's homes with free beds.
    pub homes: PathBuf,
    /// None: the built-in default policy.
    pub policy: Option<PathBuf>,
    /// residents.csv (optional): who already lives in each home; None = nobody.
    pub residents: Option<PathBuf>,
}

impl InputPaths {
    /// DIR/children.csv, DIR/homes.csv and DIR/policy.toml (the policy only if present:
    /// a symbolic link counts as present even when it leads nowhere, so that a broken link
    /// is an error rather than a silent "defaults").
    pub fn in_dir(dir: &Path) -> Self {
        let policy = dir.join("policy.toml");
        let present = std::fs::symlink_metadata(&policy).is_ok();
        let residents = dir.join("residents.csv");
        let residents_present = std::fs::symlink_metadata(&residents).is_ok();
        InputPaths {
            children: dir.join("children.csv"),
            homes: dir.join("homes.csv"),
            policy: present.then_some(policy),
            residents: residents_present.then_some(residents),
        }
    }
}

/// Load and validate everything; `Err` lists every problem found in every file.
pub fn load(paths: &InputPaths) -> Result<(Dataset, Policy), ValidationReport> {
    let (mut home_problems, mut child_problems, mut policy_problems) =
        (Vec::new(), Vec::new(), Vec::new());
    let homes = table::read_table(&paths.homes, homes::COLUMNS, &mut home_problems);
    let children = table::read_table(&paths.children, children::COLUMNS, &mut child_problems);
    let residents = paths
        .residents
        .as_ref()
        .map(|p| table::read_table(p, residents::COLUMNS, &mut home_problems));
    let policy = match &paths.policy {
        Some(path) => policy::load_policy(path, &mut policy_problems),
        None => Some(Policy::default()),
    };
    let children_file = paths.children.display().to_string();
    validate(
        homes,
        children,
        residents,
        policy,
        &children_file,
        [home_problems, child_problems, policy_problems],
    )
}

/// Validate inputs already in memory (children.csv and homes.csv bytes, policy.toml text):
/// the same checks and messages as [`load`], for tests and fuzzing.
pub fn load_from_memory(
    children: &[u8],
    homes: &[u8],
    policy: Option<&str>,
) -> Result<(Dataset, Policy), ValidationReport> {
    load_from_memory_with_residents(children, homes, None, policy)
}

/// [`load_from_memory`] with residents.csv's bytes too.
pub fn load_from_memory_with_residents(
    children: &[u8],
    homes: &[u8],
    residents: Option<&[u8]>,
    policy: Option<&str>,
) -> Result<(Dataset, Policy), ValidationReport> {
    let (mut home_problems, mut child_problems, mut policy_problems) =
        (Vec::new(), Vec::new(), Vec::new());
    let homes = table::parse_table(homes, "homes.csv", homes::COLUMNS, &mut home_problems);
    let residents = residents.map(|bytes| {
        table::parse_table(
            bytes,
            "residents.csv",
            residents::COLUMNS,
            &mut home_problems,
        )
    });
    let children = table::parse_table(
        children,
        "children.csv",
        children::COLUMNS,
        &mut child_problems,
    );
    let policy = match policy {
        Some(text) => policy::parse_policy(text, "policy.toml", &mut policy_problems),
        None => Some(Policy::default()),
    };
    validate(
        homes,
        children,
        residents,
        policy,
        "children.csv",
        [home_problems, child_problems, policy_problems],
    )
}

/// Rows and cross-row checks; problems are reported homes first, then children, then policy.
fn validate(
    homes: Option<table::Table>,
    children: Option<table::Table>,
    residents: Option<Option<table::Table>>,
    policy: Option<Policy>,
    children_file: &str,
    [mut home_problems, mut child_problems, policy_problems]: [Vec<Problem>; 3],
) -> Result<(Dataset, Policy), ValidationReport> {
    let mut warnings = Vec::new();
    let home_table = homes;
    let mut homes = home_table
        .as_ref()
        .map(|t| homes::homes_from_table(t, &mut home_problems, &mut warnings))
        .unwrap_or_default();
    // Residents are judged against the homes read; a home left out for its own problem
    // would make every resident of it look misplaced, so they wait until homes are clean.
    if let Some(Some(table)) = residents
        && home_problems.is_empty()
    {
        let mut ids: Vec<&crate::model::HomeId> = homes.iter().map(|h| &h.id).collect();
        ids.sort();
        let rows = residents::residents_from_table(&table, &ids, &mut home_problems);
        let mut by_home: BTreeMap<crate::model::HomeId, Vec<crate::model::Resident>> =
            BTreeMap::new();
        for (home, resident) in rows {
            by_home.entry(home).or_default().push(resident);
        }
        for home in &mut homes {
            if let Some(list) = by_home.remove(&home.id) {
                home.household.residents = list;
            }
        }
    }
    // Group sizes are judged against the homes only when every home was read: a home left
    // out for its own problem must not make a sibling group look too large.
    let homes_complete = home_problems.is_empty();
    let children_file = children_file.to_string();
    let children = children
        .map(|t| children::children_from_table(&t, &mut child_problems))
        .unwrap_or_default();
    let mut problems = child_problems;

    // Cross-row checks on sibling groups.
    let largest_group_taken = homes
        .iter()
        .map(|h| h.max_sibling_group.min(h.capacity()))
        .max();
    let mut groups: BTreeMap<&str, Vec<&children::ChildRow>> = BTreeMap::new();
    for row in &children {
        if let Some(group) = &row.child.sibling_group {
            groups.entry(group.as_str()).or_default().push(row);
        }
    }
    for (group, rows) in &groups {
        let first = rows[0];
        for row in &rows[1..] {
            if row.child.sibling_plan != first.child.sibling_plan {
                problems.push(Problem {
                    code: Code::SiblingPlanMismatch,
                    file: children_file.clone(),
                    line: Some(row.line),
                    column: Some("sibling_plan".into()),
                    value: Some(plan_code(row.child.sibling_plan).into()),
                    expected: format!(
                        "'{}' as for {} (line {}), the same plan for the whole sibling group {group}",
                        plan_code(first.child.sibling_plan),
                        first.child.id,
                        first.line
                    ),
                });
            }
        }
        if let Some(largest) = largest_group_taken.filter(|_| homes_complete) {
            let together = rows
                .iter()
                .all(|r| r.child.sibling_plan == SiblingPlan::Together);
            if together && rows.len() as u32 > largest {
                // Not a stop (issue 17): everyone else is matched, and the group is reported
                // in unplaced.csv as the gap it is.
                warnings.push(format!(
                    "warning[{}] {children_file}:{}: sibling group {group} has {} children, more than any home can take together ({largest}): the group is not placed today; add a home that can, or record an assessed plan (apart_assessed)",
                    Code::SiblingGroupTooLarge.as_str(),
                    first.line,
                    rows.len()
                ));
            }
        }
    }
    let home_ids: std::collections::BTreeSet<&str> = homes.iter().map(|h| h.id.as_str()).collect();
    let child_ids: std::collections::BTreeSet<&str> =
        children.iter().map(|r| r.child.id.as_str()).collect();
    for row in &children {
        if let Some(home) = &row.child.arrangement.decided_home
            && homes_complete
            && !home_ids.contains(home.as_str())
        {
            problems.push(Problem {
                code: Code::DecidedHomeUnknown,
                file: children_file.clone(),
                line: Some(row.line),
                column: Some("decided_home".into()),
                value: Some(home.to_string()),
                expected: "the id of a home in homes.csv".into(),
            });
        }
    }
    let group_of: BTreeMap<&str, &crate::model::SiblingGroupId> = children
        .iter()
        .filter_map(|r| Some((r.child.id.as_str(), r.child.sibling_group.as_ref()?)))
        .collect();
    for home in &mut homes {
        if let Some(child) = &home.household.connected_child {
            home.household.connected_group = group_of.get(child.as_str()).map(|&g| g.clone());
        }
    }
    if let (true, Some(table)) = (problems.is_empty(), &home_table) {
        for home in &homes {
            if let Some(child) = &home.household.connected_child
                && !child_ids.contains(child.as_str())
            {
                let line = table
                    .rows
                    .iter()
                    .find(|r| table.get(r, "home_id") == home.id.as_str())
                    .map(|r| r.line);
                home_problems.push(Problem {
                    code: Code::ConnectedChildUnknown,
                    file: table.file.clone(),
                    line,
                    column: Some("connected_child".into()),
                    value: Some(child.to_string()),
                    expected: format!(
                        "the id of a child in children.csv (home {} is approved for them)",
                        home.id
                    ),
                });
            }
        }
    }

    let mut all = home_problems;
    all.append(&mut problems);
    all.extend(policy_problems);
    let problems = all;
    match policy {
        Some(policy) if problems.is_empty() => {
            let children = children.into_iter().map(|r| r.child).collect();
            let mut dataset = Dataset::new(children, homes);
            dataset.warnings = warnings;
            Ok((dataset, policy))
        }
        _ => Err(ValidationReport { problems }),
    }
}

/// Every problem as a JSON array of objects with `code, file, line, column, value, expected,
/// action` (`righthome validate --format json`), one object per problem, in report order;
/// `[]` for none. Values are shown as in the terminal: control characters escaped, long
/// values cut.
pub fn problems_json(problems: &[Problem]) -> String {
    use crate::error::{MAX_VALUE_CHARS, printable};
    /// One problem, its fields in the documented order.
    #[derive(serde::Serialize)]
    struct Item {
        code: &'static str,
        file: String,
        line: Option<u64>,
        column: Option<String>,
        value: Option<String>,
        expected: String,
        action: &'static str,
    }
    let items: Vec<Item> = problems
        .iter()
        .map(|p| Item {
            code: p.code.as_str(),
            file: printable(&p.file, 200),
            line: p.line,
            column: p.column.as_deref().map(|c| printable(c, MAX_VALUE_CHARS)),
            value: p.value.as_deref().map(|v| printable(v, MAX_VALUE_CHARS)),
            expected: printable(&p.expected, 2000),
            action: p.action(),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_string());
    text.push('\n');
    text
}

fn plan_code(plan: SiblingPlan) -> &'static str {
    match plan {
        SiblingPlan::Together => "together",
        SiblingPlan::ApartAssessed => "apart_assessed",
    }
}
