//! Hand-worked approvals (issue 17), one per flag, named for the regulation.

mod common;

use common::{at, child, home};
use righthome::approvals::{Flag, flags};
use righthome::model::{Dataset, HomeId, Policy, School, SiblingGroupId};

fn one(homes: Vec<righthome::model::Home>, c: righthome::model::Child) -> Dataset {
    Dataset::new(vec![c], homes)
}

#[test]
fn reg_11_out_of_area_and_distant() {
    let p = Policy::default();
    let d = one(
        vec![home("H1", "PR1"), home("H2", "FY1"), home("H3", "LS1")],
        child("C1"),
    );
    assert_eq!(flags(&d, &p, &[Some(0)], 0, 0), vec![]);
    assert_eq!(
        flags(&d, &p, &[Some(1)], 0, 1),
        vec![Flag::OutOfArea],
        "Blackpool adjoins"
    );
    assert_eq!(
        flags(&d, &p, &[Some(2)], 0, 2),
        vec![Flag::OutOfArea, Flag::Distant],
        "Leeds does not adjoin Lancashire"
    );
}

#[test]
fn reg_10_exam_year_school_move() {
    let p = Policy::default();
    let mut c = child("C1");
    c.school = Some(School {
        location: at("PR1"),
        year: 10,
    });
    let d = one(vec![home("H1", "PR1"), home("H2", "LA1")], c);
    assert_eq!(flags(&d, &p, &[Some(0)], 0, 0), vec![]);
    assert_eq!(flags(&d, &p, &[Some(1)], 0, 1), vec![Flag::Ks4SchoolMove]);
}

#[test]
fn siblings_apart_and_decided_home_breaking_a_rule() {
    let p = Policy::default();
    let mut a = child("C1");
    a.sibling_group = Some(SiblingGroupId::from("S1"));
    a.sibling_plan = righthome::model::SiblingPlan::ApartAssessed;
    let mut b = a.clone();
    b.id = "C2".into();
    let d = Dataset::new(vec![a, b], vec![home("H1", "PR1"), home("H2", "PR2")]);
    assert_eq!(
        flags(&d, &p, &[Some(0), Some(1)], 0, 0),
        vec![Flag::SiblingsApart]
    );
    assert_eq!(flags(&d, &p, &[Some(0), Some(0)], 0, 0), vec![]);

    let mut c = child("C1");
    c.age = 15;
    c.arrangement.decided_home = Some(HomeId::from("H1"));
    let mut h = home("H1", "PR1");
    h.age_min = 16;
    let d = one(vec![h], c);
    assert_eq!(
        flags(&d, &p, &[Some(0)], 0, 0),
        vec![Flag::DecidedBreaksRule]
    );
}

#[test]
fn children_act_sch7_exemption_over_the_fostering_limit() {
    let p = Policy::default();
    let mut h = home("H1", "PR1");
    h.household.fostering_exemption = true;
    h.household.residents = (0..3)
        .map(|_| righthome::model::Resident {
            age: 5,
            gender: righthome::model::Gender::Male,
            fostered: true,
            sibling_group: None,
            needs: Default::default(),
        })
        .collect();
    let d = one(vec![h], child("C1"));
    assert_eq!(
        flags(&d, &p, &[Some(0)], 0, 0),
        vec![Flag::FosteringLimitExemption]
    );
}
