//! An LP's answer with a bound that is a proof: the row duals are clipped to the signs their
//! rows allow, the reduced costs recomputed from them, and the bound taken by weak duality, so
//! that it holds for every answer whatever the LP solver's tolerances did. Reduced-cost fixing
//! (branch and bound over the columns that could matter) and the optimal face
//! ([`super::face`]) are read from these, so both stay exact.

use super::AssignmentModel;
use super::layout::{Layout, reduced_cost};
use rayon::prelude::*;

/// A phase's LP relaxation, solved: its answer, duals and bound.
pub(super) struct LpSolution {
    /// Column values, in the order of the subset solved over.
    pub values: Vec<f64>,
    /// Reduced costs (c - A^T y), in the order of the subset.
    pub reduced_costs: Vec<f64>,
    /// Row duals, by row index of the [`Layout`], clipped to their signs.
    pub row_duals: Vec<f64>,
    /// The weak duality bound ([`dual_bound`]).
    pub objective: f64,
    /// The columns the LP was finally solved over, ascending (a warm start for a like
    /// problem).
    pub lp_columns: Vec<usize>,
}

/// Duals with the signs their rows allow on a maximisation: >= 0 on rows bounded above only,
/// <= 0 on rows bounded below only, free on equalities.
pub(super) fn clip_duals(duals: &[f64], lower: &[f64], upper: &[f64]) -> Vec<f64> {
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
pub(super) fn reduced_costs(
    model: &AssignmentModel,
    layout: &Layout,
    objective: &[f64],
    subset: &[usize],
    y: &[f64],
) -> Vec<f64> {
    subset
        .par_iter()
        .map(|&j| reduced_cost(model, layout, objective, y, j))
        .collect()
}

/// Weak duality: for every x in the relaxation, c.x = d.x + y.Ax is at most this.
/// `column_lower(j)`: the lower bound of column j (0, or 1 where a face forces it).
pub(super) fn dual_bound(
    y: &[f64],
    lower: &[f64],
    upper: &[f64],
    subset: &[usize],
    d: &[f64],
    column_lower: impl Fn(usize) -> f64,
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
        .map(|(&j, &dj)| if dj > 0.0 { dj } else { dj * column_lower(j) })
        .sum();
    rows + columns
}
