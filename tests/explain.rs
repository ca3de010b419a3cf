//! Explanations that explain, checked against what they explain: reasons name the components
//! that really make up the option's score; a recommended home that is not the child's best
//! names what it protects, as the brute-force re-solve finds it; near misses are exactly the
//! homes one change would open (found by applying each change); the budget is named for the
//! children it alone keeps from a home with room.

mod common;

use proptest::prelude::*;
use righthome::checker;
use righthome::criteria::{self, components};
use righthome::matching;
use righthome::model::*;
use righthome::options::{
    Audience, breakdown, build_options, option_reasons, top_components, why_not_best_words,
};
use righthome::report::MatchOutcome;
use righthome::solver::SolveOptions;

/// The children considered together for a home (the group for a together plan).
fn unit(dataset: &Dataset, c: usize) -> Vec<usize> {
    let child = &dataset.children[c];
    match (&child.sibling_group, child.sibling_plan) {
        (Some(g), SiblingPlan::Together) => (0..dataset.children.len())
            .filter(|&o| dataset.children[o].sibling_group.as_ref() == Some(g))
            .collect(),
        _ => vec![c],
    }
}

type Fix = fn(&mut Vec<Child>, &mut Home, &mut Policy);

/// Each rule with the one change that satisfies it and touches no other rule.
const FIXES: &[(&str, Fix)] = &[
    ("age", |_, h, _| (h.age_min, h.age_max) = (0, 25)),
    ("gender", |_, h, _| h.gender = GenderAccepted::Any),
    ("complexity", |_, h, _| h.max_complexity = u8::MAX),
    ("need_tags", |m, h, _| {
        for c in m.iter() {
            h.accepts_needs.extend(c.needs.iter().copied());
        }
    }),
    ("avoid_area", |m, _, _| {
        for c in m.iter_mut() {
            c.avoid_districts.clear();
        }
    }),
    ("distance", |_, _, p| p.limits.max_distance_km = 1e9),
    ("sibling_group_size", |_, h, _| h.max_sibling_group = 99),
    ("solo_only", |_, h, _| h.solo_only = false),
    ("beds", |_, h, _| h.beds_free = 99),
    ("quality", |_, _, p| p.limits.allow_inadequate = true),
    ("bsl", |_, h, _| h.languages.push("BSL".into())),
    ("reg_27c_unregistered", |_, h, _| {
        h.household.registered = true
    }),
    ("unregistered_home", |_, h, _| h.household.registered = true),
    ("fostering_limit", |_, h, _| {
        h.household.fostering_exemption = true
    }),
];

