//! At least three choices: for every child, the recommended home (the whole-match optimum)
//! and the best alternatives, each with its system cost (what the whole match loses if it is
//! chosen instead, found by re-solving with that pair fixed) and the children it would
//! displace. Where fewer than three homes can take the child, the reason counts say why.

mod explain;
mod near_miss;
mod reasons;
mod summary;

pub use explain::{Audience, explain, kind_words};
pub use near_miss::{NearMiss, near_misses};
pub use reasons::{
    Drawback, breakdown, drawbacks, option_reasons, same_area, top_components, why_not_best_words,
};
pub use summary::{ChoiceSummary, SingleChange, choice_summary};

use crate::matching::{MatchProblem, MatchResult};
use crate::model::{Dataset, Policy, SiblingPlan};
use crate::solver::{self, SolveOptions, SolverError};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// One home offered to a child.
#[derive(Debug, Clone, PartialEq)]
pub struct ChildOption {
    /// 1 = the recommended home (or the best-scoring one for a child not placed today).
    pub rank: usize,
    /// The home's index in the dataset's homes.
    pub home: usize,
    /// The child's own score at this home.
    pub score: f64,
    /// Score points the whole match loses if this option is chosen (0 for the recommended
    /// home), plus `placement_points` for each (urgency-weighted) child left waiting.
    pub system_cost: f64,
    /// This is the home the whole-match optimum gives the child.
    pub recommended: bool,
    /// Other children who would lose their recommended home (indices, in id order): as few
    /// as any match with the same system cost allows (the re-solve keeps the others in place).
    pub displaced: Vec<usize>,
    /// Of `displaced`, those the re-solve leaves with no home today (indices, in id order).
    pub left_waiting: Vec<usize>,
    /// For the recommended home, when the child scores higher at another home that could take
    /// them: why the whole match does not give them that home (from its re-solve).
    pub why_not_best: Option<WhyNotBest>,
    /// The approvals this placement would need (with the others where the match puts them).
    pub approvals: Vec<crate::approvals::Flag>,
}

/// Why the recommended home is not the child's own best-scoring home: what choosing the best
/// one would do to the rest of the match, from the re-solve with that pair fixed.
#[derive(Debug, Clone, PartialEq)]
pub struct WhyNotBest {
    /// The home the child scores highest at (index in the dataset's homes).
    pub home: usize,
    /// The child's own score there (above the recommended home's).
    pub score: f64,
    /// False when no match can give the child that home (the weekly budget rules it out).
    pub possible: bool,
    /// Children who would lose their recommended home (indices, in id order), waiting or not:
    /// the placements the recommended home protects.
    pub protects: Vec<usize>,
    /// Of `protects`, those who would be left with no home today.
    pub left_waiting: Vec<usize>,
    /// Score points the whole match would lose (the alternative's system cost).
    pub system_cost: f64,
}

/// A child's ranked options.
#[derive(Debug, Clone, PartialEq)]
pub struct ChildOptions {
    /// The child's index in the dataset's children.
    pub child: usize,
    /// The homes offered, in rank order: the first three, then more (up to `max_options`)
    /// only while they score close to the third.
    pub options: Vec<ChildOption>,
    /// Homes that could take the child (or their sibling group together) today: the real
    /// choice, of which `options` shows the best.
    pub eligible_homes: usize,
    /// Homes that fail exactly one rule for the child (or their group together), grouped by
    /// the single change that would open them, most homes first.
    pub near_misses: Vec<NearMiss>,
}

/// What choosing one (child, home) pair instead of the optimum costs the whole match.
#[derive(Debug, Clone, PartialEq)]
struct Alternative {
    system_cost: f64,
    displaced: Vec<usize>,
    left_waiting: Vec<usize>,
}

/// A child, its alternatives to re-solve (home, score; best first), and its own best home
/// when that beats the recommended one.
type Candidates = (usize, Vec<(usize, f64)>, Option<usize>);

