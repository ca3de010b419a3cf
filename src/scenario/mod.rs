//! What-if sufficiency scenarios: a base county changed by supply, demand and policy rules,
//! simulated week by week over many seeded replications (see `scenarios/README.md`).

pub mod groups;
mod load;
mod measure;
mod paired;
mod population;
mod simulate;
mod summary;

pub use load::{MAX_SPOT_GBP, known_district, load, load_text, parse, read};
pub use measure::GapKey;
pub use paired::{compare_table, is_real, paired, show_diff};
pub use population::{PopulationBase, PopulationData};
pub use simulate::{Replication, run_replication};
pub use summary::{
    Interval, METRICS, ScenarioResult, gap_rows, interval, run_scenario, scenario_files,
    summary_table, sweep_values, unmet_in, with_value, with_value_as,
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
    /// `[demand]`: how referrals arrive and placements end.
    #[serde(default)]
    pub demand: Demand,
    /// `[supply]`: how beds free up, and homes added, removed or changed.
    #[serde(default)]
    pub supply: Supply,
    /// Overrides of the base policy.toml (same keys), plus `step_down_drive`.
    #[serde(default)]
    pub policy: toml::Table,
    /// `[spot]`: where children go, and what it costs, when no home is found in time.
    #[serde(default)]
    pub spot: Spot,
    /// `[run]`: weeks simulated, replications and seed.
    #[serde(default)]
    pub run: Run,
    /// `[population]`: start from the children in care on a date, read from an SSDA903
    /// return, with its fitted rates (see [`PopulationBase`]); None = the referral base.
    #[serde(default)]
    pub population: Option<PopulationBase>,
}

/// A scenario's `[spot]`: emergency or spot placements, bought when no home is found within
/// `demand.emergency_after_weeks` of a child's urgency, and what a child costs while waiting.
/// Weekly costs in GBP per child, by the kind of home the child's plan asks for; the defaults
/// are published average prices (sources in scenarios/README.md), with no emergency premium
/// (an ASSUMPTION that errs low).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Spot {
    /// GBP per week for a child whose plan asks for a family (or either) and for whom no
    /// family was found in time: in practice a children's home bed bought on the spot (default
    /// 3830: CMA's average weekly price of the largest private children's home providers, 2020;
    /// that such children go to children's homes is an ASSUMPTION).
    pub family_gbp: f64,
    /// GBP per week for a child whose plan asks for a children's home (default 6249: average
    /// weekly price of independent residential placements, Lincolnshire CC FOI, December 2023).
    pub residential_gbp: f64,
    /// GBP per week for a 16+ child needing supported accommodation (default 3324: average
    /// independent supported accommodation price, Lincolnshire CC FOI, 2023).
    pub supported_gbp: f64,
    /// Spot placements are outside the county: never within 20 miles, never keeping the
    /// school (default true).
    pub out_of_county: bool,
    /// A child waiting for a home is in an interim arrangement costed at the spot price of
    /// their plan (default true): a waiting child is never free.
    pub cost_while_waiting: bool,
}

impl Default for Spot {
    fn default() -> Self {
        Spot {
            family_gbp: 3830.0,
            residential_gbp: 6249.0,
            supported_gbp: 3324.0,
            out_of_county: true,
            cost_while_waiting: true,
        }
    }
}

impl Spot {
    /// The weekly cost, GBP, of a spot placement for a plan.
    pub fn weekly_cost(&self, need: crate::model::PlacementNeed) -> f64 {
        use crate::model::PlacementNeed;
        match need {
            PlacementNeed::Residential => self.residential_gbp,
            PlacementNeed::Supported => self.supported_gbp,
            _ => self.family_gbp,
        }
    }
}

/// A scenario's `[demand]`: referrals arriving each week, and placements ending.
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
    /// Weeks past their urgency after which a waiting child goes to an emergency or spot
    /// placement (costed and placed as `[spot]` says; they stay in care and in every measure):
    /// the real-world outcome of unmet need.
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
/// A `[[demand.age_band]]`: referrals of children aged `min` to `max` years (inclusive)
/// are drawn `multiplier` times as often. Bands that overlap multiply.
pub struct AgeBandMultiplier {
    /// Youngest age in the band, years.
    pub min: u32,
    /// Oldest age in the band, years (at most 25).
    pub max: u32,
    /// Factor on the band's referral rate (1.1 = 10% more).
    pub multiplier: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
/// A `[[demand.district]]`: referrals of children whose family lives in an area are drawn
/// `multiplier` times as often.
pub struct DistrictMultiplier {
    /// An area name (`Burnley`) or a postcode district (`BB11`).
    pub name: String,
    /// Factor on the area's referral rate (1.1 = 10% more).
    pub multiplier: f64,
}

/// A scenario's `[supply]`: beds freeing up and being taken, and homes added, removed or
/// changed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Supply {
    /// Free beds appearing in existing homes each week on average (Poisson): carers and homes
    /// whose other children moved on.
    pub vacancies_per_week: f64,
    /// Share of free beds in agency and private homes taken by other councils each week.
    pub taken_elsewhere_per_week: f64,
    /// Children already living in children's homes at week 0, in beds not among the free ones
    /// (drawn from the profile's single 10-17 year olds, each in the nearest children's home):
    /// they pay their home's fee until they leave, and `step_down_drive` of them are ready to
    /// step down. Give every compared scenario the same number, so that they pair.
    pub children_in_childrens_homes: u32,
    /// `[[supply.add]]`: homes recruited or registered.
    pub add: Vec<AddHomes>,
    /// `[[supply.remove]]`: homes closing or deregistering.
    pub remove: Vec<RemoveHomes>,
    /// `[[supply.change]]`: price changes and re-registrations.
    pub change: Vec<ChangeHomes>,
}

