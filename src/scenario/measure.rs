//! The measures of one finished replication.

use super::LoadedScenario;
use super::simulate::{Replication, SimChild, SimHome, age_band};
use crate::io::postcodes::area_name;
use crate::model::measures::{Placement, Ratio, headline};
use crate::model::*;
use std::collections::BTreeMap;

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        f64::NAN
    } else {
        100.0 * n as f64 / d as f64
    }
}

/// Week-by-week series of one replication.
pub(super) struct Weekly {
    /// Children waiting at the end of each week.
    pub(super) waiting: Vec<f64>,
    /// Children placed each week.
    pub(super) placed: Vec<f64>,
    /// Cost of every child in care each week, GBP.
    pub(super) cost: Vec<f64>,
    /// Children in children's homes (and residential spot placements) each week.
    pub(super) residential: Vec<f64>,
    /// The beds needed, by cell, fed once a week by the simulation.
    pub(super) beds: BedsNeeded,
}

/// A gap cell: (area or group of areas, kind of home the plan asks for, age band at referral).
pub type GapKey = (String, String, String);

/// The beds needed in one replication: per cell (area or district group x kind of home needed
/// x age band at referral), the most children in unmet need at the end of any one week. A
/// child is in unmet need when in care and either past their urgency with no home (waiting),
/// or in an emergency or spot placement. So the beds needed are the beds of that kind, in that
/// area, that would have held every such child at the worst week. A group's figure is the
/// peak of its districts' weekly sum (not the sum of their peaks: they may peak in different
/// weeks). Every child in care counts, those in care at the start whose home closed included.
#[derive(Debug, Default)]
pub(super) struct BedsNeeded {
    peak: BTreeMap<GapKey, f64>,
}

/// The everyday name of a child's home area (or the postcode district when it has none).
fn area_of(c: &SimChild) -> String {
    area_name(&c.child.home.district.0)
        .map_or_else(|| c.child.home.district.0.clone(), str::to_string)
}

impl BedsNeeded {
    /// Called once at the end of each week (after matching and the emergency placements) with
    /// every child; `week` counts from 0.
    pub(super) fn week(&mut self, week: u32, children: &[SimChild]) {
        let mut now: BTreeMap<GapKey, f64> = BTreeMap::new();
        let unmet = |c: &&SimChild| {
            c.in_care()
                && (c.emergency
                    || (c.waiting() && 7 * (week - c.arrived + 1) > c.urgency_at_arrival))
        };
        for c in children.iter().filter(unmet) {
            let area = area_of(c);
            let need = c.child.placement_need.code();
            let band = age_band(c.age_at_arrival);
            let groups: Vec<&str> = super::groups::groups_of(&area).collect();
            for name in groups.iter().copied().chain([area.as_str()]) {
                *now.entry((name.to_string(), need.to_string(), band.to_string()))
                    .or_insert(0.0) += 1.0;
            }
        }
        for (key, n) in now {
            let peak = self.peak.entry(key).or_insert(0.0);
            *peak = peak.max(n);
        }
    }
}

