//! Match, options and scenario benches on generated counties; the full good_lp model beside
//! the fast solver on the same assignment (not at 2,000 x 3,000, where one full solve takes
//! minutes). Figures and the machine are recorded in benches/README.md.

use criterion::{Criterion, criterion_group, criterion_main};
use righthome::generate::{generate, load_profile};
use righthome::io::{InputPaths, load};
use righthome::matching;
use righthome::options::build_options;
use righthome::scenario;
use righthome::solver::{self, SolveOptions};
use std::path::Path;

fn county(children: usize, homes: usize) -> (righthome::model::Dataset, righthome::model::Policy) {
    let profile = load_profile(Path::new("data/lancashire/profile.toml")).expect("profile");
    let c = generate(&profile, 7, Some(children), Some(homes)).expect("generates");
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("children.csv"), c.children_csv).expect("write");
    std::fs::write(dir.path().join("homes.csv"), c.homes_csv).expect("write");
    load(&InputPaths::in_dir(dir.path())).expect("valid")
}

fn bench_match(c: &mut Criterion) {
    let mut group = c.benchmark_group("match");
    group.sample_size(10);
    let options = SolveOptions::default();
    for (children, homes) in [(60, 140), (500, 1000), (2000, 3000)] {
        let (dataset, policy) = county(children, homes);
        group.bench_function(format!("{children}x{homes}/build"), |b| {
            b.iter(|| matching::build(&dataset, &policy))
        });
        let problem = matching::build(&dataset, &policy);
        group.bench_function(format!("{children}x{homes}/solve"), |b| {
            b.iter(|| solver::solve(&problem.model, &options).expect("solves"))
        });
        if children <= 500 {
            group.bench_function(format!("{children}x{homes}/solve_full_model"), |b| {
                b.iter(|| solver::full::solve(&problem.model, &options).expect("solves"))
            });
        }
    }
    group.finish();
}

fn bench_options(c: &mut Criterion) {
    let mut group = c.benchmark_group("options");
    group.sample_size(10);
    let opts = SolveOptions::default();
    for (children, homes, shown) in [(60, 140, 5), (500, 1000, 3)] {
        let (dataset, policy) = county(children, homes);
        let (problem, result) = matching::run(&dataset, &policy, &opts).expect("solves");
        group.bench_function(
            format!("{children}x{homes}/all_children_{shown}_options"),
            |b| {
                b.iter(|| {
                    build_options(&dataset, &policy, &problem, &result, shown, None, &opts)
                        .expect("options")
                })
            },
        );
    }
    group.finish();
}

fn bench_scenario(c: &mut Criterion) {
    let mut group = c.benchmark_group("scenario");
    group.sample_size(10);
    let loaded = scenario::load(Path::new("scenarios/baseline.toml")).expect("scenario loads");
    group.bench_function("baseline/one_replication_52_weeks", |b| {
        b.iter(|| scenario::run_replication(&loaded, 0).expect("runs"))
    });
    group.finish();
}

criterion_group!(benches, bench_match, bench_options, bench_scenario);
criterion_main!(benches);
