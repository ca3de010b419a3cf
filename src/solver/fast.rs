//! The fast, still exact, solver. For each phase:
//!
//! 1. Solve the LP relaxation over every column. Without sibling groups, solo homes or a budget
//!    the constraint matrix is totally unimodular and the LP answer is already integral: done.
//! 2. Otherwise the LP's reduced costs d_j bound every integer answer x:
//!    value(x) <= LP* + sum_j min(d_j, 0) x_j. So a column with d_j < -(LP* - V), where V is the
//!    value of any integer answer found, can never be part of a better one.
//! 3. Branch and bound runs first on the columns the LP uses; if the value V it finds reaches
//!    the LP bound, V is optimal. Otherwise it runs on the columns with d_j >= -(LP* - V),
//!    which by step 2 holds every column of any better answer: that answer is optimal.
//!
//! The model also carries valid inequalities for sibling groups (at most floor(capacity / k)
//! units of k or more children in a home), which make the LP bound tight in most cases.
//!
//! Models are built column-wise straight into HiGHS; HiGHS runs on one thread so that the same
//! model always gives the same answer.

use super::{Assignment, AssignmentModel, Optimality, SolveOptions, SolverError};
use highs::{ColProblem, HighsModelStatus, Row, Sense};
use std::time::Instant;

/// Relative tolerance when fixing the phase-1 optimum in phase 2.
const PHASE_TOLERANCE: f64 = 1e-7;
/// A value within this of 0 or 1 counts as integral.
const INTEGRAL: f64 = 1e-6;

pub fn solve(model: &AssignmentModel, options: &SolveOptions) -> Result<Assignment, SolverError> {
    let start = Instant::now();
    if model.columns.is_empty() && model.required.is_empty() {
        return Ok(Assignment::nobody_placed());
    }
    let weights: Vec<f64> = model.columns.iter().map(|c| c.weight).collect();
    let scores: Vec<f64> = model.columns.iter().map(|c| c.score).collect();
    let first = solve_phase(model, &weights, None, options)?;
    let target = value(&first.chosen, &weights);
    let floor = target - PHASE_TOLERANCE * target.abs().max(1.0);
    let second = solve_phase(model, &scores, Some(floor), options)?;
    Ok(Assignment {
        weighted_placed: value(&second.chosen, &weights),
        total_score: value(&second.chosen, &scores),
        chosen: second.chosen,
        optimality: if first.optimal && second.optimal {
            Optimality::Optimal
        } else {
            Optimality::TimeLimit
        },
        gap: first.gap.max(second.gap),
        seconds: start.elapsed().as_secs_f64(),
    })
}

fn value(chosen: &[usize], objective: &[f64]) -> f64 {
    chosen.iter().map(|&j| objective[j]).sum()
}

struct PhaseResult {
    chosen: Vec<usize>,
    optimal: bool,
    /// Relative distance below the LP bound (0 when optimal).
    gap: f64,
}

