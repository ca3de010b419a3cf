//! `righthome match`: today's referrals matched to today's vacancies.

use super::output_set::MATCH;
use super::{
    Format, Inputs, OutTarget, Output, OutputSet, Result, commit, open_out, solve_options,
};
use crate::io::InputPaths;
use crate::matching::{self, MatchProblem, MatchResult};
use crate::model::{Dataset, Policy};
use crate::report::{self, MatchOutcome};
use crate::solver::{Optimality, SolveOptions};

/// A solved match: the inputs, the problem built from them and the solver's result, kept
/// together so that every output is made from one consistent whole.
pub struct MatchContext {
    /// The children and homes as loaded and validated.
    pub dataset: Dataset,
    /// The policy used (policy.toml, or the built-in defaults).
    pub policy: Policy,
    /// Who can go where, with scores: the problem handed to the solver.
    pub problem: MatchProblem,
    /// The solver's match and how good it is proven to be.
    pub result: MatchResult,
}

impl MatchContext {
    /// Load and validate the inputs, then solve.
    pub fn solve(paths: &InputPaths, options: &SolveOptions) -> Result<MatchContext> {
        let (dataset, policy) = crate::io::load(paths).map_err(crate::Error::from)?;
        let (problem, result) = matching::run_today(&dataset, &policy, options)?;
        Ok(MatchContext {
            dataset,
            policy,
            problem,
            result,
        })
    }

    /// Every child's outcome and the headline measures.
    pub fn outcome(&self) -> MatchOutcome<'_> {
        MatchOutcome::new(&self.dataset, &self.policy, &self.problem, &self.result)
    }

    /// A plain warning when the time limit stopped the solver before it proved the answer
    /// best (None when it was proven).
    pub fn cut_short_warning(&self, time_limit: Option<f64>) -> Option<String> {
        (self.result.optimality == Optimality::TimeLimit).then(|| {
            format!(
                "righthome: the time limit of {} s stopped the solver before it proved this match the best; \
                 it is within {:.2}% of the best possible. Allow more time (--time-limit) for the proven best.",
                time_limit.unwrap_or(f64::INFINITY),
                100.0 * self.result.gap
            )
        })
    }
}

/// The arguments of `righthome match`.
#[derive(Debug, Clone)]
pub struct MatchArgs {
    /// Where the children, homes and policy are read from.
    pub inputs: Inputs,
    /// Also write matches.csv, pairs.csv, unplaced.csv and summary.json here.
    pub out: Option<OutTarget>,
    /// What to print: the table, or matches as CSV or JSON.
    pub format: Format,
    /// Seconds the solver may spend on each phase.
    pub time_limit: Option<f64>,
}

/// matches.csv, pairs.csv, unplaced.csv and summary.json as one set.
pub fn match_set(outcome: &MatchOutcome) -> Result<OutputSet> {
    let mut set = OutputSet::new(MATCH);
    for (name, bytes) in report::match_files(outcome)? {
        set.add(name, bytes)?;
    }
    Ok(set)
}

/// Match, write the set if asked, and say what to print.
pub fn run_match(args: &MatchArgs) -> Result<Output> {
    let options = solve_options(args.time_limit)?;
    let mut output = Output::default();
    let out = open_out(args.out.as_ref(), MATCH, &mut output)?;
    if let Some(dir) = &out {
        dir.refuse_inputs(&args.inputs.all())?;
    }
    let context = MatchContext::solve(&args.inputs.paths(), &options)?;
    for warning in &context.dataset.warnings {
        output.note(format!("righthome: {warning}"));
    }
    for (home, children, what) in crate::checker::household_clashes(
        &context.dataset,
        &context.policy,
        &context.result.placements,
    ) {
        let ids: Vec<&str> = children.iter().map(|c| c.as_str()).collect();
        output.note(format!(
            "righthome: warning: {home} takes {} together against {what}, as already agreed \
             (decided_breaks_rule): ask the nominated officer to review the agreed placements",
            ids.join(", ")
        ));
    }
    if let Some(warning) = context.cut_short_warning(args.time_limit) {
        output.note(warning);
    }
    let outcome = context.outcome();
    let set = out.as_ref().map(|_| match_set(&outcome)).transpose()?;
    let wrote = match &set {
        Some(set) => commit(out, set)?,
        None => None,
    };
    let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).into_owned();
    let stdout = match args.format {
        Format::Table => report::match_table(&outcome),
        Format::Csv => match &set {
            Some(set) => set.text("matches.csv"),
            None => text(report::matches_csv(&outcome)?),
        },
        Format::Json => match &set {
            Some(set) => set.text("summary.json"),
            None => text(report::summary_json(&outcome)?),
        },
    };
    let notes = std::mem::take(&mut output.stderr);
    output = Output::formatted(stdout, args.format);
    output.stderr = notes;
    if let Some(line) = wrote {
        output.note(line);
    }
    Ok(output)
}
