//! Replications run in parallel and summarised: mean and 90% interval (5th to 95th
//! percentile) of every measure, the weekly waiting list, the sufficiency gap; side by side
//! for `compare`, and over a range of one value for `sweep`.

use super::measure::GapKey;
use super::{LoadedScenario, Replication, run_replication};
use crate::error::{Error, Result};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// Every headline measure: key and plain label.
pub const METRICS: &[(&str, &str)] = &[
    ("referrals", "children referred"),
    ("children_in_care_start", "children in care at the start"),
    ("entries", "children entering care"),
    ("exits", "children leaving care"),
    ("children_in_care_end", "children in care at the end"),
    ("entries_0_4", "entries aged 0-4"),
    ("entries_5_9", "entries aged 5-9"),
    ("entries_10_12", "entries aged 10-12"),
    ("entries_13_15", "entries aged 13-15"),
    ("entries_16_17", "entries aged 16-17"),
    ("placed_within_7_days_pct", "% placed within 7 days"),
    ("placed_within_28_days_pct", "% placed within 28 days"),
    ("waiting_mean", "children waiting (mean)"),
    ("waiting_peak", "children waiting (peak)"),
    ("unmet_need_weeks", "weeks waited past urgency"),
    ("emergency_placements", "emergency placements"),
    ("within_20_miles_pct", "% within 20 miles"),
    ("siblings_together_pct", "% siblings together"),
    ("kept_school_pct", "% keeping their school"),
    ("three_plus_choices_pct", "% with 3+ choices"),
    ("family_share_pct", "% in family homes"),
    ("residential_share_pct", "% in children's homes"),
    (
        "residential_placements_mean",
        "children in children's homes",
    ),
    ("weekly_cost_gbp", "weekly cost (GBP)"),
    ("annual_cost_gbp", "annual cost (GBP)"),
];

/// The entries-by-age measures: key and the age band (at referral) they count.
pub const ENTRY_BANDS: [(&str, &str); 5] = [
    ("entries_0_4", "0-4"),
    ("entries_5_9", "5-9"),
    ("entries_10_12", "10-12"),
    ("entries_13_15", "13-15"),
    ("entries_16_17", "16-17"),
];

/// All replications of one scenario.
pub struct ScenarioResult {
    /// The scenario's name, as shown in tables.
    pub name: String,
    /// Weeks each replication simulated.
    pub horizon_weeks: u32,
    /// Each replication's measures, in replication order.
    pub replications: Vec<Replication>,
}

/// Mean and 90% interval of the finite values (None when there are none).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    /// The mean over replications, in the measure's own unit.
    pub mean: f64,
    /// The 5th percentile (nearest rank), in the measure's own unit.
    pub p5: f64,
    /// The 95th percentile (nearest rank), in the measure's own unit.
    pub p95: f64,
}

