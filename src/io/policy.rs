//! policy.toml: weights and limits over the built-in defaults.

use crate::error::{Code, Problem};
use crate::model::Policy;
use std::path::Path;

/// Read and check a policy file; every problem is pushed to `problems`.
pub fn load_policy(path: &Path, problems: &mut Vec<Problem>) -> Option<Policy> {
    let file = path.display().to_string();
    let text = match super::read::read_text_bounded(path, "a readable UTF-8 TOML file") {
        Ok(text) => text,
        Err(problem) => {
            problems.push(problem);
            return None;
        }
    };
    parse_policy(&text, &file, problems)
}

/// Parse policy text (also used for scenario overrides and tests).
pub fn parse_policy(text: &str, file: &str, problems: &mut Vec<Problem>) -> Option<Policy> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let policy: Policy = match toml::from_str(text) {
        Ok(policy) => policy,
        Err(e) => {
            let line = e
                .span()
                .map(|span| super::read::line_of_offset(text.as_bytes(), span.start));
            problems.push(Problem {
                code: Code::PolicySyntax,
                file: file.to_string(),
                line,
                column: None,
                value: None,
                expected: format!("valid policy settings: {}", plain_toml_message(e.message())),
            });
            return None;
        }
    };
    let before = problems.len();
    let mut found = policy.problems();
    for bound in upper_bounds(&policy) {
        if !found.iter().any(|f| f.0 == bound.0) {
            found.push(bound);
        }
    }
    for (key, value, expected) in found {
        let line = super::toml_lines::key_line(text, &key);
        problems.push(Problem {
            code: Code::PolicyValue,
            file: file.to_string(),
            line,
            column: Some(key),
            value: Some(value),
            expected,
        });
    }
    for tag in policy.household.0.keys() {
        if crate::model::need_tag(tag).is_none() {
            let key = format!("household.{tag}");
            problems.push(Problem {
                code: Code::HouseholdTag,
                file: file.to_string(),
                line: super::toml_lines::key_line(text, &key),
                column: Some(key),
                value: Some(tag.clone()),
                expected: "a need tag from docs/data-format.md".into(),
            });
        }
    }
    if super::councils::council_name(&policy.council.code).is_none() {
        problems.push(Problem {
            code: Code::UnknownCouncil,
            file: file.to_string(),
            line: super::toml_lines::key_line(text, "council.code"),
            column: Some("council.code".into()),
            value: Some(policy.council.code.clone()),
            expected: "the ONS code of an upper-tier council in England (E10000017 is Lancashire)"
                .into(),
        });
    }
    (problems.len() == before).then_some(policy)
}

/// Largest weight (and urgency weight) accepted: far above any useful setting, and small
/// enough that scores stay well inside the LP solver's numerical range.
pub const MAX_WEIGHT: f64 = 1000.0;

/// The largest sensible value of each bounded policy key (beyond the model's own checks of
/// sign and finiteness), with the words for the message.
const LIMIT_MAXIMA: &[(&str, f64, &str)] = &[
    (
        "limits.max_distance_km",
        2000.0,
        "a distance above 0 and at most 2000 km",
    ),
    (
        "limits.school_travel_limit_km",
        2000.0,
        "a distance above 0 and at most 2000 km",
    ),
    (
        "limits.cost_ceiling_gbp",
        1_000_000.0,
        "a weekly cost above 0 and at most 1000000 GBP",
    ),
    (
        "limits.weekly_budget_gbp",
        1_000_000_000.0,
        "a weekly budget above 0 and at most 1000000000 GBP",
    ),
    (
        "limits.exam_year_multiplier",
        100.0,
        "a multiplier from 0 to 100",
    ),
    ("limits.family_based_under_age", 25.0, "an age from 0 to 25"),
    (
        "limits.match_within_days",
        365.0,
        "a whole number of days from 0 to 365",
    ),
    (
        "options.placement_points",
        1_000_000.0,
        "a number of points above 0 and at most 1000000",
    ),
];

