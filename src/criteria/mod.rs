//! Matching criteria: one file per criterion, each giving its hard rule (a rejection with its
//! reason) and its soft score component. Eligibility counts and score breakdowns both fall out
//! of [`evaluate`], so a new criterion (say, faith and culture) is one new file and one line in
//! [`CRITERIA`].

mod age;
mod avoid_areas;
mod cost;
mod distance;
mod family_based;
mod gender;
mod in_house;
mod needs;
mod placement_type;
mod quality;
mod school;
mod siblings;
mod step_down;
mod wishes;

use crate::model::{Child, Home, Policy};
use smallvec::SmallVec;
use std::cell::OnceCell;

/// One child considered for one home, with what several criteria need precomputed.
pub struct Pair<'a> {
    pub child: &'a Child,
    pub home: &'a Home,
    pub policy: &'a Policy,
    /// Children placed together in this home as one unit (1, or the sibling group's size).
    pub unit_size: u32,
    /// Distances, worked out only when a criterion asks: most pairs are ruled out by age,
    /// gender or needs first, and a county has millions of pairs.
    distance: OnceCell<f64>,
    school: OnceCell<Option<f64>>,
}

impl<'a> Pair<'a> {
    pub fn new(child: &'a Child, home: &'a Home, policy: &'a Policy, unit_size: u32) -> Self {
        Pair {
            child,
            home,
            policy,
            unit_size,
            distance: OnceCell::new(),
            school: OnceCell::new(),
        }
    }

    /// Straight-line km from the child's family home to the home.
    pub fn distance_km(&self) -> f64 {
        *self
            .distance
            .get_or_init(|| self.child.home.distance_km(&self.home.location))
    }

    /// Straight-line km from the home to the child's current school, if in school.
    pub fn school_km(&self) -> Option<f64> {
        *self.school.get_or_init(|| {
            self.child
                .school
                .as_ref()
                .map(|s| s.location.distance_km(&self.home.location))
        })
    }
}

/// Why a home cannot take a child (or the child's sibling group).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    Age,
    Gender,
    Complexity,
    NeedTags,
    PlacementType,
    AvoidArea,
    Distance,
    SiblingGroupSize,
    SoloOnly,
    Beds,
    Quality,
}

/// The reason-count columns of `unplaced.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReasonColumn {
    Age,
    Gender,
    Needs,
    Distance,
    Beds,
    AvoidArea,
    Other,
}

impl ReasonColumn {
    pub const ALL: [ReasonColumn; 7] = [
        ReasonColumn::Age,
        ReasonColumn::Gender,
        ReasonColumn::Needs,
        ReasonColumn::Distance,
        ReasonColumn::Beds,
        ReasonColumn::AvoidArea,
        ReasonColumn::Other,
    ];

    pub fn header(self) -> &'static str {
        match self {
            ReasonColumn::Age => "rejected_by_age",
            ReasonColumn::Gender => "rejected_by_gender",
            ReasonColumn::Needs => "rejected_by_needs",
            ReasonColumn::Distance => "rejected_by_distance",
            ReasonColumn::Beds => "rejected_by_beds",
            ReasonColumn::AvoidArea => "rejected_by_avoid_area",
            ReasonColumn::Other => "rejected_other",
        }
    }

    /// Plain words for the table and reports.
    pub fn words(self) -> &'static str {
        match self {
            ReasonColumn::Age => "age",
            ReasonColumn::Gender => "gender",
            ReasonColumn::Needs => "needs",
            ReasonColumn::Distance => "too far",
            ReasonColumn::Beds => "not enough beds",
            ReasonColumn::AvoidArea => "area to avoid",
            ReasonColumn::Other => "other",
        }
    }
}

impl Reason {
    pub fn column(self) -> ReasonColumn {
        match self {
            Reason::Age => ReasonColumn::Age,
            Reason::Gender => ReasonColumn::Gender,
            Reason::Complexity | Reason::NeedTags => ReasonColumn::Needs,
            Reason::Distance => ReasonColumn::Distance,
            Reason::SiblingGroupSize | Reason::SoloOnly | Reason::Beds => ReasonColumn::Beds,
            Reason::AvoidArea => ReasonColumn::AvoidArea,
            Reason::PlacementType | Reason::Quality => ReasonColumn::Other,
        }
    }

