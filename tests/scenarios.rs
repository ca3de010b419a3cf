//! Scenarios: a hand-checked 3-week toy, the edge cases (no referrals, no supply), monotone
//! response to added homes under common random numbers, and byte-identical outputs for any
//! thread count.

use assert_cmd::Command;
use righthome::scenario::{self, ScenarioResult};
use std::path::Path;

fn run(path: &str, edit: impl FnOnce(&mut scenario::LoadedScenario)) -> ScenarioResult {
    let mut s = scenario::load(Path::new(path)).expect("scenario loads");
    edit(&mut s);
    scenario::run_scenario(&s, &indicatif::ProgressBar::hidden()).expect("runs")
}

fn mean(r: &ScenarioResult, key: &str) -> f64 {
    r.metric(key).map_or(f64::NAN, |i| i.mean)
}

#[test]
fn the_toy_scenario_matches_the_hand_worked_answer() {
    let r = run("tests/fixtures/scenarios/toy.toml", |_| {});
    for rep in &r.replications {
        let m = |k: &str| rep.metrics[k];
        assert_eq!(m("referrals"), 4.0);
        // C1, C2, C4 placed in week 1; C3 placed, then back on the list when H2 closes.
        assert!((m("placed_within_7_days_pct") - 75.0).abs() < 1e-9);
        assert_eq!(rep.weekly_waiting, vec![0.0, 1.0, 1.0]);
        assert_eq!(rep.weekly_placed, vec![4.0, 0.0, 0.0]);
        // C3 is re-referred with 7 days' urgency: past it in week 3 only.
        assert_eq!(m("unmet_need_weeks"), 1.0);
        assert!((m("within_20_miles_pct") - 100.0).abs() < 1e-9);
        assert!((m("siblings_together_pct") - 100.0).abs() < 1e-9);
        assert!((m("kept_school_pct") - 100.0).abs() < 1e-9);
        // Homes that could take each child when first matched: C1 1, C2 1, C3 1, C4 2.
        assert_eq!(m("three_plus_choices_pct"), 0.0);
        assert!((m("family_share_pct") - 200.0 / 3.0).abs() < 1e-9);
        // Weekly cost: 650 x 2 + 4200 + 1500 in week 1, then 650 x 2 + 1500 and C3 waiting,
        // costed at the default residential spot price (6249), twice.
        let later = 2800.0 + 6249.0;
        assert!((m("weekly_cost_gbp") - (7000.0 + 2.0 * later) / 3.0).abs() < 1e-6);
        assert!((m("annual_cost_gbp") - (7000.0 + 2.0 * later) * 52.0 / 3.0).abs() < 1e-6);
        // Nobody leaves care: 4 entries, 4 in care at the end.
        assert_eq!(
            (m("entries"), m("exits"), m("children_in_care_end")),
            (4.0, 0.0, 4.0)
        );
        let gap: Vec<_> = rep.gap.iter().collect();
        assert_eq!(gap.len(), 1);
        assert_eq!(
            gap[0].0,
            &(
                "Burnley".to_string(),
                "residential".to_string(),
                "13-15".to_string()
            )
        );
    }
}

#[test]
fn with_no_referrals_nothing_changes() {
    let r = run("tests/fixtures/scenarios/referral/baseline.toml", |s| {
        s.scenario.demand.referrals_per_week = 0.0;
        s.scenario.demand.start_with_base_referrals = false;
        s.scenario.supply.children_in_childrens_homes = 0;
        s.scenario.run.replications = 3;
        s.scenario.run.horizon_weeks = 8;
    });
    for rep in &r.replications {
        assert_eq!(rep.metrics["referrals"], 0.0);
        assert!(
            rep.weekly_waiting
                .iter()
                .chain(&rep.weekly_placed)
                .all(|&x| x == 0.0)
        );
        assert_eq!(rep.metrics["weekly_cost_gbp"], 0.0);
        assert!(rep.gap.is_empty());
    }
}

