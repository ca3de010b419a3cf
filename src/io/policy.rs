//! policy.toml: weights and limits over the built-in defaults.

use crate::error::{Code, Problem};
use crate::model::Policy;
use std::path::Path;

/// Read and check a policy file; every problem is pushed to `problems`.
pub fn load_policy(path: &Path, problems: &mut Vec<Problem>) -> Option<Policy> {
    let file = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            problems.push(Problem::unreadable(file, "a readable UTF-8 TOML file", &e));
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
            let line = e.span().map(|span| line_of(text, span.start));
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
    for (key, value, expected) in policy.problems() {
        let leaf = key.rsplit('.').next().unwrap_or(&key);
        let line = text
            .lines()
            .position(|l| l.trim_start().starts_with(leaf))
            .map(|i| i as u64 + 1);
        problems.push(Problem {
            code: Code::PolicyValue,
            file: file.to_string(),
            line,
            column: Some(key),
            value: Some(value),
            expected,
        });
    }
    (problems.len() == before).then_some(policy)
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

fn line_of(text: &str, offset: usize) -> u64 {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
        + 1
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
    fn empty_policy_means_defaults() {
        let mut problems = Vec::new();
        assert_eq!(
            parse_policy("", "p", &mut problems),
            Some(Policy::default())
        );
    }
}
