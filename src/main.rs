//! The `righthome` command: a thin layer over the library. It parses arguments, calls the
//! library and prints; every decision lives in the library.

use clap::{Parser, Subcommand};
use righthome::command::{self, CommandError, Format, Inputs, OutTarget, Output, ScenarioArgs};
use std::io::Write;
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

/// `--out DIR` with its `--force`.
fn out_target(out: Option<PathBuf>, force: bool) -> Option<OutTarget> {
    out.map(|dir| OutTarget { dir, force })
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

impl ScenarioRun {
    fn args(self) -> command::ScenarioRun {
        command::ScenarioRun {
            out: out_target(self.out, self.force),
            replications: self.replications,
            seed: self.seed,
            progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
        }
    }
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
    /// Simulate one scenario over a range of one value, e.g. supply.add[0].count=0..60:10,
    /// or (--vary twice) over every pair of values of two keys (a grid).
    Sweep {
        file: PathBuf,
        #[arg(long, required = true)]
        vary: Vec<String>,
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
        /// Seconds the whole solve may take (every LP and branch and bound in it) before reporting
        /// the best match found.
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
        /// Also write options.csv, options.json and choice_summary.json here.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace files an earlier run left in --out.
        #[arg(long)]
        force: bool,
        /// With --out: also an HTML sheet per child (plain words, no costs) and a manager's page.
        #[arg(long, requires = "out")]
        html: bool,
        /// Most options shown per child (at least 1; beyond 3 only close alternatives).
        #[arg(long, default_value_t = 5, value_parser = at_least_one)]
        max_options: usize,
        /// What to print: a table for people, or options.csv / options.json.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Seconds each solve (the match, and each option's re-solve) may take as a whole.
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
        format: command::ValidateFormat,
    },
    /// The web app for the Access to Resources Team: decisions, approvals, history.
    Serve(command::ServeCommand),
    /// Accounts of the web app: add or disable.
    #[command(subcommand)]
    User(command::UserCommand),
    /// The population in care on a date, read from the council's SSDA903 return.
    Population(command::PopulationArgs),
    /// Forecast the population in care week by week from a date, using only what the return
    /// knew then, with 90% intervals over seeded replications.
    Forecast(command::ForecastArgs),
    /// Forecast from N weeks before a date with only what was known then, and compare with the
    /// actual stock on the date.
    Backtest(command::BacktestArgs),
    /// Make a synthetic county (children.csv and homes.csv) from a profile, reproducibly.
    Generate(command::GenerateArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(mib) = cli.max_input_mib {
        righthome::io::set_max_input_mib(mib);
    }
    // A run interrupted (Ctrl-C, SIGTERM) removes its temporary files before it exits.
    let result = command::cleanup_on_signals()
        .map_err(CommandError::from)
        .and_then(|()| command::start_threads())
        .and_then(|()| run(cli));
    match result {
        // Written, not print!ed: a closed pipe (`| head`) must not panic.
        Ok(output) => {
            let _ = std::io::stdout().write_all(output.stdout.as_bytes());
            for line in &output.stderr {
                let _ = writeln!(std::io::stderr(), "{line}");
            }
            if output.failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "{}", e.message());
            ExitCode::FAILURE
        }
    }
}

/// Parse into the library's arguments and call the command: nothing else.
fn run(cli: Cli) -> Result<Output, CommandError> {
    match cli.command {
        Command::Match {
            inputs,
            out,
            force,
            format,
            time_limit,
        } => command::run_match(&command::MatchArgs {
            inputs,
            out: out_target(out, force),
            format,
            time_limit,
        }),
        Command::Options {
            inputs,
            child,
            out,
            force,
            html,
            max_options,
            format,
            time_limit,
        } => command::run_options(&command::OptionsArgs {
            inputs,
            child,
            out: out_target(out, force),
            html,
            max_options,
            format,
            time_limit,
        }),
        Command::Scenario(ScenarioCommand::Run { file, run }) => {
            command::run_scenarios(&ScenarioArgs::Run { file }, &run.args())
        }
        Command::Scenario(ScenarioCommand::Compare { files, run }) => {
            command::run_scenarios(&ScenarioArgs::Compare { files }, &run.args())
        }
        Command::Scenario(ScenarioCommand::Sweep { file, vary, run }) => {
            command::run_scenarios(&ScenarioArgs::Sweep { file, vary }, &run.args())
        }
        Command::Report(ReportCommand::Match { inputs, out, force }) => {
            command::report_match(&inputs, &OutTarget { dir: out, force })
        }
        Command::Report(ReportCommand::Scenario { files, run }) => {
            command::report_scenario(&files, &run.args())
        }
        Command::Validate { inputs, format } => command::validate(&inputs, format),
        Command::Serve(args) => command::run_serve(&args),
        Command::User(args) => command::run_user(&args),
        Command::Population(args) => command::run_population(&args),
        Command::Forecast(args) => command::run_forecast(&args),
        Command::Backtest(args) => command::run_backtest(&args),
        Command::Generate(args) => command::generate(&args),
    }
}

/// `--max-options`: a whole number, at least 1 (one option is the recommended home alone).
fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!(
            "'{text}' is not a number of options: give a whole number, at least 1"
        )),
    }
}
