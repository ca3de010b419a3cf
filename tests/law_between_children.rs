//! The law's rules between the children placed today (issue 17), worked by hand at the level
//! of a whole match: dataset -> matching -> checker. Each test is named for the rule it
//! implements. The policy scores distance only (score = 1 - km / 80), so each optimum can be
//! worked out from the distances between postcode district centres.

mod common;

use common::{child, distance_only_policy, home};
use righthome::checker::{self, Violation};
use righthome::criteria::ReasonColumn;
use righthome::matching::{self, MatchProblem, MatchResult};
use righthome::model::*;
use righthome::solver::SolveOptions;

/// Solve, and check the answer with the independent checker.
fn solve(dataset: &Dataset, policy: &Policy) -> (MatchProblem, MatchResult) {
    let (problem, result) =
        matching::run(dataset, policy, &SolveOptions::default()).expect("solves");
    assert_eq!(checker::check(dataset, policy, &result.placements), vec![]);
    (problem, result)
}

/// Where each child goes, by id (None: waits), in child id order.
fn homes_of(dataset: &Dataset, result: &MatchResult) -> Vec<Option<String>> {
    result
        .placements
        .iter()
        .map(|p| p.map(|h| dataset.homes[h].id.0.clone()))
        .collect()
}

fn at(h: &str) -> Option<String> {
    Some(h.to_string())
}

/// A child already living in a home.
fn resident(age: u32, fostered: bool, group: Option<&str>) -> Resident {
    Resident {
        age,
        gender: Gender::Female,
        fostered,
        sibling_group: group.map(SiblingGroupId::from),
        needs: Default::default(),
    }
}

/// Kilometres between two district centres.
fn km(a: &str, b: &str) -> f64 {
    common::at(a).distance_km(&common::at(b))
}

/// Whether the checker calls this answer a breach of `rule` between the children in a home.
fn must_not_share(dataset: &Dataset, policy: &Policy, placements: &[Option<usize>]) -> bool {
    checker::check(dataset, policy, placements)
        .iter()
        .any(|v| matches!(v, Violation::MustNotShare { .. }))
}

#[test]
fn children_act_sch7_one_fostered_resident_leaves_two_places_for_three_unrelated_children() {
    // H1 (PR1, 3 beds) already fosters one child: 3 - 1 = 2 places. A (PR1, 0 km, score 1),
    // B (PR2, a few km) and C (LA1, about 30 km) are unrelated and all want it; there is no
    // other home. Placed: two either way; the score picks the two nearest, A and B. C waits.
    let mut h1 = home("H1", "PR1");
    h1.beds_free = 3;
    h1.household.residents = vec![resident(5, true, None)];
    let mut b = child("B");
    b.home = common::at("PR2");
    let mut c = child("C");
    c.home = common::at("LA1");
    let dataset = Dataset::new(vec![child("A"), b, c], vec![h1]);
    let policy = distance_only_policy();
    assert!(km("PR2", "PR1") < km("LA1", "PR1"));
    let (_, r) = solve(&dataset, &policy);
    assert_eq!(homes_of(&dataset, &r), vec![at("H1"), at("H1"), None]);
    let want = 1.0 + (1.0 - km("PR2", "PR1") / 80.0);
    assert!((r.total_score - want).abs() < 1e-9, "{}", r.total_score);
    // All three with the resident would foster four unrelated children: the checker says no.
    assert!(must_not_share(&dataset, &policy, &[Some(0); 3]));
    // The carer's own child does not count: all three go.
    let mut own = dataset.clone();
    own.homes[0].household.residents[0].fostered = false;
    let (_, r) = solve(&own, &policy);
    assert_eq!(r.placed_count(), 3);
    // With the council's exemption all three go too.
    let mut exempt = dataset.clone();
    exempt.homes[0].household.fostering_exemption = true;
    let (_, r) = solve(&exempt, &policy);
    assert_eq!(r.placed_count(), 3);
}

