//! The issue-15 bench: a 6-scenario `compare` on the bundled SSDA903 population, 100
//! replications x 52 weeks, with 2 threads (the issue wants it under 60 s). Each sample does
//! what `righthome scenario compare` does: load every bundled scenario (read the return, fit
//! the rates, draw the referral profile), run them all with the baseline's seed, and write
//! the four output files' bytes. Figures and the machine are in benches/README.md.

use criterion::{Criterion, criterion_group, criterion_main};
use righthome::scenario;
use std::path::Path;

/// The six bundled scenarios, the baseline first (its seed is everyone's: common random
/// numbers, as `compare` does).
const FILES: [&str; 6] = [
    "scenarios/baseline.toml",
    "scenarios/step-down-drive.toml",
    "scenarios/teen-referral-growth.toml",
    "scenarios/recruit-teen-carers.toml",
    "scenarios/childrens-home-closure.toml",
    "scenarios/swap-residential-for-enhanced.toml",
];

/// One compare: every file loaded and run (100 x 52), and the outputs' total bytes.
fn compare() -> usize {
    let mut loaded: Vec<_> = FILES
        .iter()
        .map(|f| scenario::load(Path::new(f)).expect("bundled scenario loads"))
        .collect();
    let seed = loaded[0].scenario.run.seed;
    for s in &mut loaded {
        (s.scenario.run.seed, s.scenario.run.replications) = (seed, 100);
        s.scenario.run.horizon_weeks = 52;
    }
    let hidden = indicatif::ProgressBar::hidden();
    let results: Vec<_> = loaded
        .iter()
        .map(|s| scenario::run_scenario(s, &hidden).expect("runs"))
        .collect();
    scenario::scenario_files(&results)
        .expect("outputs")
        .iter()
        .map(|(_, bytes)| bytes.len())
        .sum()
}

fn bench_scenarios(c: &mut Criterion) {
    let two = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("a 2-thread pool");
    let mut group = c.benchmark_group("scenario");
    group.sample_size(10);
    group.bench_function("compare_6_population_100x52_2_threads", |b| {
        b.iter(|| two.install(compare))
    });
    group.finish();
}

criterion_group!(benches, bench_scenarios);
criterion_main!(benches);
