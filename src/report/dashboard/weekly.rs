//! The weekly waiting list as one line per scenario with its 90% band; apart because it is the
//! one chart drawn over time rather than over the whole horizon.

use super::STYLES;
use crate::error::Result;
use crate::report::html::template_err;
use crate::scenario::{Interval, ScenarioResult, interval};
use minijinja::{Environment, context};

pub(super) fn weekly_svg(env: &Environment, results: &[ScenarioResult]) -> Result<String> {
    let (width, height, left, top) = (720.0, 300.0, 50.0, 10.0);
    let (right, bottom) = (width - 210.0, height - 40.0);
    let weeks = results
        .iter()
        .map(|r| r.horizon_weeks)
        .max()
        .unwrap_or(1)
        .max(2) as usize;
    let stats: Vec<Vec<Interval>> = results
        .iter()
        .map(|r| {
            (0..r.horizon_weeks as usize)
                .filter_map(|w| interval(r.replications.iter().map(|x| x.weekly_waiting[w])))
                .collect()
        })
        .collect();
    let top_value = stats.iter().flatten().map(|i| i.p95).fold(1.0, f64::max);
    let px =
        |w: usize| ((left + w as f64 / (weeks - 1) as f64 * (right - left)) * 10.0).round() / 10.0;
    let py = |v: f64| ((bottom - v / top_value * (bottom - top)) * 10.0).round() / 10.0;
    let series: Vec<_> = results
        .iter()
        .zip(&stats)
        .enumerate()
        .map(|(i, (r, s))| {
            let line: Vec<String> = s.iter().enumerate().map(|(w, v)| format!("{},{}", px(w), py(v.mean))).collect();
            let mut band: Vec<String> = s.iter().enumerate().map(|(w, v)| format!("{},{}", px(w), py(v.p95))).collect();
            band.extend(s.iter().enumerate().rev().map(|(w, v)| format!("{},{}", px(w), py(v.p5))));
            let (colour, dash) = STYLES[i % STYLES.len()];
            context! { name => r.name.clone(), colour, dash, line => line.join(" "), band => band.join(" "), legend_y => top + 10.0 + 20.0 * i as f64 }
        })
        .collect();
    let step = (top_value / 4.0).ceil().max(1.0);
    let y_ticks: Vec<_> = (0..=4)
        .map(|k| k as f64 * step)
        .filter(|&v| v <= top_value)
        .map(|v| context! { y => py(v), label => format!("{v:.0}") })
        .collect();
    let x_ticks: Vec<_> = (0..weeks)
        .step_by((weeks / 6).max(1))
        .map(|w| context! { x => px(w), label => w + 1 })
        .collect();
    let description = results
        .iter()
        .zip(&stats)
        .map(|(r, s)| {
            let peak = s.iter().map(|i| i.mean).fold(0.0, f64::max);
            let last = s.last().map_or(0.0, |i| i.mean);
            format!("{}: on average {last:.0} children waiting in the last week, at most {peak:.0} in any week", r.name)
        })
        .collect::<Vec<_>>()
        .join("; ");
    env.get_template("weekly_lines.svg")
        .and_then(|t| t.render(context! { width, height, left, right, top, bottom, series, y_ticks, x_ticks, description }))
        .map_err(template_err)
}
