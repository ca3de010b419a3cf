//! Scoring weights and hard limits, read from `policy.toml`. Every field has a documented
//! default, so a missing file or a missing key means "the council's defaults".

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    pub limits: Limits,
    pub weights: Weights,
    pub urgency: Urgency,
    pub options: OptionsPolicy,
}

/// How options are ranked and costed (`righthome options`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OptionsPolicy {
    /// What placing one child today is worth in score points, when an option would leave
    /// another child waiting: far above any one child's best score (about 18 with the default
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
        }
    }
}

/// Weights of the soft score components; each component is normalised to 0..1 first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Weights {
    /// Nearer the child's family and community.
    pub distance: f64,
    /// Within the national 20-mile line.
    pub within_20_miles: f64,
    /// Able to stay at the same school.
    pub school: f64,
    /// The home meets the child's level of need without being far beyond it.
    pub needs_fit: f64,
    /// A family home for a younger child.
    pub family_based: f64,
    /// In the district the child asked for.
    pub wishes: f64,
    /// The council's own carers and homes.
    pub in_house: f64,
    /// Ofsted grade.
    pub quality: f64,
    /// Lower weekly cost.
    pub cost: f64,
    /// A family with extra support for a child ready to step down from a children's home.
    pub step_down: f64,
    /// Taken off the score of each child of an `apart_assessed` group placed apart.
    pub split_penalty: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            distance: 3.0,
            within_20_miles: 2.0,
            school: 2.0,
            needs_fit: 1.0,
            family_based: 2.0,
            wishes: 1.0,
            in_house: 1.0,
            quality: 1.0,
            cost: 1.0,
            step_down: 2.0,
            split_penalty: 3.0,
        }
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
        let w = &self.weights;
        let weights = [
            ("weights.distance", w.distance),
            ("weights.within_20_miles", w.within_20_miles),
            ("weights.school", w.school),
            ("weights.needs_fit", w.needs_fit),
            ("weights.family_based", w.family_based),
            ("weights.wishes", w.wishes),
            ("weights.in_house", w.in_house),
            ("weights.quality", w.quality),
            ("weights.cost", w.cost),
            ("weights.step_down", w.step_down),
            ("weights.split_penalty", w.split_penalty),
            (
                "limits.exam_year_multiplier",
                self.limits.exam_year_multiplier,
            ),
        ];
        for (key, value) in weights {
            if !(value.is_finite() && value >= 0.0) {
                out.push((
                    key.to_string(),
                    value.to_string(),
                    "a number 0 or above".to_string(),
                ));
            }
        }
        out
    }
}
