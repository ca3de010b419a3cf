//! What one solve leaves for the next solve of a like problem: the options' re-solves are the
//! same columns with one (child, home) pair required.

use super::basis::Basis;
use super::cuts::Cut;
use super::face::Face;
use super::{AssignmentModel, Column};
use std::sync::Arc;

/// What phase 1 proved: its face, its cuts, the floor on the weighted count, its answer.
#[derive(Debug, Clone)]
pub(super) struct PhaseOne {
    pub face: Face,
    pub cuts: Vec<Cut>,
    pub floor: f64,
    /// Column indices, ascending.
    pub chosen: Vec<usize>,
}

/// Where an LP ended: its cuts (valid for every answer) and its basis. A re-solve's phase 2
/// (the same LP with a pair required) starts from the recommended match's phase-2 end, and
/// phase 2 from its own problem's phase-1 end.
#[derive(Debug, Clone)]
pub(super) struct LpEnd {
    pub cuts: Vec<Cut>,
    pub basis: Basis,
}

/// Phase 1's proof for a problem without required pairs, and the problem it is for.
#[derive(Debug)]
struct Proven {
    columns: Arc<Vec<Column>>,
    capacity: Vec<u32>,
    budget: Option<f64>,
    /// The conflict rows the proof was made with: it holds for a model with these and more.
    conflicts: Vec<[usize; 2]>,
    phase_one: PhaseOne,
    phase_two: Option<LpEnd>,
}

/// Where a solve ended: re-solving the same problem with pairs required can skip phase 1
/// when the pairs cost no placement, and starts each LP from the columns this one ended
/// with. Opaque outside the solver; a hint only (any value gives the same, proven answer).
#[derive(Debug, Clone, Default)]
pub struct WarmStart {
    pub(super) phase_columns: [Vec<usize>; 2],
    proven: Option<Arc<Proven>>,
    /// The conflict rows the solve ended with (sorted): a re-solve starts with them.
    pub(super) conflicts: Vec<[usize; 2]>,
}

impl PartialEq for WarmStart {
    fn eq(&self, other: &Self) -> bool {
        self.phase_columns == other.phase_columns
            && self.conflicts == other.conflicts
            && match (&self.proven, &other.proven) {
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

impl WarmStart {
    /// `phase_one` only when it was proven optimal for `model` with no pairs required;
    /// `phase_two`: where phase 2's LP over its face ended.
    pub(super) fn new(
        model: &AssignmentModel,
        phase_columns: [Vec<usize>; 2],
        phase_one: Option<PhaseOne>,
        phase_two: Option<LpEnd>,
    ) -> Self {
        WarmStart {
            phase_columns,
            proven: phase_one.map(|phase_one| {
                Arc::new(Proven {
                    columns: Arc::clone(&model.columns),
                    capacity: model.capacity.clone(),
                    budget: model.budget,
                    conflicts: model.conflicts.clone(),
                    phase_one,
                    phase_two,
                })
            }),
            conflicts: Vec::new(),
        }
    }

    /// Phase 1's proof, if it was made for this very problem (the same shared columns, beds
    /// and budget, and no conflict row `model` lacks) without required pairs: then it holds
    /// for `model` whatever pairs it requires (more rows only take answers away).
    pub(super) fn phase_one_for(
        &self,
        model: &AssignmentModel,
    ) -> Option<(&PhaseOne, Option<&LpEnd>)> {
        let proven = self.proven.as_ref()?;
        (Arc::ptr_eq(&proven.columns, &model.columns)
            && proven.capacity == model.capacity
            && proven.budget == model.budget
            && proven
                .conflicts
                .iter()
                .all(|p| model.conflicts.binary_search(p).is_ok()))
        .then_some((&proven.phase_one, proven.phase_two.as_ref()))
    }
}
