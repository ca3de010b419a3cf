//! `righthome validate`: every problem in the inputs, without matching.

use super::{Inputs, Output, Result};

/// How `validate` reports: lines for people, or a JSON array of problems for other programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ValidateFormat {
    /// One line per problem, then a count (or one "OK" line).
    Table,
    /// `[{code, file, line, column, value, expected, action}, ...]`, `[]` when none.
    Json,
}

/// Check the inputs. As a table: Ok with a one-line account when there is no problem, else the
/// validation report as the error. As JSON: the array on standard output either way, and the
/// run marked failed when it is not empty.
pub fn validate(inputs: &Inputs, format: ValidateFormat) -> Result<Output> {
    if format == ValidateFormat::Json {
        let problems = crate::io::load(&inputs.paths()).err().map(|r| r.problems);
        let mut output = Output::formatted(
            crate::io::problems_json(problems.as_deref().unwrap_or(&[])),
            super::Format::Json,
        );
        output.failed = problems.is_some();
        return Ok(output);
    }
    let (dataset, _) = crate::io::load(&inputs.paths()).map_err(crate::Error::from)?;
    let groups = dataset.sibling_groups().len();
    Ok(Output::text(format!(
        "OK: {} children ({groups} sibling group{}) and {} homes; no problems found.\n",
        dataset.children.len(),
        if groups == 1 { "" } else { "s" },
        dataset.homes.len()
    )))
}
