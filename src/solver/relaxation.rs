//! The LP relaxation over every candidate column, without handing HiGHS every column.
//!
//! Start from each child's few best columns, solve, then price the columns left out with the
//! row duals y: a column whose reduced cost d_j = c_j - A_j.y is positive could improve the LP,
//! so it enters and the LP is solved again from its last basis. When no column prices in, the
//! LP is optimal over every candidate. Then the cover inequalities of [`super::cuts`] the answer
//! breaks are added as rows, again solved from the last basis, and pricing resumes.
//!
//! The bound returned is recomputed from y (clipped to the signs its rows allow) and d by weak
//! duality, so it holds for every answer whatever HiGHS's tolerances did; the reduced costs
//! returned are the ones that bound was computed with, so reduced-cost fixing stays exact.

use super::basis::Basis;
use super::cuts::Cut;
use super::cuts::{by_home, fractional_homes, separate};
use super::highs_model::{Restriction, Solved, build, column_lower, row_ranges, solve_live};
use super::layout::{Layout, layout, reduced_cost};
use super::live::{add_columns, add_cut_row, change_costs};
use super::{AssignmentModel, SolveOptions, SolverError};
use rayon::prelude::*;

/// Rounds of cover cuts in one relaxation.
const CUT_ROUNDS: usize = 30;
/// Columns per child in the first LP (its best by objective, then score).
const START_PER_CHILD: usize = 5;
/// Columns entering per child in one pricing round.
const ENTER_PER_CHILD: usize = 10;
/// A left-out column enters when its reduced cost exceeds this.
const PRICE_TOLERANCE: f64 = 1e-7;

/// A phase's LP relaxation: what branch and bound and the next phase's face are read from.
pub(super) struct Relaxed {
    /// The columns the phase chooses from, ascending.
    pub candidates: Vec<usize>,
    /// The LP's answer, duals and bound, in the order of `candidates`.
    pub lp: Solved,
    pub layout: Layout,
    /// The cover inequalities in that LP.
    pub cuts: Vec<Cut>,
    /// The LP's final basis, when the goal asked to keep it.
    pub basis: Option<Basis>,
}

