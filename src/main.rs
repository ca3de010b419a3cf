//! The `righthome` command: a thin layer over the library. It parses arguments, calls the
//! library and prints; every decision lives in the library.

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use righthome::io::{self, InputPaths};
use righthome::model::ChildId;
use righthome::report::{self, MatchOutcome};
use righthome::solver::SolveOptions;
use righthome::{Error, generate, matching};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "righthome",
    version,
    about = "The right home, at the right place, at the right time: placement matching for children's services."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Largest CSV input read, in MiB (default 64); TOML inputs may be a 64th of it (at least 1 MiB).
    #[arg(long, global = true, value_name = "MIB")]
    max_input_mib: Option<u64>,
}

/// Where the inputs are: a data directory, with any file overridden.
#[derive(clap::Args)]
struct Inputs {
    /// Directory holding children.csv, homes.csv and (optional) policy.toml.
    #[arg(long, default_value = "data/lancashire")]
    data: PathBuf,
    /// children.csv to use instead of DATA/children.csv.
    #[arg(long)]
    children: Option<PathBuf>,
    /// homes.csv to use instead of DATA/homes.csv.
    #[arg(long)]
    homes: Option<PathBuf>,
    /// policy.toml to use instead of DATA/policy.toml (built-in defaults if neither exists).
    #[arg(long)]
    policy: Option<PathBuf>,
}