/// Four brothers and sisters S1 (together, ages 4-10) and an unrelated child D, all in PR1,
/// and one foster home H1 (PR1, 5 beds, takes groups of 4).
fn four_siblings_and_one_more() -> Dataset {
    let mut children: Vec<Child> = (0..4)
        .map(|i| {
            let mut c = child(&format!("S1-{i}"));
            c.age = 4 + 2 * i;
            c.sibling_group = Some(SiblingGroupId::from("S1"));
            c
        })
        .collect();
    children.push(child("D"));
    let mut h1 = home("H1", "PR1");
    h1.beds_free = 5;
    h1.max_sibling_group = 4;
    Dataset::new(children, vec![h1])
}

#[test]
fn children_act_sch7_a_sibling_group_of_four_goes_over_the_limit_as_all_brothers_and_sisters() {
    // The group of four together is "all brothers and sisters": H1 may foster four. D would
    // make five, not all one group, so D cannot join. Placed: the group (4) beats D (1).
    let dataset = four_siblings_and_one_more();
    let policy = distance_only_policy();
    let (_, r) = solve(&dataset, &policy);
    // Children in id order: D, S1-0..S1-3.
    assert_eq!(
        homes_of(&dataset, &r),
        vec![None, at("H1"), at("H1"), at("H1"), at("H1")]
    );
    assert!((r.weighted_placed - 4.0).abs() < 1e-9);
    assert!((r.total_score - 4.0).abs() < 1e-9, "each 0 km: score 1");
    assert!(must_not_share(&dataset, &policy, &[Some(0); 5]));
    // A second home far away for D: everyone is placed, D there.
    let mut more = dataset.clone();
    more.homes.push(home("H2", "LA1"));
    let (_, r) = solve(&more, &policy);
    assert_eq!(homes_of(&more, &r)[0], at("H2"));
    assert_eq!(r.placed_count(), 5);
}

#[test]
fn children_act_sch7_a_lone_referral_joins_three_fostered_brothers_and_sisters() {
    // H1 (PR2, 1 bed) fosters three children of S1; H2 (PR1, 1 bed) fosters no one. A is the
    // only referral of S1, B has no group; both live in PR1. A at H1 makes four fostered, all
    // brothers and sisters: lawful. B at H1 would make four not all one group. So both are
    // placed only as A at H1, B at H2 (had the law refused A at H1, one would wait).
    let mut h1 = home("H1", "PR2");
    h1.household.residents = vec![resident(7, true, Some("S1")); 3];
    let mut a = child("A");
    a.sibling_group = Some(SiblingGroupId::from("S1"));
    let dataset = Dataset::new(vec![a, child("B")], vec![h1, home("H2", "PR1")]);
    let policy = distance_only_policy();
    let (problem, r) = solve(&dataset, &policy);
    assert_eq!(homes_of(&dataset, &r), vec![at("H1"), at("H2")]);
    assert_eq!(problem.eligibility[1].rejected_by(ReasonColumn::Law), 1);
    // Brothers and sisters already living there also score (with its weight on).
    let mut p = policy.clone();
    p.weights.set("siblings_living_there", 8.0);
    let (_, r) = solve(&dataset, &p);
    assert_eq!(homes_of(&dataset, &r), vec![at("H1"), at("H2")]);
}

/// A (10) and B, both in PR1; H1 (PR1, 2 beds) and H2 (PR2, 1 bed). Together at H1 scores
/// 2; apart (one at each) scores 1 + (1 - km(PR1, PR2) / 80).
fn two_children(a: LivingWith, b_age: u32) -> Dataset {
    let mut a_child = child("A");
    a_child.arrangement.living_with = a;
    let mut b = child("B");
    b.age = b_age;
    let mut h1 = home("H1", "PR1");
    h1.beds_free = 2;
    Dataset::new(vec![a_child, b], vec![h1, home("H2", "PR2")])
}

/// Whether the optimum puts A and B in one home, checking the score by hand either way.
fn share(dataset: &Dataset, policy: &Policy) -> bool {
    let (_, r) = solve(dataset, policy);
    assert_eq!(r.placed_count(), 2, "both placed either way");
    let together = r.placements[0] == r.placements[1];
    let want = if together {
        2.0
    } else {
        2.0 - km("PR1", "PR2") / 80.0
    };
    assert!((r.total_score - want).abs() < 1e-9, "{}", r.total_score);
    if !together {
        assert!(must_not_share(dataset, policy, &[Some(0), Some(0)]));
    }
    together
}

