//! Builders for small instances in tests, and a brute-force optimum to compare against.
#![allow(dead_code)]

use proptest::prelude::*;
use righthome::checker;
use righthome::io::postcodes::directory;
use righthome::model::*;
use std::collections::BTreeSet;

pub fn at(district: &str) -> Location {
    directory()
        .locate(district)
        .expect("test district is in the directory")
}

/// A 10-year-old with family in PR1, standard needs, either kind of home, not urgent.
pub fn child(id: &str) -> Child {
    Child {
        id: ChildId::from(id),
        age: 10,
        gender: Gender::Female,
        home: at("PR1"),
        school: None,
        sibling_group: None,
        sibling_plan: SiblingPlan::Together,
        complexity: 1,
        needs: BTreeSet::new(),
        placement_need: PlacementNeed::Either,
        step_down_ready: false,
        preferred_district: None,
        avoid_districts: BTreeSet::new(),
        urgency_days: 60,
        languages: Vec::new(),
        faith: None,
        arrangement: Default::default(),
    }
}

/// An in-house foster home in PR1 for 0-17 with one free bed.
pub fn home(id: &str, district: &str) -> Home {
    Home {
        id: HomeId::from(id),
        name: String::new(),
        kind: HomeKind::FosterInhouse,
        location: at(district),
        beds_free: 1,
        age_min: 0,
        age_max: 17,
        gender: GenderAccepted::Any,
        max_complexity: 4,
        accepts_needs: BTreeSet::new(),
        max_sibling_group: 1,
        solo_only: false,
        weekly_cost: 700.0,
        ofsted: Ofsted::Good,
        in_house: true,
        languages: Vec::new(),
        faith: None,
        household: Default::default(),
    }
}

/// A policy that scores distance only (score = 1 - km / 80), so optima can be worked by hand.
pub fn distance_only_policy() -> Policy {
    let mut p = Policy::default();
    for &key in Weights::keys() {
        if key != "split_penalty" {
            p.weights.set(key, 0.0);
        }
    }
    p.weights.set("distance", 1.0);
    p
}

/// The best (urgency-weighted placed, score) over every possible assignment, by enumeration:
/// each child goes to one of the homes or waits. Validity and objective come from the
/// independent checker, not the solver.
pub fn brute_force(dataset: &Dataset, policy: &Policy) -> (f64, f64) {
    brute_force_with(dataset, policy, None)
}

/// As [`brute_force`], over the assignments that place child `fixed.0` in home `fixed.1`
/// (None when no valid assignment does).
pub fn brute_force_fixed(
    dataset: &Dataset,
    policy: &Policy,
    fixed: (usize, usize),
) -> Option<(f64, f64)> {
    let best = brute_force_with(dataset, policy, Some(fixed));
    best.0.is_finite().then_some(best)
}

/// Among the assignments that place child `fixed.0` in home `fixed.1` and reach the best
/// (weighted placed, score) for that, the fewest children `moved` counts as moved from `base`.
pub fn brute_force_fewest_moved(
    dataset: &Dataset,
    policy: &Policy,
    fixed: (usize, usize),
    base: &[Option<usize>],
    moved: impl Fn(&[Option<usize>]) -> usize,
) -> Option<usize> {
    let best = brute_force_fixed(dataset, policy, fixed)?;
    let mut fewest = None;
    for_each_assignment(dataset, |placements| {
        if placements[fixed.0] != Some(fixed.1)
            || !checker::check(dataset, policy, placements).is_empty()
        {
            return;
        }
        let (w, s) = checker::objective(dataset, policy, placements);
        if (w - best.0).abs() <= 1e-9 && s >= best.1 - 1e-9 * best.1.abs().max(1.0) {
            let m = moved(placements);
            debug_assert!(base.len() == placements.len());
            fewest = Some(fewest.map_or(m, |f: usize| f.min(m)));
        }
    });
    fewest
}

