//! Options: the recommended home is the match's; every option is an eligible, distinct home;
//! system costs are never negative and equal those found by brute force; a child with fewer
//! than three eligible homes is never shown invented ones.

mod common;

use common::{child, distance_only_policy, home};
use proptest::prelude::*;
use righthome::checker;
use righthome::matching;
use righthome::model::*;
use righthome::options::{ChildOptions, build_options};
use righthome::solver::SolveOptions;

fn options_for(
    dataset: &Dataset,
    policy: &Policy,
    max: usize,
) -> (matching::MatchResult, Vec<ChildOptions>) {
    let opts = SolveOptions::default();
    let (problem, result) = matching::run(dataset, policy, &opts).expect("solves");
    assert!(checker::check(dataset, policy, &result.placements).is_empty());
    let built =
        build_options(dataset, policy, &problem, &result, max, None, &opts).expect("options");
    (result, built)
}

#[test]
fn choosing_the_closer_home_displaces_a_named_child_at_an_exact_cost() {
    // A and B both live in PR1. H1 (PR1) takes either; H2 (PR2, about 2 km) takes only A
    // (under-12s); H3 (BB11, about 35 km) takes only B (12 and over).
    // Optimum: A at H2, B at H1, total (1 - d12/80) + 1. If A takes H1 instead, B must go to H3:
    // total 1 + (1 - d13/80). System cost = (d13 - d12) / 80, and B is displaced.
    let mut b = child("B");
    b.age = 14;
    let mut h2 = home("H2", "PR2");
    h2.age_max = 11;
    let mut h3 = home("H3", "BB11");
    h3.age_min = 12;
    let dataset = Dataset::new(vec![child("A"), b], vec![home("H1", "PR1"), h2, h3]);
    let policy = distance_only_policy();
    let (result, options) = options_for(&dataset, &policy, 5);
    assert_eq!(result.placements, vec![Some(1), Some(0)]);
    let a = &options[0];
    assert_eq!(
        a.options.len(),
        2,
        "A has two eligible homes, so two options, not invented third"
    );
    assert_eq!(
        (
            a.options[0].home,
            a.options[0].recommended,
            a.options[0].system_cost
        ),
        (1, true, 0.0)
    );
    let alt = &a.options[1];
    assert_eq!((alt.rank, alt.home, alt.recommended), (2, 0, false));
    let d12 = dataset.children[0]
        .home
        .distance_km(&dataset.homes[1].location);
    let d13 = dataset.children[1]
        .home
        .distance_km(&dataset.homes[2].location);
    assert!(
        (alt.system_cost - (d13 - d12) / 80.0).abs() < 1e-6,
        "{} vs {}",
        alt.system_cost,
        (d13 - d12) / 80.0
    );
    assert_eq!(alt.displaced, vec![1], "B loses their recommended home");
}

#[test]
fn an_option_that_leaves_a_child_waiting_costs_a_placement() {
    // One bed at H1, wanted by A (who could also go to H2) and B (only H1). Optimum: A at H2,
    // B at H1. A's alternative H1 leaves B waiting: it costs B's placement.
    let mut b = child("B");
    b.age = 14;
    let mut h2 = home("H2", "BB11");
    h2.age_max = 11;
    let dataset = Dataset::new(vec![child("A"), b], vec![home("H1", "PR1"), h2]);
    let policy = distance_only_policy();
    let (_, options) = options_for(&dataset, &policy, 5);
    let alt = &options[0].options[1];
    assert_eq!(alt.home, 0);
    // Score: optimum (1 - d/80) + 1; alternative 1 (A at H1, B waits); one placement lost.
    let d = dataset.children[0]
        .home
        .distance_km(&dataset.homes[1].location);
    let expected = (1.0 - d / 80.0) + policy.options.placement_points;
    assert!(
        (alt.system_cost - expected).abs() < 1e-6,
        "{} vs {expected}",
        alt.system_cost
    );
    assert_eq!(alt.displaced, vec![1]);
}