#[test]
fn living_companions_alone_between_two_referrals() {
    let p = distance_only_policy();
    assert!(share(&two_children(LivingWith::Any, 12), &p));
    assert!(!share(&two_children(LivingWith::Alone, 12), &p));
    assert!(!share(&two_children(LivingWith::Alone, 8), &p));
}

#[test]
fn living_companions_only_older_between_two_referrals() {
    let p = distance_only_policy();
    assert!(share(&two_children(LivingWith::OnlyOlder, 12), &p));
    assert!(!share(&two_children(LivingWith::OnlyOlder, 8), &p));
    assert!(
        !share(&two_children(LivingWith::OnlyOlder, 10), &p),
        "same age"
    );
}

#[test]
fn living_companions_only_younger_between_two_referrals() {
    let p = distance_only_policy();
    assert!(share(&two_children(LivingWith::OnlyYounger, 8), &p));
    assert!(!share(&two_children(LivingWith::OnlyYounger, 12), &p));
}

#[test]
fn living_companions_with_others_goes_where_a_child_already_lives() {
    // A (with_others) in PR1: H1 (PR1, 0 km) has no one living there; H2 (PR2) has the
    // carers' own child. A goes to H2 though H1 is nearer, and H1 counts under household.
    let mut a = child("A");
    a.arrangement.living_with = LivingWith::WithOthers;
    let mut h2 = home("H2", "PR2");
    h2.household.residents = vec![resident(12, false, None)];
    let dataset = Dataset::new(vec![a], vec![home("H1", "PR1"), h2]);
    let (problem, r) = solve(&dataset, &distance_only_policy());
    assert_eq!(homes_of(&dataset, &r), vec![at("H2")]);
    assert_eq!(
        problem.eligibility[0].rejected_by(ReasonColumn::Household),
        1
    );
}

/// `two_children` with A aged 14 carrying `tag`, and both homes accepting it.
fn with_tag(tag: NeedTag, b_age: u32) -> Dataset {
    let mut d = two_children(LivingWith::Any, b_age);
    d.children[0].age = 14;
    d.children[0].needs.insert(tag);
    for h in &mut d.homes {
        h.accepts_needs.insert(tag);
    }
    d
}

#[test]
fn risks_to_others_harmful_sexual_behaviour_and_a_younger_referral_never_share_a_home() {
    // The default [household] rule: harmful_sexual_behaviour = "no_younger".
    let p = distance_only_policy();
    assert!(!share(&with_tag("harmful_sexual_behaviour", 9), &p));
    assert!(share(&with_tag("harmful_sexual_behaviour", 16), &p));
    // The rule set to "none": they may share.
    let mut none = p.clone();
    none.household
        .0
        .insert("harmful_sexual_behaviour".into(), HouseholdRule::None);
    assert!(share(&with_tag("harmful_sexual_behaviour", 9), &none));
}

#[test]
fn risks_to_others_an_alone_household_rule_between_two_referrals() {
    let mut p = distance_only_policy();
    assert!(
        share(&with_tag("fire_setting", 16), &p),
        "no rule by default"
    );
    p.household
        .0
        .insert("fire_setting".into(), HouseholdRule::Alone);
    assert!(!share(&with_tag("fire_setting", 16), &p));
    assert!(!share(&with_tag("fire_setting", 9), &p));
}

#[test]
fn s22c_7a_connected_carer_placed_first_and_ranked_first() {
    // A lives in PR1. H1 (PR1, 0 km) would score 1; H2 (LA1, about 30 km) is a carer approved
    // as a connected person for A and scores less. The connected tier comes before the score:
    // A goes to H2. B (PR1) cannot go to H2 (approved for A only) and takes H1.
    let mut h2 = home("H2", "LA1");
    h2.household.connected_child = Some(ChildId::from("A"));
    let dataset = Dataset::new(vec![child("A"), child("B")], vec![home("H1", "PR1"), h2]);
    let policy = distance_only_policy();
    let (problem, r) = solve(&dataset, &policy);
    assert_eq!(homes_of(&dataset, &r), vec![at("H2"), at("H1")]);
    let want = 1.0 + (1.0 - km("PR1", "LA1") / 80.0);
    assert!((r.total_score - want).abs() < 1e-9);
    assert_eq!(problem.eligibility[1].rejected_by(ReasonColumn::Law), 1);
    // Options: H2 is A's recommended home, rank 1.
    let options = righthome::options::build_options(
        &dataset,
        &policy,
        &problem,
        &r,
        3,
        None,
        &SolveOptions::default(),
    )
    .expect("options");
    let a = options.iter().find(|o| o.child == 0).expect("A's options");
    assert_eq!(a.options[0].rank, 1);
    assert_eq!(dataset.homes[a.options[0].home].id.as_str(), "H2");
}

