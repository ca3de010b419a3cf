//! Match and options benches on generated counties; the full good_lp model beside the fast
//! solver on the same assignment. Figures and the machine are recorded in benches/README.md.

use criterion::{Criterion, criterion_group, criterion_main};
use righthome::generate::{generate, load_profile};
use righthome::io::{InputPaths, load};
use righthome::matching;
use righthome::options::build_options;
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
    for (children, homes) in [(60, 140), (500, 1000)] {
        let (dataset, policy) = county(children, homes);
        group.bench_function(format!("{children}x{homes}/build"), |b| {
            b.iter(|| matching::build(&dataset, &policy))
        });
        let problem = matching::build(&dataset, &policy);
        group.bench_function(format!("{children}x{homes}/solve"), |b| {
            b.iter(|| solver::solve(&problem.model, &options).expect("solves"))
        });
        group.bench_function(format!("{children}x{homes}/solve_full_model"), |b| {
            b.iter(|| solver::full::solve(&problem.model, &options).expect("solves"))
        });
    }
    group.finish();
}

fn bench_options(c: &mut Criterion) {
    let mut group = c.benchmark_group("options");
    group.sample_size(10);
    let (dataset, policy) = county(60, 140);
    let opts = SolveOptions::default();
    let (problem, result) = matching::run(&dataset, &policy, &opts).expect("solves");
    group.bench_function("60x140/all_children", |b| {
        b.iter(|| {
            build_options(&dataset, &policy, &problem, &result, 5, None, &opts).expect("options")
        })
    });
    group.finish();
}

criterion_group!(benches, bench_match, bench_options);
criterion_main!(benches);
