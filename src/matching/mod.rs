//! The daily match: which homes each child can go to (with reasons for the rest), the
//! assignment built from that, and the answer read back as child -> home.

use crate::criteria::{self, ReasonColumn};
use crate::model::{Child, Dataset, Policy, Unit};
use crate::solver::{self, AssignmentModel, Column, Optimality, SolveOptions};
use rayon::prelude::*;

mod connected;
mod fostering;

pub use connected::TierBonus;

/// One child's choice: the homes that can take them and how many were ruled out, by reason.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChildEligibility {
    /// (home index, the child's own score there), in home order. For a `together` group:
    /// the homes that can take the whole group; otherwise the homes that can take the child.
    pub eligible: Vec<(usize, f64)>,
    /// Homes ruled out, counted once each under the first rule they fail, by column.
    pub rejected: [u32; ReasonColumn::ALL.len()],
}

impl ChildEligibility {
    /// How many homes were ruled out for this child under one `unplaced.csv` column.
    pub fn rejected_by(&self, column: ReasonColumn) -> u32 {
        self.rejected[column as usize]
    }

    /// The child's score at a home, if eligible.
    pub fn score_at(&self, home: usize) -> Option<f64> {
        self.eligible
            .binary_search_by_key(&home, |e| e.0)
            .ok()
            .map(|i| self.eligible[i].1)
    }
}

/// Everything the assignment is built from.
#[derive(Debug, Clone)]
pub struct MatchProblem {
    /// Per child (dataset order): its eligible homes with scores, and its rejection counts.
    pub eligibility: Vec<ChildEligibility>,
    /// The columns, capacities and budget handed to the solver.
    pub model: AssignmentModel,
    /// (child, home) kept as agreed (`decided_home`): not in the model, their beds taken off
    /// its capacities, added back to the answer.
    pub decided: Vec<(usize, usize)>,
    /// Per child: needed later than `match_within_days`, so given no bed today (no columns
    /// in the model; options are provisional).
    pub deferred: Vec<bool>,
    /// Columns left out by the connected-person tier (a child placed with their connected
    /// carer), put back when an option asks for one of them.
    pub set_aside: Vec<Column>,
    /// The connected-person tier's bonus at carers with fewer beds than children they could
    /// take, in the model's scores: taken off every score reported.
    pub tier_bonus: TierBonus,
}

/// Per unit: each member's eligibility, and the unit's columns.
type UnitEvaluation = (Vec<(usize, ChildEligibility)>, Vec<Column>);

/// Evaluate every unit against every home (in parallel; the order of the result is fixed)
/// and build the assignment model.
pub fn build(dataset: &Dataset, policy: &Policy) -> MatchProblem {
    build_with(dataset, policy, false)
}

/// [`build`] for today's match (`righthome match`, `options`, `report`): children needed
/// later than `match_within_days` get no bed today (their options are provisional). The
/// weekly simulation and the solver tests use [`build`], where every referral is due.
pub fn build_today(dataset: &Dataset, policy: &Policy) -> MatchProblem {
    build_with(dataset, policy, true)
}

