//! Paired comparisons: every scenario compared with one seed shares its random draws with the
//! baseline replication by replication (common random numbers), so the difference a scenario
//! makes is judged on the per-replication differences, not on two overlapping ranges.

use super::summary::{Interval, METRICS, ScenarioResult, interval};
use std::fmt::Write;

/// The paired differences `other - base` of one measure: replication `i` of `other` minus
/// replication `i` of `base` (same seed, same draws), their mean and 90% interval (5th to
/// 95th percentile, nearest rank), in the measure's own unit. Replications where either has no
/// value (NaN) are left out; None when no pair has both.
pub fn paired(base: &ScenarioResult, other: &ScenarioResult, key: &str) -> Option<Interval> {
    interval(
        base.replications
            .iter()
            .zip(&other.replications)
            .map(|(b, o)| {
                let get = |r: &super::Replication| r.metrics.get(key).copied().unwrap_or(f64::NAN);
                get(o) - get(b)
            }),
    )
}

/// A difference is called real when its 90% interval of paired differences excludes zero:
/// in at least 95% of the paired replications the scenario moved the measure the same way.
pub fn is_real(d: &Interval) -> bool {
    d.p5 > 0.0 || d.p95 < 0.0
}

fn show(i: Option<Interval>) -> String {
    i.map_or("n/a".into(), |i| {
        format!("{:.1} [{:.1}-{:.1}]", i.mean, i.p5, i.p95)
    })
}

/// The paired difference as a person reads it: `+1.2 [0.4 to 2.0]*`, `*` when real.
pub fn show_diff(d: Option<Interval>) -> String {
    d.map_or("n/a".into(), |d| {
        format!(
            "{:+.1} [{:+.1} to {:+.1}]{}",
            d.mean,
            d.p5,
            d.p95,
            if is_real(&d) { "*" } else { "" }
        )
    })
}

/// Scenarios side by side with the first (the baseline): each scenario's mean [90% interval]
/// and its mean paired difference from the baseline with the 90% interval of the paired
/// differences; `*` when that interval excludes zero (a real difference).
pub fn compare_table(results: &[ScenarioResult]) -> String {
    let mut out = String::new();
    let Some(base) = results.first() else {
        return out;
    };
    let _ = writeln!(
        out,
        "Compared with {} (mean [90% interval]; paired difference from it [90% interval]; * = real: the interval excludes 0)",
        base.name
    );
    for (key, label) in METRICS {
        let _ = write!(out, "  {label:<28} {:<26}", show(base.metric(key)));
        for r in &results[1..] {
            let _ = write!(
                out,
                "  {}: {} {}",
                r.name,
                show(r.metric(key)),
                show_diff(paired(base, r, key))
            );
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Replication;
    use std::collections::BTreeMap;

    fn result(name: &str, values: &[f64]) -> ScenarioResult {
        ScenarioResult {
            name: name.into(),
            horizon_weeks: 1,
            replications: values
                .iter()
                .map(|&v| Replication {
                    metrics: BTreeMap::from([("waiting_mean", v)]),
                    weekly_waiting: vec![v],
                    weekly_placed: vec![0.0],
                    gap: BTreeMap::new(),
                    beds_needed: BTreeMap::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn paired_differences_are_taken_replication_by_replication() {
        // Overall ranges overlap widely, yet every pair moves down by 1 or 2: real.
        let base = result("b", &[10.0, 20.0, 30.0, 40.0]);
        let other = result("o", &[9.0, 18.0, 29.0, 38.0]);
        let d = paired(&base, &other, "waiting_mean").expect("pairs");
        assert_eq!((d.mean, d.p5, d.p95), (-1.5, -2.0, -1.0));
        assert!(is_real(&d));
        let mixed = result("m", &[11.0, 19.0, 30.0, 40.0]);
        let d = paired(&base, &mixed, "waiting_mean").expect("pairs");
        assert!(!is_real(&d), "{d:?}");
        assert_eq!(paired(&base, &other, "no_such"), None);
        let table = compare_table(&[base, other]);
        assert!(table.contains("-1.5 [-2.0 to -1.0]*"), "{table}");
    }
}
