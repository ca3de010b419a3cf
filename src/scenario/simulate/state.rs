//! The state of a replication week to week: the homes with their free beds, and every child
//! who has been in care with where they are (a home, a spot placement, waiting) and what
//! they are waiting for. Kept apart from the rules that change it, which are in the other
//! files of `simulate` and in `scenario::population`, so the state reads as one record.

use crate::model::*;

/// A home as the simulation sees it: the home, its free beds this week, and whether it is
/// open.
pub(in crate::scenario) struct SimHome {
    pub(in crate::scenario) home: Home,
    pub(in crate::scenario) free: u32,
    pub(in crate::scenario) active: bool,
    /// One of the base data's homes (vacancies appear only there).
    pub(in crate::scenario) base: bool,
    /// An off-list placement of the population base: never offered to the match, never
    /// closed; a child leaving it frees a bed in the home they live in (`resident_of`).
    pub(in crate::scenario) off_list: bool,
}

/// A child leaves home `h`: its bed is free again (for an off-list placement, the bed in
/// the home they live in, `resident_of`). A closed home frees nothing.
pub(in crate::scenario) fn release(homes: &mut [SimHome], h: usize, resident_of: Option<usize>) {
    if homes[h].off_list {
        if let Some(to) = resident_of.filter(|&r| homes[r].active) {
            homes[to].free += 1;
        }
    } else if homes[h].active {
        homes[h].free += 1;
    }
}

/// A child in care (or who was): who they are, when they arrived, where they are.
pub(in crate::scenario) struct SimChild {
    pub(in crate::scenario) child: Child,
    pub(in crate::scenario) arrived: u32,
    pub(in crate::scenario) age_at_arrival: u32,
    pub(in crate::scenario) urgency_at_arrival: u32,
    pub(in crate::scenario) home: Option<usize>,
    pub(in crate::scenario) placed_week: Option<u32>,
    /// Left care (returned home, turned 18): counted in `exits`.
    pub(in crate::scenario) ended: bool,
    pub(in crate::scenario) unmet: bool,
    pub(in crate::scenario) choices: Option<usize>,
    /// In an emergency or spot placement (after waiting too long): still in care, costed
    /// from `[spot]`, until they leave care.
    pub(in crate::scenario) emergency: bool,
    /// Has a home but needs a new one (a planned move, a step-down): matched with the others,
    /// keeping their bed (and its fee) until a new home is found.
    pub(in crate::scenario) seeking: bool,
    /// In care before week 0 (not an entry).
    pub(in crate::scenario) in_care_at_start: bool,
    /// The category of the placement (population base: the rates depend on it).
    pub(in crate::scenario) category: crate::population::Category,
    /// Whole weeks in care when they arrived (population base: exits depend on it).
    pub(in crate::scenario) weeks_in_care_at_arrival: u32,
    /// Weeks after arrival of the next birthday; None = on each anniversary of arrival.
    pub(in crate::scenario) next_birthday: Option<u32>,
    /// In an off-list placement: the base home they live in, beyond its free beds (their bed
    /// frees there when they leave; they must move if it closes).
    pub(in crate::scenario) resident_of: Option<usize>,
    /// The week a move to another kind of home was decided (population base: a move between
    /// categories), while still in the old home: past 28 days plus `emergency_after_weeks`
    /// with no home of the new kind found, the child goes to a spot placement of that kind.
    pub(in crate::scenario) moving_since: Option<u32>,
}

impl SimChild {
    /// Age in whole years in `week`.
    pub(in crate::scenario) fn age(&self, week: u32) -> u32 {
        let w = week.saturating_sub(self.arrived);
        match self.next_birthday {
            None => self.age_at_arrival + w / 52,
            Some(nb) if w >= nb => self.age_at_arrival + 1 + (w - nb) / 52,
            Some(_) => self.age_at_arrival,
        }
    }
    /// Arrive again in `week` (a closed home's child waits afresh): age, birthday and
    /// weeks in care carried over.
    pub(super) fn arrive_again(&mut self, week: u32) {
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
    pub(in crate::scenario) fn in_care(&self) -> bool {
        !self.ended
    }
    /// In care with no home (not in a spot placement): on the waiting list.
    pub(in crate::scenario) fn waiting(&self) -> bool {
        !self.ended && !self.emergency && self.home.is_none()
    }
    /// To be matched this week: waiting, or seeking a move.
    pub(super) fn in_pool(&self) -> bool {
        self.waiting() || (!self.ended && !self.emergency && self.seeking)
    }
}

/// The age band a child is measured in (gap.csv and the beds-needed measure).
pub(in crate::scenario) fn age_band(age: u32) -> &'static str {
    match age {
        0..=4 => "0-4",
        5..=9 => "5-9",
        10..=12 => "10-12",
        13..=15 => "13-15",
        _ => "16-17",
    }
}

/// A child arriving in `week` with no home yet (starters and step-down stock are then given
/// their home and history by the caller).
pub(in crate::scenario) fn push_child(children: &mut Vec<SimChild>, child: Child, week: u32) {
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
