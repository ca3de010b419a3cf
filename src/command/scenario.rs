//! `righthome scenario run|compare|sweep`: what-if scenarios simulated week by week, with
//! the command line's overrides and the common-random-numbers rule applied in one place.

use super::output_set::SCENARIO;
use super::{CommandError, OutTarget, Output, OutputSet, Result, commit, open_out};
use crate::scenario::{self, LoadedScenario, ScenarioResult};
use std::path::{Path, PathBuf};

/// The most replications a run may ask for: enough for tight intervals, few enough to end.
pub const MAX_REPLICATIONS: u32 = 10_000;

/// Which scenarios to simulate.
#[derive(Debug, Clone)]
pub enum ScenarioArgs {
    /// One scenario.
    Run {
        /// The scenario file (TOML).
        file: PathBuf,
    },
    /// Several, side by side with the first (the baseline).
    Compare {
        /// The scenario files (TOML), the baseline first.
        files: Vec<PathBuf>,
    },
    /// One scenario over a range of one value (`--vary supply.add[0].count=0..60:10`), or over
    /// every pair of values of two (a grid: `--vary` twice).
    Sweep {
        /// The scenario file (TOML).
        file: PathBuf,
        /// One or two values to vary and their ranges, `path=from..to:step`.
        vary: Vec<String>,
    },
}

/// Options shared by the scenario commands.
#[derive(Debug, Clone, Default)]
pub struct ScenarioRun {
    /// Write the summaries here.
    pub out: Option<OutTarget>,
    /// Replications instead of each file's [run] replications (1 to [`MAX_REPLICATIONS`]).
    pub replications: Option<u32>,
    /// Seed instead of the first file's [run] seed.
    pub seed: Option<u64>,
    /// Show a progress bar on standard error.
    pub progress: bool,
}

impl ScenarioRun {
    fn check(&self) -> Result<()> {
        if let Some(n) = self.replications
            && !(1..=MAX_REPLICATIONS).contains(&n)
        {
            return Err(CommandError::Argument(format!(
                "--replications must be 1 to {MAX_REPLICATIONS}, not {n}"
            )));
        }
        Ok(())
    }
}

/// The scenarios to simulate, loaded (a sweep becomes one scenario per value, named
/// `key=value`).
pub fn scenario_runs(args: &ScenarioArgs) -> Result<Vec<LoadedScenario>> {
    let load_all = |files: &[PathBuf]| {
        files
            .iter()
            .map(|f| scenario::load(f))
            .collect::<crate::Result<Vec<_>>>()
    };
    Ok(match args {
        ScenarioArgs::Run { file } => load_all(std::slice::from_ref(file))?,
        ScenarioArgs::Compare { files } => load_all(files)?,
        ScenarioArgs::Sweep { file, vary } => {
            let specs = vary
                .iter()
                .map(|v| scenario::sweep_values(v))
                .collect::<crate::Result<Vec<_>>>()?;
            if specs.is_empty() || specs.len() > 2 {
                return Err(CommandError::Argument(format!(
                    "--vary is given once (a range) or twice (a grid), not {} times",
                    specs.len()
                )));
            }
            if specs.len() == 2 && specs[0].0 == specs[1].0 {
                return Err(CommandError::Argument(format!(
                    "--vary names {} twice: a grid varies two different keys",
                    specs[0].0
                )));
            }
            if let Some((key, _)) = specs.iter().find(|(k, _)| k.trim() == "run.seed") {
                return Err(CommandError::Argument(format!(
                    "--vary {key}: every point runs with the same seed (common random numbers), so the seed cannot be swept; use --seed"
                )));
            }
            // Every point of the grid, the first key's values outermost.
            let mut points: Vec<Vec<(&str, f64)>> = vec![Vec::new()];
            for (key, values) in &specs {
                points = points
                    .iter()
                    .flat_map(|p| {
                        values.iter().map(move |&v| {
                            let mut p = p.clone();
                            p.push((key.as_str(), v));
                            p
                        })
                    })
                    .collect();
            }
            let text = scenario::read(file)?;
            let mut loaded = Vec::new();
            for point in points {
                let set = |float: bool| -> crate::Result<String> {
                    let mut t = text.clone();
                    for &(key, value) in &point {
                        t = scenario::with_value_as(&t, key, value, float)?;
                    }
                    Ok(t)
                };
                // A key the file does not have is written as a whole number when the value is
                // whole; a float field refuses that, so try it as a float before giving up.
                let mut s = match scenario::load_text(&set(false)?, file) {
                    Ok(s) => s,
                    Err(_) => scenario::load_text(&set(true)?, file)?,
                };
                s.name = point
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                loaded.push(s);
            }
            loaded
        }
    })
}