impl Inputs {
    fn paths(&self) -> InputPaths {
        let mut paths = InputPaths::in_dir(&self.data);
        if let Some(c) = &self.children {
            paths.children = c.clone();
        }
        if let Some(h) = &self.homes {
            paths.homes = h.clone();
        }
        if let Some(p) = &self.policy {
            paths.policy = Some(p.clone());
        }
        paths
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ValidateFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Csv,
    Json,
}

/// Options shared by the scenario commands.
#[derive(clap::Args)]
struct ScenarioRun {
    /// Write summary.csv, summary.json, gap.csv and weekly.csv here.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replace files an earlier run left in --out.
    #[arg(long)]
    force: bool,
    /// Replications instead of the file's [run] replications.
    #[arg(long)]
    replications: Option<u32>,
    /// Seed instead of the file's [run] seed.
    #[arg(long)]
    seed: Option<u64>,
}

#[derive(Subcommand)]
enum ReportCommand {
    /// Today's match: measures, a map of the county, the children not placed and why.
    Match {
        #[command(flatten)]
        inputs: Inputs,
        /// Directory for match-report.html (and summary.json).
        #[arg(long)]
        out: PathBuf,
        /// Replace files an earlier run left in --out.
        #[arg(long)]
        force: bool,
    },
    /// Scenarios side by side (the first is the baseline): headlines, charts, the gap.
    Scenario {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        run: ScenarioRun,
    },
}

#[derive(Subcommand)]
enum ScenarioCommand {
    /// Simulate one scenario.
    Run {
        file: PathBuf,
        #[command(flatten)]
        run: ScenarioRun,
    },
    /// Simulate several scenarios with the same random draws, side by side with the first.
    Compare {
        #[arg(required = true, num_args = 2..)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        run: ScenarioRun,
    },
    /// Simulate one scenario over a range of one value, e.g. supply.add[0].count=0..60:10.
    Sweep {
        file: PathBuf,
        #[arg(long)]
        vary: String,
        #[command(flatten)]
        run: ScenarioRun,
    },
}

#[derive(Subcommand)]
enum Command {
    /// Match today's referrals to today's vacancies: the best match for every child.
    Match {
        #[command(flatten)]
        inputs: Inputs,
        /// Also write matches.csv, pairs.csv, unplaced.csv and summary.json here.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace files an earlier run left in --out.
        #[arg(long)]
        force: bool,
        /// What to print: a table for people, or matches.csv / summary.json for other systems.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Seconds the solver may spend on each phase before reporting the best match found.
        #[arg(long)]
        time_limit: Option<f64>,
    },
    /// Every child's ranked options (at least three where they exist), each explained, with
    /// what choosing it would cost the whole match.
    Options {
        #[command(flatten)]
        inputs: Inputs,
        /// Only this child (and their brothers and sisters), in full.
        #[arg(long)]
        child: Option<String>,
        /// Also write options.csv and choice_summary.json here.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace files an earlier run left in --out.
        #[arg(long)]
        force: bool,
        /// With --out: also an HTML sheet per child (plain words, no costs) and a manager's page.
        #[arg(long, requires = "out")]
        html: bool,
        /// Most options shown per child (at least 3; beyond 3 only close alternatives).
        #[arg(long, default_value_t = 5)]
        max_options: usize,
        /// What to print: a table for people, or options.csv / choice_summary.json.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Seconds the solver may spend on each phase of each solve.
        #[arg(long)]
        time_limit: Option<f64>,
    },
    /// What-if sufficiency scenarios: a year simulated week by week, many times.
    #[command(subcommand)]
    Scenario(ScenarioCommand),
    /// Self-contained HTML reports for people: today's match, or a scenario dashboard.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Check the inputs and report every problem found, without matching.
    Validate {
        #[command(flatten)]
        inputs: Inputs,
        /// table: lines for people; json: an array of problems for other programs.
        #[arg(long, value_enum, default_value = "table")]
        format: ValidateFormat,
    },
    /// Make a synthetic county (children.csv and homes.csv) from a profile, reproducibly.
    Generate {
        #[arg(long, default_value = "data/lancashire/profile.toml")]
        profile: PathBuf,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Directory to write children.csv and homes.csv into.
        #[arg(long)]
        out: PathBuf,
        /// Replace children.csv and homes.csv already in --out.
        #[arg(long)]
        force: bool,
        /// Number of referrals (default: the profile's).
        #[arg(long)]
        children: Option<usize>,
        /// Number of homes with free beds (default: the profile's).
        #[arg(long)]
        homes: Option<usize>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(mib) = cli.max_input_mib {
        io::set_max_input_mib(mib);
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            match e.downcast_ref::<Error>() {
                Some(Error::Invalid(report)) => eprintln!("{report}"),
                _ => eprintln!("righthome: {e:#}"),
            }
            ExitCode::FAILURE
        }
    }
}

fn solve_options(time_limit: Option<f64>) -> anyhow::Result<SolveOptions> {
    if let Some(t) = time_limit {
        anyhow::ensure!(
            t.is_finite() && t > 0.0,
            "--time-limit must be a number of seconds above 0, not {t}"
        );
    }
    Ok(SolveOptions { time_limit })
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Match {
            inputs,
            out,
            force,
            format,
            time_limit,
        } => {
            let options = solve_options(time_limit)?;
            if let Some(dir) = &out {
                report::check_output_dir(
                    dir,
                    &["matches.csv", "pairs.csv", "unplaced.csv", "summary.json"],
                    force,
                )?;
            }
            let (dataset, policy) = io::load(&inputs.paths()).map_err(Error::from)?;
            let (problem, result) = matching::run(&dataset, &policy, &options)?;
            warn_if_cut_short(&result, time_limit);
            let outcome = MatchOutcome::new(&dataset, &policy, &problem, &result);
            if let Some(dir) = &out {
                let files = report::match_files(&outcome)?;
                report::write_atomically(dir, &files)
                    .with_context(|| format!("writing the match to {}", dir.display()))?;
            }
            match format {
                Format::Table => print!("{}", report::match_table(&outcome)),
                Format::Csv => print!(
                    "{}",
                    String::from_utf8_lossy(&report::matches_csv(&outcome)?)
                ),
                Format::Json => print!(
                    "{}",
                    String::from_utf8_lossy(&report::summary_json(&outcome)?)
                ),
            }
            if let Some(dir) = &out {
                eprintln!(
                    "Wrote matches.csv, pairs.csv, unplaced.csv and summary.json to {}",
                    dir.display()
                );
            }
            Ok(())
        }
        Command::Options {
            inputs,
            child,
            out,
            force,
            html,
            max_options,
            format,
            time_limit,
        } => {
            let options = solve_options(time_limit)?;
            if let Some(dir) = &out {
                report::check_output_dir(
                    dir,
                    &["options.csv", "choice_summary.json", "managers.html"],
                    force,
                )?;
            }
            let (dataset, policy) = io::load(&inputs.paths()).map_err(Error::from)?;
            let only = match &child {
                Some(id) => Some(dataset.child_index(&ChildId(id.clone())).ok_or_else(|| {
                    Error::Usage(format!(
                        "no child with id '{id}' in {}",
                        inputs.paths().children.display()
                    ))
                })?),
                None => None,
            };
            let (problem, result) = matching::run(&dataset, &policy, &options)?;
            warn_if_cut_short(&result, time_limit);
            let built = righthome::options::build_options(
                &dataset,
                &policy,
                &problem,
                &result,
                max_options,
                only,
                &options,
            )
            .map_err(|e| Error::Solver(e.to_string()))?;
            let summary = righthome::options::choice_summary(&problem, &built);
            let mut files = vec![
                (
                    "options.csv".to_string(),
                    report::options_csv(&dataset, &built)?,
                ),
                (
                    "choice_summary.json".to_string(),
                    report::choice_summary_json(&summary)?,
                ),
            ];
            if html {
                files.extend(report::child_sheets(
                    &dataset,
                    &policy,
                    &problem,
                    &result.placements,
                    &built,
                )?);
                files.push((
                    "managers.html".to_string(),
                    report::manager_page(&dataset, &policy, &built)?,
                ));
            }
            if let Some(dir) = &out {
                report::write_atomically(dir, &files)
                    .with_context(|| format!("writing options to {}", dir.display()))?;
            }
            match format {
                Format::Table => print!(
                    "{}",
                    report::options_table(
                        &dataset,
                        &policy,
                        &problem,
                        &result.placements,
                        &built,
                        only.is_some()
                    )
                ),
                Format::Csv => print!("{}", String::from_utf8_lossy(&files[0].1)),
                Format::Json => print!("{}", String::from_utf8_lossy(&files[1].1)),
            }
            if let Some(dir) = &out {
                eprintln!("Wrote {} files to {}", files.len(), dir.display());
            }
            Ok(())
        }
        Command::Scenario(command) => run_scenarios(command),
        Command::Report(ReportCommand::Match { inputs, out, force }) => {
            report::check_output_dir(&out, &["match-report.html", "summary.json"], force)?;
            let (dataset, policy) = io::load(&inputs.paths()).map_err(Error::from)?;
            let (problem, result) = matching::run(&dataset, &policy, &SolveOptions::default())?;
            let outcome = MatchOutcome::new(&dataset, &policy, &problem, &result);
            let summary = ("summary.json".to_string(), report::summary_json(&outcome)?);
            let page = report::match_report(&outcome)?;
            report::write_atomically(&out, &[("match-report.html".to_string(), page), summary])?;
            println!(
                "Wrote match-report.html and summary.json to {}",
                out.display()
            );
            Ok(())
        }
        Command::Report(ReportCommand::Scenario { files, run }) => {
            let dir = run
                .out
                .clone()
                .ok_or_else(|| anyhow::anyhow!("report scenario needs --out DIR"))?;
            let names = [
                "dashboard.html",
                "summary.csv",
                "summary.json",
                "gap.csv",
                "weekly.csv",
            ];
            report::check_output_dir(&dir, &names, run.force)?;
            let loaded = files
                .iter()
                .map(|f| righthome::scenario::load(f))
                .collect::<righthome::Result<Vec<_>>>()?;
            let results = simulate(loaded, &run)?;
            let mut out = righthome::scenario::scenario_files(&results)?;
            out.push((
                "dashboard.html".to_string(),
                report::scenario_dashboard(&results)?,
            ));
            report::write_atomically(&dir, &out)?;
            println!(
                "Wrote dashboard.html, summary.csv, summary.json, gap.csv and weekly.csv to {}",
                dir.display()
            );
            Ok(())
        }
        Command::Validate {
            inputs,
            format: ValidateFormat::Json,
        } => {
            let problems = io::load(&inputs.paths()).err().map(|r| r.problems);
            print!("{}", io::problems_json(problems.as_deref().unwrap_or(&[])));
            if problems.is_some() {
                std::io::Write::flush(&mut std::io::stdout())?;
                std::process::exit(1);
            }
            Ok(())
        }
        Command::Validate { inputs, .. } => {
            let (dataset, _) = io::load(&inputs.paths()).map_err(Error::from)?;
            println!(
                "OK: {} children ({} sibling group{}) and {} homes; no problems found.",
                dataset.children.len(),
                dataset.sibling_groups().len(),
                if dataset.sibling_groups().len() == 1 {
                    ""
                } else {
                    "s"
                },
                dataset.homes.len()
            );
            Ok(())
        }
        Command::Generate {
            profile,
            seed,
            out,
            force,
            children,
            homes,
        } => {
            report::check_output_dir(&out, &["children.csv", "homes.csv"], force)?;
            let profile_data = generate::load_profile(&profile)?;
            let county = generate::generate(&profile_data, seed, children, homes)?;
            let files = [
                ("children.csv".to_string(), county.children_csv),
                ("homes.csv".to_string(), county.homes_csv),
            ];
            report::write_atomically(&out, &files)?;
            println!(
                "Wrote a synthetic county ({}, seed {seed}) to {}",
                profile_data.name,
                out.display()
            );
            Ok(())
        }
    }
}

