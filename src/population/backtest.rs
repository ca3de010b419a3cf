//! Forecast files (forecast.csv, rates.csv) and the backtest: a forecast from N weeks before a
//! date, using only what was known then, beside the actual stock on the date.

use super::codes::{self, Category};
use super::date::Date;
use super::forecast::{self, Band, Forecast};
use super::rates::{Rates, TIME_IN_CARE};
use super::{Return, stock};
use crate::error::{Error, Result};
use std::fmt::Write as _;

/// The settings of a forecast or backtest run.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Weeks forecast (1-520).
    pub weeks: u32,
    /// Replications, each with its own draws (1-10,000).
    pub replications: u32,
    /// Seed of every replication's random stream.
    pub seed: u64,
    /// Weeks of history before the start date the rates are estimated from.
    pub window_weeks: u32,
}

impl Settings {
    /// Check the bounds that keep a run's work and memory bounded.
    pub fn check(&self) -> Result<()> {
        if !(1..=forecast::MAX_WEEKS).contains(&self.weeks) {
            return Err(Error::Usage(format!(
                "--weeks must be 1 to {}, not {}",
                forecast::MAX_WEEKS,
                self.weeks
            )));
        }
        if !(1..=forecast::MAX_REPLICATIONS).contains(&self.replications) {
            return Err(Error::Usage(format!(
                "--replications must be 1 to {}, not {}",
                forecast::MAX_REPLICATIONS,
                self.replications
            )));
        }
        if !(4..=520).contains(&self.window_weeks) {
            return Err(Error::Usage(format!(
                "--window-weeks must be 4 to 520, not {}",
                self.window_weeks
            )));
        }
        Ok(())
    }
}

/// A forecast with the rates it used.
pub struct ForecastRun {
    /// The rates estimated, with their counts.
    pub rates: Rates,
    /// Every replication's counts.
    pub forecast: Forecast,
    /// forecast.csv's rows: each week, category and band with mean and 90% interval.
    pub bands: Vec<Band>,
}

/// Forecast from `from`, using only what the return knew on that day.
pub fn run_forecast(ret: &Return, from: Date, settings: Settings) -> Result<ForecastRun> {
    settings.check()?;
    let known = ret.known_on(from);
    let rates = super::rates::estimate(
        &known.episodes,
        &known.children,
        from,
        settings.window_weeks,
    );
    let forecast = forecast::forecast(
        &known.episodes,
        &known.children,
        &rates,
        from,
        settings.weeks,
        settings.replications,
        settings.seed,
    );
    let bands = forecast.bands();
    Ok(ForecastRun {
        rates,
        forecast,
        bands,
    })
}

fn csv_error(e: csv::Error) -> Error {
    Error::Usage(format!("formatting a forecast file: {e}"))
}

fn finish(w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>> {
    w.into_inner()
        .map_err(|e| Error::Usage(format!("formatting a forecast file: {e}")))
}

/// forecast.csv: `week, date, category, age_band, mean, p5, p95`.
pub fn forecast_csv(bands: &[Band]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["week", "date", "category", "age_band", "mean", "p5", "p95"])
        .map_err(csv_error)?;
    for b in bands {
        w.write_record([
            b.week.to_string(),
            b.date.to_string(),
            b.category.to_string(),
            b.age_band.to_string(),
            format!("{:.2}", b.mean),
            format!("{:.2}", b.p5),
            format!("{:.2}", b.p95),
        ])
        .map_err(csv_error)?;
    }
    finish(w)
}

/// rates.csv: every rate with the counts and exposure it was estimated from.
pub fn rates_csv(r: &Rates) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "rate",
        "age_band",
        "category",
        "to_category",
        "time_in_care",
        "events",
        "exposure_weeks",
        "per_week",
        "trend_per_year",
    ])
    .map_err(csv_error)?;
    let num = |x: f64| format!("{x:.0}");
    let rate = |x: f64| format!("{x:.6}");
    for (b, band) in codes::AGE_BANDS.iter().enumerate() {
        let e = r.entries[b];
        w.write_record([
            "entries",
            band,
            "",
            "",
            "",
            &num(e.events),
            &num(e.exposure_weeks),
            &rate(e.rate()),
            &format!("{:.4}", r.entry_trend[b].powi(52)),
        ])
        .map_err(csv_error)?;
        for c in Category::ALL {
            for (t, (_, tic)) in TIME_IN_CARE.iter().enumerate() {
                let raw = r.exits[b][c as usize][t];
                let used = r.exit_rate(b, c, t);
                w.write_record([
                    "exits",
                    band,
                    c.code(),
                    "",
                    tic,
                    &num(raw.events),
                    &num(raw.exposure_weeks),
                    &rate(used.rate()),
                    "",
                ])
                .map_err(csv_error)?;
            }
            for to in Category::ALL {
                if to == c {
                    continue;
                }
                let m = r.moves[b][c as usize][to as usize];
                w.write_record([
                    "moves",
                    band,
                    c.code(),
                    to.code(),
                    "",
                    &num(m.events),
                    &num(m.exposure_weeks),
                    &rate(m.rate()),
                    "",
                ])
                .map_err(csv_error)?;
            }
        }
    }
    w.write_record([
        "eighteenth_birthdays",
        "16-17",
        "",
        "",
        "",
        &num(r.eighteenth_birthdays),
        &num(f64::from(r.window_weeks)),
        &rate(r.eighteenth_birthdays / f64::from(r.window_weeks)),
        "",
    ])
    .map_err(csv_error)?;
    finish(w)
}

