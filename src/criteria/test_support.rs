//! Small builders for criterion unit tests.

use crate::io::postcodes::directory;
use crate::model::*;
use std::collections::BTreeSet;

pub fn policy() -> Policy {
    Policy::default()
}

/// Every registered criterion's score for the child alone at the home (rules not checked).
pub fn scored(child: &Child, home: &Home, policy: &Policy) -> super::ScoreBreakdown {
    super::score(&super::Pair::new(child, home, policy, 1))
}

pub fn location(district: &str) -> Location {
    directory()
        .locate(district)
        .expect("test district is in the directory")
}

/// A 10-year-old girl whose family lives in PR1, no special needs.
pub fn child() -> Child {
    Child {
        id: ChildId::from("C1"),
        age: 10,
        gender: Gender::Female,
        home: location("PR1"),
        school: None,
        sibling_group: None,
        sibling_plan: SiblingPlan::Together,
        complexity: 1,
        needs: BTreeSet::new(),
        placement_need: PlacementNeed::Either,
        step_down_ready: false,
        preferred_district: None,
        avoid_districts: BTreeSet::new(),
        urgency_days: 14,
        languages: Vec::new(),
        faith: None,
        arrangement: Default::default(),
    }
}

/// An in-house foster home in PR2 for ages 0-17 with two free beds.
pub fn home() -> Home {
    home_at("PR2")
}

pub fn home_at(district: &str) -> Home {
    Home {
        id: HomeId::from("H1"),
        name: String::new(),
        kind: HomeKind::FosterInhouse,
        location: location(district),
        beds_free: 2,
        age_min: 0,
        age_max: 17,
        gender: GenderAccepted::Any,
        max_complexity: 4,
        accepts_needs: BTreeSet::new(),
        max_sibling_group: 3,
        solo_only: false,
        weekly_cost: 600.0,
        ofsted: Ofsted::Good,
        in_house: true,
        languages: Vec::new(),
        faith: None,
        household: Default::default(),
    }
}
