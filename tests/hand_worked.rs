//! Small instances whose optimum is worked out by hand. Every solve is re-checked by the
//! independent checker.

mod common;

use common::{child, distance_only_policy, home};
use righthome::checker;
use righthome::matching::{self, MatchResult};
use righthome::model::*;
use righthome::solver::{self, AssignmentModel, Column, SolveOptions};

fn solve(dataset: &Dataset, policy: &Policy) -> MatchResult {
    let (_, result) = matching::run(dataset, policy, &SolveOptions::default()).expect("solves");
    assert_eq!(checker::check(dataset, policy, &result.placements), vec![]);
    result
}

fn home_of<'a>(dataset: &'a Dataset, result: &MatchResult, child: &str) -> Option<&'a str> {
    let c = dataset
        .child_index(&ChildId::from(child))
        .expect("child exists");
    result.placements[c].map(|h| dataset.homes[h].id.as_str())
}

#[test]
fn placing_more_children_beats_a_closer_home_for_one() {
    // A and B both live in PR1. H1 is in PR1 (0 km); H2 is in BB11 (Burnley, about 35 km).
    // B is 15 and H2 takes only under-12s, so B can only go to H1. A would prefer H1, but
    // then B waits: the optimum places both, A at H2.
    let mut b = child("B");
    b.age = 15;
    let mut h2 = home("H2", "BB11");
    h2.age_max = 11;
    let dataset = Dataset::new(vec![child("A"), b], vec![home("H1", "PR1"), h2]);
    let policy = distance_only_policy();
    let r = solve(&dataset, &policy);
    assert_eq!(home_of(&dataset, &r, "A"), Some("H2"));
    assert_eq!(home_of(&dataset, &r, "B"), Some("H1"));
    // Score by hand: B scores 1 - 0/80 = 1; A scores 1 - d/80 with d = PR1 to BB11.
    let d = dataset.children[0]
        .home
        .distance_km(&dataset.homes[1].location);
    assert!((30.0..40.0).contains(&d));
    assert!((r.total_score - (1.0 + (1.0 - d / 80.0))).abs() < 1e-9);
    assert!((r.weighted_placed - 2.0).abs() < 1e-9);
}

#[test]
fn the_more_urgent_child_gets_the_only_bed_even_if_another_scores_higher() {
    // One bed in PR1. U (needs a home in 3 days, weight 1.5) lives in BB11; N (60 days,
    // weight 1.0) lives in PR1 and would score higher.
    let mut u = child("U");
    u.urgency_days = 3;
    u.home = common::at("BB11");
    let dataset = Dataset::new(vec![child("N"), u], vec![home("H1", "PR1")]);
    let r = solve(&dataset, &distance_only_policy());
    assert_eq!(home_of(&dataset, &r, "U"), Some("H1"));
    assert_eq!(home_of(&dataset, &r, "N"), None);
    assert!((r.weighted_placed - 1.5).abs() < 1e-9);
}

fn two_siblings(plan: SiblingPlan) -> Dataset {
    let mut kids = vec![child("A"), child("B")];
    for k in &mut kids {
        k.sibling_group = Some(SiblingGroupId::from("S1"));
        k.sibling_plan = plan;
    }
    // Two homes with one bed each: nowhere takes both together.
    Dataset::new(kids, vec![home("H1", "PR1"), home("H2", "PR2")])
}

#[test]
fn siblings_who_must_stay_together_are_never_split_to_fill_beds() {
    let dataset = two_siblings(SiblingPlan::Together);
    let r = solve(&dataset, &distance_only_policy());
    assert_eq!(r.placements, vec![None, None]);
}

#[test]
fn siblings_with_an_assessed_plan_may_live_apart_and_pay_the_split_penalty() {
    let dataset = two_siblings(SiblingPlan::ApartAssessed);
    let policy = distance_only_policy();
    let r = solve(&dataset, &policy);
    assert_eq!(r.placed_count(), 2);
    // Scores: 1 at H1 (0 km) and 1 - d(PR1, PR2)/80 at H2, each less the split penalty.
    let d = dataset.children[0]
        .home
        .distance_km(&dataset.homes[1].location);
    let expected = 1.0 + (1.0 - d / 80.0) - 2.0 * policy.weights.split_penalty;
    assert!(
        (r.total_score - expected).abs() < 1e-9,
        "{} vs {expected}",
        r.total_score
    );
}

#[test]
fn an_assessed_group_still_lives_together_when_a_home_can_take_them() {
    let mut dataset = two_siblings(SiblingPlan::ApartAssessed);
    dataset.homes[1].beds_free = 2;
    dataset.homes[1].max_sibling_group = 2;
    let r = solve(&dataset, &distance_only_policy());
    assert_eq!(r.placements, vec![Some(1), Some(1)]);
}

#[test]
fn a_solo_home_takes_one_child_whatever_its_beds() {
    let mut h = home("H1", "PR1");
    (h.beds_free, h.solo_only, h.max_sibling_group) = (3, true, 3);
    let dataset = Dataset::new(vec![child("A"), child("B"), child("C")], vec![h]);
    let r = solve(&dataset, &distance_only_policy());
    assert_eq!(r.placed_count(), 1);
}

