//! The LP relaxation over every candidate column, without handing HiGHS every column.
//!
//! Start from each child's few best columns, solve, then price the columns left out with the
//! row duals y: a column whose reduced cost d_j = c_j - A_j.y is positive could improve the LP,
//! so it enters and the LP is solved again from its last basis. When no column prices in, the
//! LP is optimal over every candidate. Then the cover inequalities of [`super::cuts`] the answer
//! breaks are added as rows, again solved from the last basis, and pricing resumes; so are,
//! when no cover inequality is broken, the clique and odd-cycle inequalities over columns
//! that conflict across homes ([`super::conflict_cuts`]), and the pairs of clashing columns
//! it breaks ([`super::clash_rows`]).
//!
//! The bound returned is recomputed from y (clipped to the signs its rows allow) and d by weak
//! duality, so it holds for every answer whatever HiGHS's tolerances did; the reduced costs
//! returned are the ones that bound was computed with, so reduced-cost fixing stays exact.

use super::basis::Basis;
use super::clash_rows::{CLASH_ROUNDS, separate_clashes};
use super::conflict_cuts::{CONFLICT_ROUNDS, odd_cycles};
use super::cuts::{Cut, by_home, fractional_homes, separate};
use super::duality::{LpSolution, clip_duals, dual_bound, reduced_costs};
use super::goal::{Goal, LpSettings};
use super::highs::Outcome;
use super::layout::Layout;
use super::pricing::{entering_columns, register, starting_columns};
use super::restricted::{add_columns, add_cut_row, lp, solve};
use super::{AssignmentModel, SolveOptions, SolverError};

/// Rounds of cover cuts in one relaxation.
const CUT_ROUNDS: usize = 30;

/// A phase's LP relaxation: what branch and bound and the next phase's face are read from.
pub(super) struct Relaxed {
    /// The columns the phase chooses from, ascending.
    pub candidates: Vec<usize>,
    /// The LP's answer, duals and bound, in the order of `candidates`.
    pub lp: LpSolution,
    pub layout: Layout,
    /// The cover inequalities in that LP.
    pub cuts: Vec<Cut>,
    /// The LP's final basis, when its settings asked to keep it.
    pub basis: Option<Basis>,
}

/// State each of `found` (cover cuts or clash rows: both "at most rhs of these columns") in
/// the live LP, the layout that prices and bounds with it, and the list handed back.
fn add_rows(
    live: &mut super::highs::Model,
    position: &[Option<u32>],
    layout: &mut super::layout::Layout,
    cuts: &mut Vec<Cut>,
    found: Vec<Cut>,
) -> Result<(), SolverError> {
    for cut in found {
        add_cut_row(live, position, &cut)?;
        layout.add_cut(position.len(), &cut);
        cuts.push(cut);
    }
    Ok(())
}

