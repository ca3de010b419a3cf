//! `righthome generate`: a synthetic county (children.csv and homes.csv) from a profile,
//! reproducibly. Its CSVs are inputs for the other commands, so they are written as they are
//! (no spreadsheet escaping: the generator's ids and names are plain by construction).

use super::output_set::GENERATE;
use super::{OutTarget, Output, OutputSet, Result, commit, open_out};
use std::path::PathBuf;

/// The arguments of `righthome generate` (also its flags: the doc comments are its help).
#[derive(Debug, Clone, clap::Args)]
pub struct GenerateArgs {
    #[arg(long, default_value = "data/lancashire/profile.toml")]
    pub profile: PathBuf,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Directory to write children.csv and homes.csv into.
    #[arg(long)]
    pub out: PathBuf,
    /// Replace children.csv and homes.csv already in --out.
    #[arg(long)]
    pub force: bool,
    /// Number of referrals (default: the profile's).
    #[arg(long)]
    pub children: Option<usize>,
    /// Number of homes with free beds (default: the profile's).
    #[arg(long)]
    pub homes: Option<usize>,
}

/// Generate the county and write it to `out`.
pub fn generate(args: &GenerateArgs) -> Result<Output> {
    let mut output = Output::default();
    let out = OutTarget {
        dir: args.out.clone(),
        force: args.force,
    };
    let dir = open_out(Some(&out), GENERATE, &mut output)?;
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
        args.out.display()
    ));
    output.stderr = notes;
    Ok(output)
}