/// Build options for every child (or only `only` and their siblings), showing up to
/// `max_options` per child (at least 1: `--max-options 1` shows the recommended home only).
/// Beyond three, later options are shown only while they score close to the third.
pub fn build_options(
    dataset: &Dataset,
    policy: &Policy,
    problem: &MatchProblem,
    result: &MatchResult,
    max_options: usize,
    only: Option<usize>,
    solve: &SolveOptions,
) -> Result<Vec<ChildOptions>, SolverError> {
    let max_options = max_options.max(1);
    let children: Vec<usize> = match only {
        Some(c) => siblings_of(dataset, c),
        None => (0..dataset.children.len()).collect(),
    };
    // Candidate alternatives per child: eligible homes other than the recommended one, best
    // score first (ties by home order, i.e. id).
    let candidates: Vec<Candidates> = children
        .iter()
        .map(|&c| {
            let mut homes: Vec<(usize, f64)> = problem.eligibility[c]
                .eligible
                .iter()
                .copied()
                .filter(|&(h, _)| Some(h) != result.placements[c])
                .collect();
            homes.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            // The child's own best home, when it beats the recommended one: re-solved even
            // when not shown, to say why the match does not give it.
            let best = match (result.placements[c], homes.first()) {
                (Some(h), Some(&(b, score)))
                    if score > problem.eligibility[c].score_at(h).unwrap_or(0.0) + 1e-9 =>
                {
                    Some(b)
                }
                _ => None,
            };
            let room = max_options - usize::from(result.placements[c].is_some());
            homes.truncate(room);
            (c, homes, best)
        })
        .collect();

    // One re-solve per (unit, home): siblings placed together share theirs.
    let mut jobs: Vec<(usize, usize)> = candidates
        .iter()
        .flat_map(|(c, homes, best)| {
            let key = unit_key(dataset, *c);
            homes
                .iter()
                .map(move |&(h, _)| (key, h))
                .chain(best.map(|b| (key, b)))
        })
        .collect();
    jobs.sort_unstable();
    jobs.dedup();
    let baseline = (result.weighted_placed, result.total_score);
    let solved: Vec<((usize, usize), Option<Alternative>)> = jobs
        .par_iter()
        .map(|&(c, h)| {
            alternative(dataset, policy, problem, result, baseline, c, h, solve)
                .map(|a| ((c, h), a))
        })
        .collect::<Result<_, _>>()?;
    let solved: BTreeMap<(usize, usize), Option<Alternative>> = solved.into_iter().collect();

    let others = |c: usize, list: &[usize]| -> Vec<usize> {
        list.iter()
            .copied()
            .filter(|&d| !same_unit(dataset, c, d))
            .collect()
    };
    Ok(candidates
        .into_iter()
        .map(|(c, homes, best)| {
            let mut options = Vec::new();
            if let Some(h) = result.placements[c] {
                let score = problem.eligibility[c].score_at(h).unwrap_or(0.0);
                let why_not_best = best.map(|b| {
                    let alt = solved
                        .get(&(unit_key(dataset, c), b))
                        .and_then(Option::as_ref);
                    WhyNotBest {
                        home: b,
                        score: problem.eligibility[c].score_at(b).unwrap_or(0.0),
                        possible: alt.is_some(),
                        protects: alt.map_or_else(Vec::new, |a| others(c, &a.displaced)),
                        left_waiting: alt.map_or_else(Vec::new, |a| others(c, &a.left_waiting)),
                        system_cost: alt.map_or(0.0, |a| a.system_cost),
                    }
                });
                options.push(ChildOption {
                    rank: 1,
                    home: h,
                    score,
                    system_cost: 0.0,
                    recommended: true,
                    displaced: Vec::new(),
                    left_waiting: Vec::new(),
                    why_not_best,
                    approvals: crate::approvals::flags(dataset, policy, &result.placements, c, h),
                });
            }
            let mut alternatives: Vec<ChildOption> = homes
                .iter()
                .filter_map(|&(h, score)| {
                    let alt = solved.get(&(unit_key(dataset, c), h))?.as_ref()?;
                    let mut moved = result.placements.clone();
                    for m in dataset.placed_with(c) {
                        moved[m] = Some(h);
                    }
                    Some(ChildOption {
                        rank: 0,
                        home: h,
                        score,
                        system_cost: alt.system_cost,
                        recommended: false,
                        displaced: others(c, &alt.displaced),
                        left_waiting: others(c, &alt.left_waiting),
                        why_not_best: None,
                        approvals: crate::approvals::flags(dataset, policy, &moved, c, h),
                    })
                })
                .collect();
            alternatives.sort_by(|a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then(a.system_cost.total_cmp(&b.system_cost))
                    .then(a.home.cmp(&b.home))
            });
            options.extend(alternatives);
            keep_close(&mut options, policy.options.close_within);
            for (i, o) in options.iter_mut().enumerate() {
                o.rank = i + 1;
            }
            ChildOptions {
                child: c,
                options,
                eligible_homes: problem.eligibility[c].eligible.len(),
                near_misses: near_misses(dataset, policy, problem, c),
            }
        })
        .collect())
}

