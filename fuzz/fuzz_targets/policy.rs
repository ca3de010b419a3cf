//! policy.toml parsing on arbitrary text: a policy or located problems, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut problems = Vec::new();
    let policy = righthome::io::parse_policy(text, "policy.toml", &mut problems);
    assert_eq!(policy.is_none(), !problems.is_empty());
});
