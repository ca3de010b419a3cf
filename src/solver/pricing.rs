//! Which columns an LP relaxation holds: each child's few best to start with, then, round by
//! round, the left-out columns whose reduced cost says they could improve it
//! ([`super::relaxation`]).

use super::AssignmentModel;
use super::goal::{Goal, LpSettings};
use super::tolerance::PRICE;

/// Columns per child in the first LP (its best by objective, then score).
const START_PER_CHILD: usize = 5;
/// Columns entering per child in one pricing round.
const ENTER_PER_CHILD: usize = 10;

/// The left-out columns that price in: for each child, its few with the largest positive
/// reduced cost (adding every column that prices in floods the LP when the duals are young).
pub(super) fn entering_columns(
    model: &AssignmentModel,
    subset: &[usize],
    d: &[f64],
    position: &[Option<u32>],
) -> Vec<usize> {
    let per_child = ENTER_PER_CHILD;
    let mut by_child: Vec<Vec<(f64, usize)>> = vec![Vec::new(); model.n_children];
    for (&j, &dj) in subset.iter().zip(d) {
        if position[j].is_none() && dj > PRICE {
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
pub(super) fn register(
    position: &mut [Option<u32>],
    live_order: &mut Vec<usize>,
    columns: &[usize],
) {
    for &j in columns {
        // Column counts fit in u32: HiGHS itself indexes them with 32-bit integers.
        position[j] = u32::try_from(live_order.len()).ok();
        live_order.push(j);
    }
}

/// Each child's best few columns (unless a like LP's basis gives the start), every column the
/// face forces and every column of a required pair: ascending.
pub(super) fn starting_columns(
    model: &AssignmentModel,
    subset: &[usize],
    what: &Goal,
    settings: &LpSettings,
) -> Vec<usize> {
    // With a like LP's basis, its columns (in `start`) are where to begin: pricing adds the
    // few more this LP needs, and sorting every child's columns costs more than that.
    let per_child = if settings.basis.is_some() {
        0
    } else {
        START_PER_CHILD
    };
    let mut by_child: Vec<Vec<usize>> = vec![Vec::new(); model.n_children];
    let mut chosen: Vec<usize> = settings
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
        if required || what.column_lower(j) > 0.0 {
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