fn run_scenarios(command: ScenarioCommand) -> anyhow::Result<()> {
    use righthome::scenario;
    let (run, loaded) = match &command {
        ScenarioCommand::Run { file, run } => (run, vec![scenario::load(file)?]),
        ScenarioCommand::Compare { files, run } => (
            run,
            files
                .iter()
                .map(|f| scenario::load(f))
                .collect::<righthome::Result<Vec<_>>>()?,
        ),
        ScenarioCommand::Sweep { file, vary, run } => {
            let (key, values) = scenario::sweep_values(vary)?;
            let text = scenario::read(file)?;
            let mut loaded = Vec::new();
            for value in values {
                let mut s = scenario::load_text(&scenario::with_value(&text, &key, value)?, file)?;
                s.name = format!("{key}={value}");
                loaded.push(s);
            }
            (run, loaded)
        }
    };
    if let Some(dir) = &run.out {
        report::check_output_dir(
            dir,
            &["summary.csv", "summary.json", "gap.csv", "weekly.csv"],
            run.force,
        )?;
    }
    let results = simulate(loaded, run)?;
    if results.len() == 1 {
        print!("{}", scenario::summary_table(&results[0]));
    } else {
        print!("{}", scenario::compare_table(&results));
    }
    if let Some(dir) = &run.out {
        report::write_atomically(dir, &scenario::scenario_files(&results)?)?;
        eprintln!(
            "Wrote summary.csv, summary.json, gap.csv and weekly.csv to {}",
            dir.display()
        );
    }
    Ok(())
}

