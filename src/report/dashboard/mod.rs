//! The sufficiency dashboard: plain-language headlines, the key measures as bars with 90%
//! whiskers, the weekly waiting list as lines with bands, and the sufficiency gap as an
//! area x kind-of-home heat table, for one or more scenarios (the first is the baseline).
//!
//! This file holds the page and the colours its charts share; each part of the page has its
//! own file (headlines, bars, weekly lines, gap tables) and the words for numbers another.

mod bars;
mod gaps;
mod headlines;
mod weekly;
mod words;

use super::html::{environment, rendered_svg, template_err};
use crate::error::Result;
use crate::scenario::ScenarioResult;
use bars::{CHARTS, bars_svg};
use gaps::gap_tables;
use headlines::headlines;
use minijinja::context;
use weekly::weekly_svg;

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
    use crate::scenario::{is_real, paired};
    use headlines::paired_beds;
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
