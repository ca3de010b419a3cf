//! One replication: a year (or the scenario's horizon) simulated week by week.
//!
//! Each week: supply changes take effect, placements end (planned moves, returns home, 18th
//! birthdays), beds free up or are taken by other councils, new referrals arrive (resampled
//! from the base data's children, whole sibling groups together), and the waiting list plus
//! the new referrals are matched with the same engine as `righthome match`. Children already
//! placed stay where they are. Every random draw comes from its own stream, keyed by (seed,
//! replication, week, purpose), so that scenarios compared with the same seed share their
//! draws (common random numbers) and results do not depend on the thread count.

use super::LoadedScenario;
use super::measure::measure;
use crate::io::postcodes::{area_name, directory};
use crate::matching;
use crate::model::*;
use crate::solver::SolveOptions;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Poisson};
use std::collections::BTreeMap;

/// What one replication measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Replication {
    /// Headline measures by name (see `summary::METRICS`).
    pub metrics: BTreeMap<&'static str, f64>,
    /// Children waiting at the end of each week, after matching.
    pub weekly_waiting: Vec<f64>,
    /// Children placed in each week.
    pub weekly_placed: Vec<f64>,
    /// Children who waited past their urgency, by (area, kind of home needed, age band).
    pub gap: BTreeMap<(String, String, String), f64>,
}

#[derive(Clone, Copy)]
enum Stream {
    Arrivals = 1,
    Endings = 2,
    Vacancies = 3,
    TakenElsewhere = 4,
    StepDown = 5,
}

/// SplitMix64: spreads (seed, replication, week, stream) over independent generator seeds.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn stream(seed: u64, replication: u32, week: u32, which: Stream) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(mix(
        mix(mix(seed) ^ u64::from(replication)) ^ (u64::from(week) << 8 | which as u64)
    ))
}

fn poisson(rng: &mut ChaCha8Rng, mean: f64) -> u64 {
    if mean <= 0.0 {
        return 0;
    }
    Poisson::new(mean).map_or(0, |d| d.sample(rng) as u64)
}

pub(super) struct SimHome {
    pub(super) home: Home,
    pub(super) free: u32,
    pub(super) active: bool,
    /// One of the base data's homes (vacancies appear only there).
    pub(super) base: bool,
}

pub(super) struct SimChild {
    pub(super) child: Child,
    pub(super) arrived: u32,
    pub(super) age_at_arrival: u32,
    pub(super) urgency_at_arrival: u32,
    pub(super) home: Option<usize>,
    pub(super) placed_week: Option<u32>,
    /// Left the simulation (placement ended).
    pub(super) ended: bool,
    pub(super) unmet: bool,
    pub(super) choices: Option<usize>,
    /// A step-down child whose children's home bed frees when they move.
    pub(super) step_down: bool,
    /// Left the waiting list for an emergency placement.
    pub(super) emergency: bool,
}

fn in_area(district: &PostcodeDistrict, name: &str) -> bool {
    district.0.eq_ignore_ascii_case(name) || area_name(&district.0) == Some(name)
}

pub(super) fn age_band(age: u32) -> &'static str {
    match age {
        0..=4 => "0-4",
        5..=9 => "5-9",
        10..=12 => "10-12",
        13..=15 => "13-15",
        _ => "16-17",
    }
}

