//! An independent check of any match against the inputs: every placement eligible under the
//! rules, no home over its beds, sibling groups with a `together` plan in one home (or all
//! waiting), the weekly budget kept. It knows nothing of the solver; every solve test calls it.

use crate::criteria;
use crate::model::{ChildId, Dataset, HomeId, Policy, SiblingPlan};
use std::collections::BTreeMap;

/// A way in which a match breaks the rules.
#[derive(Debug, Clone, PartialEq)]
pub enum Violation {
    /// A child is placed in a home the eligibility rules rule out for it (or its sibling unit).
    NotEligible {
        /// The child placed, as its pseudonymous id from children.csv.
        child: ChildId,
        /// The home it was placed in, as its id from homes.csv.
        home: HomeId,
        /// The first rule the placement fails, with what the home and child said.
        reason: criteria::Reason,
    },
    /// A home is given more children than it has beds free.
    OverCapacity {
        /// The home, as its id from homes.csv.
        home: HomeId,
        /// How many children the match puts there.
        placed: u32,
        /// How many it can take: its free beds (one if it is solo only).
        capacity: u32,
    },
    /// A sibling group whose plan is `together` is not all in the same home (or all waiting).
    SiblingsSplit {
        /// The group's id, as written in children.csv's `sibling_group` column.
        group: String,
    },
    /// The match's weekly cost is over the policy's weekly budget.
    OverBudget {
        /// The weekly cost of all placements in the match, GBP per week.
        spend: f64,
        /// The policy's `limits.weekly_budget_gbp`, GBP per week.
        budget: f64,
    },
    /// A child with a home already agreed (with a bed for them) not placed there.
    DecidedNotKept {
        /// The child.
        child: ChildId,
    },
    /// Children placed in one home who must not share it: a living-companion condition or a
    /// `[household]` rule between two of them, or a foster home over the usual fostering limit
    /// (Children Act 1989 Sch. 7) without an exemption or the one sibling group placed
    /// together. Homes already agreed for all of them are reported instead
    /// ([`household_clashes`]).
    MustNotShare {
        /// The home, as its id from homes.csv.
        home: HomeId,
        /// The children concerned, as their ids from children.csv.
        children: Vec<ChildId>,
        /// Which rule: "living companions", "a household rule" or "the usual fostering limit".
        rule: &'static str,
    },
    /// A placement names a home index past the end of the homes list.
    UnknownHome {
        /// The child with the bad placement, as its id from children.csv.
        child: ChildId,
        /// The home index given (0-based position in the homes list).
        index: usize,
    },
}

