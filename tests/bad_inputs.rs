//! The bad-input corpus: each folder under tests/bad_inputs/ holds broken (or messy but valid)
//! files laid over the small fixture, and `expected.txt`, the exact output of `righthome
//! validate` (or, for a folder with a `scenario.toml`, of `righthome scenario run` on it):
//! every problem on stderr with exit code 1, or "OK: ..." on stdout with exit 0.
//! Never a panic. `RIGHTHOME_BLESS=1 cargo test --test bad_inputs` rewrites expected.txt
//! (then read every line before committing).

use assert_cmd::Command;
use std::path::Path;

fn run_case(case: &Path) -> (i32, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["children.csv", "homes.csv"] {
        std::fs::copy(
            Path::new("tests/fixtures/small").join(name),
            dir.path().join(name),
        )
        .expect("copy fixture");
    }
    for entry in std::fs::read_dir(case).expect("case dir") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("name").to_owned();
        if name != "expected.txt" {
            std::fs::copy(&path, dir.path().join(name)).expect("copy case file");
        }
    }
    let scenario = dir.path().join("scenario.toml");
    let mut command = Command::cargo_bin("righthome").expect("bin");
    if scenario.exists() {
        command
            .args(["scenario", "run", "--replications", "1"])
            .arg(&scenario);
    } else {
        command.args(["validate", "--data"]).arg(dir.path());
    }
    let output = command.output().expect("runs");
    let text = if output.status.success() {
        output.stdout
    } else {
        output.stderr
    };
    let prefix = format!("{}/", dir.path().display());
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&text).replace(&prefix, ""),
    )
}

#[test]
fn every_case_gives_exactly_its_expected_output() {
    let mut cases: Vec<_> = std::fs::read_dir("tests/bad_inputs")
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 40, "the corpus has {} cases", cases.len());
    let bless = std::env::var_os("RIGHTHOME_BLESS").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let (code, output) = run_case(case);
        let expected_path = case.join("expected.txt");
        if bless {
            std::fs::write(&expected_path, &output).expect("write expected");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        let want_code = if expected.starts_with("OK:") { 0 } else { 1 };
        if code != want_code || output != expected || output.contains("panicked") {
            failures.push(format!(
                "{}: exit {code}, output:\n{output}\nexpected:\n{expected}",
                case.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
}
