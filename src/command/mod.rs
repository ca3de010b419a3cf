//! The commands, as library functions: one per command, taking plain arguments and returning
//! what to print (never printing), so that the command line and the web app share them.
//! Each validates its arguments, loads and solves through one [`MatchContext`], and writes its
//! [`OutputSet`] into `--out` all or nothing (see [`out_dir`]).

mod generate;
mod lock;
mod matching;
mod options;
pub mod out_dir;
pub mod output_set;
mod population;
mod report;
mod scenario;
mod serve;
mod user;
mod validate;

pub use generate::{GenerateArgs, generate};
pub use lock::cleanup_on_signals;
pub use matching::{MatchArgs, MatchContext, match_set, run_match};
pub use options::{OptionsArgs, options_set, run_options};
pub use out_dir::OutDir;
pub use output_set::{OutputSet, SetKind};
pub use population::{
    BacktestArgs, ForecastArgs, ForecastSettings, PopulationArgs, ReturnArgs, run_backtest,
    run_forecast, run_population,
};
pub use report::{report_match, report_scenario};
pub use scenario::{ScenarioArgs, ScenarioRun, run_scenarios, scenario_runs};
pub use serve::{ServeCommand, run_serve};
pub use user::{UserCommand, run_user};
pub use validate::{ValidateFormat, validate};

use crate::io::InputPaths;
use crate::report::escape::{Spelling, terminal_safe};
use crate::solver::SolveOptions;
use std::path::PathBuf;

/// Where the inputs are: a data directory, with any file overridden. (Also the command
/// line's flags: the doc comments are its help.)
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct Inputs {
    /// Directory holding children.csv, homes.csv and (optional) policy.toml.
    #[arg(long, default_value = "data/lancashire")]
    pub data: PathBuf,
    /// children.csv to use instead of DATA/children.csv.
    #[arg(long)]
    pub children: Option<PathBuf>,
    /// homes.csv to use instead of DATA/homes.csv.
    #[arg(long)]
    pub homes: Option<PathBuf>,
    /// policy.toml to use instead of DATA/policy.toml (built-in defaults if neither exists).
    #[arg(long)]
    pub policy: Option<PathBuf>,
    /// residents.csv to use instead of DATA/residents.csv (nobody already living in any home
    /// if neither exists).
    #[arg(long)]
    pub residents: Option<PathBuf>,
}

impl Inputs {
    /// The files to read.
    pub fn paths(&self) -> InputPaths {
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
        if let Some(r) = &self.residents {
            paths.residents = Some(r.clone());
        }
        paths
    }

    /// Every input an `--out` must not hold: the data directory and each file read.
    pub fn all(&self) -> Vec<PathBuf> {
        let paths = self.paths();
        let mut all = vec![self.data.clone(), paths.children, paths.homes];
        all.extend(paths.policy);
        all.extend(paths.residents);
        all
    }
}

/// Where a command writes its files, if anywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutTarget {
    /// The `--out` directory the set is written into (made if missing).
    pub dir: PathBuf,
    /// Replace a set an earlier run left there.
    pub force: bool,
}

/// What to print for other systems or for a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An aligned text table for a person.
    Table,
    /// CSV with a header row, for spreadsheets and other systems.
    Csv,
    /// JSON, for other systems.
    Json,
}

/// What a command has to say: its standard output, and lines for standard error (warnings,
/// what was written), both already safe for a terminal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    /// Everything for standard output, as one string (a table, CSV or JSON).
    pub stdout: String,
    /// Lines for standard error, one per entry, without their line breaks.
    pub stderr: Vec<String>,
    /// The run found problems it reports on standard output (`validate --format json`): exit 1.
    pub failed: bool,
}

impl Output {
    /// Output whose text is for people (a table, a message): control characters escaped.
    fn text(stdout: String) -> Output {
        Output {
            stdout: terminal_safe(&stdout, Spelling::Rust).into_owned(),
            stderr: Vec::new(),
            failed: false,
        }
    }

    /// Output in a machine format; JSON keeps JSON's own escapes so it still parses.
    fn formatted(stdout: String, format: Format) -> Output {
        let spelling = if format == Format::Json {
            Spelling::Json
        } else {
            Spelling::Rust
        };
        Output {
            stdout: terminal_safe(&stdout, spelling).into_owned(),
            stderr: Vec::new(),
            failed: false,
        }
    }

    fn note(&mut self, line: impl AsRef<str>) {
        self.stderr
            .push(terminal_safe(line.as_ref(), Spelling::Rust).into_owned());
    }
}

