//! The pure-assignment special case (no siblings, no solo homes, beds expanded to slots):
//! our solver beside dedicated Jonker-Volgenant solvers on the same scores: the lapjv crate
//! (square matrix) and the lsap crate (scipy's rectangular `linear_sum_assignment`).

#[path = "../tests/common/assignment.rs"]
mod assignment;

use criterion::{Criterion, criterion_group, criterion_main};
use righthome::generate::{generate, load_profile};
use righthome::io::load_from_memory;
use righthome::matching;
use righthome::solver::{self, SolveOptions};
use std::path::Path;

fn bench(c: &mut Criterion) {
    let profile = load_profile(Path::new("data/lancashire/profile.toml")).expect("profile");
    let county = generate(&profile, 7, Some(500), Some(1000)).expect("generates");
    let (mut dataset, policy) =
        load_from_memory(&county.children_csv, &county.homes_csv, None).expect("valid");
    for child in &mut dataset.children {
        child.sibling_group = None;
    }
    for home in &mut dataset.homes {
        home.solo_only = false;
    }
    let model = matching::build(&dataset, &policy).model;
    let ours = solver::solve(&model, &SolveOptions::default()).expect("solves");
    for jv in [
        assignment::jonker_volgenant(&model),
        assignment::rectangular_jonker_volgenant(&model),
    ] {
        assert!(
            (ours.total_score - jv.1).abs() < 1e-6 * jv.1.abs().max(1.0),
            "same optimum"
        );
    }
    let mut group = c.benchmark_group("pure_assignment_500x1000");
    group.sample_size(10);
    group.bench_function("righthome_solver", |b| {
        b.iter(|| solver::solve(&model, &SolveOptions::default()).expect("solves"))
    });
    group.bench_function("jonker_volgenant_lapjv", |b| {
        b.iter(|| assignment::jonker_volgenant(&model))
    });
    group.bench_function("rectangular_jonker_volgenant_lsap", |b| {
        b.iter(|| assignment::rectangular_jonker_volgenant(&model))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