/// Keep the first three options, and later ones only while they score within `close_within`
/// of the third.
fn keep_close(options: &mut Vec<ChildOption>, close_within: f64) {
    if options.len() > 3 {
        let floor = options[2].score - close_within * options[2].score.abs();
        let keep = 3 + options[3..]
            .iter()
            .take_while(|o| o.score >= floor - 1e-9)
            .count();
        options.truncate(keep);
    }
}

/// The child whose index stands for the unit: the first member of a together group.
pub(crate) fn unit_key(dataset: &Dataset, c: usize) -> usize {
    let child = &dataset.children[c];
    match (&child.sibling_group, child.sibling_plan) {
        (Some(g), SiblingPlan::Together) => dataset
            .children
            .iter()
            .position(|o| o.sibling_group.as_ref() == Some(g))
            .unwrap_or(c),
        _ => c,
    }
}

fn same_unit(dataset: &Dataset, a: usize, b: usize) -> bool {
    unit_key(dataset, a) == unit_key(dataset, b)
}

/// The child and their brothers and sisters (shown together).
pub(crate) fn siblings_of(dataset: &Dataset, c: usize) -> Vec<usize> {
    match &dataset.children[c].sibling_group {
        Some(g) => (0..dataset.children.len())
            .filter(|&o| dataset.children[o].sibling_group.as_ref() == Some(g))
            .collect(),
        None => vec![c],
    }
}

/// Re-solve with child `c` fixed at home `h`, from the recommended match's proof and keeping
/// as many other children as an equally good answer allows where the match put them. None
/// when no match allows it (the budget).
#[allow(clippy::too_many_arguments)]
fn alternative(
    dataset: &Dataset,
    policy: &Policy,
    problem: &MatchProblem,
    result: &MatchResult,
    baseline: (f64, f64),
    c: usize,
    h: usize,
    solve: &SolveOptions,
) -> Result<Option<Alternative>, SolverError> {
    // Needed later than match_within_days (no bed today: the option is provisional and not
    // costed against today's match), or a home already agreed: not re-solved.
    if problem.deferred.get(c).copied().unwrap_or(false) || problem.decided.iter().any(|d| d.0 == c)
    {
        return Ok(Some(Alternative {
            system_cost: 0.0,
            displaced: Vec::new(),
            left_waiting: Vec::new(),
        }));
    }
    let mut model = problem.model.clone();
    let back: Vec<_> = problem
        .set_aside
        .iter()
        .filter(|col| col.home == h && col.children.contains(&c))
        .cloned()
        .collect();
    if !back.is_empty() {
        let mut columns = (*model.columns).clone();
        columns.extend(back);
        model.columns = std::sync::Arc::new(columns);
    }
    model.required = vec![(c, h)];
    let assignment = match solver::solve_near(&model, solve, &result.warm_start, &result.placements)
    {
        Ok(a) => a,
        Err(SolverError::Infeasible) => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut placements = vec![None; dataset.children.len()];
    for &(d, home) in &problem.decided {
        placements[d] = Some(home);
    }
    for &j in &assignment.chosen {
        let column = &model.columns[j];
        for &child in &column.children {
            placements[child] = Some(column.home);
        }
    }
    let lost_placements = baseline.0 - assignment.weighted_placed;
    let score = assignment.total_score - problem.tier_bonus.of(&model.columns, &assignment.chosen);
    let raw = (baseline.1 - score) + policy.options.placement_points * lost_placements;
    // Solver tolerances leave noise of about 1e-7 around zero: an option as good as the
    // recommended one costs nothing.
    let system_cost = if raw.abs() < 1e-6 { 0.0 } else { raw };
    let displaced: Vec<usize> = (0..dataset.children.len())
        .filter(|&d| result.placements[d].is_some() && placements[d] != result.placements[d])
        .collect();
    let left_waiting = displaced
        .iter()
        .copied()
        .filter(|&d| placements[d].is_none())
        .collect();
    Ok(Some(Alternative {
        system_cost,
        displaced,
        left_waiting,
    }))
}
