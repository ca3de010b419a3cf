//! The base policy with the scenario's [policy] keys laid over it, problems pointed at the
//! scenario's own keys; apart because it works on policy text, not scenario values.

use crate::error::{Error, Result, ValidationReport};
use crate::model::Policy;

/// The base policy with the scenario's [policy] keys laid over it.
pub(super) fn merge_policy(
    base: &Policy,
    overrides: &toml::Table,
    file: &str,
    text: &str,
) -> Result<Policy> {
    let mut merged =
        toml::Table::try_from(base).map_err(|e| Error::Usage(format!("policy: {e}")))?;
    for (section, value) in overrides {
        match (merged.get_mut(section), value) {
            (Some(toml::Value::Table(into)), toml::Value::Table(from)) => {
                for (k, v) in from {
                    into.insert(k.clone(), v.clone());
                }
            }
            _ => {
                merged.insert(section.clone(), value.clone());
            }
        }
    }
    let rendered = toml::to_string(&merged).map_err(|e| Error::Usage(format!("policy: {e}")))?;
    let mut problems = Vec::new();
    match crate::io::parse_policy(&rendered, file, &mut problems) {
        Some(policy) => Ok(policy),
        None => {
            // Point at the scenario's own [policy] key (or its [policy] table) rather than
            // the merged text.
            for p in &mut problems {
                let key = match &p.column {
                    Some(column) => format!("policy.{column}"),
                    None => "policy".to_string(),
                };
                p.line = crate::io::key_line(text, &key);
            }
            Err(Error::Invalid(ValidationReport { problems }))
        }
    }
}
