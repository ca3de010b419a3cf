//! `righthome generate`: a synthetic county (children.csv and homes.csv) from a profile,
//! reproducibly. Its CSVs are inputs for the other commands, so they are written as they are
//! (no spreadsheet escaping: the generator's ids and names are plain by construction).

use super::output_set::GENERATE;
use super::{OutTarget, Output, OutputSet, Result, commit, open_out};
use std::path::PathBuf;

/// The arguments of `righthome generate`.
#[derive(Debug, Clone)]
pub struct GenerateArgs {
    pub profile: PathBuf,
    pub seed: u64,
    pub out: OutTarget,
    /// Number of referrals (default: the profile's).
    pub children: Option<usize>,
    /// Number of homes with free beds (default: the profile's).
    pub homes: Option<usize>,
}

/// Generate the county and write it to `out`.
pub fn generate(args: &GenerateArgs) -> Result<Output> {
    let mut output = Output::default();
    let dir = open_out(Some(&args.out), GENERATE, &mut output)?;
    if let Some(dir) = &dir {
        dir.refuse_inputs(&[&args.profile])?;
    }
    let profile = crate::generate::load_profile(&args.profile)?;
    let county = crate::generate::generate(&profile, args.seed, args.children, args.homes)?;
    let mut set = OutputSet::new(GENERATE);
    set.add("children.csv", county.children_csv)?;
    set.add("homes.csv", county.homes_csv)?;
    commit(dir, &set)?;
    let notes = std::mem::take(&mut output.stderr);
    output = Output::text(format!(
        "Wrote a synthetic county ({}, seed {}) to {}\n",
        profile.name,
        args.seed,
        args.out.dir.display()
    ));
    output.stderr = notes;
    Ok(output)
}
