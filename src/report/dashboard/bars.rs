//! The key measures as bar charts with 90% whiskers, each bar labelled with its value, range
//! and paired difference from the baseline; apart because it is the one chart of many measures.

use super::STYLES;
use super::words::{Unit, short_change, value_text};
use crate::error::Result;
use crate::report::html::template_err;
use crate::scenario::{Interval, ScenarioResult, paired};
use minijinja::{Environment, context, value::Serde};
use serde::Serialize;

/// The measures drawn as bar charts: key, title, whether a percentage.
pub(super) const CHARTS: [(&str, &str, bool); 10] = [
    (
        "placed_within_28_days_pct",
        "Children placed within 28 days of referral (%)",
        true,
    ),
    (
        "waiting_mean",
        "Children waiting for a home (average over the weeks)",
        false,
    ),
    (
        "unmet_need_weeks",
        "Weeks children waited past the date they needed a home",
        false,
    ),
    (
        "emergency_placements",
        "Children sent to emergency placements after waiting too long",
        false,
    ),
    (
        "within_20_miles_pct",
        "Placements within 20 miles of home (%)",
        true,
    ),
    (
        "siblings_together_pct",
        "Brothers and sisters living together (%)",
        true,
    ),
    (
        "kept_school_pct",
        "Children able to keep their school (%)",
        true,
    ),
    (
        "three_plus_choices_pct",
        "Children with 3 or more homes to choose from (%)",
        true,
    ),
    ("family_share_pct", "Placements in family homes (%)", true),
    ("weekly_cost_gbp", "Weekly cost of placements (GBP)", false),
];

#[derive(Serialize)]
struct Bar {
    y: f64,
    name: String,
    colour: &'static str,
    bar: f64,
    lo: f64,
    hi: f64,
    text: String,
}

pub(super) fn bars_svg(
    env: &Environment,
    id: &str,
    title: &str,
    key: &str,
    percent: bool,
    results: &[ScenarioResult],
) -> Result<String> {
    let (width, label_width, row) = (1000.0, 230.0, 26.0);
    // Room on the right for the value, its range and the paired difference.
    let plot = width - label_width - 440.0;
    let values: Vec<Option<Interval>> = results.iter().map(|r| r.metric(key)).collect();
    let top = if percent {
        100.0
    } else {
        values
            .iter()
            .flatten()
            .map(|i| i.p95)
            .fold(0.0, f64::max)
            .max(1e-9)
    };
    let x = |v: f64| ((label_width + v / top * plot) * 10.0).round() / 10.0;
    let rows: Vec<Bar> = results
        .iter()
        .zip(&values)
        .enumerate()
        .map(|(i, (r, v))| {
            let (mean, p5, p95) = v.map_or((0.0, 0.0, 0.0), |v| (v.mean, v.p5, v.p95));
            let text = v.map_or("no data".into(), |v| {
                format!(
                    "{} ({} to {})",
                    value_text(v.mean, percent),
                    value_text(v.p5, percent),
                    value_text(v.p95, percent)
                )
            });
            let text = match (i, results.first()) {
                (1.., Some(base)) => match paired(base, r, key) {
                    Some(d) => format!(
                        "{text}; paired difference {}",
                        short_change(&d, if percent { Unit::Points } else { Unit::Count })
                    ),
                    None => text,
                },
                _ => text,
            };
            Bar {
                y: i as f64 * row,
                name: r.name.clone(),
                colour: STYLES[i % STYLES.len()].0,
                bar: x(mean) - label_width,
                lo: x(p5),
                hi: x(p95),
                text,
            }
        })
        .collect();
    let description = rows
        .iter()
        .map(|b| format!("{}: {}", b.name, b.text))
        .collect::<Vec<_>>()
        .join("; ");
    env.get_template("interval_bars.svg")
        .and_then(|t| t.render(context! { id, title, description, width, height => rows.len() as f64 * row + 6.0, label_width, rows => Serde(&rows) }))
        .map_err(template_err)
}
