//! The rates a forecast needs, estimated from a return's history over a reference window
//! before the forecast date, in weekly steps: the state of every child is read on each week's
//! first day, and what changed by the next is counted against the exposure (child-weeks in
//! care) it happened in.
//!
//! - **Entries** by age band: children not in care on one day and in care a week later, per
//!   week; a trend where the two halves of the window differ by more than chance (a Poisson
//!   z-test above 2), else none.
//! - **Exits** by age band, category and time in care (under 26 weeks, 26-103, 104 and over),
//!   shrunk towards the band-and-category rate with 52 weeks of pseudo-exposure so that thin
//!   cells borrow strength. Leaving on the 18th birthday is not an exit hazard: the forecast
//!   ages every child and ends care at 18, so those weeks are counted apart.
//! - **Moves between categories** by age band and category.

use super::clean::Episode;
use super::codes::{self, Category};
use super::date::Date;
use super::read::ChildRecord;
use std::collections::HashMap;

/// Time-in-care bands (weeks): exits are likeliest early in care.
pub const TIME_IN_CARE: [(u32, &str); 3] = [(0, "0-25w"), (26, "26-103w"), (104, "104w+")];
/// Pseudo-exposure (child-weeks) with which a thin cell is shrunk towards its pooled rate.
pub const SHRINK_WEEKS: f64 = 52.0;
/// The largest entry trend used, as a factor per year either way (a guard against a short
/// window's noise compounding over a long horizon).
pub const MAX_TREND_PER_YEAR: f64 = 1.25;

/// Index of an age band in [`codes::AGE_BANDS`].
pub type Band = usize;

/// A child's state on a day: category, age band, weeks in care so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    /// The demand model's category of the open episode.
    pub category: Category,
    /// Index of the age band on the day.
    pub band: Band,
    /// Whole weeks since this period of care began.
    pub weeks_in_care: u32,
}

/// Events and exposure for one rate.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Count {
    /// Events counted (entries, exits or moves).
    pub events: f64,
    /// Child-weeks at risk (for entries: the window's weeks).
    pub exposure_weeks: f64,
}

impl Count {
    /// Events per week of exposure (0 with no exposure).
    pub fn rate(&self) -> f64 {
        if self.exposure_weeks > 0.0 {
            self.events / self.exposure_weeks
        } else {
            0.0
        }
    }
}

/// Everything estimated, with the counts behind each figure.
#[derive(Debug, Clone)]
pub struct Rates {
    /// Weeks of history the rates were estimated from.
    pub window_weeks: u32,
    /// Entries per age band over the window (exposure = the window's weeks).
    pub entries: [Count; 5],
    /// Entries in the first and second half of the window, per band.
    pub entry_halves: [(f64, f64); 5],
    /// Weekly growth factor of entries per band (1 = no trend).
    pub entry_trend: [f64; 5],
    /// Category of entrants, per band (counts).
    pub entry_category: [[f64; 4]; 5],
    /// Ages (days since birth) of the entrants in each band, to draw new entrants' ages from.
    pub entry_ages: [Vec<i32>; 5],
    /// Exits by band x category x time-in-care band.
    pub exits: [[[Count; 3]; 4]; 5],
    /// Exits by band x category, pooled over time in care (the shrinkage target).
    pub exits_pooled: [[Count; 4]; 5],
    /// Moves by band x from-category x to-category (exposure: weeks in the from-category).
    pub moves: [[[Count; 4]; 4]; 5],
    /// Children who left care on their 18th birthday during the window.
    pub eighteenth_birthdays: f64,
}

impl Rates {
    /// The exit rate of a cell, shrunk towards its pooled rate.
    pub fn exit_rate(&self, band: Band, category: Category, tic: usize) -> Count {
        let c = self.exits[band][category as usize][tic];
        let pooled = self.exits_pooled[band][category as usize].rate();
        Count {
            events: c.events + SHRINK_WEEKS * pooled,
            exposure_weeks: c.exposure_weeks + SHRINK_WEEKS,
        }
    }
}

/// The time-in-care band of a number of weeks.
pub fn tic_band(weeks: u32) -> usize {
    TIME_IN_CARE
        .iter()
        .rposition(|(from, _)| weeks >= *from)
        .unwrap_or(0)
}

/// A child's state on `day`, if in care. `own` are the child's episodes, sorted by start.
pub fn state_on(own: &[Episode], child: &ChildRecord, day: Date) -> Option<State> {
    let k = own
        .iter()
        .position(|e| e.start <= day && e.end.is_none_or(|end| end > day))?;
    let band = codes::age_band(child.dob.age_on(day).max(0))?;
    let band = codes::AGE_BANDS.iter().position(|b| *b == band)?;
    let mut first = k;
    while own[first].rne != "S" && first > 0 && own[first - 1].end == Some(own[first].start) {
        first -= 1;
    }
    let weeks = u32::try_from(own[first].start.days_until(day) / 7).unwrap_or(0);
    Some(State {
        category: Category::of_place(&own[k].place),
        band,
        weeks_in_care: weeks,
    })
}