/// Solve the LP relaxation over `candidates` (ascending column indices); None when it is
/// infeasible.
pub(super) fn solve_relaxation(
    model: &AssignmentModel,
    candidates: Vec<usize>,
    goal: &Restriction,
    options: &SolveOptions,
) -> Result<Option<Relaxed>, SolverError> {
    let subset = &candidates[..];
    let mut layout = layout(
        model,
        subset,
        goal.floor.map(|f| f.measure),
        goal.face,
        goal.cuts,
    );
    // Solve with the warm objective (if any) first, then switch to the true one.
    let mut current = Restriction {
        objective: goal.warm_objective.unwrap_or(goal.objective),
        ..*goal
    };
    let what = &mut current;
    let mut cuts = what.cuts.to_vec();
    let working = starting_columns(model, subset, what);
    let mut position: Vec<Option<u32>> = vec![None; model.columns.len()];
    let mut live_order: Vec<usize> = Vec::with_capacity(working.len());
    register(&mut position, &mut live_order, &working);
    let mut live = build(model, &layout, &working, what, options)?;
    if let Some(basis) = what.basis {
        basis.start(&mut live, &layout, &working);
    }
    let mut cut_rounds = 0;
    // The candidates at each home, listed the first time some home is fractional.
    let mut homes_columns: Option<Vec<Vec<usize>>> = None;
    // The LP's answer by model column (zero for columns not in the LP).
    let mut x = vec![0.0; model.columns.len()];
    loop {
        let (solved, optimal) = solve_live(live, options)?;
        if optimal.is_none() {
            if live_order.len() == subset.len() {
                return Ok(None);
            }
            // The few columns cannot meet the face or the required pairs: add the rest.
            let rest: Vec<usize> = subset
                .iter()
                .copied()
                .filter(|&j| position[j].is_none())
                .collect();
            live = solved.into();
            add_columns(&mut live, model, &layout, what, &rest)?;
            register(&mut position, &mut live_order, &rest);
            continue;
        }
        let solution = solved.get_solution();
        for (&j, &xj) in live_order.iter().zip(solution.columns()) {
            x[j] = xj;
        }
        // Cuts first, on the columns at hand (a cut is valid whatever columns are in), since
        // pricing every column costs more than a warm re-solve.
        if what.separate && cut_rounds < CUT_ROUNDS {
            let homes = fractional_homes(model, live_order.iter().map(|&j| (j, x[j])));
            let found = if homes.is_empty() {
                Vec::new()
            } else {
                let by_home = homes_columns.get_or_insert_with(|| by_home(model, subset));
                separate(model, by_home, &x, &homes, &cuts)
            };
            if !found.is_empty() {
                cut_rounds += 1;
                live = solved.into();
                for cut in found {
                    add_cut_row(&mut live, &position, &cut)?;
                    layout.add_cut(model.columns.len(), &cut);
                    cuts.push(cut);
                }
                continue;
            }
        }
        let (lower, upper) = row_ranges(model, &layout, what, &cuts);
        let y = clip_duals(solution.dual_rows(), &lower, &upper);
        let d = reduced_costs(model, &layout, what, subset, &y);
        let entering = entering_columns(model, subset, &d, &position);
        if !entering.is_empty() {
            live = solved.into();
            add_columns(&mut live, model, &layout, what, &entering)?;
            register(&mut position, &mut live_order, &entering);
            continue;
        }
        if !std::ptr::eq(what.objective, goal.objective) {
            let costs: Vec<f64> = live_order.iter().map(|&j| goal.objective[j]).collect();
            live = solved.into();
            change_costs(&mut live, &costs)?;
            what.objective = goal.objective;
            continue;
        }
        let objective = dual_bound(&y, &lower, &upper, subset, &d, what);
        let values: Vec<f64> = subset.iter().map(|&j| x[j]).collect();
        let basis = if goal.keep_basis {
            Some(Basis::read(&solved, &layout, &live_order)?)
        } else {
            None
        };
        live_order.sort_unstable();
        return Ok(Some(Relaxed {
            lp: Solved {
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

/// The left-out columns that price in: for each child, its few with the largest positive
/// reduced cost (adding every column that prices in floods the LP when the duals are young).
fn entering_columns(
    model: &AssignmentModel,
    subset: &[usize],
    d: &[f64],
    position: &[Option<u32>],
) -> Vec<usize> {
    let per_child = ENTER_PER_CHILD;
    let mut by_child: Vec<Vec<(f64, usize)>> = vec![Vec::new(); model.n_children];
    for (&j, &dj) in subset.iter().zip(d) {
        if position[j].is_none() && dj > PRICE_TOLERANCE {
            by_child[model.columns[j].children[0]].push((dj, j));
        }
    }
    let mut entering = Vec::new();
    for mut columns in by_child {
        columns.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        entering.extend(columns.iter().take(per_child).map(|&(_, j)| j));
    }
    entering.sort_unstable();
    entering
}

/// Record that `columns` were appended to the live model, in this order.
fn register(position: &mut [Option<u32>], live_order: &mut Vec<usize>, columns: &[usize]) {
    for &j in columns {
        // Column counts fit in u32: HiGHS itself indexes them with 32-bit integers.
        position[j] = u32::try_from(live_order.len()).ok();
        live_order.push(j);
    }
}

/// Each child's best few columns (unless a like LP's basis gives the start), every column the
/// face forces and every column of a required pair: ascending.
fn starting_columns(model: &AssignmentModel, subset: &[usize], what: &Restriction) -> Vec<usize> {
    // With a like LP's basis, its columns (in `start`) are where to begin: pricing adds the
    // few more this LP needs, and sorting every child's columns costs more than that.
    let per_child = if what.basis.is_some() {
        0
    } else {
        START_PER_CHILD
    };
    let mut by_child: Vec<Vec<usize>> = vec![Vec::new(); model.n_children];
    let mut chosen: Vec<usize> = what
        .start
        .iter()
        .copied()
        .filter(|j| subset.binary_search(j).is_ok())
        .collect();
    for &j in subset {
        let column = &model.columns[j];
        if per_child > 0 {
            for &c in &column.children {
                by_child[c].push(j);
            }
        }
        let required = model
            .required
            .iter()
            .any(|&(c, h)| h == column.home && column.children.contains(&c));
        if required || column_lower(what, j) > 0.0 {
            chosen.push(j);
        }
    }
    let better = |a: &usize, b: &usize| {
        let (ca, cb) = (&model.columns[*a], &model.columns[*b]);
        what.objective[*b]
            .total_cmp(&what.objective[*a])
            .then(cb.score.total_cmp(&ca.score))
            .then(a.cmp(b))
    };
    for mut columns in by_child {
        // per_child >= 1 here: with 0, nothing was pushed and every list is empty.
        if columns.len() > per_child {
            columns.select_nth_unstable_by(per_child - 1, better);
            columns.truncate(per_child);
        }
        chosen.extend(columns);
    }
    chosen.sort_unstable();
    chosen.dedup();
    chosen
}

/// Duals with the signs their rows allow on a maximisation: >= 0 on rows bounded above only,
/// <= 0 on rows bounded below only, free on equalities.
fn clip_duals(duals: &[f64], lower: &[f64], upper: &[f64]) -> Vec<f64> {
    duals
        .iter()
        .zip(lower.iter().zip(upper))
        .map(|(&y, (&lo, &up))| match (lo.is_finite(), up.is_finite()) {
            (true, true) => y,
            (false, true) => y.max(0.0),
            (true, false) => y.min(0.0),
            (false, false) => 0.0,
        })
        .collect()
}

/// d_j = c_j - A_j.y for every column of `subset`, in its order.
fn reduced_costs(
    model: &AssignmentModel,
    layout: &Layout,
    what: &Restriction,
    subset: &[usize],
    y: &[f64],
) -> Vec<f64> {
    subset
        .par_iter()
        .map(|&j| reduced_cost(model, layout, what.objective, y, j))
        .collect()
}

/// Weak duality: for every x in the relaxation, c.x = d.x + y.Ax is at most this.
fn dual_bound(
    y: &[f64],
    lower: &[f64],
    upper: &[f64],
    subset: &[usize],
    d: &[f64],
    what: &Restriction,
) -> f64 {
    let rows: f64 = y
        .iter()
        .zip(lower.iter().zip(upper))
        .map(|(&yi, (&lo, &up))| {
            if yi > 0.0 {
                yi * up
            } else if yi < 0.0 {
                yi * lo
            } else {
                0.0
            }
        })
        .sum();
    let columns: f64 = subset
        .iter()
        .zip(d)
        .map(|(&j, &dj)| {
            if dj > 0.0 {
                dj
            } else {
                dj * column_lower(what, j)
            }
        })
        .sum();
    rows + columns
}
