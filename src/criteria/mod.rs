//! Matching criteria: one file per criterion, each declaring what it is (a [`Spec`]: its rule
//! with the rejections it can give, its score components with their weight keys, default
//! weights and words for both readers, and the input columns it reads) and giving its hard rule
//! and its soft score. Eligibility counts, score breakdowns, the policy's weight keys and the
//! explanations all fall out of [`CRITERIA`], so a new criterion is one new file and one line
//! there (culture, faith and language was added that way).

mod age;
mod avoid_areas;
pub mod connected;
mod cost;
mod culture;
mod distance;
mod family_based;
mod gender;
pub mod household;
mod in_house;
pub mod law;
mod needs;
pub(crate) mod placement_type;
mod quality;
mod school;
mod siblings;
mod step_down;
mod wishes;

use crate::model::{Child, Home, Policy};
use smallvec::SmallVec;
use std::cell::OnceCell;
use std::sync::LazyLock;

/// Every criterion, in the order rules are checked: a home ruled out by several is counted
/// under the first, so each child's rejection counts add up to the number of homes. The order
/// also fixes the order of the score components (and so of the sum that makes a score).
pub static CRITERIA: &[&dyn Criterion] = &[
    &age::Age,
    &gender::Gender,
    &needs::Needs,
    &placement_type::PlacementType,
    &law::Law,
    &connected::Connected,
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
    &culture::Culture,
    &household::Household,
];

/// One child considered for one home, with what several criteria need precomputed.
pub struct Pair<'a> {
    /// The child considered (for a sibling unit, the member being scored).
    pub child: &'a Child,
    /// The home considered for it.
    pub home: &'a Home,
    /// The limits and weights the rules and scores read.
    pub policy: &'a Policy,
    /// Children placed together in this home as one unit (1, or the sibling group's size).
    pub unit_size: u32,
    /// Distances, worked out only when a criterion asks: most pairs are ruled out by age,
    /// gender or needs first, and a county has millions of pairs.
    distance: OnceCell<f64>,
    school: OnceCell<Option<f64>>,
}

impl<'a> Pair<'a> {
    /// A pair with nothing computed yet; `unit_size` is how many children go to the home
    /// together (1, or the sibling group's size).
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

/// What a criterion is, declared in its own file.
pub struct Spec {
    /// The criterion's name: its file under `src/criteria/` and its entry in docs/matching.md.
    pub name: &'static str,
    /// The hard rule in words, with its reason (empty for a criterion that only scores).
    pub rule: &'static str,
    /// The rejections the rule can give.
    pub rejections: &'static [&'static Rejection],
    /// The soft score components, in the order the criterion writes them.
    pub components: &'static [ComponentSpec],
    /// The input columns read, as `file.column` (`children.age`, `homes.age_min`, ...).
    pub reads: &'static [&'static str],
}

/// Why a home cannot take a child (or the child's sibling group): a rejection declared, with
/// its words, by the criterion whose rule gives it.
pub type Reason = &'static Rejection;

/// A rejection a rule can give: its code, the `unplaced.csv` column it is counted under, and
/// plain words saying why the home cannot be offered.
#[derive(Debug, PartialEq, Eq)]
pub struct Rejection {
    /// A short stable name (`age`, `complexity`, `bsl`, ...), unique across criteria.
    pub code: &'static str,
    /// The `unplaced.csv` reason-count column this rejection is counted under.
    pub column: ReasonColumn,
    /// Plain words: why this home cannot be offered.
    pub words: &'static str,
}

impl Rejection {
    /// The `unplaced.csv` reason-count column this rejection is counted under.
    pub fn column(&self) -> ReasonColumn {
        self.column
    }
}

/// Where an options sheet says a component's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Said {
    /// The sheet's description of the home already states it (distance, school, grade, cost),
    /// so the words are not repeated as a reason.
    InDescription,
    /// Said as a reason the home is suggested, whenever the component scores above 0.
    AsReason,
}

/// Words for one reader about one pair (called only when the component scores above 0).
pub type WordsFn = fn(&Pair) -> String;

/// A soft score component: its value (0..1, set by the criterion) times its weight.
pub struct ComponentSpec {
    /// The component's name (unique).
    pub key: &'static str,
    /// Its key under `[weights]` in policy.toml (unique).
    pub weight_key: &'static str,
    /// The weight when policy.toml does not set it (written out in data/lancashire/policy.toml).
    pub default_weight: f64,
    /// What the weight rewards, in a few words (policy.toml's comment).
    pub rewards: &'static str,
    /// Words for the young person (speaking to them, no costs or codes).
    pub young_person: WordsFn,
    /// Words for managers and social workers.
    pub manager: WordsFn,
    /// Whether an options sheet gives the words as a reason or leaves them to the description.
    pub said: Said,
}

/// The reason-count columns of `unplaced.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReasonColumn {
    /// The child's age is outside the home's age range (`rejected_by_age`).
    Age,
    /// The home does not take the child's gender (`rejected_by_gender`).
    Gender,
    /// Complexity, need tags, or culture, faith and language the home cannot meet
    /// (`rejected_by_needs`).
    Needs,
    /// The home is beyond the policy's distance limit (`rejected_by_distance`).
    Distance,
    /// Too few beds for the sibling group, or a solo-only home (`rejected_by_beds`).
    Beds,
    /// The home is in a district the child must keep away from (`rejected_by_avoid_area`).
    AvoidArea,
    /// Any other rule: placement type, Ofsted grade (`rejected_other`).
    Other,
    /// The law on where a child may live: reg. 27A/27C, registration, the fostering limit, a
    /// connected carer approved for another child (`rejected_by_law`).
    Law,
    /// The household already there: living companions and `[household]` rules
    /// (`rejected_by_household`).
    Household,
}