/// One row of backtest.csv.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// A category code, or `all`.
    pub category: &'static str,
    /// An age band, or `all`.
    pub age_band: &'static str,
    /// Children in care on the date, read from the whole return.
    pub actual: usize,
    /// The forecast's mean over replications.
    pub mean: f64,
    /// 5th percentile of the replications.
    pub p5: f64,
    /// 95th percentile of the replications.
    pub p95: f64,
}

/// A backtest's rows and its two figures.
pub struct Backtest {
    /// The forecast's start (`at` minus the weeks).
    pub from: Date,
    /// The date compared on.
    pub at: Date,
    /// One row per category x age band, with `all` totals.
    pub rows: Vec<Comparison>,
    /// Mean absolute percentage error over the category totals (categories with children).
    pub mape_categories: f64,
    /// Share of category x age band cells whose actual lies within p5..p95.
    pub coverage: f64,
}

/// Forecast from `at` minus `settings.weeks` weeks and compare with the actual stock on `at`.
pub fn backtest(ret: &Return, at: Date, council: &str, settings: Settings) -> Result<Backtest> {
    settings.check()?;
    let from = at.plus_days(-7 * settings.weeks as i32);
    let run = run_forecast(ret, from, settings)?;
    let (actual, _) = stock::stock_on(&ret.episodes, &ret.children, at, council);
    let mut rows = Vec::new();
    for b in run.bands.iter().filter(|b| b.week == settings.weeks) {
        let n = actual
            .iter()
            .filter(|c| b.category == "all" || c.category.code() == b.category)
            .filter(|c| b.age_band == "all" || c.age_band == b.age_band)
            .count();
        rows.push(Comparison {
            category: b.category,
            age_band: b.age_band,
            actual: n,
            mean: b.mean,
            p5: b.p5,
            p95: b.p95,
        });
    }
    let totals: Vec<&Comparison> = rows
        .iter()
        .filter(|r| r.category != "all" && r.age_band == "all" && r.actual > 0)
        .collect();
    let mape_categories = totals
        .iter()
        .map(|r| (r.mean - r.actual as f64).abs() / r.actual as f64)
        .sum::<f64>()
        / totals.len().max(1) as f64;
    let cells: Vec<&Comparison> = rows
        .iter()
        .filter(|r| r.category != "all" && r.age_band != "all")
        .collect();
    let covered = cells
        .iter()
        .filter(|r| r.p5 <= r.actual as f64 && r.actual as f64 <= r.p95)
        .count();
    let coverage = covered as f64 / cells.len().max(1) as f64;
    Ok(Backtest {
        from,
        at,
        rows,
        mape_categories,
        coverage,
    })
}

impl Backtest {
    /// backtest.csv: `category, age_band, actual, mean, p5, p95, error` (error = mean - actual).
    pub fn csv(&self) -> Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record([
            "category", "age_band", "actual", "mean", "p5", "p95", "error",
        ])
        .map_err(csv_error)?;
        for r in &self.rows {
            w.write_record([
                r.category.to_string(),
                r.age_band.to_string(),
                r.actual.to_string(),
                format!("{:.2}", r.mean),
                format!("{:.2}", r.p5),
                format!("{:.2}", r.p95),
                format!("{:.2}", r.mean - r.actual as f64),
            ])
            .map_err(csv_error)?;
        }
        finish(w)
    }

    /// The table for a person.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "Backtest: forecast from {} (using only what was known then) against the children in care on {}.",
            self.from, self.at
        );
        let _ = writeln!(
            s,
            "Mean absolute percentage error over the category totals: {:.1}%. Cells (category x age band) with the actual inside the 90% interval: {:.0}%.",
            100.0 * self.mape_categories,
            100.0 * self.coverage
        );
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "{:<12}{:>7}{:>8}{:>9}{:>9}{:>9}",
            "category", "band", "actual", "mean", "p5", "p95"
        );
        for r in &self.rows {
            let _ = writeln!(
                s,
                "{:<12}{:>7}{:>8}{:>9.1}{:>9.1}{:>9.1}",
                r.category, r.age_band, r.actual, r.mean, r.p5, r.p95
            );
        }
        s
    }
}