pub(super) fn measure(
    s: &LoadedScenario,
    children: &[SimChild],
    homes: &[SimHome],
    weekly: Weekly,
    unmet_weeks: f64,
) -> Replication {
    let Weekly {
        waiting: weekly_waiting,
        placed: weekly_placed,
        cost: weekly_cost,
        residential: weekly_residential,
        beds,
    } = weekly;
    // Referral measures are over the entries; the children in care at the start are counted
    // in the population and cost measures.
    let all = children;
    let children: Vec<&SimChild> = all.iter().filter(|c| !c.in_care_at_start).collect();
    let placed: Vec<&SimChild> = children
        .iter()
        .copied()
        .filter(|c| c.placed_week.is_some())
        .collect();
    let waited = |c: &SimChild| c.placed_week.map(|p| p - c.arrived);
    let within = |weeks: u32| {
        children
            .iter()
            .filter(|c| waited(c).is_some_and(|w| w <= weeks))
            .count()
    };
    // A spot placement out of county is placed but far (no home location); in county it is
    // taken as near the child's home (an ASSUMPTION), a home of its own.
    let spot_in_county = !s.scenario.spot.out_of_county;
    let placements: Vec<Placement> = children
        .iter()
        .enumerate()
        .map(|(i, c)| Placement {
            child: &c.child,
            placed: c.placed_week.is_some() || c.emergency,
            home: match (c.emergency, c.home) {
                (true, _) => spot_in_county.then(|| (homes.len() + i, &c.child.home)),
                (false, h) => h.map(|h| (h, &homes[h].home.location)),
            },
        })
        .collect();
    let measures = headline(&placements, s.policy.limits.school_travel_limit_km);
    let ratio = |r: Ratio| r.percent().unwrap_or(f64::NAN);
    let kind_share = |f: fn(HomeKind) -> bool| {
        pct(
            placed
                .iter()
                .filter(|c| c.home.is_some_and(|h| f(homes[h].home.kind)))
                .count(),
            placed.len(),
        )
    };
    let considered: Vec<&SimChild> = children
        .iter()
        .copied()
        .filter(|c| c.choices.is_some())
        .collect();
    let weeks = weekly_cost.len().max(1) as f64;
    let mut metrics = BTreeMap::new();
    metrics.insert("referrals", children.len() as f64);
    let start = all.iter().filter(|c| c.in_care_at_start).count();
    let exits = all.iter().filter(|c| c.ended).count();
    metrics.insert("children_in_care_start", start as f64);
    metrics.insert("entries", children.len() as f64);
    metrics.insert("exits", exits as f64);
    for (key, band) in super::summary::ENTRY_BANDS {
        metrics.insert(
            key,
            children
                .iter()
                .filter(|c| age_band(c.age_at_arrival) == band)
                .count() as f64,
        );
    }
    metrics.insert(
        "children_in_care_end",
        all.iter().filter(|c| c.in_care()).count() as f64,
    );
    metrics.insert("placed_within_7_days_pct", pct(within(0), children.len()));
    metrics.insert("placed_within_28_days_pct", pct(within(4), children.len()));
    metrics.insert("waiting_mean", weekly_waiting.iter().sum::<f64>() / weeks);
    metrics.insert(
        "waiting_peak",
        weekly_waiting.iter().copied().fold(0.0, f64::max),
    );
    metrics.insert("unmet_need_weeks", unmet_weeks);
    // Every child in care who went to an emergency or spot placement, those in care at the
    // start included (a child whose children's home closed is as much in one as an entrant).
    metrics.insert(
        "emergency_placements",
        all.iter().filter(|c| c.emergency).count() as f64,
    );
    metrics.insert("within_20_miles_pct", ratio(measures.within_20_miles));
    metrics.insert("siblings_together_pct", ratio(measures.siblings_together));
    metrics.insert("kept_school_pct", ratio(measures.kept_school));
    metrics.insert(
        "three_plus_choices_pct",
        pct(
            considered
                .iter()
                .filter(|c| c.choices.is_some_and(|n| n >= 3))
                .count(),
            considered.len(),
        ),
    );
    metrics.insert("family_share_pct", kind_share(HomeKind::is_family));
    metrics.insert(
        "residential_placements_mean",
        weekly_residential.iter().sum::<f64>() / weeks,
    );
    metrics.insert(
        "residential_share_pct",
        kind_share(|k| k == HomeKind::ChildrensHome),
    );
    metrics.insert("weekly_cost_gbp", weekly_cost.iter().sum::<f64>() / weeks);
    metrics.insert(
        "annual_cost_gbp",
        weekly_cost.iter().sum::<f64>() * 52.0 / weeks,
    );
    let mut gap = BTreeMap::new();
    for c in children.iter().filter(|c| c.unmet) {
        let key = (
            area_of(c),
            c.child.placement_need.code().to_string(),
            age_band(c.age_at_arrival).to_string(),
        );
        *gap.entry(key).or_insert(0.0) += 1.0;
    }
    Replication {
        metrics,
        weekly_waiting,
        weekly_placed,
        gap,
        beds_needed: beds.peak,
    }
}