/// Finite values above their documented maximum, as (key, value, expected). Every number
/// under `[weights]` and `[urgency]` is bounded by [`MAX_WEIGHT`], whatever its name, so a
/// weight added later is bounded too.
fn upper_bounds(policy: &Policy) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let Ok(table) = toml::Table::try_from(policy) else {
        return out;
    };
    let number = |v: &toml::Value| match v {
        toml::Value::Float(x) => Some(*x),
        toml::Value::Integer(n) => Some(*n as f64),
        _ => None,
    };
    for section in ["weights", "urgency"] {
        let Some(toml::Value::Table(values)) = table.get(section) else {
            continue;
        };
        for (key, value) in values {
            if let Some(x) = number(value).filter(|x| x.is_finite() && *x > MAX_WEIGHT) {
                out.push((
                    format!("{section}.{key}"),
                    x.to_string(),
                    format!("a number from 0 to {MAX_WEIGHT}"),
                ));
            }
        }
    }
    for (path, max, words) in LIMIT_MAXIMA {
        let Some((section, key)) = path.split_once('.') else {
            continue;
        };
        let value = table.get(section).and_then(|t| t.get(key)).and_then(number);
        if let Some(x) = value.filter(|x| x.is_finite() && x > max) {
            out.push((path.to_string(), x.to_string(), words.to_string()));
        }
    }
    out
}

/// The TOML parser's message with Rust type names put in words.
pub fn plain_toml_message(message: &str) -> String {
    message
        .trim()
        .replace("expected f64", "expected a number")
        .replace("expected u32", "expected a whole number")
        .replace("expected u64", "expected a whole number")
        .replace("expected a boolean", "expected true or false")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_is_named_with_its_line() {
        let mut problems = Vec::new();
        let text = "[weights]\ndistance = 2.0\ndistanse = 1.0\n";
        assert!(parse_policy(text, "policy.toml", &mut problems).is_none());
        assert_eq!(problems[0].code, Code::PolicySyntax);
        assert_eq!(problems[0].line, Some(3));
        assert!(
            problems[0].expected.contains("distanse"),
            "{}",
            problems[0].expected
        );
    }

    #[test]
    fn negative_weight_is_a_value_problem() {
        let mut problems = Vec::new();
        let text = "[weights]\n\ncost = -1.0\n";
        assert!(parse_policy(text, "policy.toml", &mut problems).is_none());
        assert_eq!(problems[0].code, Code::PolicyValue);
        assert_eq!(problems[0].line, Some(3));
        assert_eq!(problems[0].column.as_deref(), Some("weights.cost"));
    }

    #[test]
    fn a_key_is_found_on_its_own_line_not_a_prefix() {
        let mut problems = Vec::new();
        let text = "[limits]\ncost_ceiling_gbp = 7000.0\n\n[weights]\ncost = -1.0\n";
        assert!(parse_policy(text, "policy.toml", &mut problems).is_none());
        assert_eq!(problems[0].line, Some(5), "{problems:?}");
    }

    #[test]
    fn huge_weights_and_limits_are_out_of_range() {
        let mut problems = Vec::new();
        let text = "[weights]\ndistance = 1e308\n[limits]\nmax_distance_km = 1e9\n";
        assert!(parse_policy(text, "policy.toml", &mut problems).is_none());
        let keys: Vec<_> = problems
            .iter()
            .map(|p| (p.column.clone().unwrap_or_default(), p.line))
            .collect();
        assert_eq!(
            keys,
            vec![
                ("weights.distance".to_string(), Some(2)),
                ("limits.max_distance_km".to_string(), Some(4))
            ]
        );
        assert!(problems.iter().all(|p| p.code == Code::PolicyValue));
    }

    #[test]
    fn empty_policy_means_defaults() {
        let mut problems = Vec::new();
        assert_eq!(
            parse_policy("", "p", &mut problems),
            Some(Policy::default())
        );
    }
}
