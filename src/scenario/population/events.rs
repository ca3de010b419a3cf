//! The population base week to week: week 0's children in care placed in their off-list
//! placements, new entrants' birthdays and categories, the week's entry means, and each
//! week's exits, 18th birthdays, moves between categories and breakdowns by the fitted rates.
//! One uniform per child and week decides a child's events, so compared scenarios stay
//! paired child by child.

use super::placements::{need_of, need_of_category};
use super::{PopulationData, band};
use crate::model::*;
use crate::population::Category;
use crate::population::rates;
use crate::scenario::LoadedScenario;
use crate::scenario::simulate::{SimChild, SimHome, Stream, id_key, release, uniform};

impl PopulationData {
    /// This week's entry mean of each referral unit (before growth), with the levers'
    /// `weights`.
    pub(in crate::scenario) fn unit_means(&self, week: u32, weights: &[f64]) -> Vec<f64> {
        let trend: Vec<f64> = (0..5)
            .map(|b| self.rates.entry_trend[b].powi(i32::try_from(week).unwrap_or(0)))
            .collect();
        self.unit_band_means
            .iter()
            .zip(weights)
            .map(|(m, w)| {
                m.iter().zip(&trend).map(|(a, t)| a * t).sum::<f64>() * w * self.settings.entries
            })
            .collect()
    }
}

/// The off-list placements added after the base homes, and the children in care at the
/// start in them; the first `step_down_drive` of those in children's homes (by id) are
/// ready to step down to a family.
pub(in crate::scenario) fn start(
    s: &LoadedScenario,
    p: &PopulationData,
    replication: u32,
    homes: &mut Vec<SimHome>,
    children: &mut Vec<SimChild>,
) {
    let first = homes.len();
    for o in &p.placements {
        homes.push(SimHome {
            home: o.home.clone(),
            free: 0,
            active: true,
            base: false,
            off_list: true,
        });
    }
    let mut drive = s.step_down_drive;
    for st in &p.starters {
        let mut child = st.child.clone();
        let ready = drive > 0 && st.category == Category::Residential;
        if ready {
            drive -= 1;
            (child.step_down_ready, child.placement_need) = (true, PlacementNeed::Family);
        }
        crate::scenario::simulate::push_child(children, child, 0);
        if let Some(c) = children.last_mut() {
            c.home = Some(first + st.placement);
            c.placed_week = Some(0);
            c.in_care_at_start = true;
            c.seeking = ready;
            c.category = st.category;
            c.weeks_in_care_at_arrival = st.weeks_in_care;
            c.next_birthday = Some(st.next_birthday);
            // The home of its kind they live in, drawn per child (beyond its free beds).
            let frees = &p.placements[st.placement].frees_into;
            if !frees.is_empty() {
                let u = uniform(
                    s.scenario.run.seed,
                    replication,
                    0,
                    Stream::Release,
                    id_key(&c.child.id),
                );
                c.resident_of =
                    Some(frees[((u * frees.len() as f64) as usize).min(frees.len() - 1)]);
            }
        }
    }
}

/// New entrants' birthdays (drawn per child) and categories (from their plan).
pub(in crate::scenario) fn admit(s: &LoadedScenario, replication: u32, children: &mut [SimChild]) {
    for c in children {
        let u = uniform(
            s.scenario.run.seed,
            replication,
            0,
            Stream::Birthday,
            id_key(&c.child.id),
        );
        c.next_birthday = Some(1 + (u * 52.0) as u32);
        c.category = need_of_category(c.child.placement_need);
    }
}

/// The week's endings and moves: for every child in care (waiting or not), 18th birthdays
/// and exits by the fitted rates; for every child with a placement, moves between categories
/// (a new home of the new kind is needed; into `other` at once) and placement breakdowns
/// (`demand.planned_moves_per_week`: a new home of the same kind). One uniform per child and week, keyed by the child, decides
/// all of these, so compared scenarios stay paired child by child.
pub(in crate::scenario) fn week_events(
    s: &LoadedScenario,
    p: &PopulationData,
    week: u32,
    replication: u32,
    homes: &mut [SimHome],
    children: &mut [SimChild],
) {
    let seed = s.scenario.run.seed;
    let set = &p.settings;
    let breakdown = s.scenario.demand.planned_moves_per_week;
    let other = homes.iter().rposition(|h| h.off_list);
    // Every child in care, waiting ones included: a child waiting for a home still turns 18
    // and still goes home at the fitted rates (a 17-year-old cannot wait in care for ever).
    for c in children.iter_mut().filter(|c| c.in_care()) {
        let age = c.age(week);
        let key = id_key(&c.child.id);
        let stays_at_18 = uniform(seed, replication, 0, Stream::Eighteen, key) >= set.leave_at_18;
        if age >= 21 || (age >= 18 && !stays_at_18) {
            c.ended = true;
            if let Some(h) = c.home {
                release(homes, h, c.resident_of.take());
            }
            continue;
        }
        let b = band(age);
        let cat = c.category;
        let tic = rates::tic_band(c.weeks_in_care_at_arrival + (week - c.arrived));
        let exit = (p.rates.exit_rate(b, cat, tic).rate() * set.exits).min(1.0);
        let u = uniform(seed, replication, week, Stream::Endings, key);
        if u < exit {
            c.ended = true;
            if let Some(h) = c.home {
                release(homes, h, c.resident_of.take());
            }
            continue;
        }
        // Moves and breakdowns are of a placement: not for a child waiting or in a spot one.
        if c.emergency || c.home.is_none() {
            continue;
        }
        let mut acc = exit;
        let mut moved = false;
        for to in Category::ALL {
            acc += p.rates.moves[b][cat as usize][to as usize].rate() * set.moves;
            if to != cat && u < acc {
                moved = true;
                if to == Category::Other {
                    if let (Some(h), Some(o)) = (c.home, other) {
                        release(homes, h, c.resident_of.take());
                        c.home = Some(o);
                    }
                    (c.seeking, c.moving_since) = (false, None);
                } else {
                    c.child.placement_need = need_of(to);
                    c.seeking = true;
                    c.moving_since = Some(week);
                }
                c.category = to;
                break;
            }
        }
        if !moved && u < acc + breakdown && !c.seeking {
            // A breakdown: a new home of the same kind as the one they are in (a child with
            // an `either` plan living in a children's home needs another children's home).
            c.child.placement_need = need_of(c.category);
            c.seeking = true;
        }
    }
}
