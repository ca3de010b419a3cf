//! The population base of a scenario (`[population]`): the children in care on the start
//! date read from the council's SSDA903 return, the rates fitted from its history
//! (`population::rates`: entries by age band with their trend, exits by age band, category
//! and time in care, moves between categories), and a referral profile that gives new
//! entrants (and the children already in care, when they need a new home) their needs,
//! brothers and sisters and locations.
//!
//! Where the children already in care live: homes.csv lists today's FREE beds (as for the
//! daily match), so the children already in care are in beds beyond them, in one off-list
//! placement per kind (the council's own foster carers, agency foster carers, the council's
//! own and private children's homes, supported accommodation, other: with parents, placed for
//! adoption, ...), each costed at the mean weekly cost of its kind in homes.csv (an
//! ASSUMPTION: the return carries no prices). When a child leaves an off-list placement (care
//! ends, a move, a step-down) a bed of that kind frees up in one of homes.csv's homes of the
//! same kind and provider (drawn per child): beds free up when children leave.
//!
//! The files, one idea each: `fit` (reading the return, the children in care on the start
//! date, the fitted rates and the referral profile, once per scenario), `placements` (the
//! off-list placements and the kinds of home each category of placement needs) and `events`
//! (week 0's population and each week's entries, exits, moves and breakdowns). This file
//! holds the `[population]` settings and what is read and fitted from them.

mod events;
mod fit;
mod placements;

pub(super) use events::{admit, start, week_events};
pub(super) use fit::load;
pub(super) use placements::{category_of, need_of};

use super::load::problem;
use crate::error::Problem;
use crate::model::*;
use crate::population::rates::Rates;
use crate::population::{Category, Date, codes};
use placements::OffList;
use serde::Deserialize;
use std::path::PathBuf;

/// Most children a generated referral profile may hold.
pub const MAX_PROFILE_CHILDREN: usize = 20_000;

/// A scenario's `[population]`: where the children in care come from, and the fitted rates'
/// multipliers. Paths are relative to the scenario file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PopulationBase {
    /// The SSDA903 return's directory (every `*header*`, `*episodes*`, `*uasc*` CSV in it).
    pub ssda903: PathBuf,
    /// The start date, `yyyy-mm-dd` (default: the latest date the return knows): the
    /// children in care on that day are week 0's population; rates use only what was known.
    pub start: Option<String>,
    /// Weeks of history before the start that the rates are fitted from (default 104).
    pub window_weeks: u32,
    /// A county profile (profile.toml) to draw the referral profile from; None = the base
    /// data's children.csv.
    pub profile: Option<PathBuf>,
    /// Children drawn from `profile` for the referral profile (default 2000; seed fixed, so
    /// every scenario has the same profile).
    pub profile_children: usize,
    /// Factor on the fitted entry rates (1.1 = 10% more entrants in every age band).
    pub entries: f64,
    /// Factor on the fitted weekly exit probabilities.
    pub exits: f64,
    /// Factor on the fitted weekly probabilities of moving between categories.
    pub moves: f64,
    /// Share of 18th birthdays that end care (default 1); the others stay where they live
    /// ("staying put") until they leave by the fitted exit rates, or at 21.
    pub leave_at_18: f64,
    /// GBP per week for a child in an `other` placement (with parents, placed for adoption,
    /// ...): default 0, no placement fee (an ASSUMPTION).
    pub other_weekly_gbp: f64,
}

impl Default for PopulationBase {
    fn default() -> Self {
        PopulationBase {
            ssda903: PathBuf::new(),
            start: None,
            window_weeks: 104,
            profile: None,
            profile_children: 2000,
            entries: 1.0,
            exits: 1.0,
            moves: 1.0,
            leave_at_18: 1.0,
            other_weekly_gbp: 0.0,
        }
    }
}

