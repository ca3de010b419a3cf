//! `righthome population`, `forecast` and `backtest`: the population in care read from the
//! SSDA903 return, its forecast, and the forecast proven against the past.

use super::output_set::{BACKTEST, FORECAST, POPULATION};
use super::{CommandError, Format, OutTarget, Output, OutputSet, Result, commit, open_out};
use crate::population::{self, Date, backtest};
use std::path::PathBuf;

/// `--ssda903 DIR`: where the return's tables are.
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct ReturnArgs {
    /// Directory holding the return's tables as CSV (files whose names contain header,
    /// episodes or uasc), one or several collection years.
    #[arg(long)]
    pub ssda903: PathBuf,
}

/// The arguments of `righthome population`.
#[derive(Debug, Clone, clap::Args)]
pub struct PopulationArgs {
    /// Where the SSDA903 return's tables are (`--ssda903`).
    #[command(flatten)]
    pub input: ReturnArgs,
    /// The date to count on, dd/mm/yyyy or yyyy-mm-dd (default: the latest in the data).
    #[arg(long)]
    pub at: Option<String>,
    /// The ONS code of the council responsible for the children (for out_of_area).
    #[arg(long, default_value = crate::io::councils::LANCASHIRE)]
    pub council: String,
    /// Also write population.csv and population.json here.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Replace files an earlier run left in --out.
    #[arg(long)]
    pub force: bool,
    /// What to print: a table for people, or population.csv / population.json.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

/// The settings shared by `forecast` and `backtest`.
#[derive(Debug, Clone, clap::Args)]
pub struct ForecastSettings {
    /// Weeks to forecast (1-520).
    #[arg(long)]
    pub weeks: u32,
    /// Replications (1-10000).
    #[arg(long, default_value_t = 100)]
    pub replications: u32,
    /// Seed of the random draws.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Weeks of history before the start the rates are estimated from (default two years).
    #[arg(long, default_value_t = 104)]
    pub window_weeks: u32,
}

impl ForecastSettings {
    fn settings(&self) -> Result<backtest::Settings> {
        let s = backtest::Settings {
            weeks: self.weeks,
            replications: self.replications,
            seed: self.seed,
            window_weeks: self.window_weeks,
        };
        s.check()?;
        Ok(s)
    }
}

/// The arguments of `righthome forecast`.
#[derive(Debug, Clone, clap::Args)]
pub struct ForecastArgs {
    /// Where the SSDA903 return's tables are (`--ssda903`).
    #[command(flatten)]
    pub input: ReturnArgs,
    /// The forecast's start date, dd/mm/yyyy or yyyy-mm-dd.
    #[arg(long)]
    pub from: String,
    /// Weeks, replications, seed and estimation window (`--weeks`, ...).
    #[command(flatten)]
    pub run: ForecastSettings,
    /// Write forecast.csv and rates.csv here.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Replace files an earlier run left in --out.
    #[arg(long)]
    pub force: bool,
}

/// The arguments of `righthome backtest`.
#[derive(Debug, Clone, clap::Args)]
pub struct BacktestArgs {
    /// Where the SSDA903 return's tables are (`--ssda903`).
    #[command(flatten)]
    pub input: ReturnArgs,
    /// The date to compare on, dd/mm/yyyy or yyyy-mm-dd.
    #[arg(long)]
    pub at: String,
    /// Weeks, replications, seed and estimation window (`--weeks`, ...).
    #[command(flatten)]
    pub run: ForecastSettings,
    /// The ONS code of the council responsible for the children.
    #[arg(long, default_value = crate::io::councils::LANCASHIRE)]
    pub council: String,
    /// Write backtest.csv here.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Replace files an earlier run left in --out.
    #[arg(long)]
    pub force: bool,
}

/// A date given on the command line, dd/mm/yyyy or yyyy-mm-dd.
fn parse_date(flag: &str, text: &str) -> Result<Date> {
    Date::parse(text).ok_or_else(|| {
        CommandError::Argument(format!(
            "{flag} must be a date dd/mm/yyyy or yyyy-mm-dd, not '{}'",
            population::safe_text(text)
        ))
    })
}

fn target(out: &Option<PathBuf>, force: bool) -> Option<OutTarget> {
    out.clone().map(|dir| OutTarget { dir, force })
}

/// Write `set` into the taken `--out` (if any) and return `output` with the notes gathered
/// while taking it and the "Wrote ..." line.
fn finish(
    dir: Option<super::OutDir>,
    set: &OutputSet,
    mut output: Output,
    notes: Output,
) -> Result<Output> {
    let wrote = commit(dir, set)?;
    output.stderr = notes.stderr;
    if let Some(line) = wrote {
        output.note(line);
    }
    Ok(output)
}

/// `population`: the children in care on a date.
pub fn run_population(args: &PopulationArgs) -> Result<Output> {
    let at = args
        .at
        .as_deref()
        .map(|t| parse_date("--at", t))
        .transpose()?;
    let mut notes = Output::default();
    let out = target(&args.out, args.force);
    let dir = open_out(out.as_ref(), POPULATION, &mut notes)?;
    if let Some(dir) = &dir {
        dir.refuse_inputs(&[&args.input.ssda903])?;
    }
    let ret = population::Return::load(&args.input.ssda903)?;
    let stock = population::population(&ret, at, &args.council)?;
    let mut set = OutputSet::new(POPULATION);
    set.add("population.csv", stock.csv()?)?;
    set.add("population.json", stock.json()?)?;
    let stdout = match args.format {
        Format::Table => stock.table(),
        Format::Csv => String::from_utf8_lossy(&set.files()[0].1).into_owned(),
        Format::Json => String::from_utf8_lossy(&set.files()[1].1).into_owned(),
    };
    finish(dir, &set, Output::formatted(stdout, args.format), notes)
}

/// `forecast`: the population week by week from a date, with 90% intervals.
pub fn run_forecast(args: &ForecastArgs) -> Result<Output> {
    let from = parse_date("--from", &args.from)?;
    let settings = args.run.settings()?;
    let mut notes = Output::default();
    let out = target(&args.out, args.force);
    let dir = open_out(out.as_ref(), FORECAST, &mut notes)?;
    if let Some(dir) = &dir {
        dir.refuse_inputs(&[&args.input.ssda903])?;
    }
    let ret = population::Return::load(&args.input.ssda903)?;
    let run = backtest::run_forecast(&ret, from, settings)?;
    let mut set = OutputSet::new(FORECAST);
    set.add("forecast.csv", backtest::forecast_csv(&run.bands)?)?;
    set.add("rates.csv", backtest::rates_csv(&run.rates)?)?;
    let mut text = String::new();
    for b in run
        .bands
        .iter()
        .filter(|b| b.category == "all" && b.age_band == "all")
        .filter(|b| b.week % 13 == 0 || b.week == settings.weeks)
    {
        text.push_str(&format!(
            "week {:>3} ({}): {:.0} children in care (90% interval {:.0} to {:.0})\n",
            b.week, b.date, b.mean, b.p5, b.p95
        ));
    }
    finish(dir, &set, Output::text(text), notes)
}

/// `backtest`: a forecast from N weeks before a date beside the actual stock on it.
pub fn run_backtest(args: &BacktestArgs) -> Result<Output> {
    let at = parse_date("--at", &args.at)?;
    let settings = args.run.settings()?;
    let mut notes = Output::default();
    let out = target(&args.out, args.force);
    let dir = open_out(out.as_ref(), BACKTEST, &mut notes)?;
    if let Some(dir) = &dir {
        dir.refuse_inputs(&[&args.input.ssda903])?;
    }
    let ret = population::Return::load(&args.input.ssda903)?;
    let result = backtest::backtest(&ret, at, &args.council, settings)?;
    let mut set = OutputSet::new(BACKTEST);
    set.add("backtest.csv", result.csv()?)?;
    finish(dir, &set, Output::text(result.table()), notes)
}
