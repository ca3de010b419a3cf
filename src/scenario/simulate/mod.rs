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
//!
//! The files, one idea each: `draws` (the keyed random streams), `state` (the homes and the
//! children in care as they stand week to week), `supply` (homes opening, closing and
//! changing; beds freeing up and taken elsewhere), `referrals` (who arrives needing a home),
//! `referral_base` (week 0 and the weekly endings without `[population]`; the population
//! base's are in `scenario::population`), `week_match` (the weekly match through the daily
//! match's engine), `spot` (emergency and spot placements) and `account` (what the week
//! costs, and who is in a children's home). This file keeps the order of a week.

mod account;
mod draws;
mod referral_base;
mod referrals;
mod spot;
mod state;
mod supply;
mod week_match;

pub(super) use draws::{Stream, id_key, uniform};
pub(super) use state::{SimChild, SimHome, age_band, push_child, release};

use super::LoadedScenario;
use super::measure::measure;
use crate::solver::SolveOptions;
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

/// Simulate one replication of a scenario.
pub fn run_replication(s: &LoadedScenario, replication: u32) -> crate::Result<Replication> {
    let run = &s.scenario.run;
    let pop = s.population.as_deref();
    let pool = pop.map_or(&s.dataset, |p| &p.pool);
    let (units, weights) = referrals::referral_units(s, pool);
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
        referral_base::start(s, replication, &homes, &mut children);
    }
    let (mut weekly_waiting, mut weekly_placed, mut weekly_cost, mut weekly_residential) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut unmet_weeks = 0.0;
    let mut beds = super::measure::BedsNeeded::default();
    let options = SolveOptions::default();
    for week in 0..run.horizon_weeks {
        supply::new_homes(s, week, &mut homes);
        supply::change_homes(s, week, &mut homes, &mut children);
        // Care ends, for waiting children too, and placements break down or move.
        if let Some(p) = pop {
            super::population::week_events(s, p, week, replication, &mut homes, &mut children);
        } else {
            referral_base::week_events(s, (week, replication), &mut homes, &mut children);
        }
        supply::beds_free_up_and_go(s, (week, replication), &mut homes);
        let means = referrals::week_means(s, pop, week, &weights, units.len());
        let before = children.len();
        referrals::arrivals(
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
        let matched = week_match::match_week(s, week, &options, &mut homes, &mut children)?;
        unmet_weeks += matched.unmet;
        spot::send_to_spot(s, week, &mut homes, &mut children);
        beds.week(week, &children);
        weekly_placed.push(matched.placed);
        weekly_waiting.push(children.iter().filter(|c| c.waiting()).count() as f64);
        weekly_cost.push(account::week_cost(s, &children, &homes));
        weekly_residential.push(account::in_childrens_homes(&children, &homes));
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
