//! Scoring weights and hard limits, read from `policy.toml`. Every field has a documented
//! default, so a missing file or a missing key means "the council's defaults".

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::sync::LazyLock;

/// The whole of `policy.toml`: limits, weights, urgency and options, each with its defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    /// `[limits]`: the hard limits that rule homes out.
    pub limits: Limits,
    /// `[weights]`: the soft score components' weights and the split penalty.
    pub weights: Weights,
    /// `[urgency]`: how much more an urgent child counts in phase 1.
    pub urgency: Urgency,
    /// `[options]`: how `righthome options` ranks and costs each child's options.
    pub options: OptionsPolicy,
    /// `[council]`: the council responsible for the children (reg. 11's "area").
    pub council: Council,
    /// `[household]`: need tag -> companion rule (`no_younger`, `alone`, `none`); a tag not
    /// listed has the default (`harmful_sexual_behaviour = "no_younger"`, others `none`).
    pub household: HouseholdRules,
}

/// `[household]`: need tag -> companion rule, as written (tags checked by the loader).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct HouseholdRules(pub std::collections::BTreeMap<String, super::HouseholdRule>);

impl Default for HouseholdRules {
    fn default() -> Self {
        HouseholdRules(
            [(
                "harmful_sexual_behaviour".to_string(),
                super::HouseholdRule::NoYounger,
            )]
            .into(),
        )
    }
}

/// The council responsible for the children matched (`[council]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Council {
    /// ONS code of the upper-tier council (default `E10000017`, Lancashire County Council):
    /// homes outside its area are flagged `out_of_area`, outside it and its neighbours `distant`.
    pub code: String,
}

impl Default for Council {
    fn default() -> Self {
        Council {
            code: crate::io::councils::LANCASHIRE.to_string(),
        }
    }
}

impl Policy {
    /// The `[household]` rule for a need tag (the default when the policy does not set it).
    pub fn household_rule(&self, tag: &str) -> super::HouseholdRule {
        match self.household.0.get(tag) {
            Some(&rule) => rule,
            None if tag == "harmful_sexual_behaviour" => super::HouseholdRule::NoYounger,
            None => super::HouseholdRule::None,
        }
    }
}

/// How options are ranked and costed (`righthome options`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OptionsPolicy {
    /// What placing one child today is worth in score points, when an option would leave
    /// another child waiting: far above any one child's best score (about 20 with the default
    /// weights), so an option that costs a placement always shows as costing more than any
    /// option that only costs fit.
    pub placement_points: f64,
    /// Alternatives beyond the third are shown (up to --max-options) when the child's score
    /// there is within this share of the third option's score.
    pub close_within: f64,
}

impl Default for OptionsPolicy {
    fn default() -> Self {
        OptionsPolicy {
            placement_points: 100.0,
            close_within: 0.1,
        }
    }
}

/// Hard limits: a home outside them is not eligible.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Furthest a new home may be from the child's family, km (straight line).
    pub max_distance_km: f64,
    /// The longest straight-line journey to school counted as "kept their school", km.
    pub school_travel_limit_km: f64,
    /// Children younger than this are preferred in family-based homes, years.
    pub family_based_under_age: u32,
    /// Whether homes graded inadequate by Ofsted may be offered at all.
    pub allow_inadequate: bool,
    /// Cost at or above which the cost score is zero, GBP per child per week.
    pub cost_ceiling_gbp: f64,
    /// Optional cap on the total weekly cost of today's placements, GBP.
    pub weekly_budget_gbp: Option<f64>,
    /// Multiplier on the school score in Year 6, Year 10 and Year 11.
    pub exam_year_multiplier: f64,
    /// Children whose `urgency_days` is larger are not given a bed today (their options are
    /// still worked out, as provisional), days.
    pub match_within_days: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_distance_km: 80.0,
            school_travel_limit_km: 20.0,
            family_based_under_age: 12,
            allow_inadequate: false,
            cost_ceiling_gbp: 7000.0,
            weekly_budget_gbp: None,
            exam_year_multiplier: 2.0,
            match_within_days: 28,
        }
    }
}

/// Weights of the soft score components (each component is first scaled to 0..1), keyed in
/// policy.toml by the weight keys the criteria declare (see [`crate::criteria`]), so that a new
/// criterion's weight needs no edit here; plus the assignment's split penalty. A key that no
/// registered component declares is an error, as a misspelt key should be.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    /// Per registered component, in breakdown order ([`crate::criteria::components`]).
    values: Vec<f64>,
    /// Taken off the score of each child of an `apart_assessed` group placed apart.
    pub split_penalty: f64,
}

/// The `[weights]` key of [`Weights::split_penalty`].
pub const SPLIT_PENALTY_KEY: &str = "split_penalty";

/// Every key `[weights]` accepts: the components' weight keys (in breakdown order, each once),
/// then the split penalty.
static WEIGHT_KEYS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut keys: Vec<&'static str> = Vec::new();
    for c in crate::criteria::components() {
        if !keys.contains(&c.weight_key) {
            keys.push(c.weight_key);
        }
    }
    keys.push(SPLIT_PENALTY_KEY);
    keys
});