#[test]
fn the_weekly_budget_caps_spending() {
    let mut policy = distance_only_policy();
    // Each home costs £700 a week: a £1,000 budget pays for one placement, not two.
    policy.limits.weekly_budget_gbp = Some(1000.0);
    let dataset = Dataset::new(
        vec![child("A"), child("B")],
        vec![home("H1", "PR1"), home("H2", "PR2")],
    );
    let r = solve(&dataset, &policy);
    assert_eq!(r.placed_count(), 1);
    policy.limits.weekly_budget_gbp = Some(1400.0);
    assert_eq!(solve(&dataset, &policy).placed_count(), 2);
}

#[test]
fn phase_one_counts_children_before_phase_two_counts_score() {
    // Solver level: A scores 10 at home 0 or 1 at home 1; B scores 1 at home 0 only.
    // Maximising score alone would put A at home 0 (10) and leave B out; the lexicographic
    // objective places both (A at 1, B at 0): placed 2, score 2.
    let model = AssignmentModel {
        n_children: 2,
        capacity: vec![1, 1],
        columns: vec![
            Column {
                home: 0,
                children: vec![0].into(),
                weight: 1.0,
                score: 10.0,
                cost: 0.0,
                beds: 1,
            },
            Column {
                home: 1,
                children: vec![0].into(),
                weight: 1.0,
                score: 1.0,
                cost: 0.0,
                beds: 1,
            },
            Column {
                home: 0,
                children: vec![1].into(),
                weight: 1.0,
                score: 1.0,
                cost: 0.0,
                beds: 1,
            },
        ]
        .into(),
        budget: None,
        required: Vec::new(),
        conflicts: Vec::new(),
        clashes: None,
    };
    let a = solver::solve(&model, &SolveOptions::default()).expect("solves");
    assert_eq!(a.chosen, vec![1, 2]);
    assert!((a.weighted_placed - 2.0).abs() < 1e-9);
    assert!((a.total_score - 2.0).abs() < 1e-9);
}

#[test]
fn no_homes_and_no_children_are_normal_answers() {
    let r = solve(&Dataset::new(vec![child("A")], vec![]), &Policy::default());
    assert_eq!(r.placements, vec![None]);
    let r = solve(
        &Dataset::new(vec![], vec![home("H1", "PR1")]),
        &Policy::default(),
    );
    assert!(r.placements.is_empty());
}

/// Distance only, plus the culture weights at 1.
fn culture_policy() -> Policy {
    let mut p = distance_only_policy();
    p.weights.set("language", 1.0);
    p.weights.set("faith", 1.0);
    p
}

#[test]
fn the_home_that_speaks_the_childs_language_and_shares_her_faith_goes_to_her() {
    // A (main language Urdu, Muslim) and B (English) both live in PR1. H1 is in PR1, English;
    // H2 in BB11 (about 35 km), English and Urdu, Muslim carers. By distance alone the two
    // answers tie (1 + (1 - d/80) either way); with the culture weights A scores 2 more at H2.
    let mut a = child("A");
    a.languages = vec!["Urdu".into(), "English".into()];
    a.faith = Some("Muslim".into());
    let mut b = child("B");
    b.languages = vec!["English".into()];
    let mut h1 = home("H1", "PR1");
    h1.languages = vec!["English".into()];
    let mut h2 = home("H2", "BB11");
    h2.languages = vec!["english".into(), "urdu".into()];
    h2.faith = Some("muslim".into());
    let dataset = Dataset::new(vec![a, b], vec![h1, h2]);
    let r = solve(&dataset, &culture_policy());
    assert_eq!(home_of(&dataset, &r, "A"), Some("H2"));
    assert_eq!(home_of(&dataset, &r, "B"), Some("H1"));
    let d = dataset.children[0]
        .home
        .distance_km(&dataset.homes[1].location);
    // A: (1 - d/80) + 1 (Urdu) + 1 (faith); B: 1 (0 km) + 1 (English at H1).
    assert!((r.total_score - ((1.0 - d / 80.0) + 2.0 + 2.0)).abs() < 1e-9);
}

#[test]
fn a_child_who_signs_goes_only_to_the_home_that_signs_and_the_checker_knows_why() {
    // S's main language is BSL. H1 (PR1, on the doorstep) does not sign; H2 (BB11) does.
    let mut s = child("S");
    s.languages = vec!["BSL".into(), "English".into()];
    let mut h1 = home("H1", "PR1");
    h1.languages = vec!["English".into()];
    let mut h2 = home("H2", "BB11");
    h2.languages = vec!["English".into(), "bsl".into()];
    let dataset = Dataset::new(vec![s], vec![h1, h2]);
    let policy = culture_policy();
    let r = solve(&dataset, &policy);
    assert_eq!(home_of(&dataset, &r, "S"), Some("H2"));
    // H1 is counted under rejected_by_needs.
    let problem = matching::build(&dataset, &policy);
    let e = &problem.eligibility[0];
    assert_eq!(e.eligible.len(), 1);
    assert_eq!(e.rejected_by(righthome::criteria::ReasonColumn::Needs), 1);
    // The checker rejects S at H1, naming the rule.
    let violations = checker::check(&dataset, &policy, &[Some(0)]);
    match violations.as_slice() {
        [checker::Violation::NotEligible { reason, .. }] => assert_eq!(reason.code, "bsl"),
        other => panic!("{other:?}"),
    }
    // Without the columns nothing changes: H1 is nearest, and eligible.
    let mut plain = dataset.clone();
    plain.children[0].languages.clear();
    assert_eq!(home_of(&plain, &solve(&plain, &policy), "S"), Some("H1"));
}
