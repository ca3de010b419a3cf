//! On the pure-assignment special case (no siblings, no solo homes, no budget) the solver's
//! optimum equals dedicated Jonker-Volgenant solvers' (square and rectangular), independent
//! methods.

mod common;

use proptest::prelude::*;
use righthome::matching;
use righthome::solver::{self, SolveOptions};

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn solver_equals_jonker_volgenant((dataset, policy) in common::arb_instance(1..=30, 1..=15)) {
        let (dataset, policy) = common::pure_assignment(dataset, policy);
        let problem = matching::build(&dataset, &policy);
        let ours = solver::solve(&problem.model, &SolveOptions::default()).expect("solves");
        let (weight, score) = common::assignment::jonker_volgenant(&problem.model);
        prop_assert!((ours.weighted_placed - weight).abs() < 1e-6, "placed {} vs JV {}", ours.weighted_placed, weight);
        prop_assert!((ours.total_score - score).abs() < 1e-6 * score.abs().max(1.0), "score {} vs JV {}", ours.total_score, score);
        let (weight, score) = common::assignment::rectangular_jonker_volgenant(&problem.model);
        prop_assert!((ours.weighted_placed - weight).abs() < 1e-6, "placed {} vs rectangular JV {}", ours.weighted_placed, weight);
        prop_assert!((ours.total_score - score).abs() < 1e-6 * score.abs().max(1.0), "score {} vs rectangular JV {}", ours.total_score, score);
    }
}