/// Does the one change for `rule` open `home` to the unit?
fn opens(dataset: &Dataset, policy: &Policy, members: &[usize], home: usize, rule: &str) -> bool {
    let try_with = |fix: &dyn Fn(&mut Vec<Child>, &mut Home, &mut Policy)| {
        let mut m: Vec<Child> = members
            .iter()
            .map(|&i| dataset.children[i].clone())
            .collect();
        let (mut h, mut p) = (dataset.homes[home].clone(), policy.clone());
        fix(&mut m, &mut h, &mut p);
        let refs: Vec<&Child> = m.iter().collect();
        criteria::evaluate(&refs, &h, &p).is_ok()
    };
    if rule == "placement_type" {
        // The care plan's kind of home: any plan at all that fits.
        let needs = [
            PlacementNeed::Family,
            PlacementNeed::Residential,
            PlacementNeed::Either,
            PlacementNeed::Supported,
        ];
        return needs.iter().any(|&need| {
            [false, true].iter().any(|&sd| {
                try_with(&|m: &mut Vec<Child>, _: &mut Home, _: &mut Policy| {
                    for c in m.iter_mut() {
                        c.placement_need = need;
                        c.step_down_ready = sd;
                    }
                })
            })
        });
    }
    let fix = FIXES.iter().find(|f| f.0 == rule).expect("a fix").1;
    try_with(&fix)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn near_misses_are_the_homes_one_change_opens((dataset, policy) in common::arb_instance(1..=4, 1..=6)) {
        let opts = SolveOptions::default();
        let (problem, result) = matching::run(&dataset, &policy, &opts).expect("solves");
        let built = build_options(&dataset, &policy, &problem, &result, 3, None, &opts).expect("options");
        let rules: Vec<&str> = FIXES.iter().map(|f| f.0).chain(["placement_type"]).collect();
        for child in &built {
            let members = unit(&dataset, child.child);
            for h in 0..dataset.homes.len() {
                let listed: Vec<&str> = child.near_misses.iter()
                    .filter(|m| m.homes.contains(&h)).map(|m| m.rule).collect();
                if problem.eligibility[child.child].score_at(h).is_some() {
                    prop_assert!(listed.is_empty(), "an eligible home is no near miss");
                    continue;
                }
                let opened: Vec<&str> = rules.iter().copied()
                    .filter(|r| opens(&dataset, &policy, &members, h, r)).collect();
                prop_assert_eq!(&listed, &opened, "child {} home {}", child.child, h);
            }
        }
    }

    #[test]
    fn reasons_name_the_real_components_and_why_not_best_names_what_it_protects(
        (dataset, policy) in common::arb_instance(1..=5, 1..=4)
    ) {
        let opts = SolveOptions::default();
        let (problem, result) = matching::run(&dataset, &policy, &opts).expect("solves");
        let built = build_options(&dataset, &policy, &problem, &result, 5, None, &opts).expect("options");
        let keys: Vec<&str> = components().iter().map(|c| c.key).collect();
        for child in &built {
            let c = child.child;
            for o in &child.options {
                let score = breakdown(&dataset, &policy, c, o.home).expect("eligible");
                prop_assert!((score.total() - o.score).abs() < 1e-9, "the breakdown is the option's score");
                let top: Vec<&str> = top_components(&score, 3).iter().map(|&(i, _)| keys[i]).collect();
                let said: Vec<&str> = option_reasons(&dataset, &policy, c, o.home, 0, Audience::Manager)
                    .iter()
                    .filter_map(|l| l.rsplit_once(" for ").map(|(_, k)| k.trim_end_matches(')')))
                    .filter(|k| keys.contains(k))
                    .map(|k| keys[keys.iter().position(|x| x == &k).expect("key")])
                    .collect();
                prop_assert_eq!(&said, &top, "reasons are the top components");
                for &(i, points) in &top_components(&score, 3) {
                    prop_assert!(points > 0.0 && (score.at(i) - points).abs() < 1e-12);
                }
            }
            let Some(rec) = child.options.first().filter(|o| o.recommended) else { continue };
            let best = problem.eligibility[c].eligible.iter()
                .filter(|e| e.0 != rec.home)
                .fold(None::<(usize, f64)>, |b, &(h, s)| match b { Some((_, bs)) if bs >= s => b, _ => Some((h, s)) });
            match best {
                Some((h, s)) if s > rec.score + 1e-9 => {
                    let why = rec.why_not_best.as_ref().expect("a reason when not the best");
                    prop_assert_eq!(why.home, h);
                    let fixed = common::brute_force_fixed(&dataset, &policy, (c, h));
                    prop_assert_eq!(why.possible, fixed.is_some(), "possible as brute force finds");
                    let (words, young) = why_not_best_words(&dataset, c, why, rec.score);
                    prop_assert!(!young.contains(dataset.homes[h].id.as_str()));
                    for &d in why.protects.iter().chain(&why.left_waiting) {
                        prop_assert!(words.contains(dataset.children[d].id.as_str()), "{}", words);
                    }
                    let group = dataset.children[c].sibling_group.as_ref()
                        .is_some_and(|g| words.contains(&format!("sibling group {g}")));
                    prop_assert!(!why.possible || !why.protects.is_empty() || group,
                        "names the child, the group or the placement it protects: {}", words);
                }
                _ => prop_assert!(rec.why_not_best.is_none()),
            }
        }
    }

    #[test]
    fn the_budget_is_named_for_the_children_it_alone_keeps_waiting(
        (dataset, mut policy) in common::arb_instance(1..=5, 1..=4), budget in 300.0f64..3000.0
    ) {
        policy.limits.weekly_budget_gbp = Some(budget);
        let opts = SolveOptions::default();
        let (problem, result) = matching::run(&dataset, &policy, &opts).expect("solves");
        let outcome = MatchOutcome::new(&dataset, &policy, &problem, &result);
        let mut free = policy.clone();
        free.limits.weekly_budget_gbp = None;
        let b = outcome.summary.budget.as_ref().expect("the budget is in the summary");
        prop_assert_eq!(b.binds, outcome.rejected_by_budget.iter().any(|&n| n > 0));
        if b.binds {
            // Brute force: without the budget, more children (urgency-weighted) can be placed.
            let with = common::brute_force(&dataset, &policy);
            let without = common::brute_force(&dataset, &free);
            prop_assert!(without.0 > with.0 + 1e-9);
        }
        for c in 0..dataset.children.len() {
            let n = outcome.rejected_by_budget[c] as usize;
            if result.placements[c].is_some() {
                prop_assert_eq!(n, 0);
                continue;
            }
            // Each home counted takes the child's unit on top of today's match without the
            // budget, and breaks it with the budget; no other home does.
            let members = unit(&dataset, c);
            let mut count = 0;
            for h in 0..dataset.homes.len() {
                let mut p = result.placements.clone();
                for &m in &members { p[m] = Some(h); }
                let fits_without = checker::check(&dataset, &free, &p).is_empty();
                let fits_with = checker::check(&dataset, &policy, &p).is_empty();
                if fits_without && !fits_with { count += 1; }
            }
            prop_assert_eq!(n, count, "child {}", c);
        }
    }
}

