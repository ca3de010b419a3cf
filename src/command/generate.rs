//! `righthome generate`: a synthetic county (children.csv and homes.csv) from a profile,
//! reproducibly. Its CSVs are inputs for the other commands, so they are written as they are
//! (no spreadsheet escaping: the generator's ids and names are plain by construction).

use super::output_set::{GENERATE, GENERATE_SSDA903};
use super::{OutTarget, Output, OutputSet, Result, commit, open_out};
use std::path::PathBuf;

/// The arguments of `righthome generate` (also its flags: the doc comments are its help).
#[derive(Debug, Clone, clap::Args)]
pub struct GenerateArgs {
    /// The county profile (TOML) the synthetic children and homes are drawn from.
    #[arg(long, default_value = "data/lancashire/profile.toml")]
    pub profile: PathBuf,
    /// Seed of the random draws: the same profile and seed give the same files.
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
    /// Write a synthetic SSDA903 return (2019-20 to 2024-25: header, episodes and uasc
    /// tables per year) instead of children.csv and homes.csv.
    #[arg(long, conflicts_with_all = ["children", "homes"])]
    pub ssda903: bool,
}

/// Generate the county (or, with `--ssda903`, its return) and write it to `out`.
pub fn generate(args: &GenerateArgs) -> Result<Output> {
    if args.ssda903 {
        return generate_return(args);
    }
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
    set.add("residents.csv", county.residents_csv)?;
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

/// `generate --ssda903`: the synthetic county's SSDA903 return, from a life-history process.
fn generate_return(args: &GenerateArgs) -> Result<Output> {
    use crate::population::synthetic;
    let mut output = Output::default();
    let out = OutTarget {
        dir: args.out.clone(),
        force: args.force,
    };
    let dir = open_out(Some(&out), GENERATE_SSDA903, &mut output)?;
    let tables = synthetic::generate_return(
        synthetic::LifeHistory::default(),
        args.seed,
        crate::io::councils::LANCASHIRE,
    );
    let mut set = OutputSet::new(GENERATE_SSDA903);
    let count = tables.len();
    for (name, text) in tables {
        set.add(name, text.into_bytes())?;
    }
    commit(dir, &set)?;
    let notes = std::mem::take(&mut output.stderr);
    output = Output::text(format!(
        "Wrote a synthetic SSDA903 return ({count} tables, seed {}) to {}\n",
        args.seed,
        args.out.display()
    ));
    output.stderr = notes;
    Ok(output)
}