#[test]
fn with_no_supply_nobody_is_placed() {
    let r = run("tests/fixtures/scenarios/referral/baseline.toml", |s| {
        s.scenario.supply.vacancies_per_week = 0.0;
        s.scenario.supply.remove = [
            "foster_inhouse",
            "foster_agency",
            "foster_enhanced",
            "childrens_home",
            "supported_16plus",
        ]
        .map(|k| scenario::RemoveHomes {
            home_id: None,
            kind: Some(k.into()),
            district: None,
            count: None,
            from_week: 0,
        })
        .to_vec();
        s.scenario.run.replications = 3;
        s.scenario.run.horizon_weeks = 8;
    });
    for rep in &r.replications {
        assert!(rep.metrics["referrals"] > 0.0);
        assert!(rep.weekly_placed.iter().all(|&x| x == 0.0));
        assert_eq!(rep.metrics["placed_within_28_days_pct"], 0.0);
    }
}

#[test]
fn adding_homes_never_lowers_placements_within_28_days() {
    let short = |s: &mut scenario::LoadedScenario| {
        s.scenario.run.replications = 12;
        s.scenario.run.horizon_weeks = 26;
    };
    let base = run("tests/fixtures/scenarios/referral/baseline.toml", short);
    let more = run(
        "tests/fixtures/scenarios/referral/recruit-teen-carers.toml",
        short,
    );
    // Common random numbers: the same referrals arrive in both.
    assert_eq!(mean(&base, "referrals"), mean(&more, "referrals"));
    assert!(mean(&more, "placed_within_28_days_pct") >= mean(&base, "placed_within_28_days_pct"));
    assert!(mean(&more, "waiting_mean") <= mean(&base, "waiting_mean"));
}

#[test]
fn scenario_files_are_byte_identical_with_one_and_two_threads() {
    let files = |threads: &str| {
        let dir = tempfile::tempdir().expect("temp dir");
        Command::cargo_bin("righthome")
            .expect("bin")
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "scenario",
                "compare",
                "tests/fixtures/scenarios/referral/baseline.toml",
                "tests/fixtures/scenarios/referral/step-down-drive.toml",
                "--replications",
                "4",
                "--out",
            ])
            .arg(dir.path())
            .assert()
            .success();
        ["summary.csv", "summary.json", "gap.csv", "weekly.csv"]
            .map(|n| std::fs::read(dir.path().join(n)).expect("written"))
    };
    assert!(files("1") == files("2"));
}

#[test]
fn bad_scenario_values_name_the_key_and_line() {
    let text =
        "base = \"../data/lancashire\"\n[run]\nreplications = 0\n[demand]\nreferals_per_week = 3\n";
    let err = scenario::parse(text, "s.toml").expect_err("unknown key");
    assert!(
        err.to_string().contains("s.toml:5") && err.to_string().contains("referals_per_week"),
        "{err}"
    );
    let err = scenario::parse("base = \"x\"\n[run]\nreplications = 0\n", "s.toml")
        .expect_err("zero replications");
    assert!(
        err.to_string()
            .contains("s.toml:3: key 'run.replications': value '0'"),
        "{err}"
    );
}

#[test]
fn paired_differences_in_summary_csv_are_the_per_replication_differences() {
    let short = short(8, 12);
    let base = run("tests/fixtures/scenarios/referral/baseline.toml", &short);
    let more = run(
        "tests/fixtures/scenarios/referral/recruit-teen-carers.toml",
        &short,
    );
    let files = scenario::scenario_files(&[base, more]).expect("files");
    let csv = String::from_utf8(files[0].1.clone()).expect("utf-8");
    let (base, more) = (
        run("tests/fixtures/scenarios/referral/baseline.toml", &short),
        run(
            "tests/fixtures/scenarios/referral/recruit-teen-carers.toml",
            &short,
        ),
    );
    for key in [
        "waiting_mean",
        "annual_cost_gbp",
        "placed_within_28_days_pct",
    ] {
        // Direct: replication i minus replication i, sorted, nearest-rank 5th and 95th.
        let mut d: Vec<f64> = base
            .replications
            .iter()
            .zip(&more.replications)
            .map(|(b, m)| m.metrics[key] - b.metrics[key])
            .collect();
        d.sort_by(f64::total_cmp);
        let mean = d.iter().sum::<f64>() / d.len() as f64;
        let (p5, p95) = (d[0], d[d.len() - 1]); // 8 values: ranks 1 and 8
        let row = format!("{},diff:{key},{mean:.2},{p5:.2},{p95:.2}", more.name);
        assert!(csv.lines().any(|l| l == row), "{row} not in summary.csv");
        let interval = scenario::paired(&base, &more, key).expect("pairs");
        assert_eq!(scenario::is_real(&interval), p5 > 0.0 || p95 < 0.0);
    }
    // The baseline has no diff rows.
    assert!(
        !csv.lines()
            .any(|l| l.starts_with(&format!("{},diff:", base.name)))
    );
}

