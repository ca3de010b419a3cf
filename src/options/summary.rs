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
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReasonCount {
    pub reason: &'static str,
    pub homes_ruled_out: u64,
}

/// Count the children with and without three choices, and total the reasons against the rest.
pub fn choice_summary(problem: &MatchProblem, options: &[ChildOptions]) -> ChoiceSummary {
    let mut by_number: BTreeMap<String, usize> = (0..3).map(|n| (n.to_string(), 0)).collect();
    let mut reasons = [0u64; ReasonColumn::ALL.len()];
    let mut with_3 = 0;
    for o in options {
        if o.eligible_homes >= 3 {
            with_3 += 1;
            continue;
        }
        *by_number.entry(o.eligible_homes.to_string()).or_default() += 1;
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
    ChoiceSummary {
        children: options.len(),
        with_3_or_more: with_3,
        with_fewer_than_3: options.len() - with_3,
        by_number_of_homes: by_number,
        top_reasons,
    }
}