/// Group sorted episodes by child.
pub fn by_child(episodes: &[Episode]) -> Vec<&[Episode]> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < episodes.len() {
        let mut j = i;
        while j < episodes.len() && episodes[j].child == episodes[i].child {
            j += 1;
        }
        out.push(&episodes[i..j]);
        i = j;
    }
    out
}

/// Estimate every rate over the `window_weeks` weeks before `from`.
pub fn estimate(
    episodes: &[Episode],
    children: &HashMap<String, ChildRecord>,
    from: Date,
    window_weeks: u32,
) -> Rates {
    let w = window_weeks.max(2);
    let start = from.plus_days(-7 * w as i32);
    let mut r = Rates {
        window_weeks: w,
        entries: Default::default(),
        entry_halves: Default::default(),
        entry_trend: [1.0; 5],
        entry_category: Default::default(),
        entry_ages: Default::default(),
        exits: Default::default(),
        exits_pooled: Default::default(),
        moves: Default::default(),
        eighteenth_birthdays: 0.0,
    };
    for own in by_child(episodes) {
        let Some(child) = children.get(&own[0].child) else {
            continue;
        };
        let mut before = state_on(own, child, start);
        for k in 0..w {
            let next_day = start.plus_days(7 * (k as i32 + 1));
            let after = state_on(own, child, next_day);
            match (before, after) {
                (Some(_), None) if child.dob.age_on(next_day) >= 18 => {
                    // Leaving on the 18th birthday: the forecast ages children out itself.
                    r.eighteenth_birthdays += 1.0;
                }
                (Some(s), _) => {
                    let (band, cat) = (s.band, s.category as usize);
                    let cell = &mut r.exits[band][cat][tic_band(s.weeks_in_care)];
                    cell.exposure_weeks += 1.0;
                    r.exits_pooled[band][cat].exposure_weeks += 1.0;
                    for to in 0..4 {
                        r.moves[band][cat][to].exposure_weeks += 1.0;
                    }
                    match after {
                        None => {
                            r.exits[band][cat][tic_band(s.weeks_in_care)].events += 1.0;
                            r.exits_pooled[band][cat].events += 1.0;
                        }
                        Some(t) if t.category != s.category => {
                            r.moves[band][cat][t.category as usize].events += 1.0;
                        }
                        Some(_) => {}
                    }
                }
                (None, Some(t)) => {
                    r.entries[t.band].events += 1.0;
                    if k < w / 2 {
                        r.entry_halves[t.band].0 += 1.0;
                    } else {
                        r.entry_halves[t.band].1 += 1.0;
                    }
                    r.entry_category[t.band][t.category as usize] += 1.0;
                    r.entry_ages[t.band].push(child.dob.days_until(next_day));
                }
                (None, None) => {}
            }
            before = after;
        }
    }
    for b in 0..5 {
        r.entries[b].exposure_weeks = f64::from(w);
        r.entry_ages[b].sort_unstable();
        r.entry_trend[b] = trend(r.entry_halves[b], f64::from(w));
    }
    r
}

/// Weekly growth factor from the two halves' counts, when they differ by more than chance.
fn trend((n1, n2): (f64, f64), weeks: f64) -> f64 {
    if n1 < 5.0 || n2 < 5.0 {
        return 1.0;
    }
    let z = (n2 - n1) / (n1 + n2).sqrt();
    if z.abs() <= 2.0 {
        return 1.0;
    }
    // The halves' centres are weeks/2 apart.
    let per_week = (n2 / n1).powf(2.0 / weeks);
    let cap = MAX_TREND_PER_YEAR.powf(1.0 / 52.0);
    per_week.clamp(1.0 / cap, cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trend_only_where_the_halves_differ_beyond_chance() {
        assert_eq!(trend((100.0, 110.0), 104.0), 1.0);
        let up = trend((100.0, 150.0), 104.0);
        assert!(
            up > 1.0 && up <= MAX_TREND_PER_YEAR.powf(1.0 / 52.0) + 1e-12,
            "{up}"
        );
        assert_eq!(trend((2.0, 9.0), 104.0), 1.0, "too few to say");
    }

    #[test]
    fn time_in_care_bands() {
        assert_eq!(tic_band(0), 0);
        assert_eq!(tic_band(25), 0);
        assert_eq!(tic_band(26), 1);
        assert_eq!(tic_band(104), 2);
    }
}
