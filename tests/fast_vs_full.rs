//! The fast solver (LP bound + reduced-cost fixing) gives the full model's optimum, phase by
//! phase, on random instances with sibling groups, solo homes and budgets.

mod common;

use proptest::prelude::*;
use righthome::checker;
use righthome::matching;
use righthome::solver::{self, Optimality, SolveOptions};

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn fast_equals_full((dataset, policy) in common::arb_instance(5..=40, 3..=25)) {
        let problem = matching::build(&dataset, &policy);
        let options = SolveOptions::default();
        let fast = solver::solve(&problem.model, &options).expect("fast solves");
        let full = solver::full::solve(&problem.model, &options).expect("full solves");
        prop_assert_eq!(fast.optimality, Optimality::Optimal);
        prop_assert!((fast.weighted_placed - full.weighted_placed).abs() <= 1e-6 * full.weighted_placed.abs().max(1.0),
            "placed {} vs full {}", fast.weighted_placed, full.weighted_placed);
        prop_assert!((fast.total_score - full.total_score).abs() <= 1e-6 * full.total_score.abs().max(1.0),
            "score {} vs full {}", fast.total_score, full.total_score);
        let result = matching::solve(&problem, &options).expect("solves");
        prop_assert!(checker::check(&dataset, &policy, &result.placements).is_empty());
    }
}