impl ReasonColumn {
    /// Every column, in the order they are written in `unplaced.csv`.
    pub const ALL: [ReasonColumn; 9] = [
        ReasonColumn::Age,
        ReasonColumn::Gender,
        ReasonColumn::Needs,
        ReasonColumn::Distance,
        ReasonColumn::Beds,
        ReasonColumn::AvoidArea,
        ReasonColumn::Other,
        ReasonColumn::Law,
        ReasonColumn::Household,
    ];

    /// The column's header in `unplaced.csv` (`rejected_by_age`, ...).
    pub fn header(self) -> &'static str {
        match self {
            ReasonColumn::Age => "rejected_by_age",
            ReasonColumn::Gender => "rejected_by_gender",
            ReasonColumn::Needs => "rejected_by_needs",
            ReasonColumn::Distance => "rejected_by_distance",
            ReasonColumn::Beds => "rejected_by_beds",
            ReasonColumn::AvoidArea => "rejected_by_avoid_area",
            ReasonColumn::Other => "rejected_other",
            ReasonColumn::Law => "rejected_by_law",
            ReasonColumn::Household => "rejected_by_household",
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
            ReasonColumn::Law => "the law",
            ReasonColumn::Household => "the household there",
        }
    }
}

/// The most score components the registered criteria may declare in all (a breakdown is a
/// fixed array, copied freely; a test checks the registry fits).
pub const MAX_COMPONENTS: usize = 16;

/// Where each criterion's components sit in a breakdown, worked out once from [`CRITERIA`].
struct Layout {
    /// Per criterion (registry order), the index of its first component and how many it has.
    offsets: Vec<(usize, usize)>,
    /// Every component, in registry order.
    components: Vec<&'static ComponentSpec>,
}

static LAYOUT: LazyLock<Layout> = LazyLock::new(|| {
    let mut offsets = Vec::with_capacity(CRITERIA.len());
    let mut components = Vec::new();
    for criterion in CRITERIA {
        let n = criterion.spec().components.len();
        offsets.push((components.len(), n));
        components.extend(criterion.spec().components.iter());
    }
    assert!(
        components.len() <= MAX_COMPONENTS,
        "raise MAX_COMPONENTS to {}",
        components.len()
    );
    Layout {
        offsets,
        components,
    }
});

/// Every registered score component, in breakdown order.
pub fn components() -> &'static [&'static ComponentSpec] {
    &LAYOUT.components
}

/// The breakdown index of the component named `key`.
pub fn component_index(key: &str) -> Option<usize> {
    components().iter().position(|c| c.key == key)
}

/// A child's score for a home, kept by component so that it can be explained.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ScoreBreakdown {
    points: [f64; MAX_COMPONENTS],
}

impl ScoreBreakdown {
    /// The points of the component at breakdown index `index` (see [`components`]).
    pub fn at(&self, index: usize) -> f64 {
        self.points.get(index).copied().unwrap_or(0.0)
    }

    /// The points of the component named `key` (0 for an unknown key).
    pub fn get(&self, key: &str) -> f64 {
        component_index(key).map_or(0.0, |i| self.points[i])
    }

    /// The score: the sum of the weighted components, in breakdown order.
    pub fn total(&self) -> f64 {
        self.points[..components().len()].iter().sum()
    }
}

/// A criterion's own components within a breakdown, with their weights: what
/// [`Criterion::score`] writes to.
pub struct Points<'a> {
    slots: &'a mut [f64],
    weights: &'a [f64],
}

impl Points<'_> {
    /// Set the criterion's `i`-th component: its weight x `value`, the value clamped to 0..1.
    pub fn set(&mut self, i: usize, value: f64) {
        self.slots[i] = self.weights[i] * value.clamp(0.0, 1.0);
    }

    /// As [`Points::set`], with the weight first multiplied by `multiplier` (the school score
    /// in an exam year).
    pub fn set_scaled(&mut self, i: usize, multiplier: f64, value: f64) {
        self.slots[i] = self.weights[i] * multiplier * value.clamp(0.0, 1.0);
    }
}

/// A matching criterion: a hard rule, a score component, or both.
pub trait Criterion: Sync {
    /// What the criterion is: name, rule, components, columns read.
    fn spec(&self) -> &'static Spec;

    /// The hard rule: `Err(reason)` when the home cannot take the child.
    fn rule(&self, _pair: &Pair) -> Result<(), Reason> {
        Ok(())
    }

    /// The soft score component(s), written into `points` (the criterion's own components,
    /// in the order its [`Spec`] lists them).
    fn score(&self, _pair: &Pair, _points: &mut Points) {}
}

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
    let layout = &*LAYOUT;
    let weights = pair.policy.weights.by_component();
    let mut score = ScoreBreakdown::default();
    for (criterion, &(offset, n)) in CRITERIA.iter().zip(&layout.offsets) {
        if n == 0 {
            continue;
        }
        let mut points = Points {
            slots: &mut score.points[offset..offset + n],
            weights: &weights[offset..offset + n],
        };
        criterion.score(pair, &mut points);
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

#[cfg(test)]
mod registry_tests;
