//! The whole match on arbitrary (but loadable) inputs: load, build, solve, check, report.
//! Any match found must pass the independent checker. Input as for `loaders`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use righthome::{checker, matching, report, solver::SolveOptions};

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0xFF).unwrap_or(data.len());
    let (children, homes) = (&data[..split], data.get(split + 1..).unwrap_or(&[]));
    let Ok((dataset, policy)) = righthome::io::load_from_memory(children, homes, None) else { return };
    // Keep each run short: the solver's speed is benchmarked elsewhere.
    if dataset.children.len() > 40 || dataset.homes.len() > 40 {
        return;
    }
    let options = SolveOptions {
        time_limit: Some(5.0),
        ..SolveOptions::default()
    };
    let Ok((problem, result)) = matching::run(&dataset, &policy, &options) else { return };
    assert!(checker::check(&dataset, &policy, &result.placements).is_empty());
    let outcome = report::MatchOutcome::new(&dataset, &policy, &problem, &result);
    report::match_files(&outcome).expect("files format");
    let _ = report::match_table(&outcome);
});
