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

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Larger instances: most children have more eligible homes than the pricing loop starts
    /// from, so its answer is only right if pricing and the cover inequalities are.
    #[test]
    fn pricing_loop_equals_full_on_larger_instances(
        (dataset, policy) in common::arb_instance(30..=60, 20..=40)
    ) {
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// A re-solve with one (child, home) pair required, started from the unrequired solve
    /// (which lets it skip phase 1 when the pair costs no placement), gives the full model's
    /// optimum with that pair required, in both phases; and so does a cold re-solve.
    #[test]
    fn warm_re_solve_with_a_required_pair_equals_full(
        (dataset, policy) in common::arb_instance(5..=30, 3..=20),
        pick in any::<prop::sample::Index>(),
    ) {
        let problem = matching::build(&dataset, &policy);
        prop_assume!(!problem.model.columns.is_empty());
        let options = SolveOptions::default();
        let base = solver::solve(&problem.model, &options).expect("base solves");
        let column = &problem.model.columns[pick.index(problem.model.columns.len())];
        let mut model = problem.model.clone();
        model.required = vec![(column.children[0], column.home)];
        let full = solver::full::solve(&model, &options);
        let warm = solver::solve_from(&model, &options, &base.warm_start);
        let cold = solver::solve(&model, &options);
        match full {
            Err(solver::SolverError::Infeasible) => {
                prop_assert!(matches!(warm, Err(solver::SolverError::Infeasible)));
                prop_assert!(matches!(cold, Err(solver::SolverError::Infeasible)));
            }
            Err(e) => return Err(TestCaseError::fail(format!("full model: {e}"))),
            Ok(full) => {
                for (name, answer) in [("warm", warm), ("cold", cold)] {
                    let answer = answer.map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
                    prop_assert_eq!(answer.optimality, Optimality::Optimal);
                    prop_assert!((answer.weighted_placed - full.weighted_placed).abs() <= 1e-6 * full.weighted_placed.abs().max(1.0),
                        "{} placed {} vs full {}", name, answer.weighted_placed, full.weighted_placed);
                    prop_assert!((answer.total_score - full.total_score).abs() <= 1e-6 * full.total_score.abs().max(1.0),
                        "{} score {} vs full {}", name, answer.total_score, full.total_score);
                    prop_assert!(answer.chosen.iter().any(|&j| {
                        let c = &model.columns[j];
                        c.home == column.home && c.children.contains(&column.children[0])
                    }), "{} answer holds the required pair", name);
                }
            }
        }
    }
}
