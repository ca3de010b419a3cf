//! Supply week to week: homes a scenario adds, closes or changes (`[[supply.add]]`,
//! `[[supply.remove]]`, `[[supply.change]]`) from their week on, and beds freeing up in the
//! base homes or taken by other councils. A closing home's children wait again, so a closure
//! shows as need, not as children vanishing.

use super::draws::{Stream, poisson, stream, uniform};
use super::state::{SimChild, SimHome};
use crate::io::postcodes::{area_name, directory};
use crate::model::*;
use crate::scenario::LoadedScenario;
use rand::Rng;

/// Whether a postcode district is, or is in, the area named (an area name or a district).
pub(super) fn in_area(district: &PostcodeDistrict, name: &str) -> bool {
    district.0.eq_ignore_ascii_case(name)
        || crate::scenario::groups::area_in(area_name(&district.0), name)
}

pub(super) fn new_homes(s: &LoadedScenario, week: u32, homes: &mut Vec<SimHome>) {
    for (i, add) in s
        .scenario
        .supply
        .add
        .iter()
        .enumerate()
        .filter(|(_, a)| a.from_week == week)
    {
        let places: Vec<Location> = match directory().locate(&add.district.to_ascii_uppercase()) {
            Some(l) => vec![l],
            None => directory()
                .entries()
                .iter()
                .filter(|e| crate::scenario::groups::area_in(area_name(&e.district), &add.district))
                .filter_map(|e| directory().locate(&e.district))
                .collect(),
        };
        let Some(kind) = HomeKind::from_code(&add.kind) else {
            continue;
        };
        for k in 0..add.count as usize {
            let Some(location) = places.get(k % places.len().max(1)).cloned() else {
                continue;
            };
            homes.push(SimHome {
                off_list: false,
                home: Home {
                    id: HomeId(format!("N{i:02}-{k:03}")),
                    name: format!("New {} {}", kind.code(), k + 1),
                    kind,
                    location,
                    beds_free: add.beds,
                    age_min: add.age_min,
                    age_max: add.age_max,
                    gender: GenderAccepted::Any,
                    max_complexity: add.max_complexity,
                    accepts_needs: add
                        .accepts_needs
                        .iter()
                        .filter_map(|t| need_tag(t))
                        .collect(),
                    max_sibling_group: add.max_sibling_group,
                    solo_only: false,
                    weekly_cost: add.weekly_cost,
                    ofsted: Ofsted::NotInspected,
                    in_house: add.in_house,
                    // Not known for homes a scenario adds.
                    languages: Vec::new(),
                    faith: None,
                    household: Default::default(),
                },
                free: add.beds,
                active: true,
                base: false,
            });
        }
    }
}

fn matches_filter(home: &Home, kind: &Option<String>, district: &Option<String>) -> bool {
    kind.as_ref().is_none_or(|k| home.kind.code() == k)
        && district
            .as_ref()
            .is_none_or(|d| in_area(&home.location.district, d))
}

/// Closures and changes taking effect this week. Children in a closing home wait again.
pub(super) fn change_homes(
    s: &LoadedScenario,
    week: u32,
    homes: &mut [SimHome],
    children: &mut [SimChild],
) {
    for remove in s
        .scenario
        .supply
        .remove
        .iter()
        .filter(|r| r.from_week == week)
    {
        let homes_off_list: Vec<bool> = homes.iter().map(|h| h.off_list).collect();
        let mut left = remove.count.unwrap_or(u32::MAX);
        for (h, sim) in homes.iter_mut().enumerate() {
            let hit = sim.active
                && !sim.off_list
                && remove
                    .home_id
                    .as_ref()
                    .is_none_or(|id| sim.home.id.as_str() == id)
                && matches_filter(&sim.home, &remove.kind, &remove.district);
            if hit && left > 0 {
                left -= 1;
                sim.active = false;
                for c in children.iter_mut().filter(|c| {
                    let lives_there = c.home == Some(h)
                        || (c.resident_of == Some(h) && c.home.is_some_and(|o| homes_off_list[o]));
                    lives_there && c.in_care() && !c.emergency
                }) {
                    c.resident_of = None;
                    c.arrive_again(week);
                    (c.home, c.placed_week, c.urgency_at_arrival) = (None, None, 7);
                    // A new home of the kind that closed (a children's home for a child in
                    // one), as after a breakdown, whatever else the plan allowed: a child
                    // moving to another kind (`category` already names it) keeps that move,
                    // and a child ready to step down may still go to enhanced fostering.
                    // They wait costed at the `[spot]` price of that plan.
                    if !c.child.step_down_ready {
                        c.child.placement_need = crate::scenario::population::need_of(c.category);
                    }
                    (c.seeking, c.moving_since) = (false, None);
                }
            }
        }
    }
    for change in s
        .scenario
        .supply
        .change
        .iter()
        .filter(|c| c.from_week == week)
    {
        for sim in homes
            .iter_mut()
            .filter(|h| matches_filter(&h.home, &change.kind, &change.district))
        {
            sim.home.weekly_cost *= change.cost_multiplier;
            sim.home
                .accepts_needs
                .extend(change.accepts_needs_add.iter().filter_map(|t| need_tag(t)));
            if let Some(m) = change.max_complexity {
                sim.home.max_complexity = m;
            }
        }
    }
}

/// Beds free up in existing homes; some free agency and private beds go to other councils.
pub(super) fn beds_free_up_and_go(
    s: &LoadedScenario,
    (week, replication): (u32, u32),
    homes: &mut [SimHome],
) {
    let seed = s.scenario.run.seed;
    let mut rng = stream(seed, replication, week, Stream::Vacancies);
    // Drawn over every base home, closed or not: a closed home's share of the vacancies
    // is lost with it, not passed to the others (and the draws stay paired).
    let base: Vec<usize> = (0..homes.len()).filter(|&h| homes[h].base).collect();
    for _ in 0..poisson(&mut rng, s.scenario.supply.vacancies_per_week) {
        if !base.is_empty() {
            let h = base[rng.random_range(0..base.len())];
            if homes[h].active {
                homes[h].free += 1;
            }
        }
    }
    // Keyed by home and bed, for the same reason.
    for (h, sim) in homes
        .iter_mut()
        .enumerate()
        .filter(|(_, h)| !h.home.in_house)
    {
        let kept = (0..sim.free)
            .filter(|&k| {
                let key = (h as u64) << 20 | u64::from(k);
                uniform(seed, replication, week, Stream::TakenElsewhere, key)
                    >= s.scenario.supply.taken_elsewhere_per_week
            })
            .count();
        sim.free = kept as u32;
    }
}