impl PopulationBase {
    /// Every out-of-range value, each named with its key and line.
    pub(super) fn problems(&self, file: &str, text: &str) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut check = |ok: bool, key: &str, value: String, expected: &str| {
            if !ok {
                out.push(problem(file, text, key, value, expected.to_string()));
            }
        };
        check(
            !self.ssda903.as_os_str().is_empty(),
            "population.ssda903",
            String::new(),
            "the directory of the SSDA903 return",
        );
        if let Some(start) = &self.start {
            check(
                Date::parse(start).is_some(),
                "population.start",
                start.clone(),
                "a date, yyyy-mm-dd",
            );
        }
        check(
            (2..=super::load::MAX_WEEKS).contains(&self.window_weeks),
            "population.window_weeks",
            self.window_weeks.to_string(),
            &format!("2 to {} weeks", super::load::MAX_WEEKS),
        );
        check(
            (1..=MAX_PROFILE_CHILDREN).contains(&self.profile_children),
            "population.profile_children",
            self.profile_children.to_string(),
            &format!("1 to {MAX_PROFILE_CHILDREN} children"),
        );
        let max = super::load::MAX_MULTIPLIER;
        for (key, v) in [
            ("population.entries", self.entries),
            ("population.exits", self.exits),
            ("population.moves", self.moves),
        ] {
            check(
                v.is_finite() && (0.0..=max).contains(&v),
                key,
                v.to_string(),
                &format!("a multiplier from 0 to {max}"),
            );
        }
        check(
            (0.0..=1.0).contains(&self.leave_at_18),
            "population.leave_at_18",
            self.leave_at_18.to_string(),
            "a share from 0 to 1",
        );
        check(
            self.other_weekly_gbp.is_finite()
                && (0.0..=super::load::MAX_SPOT_GBP).contains(&self.other_weekly_gbp),
            "population.other_weekly_gbp",
            self.other_weekly_gbp.to_string(),
            &format!(
                "a weekly cost in GBP from 0 to {}",
                super::load::MAX_SPOT_GBP
            ),
        );
        out
    }
}

/// A child in care on the start date.
#[derive(Debug, Clone)]
pub struct Starter {
    /// The child as the match sees them: age, sex and home area from the return, needs from
    /// a profile child of the same age band and kind of placement (an ASSUMPTION: the return
    /// records no needs); no sibling group, no school.
    pub child: Child,
    /// The category of the placement on the start date.
    pub category: Category,
    /// Whole weeks in care on the start date.
    pub weeks_in_care: u32,
    /// Weeks from the start to the next birthday (1-53).
    pub next_birthday: u32,
    /// Index of the off-list placement they are in ([`PopulationData::placements`]).
    pub placement: usize,
}

/// A population base, read and fitted once per scenario.
#[derive(Debug)]
pub struct PopulationData {
    /// Week 0's date.
    pub start: Date,
    /// The rates fitted over the window before the start.
    pub rates: Rates,
    /// The children in care on the start date, sorted by CHILD.
    pub starters: Vec<Starter>,
    /// The referral profile new entrants are drawn from.
    pub pool: Dataset,
    /// Per referral unit of the pool, the fitted weekly entry mean contributed by each DfE
    /// age band (before trend and levers).
    pub unit_band_means: Vec<[f64; 5]>,
    /// The off-list placements, in [`placements::OFF_LIST`] order.
    pub placements: Vec<OffList>,
    /// The multipliers and settings, as written.
    pub settings: PopulationBase,
}

/// Index of a DfE age band for an age in years (18 and over: the 16-17 band).
fn band(age: u32) -> usize {
    let a = i32::try_from(age.min(17)).unwrap_or(17);
    codes::age_band(a)
        .and_then(|b| codes::AGE_BANDS.iter().position(|x| *x == b))
        .unwrap_or(4)
}

impl PopulationData {
    /// Children in residential care on the start date: the most a step-down drive can move.
    pub fn residential(&self) -> usize {
        self.starters
            .iter()
            .filter(|s| s.category == Category::Residential)
            .count()
    }
}
