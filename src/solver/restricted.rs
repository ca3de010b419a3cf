//! One restricted model: a [`Goal`] over a subset of the columns, rows as
//! [`super::layout`] lays them out, handed to the HiGHS backend ([`super::highs`]) as an LP or
//! for branch and bound, and changed after a solve (priced-in columns, cover inequalities).

use super::cuts::Cut;
use super::goal::{Goal, MipSettings};
use super::highs::{self, Builder, Columns, MipOptions, Outcome};
use super::layout::{Layout, column_entries};
use super::{AssignmentModel, SolveOptions, SolverError};

/// What branch and bound found.
pub(super) enum Run {
    /// No answer over these columns.
    Infeasible,
    /// Column values in the order of the subset; `optimal` false when the time limit cut
    /// branch and bound short.
    Found { values: Vec<f64>, optimal: bool },
}

/// The backend's model of `goal` over `columns` (ascending).
fn write(
    model: &AssignmentModel,
    layout: &Layout,
    columns: &[usize],
    goal: &Goal,
    integer: bool,
) -> Builder {
    let (lower, upper) = goal.row_ranges(model, layout, goal.cuts);
    let mut builder = Builder::new(&lower, &upper);
    let mut entries: Vec<(usize, f64)> = Vec::with_capacity(8);
    for &j in columns {
        column_entries(model, layout, j, &mut entries);
        builder.add_column(goal.objective[j], goal.column_lower(j), &entries, integer);
    }
    builder
}

/// The LP relaxation of `goal` over `columns` (ascending), ready to solve.
pub(super) fn lp(
    model: &AssignmentModel,
    layout: &Layout,
    columns: &[usize],
    goal: &Goal,
) -> Result<highs::Model, SolverError> {
    write(model, layout, columns, goal, false).lp()
}

/// Solve `live` within what is left of the solve's time: an error when the deadline has
/// passed, or when the time limit stopped it with no answer.
pub(super) fn solve(
    mut live: highs::Model,
    options: &SolveOptions,
) -> Result<highs::Solved, SolverError> {
    let limit = options.time_limit.unwrap_or(f64::INFINITY);
    if let Some(left) = options.remaining() {
        if left <= 0.0 {
            return Err(SolverError::NoSolutionInTime(limit));
        }
        live.set_time_limit(left);
    }
    let solved = live.solve()?;
    if solved.outcome() == (Outcome::Stopped { feasible: false }) {
        return Err(SolverError::NoSolutionInTime(limit));
    }
    Ok(solved)
}

/// Branch and bound on `goal` over `subset` of the columns as they stand (no pricing, no new
/// cuts).
pub(super) fn branch_and_bound(
    model: &AssignmentModel,
    subset: &[usize],
    goal: &Goal,
    settings: &MipSettings,
) -> Result<Run, SolverError> {
    let layout = goal.layout(model, subset);
    let options = MipOptions {
        time_limit: settings.options.remaining(),
    };
    let mut live = write(model, &layout, subset, goal, true).mip(&options)?;
    // A known answer gives branch and bound its first incumbent, when every column of it is in
    // `subset` (HiGHS checks it is feasible and ignores it otherwise).
    let known = settings.incumbent;
    if !known.is_empty() && known.iter().all(|j| subset.binary_search(j).is_ok()) {
        let values: Vec<f64> = subset
            .iter()
            .map(|j| f64::from(u8::from(known.binary_search(j).is_ok())))
            .collect();
        live.set_solution(&values)?;
    }
    let solved = solve(live, settings.options)?;
    Ok(match solved.outcome() {
        Outcome::Infeasible => Run::Infeasible,
        outcome => Run::Found {
            values: solved.solution().columns().to_vec(),
            optimal: outcome == Outcome::Optimal,
        },
    })
}

/// Add `columns` to a model already solved (an LP), each with its entries in every row of
/// `layout`, in one call.
pub(super) fn add_columns(
    live: &mut highs::Model,
    model: &AssignmentModel,
    layout: &Layout,
    goal: &Goal,
    columns: &[usize],
) -> Result<(), SolverError> {
    let mut entries = Vec::with_capacity(8);
    let mut new = Columns::with_capacity(columns.len());
    for &j in columns {
        column_entries(model, layout, j, &mut entries);
        new.push(goal.objective[j], goal.column_lower(j), &entries)?;
    }
    live.add_columns(&new)
}

/// Add `cut` as a row of a model already solved, so the next solve starts from its basis.
/// `position[j]` is column j's place in the live model (None if not in it).
pub(super) fn add_cut_row(
    live: &mut highs::Model,
    position: &[Option<u32>],
    cut: &Cut,
) -> Result<(), SolverError> {
    let index: Vec<usize> = cut
        .columns
        .iter()
        .filter_map(|&j| position[j].map(|p| p as usize))
        .collect();
    let value = vec![1.0; index.len()];
    live.add_row(f64::NEG_INFINITY, cut.rhs, &index, &value)
}