#[test]
fn a_spot_placement_and_a_step_down_worked_by_hand() {
    let r = run("tests/fixtures/scenarios/toy_spot.toml", |_| {});
    for rep in &r.replications {
        let m = |k: &str| rep.metrics[k];
        // Week 1: SD-000 is already in H2 (4200), ready to step down. C1 and C2 go to H1
        // (650 each), C4 to H3 (1500); C3 (complexity 4) fits no home now that H2 takes 3 at
        // most: past their 3 days' urgency, to a residential spot placement (6000). Nothing
        // frees for SD-000, who stays in H2. Week 2: the new enhanced foster home (900) opens;
        // SD-000 steps down to it, ending H2's fee. Week 3: nothing changes.
        let (w1, w2) = (
            1300.0 + 1500.0 + 6000.0 + 4200.0,
            1300.0 + 1500.0 + 6000.0 + 900.0,
        );
        assert_eq!(m("weekly_cost_gbp"), (w1 + 2.0 * w2) / 3.0);
        assert_eq!(m("annual_cost_gbp"), (w1 + 2.0 * w2) * 52.0 / 3.0);
        assert_eq!(rep.weekly_placed, vec![3.0, 1.0, 0.0]);
        assert_eq!(rep.weekly_waiting, vec![0.0, 0.0, 0.0]);
        // Every child counted: 1 at the start + 4 entries - 0 exits = 5 at the end.
        assert_eq!(m("children_in_care_start"), 1.0);
        assert_eq!(m("entries"), 4.0);
        assert_eq!(m("exits"), 0.0);
        assert_eq!(m("children_in_care_end"), 5.0);
        assert_eq!(m("emergency_placements"), 1.0);
        assert_eq!(m("unmet_need_weeks"), 1.0);
        // In children's homes: SD-000 and C3's residential spot in week 1, C3 after.
        assert_eq!(m("residential_placements_mean"), 4.0 / 3.0);
        // Referral measures are over the 4 entries: C1, C2, C4 placed in week 1; C3's spot
        // counts as placed far away (out of county), not as placed in a home.
        assert_eq!(m("placed_within_7_days_pct"), 75.0);
        assert_eq!(m("within_20_miles_pct"), 75.0);
        assert!((m("kept_school_pct") - 200.0 / 3.0).abs() < 1e-9);
        assert!((m("family_share_pct") - 200.0 / 3.0).abs() < 1e-9);
        assert_eq!(m("residential_share_pct"), 0.0);
        assert_eq!(
            m("entries_13_15") + m("entries_16_17") + m("entries_5_9"),
            4.0
        );
    }
}

fn short(reps: u32, weeks: u32) -> impl Fn(&mut scenario::LoadedScenario) {
    move |s| {
        s.scenario.run.replications = reps;
        s.scenario.run.horizon_weeks = weeks;
    }
}

#[test]
fn every_child_is_counted_in_every_replication() {
    for file in [
        "tests/fixtures/scenarios/referral/baseline.toml",
        "tests/fixtures/scenarios/referral/childrens-home-closure.toml",
    ] {
        let r = run(file, short(6, 26));
        for rep in &r.replications {
            let m = |k: &str| rep.metrics[k];
            assert_eq!(
                m("children_in_care_start") + m("entries") - m("exits"),
                m("children_in_care_end"),
                "{file}"
            );
            assert!(m("exits") > 0.0 && m("children_in_care_start") > 0.0);
        }
    }
}

