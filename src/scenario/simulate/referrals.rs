//! Who needs a home this week: new referrals, resampled from a referral profile (the base
//! data's children, or the population base's generated pool), a whole sibling group arriving
//! together. Each referral unit has its own weight from the `[demand]` levers, so a lever
//! moves its own group's entries and leaves the others alone.

use super::draws::{Stream, poisson_inverse, uniform};
use super::state::{SimChild, push_child};
use super::supply::in_area;
use crate::model::*;
use crate::scenario::{LoadedScenario, PopulationData};

/// The referral units of a referral profile (a child, or a sibling group) and their weights.
pub(super) fn referral_units(s: &LoadedScenario, d: &Dataset) -> (Vec<Vec<usize>>, Vec<f64>) {
    let units: Vec<Vec<usize>> = d.units().into_iter().map(|u| u.members).collect();
    let demand = &s.scenario.demand;
    let weights = units
        .iter()
        .map(|members| {
            let first = &d.children[members[0]];
            let age = demand
                .age_band
                .iter()
                .filter(|b| (b.min..=b.max).contains(&first.age))
                .map(|b| b.multiplier)
                .product::<f64>();
            let area = demand
                .district
                .iter()
                .filter(|m| in_area(&first.home.district, &m.name))
                .map(|m| m.multiplier)
                .product::<f64>();
            let complexity = members
                .iter()
                .map(|&i| d.children[i].complexity)
                .max()
                .unwrap_or(1);
            let siblings = if members.len() > 1 {
                demand.sibling_groups
            } else {
                1.0
            };
            age * area * demand.complexity[usize::from(complexity - 1)] * siblings
        })
        .collect();
    (units, weights)
}

/// This week's mean arrivals of each referral unit: the referral base's
/// `referrals_per_week` shared over the units by their weights, or the population base's
/// fitted entries with the same weights; both times this week's growth.
pub(super) fn week_means(
    s: &LoadedScenario,
    pop: Option<&PopulationData>,
    week: u32,
    weights: &[f64],
    units: usize,
) -> Vec<f64> {
    let demand = &s.scenario.demand;
    let growth = 1.0 + demand.growth_per_year * f64::from(week) / 52.0;
    match pop {
        Some(p) => p
            .unit_means(week, weights)
            .into_iter()
            .map(|m| m * growth)
            .collect(),
        None => {
            let per_unit = demand.referrals_per_week * growth / units.max(1) as f64;
            weights.iter().map(|w| per_unit * w).collect()
        }
    }
}

/// This week's referrals. Each referral unit of the profile (a child, or a sibling group)
/// arrives a Poisson number of times with mean `means[u]` (the referral base:
/// `referrals_per_week x growth x weight / units`; the population base: the fitted entries,
/// see `population::PopulationData::unit_means`, x growth),
/// so a lever multiplies its group's entries (x1.1 on teenagers: 10% more teenage entrants, and
/// more entrants overall) and leaves the others alone. Each unit's count is drawn by inversion
/// from a uniform keyed by (week, unit): a larger mean never gives fewer arrivals of that unit,
/// so compared scenarios stay paired.
pub(super) fn arrivals(
    s: &LoadedScenario,
    (week, replication): (u32, u32),
    pool: &[Child],
    units: &[Vec<usize>],
    means: &[f64],
    children: &mut Vec<SimChild>,
) {
    for (u, (members, &mean)) in units.iter().zip(means).enumerate() {
        // Scenario loading bounds every multiplier and their product; a non-finite mean must
        // still never reach the draw.
        if !mean.is_finite() || mean <= 0.0 {
            continue;
        }
        let draw = uniform(
            s.scenario.run.seed,
            replication,
            week,
            Stream::Arrivals,
            u as u64,
        );
        for k in 0..poisson_inverse(draw, mean) {
            let group =
                (members.len() > 1).then(|| SiblingGroupId(format!("G{week:03}-{u:03}-{k:02}")));
            for (m, &i) in members.iter().enumerate() {
                let mut child = pool[i].clone();
                child.id = ChildId(format!("W{week:03}-{u:03}-{k:02}-{m}"));
                child.sibling_group = group.clone();
                push_child(children, child, week);
            }
        }
    }
}
