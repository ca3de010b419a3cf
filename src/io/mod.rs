//! Reading and validating the inputs: raw rows (strings with line numbers) in, validated
//! [`crate::model`] types out, and every problem found reported together before anything runs.

mod children;
pub mod councils;
mod fields;
mod homes;
mod policy;
pub mod postcodes;
pub mod read;
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
}

impl InputPaths {
    /// DIR/children.csv, DIR/homes.csv and DIR/policy.toml (the policy only if present:
    /// a symbolic link counts as present even when it leads nowhere, so that a broken link
    /// is an error rather than a silent "defaults").
    pub fn in_dir(dir: &Path) -> Self {
        let policy = dir.join("policy.toml");
        let present = std::fs::symlink_metadata(&policy).is_ok();
        InputPaths {
            children: dir.join("children.csv"),
            homes: dir.join("homes.csv"),
            policy: present.then_some(policy),
        }
    }
}

/// Load and validate everything; `Err` lists every problem found in every file.
pub fn load(paths: &InputPaths) -> Result<(Dataset, Policy), ValidationReport> {
    let (mut home_problems, mut child_problems, mut policy_problems) =
        (Vec::new(), Vec::new(), Vec::new());
    let homes = table::read_table(&paths.homes, homes::COLUMNS, &mut home_problems);
    let children = table::read_table(&paths.children, children::COLUMNS, &mut child_problems);
    let policy = match &paths.policy {
        Some(path) => policy::load_policy(path, &mut policy_problems),
        None => Some(Policy::default()),
    };
    let children_file = paths.children.display().to_string();
    validate(
        homes,
        children,
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
    let (mut home_problems, mut child_problems, mut policy_problems) =
        (Vec::new(), Vec::new(), Vec::new());
    let homes = table::parse_table(homes, "homes.csv", homes::COLUMNS, &mut home_problems);
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
        policy,
        "children.csv",
        [home_problems, child_problems, policy_problems],
    )
}

/// Rows and cross-row checks; problems are reported homes first, then children, then policy.
fn validate(
    homes: Option<table::Table>,
    children: Option<table::Table>,
    policy: Option<Policy>,
    children_file: &str,
    [mut home_problems, mut child_problems, policy_problems]: [Vec<Problem>; 3],
) -> Result<(Dataset, Policy), ValidationReport> {
    let homes = homes
        .map(|t| homes::homes_from_table(&t, &mut home_problems))
        .unwrap_or_default();
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
                problems.push(Problem {
                    code: Code::SiblingGroupTooLarge,
                    file: children_file.clone(),
                    line: Some(first.line),
                    column: Some("sibling_group".into()),
                    value: Some(group.to_string()),
                    expected: format!(
                        "a group no larger than the largest any home can take together ({largest}); this group has {} children: add a home that can, or record an assessed plan (apart_assessed)",
                        rows.len()
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
            Ok((Dataset::new(children, homes), policy))
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
