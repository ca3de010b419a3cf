//! The week's account of the children in care: what their placements cost and how many live
//! in children's homes. Every child in care is counted somewhere (a home, a spot placement,
//! waiting), and every one of them is costed, so that no scenario looks cheaper by leaving
//! children out.

use super::state::{SimChild, SimHome};
use crate::model::{HomeKind, PlacementNeed};
use crate::scenario::LoadedScenario;

/// This week's cost, GBP: every child in care where they are: their home's weekly cost, the
/// `[spot]` price of their plan in a spot placement, and (unless `cost_while_waiting` is
/// false) the same spot price while they wait. A child who moved pays only the new home.
pub(super) fn week_cost(s: &LoadedScenario, children: &[SimChild], homes: &[SimHome]) -> f64 {
    let spot = &s.scenario.spot;
    children
        .iter()
        .filter(|c| c.in_care())
        .map(|c| match (c.emergency, c.home) {
            (true, _) => spot.weekly_cost(c.child.placement_need),
            (false, Some(h)) => homes[h].home.weekly_cost,
            (false, None) if spot.cost_while_waiting => spot.weekly_cost(c.child.placement_need),
            (false, None) => 0.0,
        })
        .sum()
}

/// Children in care living in a children's home this week: in one of the homes, or in a spot
/// placement bought for a plan that asks for one (the residential measure).
pub(super) fn in_childrens_homes(children: &[SimChild], homes: &[SimHome]) -> f64 {
    children
        .iter()
        .filter(|c| c.in_care())
        .filter(|c| {
            if c.emergency {
                c.child.placement_need == PlacementNeed::Residential
            } else {
                c.home
                    .is_some_and(|h| homes[h].home.kind == HomeKind::ChildrensHome)
            }
        })
        .count() as f64
}