    /// Plain words: why this home cannot be offered.
    pub fn words(self) -> &'static str {
        match self {
            Reason::Age => "the home does not take children of this age",
            Reason::Gender => "the home is for boys only or girls only",
            Reason::Complexity => "the home cannot meet this level of need",
            Reason::NeedTags => "the home is not registered or trained for a need the child has",
            Reason::PlacementType => "not the kind of home the child's plan asks for",
            Reason::AvoidArea => "in an area the child must keep away from",
            Reason::Distance => "too far from the child's family",
            Reason::SiblingGroupSize => "cannot take the whole sibling group together",
            Reason::SoloOnly => "takes one child only",
            Reason::Beds => "not enough free beds",
            Reason::Quality => "rated inadequate by Ofsted",
        }
    }
}

/// The soft score components, each weighted points (weight x a 0..1 value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Component {
    Distance,
    Within20Miles,
    School,
    NeedsFit,
    FamilyBased,
    Wishes,
    InHouse,
    Quality,
    Cost,
    StepDown,
}

impl Component {
    pub const ALL: [Component; 10] = [
        Component::Distance,
        Component::Within20Miles,
        Component::School,
        Component::NeedsFit,
        Component::FamilyBased,
        Component::Wishes,
        Component::InHouse,
        Component::Quality,
        Component::Cost,
        Component::StepDown,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Component::Distance => "distance",
            Component::Within20Miles => "within_20_miles",
            Component::School => "school",
            Component::NeedsFit => "needs_fit",
            Component::FamilyBased => "family_based",
            Component::Wishes => "wishes",
            Component::InHouse => "in_house",
            Component::Quality => "quality",
            Component::Cost => "cost",
            Component::StepDown => "step_down",
        }
    }
}

/// A child's score for a home, kept by component so that it can be explained.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ScoreBreakdown {
    points: [f64; Component::ALL.len()],
}

impl ScoreBreakdown {
    /// Set a component's points: `weight` x `value`, the value clamped to 0..1.
    pub fn set(&mut self, component: Component, weight: f64, value: f64) {
        self.points[component as usize] = weight * value.clamp(0.0, 1.0);
    }

    pub fn get(&self, component: Component) -> f64 {
        self.points[component as usize]
    }

    /// The score: the sum of the weighted components.
    pub fn total(&self) -> f64 {
        self.points.iter().sum()
    }
}

/// A matching criterion: a hard rule, a score component, or both.
pub trait Criterion: Sync {
    /// The hard rule: `Err(reason)` when the home cannot take the child.
    fn rule(&self, _pair: &Pair) -> Result<(), Reason> {
        Ok(())
    }

    /// The soft score component(s), written into `score`.
    fn score(&self, _pair: &Pair, _score: &mut ScoreBreakdown) {}
}

/// Every criterion, in the order rules are checked: a home ruled out by several is counted
/// under the first, so each child's rejection counts add up to the number of homes.
pub static CRITERIA: &[&dyn Criterion] = &[
    &age::Age,
    &gender::Gender,
    &needs::Needs,
    &placement_type::PlacementType,
    &avoid_areas::AvoidAreas,
    &distance::Distance,
    &siblings::Siblings,
    &quality::Quality,
    &school::School,
    &family_based::FamilyBased,
    &wishes::Wishes,
    &in_house::InHouse,
    &cost::Cost,
    &step_down::StepDown,
];

/// Each member's score breakdown, in member order; inline for one or two members (a county
/// has millions of pairs to evaluate).
pub type MemberScores = SmallVec<[ScoreBreakdown; 2]>;

/// Whether a home can take a unit of children (one child, or a sibling group together), and
/// if so each member's score breakdown, in member order. For a group, every criterion is
/// checked for every member before the next criterion, so the reason is the first rule any
/// member fails.
pub fn evaluate(members: &[&Child], home: &Home, policy: &Policy) -> Result<MemberScores, Reason> {
    let size = members.len() as u32;
    let pairs: SmallVec<[Pair; 2]> = members
        .iter()
        .map(|c| Pair::new(c, home, policy, size))
        .collect();
    for criterion in CRITERIA {
        for pair in &pairs {
            criterion.rule(pair)?;
        }
    }
    Ok(pairs.iter().map(score).collect())
}

/// A pair's score breakdown (once every rule has passed).
fn score(pair: &Pair) -> ScoreBreakdown {
    let mut score = ScoreBreakdown::default();
    for criterion in CRITERIA {
        criterion.score(pair, &mut score);
    }
    score
}

/// Evaluate one child alone (unit size 1) against a home.
pub fn evaluate_single(
    child: &Child,
    home: &Home,
    policy: &Policy,
) -> Result<ScoreBreakdown, Reason> {
    let pair = Pair::new(child, home, policy, 1);
    for criterion in CRITERIA {
        criterion.rule(&pair)?;
    }
    Ok(score(&pair))
}

#[cfg(test)]
pub(crate) mod test_support;