/// Call `visit` with every assignment (each child in one of the homes, or waiting).
fn for_each_assignment(dataset: &Dataset, mut visit: impl FnMut(&[Option<usize>])) {
    let n = dataset.children.len();
    let options = dataset.homes.len() + 1;
    let mut choice = vec![0usize; n];
    loop {
        let placements: Vec<Option<usize>> = choice.iter().map(|&c| c.checked_sub(1)).collect();
        visit(&placements);
        let mut i = 0;
        loop {
            if i == n {
                return;
            }
            choice[i] += 1;
            if choice[i] < options {
                break;
            }
            choice[i] = 0;
            i += 1;
        }
    }
}

fn brute_force_with(
    dataset: &Dataset,
    policy: &Policy,
    fixed: Option<(usize, usize)>,
) -> (f64, f64) {
    let n = dataset.children.len();
    let options = dataset.homes.len() + 1;
    let mut choice = vec![0usize; n];
    let mut best = if fixed.is_some() {
        (f64::NEG_INFINITY, 0.0)
    } else {
        (0.0f64, 0.0f64)
    };
    loop {
        let placements: Vec<Option<usize>> = choice.iter().map(|&c| c.checked_sub(1)).collect();
        let fits = fixed.is_none_or(|(c, h)| placements[c] == Some(h));
        if fits && checker::check(dataset, policy, &placements).is_empty() {
            let (w, s) = checker::objective(dataset, policy, &placements);
            if w > best.0 + 1e-9 || ((w - best.0).abs() <= 1e-9 && s > best.1) {
                best = (w, s);
            }
        }
        // Next assignment, counting in base `options`.
        let mut i = 0;
        loop {
            if i == n {
                return best;
            }
            choice[i] += 1;
            if choice[i] < options {
                break;
            }
            choice[i] = 0;
            i += 1;
        }
    }
}

const DISTRICTS: [&str; 6] = ["PR1", "PR2", "BB1", "BB11", "LA1", "FY1"];
const TAGS: [&str; 2] = ["disability", "self_harm"];

fn tags(bits: u8) -> BTreeSet<NeedTag> {
    TAGS.iter()
        .enumerate()
        .filter(|(i, _)| bits & (1 << i) != 0)
        .map(|(_, t)| *t)
        .collect()
}

prop_compose! {
    fn arb_child()(age in 0u32..18, g in 0usize..3, d in 0usize..6, cx in 1u8..5, nt in 0u8..4,
                   need in 0usize..4, sd in any::<bool>(), urg in 0u32..60, pref in 0usize..8,
                   avoid in 0usize..10, school in 0usize..8, year in 0u32..14) -> Child {
        let mut c = child("x");
        c.age = age;
        c.gender = [Gender::Female, Gender::Male, Gender::Other][g];
        c.home = at(DISTRICTS[d]);
        c.complexity = cx;
        c.needs = tags(nt);
        c.placement_need = [PlacementNeed::Family, PlacementNeed::Residential, PlacementNeed::Either, PlacementNeed::Supported][need];
        c.step_down_ready = sd;
        c.urgency_days = urg;
        c.preferred_district = DISTRICTS.get(pref).map(|d| PostcodeDistrict(d.to_string()));
        if let Some(d) = DISTRICTS.get(avoid) { c.avoid_districts.insert(PostcodeDistrict(d.to_string())); }
        c.school = DISTRICTS.get(school).map(|d| School { location: at(d), year });
        c
    }
}

prop_compose! {
    fn arb_home()(kind in 0usize..5, d in 0usize..6, beds in 1u32..4, lo in 0u32..12, span in 4u32..18,
                  g in 0usize..4, cx in 1u8..5, nt in 0u8..4, msg in 1u32..4, solo in 0u8..5,
                  cost in 300u32..5000, of in 0usize..5, ih in any::<bool>()) -> Home {
        let mut h = home("x", DISTRICTS[d]);
        h.kind = HomeKind::ALL[kind];
        h.beds_free = beds;
        h.age_min = lo;
        h.age_max = (lo + span).min(25);
        h.gender = [GenderAccepted::Any, GenderAccepted::Any, GenderAccepted::Female, GenderAccepted::Male][g];
        h.max_complexity = cx;
        h.accepts_needs = tags(nt);
        h.max_sibling_group = msg;
        h.solo_only = solo == 0;
        h.weekly_cost = f64::from(cost);
        h.ofsted = Ofsted::ALL[of];
        h.in_house = ih;
        h
    }
}