/// Check `placements` (per child, a home index or None) against the inputs.
pub fn check(dataset: &Dataset, policy: &Policy, placements: &[Option<usize>]) -> Vec<Violation> {
    let mut violations = Vec::new();
    let kept = dataset.agreed_homes();
    let mut per_home: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (c, placement) in placements.iter().enumerate() {
        if let Some(h) = *placement {
            if h >= dataset.homes.len() {
                violations.push(Violation::UnknownHome {
                    child: dataset.children[c].id.clone(),
                    index: h,
                });
                continue;
            }
            per_home.entry(h).or_default().push(c);
        }
    }
    for (&h, children) in &per_home {
        let home = &dataset.homes[h];
        if children.len() as u32 > home.capacity() {
            violations.push(Violation::OverCapacity {
                home: home.id.clone(),
                placed: children.len() as u32,
                capacity: home.capacity(),
            });
        }
    }
    for group in dataset.sibling_groups() {
        let homes: Vec<Option<usize>> = group.members.iter().map(|&c| placements[c]).collect();
        let all_same = homes.windows(2).all(|w| w[0] == w[1]);
        if group.plan == SiblingPlan::Together && !all_same {
            violations.push(Violation::SiblingsSplit {
                group: group.id.0.clone(),
            });
        }
    }
    // Eligibility: a together group is checked as one unit; everyone else alone.
    for (c, child) in dataset.children.iter().enumerate() {
        let Some(h) = placements[c].filter(|&h| h < dataset.homes.len()) else {
            continue;
        };
        let unit: Vec<&crate::model::Child> = dataset
            .placed_with(c)
            .into_iter()
            .map(|o| &dataset.children[o])
            .collect();
        // A home already agreed is kept even when a rule would rule it out (it is flagged
        // `decided_breaks_rule` instead).
        if kept[c] == Some(h) {
            continue;
        }
        if let Err(reason) = criteria::evaluate(&unit, &dataset.homes[h], policy) {
            violations.push(Violation::NotEligible {
                child: child.id.clone(),
                home: dataset.homes[h].id.clone(),
                reason,
            });
        }
    }
    // The homes agreed that are kept (see [`Dataset::agreed_homes`]) are where those children are.
    for (c, child) in dataset.children.iter().enumerate() {
        if kept[c].is_some() && placements[c] != kept[c] {
            violations.push(Violation::DecidedNotKept {
                child: child.id.clone(),
            });
        }
    }
    for clash in clashes(dataset, policy, placements, &kept) {
        if !clash.all_decided {
            violations.push(Violation::MustNotShare {
                home: dataset.homes[clash.home].id.clone(),
                children: clash.ids(dataset),
                rule: clash.rule,
            });
        }
    }
    if let Some(budget) = policy.limits.weekly_budget_gbp {
        let spend: f64 = placements
            .iter()
            .flatten()
            .filter(|&&h| h < dataset.homes.len())
            .map(|&h| dataset.homes[h].weekly_cost)
            .sum();
        // Homes kept as agreed are not the match's choice: when they alone are over the
        // budget, the match may add nothing to them, but is not over the budget itself.
        let agreed: f64 = placements
            .iter()
            .enumerate()
            .filter_map(|(c, p)| p.filter(|&h| kept[c] == Some(h)))
            .map(|h| dataset.homes[h].weekly_cost)
            .sum();
        if spend > budget.max(agreed) + 1e-6 {
            violations.push(Violation::OverBudget { spend, budget });
        }
    }
    violations
}

/// The objective of a (valid) match, computed from the inputs alone: (urgency-weighted
/// children placed, total score), over the children the match chooses a home for: a child in
/// the home agreed for them (`decided_home`, or for their `together` group) is given, not chosen, so counts in neither (it may
/// even break a rule there, where it has no score). An `apart_assessed` group all in one home
/// that can take them together, none of them in an agreed home, pays no split penalty; any
/// other placed member of such a group, not in an agreed home, pays it.
pub fn objective(dataset: &Dataset, policy: &Policy, placements: &[Option<usize>]) -> (f64, f64) {
    // As `check` takes it: a `together` group keeps the home agreed for one of them.
    let kept = dataset.agreed_homes();
    let decided = |c: usize| placements[c].is_some() && placements[c] == kept[c];
    let mut weighted = 0.0;
    let mut score = 0.0;
    for (c, child) in dataset.children.iter().enumerate() {
        let Some(h) = placements[c].filter(|_| !decided(c)) else {
            continue;
        };
        weighted += policy.urgency.weight(child.urgency_days);
        score += criteria::evaluate_single(child, &dataset.homes[h], policy)
            .map_or(f64::NAN, |s| s.total());
    }
    for group in dataset
        .sibling_groups()
        .into_iter()
        .filter(|g| g.plan == SiblingPlan::ApartAssessed)
    {
        let homes: Vec<Option<usize>> = group.members.iter().map(|&c| placements[c]).collect();
        let together = match homes[0] {
            Some(h)
                if homes.iter().all(|&x| x == Some(h))
                    && !group.members.iter().any(|&c| decided(c)) =>
            {
                let members: Vec<_> = group
                    .members
                    .iter()
                    .map(|&c| &dataset.children[c])
                    .collect();
                criteria::evaluate(&members, &dataset.homes[h], policy).is_ok()
            }
            _ => false,
        };
        if !together {
            let chosen = group
                .members
                .iter()
                .filter(|&&c| placements[c].is_some() && !decided(c))
                .count();
            score -= policy.weights.split_penalty * chosen as f64;
        }
    }
    (weighted, score)
}

