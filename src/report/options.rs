//! Options outputs: options.csv and choice_summary.json for other systems, and the terminal
//! view (all children in brief, or one child in full) for managers.

use super::escape::{CsvOut, fixed};
use crate::criteria::ReasonColumn;
use crate::error::{Error, Result};
use crate::matching::MatchProblem;
use crate::model::{Dataset, Policy, SiblingPlan};
use crate::options::{
    Audience, ChildOptions, ChoiceSummary, NearMiss, explain, option_reasons, why_not_best_words,
};
use std::fmt::Write;

/// options.csv: `child_id, rank, home_id, home_name, home_kind, score, system_cost,
/// recommended, displaced_children`.
pub fn options_csv(dataset: &Dataset, options: &[ChildOptions]) -> Result<Vec<u8>> {
    let mut w = CsvOut::new();
    w.row([
        "child_id",
        "rank",
        "home_id",
        "home_name",
        "home_kind",
        "score",
        "system_cost",
        "recommended",
        "displaced_children",
        "approvals",
    ])?;
    for child in options {
        for o in &child.options {
            let home = &dataset.homes[o.home];
            let displaced: Vec<&str> = o
                .displaced
                .iter()
                .map(|&d| dataset.children[d].id.as_str())
                .collect();
            w.row([
                dataset.children[child.child].id.as_str(),
                &o.rank.to_string(),
                home.id.as_str(),
                &home.name,
                home.kind.code(),
                &fixed(o.score, 4),
                &fixed(o.system_cost, 4),
                if o.recommended { "true" } else { "false" },
                &displaced.join(";"),
                &crate::approvals::codes(&o.approvals),
            ])?;
        }
    }
    w.finish()
}

/// `choice_summary.json`: the choice summary, pretty-printed, ending in a newline.
pub fn choice_summary_json(summary: &ChoiceSummary) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(summary).map_err(|e| Error::Solver(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn ruled_out(problem: &MatchProblem, child: usize) -> String {
    let e = &problem.eligibility[child];
    let parts: Vec<String> = ReasonColumn::ALL
        .iter()
        .filter(|&&c| e.rejected_by(c) > 0)
        .map(|&c| format!("{} {}", c.words(), e.rejected_by(c)))
        .collect();
    if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join(", ")
    }
}

/// For a child with fewer than three choices: what rules the other homes out (counted
/// under the first rule each fails) and, first, the single changes that would open homes.
pub(super) fn fewer_than_three_words(
    problem: &MatchProblem,
    child: usize,
    near: &[NearMiss],
) -> String {
    let ruled = ruled_out(problem, child);
    let ruled = if ruled == "none" {
        "No other home is on today's list.".to_string()
    } else {
        format!("Homes ruled out: {ruled}.")
    };
    if near.is_empty() {
        return ruled;
    }
    let opens: Vec<String> = near.iter().take(3).map(NearMiss::words).collect();
    format!("Nearest to opening: {}. {ruled}", opens.join("; "))
}

fn choice_line(eligible: usize) -> String {
    match eligible {
        0 => "no home can take them today".to_string(),
        1 => "only 1 home can take them today".to_string(),
        2 => "only 2 homes can take them today".to_string(),
        n => format!("{n} homes can take them today"),
    }
}

/// Brothers and sisters who would live in `home` too: the whole group for a together plan;
/// for an assessed plan, those the recommended match places there (none known otherwise).
pub fn siblings_living_with(
    dataset: &Dataset,
    placements: &[Option<usize>],
    child: usize,
    home: usize,
    recommended: bool,
) -> usize {
    let c = &dataset.children[child];
    let Some(group) = &c.sibling_group else {
        return 0;
    };
    let others = dataset
        .children
        .iter()
        .enumerate()
        .filter(|(i, o)| *i != child && o.sibling_group.as_ref() == Some(group));
    match c.sibling_plan {
        crate::model::SiblingPlan::Together => others.count(),
        crate::model::SiblingPlan::ApartAssessed if recommended => {
            others.filter(|(i, _)| placements[*i] == Some(home)).count()
        }
        crate::model::SiblingPlan::ApartAssessed => 0,
    }
}

/// The terminal view. With `detail`, each option is explained in words (manager's view).
pub fn options_table(
    dataset: &Dataset,
    policy: &Policy,
    problem: &MatchProblem,
    placements: &[Option<usize>],
    options: &[ChildOptions],
    detail: bool,
) -> String {
    let mut out = String::new();
    let mut shown_groups = std::collections::BTreeSet::new();
    for child in options {
        let c = &dataset.children[child.child];
        // A sibling group living together is one choice: show it once, for the whole group.
        let together: Vec<&ChildOptions> = match (&c.sibling_group, c.sibling_plan) {
            (Some(g), SiblingPlan::Together) => {
                if !shown_groups.insert(g.clone()) {
                    continue;
                }
                options
                    .iter()
                    .filter(|o| dataset.children[o.child].sibling_group.as_ref() == Some(g))
                    .collect()
            }
            _ => vec![child],
        };
        let title = if together.len() > 1 {
            let members: Vec<String> = together
                .iter()
                .map(|o| {
                    format!(
                        "{} age {}",
                        dataset.children[o.child].id, dataset.children[o.child].age
                    )
                })
                .collect();
            let group = c.sibling_group.as_ref().map_or("", |g| g.as_str());
            format!("Sibling group {group}, together ({})", members.join(", "))
        } else {
            let group = c.sibling_group.as_ref().map_or(String::new(), |g| {
                format!(", sibling group {g}, may live apart")
            });
            format!("{} (age {}{group})", c.id, c.age)
        };
        let _ = writeln!(out, "{title}: {}", choice_line(child.eligible_homes));
        if child.eligible_homes < 3 {
            let _ = writeln!(
                out,
                "  Fewer than three choices. {}",
                fewer_than_three_words(problem, child.child, &child.near_misses)
            );
        }
        for (i, o) in child.options.iter().enumerate() {
            let home = &dataset.homes[o.home];
            // For a group, the score is the sum of the members' own scores there.
            let score: f64 = together
                .iter()
                .filter_map(|t| t.options.get(i))
                .map(|t| t.score)
                .sum();
            let note = if o.recommended {
                "recommended".to_string()
            } else {
                let displaced: Vec<&str> = o
                    .displaced
                    .iter()
                    .map(|&d| dataset.children[d].id.as_str())
                    .collect();
                let moves = if displaced.is_empty() {
                    String::new()
                } else {
                    format!("; moves {}", displaced.join(", "))
                };
                format!("system cost {:.2}{moves}", o.system_cost)
            };
            let kind = format!("{} ({})", home.kind.words(), home.location.district);
            let _ = writeln!(
                out,
                "  {}. {:<6} {:<44} score {:>5.2}  {note}",
                o.rank,
                home.id.as_str(),
                kind,
                score
            );
            if !home.name.is_empty() {
                let _ = writeln!(out, "       {}", home.name);
            }
            if let Some(why) = &o.why_not_best {
                let _ = writeln!(
                    out,
                    "       {}",
                    why_not_best_words(dataset, child.child, why, o.score).0
                );
            }
            if detail {
                let siblings_with =
                    siblings_living_with(dataset, placements, child.child, o.home, o.recommended);
                for line in explain(c, home, policy, siblings_with, Audience::Manager) {
                    let _ = writeln!(out, "       {line}");
                }
                for line in option_reasons(
                    dataset,
                    policy,
                    child.child,
                    o.home,
                    siblings_with,
                    Audience::Manager,
                ) {
                    let _ = writeln!(out, "       {line}");
                }
            }
        }
    }
    out
}
