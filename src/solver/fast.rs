//! The fast, still exact, solver. Two lexicographic phases (most urgency-weighted children
//! placed, then the best total score), each:
//!
//! 1. The LP relaxation over every candidate column, solved by [`super::relaxation`]: pricing
//!    from a few columns per child, with the cover inequalities of [`super::cuts`] that close
//!    most of the gap sibling groups open, each step from the last basis. Its bound is
//!    recomputed by weak duality from the duals, so it holds whatever the tolerances did.
//! 2. If that LP's answer is integral and at the bound: done.
//! 3. Otherwise its reduced costs d_j bound every integer answer x:
//!    value(x) <= LP* + sum_j min(d_j, 0) x_j. So a column with d_j < -(LP* - V), where V is the
//!    value of any integer answer found, can never be part of a better one. Branch and bound
//!    runs first on small sets around the LP's answer ([`super::subsets`]), then on the columns
//!    with d_j >= -delta for a growing delta; once V >= LP* - delta, V is optimal.
//!
//! Phase 2 does not restate phase 1's optimum as a dense "count >= W" row: it runs inside the
//! face phase 1's duals prove every such answer lies in ([`super::face`]). When phase 1's LP is
//! fractional, phase 2 first runs in the face at phase 1's LP bound, from phase 1's basis: an
//! answer there reaches the bound, so phase 1's own branch and bound is skipped (it runs only
//! if that try finds nothing). A re-solve of the same problem with a pair required (the
//! options) reuses phase 1's proof ([`super::warm`]), skips phase 1 when the pair costs no
//! placement, and starts phase 2's LP from the base solve's final basis ([`super::basis`]).
//!
//! HiGHS runs on one thread per model so that the same model always gives the same answer.

use super::face::optimal_face;
use super::highs_model::Restriction;
use super::layout::{Floor, Measure};
use super::phase::{
    NoAnswer, PhaseResult, finish_phase, integral_at_bound, relax, solve_phase, value,
};
use super::relaxation::Relaxed;
use super::warm::{LpEnd, PhaseOne, WarmStart};
use super::{Assignment, AssignmentModel, Optimality, SolveOptions, SolverError};
use std::time::Instant;

/// Relative tolerance when fixing the phase-1 optimum in phase 2.
const PHASE_TOLERANCE: f64 = 1e-7;
/// Relative tolerance when fixing the phase-2 optimum in phase 3: tighter, as score is what
/// the options report (system cost).
const KEEP_TOLERANCE: f64 = 1e-9;

