//! `righthome validate`: every problem in the inputs, without matching.

use super::{Inputs, Output, Result};

/// Check the inputs; Ok with a one-line account when there is no problem, else the
/// validation report as the error.
pub fn validate(inputs: &Inputs) -> Result<Output> {
    let (dataset, _) = crate::io::load(&inputs.paths()).map_err(crate::Error::from)?;
    let groups = dataset.sibling_groups().len();
    Ok(Output::text(format!(
        "OK: {} children ({groups} sibling group{}) and {} homes; no problems found.\n",
        dataset.children.len(),
        if groups == 1 { "" } else { "s" },
        dataset.homes.len()
    )))
}