/// The mean and 90% interval of `values`, ignoring NaN and infinities; None if none is finite.
pub fn interval(values: impl IntoIterator<Item = f64>) -> Option<Interval> {
    let mut v: Vec<f64> = values.into_iter().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    // Nearest-rank percentiles.
    let rank = |p: f64| v[((p * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1];
    // No negative zero reaches summary.json (`+ 0.0` turns -0.0 into 0.0, nothing else).
    Some(Interval {
        mean: v.iter().sum::<f64>() / v.len() as f64 + 0.0,
        p5: rank(0.05) + 0.0,
        p95: rank(0.95) + 0.0,
    })
}

impl ScenarioResult {
    /// The interval of one measure (a key of [`METRICS`]) over the replications; a
    /// replication without it (or with no value, NaN) is left out.
    pub fn metric(&self, key: &str) -> Option<Interval> {
        interval(
            self.replications
                .iter()
                .map(|r| r.metrics.get(key).copied().unwrap_or(f64::NAN)),
        )
    }
}

/// Run every replication (in parallel; the result is the same for any thread count).
pub fn run_scenario(
    s: &LoadedScenario,
    progress: &indicatif::ProgressBar,
) -> Result<ScenarioResult> {
    let replications = (0..s.scenario.run.replications)
        .into_par_iter()
        .map(|r| {
            let out = run_replication(s, r);
            progress.inc(1);
            out
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(ScenarioResult {
        name: s.name.clone(),
        horizon_weeks: s.scenario.run.horizon_weeks,
        replications,
    })
}

fn num(x: f64) -> String {
    crate::report::escape::fixed(x, 2)
}

/// A CSV file whose text cells (scenario names, districts) cannot run as formulas.
fn csv_bytes(rows: Vec<Vec<String>>) -> Result<Vec<u8>> {
    let mut w = crate::report::escape::CsvOut::new();
    for row in rows {
        w.row(&row)?;
    }
    w.finish()
}

/// summary.csv, summary.json, gap.csv and weekly.csv for one or more scenarios.
pub fn scenario_files(results: &[ScenarioResult]) -> Result<Vec<(String, Vec<u8>)>> {
    let mut summary = vec![
        ["scenario", "metric", "mean", "p5", "p95"]
            .map(String::from)
            .to_vec(),
    ];
    let mut json = Vec::new();
    let mut gap = vec![
        [
            "scenario",
            "district",
            "placement_need",
            "age_band",
            "unmet_mean",
            "unmet_p5",
            "unmet_p95",
            "beds_needed_mean",
            "beds_needed_p5",
            "beds_needed_p95",
            "area_kind",
        ]
        .map(String::from)
        .to_vec(),
    ];
    let mut weekly = vec![
        [
            "scenario",
            "week",
            "waiting_mean",
            "waiting_p5",
            "waiting_p95",
            "placed_mean",
        ]
        .map(String::from)
        .to_vec(),
    ];
    let gap_keys = gap_rows(results);
    for (n, r) in results.iter().enumerate() {
        let mut metrics = BTreeMap::new();
        for (key, _) in METRICS {
            let i = r.metric(key);
            summary.push(vec![
                r.name.clone(),
                key.to_string(),
                i.map_or(String::new(), |i| num(i.mean)),
                i.map_or(String::new(), |i| num(i.p5)),
                i.map_or(String::new(), |i| num(i.p95)),
            ]);
            metrics.insert(*key, i);
        }
        let mut entry = serde_json::json!({ "scenario": r.name, "replications": r.replications.len(), "horizon_weeks": r.horizon_weeks, "metrics": metrics });
        if let Some(base) = results.first().filter(|_| n > 0) {
            // Paired differences from the baseline (same seed per replication).
            let mut diffs = BTreeMap::new();
            for (key, _) in METRICS {
                let d = super::paired::paired(base, r, key);
                summary.push(vec![
                    r.name.clone(),
                    format!("diff:{key}"),
                    d.map_or(String::new(), |d| num(d.mean)),
                    d.map_or(String::new(), |d| num(d.p5)),
                    d.map_or(String::new(), |d| num(d.p95)),
                ]);
                diffs.insert(*key, d.map(|d| serde_json::json!({ "mean": d.mean, "p5": d.p5, "p95": d.p95, "real": super::paired::is_real(&d) })));
            }
            entry["paired_differences"] = serde_json::json!(diffs);
        }
        json.push(entry);
        // Every scenario has the same gap rows (those any scenario has), zeros included, so
        // that the tables line up.
        for (is_group, key) in &gap_keys {
            let unmet = interval(r.replications.iter().map(|x| unmet_in(x, key)));
            let beds = interval(
                r.replications
                    .iter()
                    .map(|x| x.beds_needed.get(key).copied().unwrap_or(0.0)),
            );
            if let (Some(i), Some(b)) = (unmet, beds) {
                gap.push(vec![
                    r.name.clone(),
                    key.0.clone(),
                    key.1.clone(),
                    key.2.clone(),
                    num(i.mean),
                    num(i.p5),
                    num(i.p95),
                    num(b.mean),
                    num(b.p5),
                    num(b.p95),
                    if *is_group { "group" } else { "district" }.into(),
                ]);
            }
        }
        for week in 0..r.horizon_weeks as usize {
            let waiting = interval(r.replications.iter().map(|x| x.weekly_waiting[week]));
            let placed = interval(r.replications.iter().map(|x| x.weekly_placed[week]));
            if let (Some(w), Some(p)) = (waiting, placed) {
                weekly.push(vec![
                    r.name.clone(),
                    (week + 1).to_string(),
                    num(w.mean),
                    num(w.p5),
                    num(w.p95),
                    num(p.mean),
                ]);
            }
        }
    }
    let mut json = serde_json::to_vec_pretty(&json).map_err(|e| Error::Usage(e.to_string()))?;
    json.push(b'\n');
    Ok(vec![
        ("summary.csv".into(), csv_bytes(summary)?),
        ("summary.json".into(), json),
        ("gap.csv".into(), csv_bytes(gap)?),
        ("weekly.csv".into(), csv_bytes(weekly)?),
    ])
}

/// The gap table's rows, the same for every scenario of a run: every (area, kind of home
/// needed, age band) any replication of any scenario has, and the same for every district
/// group holding such an area; districts first, then groups (`true`), each in name order.
pub fn gap_rows(results: &[ScenarioResult]) -> BTreeSet<(bool, GapKey)> {
    let mut rows = BTreeSet::new();
    for x in results.iter().flat_map(|r| &r.replications) {
        for (area, need, band) in x.gap.keys().chain(x.beds_needed.keys()) {
            let is_group = super::groups::members(area).is_some();
            rows.insert((is_group, (area.clone(), need.clone(), band.clone())));
            for g in super::groups::groups_of(area) {
                rows.insert((true, (g.to_string(), need.clone(), band.clone())));
            }
        }
    }
    rows
}

/// Children who waited past their urgency in one replication's cell; a group's is the sum
/// over its districts (each child lives in one district).
pub fn unmet_in(x: &Replication, key: &GapKey) -> f64 {
    match super::groups::members(&key.0) {
        Some(members) => members
            .iter()
            .map(|m| {
                x.gap
                    .get(&(m.to_string(), key.1.clone(), key.2.clone()))
                    .copied()
                    .unwrap_or(0.0)
            })
            .sum(),
        None => x.gap.get(key).copied().unwrap_or(0.0),
    }
}

fn show(i: Option<Interval>) -> String {
    i.map_or("n/a".into(), |i| {
        format!("{:.1} [{:.1}-{:.1}]", i.mean, i.p5, i.p95)
    })
}

/// One scenario's measures for a person.
pub fn summary_table(r: &ScenarioResult) -> String {
    let mut out = format!(
        "{}: {} replications of {} weeks; mean [90% interval]\n",
        r.name,
        r.replications.len(),
        r.horizon_weeks
    );
    for (key, label) in METRICS {
        let _ = writeln!(out, "  {label:<28} {}", show(r.metric(key)));
    }
    out
}

/// Values of a `--vary path=start..end:step` sweep, e.g. `supply.add[0].count=0..60:10`.
pub fn sweep_values(spec: &str) -> Result<(String, Vec<f64>)> {
    let bad = || {
        Error::Usage(format!(
            "--vary '{spec}': expected KEY=START..END:STEP, such as supply.add[0].count=0..60:10"
        ))
    };
    let (key, range) = spec.split_once('=').ok_or_else(bad)?;
    let (span, step) = range.split_once(':').ok_or_else(bad)?;
    let (start, end) = span.split_once("..").ok_or_else(bad)?;
    let parse = |t: &str| t.trim().parse::<f64>().map_err(|_| bad());
    let (start, end, step) = (parse(start)?, parse(end)?, parse(step)?);
    if !(step > 0.0 && end >= start && (end - start) / step <= 1000.0) {
        return Err(bad());
    }
    let n = ((end - start) / step + 1e-9).floor() as usize;
    Ok((
        key.trim().to_string(),
        (0..=n).map(|i| start + i as f64 * step).collect(),
    ))
}

/// The scenario text with `key` (dotted, with [i] for list items) set to `value`. A key the
/// file leaves at its default (`spot.family_gbp` in a file with no `[spot]`) is added, as a
/// whole number when `value` is whole unless `float`; whether the loader knows it is checked
/// when the text is loaded (unknown keys are refused there, naming the known ones).
pub fn with_value(text: &str, key: &str, value: f64) -> Result<String> {
    with_value_as(text, key, value, false)
}

/// [`with_value`], writing a key the file does not have as a float when `float`.
pub fn with_value_as(text: &str, key: &str, value: f64, float: bool) -> Result<String> {
    let mut doc: toml::Table =
        toml::from_str(text).map_err(|e| Error::Usage(format!("scenario: {}", e.message())))?;
    let missing = || Error::Usage(format!("--vary: the scenario has no key {key}"));
    let mut parts = key.split('.').peekable();
    let mut table = &mut doc;
    while let Some(part) = parts.next() {
        let (name, index) = match part.split_once('[') {
            Some((n, rest)) => (
                n,
                Some(
                    rest.trim_end_matches(']')
                        .parse::<usize>()
                        .map_err(|_| missing())?,
                ),
            ),
            None => (part, None),
        };
        let last = parts.peek().is_none();
        if index.is_none() && !table.contains_key(name) {
            let fresh = if !last {
                toml::Value::Table(toml::Table::new())
            } else if value.fract() == 0.0 && !float {
                toml::Value::Integer(value as i64)
            } else {
                toml::Value::Float(value)
            };
            table.insert(name.to_string(), fresh);
        }
        let slot = table.get_mut(name).ok_or_else(missing)?;
        let slot = match index {
            Some(i) => slot
                .as_array_mut()
                .and_then(|a| a.get_mut(i))
                .ok_or_else(missing)?,
            None => slot,
        };
        if last {
            *slot = if slot.is_integer() {
                toml::Value::Integer(value.round() as i64)
            } else {
                toml::Value::Float(value)
            };
            return toml::to_string(&doc).map_err(|e| Error::Usage(e.to_string()));
        }
        table = slot.as_table_mut().ok_or_else(missing)?;
    }
    Err(missing())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let i = interval((1..=100).map(f64::from)).expect("values");
        assert_eq!((i.p5, i.p95), (5.0, 95.0));
        assert!((i.mean - 50.5).abs() < 1e-12);
        assert_eq!(interval([f64::NAN]), None);
    }

    #[test]
    fn sweep_specs_and_setting_values() {
        let (key, values) = sweep_values("supply.add[0].count=0..60:10").expect("valid");
        assert_eq!(key, "supply.add[0].count");
        assert_eq!(values, vec![0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0]);
        assert!(sweep_values("count=5..1:1").is_err());
        let text = "base = \"x\"\n[[supply.add]]\nkind = \"foster_inhouse\"\ncount = 30\n";
        let changed = with_value(text, "supply.add[0].count", 10.0).expect("set");
        assert!(changed.contains("count = 10"), "{changed}");
        assert!(with_value(text, "supply.add[1].count", 1.0).is_err());
        // A key left at its default is added, its block too.
        let spot = with_value(text, "spot.family_gbp", 3000.0).expect("set");
        assert!(spot.contains("[spot]\nfamily_gbp = 3000"), "{spot}");
        let spot = with_value_as(text, "spot.family_gbp", 3000.0, true).expect("set");
        assert!(spot.contains("family_gbp = 3000.0"), "{spot}");
    }
}
