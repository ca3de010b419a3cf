//! The sufficiency dashboard: plain-language headlines, the key measures as bars with 90%
//! whiskers, the weekly waiting list as lines with bands, and the sufficiency gap as an
//! area x kind-of-home heat table, for one or more scenarios (the first is the baseline).

use super::html::{environment, rendered_svg, template_err};
use crate::error::Result;
use crate::scenario::{Interval, ScenarioResult, interval, is_real, paired};
use minijinja::{Environment, context, value::Serde};
use serde::Serialize;

/// Colour-blind-safe colours (Okabe-Ito), each with its own dash pattern so that lines are
/// told apart without colour too.
const STYLES: [(&str, &str); 6] = [
    ("#0072B2", "none"),
    ("#D55E00", "8 4"),
    ("#009E73", "2 3"),
    ("#CC79A7", "10 3 2 3"),
    ("#E69F00", "4 4"),
    ("#56B4E9", "1 2"),
];

/// The measures drawn as bar charts: key, title, whether a percentage.
const CHARTS: [(&str, &str, bool); 10] = [
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

const NEEDS: [(&str, &str); 4] = [
    ("family", "family"),
    ("residential", "children's home"),
    ("either", "family or children's home"),
    ("supported", "supported, 16+"),
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

fn value_text(x: f64, percent: bool) -> String {
    if percent {
        format!("{x:.1}%")
    } else {
        whole(x)
    }
}

/// A count with thousands separators: 2,693.
fn whole(x: f64) -> String {
    super::pounds(x).replace('£', "")
}

fn bars_svg(
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

fn weekly_svg(env: &Environment, results: &[ScenarioResult]) -> Result<String> {
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

/// The gap tables: per scenario, the beds needed (mean over replications of the sum over age
/// bands of each band's beds needed, see `scenarios/README.md`) by area and kind of home, the
/// same rows in every scenario (districts first, then district groups, from
/// [`crate::scenario::gap_rows`]), zeros included; the children who waited past their date
/// beside them in each area's total.
fn gap_tables(results: &[ScenarioResult]) -> Vec<minijinja::Value> {
    let rows = crate::scenario::gap_rows(results);
    let mut areas: Vec<(bool, &str)> = Vec::new();
    for (is_group, key) in &rows {
        if !areas.contains(&(*is_group, key.0.as_str())) {
            areas.push((*is_group, key.0.as_str()));
        }
    }
    results
        .iter()
        .map(|r| {
            let reps = r.replications.len().max(1) as f64;
            // Mean over replications of a sum over the area's cells of one kind (or all kinds).
            let mean_of = |area: &str, need: Option<&str>, f: &dyn Fn(&crate::scenario::Replication, &crate::scenario::GapKey) -> f64| -> f64 {
                let cells: Vec<&crate::scenario::GapKey> = rows
                    .iter()
                    .map(|(_, k)| k)
                    .filter(|k| k.0 == area && need.is_none_or(|n| k.1 == n))
                    .collect();
                r.replications.iter().map(|x| cells.iter().map(|k| f(x, k)).sum::<f64>()).sum::<f64>() / reps
            };
            let beds = |x: &crate::scenario::Replication, k: &crate::scenario::GapKey| x.beds_needed.get(k).copied().unwrap_or(0.0);
            let unmet = |x: &crate::scenario::Replication, k: &crate::scenario::GapKey| crate::scenario::unmet_in(x, k);
            let table: Vec<(&str, bool, Vec<f64>, f64, f64)> = areas
                .iter()
                .map(|&(is_group, area)| {
                    let cells: Vec<f64> = NEEDS.iter().map(|n| mean_of(area, Some(n.0), &beds)).collect();
                    (area, is_group, cells, mean_of(area, None, &beds), mean_of(area, None, &unmet))
                })
                .collect();
            let max = table.iter().flat_map(|t| t.2.iter().copied()).fold(0.0, f64::max).max(1e-9);
            let rows: Vec<_> = table
                .iter()
                .map(|(area, is_group, cells, total, waited)| {
                    let cells: Vec<_> = cells
                        .iter()
                        .map(|&v| context! { text => format!("{v:.1}"), shade => format!("{:.2}", 0.6 * v / max) })
                        .collect();
                    let area = if *is_group { format!("{area} (group)") } else { area.to_string() };
                    context! { area, cells, total => format!("{total:.1}"), waited => format!("{waited:.1}") }
                })
                .collect();
            context! { name => r.name.clone(), kinds => NEEDS.map(|n| n.1).to_vec(), rows }
        })
        .collect()
}

/// A signed change as a person reads it: `+1,234`, `-2.5 points`, `-£406,585`.
fn signed(x: f64, unit: Unit) -> String {
    let sign = if x < 0.0 { "-" } else { "+" };
    match unit {
        Unit::Points => format!("{sign}{:.1} percentage points", x.abs()),
        Unit::Count => format!("{sign}{}", whole(x.abs())),
        Unit::Pounds => format!("{sign}{}", super::pounds(x.abs())),
    }
}

/// How a paired difference is put into words.
#[derive(Clone, Copy)]
enum Unit {
    Points,
    Count,
    Pounds,
}

/// "+2.0 (in 90% of the paired replications between +1.0 and +3.0): a real difference" or
/// "... may be chance": the words follow the paired test ([`is_real`]), never the ranges.
fn change_words(d: &Interval, unit: Unit) -> String {
    format!(
        "{} (in 90% of the paired replications between {} and {}): {}",
        signed(d.mean, unit),
        signed(d.p5, unit),
        signed(d.p95, unit),
        if is_real(d) {
            "a real difference"
        } else {
            "may be chance"
        }
    )
}

/// "+2.0 (+1.0 to +3.0), real" or "..., may be chance": for a bar, with the same test.
fn short_change(d: &Interval, unit: Unit) -> String {
    let unit = match unit {
        Unit::Points => Unit::Count,
        other => other,
    };
    let num = |x: f64| match unit {
        Unit::Pounds => signed(x, unit),
        _ => format!("{x:+.1}"),
    };
    format!(
        "{} ({} to {}), {}",
        num(d.mean),
        num(d.p5),
        num(d.p95),
        if is_real(d) { "real" } else { "may be chance" }
    )
}

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

fn headlines(results: &[ScenarioResult]) -> Vec<String> {
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
fn paired_beds(base: &ScenarioResult, other: &ScenarioResult) -> Option<Interval> {
    interval(
        base.replications
            .iter()
            .zip(&other.replications)
            .map(|(b, o)| total_beds(o) - total_beds(b)),
    )
}

/// The dashboard as one self-contained HTML page.
pub fn scenario_dashboard(results: &[ScenarioResult]) -> Result<Vec<u8>> {
    let env = environment()?;
    let charts = CHARTS
        .iter()
        .enumerate()
        .map(|(i, (key, title, percent))| {
            bars_svg(&env, &format!("chart{i}"), title, key, *percent, results)
                .map(|svg| context! { title => *title, svg => rendered_svg(svg) })
        })
        .collect::<Result<Vec<_>>>()?;
    let weekly = weekly_svg(&env, results)?;
    let replications = results.first().map_or(0, |r| r.replications.len());
    let intro = format!(
        "{} scenario{}, each simulated week by week {} times with the same random referrals, so that differences come from the scenario. The first, {}, is the baseline.",
        results.len(),
        if results.len() == 1 { "" } else { "s" },
        replications,
        results.first().map_or("", |r| r.name.as_str())
    );
    env.get_template("scenario_dashboard.html")
        .and_then(|t| t.render(context! { intro, headlines => headlines(results), charts, weekly_svg => rendered_svg(weekly), gaps => gap_tables(results) }))
        .map(String::into_bytes)
        .map_err(template_err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Replication;
    use std::collections::BTreeMap;

    fn result(name: &str, waiting: &[f64], cost: &[f64]) -> ScenarioResult {
        ScenarioResult {
            name: name.into(),
            horizon_weeks: 52,
            replications: waiting
                .iter()
                .zip(cost)
                .map(|(&w, &c)| Replication {
                    metrics: BTreeMap::from([
                        ("placed_within_28_days_pct", 50.0),
                        ("waiting_mean", w),
                        ("unmet_need_weeks", 10.0),
                        ("annual_cost_gbp", c),
                    ]),
                    weekly_waiting: vec![w],
                    weekly_placed: vec![0.0],
                    gap: BTreeMap::new(),
                    beds_needed: BTreeMap::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn the_words_follow_the_paired_differences() {
        // Waiting falls by 1 to 3 in every pair although the two ranges overlap: real. The
        // cost moves both ways: may be chance.
        let base = result(
            "base",
            &[10.0, 20.0, 30.0, 40.0],
            &[100.0, 200.0, 300.0, 400.0],
        );
        let other = result(
            "more",
            &[9.0, 17.0, 29.0, 38.0],
            &[150.0, 150.0, 300.0, 420.0],
        );
        let lines = headlines(&[base, other]);
        let line = &lines[1];
        let d = |key| {
            paired(
                &result(
                    "b",
                    &[10.0, 20.0, 30.0, 40.0],
                    &[100.0, 200.0, 300.0, 400.0],
                ),
                &result("o", &[9.0, 17.0, 29.0, 38.0], &[150.0, 150.0, 300.0, 420.0]),
                key,
            )
            .expect("pairs")
        };
        let waiting = d("waiting_mean");
        assert!(is_real(&waiting));
        assert!(
            line.contains(&format!(
                "children waiting (average) {}: a real difference",
                "-2 (in 90% of the paired replications between -3 and -1)"
            )),
            "{line}"
        );
        assert!((waiting.mean + 1.75).abs() < 1e-12);
        let cost = d("annual_cost_gbp");
        assert!(!is_real(&cost));
        assert!(line.contains("annual cost +£5 (in 90% of the paired replications between -£50 and +£50): may be chance"), "{line}");
        // No change at all is not real.
        assert!(line.contains("children placed within 28 days +0.0 percentage points (in 90% of the paired replications between +0.0 percentage points and +0.0 percentage points): may be chance"), "{line}");
    }

    #[test]
    fn the_gap_table_shows_the_beds_needed_with_the_same_rows_everywhere() {
        let k = |a: &str| (a.to_string(), "family".to_string(), "5-9".to_string());
        let mut base = result("base", &[1.0, 1.0], &[1.0, 1.0]);
        for (rep, n) in base.replications.iter_mut().zip([2.0, 1.0]) {
            rep.beds_needed = BTreeMap::from([(k("Burnley"), n), (k("East Lancashire"), n)]);
            rep.gap = BTreeMap::from([(k("Burnley"), 3.0)]);
        }
        let mut other = result("other", &[1.0, 1.0], &[1.0, 1.0]);
        // One week of weekly series each.
        (base.horizon_weeks, other.horizon_weeks) = (1, 1);
        // Beds needed fall by 2 and 1 in the pairs: the interval excludes 0, real.
        let beds = paired_beds(&base, &other).expect("pairs");
        assert_eq!((beds.mean, beds.p5, beds.p95), (-1.5, -2.0, -1.0));
        let copy = |r: &ScenarioResult| ScenarioResult {
            name: r.name.clone(),
            horizon_weeks: 1,
            replications: r.replications.clone(),
        };
        let lines = headlines(&[copy(&base), copy(&other)]);
        assert!(lines[1].contains("beds needed at the worst week (all areas) -2 (in 90% of the paired replications between -2 and -1): a real difference"), "{}", lines[1]);
        let html =
            String::from_utf8(scenario_dashboard(&[base, other]).expect("page")).expect("utf-8");
        let row = |scenario: &str, area: &str| -> String {
            let part = &html[html.find(&format!("<h3>{scenario}</h3>")).expect("table")..];
            let start = part
                .find(&format!("<th scope=\"row\">{area}</th>"))
                .expect(area);
            part[start..start + part[start..].find("</tr>").expect("row end")].to_string()
        };
        // Mean of 2 and 1 family beds; 3 children waited in each replication.
        let burnley = row("base", "Burnley");
        assert!(
            burnley.contains(">1.5</td>") && burnley.ends_with(">3.0</td>"),
            "{burnley}"
        );
        let group = row("base", "East Lancashire (group)");
        assert!(
            group.contains(">1.5</td>") && group.ends_with(">3.0</td>"),
            "{group}"
        );
        // The other scenario has the same rows, zeros included.
        let zero = row("other", "Burnley");
        assert!(
            !zero.contains(">1.5</td>") && zero.ends_with(">0.0</td>"),
            "{zero}"
        );
        assert!(row("other", "East Lancashire (group)").ends_with(">0.0</td>"));
    }
}
