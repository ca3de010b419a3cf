//! Where an LP ended (which columns and rows were basic), so that a like LP starts there.
//!
//! The options re-solve the recommended match once per (child, home) pair with that pair
//! required: the same phase-2 LP plus one row. From a slack basis HiGHS needs a thousand or
//! more simplex iterations for each; from the recommended match's final basis (the new row
//! basic) the dual simplex needs a handful. Rows are matched by what they are (a child, a
//! home, a group inequality, the n-th cut), not by position, as the new row shifts the others.
//! A basis that does not fit (the count of basic variables differs from the rows) is not
//! used: it is a hint only, and the LP is solved as it would be without it.

use super::SolverError;
use super::highs::{self, BasisStatus};
use super::layout::Layout;
use std::collections::HashMap;

/// What a row of the [`Layout`] is, whatever its position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum RowKey {
    Child(usize),
    Home(usize),
    Budget,
    Floor,
    Required(usize, usize),
    /// (home, k): units of k or more children in the home.
    Group(usize, usize),
    /// The conflict row of two columns (model indices).
    Conflict(usize, usize),
    /// The n-th cover inequality of the LP's cut list.
    Cut(usize),
}

/// Every row of `layout`, by position, with what it is.
fn row_keys(layout: &Layout) -> Vec<RowKey> {
    let mut keys = vec![RowKey::Budget; layout.n_rows];
    for c in 0..layout.n_children {
        keys[layout.child_row(c)] = RowKey::Child(c);
    }
    for h in 0..layout.n_homes {
        keys[layout.home_row(h)] = RowKey::Home(h);
    }
    if let Some(row) = layout.budget {
        keys[row] = RowKey::Budget;
    }
    if let Some((row, _)) = layout.floor {
        keys[row] = RowKey::Floor;
    }
    for &(c, h, row) in &layout.required {
        keys[row] = RowKey::Required(c, h);
    }
    for (h, groups) in layout.groups.iter().enumerate() {
        for &(k, row) in groups {
            keys[row] = RowKey::Group(h, k);
        }
    }
    for (pair, &row) in layout.conflict_pairs.iter().zip(&layout.conflicts) {
        keys[row] = RowKey::Conflict(pair[0], pair[1]);
    }
    for (n, &row) in layout.cuts.iter().enumerate() {
        keys[row] = RowKey::Cut(n);
    }
    keys
}

/// The basis statuses at the end of a solve, by model column and by row meaning.
#[derive(Debug, Clone, Default)]
pub(super) struct Basis {
    columns: HashMap<usize, BasisStatus>,
    rows: HashMap<RowKey, BasisStatus>,
}

impl Basis {
    /// The basis of the solved model `live`, whose columns are `live_order` (model column
    /// indices, in the model's order) and whose rows are `layout`'s.
    pub fn read(
        live: &highs::Solved,
        layout: &Layout,
        live_order: &[usize],
    ) -> Result<Basis, SolverError> {
        let (columns, rows) = live.basis()?;
        Ok(Basis {
            columns: live_order.iter().copied().zip(columns).collect(),
            rows: row_keys(layout).into_iter().zip(rows).collect(),
        })
    }

    /// Start `live` (columns `live_order`, rows `layout`'s, not yet solved) from this basis:
    /// columns it does not know at their lower bound, rows it does not know basic. Returns
    /// whether the backend took it (false when it does not fit this model).
    pub fn start(&self, live: &mut highs::Model, layout: &Layout, live_order: &[usize]) -> bool {
        let columns: Vec<BasisStatus> = live_order
            .iter()
            .map(|j| self.columns.get(j).copied().unwrap_or(BasisStatus::Lower))
            .collect();
        let rows: Vec<BasisStatus> = row_keys(layout)
            .iter()
            .map(|key| self.rows.get(key).copied().unwrap_or(BasisStatus::Basic))
            .collect();
        let basic = columns
            .iter()
            .chain(&rows)
            .filter(|&&s| s == BasisStatus::Basic)
            .count();
        if basic != rows.len() {
            return false;
        }
        live.set_basis(&columns, &rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solver::goal::Goal;
    use crate::solver::highs::Outcome;
    use crate::solver::restricted::{lp, solve as solve_lp};
    use crate::solver::{AssignmentModel, Column};

    /// Three children, three homes of one bed, every child eligible everywhere with scores
    /// that make the LP's answer a permutation.
    fn model() -> AssignmentModel {
        let scores = [[9.0, 5.0, 1.0], [6.0, 8.0, 2.0], [3.0, 4.0, 7.0]];
        let mut columns = Vec::new();
        for (c, row) in scores.iter().enumerate() {
            for (h, &score) in row.iter().enumerate() {
                columns.push(Column {
                    home: h,
                    children: smallvec::smallvec![c],
                    weight: 1.0,
                    score,
                    cost: 0.0,
                    beds: 1,
                });
            }
        }
        AssignmentModel {
            n_children: 3,
            capacity: vec![1, 1, 1],
            columns: columns.into(),
            budget: None,
            required: Vec::new(),
            conflicts: Vec::new(),
            clashes: None,
        }
    }

    /// Solve the LP over every column, from `basis` if given: (objective, basis taken).
    fn solve(model: &AssignmentModel, basis: Option<&Basis>) -> (f64, bool, Basis) {
        let scores: Vec<f64> = model.columns.iter().map(|c| c.score).collect();
        let all: Vec<usize> = (0..model.columns.len()).collect();
        let goal = Goal::new(&scores);
        let rows = goal.layout(model, &all);
        let mut live = lp(model, &rows, &all, &goal).expect("builds");
        let taken = basis.is_some_and(|b| b.start(&mut live, &rows, &all));
        let solved = solve_lp(live, &crate::solver::SolveOptions::default()).expect("solves");
        assert_eq!(solved.outcome(), Outcome::Optimal);
        let end = Basis::read(&solved, &rows, &all).expect("reads");
        (solved.objective(), taken, end)
    }

    #[test]
    fn a_re_solve_with_a_required_pair_starts_from_the_basis_and_finds_the_same_optimum() {
        let plain = model();
        let (best, _, end) = solve(&plain, None);
        assert!((best - 24.0).abs() < 1e-9, "9 + 8 + 7, got {best}");
        // Child 0 required at home 1: a new row before the others' positions shift.
        let mut required = plain.clone();
        required.required = vec![(0, 1)];
        let (warm, taken, _) = solve(&required, Some(&end));
        let (cold, _, _) = solve(&required, None);
        assert!(
            taken,
            "the basis fits: the new row is basic, the rest as they were"
        );
        // 5 (child 0 at home 1) + 6 (child 1 at home 0) + 7.
        assert!((warm - 18.0).abs() < 1e-9 && (cold - 18.0).abs() < 1e-9);
    }

    #[test]
    fn a_basis_that_does_not_fit_is_not_used() {
        let plain = model();
        let (_, _, mut end) = solve(&plain, None);
        // One basic row too many: the count no longer matches the rows.
        end.rows.insert(RowKey::Child(0), BasisStatus::Basic);
        end.columns.insert(0, BasisStatus::Basic);
        let (again, taken, _) = solve(&plain, Some(&end));
        assert!(!taken);
        assert!((again - 24.0).abs() < 1e-9);
    }
}