#[test]
fn options_json_is_written_and_printed_and_max_options_means_what_it_says() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("o");
    let printed = common::cli::righthome()
        .args([
            "options",
            "--data",
            "tests/fixtures/small",
            "--format",
            "json",
            "--out",
        ])
        .arg(&out)
        .output()
        .expect("runs");
    assert!(printed.status.success());
    let file = std::fs::read(out.join("options.json")).expect("options.json");
    assert_eq!(printed.stdout, file, "--format json prints options.json");
    let json: serde_json::Value = serde_json::from_slice(&file).expect("json");
    let children = json["children"].as_array().expect("children");
    assert_eq!(children.len(), 4);
    for child in children {
        for o in child["options"].as_array().expect("options") {
            for field in [
                "rank",
                "home_id",
                "home_name",
                "home_kind",
                "score",
                "system_cost",
                "displaced_children",
                "breakdown",
                "reasons",
                "drawbacks",
            ] {
                assert!(o.get(field).is_some(), "{field}");
            }
            let sum: f64 = o["breakdown"]
                .as_array()
                .expect("breakdown")
                .iter()
                .map(|c| c["points"].as_f64().expect("points"))
                .sum();
            assert!(
                (sum - o["score"].as_f64().expect("score")).abs() < 1e-3,
                "breakdown adds up"
            );
            assert!(
                !o["reasons"]["young_person"]
                    .as_array()
                    .expect("words")
                    .is_empty()
            );
        }
    }
    let one = common::cli::righthome()
        .args([
            "options",
            "--data",
            "tests/fixtures/small",
            "--max-options",
            "1",
            "--format",
            "csv",
        ])
        .output()
        .expect("runs");
    assert!(one.status.success());
    let text = String::from_utf8(one.stdout).expect("utf-8");
    let mut rows: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or(""))
        .collect();
    let n = rows.len();
    rows.dedup();
    assert_eq!(rows.len(), n, "one option per child with --max-options 1");
    let zero = common::cli::righthome()
        .args([
            "options",
            "--data",
            "tests/fixtures/small",
            "--max-options",
            "0",
        ])
        .output()
        .expect("runs");
    assert_eq!(zero.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&zero.stderr).contains("at least 1"));
}
