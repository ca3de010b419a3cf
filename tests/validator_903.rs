//! The bundled synthetic SSDA903 return against the DfE-format public validator
//! (csc-validator-be-903 on PyPI), through `scripts/validate_903.py`: every rule the validator
//! runs on the tables righthome writes passes, beyond the four conflicts inside the validator
//! that the script checks row by row (data/lancashire/ssda903/README.md).
//!
//! The validator is Python. The test finds it through `RIGHTHOME_903_PYTHON` (a Python with
//! `lac_validator` installed; `.ci/run` makes one). Without it the test says it was skipped and
//! passes, unless `RIGHTHOME_REQUIRE_903=1` (as `.ci/run` sets), when it fails.

use std::path::Path;
use std::process::Command;

#[test]
fn bundled_return_passes_the_public_validator() {
    let python = match std::env::var("RIGHTHOME_903_PYTHON") {
        Ok(p) if !p.is_empty() => p,
        _ => {
            assert!(
                std::env::var("RIGHTHOME_REQUIRE_903").as_deref() != Ok("1"),
                "RIGHTHOME_REQUIRE_903=1 but RIGHTHOME_903_PYTHON is not set: install \
                 csc-validator-be-903 in a virtual environment (see .ci/run)"
            );
            eprintln!(
                "SKIPPED: the public SSDA903 validator is not installed (set \
                 RIGHTHOME_903_PYTHON to a Python with csc-validator-be-903); nothing was checked"
            );
            return;
        }
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(&python)
        .arg(root.join("scripts/validate_903.py"))
        .arg(root.join("data/lancashire/ssda903"))
        .arg("--json")
        .output()
        .expect("the validator's Python starts");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let tail: String = String::from_utf8_lossy(&out.stderr)
        .lines()
        .rev()
        .take(8)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(out.status.success(), "validator failed:\n{stdout}\n{tail}");
    let years: serde_json::Value = serde_json::from_str(&stdout).expect("the script prints JSON");
    let years = years.as_array().expect("a list of collection years");
    assert_eq!(years.len(), 6, "2019-20 to 2024-25");
    for y in years {
        assert_eq!(y["failed"], serde_json::json!({}), "{}", y["year"]);
        // The validator really ran rules on these tables (not all skipped for a missing table).
        assert!(y["rules_run"].as_u64().unwrap_or(0) >= 100, "{y}");
        let known = y["known_conflicts"].as_object().expect("an object");
        for code in known.keys() {
            assert!(
                ["146", "169", "202", "503F"].contains(&code.as_str()),
                "{} rule {code}",
                y["year"]
            );
        }
    }
}