/// The referral units of the base data (a child, or a sibling group) and their weights.
fn referral_units(s: &LoadedScenario) -> (Vec<Vec<usize>>, Vec<f64>) {
    let d = &s.dataset;
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

fn new_homes(s: &LoadedScenario, week: u32, homes: &mut Vec<SimHome>) {
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
                .filter(|e| area_name(&e.district) == Some(add.district.as_str()))
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
fn change_homes(s: &LoadedScenario, week: u32, homes: &mut [SimHome], children: &mut [SimChild]) {
    for remove in s
        .scenario
        .supply
        .remove
        .iter()
        .filter(|r| r.from_week == week)
    {
        let mut left = remove.count.unwrap_or(u32::MAX);
        for (h, sim) in homes.iter_mut().enumerate() {
            let hit = sim.active
                && remove
                    .home_id
                    .as_ref()
                    .is_none_or(|id| sim.home.id.as_str() == id)
                && matches_filter(&sim.home, &remove.kind, &remove.district);
            if hit && left > 0 {
                left -= 1;
                sim.active = false;
                for c in children
                    .iter_mut()
                    .filter(|c| c.home == Some(h) && !c.ended)
                {
                    (c.home, c.placed_week, c.arrived, c.urgency_at_arrival) =
                        (None, None, week, 7);
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

fn arrivals(
    s: &LoadedScenario,
    week: u32,
    rng: &mut ChaCha8Rng,
    units: &[Vec<usize>],
    weights: &[f64],
    children: &mut Vec<SimChild>,
) {
    let demand = &s.scenario.demand;
    let growth = 1.0 + demand.growth_per_year * f64::from(week) / 52.0;
    let count = poisson(rng, demand.referrals_per_week * growth);
    // Scenario loading bounds every multiplier and their product, so weights are finite; a
    // non-finite weight must still never reach the weighted draw.
    if !weights.iter().all(|w| w.is_finite()) {
        return;
    }
    let Ok(pick) = rand::distr::weighted::WeightedIndex::new(weights) else {
        return;
    };
    for n in 0..count {
        let members = &units[pick.sample(rng)];
        let group = (members.len() > 1).then(|| SiblingGroupId(format!("G{week:03}-{n:03}")));
        for (m, &i) in members.iter().enumerate() {
            let mut child = s.dataset.children[i].clone();
            child.id = ChildId(format!("W{week:03}-{n:03}-{m}"));
            child.sibling_group = group.clone();
            push_child(children, child, week, false);
        }
    }
}

fn push_child(children: &mut Vec<SimChild>, child: Child, week: u32, step_down: bool) {
    children.push(SimChild {
        age_at_arrival: child.age,
        urgency_at_arrival: child.urgency_days,
        child,
        arrived: week,
        home: None,
        placed_week: None,
        ended: false,
        unmet: false,
        choices: None,
        step_down,
        emergency: false,
    });
}

/// Children living in children's homes, ready to step down to enhanced foster care.
fn step_down_children(
    s: &LoadedScenario,
    seed: u64,
    replication: u32,
    children: &mut Vec<SimChild>,
) {
    let candidates: Vec<&Child> = s
        .dataset
        .children
        .iter()
        .filter(|c| (10..=17).contains(&c.age) && c.sibling_group.is_none())
        .collect();
    if candidates.is_empty() {
        return;
    }
    let mut rng = stream(seed, replication, 0, Stream::StepDown);
    for n in 0..s.step_down_drive {
        let mut child = candidates[rng.random_range(0..candidates.len())].clone();
        child.id = ChildId(format!("SD-{n:03}"));
        (
            child.step_down_ready,
            child.placement_need,
            child.urgency_days,
        ) = (true, PlacementNeed::Family, 28);
        push_child(children, child, 0, true);
    }
}

/// Simulate one replication of a scenario.
pub fn run_replication(s: &LoadedScenario, replication: u32) -> crate::Result<Replication> {
    let run = &s.scenario.run;
    let (units, weights) = referral_units(s);
    let mut homes: Vec<SimHome> = s
        .dataset
        .homes
        .iter()
        .map(|h| SimHome {
            home: h.clone(),
            free: h.beds_free,
            active: true,
            base: true,
        })
        .collect();
    let mut children: Vec<SimChild> = Vec::new();
    if s.scenario.demand.start_with_base_referrals {
        for child in &s.dataset.children {
            push_child(&mut children, child.clone(), 0, false);
        }
    }
    step_down_children(s, run.seed, replication, &mut children);
    let (mut weekly_waiting, mut weekly_placed, mut weekly_cost) =
        (Vec::new(), Vec::new(), Vec::new());
    let mut unmet_weeks = 0.0;
    let options = SolveOptions::default();
    for week in 0..run.horizon_weeks {
        new_homes(s, week, &mut homes);
        change_homes(s, week, &mut homes, &mut children);
        // Placements end: 18th birthdays, planned moves, returns home.
        let mut rng = stream(run.seed, replication, week, Stream::Endings);
        let end_rate =
            s.scenario.demand.planned_moves_per_week + s.scenario.demand.returns_home_per_week;
        for c in children.iter_mut().filter(|c| c.home.is_some() && !c.ended) {
            let age = c.age_at_arrival + (week - c.arrived) / 52;
            let draw = rng.random::<f64>();
            if age >= 18 || draw < end_rate {
                c.ended = true;
                if let Some(h) = c.home.filter(|&h| homes[h].active) {
                    homes[h].free += 1;
                }
            }
        }
        // Beds free up in existing homes; some free agency and private beds go to other councils.
        let mut rng = stream(run.seed, replication, week, Stream::Vacancies);
        let base: Vec<usize> = (0..homes.len())
            .filter(|&h| homes[h].base && homes[h].active)
            .collect();
        for _ in 0..poisson(&mut rng, s.scenario.supply.vacancies_per_week) {
            if !base.is_empty() {
                homes[base[rng.random_range(0..base.len())]].free += 1;
            }
        }
        let mut rng = stream(run.seed, replication, week, Stream::TakenElsewhere);
        for sim in homes.iter_mut().filter(|h| !h.home.in_house) {
            let kept = (0..sim.free)
                .filter(|_| rng.random::<f64>() >= s.scenario.supply.taken_elsewhere_per_week)
                .count();
            sim.free = kept as u32;
        }
        let mut rng = stream(run.seed, replication, week, Stream::Arrivals);
        arrivals(s, week, &mut rng, &units, &weights, &mut children);

        // Match the waiting list with today's free beds.
        let waiting: Vec<usize> = (0..children.len())
            .filter(|&i| children[i].home.is_none() && !children[i].ended)
            .collect();
        let open: Vec<usize> = (0..homes.len())
            .filter(|&h| homes[h].active && homes[h].free > 0)
            .collect();
        let day_children: Vec<Child> = waiting
            .iter()
            .map(|&i| {
                let c = &children[i];
                let mut child = c.child.clone();
                child.age = (c.age_at_arrival + (week - c.arrived) / 52).min(25);
                child.urgency_days = c.urgency_at_arrival.saturating_sub(7 * (week - c.arrived));
                child
            })
            .collect();
        let day_homes: Vec<Home> = open
            .iter()
            .map(|&h| Home {
                beds_free: homes[h].free,
                ..homes[h].home.clone()
            })
            .collect();
        // Dataset::new sorts by id: map back through the ids.
        let dataset = Dataset::new(day_children, day_homes);
        let by_child: BTreeMap<&ChildId, usize> = waiting
            .iter()
            .map(|&i| (&children[i].child.id, i))
            .collect();
        let child_index: Vec<usize> = dataset.children.iter().map(|c| by_child[&c.id]).collect();
        let by_home: BTreeMap<&HomeId, usize> =
            open.iter().map(|&h| (&homes[h].home.id, h)).collect();
        let home_index: Vec<usize> = dataset.homes.iter().map(|h| by_home[&h.id]).collect();
        let (problem, result) = matching::run(&dataset, &s.policy, &options)?;
        let mut placed_now = 0.0;
        for (d, placement) in result.placements.iter().enumerate() {
            let i = child_index[d];
            children[i]
                .choices
                .get_or_insert(problem.eligibility[d].eligible.len());
            if let Some(h) = placement.map(|h| home_index[h]) {
                homes[h].free -= 1;
                children[i].home = Some(h);
                children[i].placed_week = Some(week);
                placed_now += 1.0;
                if children[i].step_down {
                    // Their children's home bed frees for someone else.
                    if let Some(ch) = homes.iter_mut().find(|x| {
                        x.active
                            && x.home.kind == HomeKind::ChildrensHome
                            && in_area(
                                &x.home.location.district,
                                area_name(&children[i].child.home.district.0).unwrap_or(""),
                            )
                    }) {
                        ch.free += 1;
                    }
                }
            } else if 7 * (week - children[i].arrived + 1) > children[i].urgency_at_arrival {
                children[i].unmet = true;
                unmet_weeks += 1.0;
            }
        }
        // Children waiting too long past their urgency go to emergency placements.
        let limit = 7 * s.scenario.demand.emergency_after_weeks;
        for c in children.iter_mut().filter(|c| c.home.is_none() && !c.ended) {
            if 7 * (week - c.arrived + 1) > c.urgency_at_arrival + limit {
                (c.ended, c.emergency) = (true, true);
            }
        }
        weekly_placed.push(placed_now);
        weekly_waiting.push(
            children
                .iter()
                .filter(|c| c.home.is_none() && !c.ended)
                .count() as f64,
        );
        weekly_cost.push(
            children
                .iter()
                .filter(|c| !c.ended)
                .filter_map(|c| c.home)
                .map(|h| homes[h].home.weekly_cost)
                .sum::<f64>(),
        );
    }
    Ok(measure(
        s,
        &children,
        &homes,
        weekly_waiting,
        weekly_placed,
        &weekly_cost,
        unmet_weeks,
    ))
}
