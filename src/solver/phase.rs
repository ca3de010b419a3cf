//! One lexicographic phase: the LP relaxation ([`super::relaxation`]), then, unless it is
//! integral at its bound, branch and bound on growing sets of columns ([`Stage`]) until the
//! reduced-cost bound proves the answer optimal (see [`super::fast`]).

use super::clash_rows::broken_clashes;
use super::goal::{Goal, LpSettings, MipSettings};
use super::relaxation::{Relaxed, solve_relaxation};
use super::restricted::{Run, branch_and_bound};
use super::subsets::{is_fractional, near_support, neighbourhood};
use super::tolerance::{FIRST_ROOM, INTEGRAL, PHASE, relative};
use super::{AssignmentModel, SolveOptions, SolverError};

/// The value of the answer `chosen` (column indices) under `objective`.
pub(super) fn value(chosen: &[usize], objective: &[f64]) -> f64 {
    chosen.iter().map(|&j| objective[j]).sum()
}

/// How well a phase's answer is known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Proof {
    /// Proven optimal.
    Optimal,
    /// The time limit stopped branch and bound: `gap` is how far the answer is below the LP
    /// bound, as a share of the bound.
    Stopped { gap: f64 },
}

impl Proof {
    pub fn is_optimal(self) -> bool {
        self == Proof::Optimal
    }

    /// The gap to the LP bound (0 when proven optimal).
    pub fn gap(self) -> f64 {
        match self {
            Proof::Optimal => 0.0,
            Proof::Stopped { gap } => gap,
        }
    }
}

/// What a phase ends with: its answer, how well it is known, and the relaxation it came from
/// (what the next phase's face is read from).
pub(super) struct PhaseResult {
    /// Column indices, ascending.
    pub chosen: Vec<usize>,
    pub proof: Proof,
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

/// Which columns a branch and bound of the phase sees: each stage holds the last.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Stage {
    /// The LP's support, and the columns of the children it places fractionally at the homes
    /// it uses ([`near_support`]).
    Support,
    /// The LP's support, and every column touching a child or home it uses fractionally
    /// ([`neighbourhood`]).
    Neighbourhood,
    /// The columns with reduced cost at least `-room` (and those the LP uses): an answer using
    /// any other column is more than `room` below the LP bound.
    ReducedCost { room: f64 },
}

impl Stage {
    /// The columns of this stage, from the `candidates` and their LP solution.
    fn columns(self, model: &AssignmentModel, relaxed: &Relaxed) -> Vec<usize> {
        let (all, lp) = (&relaxed.candidates, &relaxed.lp);
        match self {
            Stage::Support => near_support(model, all, &lp.values),
            Stage::Neighbourhood => neighbourhood(model, all, &lp.values),
            Stage::ReducedCost { room } => all
                .iter()
                .zip(lp.reduced_costs.iter().zip(&lp.values))
                .filter(|(_, (d, x))| **d >= -room || **x > INTEGRAL)
                .map(|(&j, _)| j)
                .collect(),
        }
    }

    /// How far below the LP bound an answer over this stage's columns may be and still be
    /// proven optimal: no answer outside them is within it.
    fn room(self) -> f64 {
        match self {
            Stage::ReducedCost { room } => room,
            Stage::Support | Stage::Neighbourhood => 0.0,
        }
    }

    /// The next stage when this one holds no answer (too few columns to satisfy phase 2's
    /// floor or a required pair).
    fn widened(self, tolerance: f64) -> Stage {
        match self {
            Stage::Support => Stage::Neighbourhood,
            Stage::Neighbourhood => Stage::ReducedCost { room: tolerance },
            Stage::ReducedCost { room } => Stage::ReducedCost {
                room: (room * 4.0).max(1.0),
            },
        }
    }

    /// The next stage when this one's best answer is `gap` below the LP bound. A little more
    /// room often finds a better answer (a smaller gap) at much less cost than jumping
    /// straight to the full gap; the optimality test keeps every step exact.
    fn toward(self, gap: f64, tolerance: f64) -> Stage {
        match self {
            Stage::Support => Stage::Neighbourhood,
            Stage::Neighbourhood => Stage::ReducedCost {
                room: gap / 8.0 + tolerance,
            },
            Stage::ReducedCost { room } => Stage::ReducedCost {
                room: (room * 8.0).min(gap) + tolerance,
            },
        }
    }
}