#[test]
fn decided_home_kept_when_the_optimum_differs() {
    // A lives in PR1 and was agreed for H2 (LA1) this morning; H1 (PR1) would score higher.
    // The match keeps H2; B takes H1. Placing A at H1 instead is not kept, and the checker
    // says so.
    let mut a = child("A");
    a.arrangement.decided_home = Some(HomeId::from("H2"));
    let mut b = child("B");
    b.home = common::at("LA1");
    let dataset = Dataset::new(vec![a, b], vec![home("H1", "PR1"), home("H2", "LA1")]);
    let policy = distance_only_policy();
    let (problem, r) = solve(&dataset, &policy);
    assert_eq!(homes_of(&dataset, &r), vec![at("H2"), at("H1")]);
    assert_eq!(problem.decided, vec![(0, 1)]);
    assert!(
        checker::check(&dataset, &policy, &[Some(0), Some(1)])
            .iter()
            .any(|v| matches!(v, Violation::DecidedNotKept { .. }))
    );
    // The match chose only B's home: B (LA1) at H1 (PR1) scores 1 - km / 80.
    assert!((r.weighted_placed - 1.0).abs() < 1e-9);
    assert!((r.total_score - (1.0 - km("LA1", "PR1") / 80.0)).abs() < 1e-9);
}

#[test]
fn a_together_group_no_home_can_take_waits_while_everyone_else_is_placed() {
    // S1 is three brothers and sisters who must live together; every home takes groups of
    // two at most. D and E are placed; the group waits, each member's homes all counted
    // under beds (rejected_by_beds).
    let children: Vec<Child> = ["D", "E", "S1-0", "S1-1", "S1-2"]
        .iter()
        .map(|id| {
            let mut c = child(id);
            if id.starts_with("S1") {
                c.sibling_group = Some(SiblingGroupId::from("S1"));
            }
            c
        })
        .collect();
    let mut homes = vec![home("H1", "PR1"), home("H2", "PR2")];
    for h in &mut homes {
        h.beds_free = 3;
        h.max_sibling_group = 2;
    }
    let dataset = Dataset::new(children, homes);
    let (problem, r) = solve(&dataset, &distance_only_policy());
    assert_eq!(
        homes_of(&dataset, &r),
        vec![at("H1"), at("H1"), None, None, None]
    );
    for e in &problem.eligibility[2..] {
        assert_eq!(e.rejected_by(ReasonColumn::Beds), 2);
    }
}

#[test]
fn decided_homes_two_agreed_for_one_bed_keep_one() {
    // A and B were both agreed for H1 (one bed): the match keeps the first by child id,
    // A; B is matched as any other child and takes H2. The checker accepts that.
    let mut a = child("A");
    a.arrangement.decided_home = Some(HomeId::from("H1"));
    let mut b = child("B");
    b.arrangement.decided_home = Some(HomeId::from("H1"));
    let dataset = Dataset::new(vec![a, b], vec![home("H1", "PR1"), home("H2", "PR2")]);
    let policy = distance_only_policy();
    let (problem, r) = solve(&dataset, &policy);
    assert_eq!(problem.decided, vec![(0, 0)]);
    assert_eq!(homes_of(&dataset, &r), vec![at("H1"), at("H2")]);
    // The first by child id keeps it, in the checker too: B kept instead breaks A's; H1
    // left empty (A at H2, B waiting) keeps neither.
    assert_eq!(
        checker::check(&dataset, &policy, &[Some(1), Some(0)]),
        vec![Violation::DecidedNotKept {
            child: ChildId::from("A")
        }]
    );
    assert!(
        checker::check(&dataset, &policy, &[Some(1), None])
            .iter()
            .any(|v| matches!(v, Violation::DecidedNotKept { .. }))
    );
}