/// Children placed in one home who must not share it (see [`Violation::MustNotShare`]).
struct Clash {
    home: usize,
    children: Vec<usize>,
    rule: &'static str,
    /// Every one of them is in the home agreed for them (`decided_home`): kept, and flagged.
    all_decided: bool,
}

impl Clash {
    fn ids(&self, dataset: &Dataset) -> Vec<ChildId> {
        self.children
            .iter()
            .map(|&c| dataset.children[c].id.clone())
            .collect()
    }
}

/// Every clash of the match, home by home: each pair of children who may not share a home
/// (brothers and sisters excepted), and each foster home over the usual fostering limit.
/// `kept`: [`Dataset::agreed_homes`].
fn clashes(
    dataset: &Dataset,
    policy: &Policy,
    placements: &[Option<usize>],
    kept: &[Option<usize>],
) -> Vec<Clash> {
    use crate::model::household::FOSTERING_LIMIT;
    let mut per_home: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (c, p) in placements.iter().enumerate() {
        if let Some(h) = p.filter(|&h| h < dataset.homes.len()) {
            per_home.entry(h).or_default().push(c);
        }
    }
    // The home agreed for the child, or for their `together` group (kept as one).
    let decided_at = |c: usize, h: usize| kept[c] == Some(h);
    let mut out = Vec::new();
    for (h, children) in per_home {
        let home = &dataset.homes[h];
        for (i, &a) in children.iter().enumerate() {
            for &b in &children[i + 1..] {
                let (ca, cb) = (&dataset.children[a], &dataset.children[b]);
                if let Some(clash) = criteria::household::clash(ca, cb, policy) {
                    let rule = match clash {
                        crate::model::household::Clash::LivingWith => "living companions",
                        crate::model::household::Clash::Household => "a household rule",
                    };
                    out.push(Clash {
                        home: h,
                        children: vec![a, b],
                        rule,
                        all_decided: decided_at(a, h) && decided_at(b, h),
                    });
                }
            }
        }
        let fostered = home.household.fostered().count() + children.len();
        if home.kind.is_family()
            && !home.household.fostering_exemption
            && fostered > FOSTERING_LIMIT
            && !one_group_together(dataset, h, &children)
        {
            out.push(Clash {
                home: h,
                all_decided: children.iter().all(|&c| decided_at(c, h)),
                children,
                rule: "the usual fostering limit",
            });
        }
    }
    out
}

/// The "all brothers and sisters" exception to the usual fostering limit (Children Act 1989
/// Sch. 7 para. 2), in the words: every child fostered there, the fostered residents
/// and the children placed today alike, belongs to one sibling group (apart-assessed brothers
/// and sisters placed one by one included; the assignment states the same, docs/matching.md).
fn one_group_together(dataset: &Dataset, h: usize, children: &[usize]) -> bool {
    let home = &dataset.homes[h];
    let Some(group) = dataset.children[children[0]].sibling_group.as_ref() else {
        return false;
    };
    children
        .iter()
        .all(|&c| dataset.children[c].sibling_group.as_ref() == Some(group))
        && home
            .household
            .fostered()
            .all(|r| r.sibling_group.as_ref() == Some(group))
}

/// Children placed in one home against a rule between children, where every one of them is in
/// the home agreed for them (`decided_home`, kept whatever the rules say): a living-companion
/// condition or a `[household]` rule between two of them, or a foster home over the usual
/// fostering limit. As (home, child ids, what). Any other such clash is a
/// [`Violation::MustNotShare`]: the assignment prevents it (docs/matching.md).
pub fn household_clashes(
    dataset: &Dataset,
    policy: &Policy,
    placements: &[Option<usize>],
) -> Vec<(HomeId, Vec<ChildId>, &'static str)> {
    clashes(dataset, policy, placements, &dataset.agreed_homes())
        .into_iter()
        .filter(|c| c.all_decided)
        .map(|c| (dataset.homes[c.home].id.clone(), c.ids(dataset), c.rule))
        .collect()
}
