//! What-if sufficiency scenarios: a base county changed by supply, demand and policy rules,
//! simulated week by week over many seeded replications (see `scenarios/README.md`).

mod load;
mod measure;
mod simulate;
mod summary;

pub use load::{known_district, load, load_text, parse, read};
pub use simulate::{Replication, run_replication};
pub use summary::{
    Interval, METRICS, ScenarioResult, compare_table, interval, run_scenario, scenario_files,
    summary_table, sweep_values, with_value,
};

use crate::model::Policy;
use serde::Deserialize;
use std::path::PathBuf;

/// A scenario file, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Shown in tables; defaults to the file name.
    pub name: Option<String>,
    /// Data directory (children.csv = referral profile, homes.csv = supply, policy.toml),
    /// relative to the scenario file.
    pub base: PathBuf,
    #[serde(default)]
    pub demand: Demand,
    #[serde(default)]
    pub supply: Supply,
    /// Overrides of the base policy.toml (same keys), plus `step_down_drive`.
    #[serde(default)]
    pub policy: toml::Table,
    #[serde(default)]
    pub run: Run,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Demand {
    /// The base data's children are today's referrals: week 0's waiting list.
    pub start_with_base_referrals: bool,
    /// Referrals (a child, or a sibling group) arriving per week on average (Poisson).
    pub referrals_per_week: f64,
    /// Growth over a year: 0.1 = the weekly rate rises steadily to 10% more by week 52.
    pub growth_per_year: f64,
    /// Multipliers on the referral rate of children in an age band.
    pub age_band: Vec<AgeBandMultiplier>,
    /// Multipliers on the referral rate from a district (area name such as "Burnley", or a
    /// postcode district).
    pub district: Vec<DistrictMultiplier>,
    /// Multipliers on referrals of complexity 1, 2, 3 and 4.
    pub complexity: [f64; 4],
    /// Multiplier on referrals of sibling groups (1 = as in the base data).
    pub sibling_groups: f64,
    /// Share of placed children whose placement ends each week by a planned move.
    pub planned_moves_per_week: f64,
    /// Share of placed children who return home each week.
    pub returns_home_per_week: f64,
    /// Weeks past their urgency after which a waiting child leaves the list for an emergency
    /// (often unregistered, far away) placement: the real-world outcome of unmet need.
    pub emergency_after_weeks: u32,
}

impl Default for Demand {
    fn default() -> Self {
        Demand {
            start_with_base_referrals: true,
            referrals_per_week: 10.0,
            growth_per_year: 0.0,
            age_band: Vec::new(),
            district: Vec::new(),
            complexity: [1.0; 4],
            sibling_groups: 1.0,
            planned_moves_per_week: 0.004,
            returns_home_per_week: 0.003,
            emergency_after_weeks: 4,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeBandMultiplier {
    pub min: u32,
    pub max: u32,
    pub multiplier: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DistrictMultiplier {
    pub name: String,
    pub multiplier: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Supply {
    /// Free beds appearing in existing homes each week on average (Poisson): carers and homes
    /// whose other children moved on.
    pub vacancies_per_week: f64,
    /// Share of free beds in agency and private homes taken by other councils each week.
    pub taken_elsewhere_per_week: f64,
    pub add: Vec<AddHomes>,
    pub remove: Vec<RemoveHomes>,
    pub change: Vec<ChangeHomes>,
}

impl Default for Supply {
    fn default() -> Self {
        Supply {
            vacancies_per_week: 8.0,
            taken_elsewhere_per_week: 0.25,
            add: Vec::new(),
            remove: Vec::new(),
            change: Vec::new(),
        }
    }
}

/// New homes (recruitment, new registrations) from a week on.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddHomes {
    pub kind: String,
    /// Area name ("Burnley") or postcode district ("BB11") where they are.
    pub district: String,
    pub count: u32,
    #[serde(default = "one")]
    pub beds: u32,
    #[serde(default)]
    pub age_min: u32,
    #[serde(default = "seventeen")]
    pub age_max: u32,
    #[serde(default = "two")]
    pub max_complexity: u8,
    #[serde(default)]
    pub accepts_needs: Vec<String>,
    #[serde(default = "one")]
    pub max_sibling_group: u32,
    /// GBP per child per week.
    pub weekly_cost: f64,
    #[serde(default = "yes")]
    pub in_house: bool,
    #[serde(default)]
    pub from_week: u32,
}

/// Homes closing or deregistering from a week on: by id, or the first `count` of a kind in a
/// district (by id order). Children living there go back on the waiting list, urgently.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoveHomes {
    pub home_id: Option<String>,
    pub kind: Option<String>,
    pub district: Option<String>,
    pub count: Option<u32>,
    #[serde(default)]
    pub from_week: u32,
}

/// Price changes and re-registrations from a week on, for homes of a kind and/or district.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeHomes {
    pub kind: Option<String>,
    pub district: Option<String>,
    #[serde(default = "one_f")]
    pub cost_multiplier: f64,
    #[serde(default)]
    pub accepts_needs_add: Vec<String>,
    pub max_complexity: Option<u8>,
    #[serde(default)]
    pub from_week: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Run {
    pub horizon_weeks: u32,
    pub replications: u32,
    pub seed: u64,
}

impl Default for Run {
    fn default() -> Self {
        Run {
            horizon_weeks: 52,
            replications: 100,
            seed: 1,
        }
    }
}

fn one() -> u32 {
    1
}
fn two() -> u8 {
    2
}
fn seventeen() -> u32 {
    17
}
fn yes() -> bool {
    true
}
fn one_f() -> f64 {
    1.0
}

/// A scenario ready to simulate: the file, its base data, the merged policy.
#[derive(Debug, Clone)]
pub struct LoadedScenario {
    pub name: String,
    pub scenario: Scenario,
    pub dataset: crate::model::Dataset,
    pub policy: Policy,
    /// Children in children's homes marked ready to step down, added at week 0.
    pub step_down_drive: u32,
}
