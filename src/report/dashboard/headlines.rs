//! The plain-language headlines: the baseline in one sentence, then each other scenario's
//! paired differences from it (beds needed included); apart because it is the page's words, not
//! its charts.

use super::words::{Unit, change_words, whole};
use crate::scenario::{Interval, ScenarioResult, interval, paired};

/// The headline measures compared in pairs: key, words, unit.
const HEADLINE_DIFFS: [(&str, &str, Unit); 4] = [
    (
        "placed_within_28_days_pct",
        "children placed within 28 days",
        Unit::Points,
    ),
    ("waiting_mean", "children waiting (average)", Unit::Count),
    (
        "unmet_need_weeks",
        "weeks children waited past the date they needed a home",
        Unit::Count,
    ),
    ("annual_cost_gbp", "annual cost", Unit::Pounds),
];

pub(super) fn headlines(results: &[ScenarioResult]) -> Vec<String> {
    let Some(base) = results.first() else {
        return Vec::new();
    };
    let m = |r: &ScenarioResult, k: &str| r.metric(k);
    let span = if base.horizon_weeks == 52 {
        "over the year".to_string()
    } else {
        format!("over {} weeks", base.horizon_weeks)
    };
    let mut out = Vec::new();
    if let (Some(p), Some(w), Some(u)) = (
        m(base, "placed_within_28_days_pct"),
        m(base, "waiting_mean"),
        m(base, "unmet_need_weeks"),
    ) {
        out.push(format!(
            "{}: {span}, {:.0}% of children referred are placed within 28 days; on average {:.0} children are waiting for a home, and children wait {} weeks in all past the date they needed one.",
            base.name, p.mean, w.mean, whole(u.mean)
        ));
    }
    for r in &results[1..] {
        let changes: Vec<String> = HEADLINE_DIFFS
            .iter()
            .filter_map(|&(key, words, unit)| {
                paired(base, r, key).map(|d| format!("{words} {}", change_words(&d, unit)))
            })
            .chain(paired_beds(base, r).map(|d| {
                format!(
                    "beds needed at the worst week (all areas) {}",
                    change_words(&d, Unit::Count)
                )
            }))
            .collect();
        if changes.is_empty() {
            continue;
        }
        out.push(format!(
            "{}, compared with {} replication by replication {span}: {}.",
            r.name,
            base.name,
            changes.join("; ")
        ));
    }
    out
}

/// A replication's beds needed over every district (groups left out: they repeat their
/// districts), each cell at its own worst week.
fn total_beds(x: &crate::scenario::Replication) -> f64 {
    x.beds_needed
        .iter()
        .filter(|(k, _)| crate::scenario::groups::members(&k.0).is_none())
        .map(|(_, n)| n)
        .sum()
}

/// The paired difference of [`total_beds`] from the baseline, replication by replication.
pub(super) fn paired_beds(base: &ScenarioResult, other: &ScenarioResult) -> Option<Interval> {
    interval(
        base.replications
            .iter()
            .zip(&other.replications)
            .map(|(b, o)| total_beds(o) - total_beds(b)),
    )
}
