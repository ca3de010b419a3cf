//! County profiles on arbitrary text: located problems, or a profile the generator uses
//! without a panic and whose children.csv and homes.csv pass their own validation.
#![no_main]

use libfuzzer_sys::fuzz_target;
use righthome::Error;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match righthome::generate::parse_profile(text, "profile.toml") {
        Ok(profile) => {
            let Ok(county) = righthome::generate::generate(&profile, 1, Some(30), Some(30)) else {
                return;
            };
            if let Err(report) =
                righthome::io::load_from_memory(&county.children_csv, &county.homes_csv, None)
            {
                panic!("a valid profile generated invalid data:\n{report}");
            }
        }
        Err(Error::Invalid(report)) => {
            assert!(!report.problems.is_empty());
            let _ = report.to_string();
        }
        Err(other) => panic!("a profile error that is not a located problem: {other}"),
    }
});
