//! `choice_summary.json`: how many children have a real choice, and what takes it away.

use super::ChildOptions;
use crate::criteria::ReasonColumn;
use crate::matching::MatchProblem;
use serde::Serialize;
use std::collections::BTreeMap;

/// The pledge of at least three choices, counted over every child (`choice_summary.json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceSummary {
    /// Children whose options were built (every child in the referral).
    pub children: usize,
    /// Children with three or more homes that could take them.
    pub with_3_or_more: usize,
    /// Children with fewer than three: `children - with_3_or_more`.
    pub with_fewer_than_3: usize,
    /// For children with fewer than three: how many have 0, 1 and 2 homes.
    pub by_number_of_homes: BTreeMap<String, usize>,
    /// Over children with fewer than three, homes ruled out per reason, most first.
    pub top_reasons: Vec<ReasonCount>,
    /// Over children with fewer than three, the single changes (a need supported, an age
    /// range, a bed, a registration) that would open the most homes for them, most first.
    pub single_changes: Vec<SingleChange>,
}

/// Homes ruled out under one `unplaced.csv` reason column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReasonCount {
    /// The column's header (`rejected_by_age`, ...).
    pub reason: &'static str,
    /// Homes counted under it, summed over the children.
    pub homes_ruled_out: u64,
}

/// One change a planner could make, and what it would open for children with fewer than
/// three choices.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SingleChange {
    /// The one rule the homes fail (`need_tags`, `age`, `beds`, ...).
    pub rule: &'static str,
    /// The change, as the end of "N more homes if ..." (`they could support uasc`).
    pub change: String,
    /// (Child, home) pairs it would open, summed over the children.
    pub homes_opened: usize,
    /// Children with fewer than three choices who would gain at least one home.
    pub children: usize,
}

/// Count the children with and without three choices, and total the reasons against the rest.
pub fn choice_summary(problem: &MatchProblem, options: &[ChildOptions]) -> ChoiceSummary {
    let mut by_number: BTreeMap<String, usize> = (0..3).map(|n| (n.to_string(), 0)).collect();
    let mut reasons = [0u64; ReasonColumn::ALL.len()];
    let mut with_3 = 0;
    let mut changes: BTreeMap<(&'static str, String), (usize, usize)> = BTreeMap::new();
    for o in options {
        if o.eligible_homes >= 3 {
            with_3 += 1;
            continue;
        }
        *by_number.entry(o.eligible_homes.to_string()).or_default() += 1;
        for miss in &o.near_misses {
            let entry = changes.entry((miss.rule, miss.change.clone())).or_default();
            entry.0 += miss.homes.len();
            entry.1 += 1;
        }
        for (total, n) in reasons
            .iter_mut()
            .zip(problem.eligibility[o.child].rejected)
        {
            *total += u64::from(n);
        }
    }
    let mut top_reasons: Vec<ReasonCount> = ReasonColumn::ALL
        .iter()
        .zip(reasons)
        .filter(|(_, n)| *n > 0)
        .map(|(col, n)| ReasonCount {
            reason: col.header(),
            homes_ruled_out: n,
        })
        .collect();
    top_reasons.sort_by(|a, b| {
        b.homes_ruled_out
            .cmp(&a.homes_ruled_out)
            .then(a.reason.cmp(b.reason))
    });
    let mut single_changes: Vec<SingleChange> = changes
        .into_iter()
        .map(|((rule, change), (homes_opened, children))| SingleChange {
            rule,
            change,
            homes_opened,
            children,
        })
        .collect();
    single_changes.sort_by(|a, b| {
        b.homes_opened
            .cmp(&a.homes_opened)
            .then(b.children.cmp(&a.children))
            .then(a.rule.cmp(b.rule))
            .then(a.change.cmp(&b.change))
    });
    ChoiceSummary {
        single_changes,
        children: options.len(),
        with_3_or_more: with_3,
        with_fewer_than_3: options.len() - with_3,
        by_number_of_homes: by_number,
        top_reasons,
    }
}
