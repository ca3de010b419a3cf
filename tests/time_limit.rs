//! `--time-limit` bounds the solve as a whole, its LPs included: a limit far below what a
//! county needs ends the run within a small margin of the limit, with a plain message (or, if
//! branch and bound found a match in time, that match and how close it is to the best).

mod common;

use common::cli::righthome;
use std::time::Instant;

#[test]
fn a_short_limit_ends_the_solve_near_the_limit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let county = dir.path().join("county");
    righthome()
        .args([
            "generate",
            "--seed",
            "7",
            "--children",
            "2000",
            "--homes",
            "3000",
            "--out",
        ])
        .arg(&county)
        .assert()
        .success();
    // Without a limit the match's solve takes about a second here (its LPs alone over half of it); with it, the solve must
    // stop, so the whole run (load and build included) stays near the load-and-build time.
    let started = Instant::now();
    let run = righthome()
        .args([
            "match",
            "--time-limit",
            "0.05",
            "--format",
            "json",
            "--data",
        ])
        .arg(&county)
        .output()
        .expect("runs");
    let took = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&run.stderr);
    match run.status.code() {
        Some(1) => assert!(
            stderr.contains("time limit of 0.05 s ran out before any match was found")
                && stderr.contains("allow more time"),
            "{stderr}"
        ),
        Some(0) => {
            let summary: serde_json::Value =
                serde_json::from_slice(&run.stdout).expect("summary.json");
            let solve = summary["solve_time_seconds"].as_f64().expect("a number");
            assert!(
                solve < 0.3,
                "the solve took {solve} s against a 0.05 s limit"
            );
        }
        other => panic!("exit {other:?}: {stderr}"),
    }
    assert!(took < 20.0, "the run took {took} s");
}

/// The limit holds inside the solver too: on a county whose LPs alone take most of a full
/// solve, a short limit stops the solve in a fraction of the full solve's time (before this
/// limit covered the LPs, they always ran to the end).
#[test]
fn the_limit_covers_the_lps() {
    use righthome::generate::{generate, load_profile};
    use righthome::io::{InputPaths, load};
    use righthome::solver::{self, SolveOptions};
    let profile =
        load_profile(std::path::Path::new("data/lancashire/profile.toml")).expect("profile");
    let county = generate(&profile, 7, Some(2000), Some(3000)).expect("generates");
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("children.csv"), county.children_csv).expect("write");
    std::fs::write(dir.path().join("homes.csv"), county.homes_csv).expect("write");
    let (dataset, policy) = load(&InputPaths::in_dir(dir.path())).expect("valid");
    let problem = righthome::matching::build(&dataset, &policy);
    let started = Instant::now();
    solver::solve(&problem.model, &SolveOptions::default()).expect("solves");
    let full = started.elapsed().as_secs_f64();
    let limited = SolveOptions {
        time_limit: Some(0.02),
        ..SolveOptions::default()
    };
    let started = Instant::now();
    let _ = solver::solve(&problem.model, &limited);
    let short = started.elapsed().as_secs_f64();
    assert!(
        short < full / 3.0,
        "a 0.02 s limit took {short} s; the full solve {full} s"
    );
}
