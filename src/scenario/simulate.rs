//! One replication: a year (or the scenario's horizon) simulated week by week.
//!
//! Each week: supply changes take effect; care ends (18th birthdays, returns home) and frees
//! the bed, and planned moves make a child need a new home; beds free up or are taken by other
//! councils; new referrals arrive (resampled from the base data's children, whole sibling
//! groups together); and the waiting list, the movers and the step-downs are matched with the
//! same engine as `righthome match`. A child who waits past their urgency plus
//! `emergency_after_weeks` goes to a spot placement costed from `[spot]`: every child in care
//! is somewhere, and every placement of every child in care is costed. Every random draw comes
//! from its own stream, keyed by (seed, replication, week, purpose), so that scenarios compared
//! with the same seed share their draws (common random numbers) and results do not depend on
//! the thread count.

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
    /// The beds needed, by (area or district group, kind of home needed, age band): the most
    /// children in unmet need in any one week (see `measure::BedsNeeded`).
    pub beds_needed: BTreeMap<(String, String, String), f64>,
}

#[derive(Clone, Copy)]
pub(super) enum Stream {
    Arrivals = 1,
    Endings = 2,
    Vacancies = 3,
    TakenElsewhere = 4,
    StepDown = 5,
    /// Which home of its kind a bed left in an off-list placement frees up in.
    Release = 6,
    /// Whether a child leaves care on their 18th birthday (population base).
    Eighteen = 7,
    /// An entrant's week of birthday (population base).
    Birthday = 8,
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

/// A uniform draw in [0, 1) keyed by (seed, replication, week, purpose, key): the same for the
/// same child or bed in every scenario, whatever else happened.
pub(super) fn uniform(seed: u64, replication: u32, week: u32, which: Stream, key: u64) -> f64 {
    let x = mix(mix(
        mix(mix(seed) ^ u64::from(replication)) ^ (u64::from(week) << 8 | which as u64)
    ) ^ key);
    (x >> 11) as f64 / (1u64 << 53) as f64
}

/// A child id as a key for [`uniform`] (FNV-1a).
pub(super) fn id_key(id: &ChildId) -> u64 {
    id.as_str().bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
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
    /// An off-list placement of the population base: never offered to the match, never
    /// closed; a child leaving it frees a bed in the home they live in (`resident_of`).
    pub(super) off_list: bool,
}

/// A child leaves home `h`: its bed is free again (for an off-list placement, the bed in
/// the home they live in, `resident_of`). A closed home frees nothing.
pub(super) fn release(homes: &mut [SimHome], h: usize, resident_of: Option<usize>) {
    if homes[h].off_list {
        if let Some(to) = resident_of.filter(|&r| homes[r].active) {
            homes[to].free += 1;
        }
    } else if homes[h].active {
        homes[h].free += 1;
    }
}

pub(super) struct SimChild {
    pub(super) child: Child,
    pub(super) arrived: u32,
    pub(super) age_at_arrival: u32,
    pub(super) urgency_at_arrival: u32,
    pub(super) home: Option<usize>,
    pub(super) placed_week: Option<u32>,
    /// Left care (returned home, turned 18): counted in `exits`.
    pub(super) ended: bool,
    pub(super) unmet: bool,
    pub(super) choices: Option<usize>,
    /// In an emergency or spot placement (after waiting too long): still in care, costed
    /// from `[spot]`, until they leave care.
    pub(super) emergency: bool,
    /// Has a home but needs a new one (a planned move, a step-down): matched with the others,
    /// keeping their bed (and its fee) until a new home is found.
    pub(super) seeking: bool,
    /// In care before week 0 (not an entry).
    pub(super) in_care_at_start: bool,
    /// The category of the placement (population base: the rates depend on it).
    pub(super) category: crate::population::Category,
    /// Whole weeks in care when they arrived (population base: exits depend on it).
    pub(super) weeks_in_care_at_arrival: u32,
    /// Weeks after arrival of the next birthday; None = on each anniversary of arrival.
    pub(super) next_birthday: Option<u32>,
    /// In an off-list placement: the base home they live in, beyond its free beds (their bed
    /// frees there when they leave; they must move if it closes).
    pub(super) resident_of: Option<usize>,
    /// The week a move to another kind of home was decided (population base: a move between
    /// categories), while still in the old home: past 28 days plus `emergency_after_weeks`
    /// with no home of the new kind found, the child goes to a spot placement of that kind.
    pub(super) moving_since: Option<u32>,
}

impl SimChild {
    /// Age in whole years in `week`.
    pub(super) fn age(&self, week: u32) -> u32 {
        let w = week.saturating_sub(self.arrived);
        match self.next_birthday {
            None => self.age_at_arrival + w / 52,
            Some(nb) if w >= nb => self.age_at_arrival + 1 + (w - nb) / 52,
            Some(_) => self.age_at_arrival,
        }
    }
    /// Arrive again in `week` (a closed home's child waits afresh): age, birthday and
    /// weeks in care carried over.
    fn arrive_again(&mut self, week: u32) {
        let w = week.saturating_sub(self.arrived);
        let age = self.age(week);
        self.next_birthday = self
            .next_birthday
            .map(|nb| if w < nb { nb - w } else { 52 - (w - nb) % 52 });
        self.age_at_arrival = age;
        self.weeks_in_care_at_arrival += w;
        self.arrived = week;
    }
    /// Still in care.
    pub(super) fn in_care(&self) -> bool {
        !self.ended
    }
    /// In care with no home (not in a spot placement): on the waiting list.
    pub(super) fn waiting(&self) -> bool {
        !self.ended && !self.emergency && self.home.is_none()
    }
    /// To be matched this week: waiting, or seeking a move.
    fn in_pool(&self) -> bool {
        self.waiting() || (!self.ended && !self.emergency && self.seeking)
    }
}

fn in_area(district: &PostcodeDistrict, name: &str) -> bool {
    district.0.eq_ignore_ascii_case(name) || super::groups::area_in(area_name(&district.0), name)
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

/// The referral units of a referral profile (a child, or a sibling group) and their weights.
fn referral_units(s: &LoadedScenario, d: &Dataset) -> (Vec<Vec<usize>>, Vec<f64>) {
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
                .filter(|e| super::groups::area_in(area_name(&e.district), &add.district))
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
fn change_homes(s: &LoadedScenario, week: u32, homes: &mut [SimHome], children: &mut [SimChild]) {
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
                        c.child.placement_need = super::population::need_of(c.category);
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

/// This week's referrals. Each referral unit of the profile (a child, or a sibling group)
/// arrives a Poisson number of times with mean `means[u]` (the referral base:
/// `referrals_per_week x growth x weight / units`; the population base: the fitted entries,
/// see `population::PopulationData::unit_means`, x growth),
/// so a lever multiplies its group's entries (x1.1 on teenagers: 10% more teenage entrants, and
/// more entrants overall) and leaves the others alone. Each unit's count is drawn by inversion
/// from a uniform keyed by (week, unit): a larger mean never gives fewer arrivals of that unit,
/// so compared scenarios stay paired.
fn arrivals(
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

/// The Poisson(mean) count whose cumulative probability first reaches `u` (inversion):
/// monotone in the mean for a fixed `u`. Capped at 10,000 (a unit's weekly mean is far below).
fn poisson_inverse(u: f64, mean: f64) -> u64 {
    let (mut k, mut p) = (0u64, (-mean).exp());
    let mut cdf = p;
    if p == 0.0 {
        // exp underflows beyond a mean of about 745: a normal approximation, still monotone.
        return (mean + mean.sqrt() * normal_quantile(u)).max(0.0).round() as u64;
    }
    while u > cdf && k < 10_000 {
        k += 1;
        p *= mean / k as f64;
        cdf += p;
        if p == 0.0 {
            break;
        }
    }
    k
}

/// An approximate standard normal quantile (the logistic with the normal's spread: within
/// about 10% in the middle, monotone; only for weekly means above 745, which the scenario
/// limits make all but impossible for one referral unit).
fn normal_quantile(u: f64) -> f64 {
    let u = u.clamp(1e-12, 1.0 - 1e-12);
    (u / (1.0 - u)).ln() * 3f64.sqrt() / std::f64::consts::PI
}

pub(super) fn push_child(children: &mut Vec<SimChild>, child: Child, week: u32) {
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
        emergency: false,
        seeking: false,
        in_care_at_start: false,
        category: crate::population::Category::Fostering,
        weeks_in_care_at_arrival: 0,
        next_birthday: None,
        resident_of: None,
        moving_since: None,
    });
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

/// Simulate one replication of a scenario.
pub fn run_replication(s: &LoadedScenario, replication: u32) -> crate::Result<Replication> {
    let run = &s.scenario.run;
    let pop = s.population.as_deref();
    let pool = pop.map_or(&s.dataset, |p| &p.pool);
    let (units, weights) = referral_units(s, pool);
    let mut homes: Vec<SimHome> = s
        .dataset
        .homes
        .iter()
        .map(|h| SimHome {
            home: h.clone(),
            free: h.beds_free,
            active: true,
            base: true,
            off_list: false,
        })
        .collect();
    let mut children: Vec<SimChild> = Vec::new();
    if let Some(p) = pop {
        super::population::start(s, p, replication, &mut homes, &mut children);
    } else {
        if s.scenario.demand.start_with_base_referrals {
            for child in &s.dataset.children {
                push_child(&mut children, child.clone(), 0);
            }
        }
        starting_stock(s, run.seed, replication, &homes, &mut children);
    }
    let (mut weekly_waiting, mut weekly_placed, mut weekly_cost, mut weekly_residential) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut unmet_weeks = 0.0;
    let mut beds = super::measure::BedsNeeded::default();
    let options = SolveOptions::default();
    for week in 0..run.horizon_weeks {
        new_homes(s, week, &mut homes);
        change_homes(s, week, &mut homes, &mut children);
        // 18th birthdays and returns home end care (and free the bed), for waiting children
        // too; a planned move means a new home is needed, the old one kept until it is found.
        // Each child's draw is keyed by who they are (their id, which names the week and the
        // referral unit they came from), so that compared scenarios stay paired child by child.
        let demand = &s.scenario.demand;
        if let Some(p) = pop {
            super::population::week_events(s, p, week, replication, &mut homes, &mut children);
        }
        for c in children.iter_mut().filter(|c| pop.is_none() && c.in_care()) {
            let age = c.age(week);
            let draw = uniform(
                run.seed,
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
        // Beds free up in existing homes; some free agency and private beds go to other councils.
        let mut rng = stream(run.seed, replication, week, Stream::Vacancies);
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
                    uniform(run.seed, replication, week, Stream::TakenElsewhere, key)
                        >= s.scenario.supply.taken_elsewhere_per_week
                })
                .count();
            sim.free = kept as u32;
        }
        let growth = 1.0 + demand.growth_per_year * f64::from(week) / 52.0;
        let means: Vec<f64> = match pop {
            Some(p) => p
                .unit_means(week, &weights)
                .into_iter()
                .map(|m| m * growth)
                .collect(),
            None => {
                let per_unit = demand.referrals_per_week * growth / units.len().max(1) as f64;
                weights.iter().map(|w| per_unit * w).collect()
            }
        };
        let before = children.len();
        arrivals(
            s,
            (week, replication),
            &pool.children,
            &units,
            &means,
            &mut children,
        );
        if pop.is_some() {
            super::population::admit(s, replication, &mut children[before..]);
        }

        // Match the waiting list with today's free beds.
        let waiting: Vec<usize> = (0..children.len())
            .filter(|&i| children[i].in_pool())
            .collect();
        let open: Vec<usize> = (0..homes.len())
            .filter(|&h| homes[h].active && homes[h].free > 0)
            .collect();
        let day_children: Vec<Child> = waiting
            .iter()
            .map(|&i| {
                let c = &children[i];
                let mut child = c.child.clone();
                child.age = c.age(week).min(25);
                child.urgency_days = if c.home.is_some() {
                    // Moving from a home they still have: never before someone without one.
                    28
                } else {
                    c.urgency_at_arrival.saturating_sub(7 * (week - c.arrived))
                };
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
                // A move or a step-down frees the bed left (and ends its fee).
                if let Some(old) = children[i].home {
                    release(&mut homes, old, children[i].resident_of.take());
                }
                children[i].home = Some(h);
                children[i].category = super::population::category_of(homes[h].home.kind);
                (children[i].seeking, children[i].moving_since) = (false, None);
                children[i].placed_week.get_or_insert(week);
                placed_now += 1.0;
            } else if children[i].home.is_none()
                && 7 * (week - children[i].arrived + 1) > children[i].urgency_at_arrival
            {
                children[i].unmet = true;
                unmet_weeks += 1.0;
            }
        }
        // Children waiting too long past their urgency go to emergency placements.
        let limit = 7 * s.scenario.demand.emergency_after_weeks;
        for c in children.iter_mut().filter(|c| c.waiting()) {
            if 7 * (week - c.arrived + 1) > c.urgency_at_arrival + limit {
                c.emergency = true;
            }
        }
        // So do children whose plan moved them to another kind of home (a foster child now
        // needing a children's home) and who are still in the old one: they cannot stay there
        // for ever at its fee (28 days' urgency, as for any move, plus the same limit).
        for c in children.iter_mut().filter(|c| c.in_care() && !c.emergency) {
            if let Some(since) = c.moving_since
                && 7 * (week - since + 1) > 28 + limit
                && let Some(old) = c.home
                && !plan_fits(c.child.placement_need, homes[old].home.kind)
            {
                release(&mut homes, old, c.resident_of.take());
                (c.home, c.seeking, c.moving_since, c.emergency) = (None, false, None, true);
            }
        }
        beds.week(week, &children);
        weekly_placed.push(placed_now);
        weekly_waiting.push(children.iter().filter(|c| c.waiting()).count() as f64);
        weekly_cost.push(week_cost(s, &children, &homes));
        weekly_residential.push(
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
                .count() as f64,
        );
    }
    let weekly = super::measure::Weekly {
        waiting: weekly_waiting,
        placed: weekly_placed,
        cost: weekly_cost,
        residential: weekly_residential,
        beds,
    };
    Ok(measure(s, &children, &homes, weekly, unmet_weeks))
}

/// Whether a kind of home is one a plan asks for (the placement-type rule of the match,
/// `criteria::placement_type`, without the step-down exception: a child ready to step down
/// is never sent to a spot placement for it).
fn plan_fits(need: PlacementNeed, kind: HomeKind) -> bool {
    match need {
        PlacementNeed::Family => kind.is_family(),
        PlacementNeed::Residential => kind == HomeKind::ChildrensHome,
        PlacementNeed::Either => kind.is_family() || kind == HomeKind::ChildrensHome,
        PlacementNeed::Supported => kind.is_family() || kind == HomeKind::Supported16Plus,
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poisson_by_inversion_is_monotone_and_has_its_mean() {
        let n = 20_000;
        let draws = |mean: f64| -> Vec<u64> {
            (0..n)
                .map(|i| poisson_inverse(uniform(7, 0, 0, Stream::Arrivals, i), mean))
                .collect()
        };
        let (low, high) = (draws(0.5), draws(0.55));
        assert!(low.iter().zip(&high).all(|(a, b)| a <= b));
        let mean = |v: &[u64]| v.iter().sum::<u64>() as f64 / n as f64;
        assert!((mean(&low) - 0.5).abs() < 0.02, "{}", mean(&low));
        assert!((mean(&high) / mean(&low) - 1.1).abs() < 0.03);
        assert_eq!(poisson_inverse(0.0, 3.0), 0);
    }
}
