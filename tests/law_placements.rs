//! The law's rules on one child's placement and the approvals flags (issue 17), worked by
//! hand at the level of a whole match (dataset -> matching -> checker -> flags), each named
//! for the regulation. The criterion-level tests sit beside each criterion; these show the
//! match takes them. Scores are distance only (score = 1 - km / 80).

mod common;

use common::{child, distance_only_policy, home};
use righthome::approvals::{Flag, flags};
use righthome::checker;
use righthome::criteria::ReasonColumn;
use righthome::matching::{self, MatchProblem, MatchResult};
use righthome::model::*;
use righthome::solver::SolveOptions;

fn solve(dataset: &Dataset, policy: &Policy) -> (MatchProblem, MatchResult) {
    let (problem, result) =
        matching::run(dataset, policy, &SolveOptions::default()).expect("solves");
    assert_eq!(checker::check(dataset, policy, &result.placements), vec![]);
    (problem, result)
}

fn placed_at<'a>(dataset: &'a Dataset, result: &MatchResult, c: usize) -> Option<&'a str> {
    result.placements[c].map(|h| dataset.homes[h].id.as_str())
}

/// A young person (needs supported or family) in PR1; H1 supported accommodation in PR1
/// (listed from 14), H2 a foster home in LA1 (about 30 km).
fn supported_or_fostered(age: u32) -> Dataset {
    let mut c = child("A");
    c.age = age;
    c.placement_need = PlacementNeed::Supported;
    let mut h1 = home("H1", "PR1");
    h1.kind = HomeKind::Supported16Plus;
    h1.age_min = 14;
    Dataset::new(vec![c], vec![h1, home("H2", "LA1")])
}

#[test]
fn reg_27a_a_fifteen_year_old_never_goes_to_supported_accommodation() {
    // At 16 the nearer supported home scores 1 and wins; at 15 it is unlawful whatever its
    // age range, so the foster home 30 km away is the only choice.
    let p = distance_only_policy();
    let d = supported_or_fostered(16);
    assert_eq!(placed_at(&d, &solve(&d, &p).1, 0), Some("H1"));
    let d = supported_or_fostered(15);
    let (problem, r) = solve(&d, &p);
    assert_eq!(placed_at(&d, &r, 0), Some("H2"));
    assert_eq!(problem.eligibility[0].rejected_by(ReasonColumn::Law), 1);
    assert!(!checker::check(&d, &p, &[Some(0)]).is_empty());
}

#[test]
fn reg_27c_sixteen_and_seventeen_only_in_registered_supported_accommodation() {
    let p = distance_only_policy();
    let mut d = supported_or_fostered(17);
    d.homes[0].household.registered = false;
    let (problem, r) = solve(&d, &p);
    assert_eq!(placed_at(&d, &r, 0), Some("H2"));
    assert_eq!(problem.eligibility[0].rejected_by(ReasonColumn::Law), 1);
    assert!(!checker::check(&d, &p, &[Some(0)]).is_empty());
}

#[test]
fn care_standards_act_s11_no_child_in_an_unregistered_childrens_home() {
    // A needs residential care: H1 (PR1) is unregistered, H2 (LA1) registered.
    let mut c = child("A");
    c.placement_need = PlacementNeed::Residential;
    let mut h1 = home("H1", "PR1");
    h1.kind = HomeKind::ChildrensHome;
    h1.household.registered = false;
    let mut h2 = home("H2", "LA1");
    h2.kind = HomeKind::ChildrensHome;
    let d = Dataset::new(vec![c], vec![h1, h2]);
    let p = distance_only_policy();
    let (problem, r) = solve(&d, &p);
    assert_eq!(placed_at(&d, &r, 0), Some("H2"));
    assert_eq!(problem.eligibility[0].rejected_by(ReasonColumn::Law), 1);
}

#[test]
fn children_act_sch7_an_exempted_carer_over_the_limit_is_flagged() {
    // H1 (PR1, 2 beds) fosters three unrelated children under the council's exemption; A and
    // B both go there (0 km) and each placement is flagged fostering_limit_exemption.
    let mut h1 = home("H1", "PR1");
    h1.beds_free = 2;
    h1.household.fostering_exemption = true;
    let fostered = Resident {
        age: 6,
        gender: Gender::Male,
        fostered: true,
        sibling_group: None,
        needs: Default::default(),
    };
    h1.household.residents = vec![fostered.clone(), fostered.clone(), fostered];
    let d = Dataset::new(vec![child("A"), child("B")], vec![h1, home("H2", "LA1")]);
    let p = distance_only_policy();
    let (_, r) = solve(&d, &p);
    assert_eq!(r.placements, vec![Some(0), Some(0)]);
    for c in 0..2 {
        assert_eq!(
            flags(&d, &p, &r.placements, c, 0),
            vec![Flag::FosteringLimitExemption]
        );
    }
    // Without the exemption neither may join three fostered children: one takes H2's one
    // bed, the other waits.
    let mut strict = d.clone();
    strict.homes[0].household.fostering_exemption = false;
    let (_, r) = solve(&strict, &p);
    assert_eq!(r.placed_count(), 1);
    assert!(r.placements.iter().flatten().all(|&h| h == 1));
}

#[test]
fn reg_11_the_match_flags_out_of_area_and_distant_homes() {
    // The only homes: H1 in Blackpool (FY1: outside Lancashire, adjoining) and H2 in Leeds
    // (LS1: outside and not adjoining), one bed each: one child goes to each.
    let d = Dataset::new(
        vec![child("A"), child("B")],
        vec![home("H1", "FY1"), home("H2", "LS1")],
    );
    let p = Policy::default();
    let (_, r) = solve(&d, &p);
    let at_blackpool = r.placements.iter().position(|&h| h == Some(0));
    let at_leeds = r.placements.iter().position(|&h| h == Some(1));
    let (a, b) = (
        at_blackpool.expect("one in Blackpool"),
        at_leeds.expect("one in Leeds"),
    );
    assert_eq!(flags(&d, &p, &r.placements, a, 0), vec![Flag::OutOfArea]);
    assert_eq!(
        flags(&d, &p, &r.placements, b, 1),
        vec![Flag::OutOfArea, Flag::Distant]
    );
}

#[test]
fn decided_home_breaking_reg_27a_is_kept_and_flagged() {
    // A (15) was agreed for supported accommodation this morning: unlawful, but agreed. The
    // match keeps it (the checker accepts it as agreed) and flags decided_breaks_rule.
    let mut d = supported_or_fostered(15);
    d.children[0].arrangement.decided_home = Some(HomeId::from("H1"));
    let p = distance_only_policy();
    let (_, r) = solve(&d, &p);
    assert_eq!(placed_at(&d, &r, 0), Some("H1"));
    assert!(flags(&d, &p, &r.placements, 0, 0).contains(&Flag::DecidedBreaksRule));
}
