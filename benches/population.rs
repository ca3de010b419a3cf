//! The population benches: `population` (read, merge, clean, stock) on a ten-year synthetic
//! return, and a 52-week x 100-replication forecast on the bundled one. Figures and the machine
//! are recorded in benches/README.md.

use criterion::{Criterion, criterion_group, criterion_main};
use righthome::io::councils::LANCASHIRE;
use righthome::population::{self, Date, Return, backtest, synthetic};
use std::path::Path;

fn bench_population(c: &mut Criterion) {
    let mut group = c.benchmark_group("population");
    group.sample_size(10);
    // Ten collection years, 2015-16 to 2024-25, about 2,000 children in care at a time.
    let settings = synthetic::LifeHistory {
        first_year: 2015,
        entries_per_week: 19.0,
        ..synthetic::LifeHistory::default()
    };
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in synthetic::generate_return(settings, 42, LANCASHIRE) {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let at = Date::parse("2025-03-31").expect("date");
    group.bench_function("ten_years/load_and_stock", |b| {
        b.iter(|| {
            let ret = Return::load(dir.path()).expect("loads");
            population::population(&ret, Some(at), LANCASHIRE).expect("stock")
        })
    });
    let bundled = Return::load(Path::new("data/lancashire/ssda903")).expect("bundled return");
    let from = Date::parse("2024-04-01").expect("date");
    let run = backtest::Settings {
        weeks: 52,
        replications: 100,
        seed: 1,
        window_weeks: 104,
    };
    group.bench_function("bundled/forecast_52x100", |b| {
        b.iter(|| backtest::run_forecast(&bundled, from, run).expect("forecast"))
    });
    group.finish();
}

criterion_group!(benches, bench_population);
criterion_main!(benches);