pub fn solve(
    model: &AssignmentModel,
    options: &SolveOptions,
    warm: &WarmStart,
    keep: Option<&[Option<usize>]>,
) -> Result<Assignment, SolverError> {
    let start = Instant::now();
    if model.columns.is_empty() && model.required.is_empty() {
        return Ok(Assignment::nobody_placed());
    }
    let weights: Vec<f64> = model.columns.iter().map(|c| c.weight).collect();
    let scores: Vec<f64> = model.columns.iter().map(|c| c.score).collect();
    let ends = |known: &PhaseOne, second: PhaseResult, first: (bool, f64), warm_start| {
        let second = match keep {
            Some(keep) if first.0 && second.optimal => {
                third_phase(model, known, second, keep, &weights, &scores, options)?
            }
            _ => second,
        };
        Ok(assemble(
            &weights, &scores, second, first, warm_start, start,
        ))
    };
    if let Some((known, like)) = warm.phase_one_for(model) {
        // The same problem with pairs required: every answer reaching the unrequired phase-1
        // optimum lies in its face. If one also holds the required pairs, phase 1's optimum
        // is unchanged (it cannot rise) and phase 2 over the face finds the answer, its LP
        // starting where the unrequired problem's ended.
        let columns = merged(&known.chosen, &warm.phase_columns[1]);
        let start = PhaseTwoStart {
            columns: &columns,
            like,
            keep_basis: false,
        };
        match second_phase(
            model,
            known,
            start,
            &weights,
            &scores,
            options,
            NoAnswer::Widen,
        ) {
            Ok(second) => return ends(known, second, (true, 0.0), warm.clone()),
            // Holding the pairs costs a placement: solve both phases afresh.
            Err(SolverError::Infeasible) => {}
            Err(e) => return Err(e),
        }
    }
    let all: Vec<usize> = (0..model.columns.len()).collect();
    let tie_break = tie_broken(&weights, &scores);
    let first_goal = Restriction {
        warm_objective: Some(&tie_break),
        start: &warm.phase_columns[0],
        keep_basis: true,
        ..Restriction::lp(&weights)
    };
    let relaxed = relax(model, all, &first_goal, options)?;
    let first_columns = relaxed.lp.lp_columns.clone();
    let at_bound = if integral_at_bound(&relaxed, &weights).is_none() {
        phase_two_at_the_bound(
            model,
            &relaxed,
            &warm.phase_columns[1],
            &weights,
            &scores,
            options,
        )?
    } else {
        None
    };
    let (known, mut second, first) = match at_bound {
        Some((known, second)) => (known, second, (true, 0.0)),
        None => {
            let first = finish_phase(model, relaxed, first_goal, options, NoAnswer::Widen)?;
            let target = value(&first.chosen, &weights);
            let known = phase_one(model, &first.relaxed, target, first.chosen.clone());
            let columns = merged(&known.chosen, &warm.phase_columns[1]);
            let start = PhaseTwoStart {
                columns: &columns,
                like: None,
                keep_basis: model.required.is_empty(),
            };
            let second = second_phase(
                model,
                &known,
                start,
                &weights,
                &scores,
                options,
                NoAnswer::Widen,
            )?;
            (known, second, (first.optimal, first.gap))
        }
    };
    let phase_columns = [first_columns, second.relaxed.lp.lp_columns.clone()];
    let reusable = first.0 && model.required.is_empty();
    let phase_two = second.relaxed.basis.take().map(|basis| LpEnd {
        cuts: second.relaxed.cuts.clone(),
        basis,
    });
    let warm_start = WarmStart::new(
        model,
        phase_columns,
        reusable.then(|| known.clone()),
        phase_two,
    );
    ends(&known, second, first, warm_start)
}

/// What phase 1 proved from its relaxation: answers reaching `target` (less the tolerance)
/// lie in the face its duals give; `chosen` is such an answer.
fn phase_one(
    model: &AssignmentModel,
    relaxed: &Relaxed,
    target: f64,
    chosen: Vec<usize>,
) -> PhaseOne {
    let floor = target - PHASE_TOLERANCE * target.abs().max(1.0);
    PhaseOne {
        face: optimal_face(
            model,
            &relaxed.candidates,
            &relaxed.layout,
            &relaxed.lp,
            floor,
            None,
        ),
        cuts: relaxed.cuts.clone(),
        floor,
        chosen,
    }
}

