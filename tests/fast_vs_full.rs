//! The fast solver (pricing, cover inequalities, reduced-cost fixing) gives the full model's
//! optimum, phase by phase, on random instances with sibling groups, solo homes and budgets,
//! and so do re-solves with a required pair.

mod common;

use proptest::prelude::*;
use righthome::generate::{generate, load_profile};
use righthome::matching;
use righthome::model::{Dataset, Policy};
use righthome::solver::{self, Assignment, Optimality, SolveOptions};
use std::path::Path;

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn fast_equals_full((dataset, policy) in common::arb_instance(5..=40, 3..=25)) {
        fast_equals_full_on(&dataset, &policy)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// With residents, the fostering limit, exemptions, registration, living companions,
    /// `[household]` rules (lazily added conflict rows in the fast solver, every pair up front
    /// in the full model), connected carers and decided homes.
    #[test]
    fn fast_equals_full_under_the_law((dataset, policy) in common::law::arb_law_instance(5..=40, 3..=25)) {
        fast_equals_full_on(&dataset, &policy)?;
    }

    /// A re-solve with a required pair, as below, under the law's inputs.
    #[test]
    fn warm_re_solve_with_a_required_pair_equals_full_under_the_law(
        (dataset, policy) in common::law::arb_law_instance(5..=30, 3..=20),
        pick in any::<prop::sample::Index>(),
    ) {
        required_pair_equals_full(&dataset, &policy, pick)?;
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
        fast_equals_full_on(&dataset, &policy)?;
    }
}

/// Generated counties whose phase-1 LP answer is fractional while some integer answer reaches
/// its bound (so the solver runs phase 2 straight from phase 1's LP, skipping phase 1's branch
/// and bound: checked for these seeds when written; the small random instances above nearly
/// always have an integral phase-1 LP or a real gap, which take the other way). The profile is
/// the bundled one as it was when the seeds were chosen (before the scarce county of issue 18),
/// kept as a fixture so that these stay the same counties.
#[test]
fn fast_equals_full_on_generated_counties() {
    let profile =
        load_profile(Path::new("tests/fixtures/profile_before_scarcity.toml")).expect("profile");
    for (children, homes, seed) in [(150, 225, 2), (150, 225, 6), (200, 300, 1), (200, 300, 2)] {
        let county = generate(&profile, seed, Some(children), Some(homes)).expect("generates");
        let (dataset, policy) =
            righthome::io::load_from_memory(&county.children_csv, &county.homes_csv, None)
                .expect("valid");
        fast_equals_full_on(&dataset, &policy).expect("fast equals full");
        // With the residents: the fostering limit's capacities, household rules, connected
        // carers and homes already agreed.
        let (dataset, policy) = righthome::io::load_from_memory_with_residents(
            &county.children_csv,
            &county.homes_csv,
            Some(&county.residents_csv),
            None,
        )
        .expect("valid");
        fast_equals_full_on(&dataset, &policy).expect("fast equals full with residents");
    }
}

/// Both phases of the fast solver equal the full model's, and the match passes the checker.
fn fast_equals_full_on(dataset: &Dataset, policy: &Policy) -> Result<(), TestCaseError> {
    let problem = matching::build(dataset, policy);
    let options = SolveOptions::default();
    let fast = solver::solve(&problem.model, &options).expect("fast solves");
    let full = solver::full::solve(&problem.model, &options).expect("full solves");
    prop_assert_eq!(fast.optimality, Optimality::Optimal);
    same_optimum("fast", &fast, &full)?;
    let result = matching::solve(&problem, &options).expect("solves");
    common::law::checker_accepts(dataset, policy, &result.placements)?;
    Ok(())
}

/// `answer` reaches the full model's optimum in both phases (to a relative 1e-6).
fn same_optimum(name: &str, answer: &Assignment, full: &Assignment) -> Result<(), TestCaseError> {
    prop_assert!(
        (answer.weighted_placed - full.weighted_placed).abs()
            <= 1e-6 * full.weighted_placed.abs().max(1.0),
        "{} placed {} vs full {}",
        name,
        answer.weighted_placed,
        full.weighted_placed
    );
    prop_assert!(
        (answer.total_score - full.total_score).abs() <= 1e-6 * full.total_score.abs().max(1.0),
        "{} score {} vs full {}",
        name,
        answer.total_score,
        full.total_score
    );
    Ok(())
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
        required_pair_equals_full(&dataset, &policy, pick)?;
    }
}

/// A re-solve with one (child, home) pair required (the column `pick` chooses), warm from the
/// unrequired solve and cold, gives the full model's optimum with that pair required.
fn required_pair_equals_full(
    dataset: &Dataset,
    policy: &Policy,
    pick: prop::sample::Index,
) -> Result<(), TestCaseError> {
    let problem = matching::build(dataset, policy);
    if problem.model.columns.is_empty() {
        return Ok(());
    }
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
                same_optimum(name, &answer, &full)?;
                prop_assert!(
                    answer.chosen.iter().any(|&j| {
                        let c = &model.columns[j];
                        c.home == column.home && c.children.contains(&column.children[0])
                    }),
                    "{} answer holds the required pair",
                    name
                );
            }
        }
    }
    Ok(())
}
