//! One lexicographic phase: the LP relaxation ([`super::relaxation`]), then, unless it is
//! integral at its bound, branch and bound on growing sets of columns until the reduced-cost
//! bound proves the answer optimal (see [`super::fast`]).

use super::highs_model::{Restriction, run};
use super::relaxation::{Relaxed, solve_relaxation};
use super::subsets::{INTEGRAL, is_fractional, near_support, neighbourhood};
use super::{AssignmentModel, SolveOptions, SolverError};

pub(super) fn value(chosen: &[usize], objective: &[f64]) -> f64 {
    chosen.iter().map(|&j| objective[j]).sum()
}

pub(super) struct PhaseResult {
    pub chosen: Vec<usize>,
    pub optimal: bool,
    /// Relative distance below the LP bound (0 when optimal).
    pub gap: f64,
    pub relaxed: Relaxed,
}

/// What branch and bound does when a set of columns around the LP's answer holds no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NoAnswer {
    /// Widen the set until one is found or every candidate has been tried (then infeasible).
    Widen,
    /// Report the phase infeasible at once: for a trial whose failure has a cheaper way out
    /// than branch and bound over every candidate (see [`super::fast`]).
    GiveUp,
}

/// One lexicographic phase over the `candidates` (ascending column indices): maximise the
/// goal's objective, within phase 2's face and, if given, above its floor. `goal` is the LP
/// relaxation to start from.
pub(super) fn solve_phase(
    model: &AssignmentModel,
    candidates: Vec<usize>,
    goal: Restriction,
    options: &SolveOptions,
    no_answer: NoAnswer,
) -> Result<PhaseResult, SolverError> {
    let relaxed = relax(model, candidates, &goal, options)?;
    finish_phase(model, relaxed, goal, options, no_answer)
}

/// The phase's LP relaxation ([`super::relaxation`]); infeasible when it is.
pub(super) fn relax(
    model: &AssignmentModel,
    candidates: Vec<usize>,
    goal: &Restriction,
    options: &SolveOptions,
) -> Result<Relaxed, SolverError> {
    solve_relaxation(model, candidates, goal, options)?.ok_or(SolverError::Infeasible)
}

/// The LP's answer when it is integral and at the bound, so optimal. (An integral answer a
/// little below the weak duality bound is left to branch and bound to prove or improve.)
pub(super) fn integral_at_bound(relaxed: &Relaxed, objective: &[f64]) -> Option<Vec<usize>> {
    let lp = &relaxed.lp;
    if lp.values.iter().any(|&x| is_fractional(x)) {
        return None;
    }
    let chosen: Vec<usize> = relaxed
        .candidates
        .iter()
        .zip(&lp.values)
        .filter(|(_, x)| **x > 0.5)
        .map(|(&j, _)| j)
        .collect();
    let tolerance = 1e-7 * lp.objective.abs().max(1.0);
    (value(&chosen, objective) >= lp.objective - tolerance).then_some(chosen)
}

/// The rest of the phase from its LP relaxation: done if that is integral at its bound,
/// otherwise branch and bound until the answer is proven optimal.
pub(super) fn finish_phase(
    model: &AssignmentModel,
    relaxed: Relaxed,
    goal: Restriction,
    options: &SolveOptions,
    no_answer: NoAnswer,
) -> Result<PhaseResult, SolverError> {
    let objective = goal.objective;
    let (all, lp) = (&relaxed.candidates, &relaxed.lp);
    let integer = Restriction {
        integer: true,
        cuts: &relaxed.cuts,
        separate: false,
        warm_objective: None,
        start: &[],
        ..goal
    };
    let bound = lp.objective;
    let tolerance = 1e-7 * bound.abs().max(1.0);
    if let Some(chosen) = integral_at_bound(&relaxed, objective) {
        return Ok(PhaseResult {
            chosen,
            optimal: true,
            gap: 0.0,
            relaxed,
        });
    }
    // Phase 1 first tries the columns the LP uses and their neighbours: if branch and bound
    // there reaches the LP bound, the answer is optimal. (Its objective is the same for every
    // home a child can take, so nearly every column has zero reduced cost and a reduced-cost
    // subset would be nearly all of them.) Phase 2's reduced costs are informative: it starts
    // from the columns with zero reduced cost.
    // delta < 0 marks the first tries: -2 the LP's support alone, -1 its neighbourhood.
    // The best answer so far (ascending), handed to each wider branch and bound.
    let mut best: Vec<usize> = Vec::new();
    let mut delta = if goal.face.is_none() {
        -2.0
    } else {
        1e-6 * bound.abs().max(1.0)
    };
    loop {
        let subset: Vec<usize> = if delta < -1.5 {
            near_support(model, all, &lp.values)
        } else if delta < 0.0 {
            neighbourhood(model, all, &lp.values)
        } else {
            all.iter()
                .zip(lp.reduced_costs.iter().zip(&lp.values))
                .filter(|(_, (d, x))| **d >= -delta || **x > INTEGRAL)
                .map(|(&j, _)| j)
                .collect()
        };
        let with_best = Restriction {
            start: &best,
            ..integer
        };
        let mip = run(model, &subset, &with_best, options)?;
        let Some(found) = mip.values else {
            if subset.len() == all.len() || no_answer == NoAnswer::GiveUp {
                return Err(SolverError::Infeasible);
            }
            // Too few columns to satisfy phase 2's floor or a required pair: widen.
            delta = if delta < -1.5 {
                -1.0
            } else if delta < 0.0 {
                tolerance
            } else {
                (delta * 4.0).max(1.0)
            };
            continue;
        };
        let chosen: Vec<usize> = subset
            .iter()
            .zip(&found)
            .filter(|(_, x)| **x > 0.5)
            .map(|(&j, _)| j)
            .collect();
        let gap = bound - value(&chosen, objective);
        best.clone_from(&chosen);
        if !mip.optimal {
            return Ok(PhaseResult {
                chosen,
                optimal: false,
                gap: gap.max(0.0) / bound.abs().max(1.0),
                relaxed,
            });
        }
        if gap <= delta.max(0.0) + tolerance || subset.len() == all.len() {
            return Ok(PhaseResult {
                chosen,
                optimal: true,
                gap: 0.0,
                relaxed,
            });
        }
        // A little more room often finds a better answer (a smaller gap) at much less cost
        // than jumping straight to the full gap; the test above keeps every step exact.
        delta = if delta < -1.5 {
            -1.0
        } else if delta < 0.0 {
            gap / 8.0
        } else {
            (delta * 8.0).min(gap)
        } + tolerance;
    }
}
