//! The bundled scenarios on the SSDA903 population: every child counted in every replication,
//! +10% teen entries gives about 10% more teen entrants, a step-down drive lowers residential
//! placements and the annual cost, a closure never shortens the waiting list nor lowers the
//! annual cost (paired).

use righthome::scenario::{self, ScenarioResult};
use std::path::Path;

fn run(path: &str, reps: u32) -> ScenarioResult {
    let mut s = scenario::load(Path::new(path)).expect("scenario loads");
    s.scenario.run.replications = reps;
    scenario::run_scenario(&s, &indicatif::ProgressBar::hidden()).expect("runs")
}

fn diff(base: &ScenarioResult, other: &ScenarioResult, key: &str) -> scenario::Interval {
    scenario::paired(base, other, key).expect("paired difference")
}

#[test]
fn the_population_scenarios_answer_in_the_right_direction() {
    let base = run("scenarios/baseline.toml", 20);
    let teen = run("scenarios/teen-referral-growth.toml", 20);
    let step = run("scenarios/step-down-drive.toml", 20);
    let closed = run("scenarios/childrens-home-closure.toml", 20);
    for r in [&base, &teen, &step, &closed] {
        for rep in &r.replications {
            let m = |k: &str| rep.metrics[k];
            assert!(
                m("children_in_care_start") > 1000.0,
                "the population is there"
            );
            assert_eq!(
                m("children_in_care_start") + m("entries") - m("exits"),
                m("children_in_care_end"),
                "{}",
                r.name
            );
        }
    }
    let teens = base.metric("entries_13_15").expect("teen entries").mean;
    let more = diff(&base, &teen, "entries_13_15").mean / teens;
    assert!((0.07..=0.13).contains(&more), "teen entrants +{more}");
    assert!(diff(&base, &teen, "entries").mean > 0.0);
    let residential = diff(&base, &step, "residential_placements_mean");
    assert!(residential.p95 < 0.0, "{residential:?}");
    let cost = diff(&base, &step, "annual_cost_gbp");
    assert!(cost.p95 < 0.0, "{cost:?}");
    let waiting = diff(&base, &closed, "waiting_mean");
    assert!(waiting.mean > 0.0 && waiting.p5 >= 0.0, "{waiting:?}");
    // Closing two children's homes never saves money: their children need another children's
    // home and wait at the residential spot price, and children whose plan moved them to a
    // children's home cannot stay in their cheaper foster home for ever (scenarios/README.md).
    let cost = diff(&base, &closed, "annual_cost_gbp");
    assert!(cost.mean > 0.0 && cost.p5 >= 0.0, "{cost:?}");
}

/// The population base, like the referral base, writes the same bytes whatever the thread
/// count (the replications run in parallel; each has its own random streams).
#[test]
fn population_scenarios_are_byte_identical_with_one_and_two_threads() {
    let files = |threads: &str| {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = assert_cmd::Command::cargo_bin("righthome")
            .expect("bin")
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "scenario",
                "compare",
                "scenarios/baseline.toml",
                "scenarios/step-down-drive.toml",
                "--replications",
                "3",
                "--out",
            ])
            .arg(dir.path())
            .output()
            .expect("righthome runs");
        assert!(out.status.success(), "{threads} threads");
        ["summary.csv", "summary.json", "gap.csv", "weekly.csv"]
            .map(|n| std::fs::read(dir.path().join(n)).expect("written"))
    };
    let (one, two) = (files("1"), files("2"));
    assert!(!one[0].is_empty());
    assert!(one == two, "1 and 2 threads differ");
}