/// The scenario files and their base data: what an `--out` must not hold.
pub(super) fn scenario_inputs(files: &[&Path], loaded: &[LoadedScenario]) -> Vec<PathBuf> {
    let mut inputs: Vec<PathBuf> = files.iter().map(|f| f.to_path_buf()).collect();
    for (file, s) in files.iter().cycle().zip(loaded) {
        inputs.push(
            file.parent()
                .unwrap_or(Path::new("."))
                .join(&s.scenario.base),
        );
    }
    inputs
}

/// Apply the overrides and run every scenario. All use the first one's seed: common random
/// numbers, so that differences between scenarios come from the scenarios, not the draws.
pub fn simulate(mut loaded: Vec<LoadedScenario>, run: &ScenarioRun) -> Result<Vec<ScenarioResult>> {
    run.check()?;
    for s in &mut loaded {
        if let Some(n) = run.replications {
            s.scenario.run.replications = n;
        }
        if let Some(seed) = run.seed {
            s.scenario.run.seed = seed;
        }
    }
    let seed = loaded.first().map_or(1, |s| s.scenario.run.seed);
    for s in &mut loaded {
        s.scenario.run.seed = seed;
    }
    let total: u64 = loaded
        .iter()
        .map(|s| u64::from(s.scenario.run.replications))
        .sum();
    let progress = if run.progress {
        indicatif::ProgressBar::new(total).with_message("replications")
    } else {
        indicatif::ProgressBar::hidden()
    };
    let results = loaded
        .iter()
        .map(|s| scenario::run_scenario(s, &progress))
        .collect::<crate::Result<Vec<_>>>()?;
    progress.finish_and_clear();
    Ok(results)
}

/// summary.csv, summary.json, gap.csv and weekly.csv as one set of `kind`.
pub(super) fn summaries(results: &[ScenarioResult], kind: super::SetKind) -> Result<OutputSet> {
    let mut set = OutputSet::new(kind);
    for (name, bytes) in scenario::scenario_files(results)? {
        set.add(name, bytes)?;
    }
    Ok(set)
}

/// Simulate, write the summaries if asked, and say what to print.
pub fn run_scenarios(args: &ScenarioArgs, run: &ScenarioRun) -> Result<Output> {
    run.check()?;
    let mut output = Output::default();
    let out = open_out(run.out.as_ref(), SCENARIO, &mut output)?;
    let loaded = scenario_runs(args)?;
    if let Some(dir) = &out {
        let files: Vec<&Path> = match args {
            ScenarioArgs::Run { file } | ScenarioArgs::Sweep { file, .. } => vec![file.as_path()],
            ScenarioArgs::Compare { files } => files.iter().map(PathBuf::as_path).collect(),
        };
        dir.refuse_inputs(&scenario_inputs(&files, &loaded))?;
    }
    let results = simulate(loaded, run)?;
    let table = if results.len() == 1 {
        scenario::summary_table(&results[0])
    } else {
        scenario::compare_table(&results)
    };
    let notes = std::mem::take(&mut output.stderr);
    let set = out
        .as_ref()
        .map(|_| summaries(&results, SCENARIO))
        .transpose()?;
    let wrote = match &set {
        Some(set) => commit(out, set)?,
        None => None,
    };
    output = Output::text(table);
    output.stderr = notes;
    if let Some(line) = wrote {
        output.note(line);
    }
    Ok(output)
}
