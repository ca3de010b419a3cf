//! Instances where the law's words (issue 17) and the assignment model might part, each
//! worked by hand and checked against the brute force over every answer the independent
//! checker accepts (tiers: placed, connected carers, score). A test the model fails is marked
//! `#[ignore]` with what it shows: the fix belongs in src/matching.rs.

mod common;

use common::{child, distance_only_policy, home};
use righthome::checker;
use righthome::matching;
use righthome::model::*;
use righthome::solver::SolveOptions;

/// The solver's (placed, connected, score), its answer checked; and the brute force's.
fn solver_and_brute_force(
    dataset: &Dataset,
    policy: &Policy,
) -> ((f64, usize, f64), (f64, usize, f64)) {
    let (_, r) = matching::run(dataset, policy, &SolveOptions::default()).expect("solves");
    assert_eq!(checker::check(dataset, policy, &r.placements), vec![]);
    let (w, s) = checker::objective(dataset, policy, &r.placements);
    let k = common::law::connected_placed(dataset, &r.placements);
    let best = common::law::brute_force_tiers(dataset, policy).expect("a valid answer");
    ((w, k, s), best)
}

#[test]
#[ignore = "solver bug (src/matching.rs build_with): the weekly budget is handed to the model \
            whole, not less the cost of homes already agreed, so the answer goes over it"]
fn a_decided_home_spends_the_weekly_budget_too() {
    // Budget 1000 a week. A is agreed for H2 (700 a week), kept: 300 is left, so B cannot go
    // to H1 (700). Placed by the match: nobody else; spend 700.
    let mut a = child("A");
    a.arrangement.decided_home = Some(HomeId::from("H2"));
    let dataset = Dataset::new(
        vec![a, child("B")],
        vec![home("H1", "PR1"), home("H2", "PR2")],
    );
    let mut policy = distance_only_policy();
    policy.limits.weekly_budget_gbp = Some(1000.0);
    let (solver, best) = solver_and_brute_force(&dataset, &policy);
    assert_eq!(best.0, 0.0, "B waits: only 300 left");
    assert_eq!(solver.0, best.0);
}

#[test]
#[ignore = "solver bug (src/matching.rs fostering_limit): apart-assessed brothers and sisters \
            placed one by one count as unrelated, so two of three cannot join their two \
            fostered sisters, though all four would be brothers and sisters (Sch. 7)"]
fn children_act_sch7_apart_assessed_siblings_join_their_fostered_sisters() {
    // H1 (PR1, 2 beds) fosters two children of S1; H2 (LA1, 1 bed). A, B, C are S1's three
    // referrals, apart_assessed, all in PR1; no home takes all three. Lawful: two of them at
    // H1 (four fostered, all brothers and sisters), the third at H2: all three placed.
    let mut h1 = home("H1", "PR1");
    h1.beds_free = 2;
    h1.max_sibling_group = 3;
    let sister = Resident {
        age: 12,
        gender: Gender::Female,
        fostered: true,
        sibling_group: Some(SiblingGroupId::from("S1")),
        needs: Default::default(),
    };
    h1.household.residents = vec![sister.clone(), sister];
    let children = ["A", "B", "C"]
        .iter()
        .map(|id| {
            let mut c = child(id);
            c.sibling_group = Some(SiblingGroupId::from("S1"));
            c.sibling_plan = SiblingPlan::ApartAssessed;
            c
        })
        .collect();
    let dataset = Dataset::new(children, vec![h1, home("H2", "LA1")]);
    let policy = distance_only_policy();
    let (solver, best) = solver_and_brute_force(&dataset, &policy);
    assert_eq!(best.0, 3.0);
    assert_eq!(solver.0, best.0);
}

#[test]
#[ignore = "solver bug (src/matching.rs connected_children): the connected tier applies only \
            when the carer has room for every child it could take; with one bed for two \
            apart-assessed siblings neither is placed there"]
fn s22c_7a_a_connected_carer_with_one_bed_for_two_siblings_takes_one() {
    // H2 (LA1, 1 bed) is approved as a connected person for A, so for A's brother B too
    // (apart_assessed). H1 (PR1, 2 beds) is nearer both. "A child with an eligible connected
    // carer with a bed is placed there": one of them at H2, the other at H1.
    let mut h1 = home("H1", "PR1");
    h1.beds_free = 2;
    let mut h2 = home("H2", "LA1");
    h2.household.connected_child = Some(ChildId::from("A"));
    h2.household.connected_group = Some(SiblingGroupId::from("S1"));
    let children = ["A", "B"]
        .iter()
        .map(|id| {
            let mut c = child(id);
            c.sibling_group = Some(SiblingGroupId::from("S1"));
            c.sibling_plan = SiblingPlan::ApartAssessed;
            c
        })
        .collect();
    let dataset = Dataset::new(children, vec![h1, h2]);
    let (solver, best) = solver_and_brute_force(&dataset, &distance_only_policy());
    assert_eq!(best.1, 1, "one with the connected carer");
    assert_eq!(solver.1, best.1);
}