#[test]
fn an_option_moves_only_the_children_it_must() {
    // Eight children and twelve homes, all alike (same district, one bed each): every match
    // scores the same, so a re-solve could reshuffle anyone. Choosing home h for a child moves
    // at most the one child the recommended match put in h, and nobody else.
    let children: Vec<Child> = (0..8).map(|i| child(&format!("C{i}"))).collect();
    let homes: Vec<Home> = (0..12).map(|i| home(&format!("H{i:02}"), "PR1")).collect();
    let dataset = Dataset::new(children, homes);
    let policy = distance_only_policy();
    let (result, options) = options_for(&dataset, &policy, 12);
    let mut checked = 0;
    for child in &options {
        for o in child.options.iter().filter(|o| !o.recommended) {
            let occupant: Vec<usize> = (0..dataset.children.len())
                .filter(|&d| result.placements[d] == Some(o.home))
                .collect();
            assert_eq!(
                o.displaced, occupant,
                "child {} at home {}: moves only whoever had that bed",
                child.child, o.home
            );
            assert!(o.system_cost.abs() < 1e-9, "every option is as good");
            checked += 1;
        }
    }
    assert!(checked >= 8 * 3, "options were checked: {checked}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn options_are_honest_and_their_costs_match_brute_force((dataset, policy) in common::arb_instance(1..=5, 1..=4)) {
        let opts = SolveOptions::default();
        let (problem, result) = matching::run(&dataset, &policy, &opts).expect("solves");
        let built = build_options(&dataset, &policy, &problem, &result, 5, None, &opts).expect("options");
        let best = common::brute_force(&dataset, &policy);
        for child in &built {
            let c = child.child;
            let eligible = &problem.eligibility[c];
            prop_assert_eq!(child.eligible_homes, eligible.eligible.len());
            prop_assert!(child.options.len() <= eligible.eligible.len());
            // Rank 1 recommended = the match; recommended nowhere else.
            match result.placements[c] {
                Some(h) => {
                    prop_assert_eq!(child.options[0].home, h);
                    prop_assert!(child.options[0].recommended);
                    prop_assert!(child.options[0].system_cost == 0.0);
                }
                None => prop_assert!(child.options.iter().all(|o| !o.recommended)),
            }
            prop_assert!(child.options.iter().skip(1).all(|o| !o.recommended));
            let mut homes: Vec<usize> = child.options.iter().map(|o| o.home).collect();
            homes.sort_unstable();
            homes.dedup();
            prop_assert_eq!(homes.len(), child.options.len(), "distinct homes");
            prop_assert!(child.options.len() >= eligible.eligible.len().min(3) || child.options.len() < 3 && policy.limits.weekly_budget_gbp.is_some());
            for (i, o) in child.options.iter().enumerate() {
                prop_assert_eq!(o.rank, i + 1);
                prop_assert!(eligible.score_at(o.home).is_some(), "option is eligible");
                prop_assert!(o.system_cost >= 0.0, "negative system cost {}", o.system_cost);
                if o.recommended { continue; }
                let (w, s) = common::brute_force_fixed(&dataset, &policy, (c, o.home)).expect("feasible option");
                let expected = (best.1 - s) + policy.options.placement_points * (best.0 - w);
                prop_assert!((o.system_cost - expected).abs() < 1e-5, "child {} home {}: {} vs brute force {}", c, o.home, o.system_cost, expected);
                // Only the moves the option needs: as few as any answer that good allows.
                let together = |d: usize| {
                    let (a, b) = (&dataset.children[c], &dataset.children[d]);
                    a.sibling_group.is_some() && a.sibling_group == b.sibling_group
                        && a.sibling_plan == SiblingPlan::Together
                };
                let fewest = common::brute_force_fewest_moved(&dataset, &policy, (c, o.home), &result.placements, |p| {
                    (0..p.len()).filter(|&d| d != c && result.placements[d].is_some() && p[d] != result.placements[d] && !together(d)).count()
                }).expect("feasible option");
                prop_assert_eq!(o.displaced.len(), fewest, "child {} home {}: moves {:?}", c, o.home, &o.displaced);
            }
        }
    }
}
