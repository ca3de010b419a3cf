//! Phases 2 and 3, each inside the face the phase before proves every answer optimal so far
//! lies in ([`super::face`]): phase 2 the best score among the answers placing the most
//! children, phase 3 (for the options) the answer among those that keeps the most children
//! where the recommended match put them. See [`super::fast`] for the method as a whole.

use super::face::optimal_face;
use super::goal::{Goal, LpSettings};
use super::layout::{Floor, Measure};
use super::phase::{NoAnswer, PhaseResult, solve_phase, value};
use super::tolerance::{KEEP, relative};
use super::warm::{LpEnd, PhaseOne};
use super::{AssignmentModel, SolveOptions, SolverError};

/// Where phase 2's LP starts.
#[derive(Clone, Copy)]
pub(super) struct PhaseTwoStart<'a> {
    /// Columns in its first LP (ascending).
    pub columns: &'a [usize],
    /// Where a like LP ended (a like problem's phase 2, or this problem's phase 1): its cuts
    /// (valid for every answer) replace phase 1's, and its basis starts the LP.
    pub like: Option<&'a LpEnd>,
    /// Keep the LP's final basis, for re-solves of this problem.
    pub keep_basis: bool,
}

/// Phase 2: the best score over phase 1's face (and, if the face alone does not hold it,
/// above phase 1's floor). `start`: where its LP begins (see [`PhaseTwoStart`]); its columns
/// hold an answer in the face (phase 1's, or its LP's), which keeps that LP feasible unless
/// pairs are now required. With [`NoAnswer::GiveUp`],
/// infeasible when the face alone does not hold the floor or its first branch and bound finds
/// no answer.
pub(super) fn second_phase(
    model: &AssignmentModel,
    known: &PhaseOne,
    start: PhaseTwoStart,
    weights: &[f64],
    scores: &[f64],
    options: &SolveOptions,
    no_answer: NoAnswer,
) -> Result<PhaseResult, SolverError> {
    let face = &known.face;
    let allowed = face.allowed_columns();
    let goal = Goal {
        face: Some(face),
        cuts: start.like.map_or(&known.cuts, |like| &like.cuts),
        ..Goal::new(scores)
    };
    let settings = LpSettings {
        start: start.columns,
        basis: start.like.map(|like| &like.basis),
        keep_basis: start.keep_basis,
        ..LpSettings::default()
    };
    let second = solve_phase(model, allowed.clone(), goal, &settings, options, no_answer)?;
    if value(&second.chosen, weights) >= known.floor {
        return Ok(second);
    }
    if no_answer == NoAnswer::GiveUp {
        return Err(SolverError::Infeasible);
    }
    // The face was not tight enough to hold the floor by itself (possible only when the
    // phase-1 duals leave near-zero slack): state the floor as a row as well.
    let with_floor = Goal {
        floor: Some(Floor {
            measure: Measure::Weight,
            value: known.floor,
        }),
        ..goal
    };
    solve_phase(
        model,
        allowed,
        with_floor,
        &settings,
        options,
        NoAnswer::Widen,
    )
}

/// Phase 3, for the options: among the answers optimal in phases 1 and 2, one that keeps the
/// most children where `keep` placed them (so an option's "moves" lists only the children who
/// must move). It runs inside the face phase 2's duals prove every such answer lies in; if its
/// answer falls short of either optimum (tolerances), phase 2's answer stands.
pub(super) fn third_phase(
    model: &AssignmentModel,
    known: &PhaseOne,
    second: PhaseResult,
    keep: &[Option<usize>],
    weights: &[f64],
    scores: &[f64],
    options: &SolveOptions,
) -> Result<PhaseResult, SolverError> {
    let score = value(&second.chosen, scores);
    let floor = score - relative(KEEP, score);
    let face = optimal_face(
        model,
        &second.relaxed.candidates,
        &second.relaxed.layout,
        &second.relaxed.lp,
        floor,
        Some(&known.face),
    );
    let kept: Vec<f64> = model
        .columns
        .iter()
        .map(|c| {
            c.children
                .iter()
                .filter(|&&child| keep.get(child).copied().flatten() == Some(c.home))
                .count() as f64
        })
        .collect();
    let allowed = face.allowed_columns();
    let goal = Goal {
        face: Some(&face),
        cuts: &second.relaxed.cuts,
        ..Goal::new(&kept)
    };
    let settings = LpSettings {
        start: &second.chosen,
        ..LpSettings::default()
    };
    let holds = |third: &PhaseResult| {
        third.proof.is_optimal()
            && value(&third.chosen, weights) >= known.floor
            && value(&third.chosen, scores) >= floor
    };
    match solve_phase(
        model,
        allowed.clone(),
        goal,
        &settings,
        options,
        NoAnswer::Widen,
    ) {
        Ok(third) if holds(&third) => return Ok(third),
        Ok(_) | Err(SolverError::Infeasible) => {}
        Err(e) => return Err(e),
    }
    // The face was not tight enough to hold phase 2's score (phase 2's LP bound was above its
    // answer, so the face admits answers scoring less): state the score as a row as well.
    let with_floor = Goal {
        floor: Some(Floor {
            measure: Measure::Score,
            value: floor,
        }),
        ..goal
    };
    match solve_phase(
        model,
        allowed,
        with_floor,
        &settings,
        options,
        NoAnswer::Widen,
    ) {
        Ok(third) if holds(&third) => Ok(third),
        Ok(_) | Err(SolverError::Infeasible) => Ok(second),
        Err(e) => Err(e),
    }
}
