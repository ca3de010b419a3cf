//! Near misses: the homes that fail exactly one rule for a child (or their sibling group
//! together), and the one change that would open each. Rule order hides the real bottleneck
//! (a home ruled out by age is never counted under needs), so every rule is checked here, not
//! only the first a home fails: what a planner can act on (training for a need, a wider age
//! range, a bed, a registration) is a home that only one thing keeps closed.

use crate::criteria::{CRITERIA, Pair, Reason};
use crate::matching::MatchProblem;
use crate::model::{Child, Dataset, Gender, GenderAccepted, Home, Policy, SiblingPlan};
use std::collections::BTreeMap;

/// Homes that one change would open for a child, grouped by that change.
#[derive(Debug, Clone, PartialEq)]
pub struct NearMiss {
    /// The code of the one rule the homes fail (`need_tags`, `age`, `beds`, ...).
    pub rule: &'static str,
    /// The change, as the end of "N more homes if ..." (`they could support uasc`).
    pub change: String,
    /// The homes it would open (indices, in id order).
    pub homes: Vec<usize>,
}

impl NearMiss {
    /// "3 more homes if they could support uasc".
    pub fn words(&self) -> String {
        let n = self.homes.len();
        format!(
            "{n} more home{} if {}",
            if n == 1 { "" } else { "s" },
            self.change
        )
    }
}

/// The children considered together for a home: the whole group for a `together` plan (as
/// the eligibility does), otherwise the child alone.
fn unit_members(dataset: &Dataset, child: usize) -> Vec<usize> {
    let c = &dataset.children[child];
    match (&c.sibling_group, c.sibling_plan) {
        (Some(_), SiblingPlan::Together) => super::siblings_of(dataset, child),
        _ => vec![child],
    }
}

/// The rules a unit fails at a home: one reason per criterion whose rule fails, plus the
/// second rule inside a criterion that checks two (needs: level and tags; siblings: solo
/// homes, group size and beds), so that "exactly one rule" means one.
fn failed_rules(members: &[&Child], home: &Home, policy: &Policy) -> (usize, Option<Reason>) {
    let size = members.len() as u32;
    let pairs: Vec<Pair> = members
        .iter()
        .map(|c| Pair::new(c, home, policy, size))
        .collect();
    let mut failed: Vec<Reason> = Vec::new();
    for criterion in CRITERIA {
        if let Some(reason) = pairs.iter().find_map(|p| criterion.rule(p).err()) {
            failed.push(reason);
        }
    }
    // Rules that share a criterion: the criterion gives only the first it finds.
    let complexity = members.iter().any(|c| c.complexity > home.max_complexity);
    let tags = members
        .iter()
        .any(|c| !c.needs.is_subset(&home.accepts_needs));
    let beds_rules = [
        size > 1 && home.solo_only,
        size > home.max_sibling_group,
        size > home.beds_free,
    ];
    let extra = usize::from(complexity && tags)
        + beds_rules.iter().filter(|&&b| b).count().saturating_sub(1);
    (failed.len() + extra, failed.first().copied())
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The one change that would open `home`, as the end of "N more homes if ...".
fn change(rule: Reason, members: &[&Child], home: &Home) -> String {
    let size = members.len() as u32;
    match rule.code {
        "age" => {
            let mut ages: Vec<u32> = members
                .iter()
                .map(|c| c.age)
                .filter(|a| !(home.age_min..=home.age_max).contains(a))
                .collect();
            ages.sort_unstable();
            ages.dedup();
            let ages: Vec<String> = ages.iter().map(u32::to_string).collect();
            format!("they took children aged {}", join_and(&ages))
        }
        "gender" => {
            let all = |g: Gender| members.iter().all(|c| c.gender == g);
            let who = match home.gender {
                GenderAccepted::Male if all(Gender::Female) => "girls",
                GenderAccepted::Female if all(Gender::Male) => "boys",
                _ => "children of any gender",
            };
            format!("they took {who}")
        }
        "complexity" => format!(
            "they could meet need level {}",
            members.iter().map(|c| c.complexity).max().unwrap_or(0)
        ),
        "need_tags" => {
            let mut missing: Vec<String> = members
                .iter()
                .flat_map(|c| c.needs.difference(&home.accepts_needs))
                .map(|t| t.to_string())
                .collect();
            missing.sort();
            missing.dedup();
            format!("they could support {}", join_and(&missing))
        }
        "placement_type" => format!("the care plan allowed a {}", home.kind.words()),
        "avoid_area" => format!(
            "{} were not an area to keep away from",
            home.location.district
        ),
        "distance" => "the distance limit were longer".to_string(),
        "sibling_group_size" => format!("they could take a group of {size}"),
        "solo_only" => "they could take more than one child".to_string(),
        "beds" => {
            let more = size.saturating_sub(home.beds_free);
            format!(
                "they had {more} more bed{}",
                if more == 1 { "" } else { "s" }
            )
        }
        "quality" => "they were rated above inadequate".to_string(),
        "bsl" => "someone there could sign (British Sign Language)".to_string(),
        "reg_27c_unregistered" | "unregistered_home" => {
            "they were registered with Ofsted".to_string()
        }
        "fostering_limit" => {
            "the council gave the carer an exemption from the usual fostering limit".to_string()
        }
        // A rule added later: its own words say what would have to change.
        _ => format!("this changed: {}", rule.words),
    }
}

/// Rules that no one change to the home or the plan can lawfully lift: a child under 16 is
/// never placed in supported accommodation (reg. 27A), a connected carer is approved for
/// another child, and the children already living in a home are not moved to make room.
const NO_LAWFUL_CHANGE: &[&str] = &[
    "reg_27a_under_16",
    "connected_for_another_child",
    "living_with",
    "household_risk",
];

/// For one child, the homes that fail exactly one rule, grouped by the change that would
/// open them (most homes first, then by rule and change; homes in id order).
pub fn near_misses(
    dataset: &Dataset,
    policy: &Policy,
    problem: &MatchProblem,
    child: usize,
) -> Vec<NearMiss> {
    let members: Vec<&Child> = unit_members(dataset, child)
        .into_iter()
        .map(|m| &dataset.children[m])
        .collect();
    let eligible = &problem.eligibility[child];
    let mut groups: BTreeMap<(&'static str, String), Vec<usize>> = BTreeMap::new();
    for (h, home) in dataset.homes.iter().enumerate() {
        if eligible.score_at(h).is_some() {
            continue;
        }
        if let (1, Some(rule)) = failed_rules(&members, home, policy)
            && !NO_LAWFUL_CHANGE.contains(&rule.code)
        {
            groups
                .entry((rule.code, change(rule, &members, home)))
                .or_default()
                .push(h);
        }
    }
    let mut out: Vec<NearMiss> = groups
        .into_iter()
        .map(|((rule, change), homes)| NearMiss {
            rule,
            change,
            homes,
        })
        .collect();
    out.sort_by(|a, b| {
        b.homes
            .len()
            .cmp(&a.homes.len())
            .then(a.rule.cmp(b.rule))
            .then(a.change.cmp(&b.change))
    });
    out
}
