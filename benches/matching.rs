//! Match benches: build + solve on generated counties of 60 and 500 children.
//! Figures and the machine are recorded in benches/README.md.

use criterion::{Criterion, criterion_group, criterion_main};
use righthome::generate::{generate, load_profile};
use righthome::io::{InputPaths, load};
use righthome::matching;
use righthome::solver::SolveOptions;
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
    for (children, homes) in [(60, 140), (500, 1000)] {
        let (dataset, policy) = county(children, homes);
        group.bench_function(format!("{children}x{homes}/build"), |b| {
            b.iter(|| matching::build(&dataset, &policy))
        });
        let problem = matching::build(&dataset, &policy);
        group.bench_function(format!("{children}x{homes}/solve"), |b| {
            b.iter(|| matching::solve(&problem, &SolveOptions::default()).expect("solves"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_match);
criterion_main!(benches);