/// A random instance: `children` children (some in sibling groups of 2-3, either plan),
/// `homes` homes, and sometimes a weekly budget.
pub fn arb_instance(
    children: std::ops::RangeInclusive<usize>,
    homes: std::ops::RangeInclusive<usize>,
) -> impl Strategy<Value = (Dataset, Policy)> {
    (
        prop::collection::vec(arb_child(), children),
        prop::collection::vec(arb_home(), homes),
        prop::collection::vec((0u8..4, any::<bool>()), 8),
        prop::option::weighted(0.2, 500.0f64..4000.0),
    )
        .prop_map(|(mut children, mut homes, grouping, budget)| {
            for (i, c) in children.iter_mut().enumerate() {
                c.id = ChildId(format!("C{i:02}"));
            }
            for (i, h) in homes.iter_mut().enumerate() {
                h.id = HomeId(format!("H{i:02}"));
            }
            // grouping[k] = (how many children from the k-th position join one group, plan).
            let mut i = 0;
            for (k, &(size, apart)) in grouping.iter().enumerate() {
                let size = size as usize;
                if size >= 2 && i + size <= children.len() {
                    for c in &mut children[i..i + size] {
                        c.sibling_group = Some(SiblingGroupId(format!("S{k}")));
                        c.sibling_plan = if apart {
                            SiblingPlan::ApartAssessed
                        } else {
                            SiblingPlan::Together
                        };
                    }
                }
                i += size.max(1);
            }
            let mut policy = Policy::default();
            policy.limits.weekly_budget_gbp = budget;
            (Dataset::new(children, homes), policy)
        })
}

pub mod assignment;

pub mod law;

/// The same instance without sibling groups, solo homes or a budget: a pure assignment.
pub fn pure_assignment(mut dataset: Dataset, mut policy: Policy) -> (Dataset, Policy) {
    for c in &mut dataset.children {
        c.sibling_group = None;
    }
    for h in &mut dataset.homes {
        h.solo_only = false;
    }
    policy.limits.weekly_budget_gbp = None;
    (dataset, policy)
}

/// Children's languages (main first) and faiths, and homes', for [`arb_culture_instance`].
const CHILD_LANGUAGES: [&[&str]; 5] = [
    &[],
    &["English"],
    &["Urdu", "English"],
    &["BSL"],
    &["bsl", "English"],
];
const HOME_LANGUAGES: [&[&str]; 4] = [&[], &["English"], &["English", "Urdu"], &["English", "BSL"]];
const FAITHS: [Option<&str>; 3] = [None, Some("Muslim"), Some("christian")];

/// As [`arb_instance`], with languages and faiths (BSL among them) and the culture weights on.
pub fn arb_culture_instance(
    children: std::ops::RangeInclusive<usize>,
    homes: std::ops::RangeInclusive<usize>,
) -> impl Strategy<Value = (Dataset, Policy)> {
    (
        arb_instance(children, homes),
        prop::collection::vec((0usize..5, 0usize..3), 6),
        prop::collection::vec((0usize..4, 0usize..3), 5),
        (0.0f64..3.0, 0.0f64..3.0),
    )
        .prop_map(
            |((mut dataset, mut policy), kids, carers, (language, faith))| {
                let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
                for (c, &(l, f)) in dataset.children.iter_mut().zip(&kids) {
                    c.languages = names(CHILD_LANGUAGES[l]);
                    c.faith = FAITHS[f].map(str::to_string);
                }
                for (h, &(l, f)) in dataset.homes.iter_mut().zip(&carers) {
                    h.languages = names(HOME_LANGUAGES[l]);
                    h.faith = FAITHS[f].map(str::to_string);
                }
                policy.weights.set("language", language);
                policy.weights.set("faith", faith);
                (dataset, policy)
            },
        )
}

pub mod cli;

pub mod web;
