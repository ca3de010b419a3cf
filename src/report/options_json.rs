//! options.json: every child's options with everything a case system or a dashboard needs to
//! explain them: rank, home (id, name, kind), the score breakdown, the reasons in words for
//! both readers, drawbacks, system cost, displaced children, why the recommended home is not
//! the child's best, and the near misses.

use super::options::siblings_living_with;
use crate::criteria::components;
use crate::error::{Error, Result};
use crate::model::Dataset;
use crate::model::Policy;
use crate::options::{
    Audience, ChildOptions, breakdown, drawbacks, option_reasons, why_not_best_words,
};
use serde::Serialize;

#[derive(Serialize)]
struct File<'a> {
    children: Vec<ChildJson<'a>>,
}

#[derive(Serialize)]
struct ChildJson<'a> {
    child_id: &'a str,
    sibling_group: Option<&'a str>,
    eligible_homes: usize,
    fewer_than_three: bool,
    options: Vec<OptionJson<'a>>,
    near_misses: Vec<NearMissJson<'a>>,
}

#[derive(Serialize)]
struct Component {
    component: &'static str,
    points: f64,
}

#[derive(Serialize)]
struct Reasons {
    young_person: Vec<String>,
    manager: Vec<String>,
}

#[derive(Serialize)]
struct WhyNotBestJson<'a> {
    best_home_id: &'a str,
    best_score: f64,
    possible: bool,
    protects: Vec<&'a str>,
    left_waiting: Vec<&'a str>,
    system_cost: f64,
    manager: String,
    young_person: String,
}

#[derive(Serialize)]
struct OptionJson<'a> {
    rank: usize,
    home_id: &'a str,
    home_name: &'a str,
    home_kind: &'static str,
    recommended: bool,
    score: f64,
    system_cost: f64,
    displaced_children: Vec<&'a str>,
    left_waiting: Vec<&'a str>,
    breakdown: Vec<Component>,
    reasons: Reasons,
    drawbacks: Vec<&'static str>,
    why_not_best: Option<WhyNotBestJson<'a>>,
    /// Approvals the placement needs (matches.csv's `approvals` codes).
    approvals: Vec<&'static str>,
}

#[derive(Serialize)]
struct NearMissJson<'a> {
    rule: &'static str,
    change: &'a str,
    words: String,
    home_ids: Vec<&'a str>,
}

fn round4(x: f64) -> f64 {
    let r = (x * 10_000.0).round() / 10_000.0;
    if r == 0.0 { 0.0 } else { r }
}

/// options.json, pretty-printed, ending in a newline (same input, same bytes).
pub fn options_json(
    dataset: &Dataset,
    policy: &Policy,
    placements: &[Option<usize>],
    options: &[ChildOptions],
) -> Result<Vec<u8>> {
    let ids = |list: &[usize]| -> Vec<&str> {
        list.iter()
            .map(|&d| dataset.children[d].id.as_str())
            .collect()
    };
    let children = options
        .iter()
        .map(|child| {
            let c = child.child;
            let person = &dataset.children[c];
            let options = child
                .options
                .iter()
                .map(|o| {
                    let home = &dataset.homes[o.home];
                    let with = siblings_living_with(dataset, placements, c, o.home, o.recommended);
                    let score = breakdown(dataset, policy, c, o.home).unwrap_or_default();
                    let breakdown = components()
                        .iter()
                        .enumerate()
                        .map(|(i, comp)| Component {
                            component: comp.key,
                            points: round4(score.at(i)),
                        })
                        .collect();
                    let reasons = |a| option_reasons(dataset, policy, c, o.home, with, a);
                    let why_not_best = o.why_not_best.as_ref().map(|w| {
                        let (manager, young_person) = why_not_best_words(dataset, c, w, o.score);
                        WhyNotBestJson {
                            best_home_id: dataset.homes[w.home].id.as_str(),
                            best_score: round4(w.score),
                            possible: w.possible,
                            protects: ids(&w.protects),
                            left_waiting: ids(&w.left_waiting),
                            system_cost: round4(w.system_cost),
                            manager,
                            young_person,
                        }
                    });
                    OptionJson {
                        rank: o.rank,
                        home_id: home.id.as_str(),
                        home_name: &home.name,
                        home_kind: home.kind.code(),
                        recommended: o.recommended,
                        score: round4(o.score),
                        system_cost: round4(o.system_cost),
                        displaced_children: ids(&o.displaced),
                        left_waiting: ids(&o.left_waiting),
                        breakdown,
                        reasons: Reasons {
                            young_person: reasons(Audience::YoungPerson),
                            manager: reasons(Audience::Manager),
                        },
                        drawbacks: drawbacks(dataset, policy, c, o.home, with)
                            .iter()
                            .map(|d| d.code())
                            .collect(),
                        why_not_best,
                        approvals: o.approvals.iter().map(|f| f.code()).collect(),
                    }
                })
                .collect();
            ChildJson {
                child_id: person.id.as_str(),
                sibling_group: person.sibling_group.as_ref().map(|g| g.as_str()),
                eligible_homes: child.eligible_homes,
                fewer_than_three: child.eligible_homes < 3,
                options,
                near_misses: child
                    .near_misses
                    .iter()
                    .map(|m| NearMissJson {
                        rule: m.rule,
                        change: &m.change,
                        words: m.words(),
                        home_ids: m
                            .homes
                            .iter()
                            .map(|&h| dataset.homes[h].id.as_str())
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect();
    let mut bytes =
        serde_json::to_vec_pretty(&File { children }).map_err(|e| Error::Solver(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}