impl Default for Supply {
    fn default() -> Self {
        Supply {
            vacancies_per_week: 8.0,
            taken_elsewhere_per_week: 0.25,
            children_in_childrens_homes: 0,
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
    /// The kind of home, as its CSV code (`foster_inhouse`, `childrens_home`, ...).
    pub kind: String,
    /// Area name ("Burnley") or postcode district ("BB11") where they are.
    pub district: String,
    /// How many homes (spread in turn over an area's postcode districts).
    pub count: u32,
    /// Free beds in each new home (default 1).
    #[serde(default = "one")]
    pub beds: u32,
    /// Youngest age taken, years, inclusive (default 0).
    #[serde(default)]
    pub age_min: u32,
    /// Oldest age taken, years, inclusive (default 17).
    #[serde(default = "seventeen")]
    pub age_max: u32,
    /// Highest complexity of need met, 1 standard .. 4 very high (default 2).
    #[serde(default = "two")]
    pub max_complexity: u8,
    /// Need tags the new homes accept (default none).
    #[serde(default)]
    pub accepts_needs: Vec<String>,
    /// Largest sibling group taken together (default 1: single children only).
    #[serde(default = "one")]
    pub max_sibling_group: u32,
    /// GBP per child per week.
    pub weekly_cost: f64,
    /// Run by the council itself (default true).
    #[serde(default = "yes")]
    pub in_house: bool,
    /// The week they open (0 = from the start).
    #[serde(default)]
    pub from_week: u32,
}

/// Homes closing or deregistering from a week on: by id, or the first `count` of a kind in a
/// district (by id order). Children living there go back on the waiting list, urgently.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoveHomes {
    /// Only the home with this id (as in homes.csv).
    pub home_id: Option<String>,
    /// Only homes of this kind (CSV code).
    pub kind: Option<String>,
    /// Only homes in this area name or postcode district.
    pub district: Option<String>,
    /// How many of the homes that match to remove; None = all of them.
    pub count: Option<u32>,
    /// The week they close (0 = from the start).
    #[serde(default)]
    pub from_week: u32,
}

/// Price changes and re-registrations from a week on, for homes of a kind and/or district.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeHomes {
    /// Only homes of this kind (CSV code); None = every kind.
    pub kind: Option<String>,
    /// Only homes in this area name or postcode district; None = everywhere.
    pub district: Option<String>,
    /// Factor on the weekly cost (1.05 = 5% dearer; default 1).
    #[serde(default = "one_f")]
    pub cost_multiplier: f64,
    /// Need tags the homes are newly registered or trained for (added to their own).
    #[serde(default)]
    pub accepts_needs_add: Vec<String>,
    /// The new highest complexity met (1 standard .. 4 very high), replacing the homes' own;
    /// None = unchanged.
    pub max_complexity: Option<u8>,
    /// The week the change takes effect (0 = from the start).
    #[serde(default)]
    pub from_week: u32,
}

/// A scenario's `[run]`: how long and how many times to simulate.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Run {
    /// Weeks simulated, 1-520 (default 52).
    pub horizon_weeks: u32,
    /// Replications with different random draws, 1-10000 (default 100).
    pub replications: u32,
    /// Seed of every random draw (keyed with replication and week): the same seed gives the
    /// same results, and scenarios run with one seed share their draws.
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
    /// The scenario's name: its `name`, or the file name.
    pub name: String,
    /// The file as parsed.
    pub scenario: Scenario,
    /// The base data's children (the referral profile) and homes (the supply).
    pub dataset: crate::model::Dataset,
    /// The base policy.toml with the scenario's `[policy]` overrides applied.
    pub policy: Policy,
    /// Children in children's homes marked ready to step down, added at week 0.
    pub step_down_drive: u32,
    /// The population base, read and fitted once (shared by every replication).
    pub population: Option<std::sync::Arc<PopulationData>>,
}
