//! Scenario files on arbitrary text: a scenario within its documented ranges or located
//! problems, never a panic; every problem's key line is a line of the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match righthome::scenario::parse(text, "scenario.toml") {
        Ok(s) => {
            // What the simulation relies on: finite, bounded rates and counts.
            assert!(s.demand.referrals_per_week.is_finite());
            assert!(s.demand.referrals_per_week <= 1000.0);
            assert!(s.supply.vacancies_per_week <= 1000.0);
            assert!(s.demand.complexity.iter().all(|m| m.is_finite()));
            assert!((1..=520).contains(&s.run.horizon_weeks));
            assert!(s.supply.add.iter().all(|a| a.count <= 10_000));
        }
        Err(report) => {
            assert!(!report.problems.is_empty());
            let lines = text.lines().count().max(1) as u64 + 1;
            for p in &report.problems {
                assert!(p.line.is_none_or(|l| (1..=lines).contains(&l)), "{p}");
            }
            let _ = report.to_string();
            let _ = righthome::io::problems_json(&report.problems);
        }
    }
});