impl Default for Weights {
    fn default() -> Self {
        Weights {
            values: crate::criteria::components()
                .iter()
                .map(|c| c.default_weight)
                .collect(),
            split_penalty: 3.0,
        }
    }
}

impl Weights {
    /// Every key `[weights]` accepts, in the order policy.toml lists them.
    pub fn keys() -> &'static [&'static str] {
        &WEIGHT_KEYS
    }

    /// Each registered component's weight, in breakdown order.
    pub fn by_component(&self) -> &[f64] {
        &self.values
    }

    /// The weight under a `[weights]` key, if the key is known.
    pub fn get(&self, key: &str) -> Option<f64> {
        if key == SPLIT_PENALTY_KEY {
            return Some(self.split_penalty);
        }
        crate::criteria::components()
            .iter()
            .position(|c| c.weight_key == key)
            .map(|i| self.values[i])
    }

    /// Set the weight under a `[weights]` key (every component sharing it); false, and
    /// nothing changed, if the key is unknown.
    pub fn set(&mut self, key: &str, value: f64) -> bool {
        if key == SPLIT_PENALTY_KEY {
            self.split_penalty = value;
            return true;
        }
        let mut found = false;
        for (c, v) in crate::criteria::components().iter().zip(&mut self.values) {
            if c.weight_key == key {
                *v = value;
                found = true;
            }
        }
        found
    }

    /// (key, weight) for every key, in [`Weights::keys`] order.
    pub fn entries(&self) -> Vec<(&'static str, f64)> {
        Weights::keys()
            .iter()
            .map(|&k| (k, self.get(k).unwrap_or_default()))
            .collect()
    }
}

impl Serialize for Weights {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let entries = self.entries();
        let mut map = serializer.serialize_map(Some(entries.len()))?;
        for (key, value) in entries {
            map.serialize_entry(key, &value)?;
        }
        map.end()
    }
}

/// A `[weights]` key, checked against [`Weights::keys`] as it is read (so that the TOML
/// error points at the misspelt key's line).
struct WeightKey(&'static str);

impl<'de> Deserialize<'de> for WeightKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = WeightKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a weight key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<WeightKey, E> {
                Weights::keys()
                    .iter()
                    .find(|&&k| k == v)
                    .map(|&k| WeightKey(k))
                    .ok_or_else(|| E::unknown_field(v, Weights::keys()))
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

impl<'de> Deserialize<'de> for Weights {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct WeightsVisitor;
        impl<'de> Visitor<'de> for WeightsVisitor {
            type Value = Weights;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of weights")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Weights, A::Error> {
                let mut weights = Weights::default();
                while let Some(WeightKey(key)) = map.next_key()? {
                    let value: f64 = map.next_value()?;
                    weights.set(key, value);
                }
                Ok(weights)
            }
        }
        deserializer.deserialize_map(WeightsVisitor)
    }
}

/// How much more an urgent child counts when deciding how many children can be placed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Urgency {
    /// Weight of a child needing a home within 7 days.
    pub within_7_days: f64,
    /// Weight of a child needing a home within 8-28 days.
    pub within_28_days: f64,
    /// Weight of any other child.
    pub later: f64,
}

impl Default for Urgency {
    fn default() -> Self {
        Urgency {
            within_7_days: 1.5,
            within_28_days: 1.25,
            later: 1.0,
        }
    }
}

impl Urgency {
    /// The weight of a child needing a home within `days`.
    pub fn weight(&self, days: u32) -> f64 {
        match days {
            0..=7 => self.within_7_days,
            8..=28 => self.within_28_days,
            _ => self.later,
        }
    }
}

impl Policy {
    /// Problems with values that parse but make no sense, as (key, value, expected).
    pub fn problems(&self) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        let mut positive = |key: &str, value: f64| {
            if !(value.is_finite() && value > 0.0) {
                out.push((
                    key.to_string(),
                    value.to_string(),
                    "a number above 0".to_string(),
                ));
            }
        };
        positive("limits.max_distance_km", self.limits.max_distance_km);
        positive(
            "limits.school_travel_limit_km",
            self.limits.school_travel_limit_km,
        );
        positive("limits.cost_ceiling_gbp", self.limits.cost_ceiling_gbp);
        positive("urgency.within_7_days", self.urgency.within_7_days);
        positive("urgency.within_28_days", self.urgency.within_28_days);
        positive("urgency.later", self.urgency.later);
        positive("options.placement_points", self.options.placement_points);
        if let Some(budget) = self.limits.weekly_budget_gbp {
            positive("limits.weekly_budget_gbp", budget);
        }
        if !(0.0..=1.0).contains(&self.options.close_within) {
            out.push((
                "options.close_within".into(),
                self.options.close_within.to_string(),
                "a share from 0 to 1".into(),
            ));
        }
        let mut weights: Vec<(String, f64)> = self
            .weights
            .entries()
            .into_iter()
            .map(|(key, value)| (format!("weights.{key}"), value))
            .collect();
        weights.push((
            "limits.exam_year_multiplier".to_string(),
            self.limits.exam_year_multiplier,
        ));
        for (key, value) in weights {
            if !(value.is_finite() && value >= 0.0) {
                out.push((key, value.to_string(), "a number 0 or above".to_string()));
            }
        }
        out
    }
}