/// Apply the command line's overrides and run every scenario, with a progress bar on a
/// terminal. All scenarios use the first one's seed (common random numbers).
fn simulate(
    mut loaded: Vec<righthome::scenario::LoadedScenario>,
    run: &ScenarioRun,
) -> anyhow::Result<Vec<righthome::scenario::ScenarioResult>> {
    for s in &mut loaded {
        if let Some(n) = run.replications {
            anyhow::ensure!(
                (1..=10_000).contains(&n),
                "--replications must be 1 to 10000, not {n}"
            );
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
    let progress = if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        indicatif::ProgressBar::new(total).with_message("replications")
    } else {
        indicatif::ProgressBar::hidden()
    };
    let results = loaded
        .iter()
        .map(|s| righthome::scenario::run_scenario(s, &progress))
        .collect::<righthome::Result<Vec<_>>>()?;
    progress.finish_and_clear();
    Ok(results)
}

/// Say plainly when the time limit stopped the solver before it proved the answer best.
fn warn_if_cut_short(result: &matching::MatchResult, time_limit: Option<f64>) {
    if result.optimality == righthome::solver::Optimality::TimeLimit {
        eprintln!(
            "righthome: the time limit of {} s stopped the solver before it proved this match the best; \
             it is within {:.2}% of the best possible. Allow more time (--time-limit) for the proven best.",
            time_limit.unwrap_or(f64::INFINITY),
            100.0 * result.gap
        );
    }
}
