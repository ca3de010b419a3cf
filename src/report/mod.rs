//! What a match means for people and other systems: per-child rows, the summary measures,
//! the terminal table and the output files.

mod budget;
mod dashboard;
pub mod escape;
mod files;
mod html;
mod map_labels;
mod match_report;
mod options;
mod options_json;
mod outline;
mod sheet_words;
mod table;

pub use budget::{BudgetSummary, rejected_by_budget};
pub use dashboard::scenario_dashboard;
pub use files::{match_files, matches_csv, pairs_csv, summary_json, unplaced_csv};
pub use html::{child_sheets, manager_page};
pub use match_report::match_report;
pub use options::{choice_summary_json, options_csv, options_table, siblings_living_with};
pub use options_json::options_json;
pub use table::{match_table, not_placed_words, pounds};

use crate::matching::{MatchProblem, MatchResult};
use crate::model::measures::{Placement, Ratio, headline};
use crate::model::{Dataset, Policy};
use crate::solver::Optimality;
use serde::Serialize;

/// One child's outcome, with the measures the outputs show.
#[derive(Debug, Clone, PartialEq)]
pub struct ChildOutcome {
    /// The child's index in the dataset's children (sorted by id).
    pub child: usize,
    /// The index of the home it goes to, or None if not placed today.
    pub home: Option<usize>,
    /// km from the child's family home to the new home.
    pub distance_km: Option<f64>,
    /// km from the new home to the child's current school (None if unplaced or not in school).
    pub school_km: Option<f64>,
    /// The child's own score at the new home.
    pub score: Option<f64>,
    /// The approvals the placement needs (empty when not placed or none).
    pub approvals: Vec<crate::approvals::Flag>,
}

/// The headline measures of a match (`summary.json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Children in the referral (placed and not).
    pub children: usize,
    /// Children the match places today.
    pub placed: usize,
    /// Children left waiting: `children - placed`.
    pub unplaced: usize,
    /// Of children placed, the share within 20 miles (32.19 km) of their family home, %.
    pub pct_within_20_miles: Option<f64>,
    /// Of children placed who have brothers or sisters in the referral, the share whose whole
    /// sibling group lives in one home, %.
    pub pct_siblings_together: Option<f64>,
    /// Of children placed who are in school, the share whose school is within the policy's
    /// school travel limit of the new home, %.
    pub pct_school_within_limit: Option<f64>,
    /// Sum of the weekly costs of today's placements, GBP.
    pub total_weekly_cost: f64,
    /// Wall-clock seconds in the solver (the one measured, not computed, field).
    pub solve_time_seconds: f64,
    /// `optimal`, or `time_limit` when the best match found was not proven optimal.
    pub status: &'static str,
    /// The weekly budget and whether it leaves children waiting (only when policy.toml sets
    /// `limits.weekly_budget_gbp`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<BudgetSummary>,
    /// Placements needing each approval, by flag code (every flag listed, 0 when none).
    pub approvals: std::collections::BTreeMap<&'static str, usize>,
}

/// A solved match with everything derived from it.
pub struct MatchOutcome<'a> {
    /// The children and homes matched.
    pub dataset: &'a Dataset,
    /// The policy the match was made under.
    pub policy: &'a Policy,
    /// The eligibility and model the match was solved from.
    pub problem: &'a MatchProblem,
    /// The solver's match.
    pub result: &'a MatchResult,
    /// Per child, in dataset order: where it goes and the distances and score there.
    pub children: Vec<ChildOutcome>,
    /// The headline measures written to `summary.json`.
    pub summary: Summary,
    /// Per child (dataset order): homes with room that only the weekly budget keeps from
    /// them (see [`rejected_by_budget`]).
    pub rejected_by_budget: Vec<u32>,
}

/// A percentage to two decimal places (None with nothing to divide by).
fn pct(ratio: Ratio) -> Option<f64> {
    ratio.percent().map(round2)
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

impl<'a> MatchOutcome<'a> {
    /// Work out every child's outcome and the headline measures from a solved match.
    pub fn new(
        dataset: &'a Dataset,
        policy: &'a Policy,
        problem: &'a MatchProblem,
        result: &'a MatchResult,
    ) -> Self {
        let children: Vec<ChildOutcome> = dataset
            .children
            .iter()
            .enumerate()
            .map(|(c, child)| {
                let home = result.placements[c];
                let location = home.map(|h| &dataset.homes[h].location);
                ChildOutcome {
                    child: c,
                    home,
                    distance_km: location.map(|l| child.home.distance_km(l)),
                    school_km: location
                        .zip(child.school.as_ref())
                        .map(|(l, s)| s.location.distance_km(l)),
                    score: home.and_then(|h| problem.eligibility[c].score_at(h)),
                    approvals: home.map_or_else(Vec::new, |h| {
                        crate::approvals::flags(dataset, policy, &result.placements, c, h)
                    }),
                }
            })
            .collect();
        let placed: Vec<&ChildOutcome> = children.iter().filter(|o| o.home.is_some()).collect();
        let mut approvals: std::collections::BTreeMap<&'static str, usize> =
            crate::approvals::Flag::ALL
                .iter()
                .map(|f| (f.code(), 0))
                .collect();
        for flag in children.iter().flat_map(|o| &o.approvals) {
            *approvals.entry(flag.code()).or_default() += 1;
        }
        let placements: Vec<Placement> = dataset
            .children
            .iter()
            .zip(&result.placements)
            .map(|(child, &home)| Placement {
                child,
                placed: home.is_some(),
                home: home.map(|h| (h, &dataset.homes[h].location)),
            })
            .collect();
        let measures = headline(&placements, policy.limits.school_travel_limit_km);
        let by_budget = rejected_by_budget(dataset, problem, result);
        let budget = policy.limits.weekly_budget_gbp.map(|b| {
            let waiting = by_budget.iter().filter(|&&n| n > 0).count();
            BudgetSummary {
                weekly_budget_gbp: b,
                spent_gbp: round2(budget::spent(dataset, result)),
                binds: waiting > 0,
                children_left_waiting: waiting,
            }
        });
        let summary = Summary {
            children: children.len(),
            placed: placed.len(),
            unplaced: children.len() - placed.len(),
            pct_within_20_miles: pct(measures.within_20_miles),
            pct_siblings_together: pct(measures.siblings_together),
            pct_school_within_limit: pct(measures.kept_school),
            // An empty sum is -0.0 in Rust: nobody placed costs 0, not "-0.0".
            total_weekly_cost: escape::no_negative_zero(round2(
                placed
                    .iter()
                    .filter_map(|o| o.home)
                    .map(|h| dataset.homes[h].weekly_cost)
                    .sum(),
            )),
            solve_time_seconds: result.solve_seconds,
            status: match result.optimality {
                Optimality::Optimal => "optimal",
                Optimality::TimeLimit => "time_limit",
            },
            budget,
            approvals,
        };
        MatchOutcome {
            dataset,
            policy,
            problem,
            result,
            children,
            summary,
            rejected_by_budget: by_budget,
        }
    }
}