/// One lexicographic phase over the `candidates` (ascending column indices): maximise the
/// goal's objective, within its face and, if given, above its floor; its LP relaxation solved
/// as `settings` say.
pub(super) fn solve_phase(
    model: &AssignmentModel,
    candidates: Vec<usize>,
    goal: Goal,
    settings: &LpSettings,
    options: &SolveOptions,
    no_answer: NoAnswer,
) -> Result<PhaseResult, SolverError> {
    let relaxed = relax(model, candidates, &goal, settings, options)?;
    finish_phase(model, relaxed, goal, options, no_answer)
}

/// The phase's LP relaxation ([`super::relaxation`]); infeasible when it is.
pub(super) fn relax(
    model: &AssignmentModel,
    candidates: Vec<usize>,
    goal: &Goal,
    settings: &LpSettings,
    options: &SolveOptions,
) -> Result<Relaxed, SolverError> {
    solve_relaxation(model, candidates, goal, settings, options)?.ok_or(SolverError::Infeasible)
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
    let tolerance = relative(PHASE, lp.objective);
    (value(&chosen, objective) >= lp.objective - tolerance).then_some(chosen)
}

/// The rest of the phase from its LP relaxation: done if that is integral at its bound,
/// otherwise branch and bound until the answer is proven optimal.
pub(super) fn finish_phase(
    model: &AssignmentModel,
    mut relaxed: Relaxed,
    goal: Goal,
    options: &SolveOptions,
    no_answer: NoAnswer,
) -> Result<PhaseResult, SolverError> {
    let objective = goal.objective;
    // The LP's cuts, and the clashing pairs branch and bound's answers break as they are
    // found (valid rows all: the LP bound stays a bound with them).
    let mut cuts = relaxed.cuts.clone();
    let bound = relaxed.lp.objective;
    let tolerance = relative(PHASE, bound);
    if let Some(chosen) = integral_at_bound(&relaxed, objective) {
        return Ok(PhaseResult {
            chosen,
            proof: Proof::Optimal,
            relaxed,
        });
    }
    // Phase 1 first tries the columns the LP uses and their neighbours: if branch and bound
    // there reaches the LP bound, the answer is optimal. (Its objective is the same for every
    // home a child can take, so nearly every column has zero reduced cost and a reduced-cost
    // subset would be nearly all of them.) Phase 2's reduced costs are informative: it starts
    // from the columns with zero reduced cost.
    let mut stage = if goal.face.is_none() {
        Stage::Support
    } else {
        Stage::ReducedCost {
            room: relative(FIRST_ROOM, bound),
        }
    };
    // The best answer so far (ascending), handed to each wider branch and bound.
    let mut best: Vec<usize> = Vec::new();
    let every = relaxed.candidates.len();
    loop {
        let subset = stage.columns(model, &relaxed);
        let settings = MipSettings {
            incumbent: &best,
            options,
        };
        let integer = Goal {
            cuts: &cuts,
            ..goal
        };
        let (found, optimal) = match branch_and_bound(model, &subset, &integer, &settings)? {
            Run::Found { values, optimal } => (values, optimal),
            Run::Infeasible => {
                if subset.len() == every || no_answer == NoAnswer::GiveUp {
                    return Err(SolverError::Infeasible);
                }
                stage = stage.widened(tolerance);
                continue;
            }
        };
        let chosen: Vec<usize> = subset
            .iter()
            .zip(&found)
            .filter(|(_, x)| **x > 0.5)
            .map(|(&j, _)| j)
            .collect();
        if optimal {
            // An answer breaking a clashing pair is no answer: solve again with its pairs.
            let broken = broken_clashes(model, &chosen, &cuts);
            if !broken.is_empty() {
                cuts.extend(broken);
                continue;
            }
        }
        let gap = bound - value(&chosen, objective);
        best.clone_from(&chosen);
        relaxed.cuts.clone_from(&cuts);
        if !optimal {
            return Ok(PhaseResult {
                chosen,
                proof: Proof::Stopped {
                    gap: gap.max(0.0) / bound.abs().max(1.0),
                },
                relaxed,
            });
        }
        if gap <= stage.room() + tolerance || subset.len() == every {
            return Ok(PhaseResult {
                chosen,
                proof: Proof::Optimal,
                relaxed,
            });
        }
        stage = stage.toward(gap, tolerance);
    }
}
