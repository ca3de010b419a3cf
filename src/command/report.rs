//! `righthome report match|scenario`: self-contained HTML reports for people, written with the
//! summaries they are drawn from.

use super::matching::MatchContext;
use super::output_set::{REPORT_MATCH, REPORT_SCENARIO};
use super::scenario::{scenario_inputs, simulate, summaries};
use super::{CommandError, Inputs, OutTarget, Output, OutputSet, Result, commit, open_out};
use crate::report;
use crate::solver::SolveOptions;
use std::path::{Path, PathBuf};

/// Today's match as match-report.html and summary.json in `out`.
pub fn report_match(inputs: &Inputs, out: &OutTarget) -> Result<Output> {
    let mut output = Output::default();
    let dir = open_out(Some(out), REPORT_MATCH, &mut output)?;
    if let Some(dir) = &dir {
        dir.refuse_inputs(&inputs.all())?;
    }
    let context = MatchContext::solve(&inputs.paths(), &SolveOptions::default())?;
    let outcome = context.outcome();
    let mut set = OutputSet::new(REPORT_MATCH);
    set.add("match-report.html", report::match_report(&outcome)?)?;
    set.add("summary.json", report::summary_json(&outcome)?)?;
    let wrote = commit(dir, &set)?.unwrap_or_default();
    let notes = std::mem::take(&mut output.stderr);
    output = Output::text(format!("{wrote}\n"));
    output.stderr = notes;
    Ok(output)
}

/// Scenarios side by side (the first is the baseline) as dashboard.html with the summaries;
/// `run.out` is required.
pub fn report_scenario(files: &[PathBuf], run: &super::ScenarioRun) -> Result<Output> {
    let out = run
        .out
        .as_ref()
        .ok_or_else(|| CommandError::Argument("report scenario needs --out DIR".into()))?;
    let mut output = Output::default();
    let dir = open_out(Some(out), REPORT_SCENARIO, &mut output)?;
    let loaded = files
        .iter()
        .map(|f| crate::scenario::load(f))
        .collect::<crate::Result<Vec<_>>>()?;
    if let Some(dir) = &dir {
        let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
        dir.refuse_inputs(&scenario_inputs(&paths, &loaded))?;
    }
    let results = simulate(loaded, run)?;
    let mut set = OutputSet::new(REPORT_SCENARIO);
    set.add("dashboard.html", report::scenario_dashboard(&results)?)?;
    for (name, bytes) in summaries(&results, REPORT_SCENARIO)?.files() {
        set.add(name.clone(), bytes.clone())?;
    }
    let wrote = commit(dir, &set)?.unwrap_or_default();
    let notes = std::mem::take(&mut output.stderr);
    output = Output::text(format!("{wrote}\n"));
    output.stderr = notes;
    Ok(output)
}
