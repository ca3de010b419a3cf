//! Changes to a model HiGHS has already solved, so that the next solve starts from its basis:
//! new rows (cover inequalities), new columns (priced in), new objective values. The `highs`
//! crate names columns and rows only by handles it hands out while building, so these go in
//! through the C API (`highs-sys`), each call checked.

use super::AssignmentModel;
use super::SolverError;
use super::cuts::Cut;
use super::highs_model::{Restriction, column_lower};
use super::layout::{Layout, column_entries};

fn highs_int(n: usize) -> Result<highs_sys::HighsInt, SolverError> {
    highs_sys::HighsInt::try_from(n)
        .map_err(|_| SolverError::Highs("model too large for HiGHS".into()))
}

/// Add `cut` as a row of a model already solved, so the next solve starts from its basis.
/// `position[j]` is column j's place in the live model (None if not in it). (The `highs` crate
/// names columns only by handles it hands out while building, so rows and columns added to a
/// live model go in through the C API.)
pub(super) fn add_cut_row(
    live: &mut highs::Model,
    position: &[Option<u32>],
    cut: &Cut,
) -> Result<(), SolverError> {
    let mut index = Vec::with_capacity(cut.columns.len());
    for &j in &cut.columns {
        if let Some(p) = position[j] {
            index.push(highs_int(p as usize)?);
        }
    }
    let value = vec![1.0; index.len()];
    let count = highs_int(index.len())?;
    // SAFETY: the pointer is the live HiGHS instance `live` owns; `index` and `value` hold
    // `count` entries each and outlive the call; every index is a column of this model.
    let status = unsafe {
        highs_sys::Highs_addRow(
            live.as_mut_ptr(),
            f64::NEG_INFINITY,
            cut.rhs,
            count,
            index.as_ptr(),
            value.as_ptr(),
        )
    };
    if status == highs_sys::kHighsStatusError {
        return Err(SolverError::Highs(
            "adding a cover inequality failed".into(),
        ));
    }
    Ok(())
}

/// Add `columns` to a model already solved (an LP), each with its entries in every row of
/// `layout`, in one call.
pub(super) fn add_columns(
    live: &mut highs::Model,
    model: &AssignmentModel,
    layout: &Layout,
    what: &Restriction,
    columns: &[usize],
) -> Result<(), SolverError> {
    let mut entries = Vec::with_capacity(8);
    let mut starts = Vec::with_capacity(columns.len());
    let mut index = Vec::new();
    let mut value = Vec::new();
    let mut costs = Vec::with_capacity(columns.len());
    let mut lower = Vec::with_capacity(columns.len());
    for &j in columns {
        starts.push(highs_int(index.len())?);
        column_entries(model, layout, j, &mut entries);
        for &(r, a) in &entries {
            index.push(highs_int(r)?);
            value.push(a);
        }
        costs.push(what.objective[j]);
        lower.push(column_lower(what, j));
    }
    let upper = vec![1.0; columns.len()];
    // SAFETY: the pointer is the live HiGHS instance `live` owns; `costs`, `lower`, `upper` and
    // `starts` hold one entry per new column, `index` and `value` one per nonzero, all outliving
    // the call; every index is a row of `layout`, which is the row set of this model.
    let status = unsafe {
        highs_sys::Highs_addCols(
            live.as_mut_ptr(),
            highs_int(columns.len())?,
            costs.as_ptr(),
            lower.as_ptr(),
            upper.as_ptr(),
            highs_int(index.len())?,
            starts.as_ptr(),
            index.as_ptr(),
            value.as_ptr(),
        )
    };
    if status == highs_sys::kHighsStatusError {
        return Err(SolverError::Highs("adding columns failed".into()));
    }
    Ok(())
}

/// Give the columns of a model already solved new objective values (`costs`, one per column
/// in the model's order), keeping its basis for the next solve.
pub(super) fn change_costs(live: &mut highs::Model, costs: &[f64]) -> Result<(), SolverError> {
    if costs.is_empty() {
        return Ok(());
    }
    let last = highs_int(costs.len() - 1)?;
    // SAFETY: the pointer is the live HiGHS instance `live` owns; `costs` holds one value for
    // each of the model's columns 0..=last and outlives the call.
    let status = unsafe {
        highs_sys::Highs_changeColsCostByRange(live.as_mut_ptr(), 0, last, costs.as_ptr())
    };
    if status == highs_sys::kHighsStatusError {
        return Err(SolverError::Highs("changing the objective failed".into()));
    }
    Ok(())
}