/// Phase 2 run straight from phase 1's LP, without phase 1's branch and bound: phase 1's LP
/// bound is nearly always reached by some integer answer (on the generated counties, always),
/// and then the face at the bound holds every answer optimal in phase 1. Phase 2's answer in
/// that face reaches the bound, which proves it optimal in phase 1 as well. None when phase 2
/// finds no answer in that face at its first try: the bound may be out of reach, and phase 1's
/// own branch and bound (then phase 2 over its face) is the way to find out.
fn phase_two_at_the_bound(
    model: &AssignmentModel,
    relaxed: &Relaxed,
    warm_columns: &[usize],
    weights: &[f64],
    scores: &[f64],
    options: &SolveOptions,
) -> Result<Option<(PhaseOne, PhaseResult)>, SolverError> {
    let mut known = phase_one(model, relaxed, relaxed.lp.objective, Vec::new());
    // Phase 1's LP answer lies in the face, so its columns start phase 2's LP feasibly.
    let columns = merged(&relaxed.lp.lp_columns, warm_columns);
    let like = phase_one_end(relaxed);
    let start = PhaseTwoStart {
        columns: &columns,
        like: like.as_ref(),
        keep_basis: model.required.is_empty(),
    };
    match second_phase(
        model,
        &known,
        start,
        weights,
        scores,
        options,
        NoAnswer::GiveUp,
    ) {
        Ok(second) => {
            known.chosen.clone_from(&second.chosen);
            Ok(Some((known, second)))
        }
        Err(SolverError::Infeasible) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Where phase 1's LP ended. Its final basis is a feasible one for phase 2 (phase 1's LP answer
/// lies in the face, and the columns the face leaves out are nonbasic at zero there), so
/// phase 2's LP starts from it.
fn phase_one_end(relaxed: &Relaxed) -> Option<LpEnd> {
    relaxed.basis.clone().map(|basis| LpEnd {
        cuts: relaxed.cuts.clone(),
        basis,
    })
}

/// Two ascending column lists as one.
fn merged(a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut all = [a, b].concat();
    all.sort_unstable();
    all.dedup();
    all
}

/// Phase 3, for the options: among the answers optimal in phases 1 and 2, one that keeps the
/// most children where `keep` placed them (so an option's "moves" lists only the children who
/// must move). It runs inside the face phase 2's duals prove every such answer lies in; if its
/// answer falls short of either optimum (tolerances), phase 2's answer stands.
fn third_phase(
    model: &AssignmentModel,
    known: &PhaseOne,
    second: PhaseResult,
    keep: &[Option<usize>],
    weights: &[f64],
    scores: &[f64],
    options: &SolveOptions,
) -> Result<PhaseResult, SolverError> {
    let score = value(&second.chosen, scores);
    let floor = score - KEEP_TOLERANCE * score.abs().max(1.0);
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
    let goal = Restriction {
        face: Some(&face),
        cuts: &second.relaxed.cuts,
        start: &second.chosen,
        ..Restriction::lp(&kept)
    };
    let holds = |third: &PhaseResult| {
        third.optimal
            && value(&third.chosen, weights) >= known.floor
            && value(&third.chosen, scores) >= floor
    };
    match solve_phase(model, allowed.clone(), goal, options, NoAnswer::Widen) {
        Ok(third) if holds(&third) => return Ok(third),
        Ok(_) | Err(SolverError::Infeasible) => {}
        Err(e) => return Err(e),
    }
    // The face was not tight enough to hold phase 2's score (phase 2's LP bound was above its
    // answer, so the face admits answers scoring less): state the score as a row as well.
    let with_floor = Restriction {
        floor: Some(Floor {
            measure: Measure::Score,
            value: floor,
        }),
        ..goal
    };
    match solve_phase(model, allowed, with_floor, options, NoAnswer::Widen) {
        Ok(third) if holds(&third) => Ok(third),
        Ok(_) | Err(SolverError::Infeasible) => Ok(second),
        Err(e) => Err(e),
    }
}

/// Where phase 2's LP starts.
#[derive(Clone, Copy)]
struct PhaseTwoStart<'a> {
    /// Columns in its first LP (ascending).
    columns: &'a [usize],
    /// Where a like LP ended (a like problem's phase 2, or this problem's phase 1): its cuts
    /// (valid for every answer) replace phase 1's, and its basis starts the LP.
    like: Option<&'a LpEnd>,
    /// Keep the LP's final basis, for re-solves of this problem.
    keep_basis: bool,
}

/// Phase 2: the best score over phase 1's face (and, if the face alone does not hold it,
/// above phase 1's floor). `start`: where its LP begins (see [`PhaseTwoStart`]); its columns
/// hold an answer in the face (phase 1's, or its LP's), which keeps that LP feasible unless
/// pairs are now required. With [`NoAnswer::GiveUp`],
/// infeasible when the face alone does not hold the floor or its first branch and bound finds
/// no answer.
fn second_phase(
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
    let goal = Restriction {
        face: Some(face),
        cuts: start.like.map_or(&known.cuts, |like| &like.cuts),
        start: start.columns,
        basis: start.like.map(|like| &like.basis),
        keep_basis: start.keep_basis,
        ..Restriction::lp(scores)
    };
    let second = solve_phase(model, allowed.clone(), goal, options, no_answer)?;
    if value(&second.chosen, weights) >= known.floor {
        return Ok(second);
    }
    if no_answer == NoAnswer::GiveUp {
        return Err(SolverError::Infeasible);
    }
    // The face was not tight enough to hold the floor by itself (possible only when the
    // phase-1 duals leave near-zero slack): state the floor as a row as well.
    let with_floor = Restriction {
        floor: Some(Floor {
            measure: Measure::Weight,
            value: known.floor,
        }),
        ..goal
    };
    solve_phase(model, allowed, with_floor, options, NoAnswer::Widen)
}

/// The answer from phase 2's result; `first` = (phase 1 proven optimal, its gap).
fn assemble(
    weights: &[f64],
    scores: &[f64],
    second: PhaseResult,
    first: (bool, f64),
    warm_start: WarmStart,
    start: Instant,
) -> Assignment {
    Assignment {
        warm_start,
        weighted_placed: value(&second.chosen, weights),
        total_score: value(&second.chosen, scores),
        chosen: second.chosen,
        optimality: if first.0 && second.optimal {
            Optimality::Optimal
        } else {
            Optimality::TimeLimit
        },
        gap: first.1.max(second.gap),
        seconds: start.elapsed().as_secs_f64(),
    }
}

/// Phase 1's weights with a little of the score added (at most a thousandth of the smallest
/// weight), to start its LP from: see [`Restriction::warm_objective`].
fn tie_broken(weights: &[f64], scores: &[f64]) -> Vec<f64> {
    let smallest = weights
        .iter()
        .copied()
        .filter(|&w| w > 0.0)
        .fold(f64::INFINITY, f64::min);
    let largest_score = scores.iter().fold(0.0f64, |m, s| m.max(s.abs()));
    if !smallest.is_finite() || largest_score == 0.0 {
        return weights.to_vec();
    }
    let scale = 1e-3 * smallest / largest_score;
    weights
        .iter()
        .zip(scores)
        .map(|(w, s)| w + scale * s)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solver::Column;
    use crate::solver::highs_model::run;
    use crate::solver::subsets::is_fractional;

    fn column(home: usize, children: Vec<usize>, score: f64) -> Column {
        let weight = children.len() as f64;
        Column {
            home,
            children: children.into(),
            weight,
            score,
            cost: 0.0,
        }
    }

    #[test]
    fn a_fractional_lp_is_finished_by_branch_and_bound_exactly() {
        // A pair and a triple, one home with 4 beds: the LP places the pair and 2/3 of the
        // triple (4 children, even with the group inequalities), but only one group fits: the
        // triple (3 children) is the integer optimum.
        let model = AssignmentModel {
            n_children: 5,
            capacity: vec![4],
            columns: vec![column(0, vec![0, 1], 10.0), column(0, vec![2, 3, 4], 12.0)].into(),
            budget: None,
            required: Vec::new(),
        };
        let lp_only = Restriction {
            separate: false,
            ..Restriction::lp(&[2.0, 3.0])
        };
        let lp = run(&model, &[0, 1], &lp_only, &SolveOptions::default()).expect("solves");
        let values = lp.values.expect("feasible");
        assert!(
            values.iter().any(|&x| is_fractional(x)),
            "the LP is fractional: {values:?}"
        );
        let a = solve(
            &model,
            &SolveOptions::default(),
            &WarmStart::default(),
            None,
        )
        .expect("solves");
        assert_eq!(a.chosen, vec![1]);
        assert!((a.weighted_placed - 3.0).abs() < 1e-9 && (a.total_score - 12.0).abs() < 1e-9);
        assert_eq!(a.optimality, Optimality::Optimal);
    }

    #[test]
    fn a_required_pair_that_cannot_be_met_is_infeasible() {
        let model = AssignmentModel {
            n_children: 2,
            capacity: vec![1],
            columns: vec![column(0, vec![0], 1.0), column(0, vec![1], 1.0)].into(),
            budget: None,
            required: vec![(0, 0), (1, 0)],
        };
        assert!(matches!(
            solve(
                &model,
                &SolveOptions::default(),
                &WarmStart::default(),
                None
            ),
            Err(SolverError::Infeasible)
        ));
    }
}
