//! Properties that hold for any input: every match passes the independent checker (no home
//! over its beds, together siblings in one home, every placement eligible, budget kept), the
//! rejection counts add up, and the answer depends only on the inputs, not their row order.

mod common;

use proptest::prelude::*;
use righthome::matching;
use righthome::model::{Dataset, Policy};
use righthome::solver::SolveOptions;

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_match_passes_the_checker_and_is_deterministic((dataset, policy) in common::arb_instance(1..=25, 1..=15)) {
        passes_the_checker_and_is_deterministic(&dataset, &policy)?;
    }

    /// The same with residents, the fostering limit, exemptions, registration, living
    /// companions, `[household]` rules, connected carers and decided homes.
    #[test]
    fn every_match_under_the_law_passes_the_checker_and_is_deterministic(
        (dataset, policy) in common::law::arb_law_instance(1..=25, 1..=15)
    ) {
        passes_the_checker_and_is_deterministic(&dataset, &policy)?;
    }
}

/// Every match passes the checker, eligible + rejected = homes per child, every placement
/// (other than a home already agreed) is an eligible pair, and the answer is the same again
/// and with the rows reversed.
fn passes_the_checker_and_is_deterministic(
    dataset: &Dataset,
    policy: &Policy,
) -> Result<(), TestCaseError> {
    let options = SolveOptions::default();
    let (problem, result) = matching::run(dataset, policy, &options).expect("solves");
    common::law::checker_accepts(dataset, policy, &result.placements)?;
    for e in &problem.eligibility {
        let rejected: u32 = e.rejected.iter().sum();
        prop_assert_eq!(e.eligible.len() + rejected as usize, dataset.homes.len());
    }
    // Every placement is one of the child's eligible pairs, or the home agreed for them
    // (kept whatever the rules say).
    for (c, placement) in result.placements.iter().enumerate() {
        if let Some(h) = placement {
            let decided = problem.decided.contains(&(c, *h));
            prop_assert!(decided || problem.eligibility[c].score_at(*h).is_some());
        }
    }
    // Same input again: the same answer.
    let (_, again) = matching::run(dataset, policy, &options).expect("solves");
    prop_assert_eq!(&again.placements, &result.placements);
    // Rows in reverse order: the same answer by id.
    let mut children = dataset.children.clone();
    let mut homes = dataset.homes.clone();
    children.reverse();
    homes.reverse();
    let reversed = Dataset::new(children, homes);
    let (_, r2) = matching::run(&reversed, policy, &options).expect("solves");
    prop_assert_eq!(&r2.placements, &result.placements);
    Ok(())
}