/// One lexicographic phase: maximise `objective`, with phase 2's floor on the weighted count.
fn solve_phase(
    model: &AssignmentModel,
    objective: &[f64],
    floor: Option<f64>,
    options: &SolveOptions,
) -> Result<PhaseResult, SolverError> {
    let all: Vec<usize> = (0..model.columns.len()).collect();
    let lp = run(model, &all, objective, floor, false, options)?;
    let Some(lp) = lp.solution else {
        return Err(SolverError::Infeasible);
    };
    if lp.values.iter().all(|&x| !is_fractional(x)) {
        let chosen = all.into_iter().filter(|&j| lp.values[j] > 0.5).collect();
        return Ok(PhaseResult {
            chosen,
            optimal: true,
            gap: 0.0,
        });
    }
    let bound = lp.objective;
    let tolerance = 1e-7 * bound.abs().max(1.0);
    // First try the columns the LP uses and their neighbours: if branch and bound there
    // reaches the LP bound, the answer is optimal. (Phase 1's objective is the same for every
    // home a child can take, so nearly every column has zero reduced cost and the set below
    // would be nearly all of them.)
    let mut delta = -1.0;
    loop {
        let subset: Vec<usize> = if delta < 0.0 {
            neighbourhood(model, &lp.values)
        } else {
            all.iter()
                .copied()
                .filter(|&j| lp.reduced_costs[j] >= -delta || lp.values[j] > INTEGRAL)
                .collect()
        };
        let mip = run(model, &subset, objective, floor, true, options)?;
        let Some(found) = mip.solution else {
            if subset.len() == all.len() {
                return Err(SolverError::Infeasible);
            }
            // Too few columns to satisfy phase 2's floor or a required pair: widen.
            delta = if delta < 0.0 {
                tolerance
            } else {
                (delta * 4.0).max(1.0)
            };
            continue;
        };
        let chosen: Vec<usize> = subset
            .iter()
            .zip(&found.values)
            .filter(|(_, x)| **x > 0.5)
            .map(|(&j, _)| j)
            .collect();
        let gap = bound - value(&chosen, objective);
        if !mip.optimal {
            return Ok(PhaseResult {
                chosen,
                optimal: false,
                gap: gap.max(0.0) / bound.abs().max(1.0),
            });
        }
        if gap <= delta.max(0.0) + tolerance || subset.len() == all.len() {
            return Ok(PhaseResult {
                chosen,
                optimal: true,
                gap: 0.0,
            });
        }
        // A little more room often finds a better answer (a smaller gap) at much less cost
        // than jumping straight to the full gap; the test above keeps every step exact.
        delta = if delta < 0.0 {
            gap / 8.0
        } else {
            (delta * 4.0).min(gap)
        } + tolerance;
    }
}

fn is_fractional(x: f64) -> bool {
    (INTEGRAL..=1.0 - INTEGRAL).contains(&x)
}

/// The LP's support, and every column touching a child or home the LP uses fractionally:
/// where a better integer answer than rounding is most likely to be found.
fn neighbourhood(model: &AssignmentModel, values: &[f64]) -> Vec<usize> {
    let mut children = vec![false; model.n_children];
    let mut homes = vec![false; model.capacity.len()];
    for (column, &x) in model.columns.iter().zip(values) {
        if is_fractional(x) {
            homes[column.home] = true;
            for &c in &column.children {
                children[c] = true;
            }
        }
    }
    (0..model.columns.len())
        .filter(|&j| {
            let column = &model.columns[j];
            values[j] > INTEGRAL
                || homes[column.home]
                || column.children.iter().any(|&c| children[c])
        })
        .collect()
}

struct Solved {
    values: Vec<f64>,
    reduced_costs: Vec<f64>,
    objective: f64,
}

struct Run {
    /// None when infeasible (or no answer found in time).
    solution: Option<Solved>,
    /// Proven optimal (false when the time limit cut branch and bound short).
    optimal: bool,
}

