//! What a phase solves: its goal (objective, and which answers count: a floor, a face, cover
//! inequalities), shared by its LP relaxation and its branch and bound, and the settings that
//! belong to one of the two only ([`LpSettings`], [`MipSettings`]).

use super::AssignmentModel;
use super::basis::Basis;
use super::cuts::Cut;
use super::face::Face;
use super::layout::{Floor, Layout, layout};

/// A phase's objective over the answers it may choose from.
#[derive(Clone, Copy)]
pub(super) struct Goal<'a> {
    /// The phase's objective, one value per column of the model.
    pub objective: &'a [f64],
    /// A floor on an earlier phase's objective, when the face alone cannot hold it.
    pub floor: Option<Floor>,
    /// What the earlier phases proved every lexicographically optimal answer satisfies.
    pub face: Option<&'a Face>,
    /// Cover inequalities to include from the start.
    pub cuts: &'a [Cut],
}

impl<'a> Goal<'a> {
    /// Maximise `objective` over every answer.
    pub fn new(objective: &'a [f64]) -> Self {
        Goal {
            objective,
            floor: None,
            face: None,
            cuts: &[],
        }
    }

    /// Lower bound of column `j`: 1 when the face forces it.
    pub fn column_lower(&self, j: usize) -> f64 {
        if self.face.is_some_and(|f| f.forced[j]) {
            1.0
        } else {
            0.0
        }
    }

    /// The rows of this goal's model over `subset` (with its own cuts).
    pub fn layout(&self, model: &AssignmentModel, subset: &[usize]) -> Layout {
        layout(
            model,
            subset,
            self.floor.map(|f| f.measure),
            self.face.map(|f| f.group_full.as_slice()),
            self.cuts,
        )
    }

    /// The range of every row of `layout` (whose cover inequalities are `cuts`), by row index:
    /// `(lower, upper)`, with the face's tight rows as equalities.
    pub fn row_ranges(
        &self,
        model: &AssignmentModel,
        layout: &Layout,
        cuts: &[Cut],
    ) -> (Vec<f64>, Vec<f64>) {
        let face = self.face;
        let mut lower = vec![f64::NEG_INFINITY; layout.n_rows];
        let mut upper = vec![f64::INFINITY; layout.n_rows];
        for child in 0..layout.n_children {
            let row = layout.child_row(child);
            upper[row] = 1.0;
            if face.is_some_and(|f| f.child_full[child]) {
                lower[row] = 1.0;
            }
        }
        for (home, &cap) in model.capacity.iter().enumerate() {
            let row = layout.home_row(home);
            upper[row] = f64::from(cap);
            if face.is_some_and(|f| f.home_full[home]) {
                lower[row] = upper[row];
            }
        }
        if let (Some(row), Some(budget)) = (layout.budget, model.budget) {
            upper[row] = budget;
        }
        if let (Some((row, _)), Some(floor)) = (layout.floor, self.floor) {
            lower[row] = floor.value;
        }
        for &(_, _, row) in &layout.required {
            lower[row] = 1.0;
            upper[row] = 1.0;
        }
        for (home, groups) in layout.groups.iter().enumerate() {
            for &(k, row) in groups {
                upper[row] = f64::from(model.capacity[home] / k as u32);
                if face.is_some_and(|f| f.group_is_full(home, k)) {
                    lower[row] = upper[row];
                }
            }
        }
        for &row in &layout.conflicts {
            upper[row] = 1.0;
        }
        for (cut, &row) in cuts.iter().zip(&layout.cuts) {
            upper[row] = cut.rhs;
        }
        (lower, upper)
    }
}

/// How to solve a phase's LP relaxation.
#[derive(Clone, Copy)]
pub(super) struct LpSettings<'a> {
    /// Look for broken cover inequalities and re-solve with them.
    pub separate: bool,
    /// An objective to solve first, whose optimal basis starts the solve with the goal's
    /// (phase 1's weights are equal across a child's homes, and the dual simplex crawls on
    /// such ties; a little of the score breaks them).
    pub warm_objective: Option<&'a [f64]>,
    /// A like LP's final basis to start from (see [`super::basis`]).
    pub basis: Option<&'a Basis>,
    /// Keep the final basis in the result (for re-solves of a like LP).
    pub keep_basis: bool,
    /// Columns to include from the start, ascending (a known answer keeps the first,
    /// restricted LP feasible).
    pub start: &'a [usize],
}

impl Default for LpSettings<'_> {
    /// Cover inequalities found as needed; no warm start; the basis not kept.
    fn default() -> Self {
        LpSettings {
            separate: true,
            warm_objective: None,
            basis: None,
            keep_basis: false,
            start: &[],
        }
    }
}

/// How to run branch and bound on a phase's columns.
#[derive(Clone, Copy)]
pub(super) struct MipSettings<'a> {
    /// A known answer (ascending), handed to branch and bound as its first incumbent when
    /// every column of it is in the subset.
    pub incumbent: &'a [usize],
    /// The solve's options: its time limit and the deadline every solve in it shares.
    pub options: &'a super::SolveOptions,
}
