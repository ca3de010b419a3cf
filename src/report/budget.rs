//! The weekly budget, named when it binds: a child left waiting although a home that could
//! take them still has room is waiting because of the budget, and the outputs say so
//! (`rejected_by_budget` in unplaced.csv, the summary, the table and the report).

use crate::matching::{MatchProblem, MatchResult, agreed_weekly_cost};
use crate::model::Dataset;
use serde::Serialize;
use std::collections::BTreeSet;

/// The budget's part in a match (summary.json's `budget`, only when policy.toml sets one).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetSummary {
    /// `limits.weekly_budget_gbp`, GBP a week.
    pub weekly_budget_gbp: f64,
    /// The weekly cost of today's placements, GBP a week.
    pub spent_gbp: f64,
    /// True when the budget leaves at least one child waiting who a home with room could take.
    pub binds: bool,
    /// Children left waiting because of the budget (`rejected_by_budget` above 0).
    pub children_left_waiting: usize,
}

/// Per child (dataset order): the homes that could take them (or their group together) and
/// still have room after today's match, but that the budget rules out: placing them there
/// would take the weekly cost over the budget. 0 for a placed child, and everywhere when no
/// budget is set. (At the match's optimum, such a placement would otherwise place one child
/// more, so the budget is the only thing in the way.)
pub fn rejected_by_budget(
    dataset: &Dataset,
    problem: &MatchProblem,
    result: &MatchResult,
) -> Vec<u32> {
    let mut out = vec![0u32; dataset.children.len()];
    let Some(budget) = problem.model.budget else {
        return out;
    };
    // The model's budget and capacities are what the homes already agreed leave: compare
    // them with what the match itself spent and used.
    let spent = spent(dataset, result) - agreed_weekly_cost(dataset, &problem.decided);
    let mut used = vec![0u32; dataset.homes.len()];
    for (c, h) in result.placements.iter().enumerate() {
        // `decided` is by child, ascending.
        let kept = problem.decided.binary_search_by_key(&c, |d| d.0).is_ok();
        if let Some(h) = h.filter(|_| !kept) {
            used[h] += 1;
        }
    }
    let mut counted: BTreeSet<(usize, usize)> = BTreeSet::new();
    for column in problem.model.columns.iter() {
        let waiting = column
            .children
            .iter()
            .all(|&c| result.placements[c].is_none());
        let room = used[column.home] + column.beds <= problem.model.capacity[column.home];
        // The same tolerance the solver's budget row allows.
        if waiting && room && spent + column.cost > budget + 1e-6 {
            for &c in &column.children {
                if counted.insert((c, column.home)) {
                    out[c] += 1;
                }
            }
        }
    }
    out
}

/// The weekly cost of today's placements, GBP.
pub fn spent(dataset: &Dataset, result: &MatchResult) -> f64 {
    result
        .placements
        .iter()
        .flatten()
        .map(|&h| dataset.homes[h].weekly_cost)
        .sum()
}