fn build_with(dataset: &Dataset, policy: &Policy, today: bool) -> MatchProblem {
    let units = dataset.units();
    let per_unit: Vec<UnitEvaluation> = units
        .par_iter()
        .map(|unit| evaluate_unit(dataset, policy, unit))
        .collect();

    let mut eligibility = vec![ChildEligibility::default(); dataset.children.len()];
    let mut columns = Vec::new();
    for (children, unit_columns) in per_unit {
        for (child, e) in children {
            eligibility[child] = e;
        }
        columns.extend(unit_columns);
    }
    let mut capacity: Vec<u32> = dataset.homes.iter().map(|h| h.capacity()).collect();
    // Homes already agreed: kept whatever the optimum would say (their beds are used), and
    // re-checked by the approvals (`decided_breaks_rule`). A home with no bed left for it
    // cannot keep it: the child is matched as any other.
    let agreed = dataset.agreed_homes();
    let decided: Vec<(usize, usize)> = agreed
        .iter()
        .enumerate()
        .filter_map(|(c, h)| h.map(|h| (c, h)))
        .collect();
    for &(_, h) in &decided {
        capacity[h] -= 1;
    }
    fostering::fostering_limit(dataset, &decided, &mut capacity, &mut columns);
    // A child placed today never joins a decided child they must not live with.
    if !decided.is_empty() {
        columns.retain(|col| {
            !decided.iter().any(|&(d, h)| {
                h == col.home
                    && col.children.iter().any(|&c| {
                        criteria::household::clash(
                            &dataset.children[c],
                            &dataset.children[d],
                            policy,
                        )
                        .is_some()
                    })
            })
        });
    }
    let deferred: Vec<bool> = dataset
        .children
        .iter()
        .map(|c| today && c.urgency_days > policy.limits.match_within_days)
        .collect();
    columns.retain(|col| {
        col.children
            .iter()
            .all(|&c| agreed[c].is_none() && !deferred[c])
            && capacity[col.home] >= col.beds
            && col.beds >= 1
    });
    let (connected_only, tier_bonus) = connected::connected_tier(
        dataset,
        &mut columns,
        &capacity,
        policy.limits.weekly_budget_gbp.is_some(),
    );
    // The connected-person tier: a child's columns away from their connected carer are set
    // aside (an option there re-solves with them put back).
    let (columns, set_aside): (Vec<Column>, Vec<Column>) = columns.into_iter().partition(|col| {
        dataset.homes[col.home].household.connected_child.is_some()
            || col.children.iter().all(|&c| !connected_only[c])
    });
    let model = AssignmentModel {
        n_children: dataset.children.len(),
        capacity,
        columns: columns.into(),
        // Homes already agreed spend the budget first: the match has what they leave.
        budget: policy
            .limits
            .weekly_budget_gbp
            .map(|b| (b - agreed_weekly_cost(dataset, &decided)).max(0.0)),
        required: Vec::new(),
        conflicts: Vec::new(),
        clashes: companions(dataset, policy),
    };
    MatchProblem {
        eligibility,
        model,
        decided,
        deferred,
        set_aside,
        tier_bonus,
    }
}

/// The weekly cost of the homes kept as agreed (`decided`: (child, home)), GBP: what they take
/// off the weekly budget before the match spends it.
pub fn agreed_weekly_cost(dataset: &Dataset, decided: &[(usize, usize)]) -> f64 {
    decided
        .iter()
        .map(|&(_, h)| dataset.homes[h].weekly_cost)
        .sum()
}

/// The clashing columns of children who must not share a home, when any child can clash.
fn companions(dataset: &Dataset, policy: &Policy) -> Option<std::sync::Arc<dyn solver::Clashes>> {
    let restrictive: Vec<bool> = dataset
        .children
        .iter()
        .map(|c| criteria::household::can_clash(c, policy))
        .collect();
    if !restrictive.iter().any(|&r| r) {
        return None;
    }
    Some(std::sync::Arc::new(criteria::household::Companions {
        children: dataset.children.clone(),
        restrictive,
        policy: policy.clone(),
    }))
}

