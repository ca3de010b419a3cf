//! The solver's optimum equals the best of every possible assignment, found by enumeration,
//! on random small instances with sibling groups (both plans), solo homes and budgets.

mod common;

use proptest::prelude::*;
use righthome::checker;
use righthome::matching;
use righthome::solver::{Optimality, SolveOptions};

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn solver_matches_brute_force((dataset, policy) in common::arb_instance(1..=6, 1..=5)) {
        let (_, result) = matching::run(&dataset, &policy, &SolveOptions::default()).expect("solves");
        prop_assert_eq!(result.optimality, Optimality::Optimal);
        let violations = checker::check(&dataset, &policy, &result.placements);
        prop_assert!(violations.is_empty(), "{:?}", violations);
        let (weighted, score) = checker::objective(&dataset, &policy, &result.placements);
        prop_assert!((weighted - result.weighted_placed).abs() < 1e-6);
        prop_assert!((score - result.total_score).abs() < 1e-6, "checker {} solver {}", score, result.total_score);
        let (best_weighted, best_score) = common::brute_force(&dataset, &policy);
        prop_assert!((weighted - best_weighted).abs() < 1e-6, "placed {} vs brute force {}", weighted, best_weighted);
        prop_assert!((score - best_score).abs() < 1e-6 * best_score.abs().max(1.0), "score {} vs brute force {}", score, best_score);
    }

    #[test]
    fn solver_matches_brute_force_with_languages_and_faiths((dataset, policy) in common::arb_culture_instance(1..=6, 1..=5)) {
        let (_, result) = matching::run(&dataset, &policy, &SolveOptions::default()).expect("solves");
        prop_assert_eq!(result.optimality, Optimality::Optimal);
        // The checker (which applies the BSL rule independently of the solver) finds nothing.
        let violations = checker::check(&dataset, &policy, &result.placements);
        prop_assert!(violations.is_empty(), "{:?}", violations);
        for (c, child) in dataset.children.iter().enumerate() {
            if let (Some(h), Some(main)) = (result.placements[c], child.languages.first())
                && main.eq_ignore_ascii_case("BSL")
            {
                prop_assert!(dataset.homes[h].languages.iter().any(|l| l.eq_ignore_ascii_case("bsl")));
            }
        }
        let (weighted, score) = checker::objective(&dataset, &policy, &result.placements);
        let (best_weighted, best_score) = common::brute_force(&dataset, &policy);
        prop_assert!((weighted - best_weighted).abs() < 1e-6, "placed {} vs brute force {}", weighted, best_weighted);
        prop_assert!((score - best_score).abs() < 1e-6 * best_score.abs().max(1.0), "score {} vs brute force {}", score, best_score);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// With residents, the fostering limit, exemptions, registration, living companions,
    /// `[household]` rules, connected carers and decided homes: the solver's answer passes the
    /// checker and reaches the lexicographic optimum of every answer the checker accepts, tier
    /// by tier (placed, then children with their connected carer, then score).
    #[test]
    fn solver_matches_brute_force_under_the_law((dataset, policy) in common::law::arb_law_instance(1..=6, 1..=5)) {
        let (_, result) = matching::run(&dataset, &policy, &SolveOptions::default()).expect("solves");
        prop_assert_eq!(result.optimality, Optimality::Optimal);
        let violations = checker::check(&dataset, &policy, &result.placements);
        let described = common::law::describe(&dataset);
        prop_assert!(violations.is_empty(), "{:?} {:?}\n{}", violations, result.placements, described);
        let (weighted, score) = checker::objective(&dataset, &policy, &result.placements);
        let connected = common::law::connected_placed(&dataset, &result.placements);
        let best = common::law::brute_force_tiers(&dataset, &policy);
        prop_assert!(best.is_some(), "the solver's answer is valid, so some answer is");
        let (best_weighted, best_connected, best_score) = best.unwrap_or_default();
        prop_assert!((weighted - best_weighted).abs() < 1e-6, "placed {} vs brute force {}\n{}", weighted, best_weighted, described);
        prop_assert_eq!(connected, best_connected, "with their connected carer\n{}", described);
        prop_assert!((score - best_score).abs() < 1e-6 * best_score.abs().max(1.0), "score {} vs brute force {}\n{}", score, best_score, described);
    }
}
