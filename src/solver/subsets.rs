//! Which columns branch and bound sees first: small sets around the LP's answer where an
//! integer answer at the LP bound is most likely (reaching the bound proves it optimal).

use super::tolerance::INTEGRAL;
use super::{AssignmentModel, Column};

/// Whether an LP value is neither 0 nor 1 (beyond [`INTEGRAL`]).
pub(super) fn is_fractional(x: f64) -> bool {
    (INTEGRAL..=1.0 - INTEGRAL).contains(&x)
}

/// The LP's support, and the columns of the children it places fractionally at the homes it
/// uses: the smallest set where rounding the LP might keep its value.
pub(super) fn near_support(
    model: &AssignmentModel,
    candidates: &[usize],
    values: &[f64],
) -> Vec<usize> {
    let (children, homes) = marked(model, candidates, values, |x| x > INTEGRAL);
    support_and(model, candidates, values, |column| {
        homes[column.home] && column.children.iter().any(|&c| children[c])
    })
}

/// The LP's support, and every column touching a child or home the LP uses fractionally:
/// where a better integer answer than rounding is most likely to be found. `values` are in the
/// order of `candidates`.
pub(super) fn neighbourhood(
    model: &AssignmentModel,
    candidates: &[usize],
    values: &[f64],
) -> Vec<usize> {
    let (children, homes) = marked(model, candidates, values, is_fractional);
    support_and(model, candidates, values, |column| {
        homes[column.home] || column.children.iter().any(|&c| children[c])
    })
}

/// The children in a column the LP uses fractionally, and the homes of the columns whose
/// value `home_marked` accepts.
fn marked(
    model: &AssignmentModel,
    candidates: &[usize],
    values: &[f64],
    home_marked: impl Fn(f64) -> bool,
) -> (Vec<bool>, Vec<bool>) {
    let mut children = vec![false; model.n_children];
    let mut homes = vec![false; model.capacity.len()];
    for (&j, &x) in candidates.iter().zip(values) {
        let column = &model.columns[j];
        if home_marked(x) {
            homes[column.home] = true;
        }
        if is_fractional(x) {
            for &c in &column.children {
                children[c] = true;
            }
        }
    }
    (children, homes)
}

/// The LP's support and the candidates `extra` accepts, ascending.
fn support_and(
    model: &AssignmentModel,
    candidates: &[usize],
    values: &[f64],
    extra: impl Fn(&Column) -> bool,
) -> Vec<usize> {
    candidates
        .iter()
        .zip(values)
        .filter(|&(&j, &x)| x > INTEGRAL || extra(&model.columns[j]))
        .map(|(&j, _)| j)
        .collect()
}