fn evaluate_unit(
    dataset: &Dataset,
    policy: &Policy,
    unit: &Unit,
) -> (Vec<(usize, ChildEligibility)>, Vec<Column>) {
    let members: Vec<&Child> = unit.members.iter().map(|&i| &dataset.children[i]).collect();
    let weight: f64 = members
        .iter()
        .map(|c| policy.urgency.weight(c.urgency_days))
        .sum();
    let mut columns = Vec::new();
    let together_only = members.len() > 1 && !unit.apart_allowed;
    let mut group_elig = ChildEligibility::default();
    // Each member's own score at each home that can take the whole unit.
    let mut member_scores: Vec<Vec<f64>> = Vec::new();
    for (h, home) in dataset.homes.iter().enumerate() {
        // A child alone (most units) skips the per-member list: a county has millions of pairs.
        let scored = match members.as_slice() {
            [child] => criteria::evaluate_single(child, home, policy).map(|s| (s.total(), None)),
            _ => criteria::evaluate(&members, home, policy)
                .map(|scores| (scores.iter().map(|s| s.total()).sum(), Some(scores))),
        };
        match scored {
            Ok((score, scores)) => {
                columns.push(Column {
                    home: h,
                    children: unit.members.iter().copied().collect(),
                    weight,
                    score,
                    cost: home.weekly_cost * members.len() as f64,
                    beds: members.len() as u32,
                });
                group_elig.eligible.push((h, 0.0));
                if let (true, Some(scores)) = (together_only, scores) {
                    member_scores.push(scores.iter().map(|s| s.total()).collect());
                }
            }
            Err(reason) => group_elig.rejected[reason.column() as usize] += 1,
        }
    }
    if together_only {
        // Every member shares the group's homes; each keeps their own score there.
        let out = unit
            .members
            .iter()
            .enumerate()
            .map(|(m, &i)| {
                let mut e = group_elig.clone();
                for (k, (_, score)) in e.eligible.iter_mut().enumerate() {
                    *score = member_scores[k][m];
                }
                (i, e)
            })
            .collect();
        return (out, columns);
    }
    // A single child, or an apart_assessed group whose members may also go one by one.
    let mut out = Vec::with_capacity(members.len());
    for &i in &unit.members {
        let child = &dataset.children[i];
        let mut e = ChildEligibility::default();
        for (h, home) in dataset.homes.iter().enumerate() {
            match criteria::evaluate_single(child, home, policy) {
                Ok(score) => {
                    e.eligible.push((h, score.total()));
                    if unit.apart_allowed {
                        columns.push(Column {
                            home: h,
                            children: smallvec::smallvec![i],
                            weight: policy.urgency.weight(child.urgency_days),
                            score: score.total() - policy.weights.split_penalty,
                            cost: home.weekly_cost,
                            beds: 1,
                        });
                    }
                }
                Err(reason) => e.rejected[reason.column() as usize] += 1,
            }
        }
        out.push((i, e));
    }
    (out, columns)
}

/// The answer: which home each child goes to.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchResult {
    /// Per child (dataset order): the home index, or None if not placed today.
    pub placements: Vec<Option<usize>>,
    /// Phase 1's objective: the children placed, each counted at its urgency weight.
    pub weighted_placed: f64,
    /// Phase 2's objective: the placed children's scores summed, less split penalties.
    pub total_score: f64,
    /// Whether the match is proven the best, or the time limit cut the solve short.
    pub optimality: Optimality,
    /// See [`solver::Assignment::gap`].
    pub gap: f64,
    /// Wall-clock seconds the solver took, both phases (measured, so it varies run to run).
    pub solve_seconds: f64,
    /// Where re-solves of this problem (the options' "what if this home instead") start.
    pub warm_start: solver::WarmStart,
}

impl MatchResult {
    /// How many children the match places today.
    pub fn placed_count(&self) -> usize {
        self.placements.iter().filter(|p| p.is_some()).count()
    }
}

/// Solve a built problem.
pub fn solve(
    problem: &MatchProblem,
    options: &SolveOptions,
) -> Result<MatchResult, solver::SolverError> {
    let assignment = solver::solve(&problem.model, options)?;
    // The connected tier's bonus is in the model's scores, not in the match's.
    let bonus = problem
        .tier_bonus
        .of(&problem.model.columns, &assignment.chosen);
    let mut placements = vec![None; problem.model.n_children];
    for &(c, h) in &problem.decided {
        placements[c] = Some(h);
    }
    for &j in &assignment.chosen {
        let column = &problem.model.columns[j];
        for &c in &column.children {
            placements[c] = Some(column.home);
        }
    }
    Ok(MatchResult {
        warm_start: assignment.warm_start,
        placements,
        weighted_placed: assignment.weighted_placed,
        total_score: assignment.total_score - bonus,
        optimality: assignment.optimality,
        gap: problem
            .tier_bonus
            .gap_without(assignment.gap, assignment.total_score, bonus),
        solve_seconds: assignment.seconds,
    })
}

/// Build and solve in one step.
pub fn run(
    dataset: &Dataset,
    policy: &Policy,
    options: &SolveOptions,
) -> Result<(MatchProblem, MatchResult), crate::Error> {
    let problem = build(dataset, policy);
    let result = solve(&problem, options).map_err(|e| crate::Error::Solver(e.to_string()))?;
    Ok((problem, result))
}

/// [`build_today`] and solve: today's match.
pub fn run_today(
    dataset: &Dataset,
    policy: &Policy,
    options: &SolveOptions,
) -> Result<(MatchProblem, MatchResult), crate::Error> {
    let problem = build_today(dataset, policy);
    let result = solve(&problem, options).map_err(|e| crate::Error::Solver(e.to_string()))?;
    Ok((problem, result))
}
