//! children.csv and homes.csv loaders on arbitrary bytes: a report or a dataset, never a panic.
//! Input: children bytes, a 0xFF separator, homes bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0xFF).unwrap_or(data.len());
    let (children, homes) = (&data[..split], data.get(split + 1..).unwrap_or(&[]));
    if let Err(report) = righthome::io::load_from_memory(children, homes, None) {
        // Every report is printable and names at least one problem.
        assert!(!report.problems.is_empty());
        let _ = report.to_string();
    }
});