/// Solve the LP relaxation of `goal` over `candidates` (ascending column indices), as
/// `settings` say; None when it is infeasible.
pub(super) fn solve_relaxation(
    model: &AssignmentModel,
    candidates: Vec<usize>,
    goal: &Goal,
    settings: &LpSettings,
    options: &SolveOptions,
) -> Result<Option<Relaxed>, SolverError> {
    let subset = &candidates[..];
    let mut layout = goal.layout(model, subset);
    // Solve with the warm objective (if any) first, then switch to the true one.
    let mut current = Goal {
        objective: settings.warm_objective.unwrap_or(goal.objective),
        ..*goal
    };
    let what = &mut current;
    let mut cuts = what.cuts.to_vec();
    let working = starting_columns(model, subset, what, settings);
    let mut position: Vec<Option<u32>> = vec![None; model.columns.len()];
    let mut live_order: Vec<usize> = Vec::with_capacity(working.len());
    register(&mut position, &mut live_order, &working);
    let mut live = lp(model, &layout, &working, what)?;
    if let Some(basis) = settings.basis {
        basis.start(&mut live, &layout, &working);
    }
    let mut cut_rounds = 0;
    // Rounds of clique and odd-cycle rows (see [`super::conflict_cuts`]).
    let mut conflict_rounds = 0;
    // Rounds of clashing pairs the LP's answer broke (see [`super::clash_rows`]).
    let mut clash_rounds = 0;
    // The candidates at each home, listed the first time some home is fractional.
    let mut homes_columns: Option<Vec<Vec<usize>>> = None;
    // The LP's answer by model column (zero for columns not in the LP).
    let mut x = vec![0.0; model.columns.len()];
    loop {
        let solved = solve(live, options)?;
        // An LP the time limit stopped short gives no bound and no duals to price with.
        if matches!(solved.outcome(), Outcome::Stopped { .. }) {
            return Err(SolverError::NoSolutionInTime(
                options.time_limit.unwrap_or(f64::INFINITY),
            ));
        }
        if solved.outcome() == Outcome::Infeasible {
            if live_order.len() == subset.len() {
                return Ok(None);
            }
            // The few columns cannot meet the face or the required pairs: add the rest.
            let rest: Vec<usize> = subset
                .iter()
                .copied()
                .filter(|&j| position[j].is_none())
                .collect();
            live = solved.reopen();
            add_columns(&mut live, model, &layout, what, &rest)?;
            register(&mut position, &mut live_order, &rest);
            continue;
        }
        let solution = solved.solution();
        for (&j, &xj) in live_order.iter().zip(solution.columns()) {
            x[j] = xj;
        }
        // Cuts first, on the columns at hand (a cut is valid whatever columns are in), since
        // pricing every column costs more than a warm re-solve.
        if settings.separate && cut_rounds < CUT_ROUNDS {
            let homes = fractional_homes(model, live_order.iter().map(|&j| (j, x[j])));
            let found = if homes.is_empty() {
                Vec::new()
            } else {
                let by_home = homes_columns.get_or_insert_with(|| by_home(model, subset));
                separate(model, by_home, &x, &homes, &cuts)
            };
            if !found.is_empty() {
                cut_rounds += 1;
                live = solved.reopen();
                add_rows(&mut live, &position, &mut layout, &mut cuts, found)?;
                continue;
            }
        }
        // No cover inequality broken: conflicts across homes, a costlier search.
        if settings.separate && conflict_rounds < CONFLICT_ROUNDS {
            let found = odd_cycles(model, &live_order, &x, &cuts);
            if !found.is_empty() {
                conflict_rounds += 1;
                live = solved.reopen();
                add_rows(&mut live, &position, &mut layout, &mut cuts, found)?;
                continue;
            }
        }
        if clash_rounds < CLASH_ROUNDS {
            let by_home = homes_columns.get_or_insert_with(|| by_home(model, subset));
            let found = separate_clashes(model, by_home, &live_order, &x);
            if !found.is_empty() {
                clash_rounds += 1;
                live = solved.reopen();
                add_rows(&mut live, &position, &mut layout, &mut cuts, found)?;
                continue;
            }
        }
        let (lower, upper) = what.row_ranges(model, &layout, &cuts);
        let y = clip_duals(solution.row_duals(), &lower, &upper);
        let d = reduced_costs(model, &layout, what.objective, subset, &y);
        let entering = entering_columns(model, subset, &d, &position);
        if !entering.is_empty() {
            live = solved.reopen();
            add_columns(&mut live, model, &layout, what, &entering)?;
            register(&mut position, &mut live_order, &entering);
            continue;
        }
        if !std::ptr::eq(what.objective, goal.objective) {
            let costs: Vec<f64> = live_order.iter().map(|&j| goal.objective[j]).collect();
            live = solved.reopen();
            live.change_costs(&costs)?;
            what.objective = goal.objective;
            continue;
        }
        let objective = dual_bound(&y, &lower, &upper, subset, &d, |j| what.column_lower(j));
        let values: Vec<f64> = subset.iter().map(|&j| x[j]).collect();
        let basis = if settings.keep_basis {
            Some(Basis::read(&solved, &layout, &live_order)?)
        } else {
            None
        };
        live_order.sort_unstable();
        return Ok(Some(Relaxed {
            lp: LpSolution {
                values,
                reduced_costs: d,
                row_duals: y,
                objective,
                lp_columns: live_order,
            },
            candidates,
            layout,
            cuts,
            basis,
        }));
    }
}
