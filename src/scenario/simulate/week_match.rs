//! The weekly match: the waiting list, the movers and the step-downs matched with the week's
//! free beds by the same engine as `righthome match` (`matching::run`), so a scenario's
//! placements follow the same rules, scores and law as a day's real matching.

use super::state::{SimChild, SimHome, release};
use crate::matching;
use crate::model::*;
use crate::scenario::LoadedScenario;
use crate::solver::SolveOptions;
use std::collections::BTreeMap;

/// What one week's match did, for the weekly measures.
pub(super) struct Matched {
    /// Children placed this week.
    pub(super) placed: f64,
    /// Children left without a home this week past their urgency (a child-week of unmet need
    /// each).
    pub(super) unmet: f64,
}

/// Match the waiting list with today's free beds and place the children matched: a move or a
/// step-down frees the bed left, and a child still without a home past their urgency is
/// marked as in unmet need.
pub(super) fn match_week(
    s: &LoadedScenario,
    week: u32,
    options: &SolveOptions,
    homes: &mut [SimHome],
    children: &mut [SimChild],
) -> crate::Result<Matched> {
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
    let by_home: BTreeMap<&HomeId, usize> = open.iter().map(|&h| (&homes[h].home.id, h)).collect();
    let home_index: Vec<usize> = dataset.homes.iter().map(|h| by_home[&h.id]).collect();
    let (problem, result) = matching::run(&dataset, &s.policy, options)?;
    let (mut placed, mut unmet) = (0.0, 0.0);
    for (d, placement) in result.placements.iter().enumerate() {
        let i = child_index[d];
        children[i]
            .choices
            .get_or_insert(problem.eligibility[d].eligible.len());
        if let Some(h) = placement.map(|h| home_index[h]) {
            homes[h].free -= 1;
            // A move or a step-down frees the bed left (and ends its fee).
            if let Some(old) = children[i].home {
                release(homes, old, children[i].resident_of.take());
            }
            children[i].home = Some(h);
            children[i].category = crate::scenario::population::category_of(homes[h].home.kind);
            (children[i].seeking, children[i].moving_since) = (false, None);
            children[i].placed_week.get_or_insert(week);
            placed += 1.0;
        } else if children[i].home.is_none()
            && 7 * (week - children[i].arrived + 1) > children[i].urgency_at_arrival
        {
            children[i].unmet = true;
            unmet += 1.0;
        }
    }
    Ok(Matched { placed, unmet })
}