/// An output set could not be written, or `--out` cannot take one.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The `--out` path (given) exists and is not a directory.
    #[error("{} exists and is not a directory", .0.display())]
    NotADirectory(PathBuf),
    /// `--out` already holds files of this set and `--force` was not given.
    #[error(
        "{} already holds {names}: choose another --out directory, or add --force to replace them",
        dir.display()
    )]
    Holds {
        /// The `--out` directory.
        dir: PathBuf,
        /// The set's files found there, listed in words (`a, b and c`).
        names: String,
    },
    /// Another run holds the `--out` directory's lock file.
    #[error(
        "another righthome run is writing {} (it holds {}): wait for it to finish, or choose another --out directory",
        dir.display(),
        lock.display()
    )]
    Busy {
        /// The `--out` directory.
        dir: PathBuf,
        /// The lock file the other run holds.
        lock: PathBuf,
    },
    /// An input (the data directory or a file read) lies inside `--out`, where the set could
    /// replace it.
    #[error(
        "--out {} would overwrite the input {}: choose an --out directory that holds none of the inputs",
        dir.display(),
        input.display()
    )]
    OverwritesInput {
        /// The `--out` directory.
        dir: PathBuf,
        /// The input it would overwrite (the data directory or a file read).
        input: PathBuf,
    },
    /// `--out` holds a subdirectory, which the whole-set swap could not keep.
    #[error(
        "{} holds a directory, '{name}': an output set is swapped in whole, so --out must hold files only; choose another --out directory",
        dir.display()
    )]
    HoldsDirectory {
        /// The `--out` directory.
        dir: PathBuf,
        /// The subdirectory's name, as found there.
        name: String,
    },
    /// An output file name that is not plain (it could name a file outside `--out`), or is not
    /// one of the set's own.
    #[error(
        "cannot name an output file '{name}': expected letters, digits, '-', '_' and '.' (not first), at most 100 characters"
    )]
    BadName {
        /// The name refused (when not plain: cut to the longest allowed and escaped for a
        /// terminal).
        name: String,
    },
    /// A file system call failed.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What was being done, as the message's verb phrase (`lock`, `keep`, ...).
        action: String,
        /// The file or directory it was done to.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
}

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// The inputs, the solver or a report (the library's own error).
    #[error(transparent)]
    Library(#[from] crate::Error),
    /// The output set could not be written, or `--out` cannot take one.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// An argument out of range: says which and what is allowed.
    #[error("{0}")]
    Argument(String),
}

impl CommandError {
    /// The message for a terminal: control characters escaped.
    pub fn message(&self) -> String {
        let text = match self {
            CommandError::Library(crate::Error::Invalid(report)) => report.to_string(),
            other => format!("righthome: {other}"),
        };
        terminal_safe(&text, Spelling::Rust).into_owned()
    }
}

/// A command's result: its error is a [`CommandError`] unless said otherwise.
pub type Result<T, E = CommandError> = std::result::Result<T, E>;

/// Start the worker threads the parallel steps share (one per core, or `RAYON_NUM_THREADS`):
/// a machine that cannot start them gives this error at once, never a panic mid-run.
pub fn start_threads() -> Result<()> {
    rayon::ThreadPoolBuilder::new()
        .build_global()
        .map_err(|e| {
            CommandError::Argument(format!(
                "cannot start the worker threads ({e}): set RAYON_NUM_THREADS to a smaller number, or free some memory"
            ))
        })
}

/// The solver's options from the command line: a time limit is a number of seconds above 0.
pub fn solve_options(time_limit: Option<f64>) -> Result<SolveOptions> {
    if let Some(t) = time_limit
        && !(t.is_finite() && t > 0.0)
    {
        return Err(CommandError::Argument(format!(
            "--time-limit must be a number of seconds above 0, not {t}"
        )));
    }
    Ok(SolveOptions {
        time_limit,
        ..SolveOptions::default()
    })
}

/// Take `--out` for `kind` if given (refused at once if busy, not a directory, or holding
/// this set without `force`), cleaning what killed runs left; notes go to `output`.
fn open_out(out: Option<&OutTarget>, kind: SetKind, output: &mut Output) -> Result<Option<OutDir>> {
    let Some(target) = out else {
        return Ok(None);
    };
    let dir = OutDir::open(&target.dir, kind, target.force)?;
    for line in dir.cleaned() {
        output.note(format!("righthome: {line}"));
    }
    Ok(Some(dir))
}

/// Write `set` into the taken `--out`; returns the "Wrote ..." line (None without `--out`).
fn commit(dir: Option<OutDir>, set: &OutputSet) -> Result<Option<String>> {
    let Some(dir) = dir else {
        return Ok(None);
    };
    let shown = dir.shown().to_path_buf();
    dir.commit(set)?;
    Ok(Some(
        terminal_safe(
            &set.kind().wrote_message(set.files().len(), &shown),
            Spelling::Rust,
        )
        .into_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_limits_must_be_positive_seconds() {
        assert!(solve_options(None).is_ok());
        assert!(solve_options(Some(1.5)).is_ok());
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let e = solve_options(Some(bad)).expect_err("refused");
            assert!(e.to_string().contains("--time-limit"), "{e}");
        }
    }

    #[test]
    fn a_thread_pool_that_cannot_start_is_an_error_not_a_panic() {
        // The pool can be started once per process: a second start fails, as a pool that
        // cannot start would, and must come back as a plain error.
        let _ = start_threads();
        let e = start_threads().expect_err("a second start fails");
        assert!(
            e.message().contains("cannot start the worker threads"),
            "{}",
            e.message()
        );
    }

    #[test]
    fn messages_never_carry_control_characters() {
        let e = CommandError::Argument("bad \u{1b}[31mred".into());
        assert_eq!(e.message(), "righthome: bad \\u{1b}[31mred");
    }
}
