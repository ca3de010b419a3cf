//! The fast, still exact, solver. Two lexicographic phases (most urgency-weighted children
//! placed, then the best total score), each:
//!
//! 1. The LP relaxation over every candidate column, solved by [`super::relaxation`]: pricing
//!    from a few columns per child, with the cover inequalities of [`super::cuts`] that close
//!    most of the gap sibling groups open (and the clique and odd-cycle inequalities of
//!    [`super::conflict_cuts`] across homes), each step from the last basis. Its bound is
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
use super::goal::{Goal, LpSettings};
use super::in_face::{PhaseTwoStart, second_phase, third_phase};
use super::phase::{NoAnswer, PhaseResult, Proof, finish_phase, integral_at_bound, relax, value};
use super::relaxation::Relaxed;
use super::tolerance::{PHASE, relative};
use super::warm::{LpEnd, PhaseOne, WarmStart};
use super::{Assignment, AssignmentModel, Optimality, SolveOptions, SolverError};
use std::time::Instant;

pub fn solve(
    model: &AssignmentModel,
    options: &SolveOptions,
    warm: &WarmStart,
    keep: Option<&[Option<usize>]>,
) -> Result<Assignment, SolverError> {
    let start = Instant::now();
    // One clock for the whole solve: every LP and branch and bound gets what is left of it.
    let options = &options.started();
    if model.columns.is_empty() && model.required.is_empty() {
        return Ok(Assignment::nobody_placed());
    }
    let weights: Vec<f64> = model.columns.iter().map(|c| c.weight).collect();
    let scores: Vec<f64> = model.columns.iter().map(|c| c.score).collect();
    let ends = |known: &PhaseOne, second: PhaseResult, first: Proof, warm_start| {
        let second = match keep {
            Some(keep) if first.is_optimal() && second.proof.is_optimal() => {
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
            Ok(second) => return ends(known, second, Proof::Optimal, warm.clone()),
            // Holding the pairs costs a placement: solve both phases afresh.
            Err(SolverError::Infeasible) => {}
            Err(e) => return Err(e),
        }
    }
    let all: Vec<usize> = (0..model.columns.len()).collect();
    let tie_break = tie_broken(&weights, &scores);
    let first_goal = Goal::new(&weights);
    let first_lp = LpSettings {
        warm_objective: Some(&tie_break),
        start: &warm.phase_columns[0],
        keep_basis: true,
        ..LpSettings::default()
    };
    let relaxed = relax(model, all, &first_goal, &first_lp, options)?;
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
        Some((known, second)) => (known, second, Proof::Optimal),
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
            (known, second, first.proof)
        }
    };
    let phase_columns = [first_columns, second.relaxed.lp.lp_columns.clone()];
    let reusable = first.is_optimal() && model.required.is_empty();
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
    let floor = target - relative(PHASE, target);
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
pub(super) fn merged(a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut all = [a, b].concat();
    all.sort_unstable();
    all.dedup();
    all
}

/// The answer from phase 2's result; `first`: how well phase 1's is known.
fn assemble(
    weights: &[f64],
    scores: &[f64],
    second: PhaseResult,
    first: Proof,
    warm_start: WarmStart,
    start: Instant,
) -> Assignment {
    Assignment {
        warm_start,
        weighted_placed: value(&second.chosen, weights),
        total_score: value(&second.chosen, scores),
        chosen: second.chosen,
        optimality: if first.is_optimal() && second.proof.is_optimal() {
            Optimality::Optimal
        } else {
            Optimality::TimeLimit
        },
        gap: first.gap().max(second.proof.gap()),
        seconds: start.elapsed().as_secs_f64(),
    }
}

/// Phase 1's weights with a little of the score added (at most a thousandth of the smallest
/// weight), to start its LP from: see [`LpSettings::warm_objective`].
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
    use crate::solver::restricted::{lp, solve as solve_lp};
    use crate::solver::subsets::is_fractional;

    fn column(home: usize, children: Vec<usize>, score: f64) -> Column {
        let weight = children.len() as f64;
        Column {
            home,
            beds: children.len() as u32,
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
            conflicts: Vec::new(),
            clashes: None,
        };
        let objective = [2.0, 3.0];
        let goal = Goal::new(&objective);
        let rows = goal.layout(&model, &[0, 1]);
        let live = lp(&model, &rows, &[0, 1], &goal).expect("builds");
        let solved = solve_lp(live, &crate::solver::SolveOptions::default()).expect("solves");
        let values = solved.solution().columns().to_vec();
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
            conflicts: Vec::new(),
            clashes: None,
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