/// Build and solve the model over `subset` of the columns, as an LP or a MIP.
fn run(
    model: &AssignmentModel,
    subset: &[usize],
    objective: &[f64],
    floor: Option<f64>,
    integer: bool,
    options: &SolveOptions,
) -> Result<Run, SolverError> {
    let mut pb = ColProblem::default();
    let child_rows: Vec<Row> = (0..model.n_children).map(|_| pb.add_row(..=1.0)).collect();
    let home_rows: Vec<Row> = model
        .capacity
        .iter()
        .map(|&c| pb.add_row(..=f64::from(c)))
        .collect();
    let budget_row = model.budget.map(|b| pb.add_row(..=b));
    let floor_row = floor.map(|f| pb.add_row(f..));
    let required_rows: Vec<(usize, usize, Row)> = model
        .required
        .iter()
        .map(|&(c, h)| (c, h, pb.add_row(1.0..=1.0)))
        .collect();
    // Valid inequalities that close most of the LP's gap from sibling groups sharing a home's
    // beds fractionally: at most floor(capacity / k) units of k or more children fit in a home.
    let mut largest = vec![1usize; model.capacity.len()];
    for &j in subset {
        let c = &model.columns[j];
        largest[c.home] = largest[c.home].max(c.children.len());
    }
    let group_rows: Vec<Vec<(usize, Row)>> = model
        .capacity
        .iter()
        .zip(&largest)
        .map(|(&cap, &big)| {
            (2..=big)
                .map(|k| (k, pb.add_row(..=f64::from(cap / k as u32))))
                .collect()
        })
        .collect();
    let mut entries: Vec<(Row, f64)> = Vec::with_capacity(8);
    for &j in subset {
        let column = &model.columns[j];
        entries.clear();
        entries.extend(column.children.iter().map(|&c| (child_rows[c], 1.0)));
        entries.push((home_rows[column.home], column.children.len() as f64));
        for &(k, row) in &group_rows[column.home] {
            if column.children.len() >= k {
                entries.push((row, 1.0));
            }
        }
        if let Some(row) = budget_row {
            entries.push((row, column.cost));
        }
        if let Some(row) = floor_row {
            entries.push((row, column.weight));
        }
        for (c, h, row) in &required_rows {
            if *h == column.home && column.children.contains(c) {
                entries.push((*row, 1.0));
            }
        }
        pb.add_column_with_integrality(objective[j], 0.0..=1.0, entries.iter(), integer);
    }
    let mut highs = pb
        .try_optimise(Sense::Maximise)
        .map_err(|e| SolverError::Highs(format!("{e:?}")))?;
    highs.make_quiet();
    highs.set_option("threads", 1);
    highs.set_option("presolve", "off");
    if integer {
        highs.set_option("mip_rel_gap", 0.0);
        if let Some(limit) = options.time_limit {
            highs.set_option("time_limit", limit);
        }
    }
    let solved = highs
        .try_solve()
        .map_err(|e| SolverError::Highs(format!("{e:?}")))?;
    let status = solved.status();
    let optimal = match status {
        HighsModelStatus::Optimal => true,
        HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => {
            return Ok(Run {
                solution: None,
                optimal: true,
            });
        }
        HighsModelStatus::ReachedTimeLimit | HighsModelStatus::ReachedIterationLimit => false,
        other => return Err(SolverError::Highs(format!("{other:?}"))),
    };
    if !optimal && solved.primal_solution_status() != highs::HighsSolutionStatus::Feasible {
        return Err(SolverError::NoSolutionInTime(
            options.time_limit.unwrap_or(f64::INFINITY),
        ));
    }
    let solution = solved.get_solution();
    Ok(Run {
        solution: Some(Solved {
            values: solution.columns().to_vec(),
            reduced_costs: solution.dual_columns().to_vec(),
            objective: solved.objective_value(),
        }),
        optimal,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solver::Column;

    fn column(home: usize, children: Vec<usize>, score: f64) -> Column {
        let weight = children.len() as f64;
        Column {
            home,
            children,
            weight,
            score,
            cost: 0.0,
        }
    }

    #[test]
    fn a_fractional_lp_is_finished_by_branch_and_bound_exactly() {
        // A pair and a triple, one home with 4 beds: the LP places the pair and 2/3 of the
        // triple (4 children, even with the group inequalities), but only one group fits: the
        // triple (3 children) is the integer optimum.
        let model = AssignmentModel {
            n_children: 5,
            capacity: vec![4],
            columns: vec![column(0, vec![0, 1], 10.0), column(0, vec![2, 3, 4], 12.0)],
            budget: None,
            required: Vec::new(),
        };
        let lp = run(
            &model,
            &[0, 1],
            &[2.0, 3.0],
            None,
            false,
            &SolveOptions::default(),
        )
        .expect("solves");
        let values = lp.solution.expect("feasible").values;
        assert!(
            values.iter().any(|&x| is_fractional(x)),
            "the LP is fractional: {values:?}"
        );
        let a = solve(&model, &SolveOptions::default()).expect("solves");
        assert_eq!(a.chosen, vec![1]);
        assert!((a.weighted_placed - 3.0).abs() < 1e-9 && (a.total_score - 12.0).abs() < 1e-9);
        assert_eq!(a.optimality, Optimality::Optimal);
    }

    #[test]
    fn a_required_pair_that_cannot_be_met_is_infeasible() {
        let model = AssignmentModel {
            n_children: 2,
            capacity: vec![1],
            columns: vec![column(0, vec![0], 1.0), column(0, vec![1], 1.0)],
            budget: None,
            required: vec![(0, 0), (1, 0)],
        };
        assert!(matches!(
            solve(&model, &SolveOptions::default()),
            Err(SolverError::Infeasible)
        ));
    }
}
