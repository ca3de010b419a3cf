//! Grid sweeps: `--vary` twice runs every pair of values, named `key=value, key=value`, with a
//! key the file leaves at its default added; paired differences from the first point are the
//! per-replication differences of the same seed.

use righthome::command::{ScenarioArgs, scenario_runs};
use righthome::scenario;
use std::path::PathBuf;

#[test]
fn a_grid_has_every_pair_and_pairs_with_its_first_point() {
    let args = ScenarioArgs::Sweep {
        file: PathBuf::from("tests/fixtures/scenarios/toy_spot.toml"),
        vary: vec![
            "spot.residential_gbp=5000..7000:1000".into(),
            "run.horizon_weeks=2..3:1".into(),
        ],
    };
    let loaded = scenario_runs(&args).expect("grid");
    let names: Vec<&str> = loaded.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "spot.residential_gbp=5000, run.horizon_weeks=2",
            "spot.residential_gbp=5000, run.horizon_weeks=3",
            "spot.residential_gbp=6000, run.horizon_weeks=2",
            "spot.residential_gbp=6000, run.horizon_weeks=3",
            "spot.residential_gbp=7000, run.horizon_weeks=2",
            "spot.residential_gbp=7000, run.horizon_weeks=3",
        ]
    );
    assert_eq!(loaded[5].scenario.spot.residential_gbp, 7000.0);
    assert_eq!(loaded[5].scenario.run.horizon_weeks, 3);
    let results: Vec<_> = loaded
        .iter()
        .map(|s| scenario::run_scenario(s, &indicatif::ProgressBar::hidden()).expect("runs"))
        .collect();
    // C3 sits in a residential spot placement every week: 2000 more a week from the first
    // point to the fifth (same horizon), replication by replication.
    let d = scenario::paired(&results[0], &results[4], "weekly_cost_gbp").expect("pairs");
    let direct: Vec<f64> = results[0]
        .replications
        .iter()
        .zip(&results[4].replications)
        .map(|(a, b)| b.metrics["weekly_cost_gbp"] - a.metrics["weekly_cost_gbp"])
        .collect();
    assert!(
        direct.iter().all(|x| (x - 2000.0).abs() < 1e-6),
        "{direct:?}"
    );
    assert_eq!((d.mean, d.p5, d.p95), (2000.0, 2000.0, 2000.0));
    assert!(scenario::is_real(&d));
    let files = scenario::scenario_files(&results).expect("files");
    let csv = String::from_utf8(files[0].1.clone()).expect("utf-8");
    assert!(
        csv.contains("\"spot.residential_gbp=7000, run.horizon_weeks=2\",diff:weekly_cost_gbp,2000.00,2000.00,2000.00\n"),
        "{csv}"
    );
}

#[test]
fn bad_grids_are_refused_naming_the_key() {
    let sweep = |vary: &[&str]| {
        scenario_runs(&ScenarioArgs::Sweep {
            file: PathBuf::from("tests/fixtures/scenarios/toy_spot.toml"),
            vary: vary.iter().map(|v| v.to_string()).collect(),
        })
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default()
    };
    assert!(sweep(&["spot.no_such_gbp=1..2:1"]).contains("no_such_gbp"));
    assert!(sweep(&["run.seed=1..2:1"]).contains("same seed"));
    assert!(sweep(&["run.horizon_weeks=1..2:1", "run.horizon_weeks=1..2:1"]).contains("twice"));
    assert!(sweep(&["a=1..2:1", "b=1..2:1", "c=1..2:1"]).contains("3 times"));
}
