//! The referral base (a scenario without `[population]`): week 0 is the base data's children
//! as today's waiting list plus children already in children's homes, and care ends at 18 or
//! at the flat `returns_home_per_week`, with planned moves at `planned_moves_per_week`. Kept
//! apart from the population base (`scenario::population`), whose start and endings come
//! from an SSDA903 return and its fitted rates, so that each base reads as one story.

use super::draws::{Stream, id_key, stream, uniform};
use super::state::{SimChild, SimHome, push_child};
use crate::model::*;
use crate::scenario::LoadedScenario;
use rand::Rng;

/// Week 0: the base data's children waiting (unless `start_with_base_referrals` is false),
/// then the children already in children's homes.
pub(super) fn start(
    s: &LoadedScenario,
    replication: u32,
    homes: &[SimHome],
    children: &mut Vec<SimChild>,
) {
    if s.scenario.demand.start_with_base_referrals {
        for child in &s.dataset.children {
            push_child(children, child.clone(), 0);
        }
    }
    starting_stock(s, s.scenario.run.seed, replication, homes, children);
}

/// 18th birthdays and returns home end care (and free the bed), for waiting children too; a
/// planned move means a new home is needed, the old one kept until it is found. Each child's
/// draw is keyed by who they are (their id, which names the week and the referral unit they
/// came from), so that compared scenarios stay paired child by child.
pub(super) fn week_events(
    s: &LoadedScenario,
    (week, replication): (u32, u32),
    homes: &mut [SimHome],
    children: &mut [SimChild],
) {
    let demand = &s.scenario.demand;
    for c in children.iter_mut().filter(|c| c.in_care()) {
        let age = c.age(week);
        let draw = uniform(
            s.scenario.run.seed,
            replication,
            week,
            Stream::Endings,
            id_key(&c.child.id),
        );
        if age >= 18 || draw < demand.returns_home_per_week {
            c.ended = true;
            if let Some(h) = c.home.filter(|&h| homes[h].active) {
                homes[h].free += 1;
            }
        } else if draw < demand.returns_home_per_week + demand.planned_moves_per_week
            && c.home.is_some()
        {
            c.seeking = true;
        }
    }
}

/// Children already living in children's homes at week 0 (in beds beyond the free ones), each
/// in the nearest children's home; the first `step_down_drive` of them are ready to step down
/// to enhanced foster care. Drawn from their own stream, so every scenario with the same stock
/// has the same children.
fn starting_stock(
    s: &LoadedScenario,
    seed: u64,
    replication: u32,
    homes: &[SimHome],
    children: &mut Vec<SimChild>,
) {
    let candidates: Vec<&Child> = s
        .dataset
        .children
        .iter()
        .filter(|c| (10..=17).contains(&c.age) && c.sibling_group.is_none())
        .collect();
    let residential: Vec<usize> = (0..homes.len())
        .filter(|&h| homes[h].active && homes[h].home.kind == HomeKind::ChildrensHome)
        .collect();
    if candidates.is_empty() || residential.is_empty() {
        return;
    }
    let mut rng = stream(seed, replication, 0, Stream::StepDown);
    for n in 0..s.scenario.supply.children_in_childrens_homes {
        let mut child = candidates[rng.random_range(0..candidates.len())].clone();
        child.id = ChildId(format!("SD-{n:03}"));
        let ready = n < s.step_down_drive;
        (
            child.step_down_ready,
            child.placement_need,
            child.urgency_days,
        ) = if ready {
            (true, PlacementNeed::Family, 28)
        } else {
            (false, PlacementNeed::Residential, 28)
        };
        let nearest = residential.iter().copied().min_by(|&a, &b| {
            let d = |h: usize| child.home.distance_km(&homes[h].home.location);
            d(a).total_cmp(&d(b)).then(a.cmp(&b))
        });
        push_child(children, child, 0);
        if let Some(c) = children.last_mut() {
            (c.home, c.placed_week, c.seeking, c.in_care_at_start) =
                (nearest, Some(0), ready, true);
            c.category = crate::population::Category::Residential;
        }
    }
}