#[test]
fn ten_percent_more_teen_entries_gives_about_ten_percent_more_teen_entrants() {
    let base = run(
        "tests/fixtures/scenarios/referral/baseline.toml",
        short(30, 52),
    );
    let teen = run(
        "tests/fixtures/scenarios/referral/teen-referral-growth.toml",
        short(30, 52),
    );
    let ratio = mean(&teen, "entries_13_15") / mean(&base, "entries_13_15");
    // The multiplier weighs a referral unit by its first member's age, so a 13-15 year old in
    // a sibling group led by a younger or older child is not scaled: the expected ratio is
    // 1 + 0.1 x (13-15s in units led by a 13-15 year old) / (all 13-15s), from the base data.
    let text = std::fs::read_to_string("data/lancashire/children.csv").expect("children");
    let mut units: Vec<(String, Vec<u32>)> = Vec::new();
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let (id, age, group) = (cells[0], cells[1].parse().expect("age"), cells[10]);
        let key = if group.is_empty() { id } else { group };
        match units.iter_mut().find(|(k, _)| k == key) {
            Some((_, ages)) => ages.push(age),
            None => units.push((key.to_string(), vec![age])),
        }
    }
    let is_teen = |a: &u32| (13..=15).contains(a);
    let all = units
        .iter()
        .flat_map(|(_, a)| a)
        .filter(|a| is_teen(a))
        .count() as f64;
    let led = units
        .iter()
        .filter(|(_, a)| is_teen(&a[0]))
        .flat_map(|(_, a)| a)
        .filter(|a| is_teen(a))
        .count() as f64;
    let expected = 1.0 + 0.1 * led / all;
    assert!(
        (ratio - expected).abs() <= 0.03,
        "teen entrants x{ratio}, expected x{expected}"
    );
    assert!(mean(&teen, "entries") > mean(&base, "entries"));
    // Single children of other ages are not touched (siblings of a teenager come with them).
    assert!(mean(&teen, "entries_0_4") >= mean(&base, "entries_0_4"));
}

#[test]
fn closing_a_home_never_helps_and_stepping_down_saves() {
    let base = run(
        "tests/fixtures/scenarios/referral/baseline.toml",
        short(20, 52),
    );
    let closed = run(
        "tests/fixtures/scenarios/referral/childrens-home-closure.toml",
        short(20, 52),
    );
    let d = |r: &ScenarioResult, k: &str| scenario::paired(&base, r, k).expect("pairs");
    // Closing: no fewer children waiting or in spot placements, and no real saving.
    assert!(d(&closed, "waiting_mean").mean >= 0.0);
    assert!(d(&closed, "emergency_placements").mean >= 0.0);
    let cost = d(&closed, "annual_cost_gbp");
    assert!(!(scenario::is_real(&cost) && cost.mean < 0.0), "{cost:?}");
    // Stepping 20 down: fewer in children's homes and a lower annual cost, both real.
    let step = run(
        "tests/fixtures/scenarios/referral/step-down-drive.toml",
        short(20, 52),
    );
    for key in ["residential_placements_mean", "annual_cost_gbp"] {
        let x = d(&step, key);
        assert!(x.mean < 0.0 && scenario::is_real(&x), "{key}: {x:?}");
    }
}

#[test]
fn every_scenario_has_the_same_gap_rows() {
    let results: Vec<ScenarioResult> = [
        "tests/fixtures/scenarios/referral/baseline.toml",
        "tests/fixtures/scenarios/referral/recruit-teen-carers.toml",
    ]
    .iter()
    .map(|f| run(f, short(4, 12)))
    .collect();
    let files = scenario::scenario_files(&results).expect("files");
    let gap = String::from_utf8(files[2].1.clone()).expect("utf-8");
    let rows = |name: &str| -> Vec<String> {
        gap.lines()
            .filter_map(|l| l.strip_prefix(&format!("{name},")))
            .map(|l| l.splitn(4, ',').take(3).collect::<Vec<_>>().join(","))
            .collect()
    };
    let (a, b) = (rows(&results[0].name), rows(&results[1].name));
    assert!(!a.is_empty());
    assert_eq!(a, b);
}
