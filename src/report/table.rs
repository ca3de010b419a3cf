//! The terminal table for a person at a keyboard: the headline, then each sibling group and
//! each child, in words.

use super::MatchOutcome;
use crate::criteria::ReasonColumn;
use std::fmt::Write;

fn pct(x: Option<f64>) -> String {
    x.map_or("n/a".to_string(), |v| format!("{v:.0}%"))
}

/// Whole pounds with thousands separators: £64,643.
pub fn pounds(x: f64) -> String {
    let digits = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    format!("{}£{out}", if x < 0.0 { "-" } else { "" })
}

fn km(x: Option<f64>) -> String {
    x.map_or(String::new(), |v| format!("{v:.1} km"))
}

/// The terminal table `righthome match` prints: the headline measures, then a row per child
/// (sibling groups together under a line saying where they live) with the reasons for any
/// child not placed.
pub fn match_table(outcome: &MatchOutcome) -> String {
    let d = outcome.dataset;
    let s = &outcome.summary;
    let mut out = String::new();
    let status = if s.status == "optimal" {
        "best possible match"
    } else {
        "best match found in the time allowed (not proven best)"
    };
    let _ = writeln!(
        out,
        "Placed {} of {} children ({status}); {} wait.",
        s.placed, s.children, s.unplaced
    );
    let _ = writeln!(
        out,
        "Within 20 miles of home: {}. Brothers and sisters together: {}. Able to keep their school: {}. Weekly cost: {}.",
        pct(s.pct_within_20_miles),
        pct(s.pct_siblings_together),
        pct(s.pct_school_within_limit),
        pounds(s.total_weekly_cost)
    );
    if let Some(b) = &s.budget {
        let _ = writeln!(out, "{}", budget_line(outcome, b));
    }
    let council = crate::approvals::council_name(outcome.policy);
    for flag in crate::approvals::Flag::ALL {
        let n = s.approvals.get(flag.code()).copied().unwrap_or(0);
        if n > 0 {
            let words = flag.words(council);
            let mut chars = words.chars();
            let first = chars.next().map(|c| c.to_uppercase().to_string());
            let plural = if n == 1 { "placement" } else { "placements" };
            let _ = writeln!(
                out,
                "{}{}: {n} {plural}.",
                first.unwrap_or_default(),
                chars.as_str()
            );
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:<10} {:>3}  {:<8} {:<44} {:>9} {:>10} {:>6}",
        "child", "age", "home", "kind", "from home", "to school", "score"
    );

    let groups = d.sibling_groups();
    let mut shown = vec![false; d.children.len()];
    for o in &outcome.children {
        if shown[o.child] {
            continue;
        }
        let child = &d.children[o.child];
        let members: Vec<usize> = match &child.sibling_group {
            Some(g) => groups
                .iter()
                .find(|x| &x.id == g)
                .map_or(vec![o.child], |x| x.members.clone()),
            None => vec![o.child],
        };
        if members.len() > 1 {
            let homes: Vec<Option<usize>> =
                members.iter().map(|&m| outcome.children[m].home).collect();
            let state = match homes[0] {
                Some(h) if homes.iter().all(|&x| x == Some(h)) => {
                    format!("together at {}", d.homes[h].id)
                }
                None if homes.iter().all(Option::is_none) => "waiting together".to_string(),
                _ => "living apart (assessed plan)".to_string(),
            };
            let ids: Vec<&str> = members.iter().map(|&m| d.children[m].id.as_str()).collect();
            let group = child.sibling_group.as_ref().map_or("", |g| g.as_str());
            let _ = writeln!(out, "Sibling group {group} ({}): {state}", ids.join(", "));
        }
        for &m in &members {
            shown[m] = true;
            let o = &outcome.children[m];
            let c = &d.children[m];
            let indent = if members.len() > 1 { "  " } else { "" };
            match o.home {
                Some(h) => {
                    let home = &d.homes[h];
                    let _ = writeln!(
                        out,
                        "{:<10} {:>3}  {:<8} {:<44} {:>9} {:>10} {:>6.2}",
                        format!("{indent}{}", c.id),
                        c.age,
                        home.id.as_str(),
                        format!("{} ({})", home.kind.words(), home.location.district),
                        km(o.distance_km),
                        km(o.school_km),
                        o.score.unwrap_or(0.0)
                    );
                }
                None => {
                    let e = &outcome.problem.eligibility[m];
                    let reasons: Vec<String> = ReasonColumn::ALL
                        .iter()
                        .filter(|&&col| e.rejected_by(col) > 0)
                        .map(|&col| format!("{} {}", col.words(), e.rejected_by(col)))
                        .collect();
                    let could = not_placed_words(outcome, m);
                    let _ = writeln!(
                        out,
                        "{:<10} {:>3}  not placed today: {could}; ruled out: {}",
                        format!("{indent}{}", c.id),
                        c.age,
                        reasons.join(", ")
                    );
                }
            }
        }
    }
    out
}

/// Why child `m` (not placed today) has no bed, in words: needed later than
/// `match_within_days`, the weekly budget, or how many homes could take them (the table and
/// the web app's Today page say the same).
pub fn not_placed_words(outcome: &MatchOutcome, m: usize) -> String {
    let e = &outcome.problem.eligibility[m];
    let c = &outcome.dataset.children[m];
    let deferred = outcome.problem.deferred.get(m).copied().unwrap_or(false);
    let by_budget = outcome.rejected_by_budget[m];
    match e.eligible.len() {
        _ if deferred => format!(
            "needed in {} days, after the next {}: no bed today (options provisional)",
            c.urgency_days, outcome.policy.limits.match_within_days
        ),
        _ if by_budget > 0 => format!(
            "the weekly budget: {} with room could take them",
            homes(by_budget as usize)
        ),
        0 => "no home could take them".to_string(),
        1 => "1 home could take them, needed for another child".to_string(),
        n => format!("{n} homes could take them, all needed for other children"),
    }
}

fn homes(n: usize) -> String {
    if n == 1 {
        "1 home".to_string()
    } else {
        format!("{n} homes")
    }
}

/// The budget named: what it is, what is spent, and whom it leaves waiting.
pub(super) fn budget_line(outcome: &MatchOutcome, b: &super::BudgetSummary) -> String {
    let head = format!(
        "Weekly budget {}: {} spent.",
        pounds(b.weekly_budget_gbp),
        pounds(b.spent_gbp)
    );
    if !b.binds {
        return format!("{head} The budget leaves nobody waiting who a home with room could take.");
    }
    let ids: Vec<&str> = outcome
        .rejected_by_budget
        .iter()
        .enumerate()
        .filter(|&(_, &n)| n > 0)
        .map(|(c, _)| outcome.dataset.children[c].id.as_str())
        .collect();
    format!(
        "{head} The budget leaves {} waiting although a home with room could take them: {}.",
        if ids.len() == 1 {
            "1 child".to_string()
        } else {
            format!("{} children", ids.len())
        },
        ids.join(", ")
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn pounds_have_thousands_separators() {
        assert_eq!(super::pounds(64643.4), "£64,643");
        assert_eq!(super::pounds(999.0), "£999");
        assert_eq!(super::pounds(1_234_567.0), "£1,234,567");
        assert_eq!(super::pounds(0.0), "£0");
    }
}
