//! The calls into HiGHS's C API (`highs-sys`) that the `highs` crate does not offer: changes to
//! a model already solved (new columns, new rows, new costs) and its basis, read or set. The
//! crate names columns and rows only by handles it hands out while building, so these go
//! through the C API, on the instance the crate's model owns. Every call's status is checked.

use super::{BasisStatus, Columns};
use crate::solver::SolverError;
use highs_sys::{
    HighsInt, kHighsBasisStatusBasic, kHighsBasisStatusLower, kHighsBasisStatusNonbasic,
    kHighsBasisStatusUpper, kHighsBasisStatusZero, kHighsStatusError,
};

/// A count or an index as HiGHS's integer type.
pub(super) fn highs_int(n: usize) -> Result<HighsInt, SolverError> {
    HighsInt::try_from(n).map_err(|_| SolverError::Highs("model too large for HiGHS".into()))
}

pub(super) fn status_code(status: BasisStatus) -> HighsInt {
    match status {
        BasisStatus::Lower => kHighsBasisStatusLower,
        BasisStatus::Basic => kHighsBasisStatusBasic,
        BasisStatus::Upper => kHighsBasisStatusUpper,
        BasisStatus::Zero => kHighsBasisStatusZero,
        BasisStatus::Nonbasic => kHighsBasisStatusNonbasic,
    }
}

pub(super) fn status_of(code: HighsInt) -> Result<BasisStatus, SolverError> {
    use BasisStatus::{Basic, Lower, Nonbasic, Upper, Zero};
    [Lower, Basic, Upper, Zero, Nonbasic]
        .into_iter()
        .find(|&status| status_code(status) == code)
        .ok_or_else(|| SolverError::Highs(format!("unknown basis status {code}")))
}

/// The number of columns and rows of the instance behind `ptr`.
fn dimensions(ptr: *const std::ffi::c_void) -> Result<(usize, usize), SolverError> {
    // SAFETY: `ptr` is a live HiGHS instance (the callers pass the pointer of a model they
    // borrow, which owns it until dropped); both calls only read its sizes.
    let (columns, rows) = unsafe {
        (
            highs_sys::Highs_getNumCol(ptr),
            highs_sys::Highs_getNumRow(ptr),
        )
    };
    let size =
        |n: HighsInt| usize::try_from(n).map_err(|_| SolverError::Highs("negative size".into()));
    Ok((size(columns)?, size(rows)?))
}

/// The basis of a solved model: (column statuses, row statuses).
pub(super) fn basis(
    solved: &::highs::SolvedModel,
) -> Result<(Vec<HighsInt>, Vec<HighsInt>), SolverError> {
    let (n_columns, n_rows) = dimensions(solved.as_ptr())?;
    let mut columns = vec![kHighsBasisStatusLower; n_columns];
    let mut rows = vec![kHighsBasisStatusBasic; n_rows];
    // SAFETY: the pointer is the HiGHS instance `solved` owns, alive for the borrow; the two
    // arrays are exactly as long as its column and row counts, read just above, which is what
    // HiGHS writes.
    let status = unsafe {
        highs_sys::Highs_getBasis(solved.as_ptr(), columns.as_mut_ptr(), rows.as_mut_ptr())
    };
    if status == kHighsStatusError {
        return Err(SolverError::Highs("reading the basis failed".into()));
    }
    Ok((columns, rows))
}

/// Set the basis the next solve starts from; false when HiGHS refused it. The caller has
/// checked that there is one status per column and per row.
pub(super) fn set_basis(
    model: &mut ::highs::Model,
    columns: &[HighsInt],
    rows: &[HighsInt],
) -> bool {
    debug_assert!(columns.len() == model.num_cols() && rows.len() == model.num_rows());
    // SAFETY: the pointer is the HiGHS instance `model` owns, alive for the borrow; `columns`
    // and `rows` hold one status for each of its columns and rows (checked by the caller,
    // [`super::Model::set_basis`]) and outlive the call, which only reads them.
    let status =
        unsafe { highs_sys::Highs_setBasis(model.as_mut_ptr(), columns.as_ptr(), rows.as_ptr()) };
    status != kHighsStatusError
}

/// Append `new` to the model's columns.
pub(super) fn add_columns(model: &mut ::highs::Model, new: &Columns) -> Result<(), SolverError> {
    let n_rows = model.num_rows();
    if new
        .index
        .iter()
        .any(|&r| usize::try_from(r).map_or(true, |r| r >= n_rows))
    {
        return Err(SolverError::Highs(
            "a new column names a row the model has not".into(),
        ));
    }
    // SAFETY: the pointer is the HiGHS instance `model` owns, alive for the borrow; `costs`,
    // `lower`, `upper` and `starts` hold one entry per new column and `index` and `value` one
    // per nonzero (as [`Columns::push`] builds them), all outliving the call, which only reads
    // them; every row index is one of the model's rows (checked above).
    let status = unsafe {
        highs_sys::Highs_addCols(
            model.as_mut_ptr(),
            highs_int(new.costs.len())?,
            new.costs.as_ptr(),
            new.lower.as_ptr(),
            new.upper.as_ptr(),
            highs_int(new.index.len())?,
            new.starts.as_ptr(),
            new.index.as_ptr(),
            new.value.as_ptr(),
        )
    };
    if status == kHighsStatusError {
        return Err(SolverError::Highs("adding columns failed".into()));
    }
    Ok(())
}

/// Append the row `lower <= sum value[i] x[index[i]] <= upper`.
pub(super) fn add_row(
    model: &mut ::highs::Model,
    lower: f64,
    upper: f64,
    index: &[usize],
    value: &[f64],
) -> Result<(), SolverError> {
    let n_columns = model.num_cols();
    if index.len() != value.len() || index.iter().any(|&j| j >= n_columns) {
        return Err(SolverError::Highs(
            "a new row names a column the model has not".into(),
        ));
    }
    let index = index
        .iter()
        .map(|&j| highs_int(j))
        .collect::<Result<Vec<_>, _>>()?;
    // SAFETY: the pointer is the HiGHS instance `model` owns, alive for the borrow; `index` and
    // `value` hold the same number of entries (checked above), passed as the count, and
    // outlive the call, which only reads them; every index is one of the model's columns.
    let status = unsafe {
        highs_sys::Highs_addRow(
            model.as_mut_ptr(),
            lower,
            upper,
            highs_int(index.len())?,
            index.as_ptr(),
            value.as_ptr(),
        )
    };
    if status == kHighsStatusError {
        return Err(SolverError::Highs("adding a row failed".into()));
    }
    Ok(())
}

/// Give each of the model's columns the objective value `costs[j]`.
pub(super) fn change_costs(model: &mut ::highs::Model, costs: &[f64]) -> Result<(), SolverError> {
    if costs.is_empty() {
        return Ok(());
    }
    if costs.len() != model.num_cols() {
        return Err(SolverError::Highs(
            "new costs do not match the columns".into(),
        ));
    }
    let last = highs_int(costs.len() - 1)?;
    // SAFETY: the pointer is the HiGHS instance `model` owns, alive for the borrow; `costs`
    // holds one value for each of its columns 0..=last (checked above) and outlives the call,
    // which only reads it.
    let status = unsafe {
        highs_sys::Highs_changeColsCostByRange(model.as_mut_ptr(), 0, last, costs.as_ptr())
    };
    if status == kHighsStatusError {
        return Err(SolverError::Highs("changing the objective failed".into()));
    }
    Ok(())
}
