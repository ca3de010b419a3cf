//! Each class of bad input gives a located error (file:line: column: value: expected), a
//! non-zero exit, and writes nothing.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

const FIXTURE: &str = "tests/fixtures/small";

/// A copy of the small fixture in a temp dir with `from` replaced by `to` in `file`.
fn fixture_with(file: &str, from: &str, to: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["children.csv", "homes.csv"] {
        std::fs::copy(Path::new(FIXTURE).join(name), dir.path().join(name)).expect("copy fixture");
    }
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    if from.is_empty() {
        return (dir, path.parent().expect("file in dir").to_path_buf());
    }
    assert_eq!(
        text.matches(from).count(),
        1,
        "'{from}' must occur once in {file}"
    );
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write mutated fixture");
    let data = dir.path().to_path_buf();
    (dir, data)
}

/// Run validate and match on the data and check both fail with `expected` in stderr (after
/// the data directory prefix) and that match wrote nothing.
fn fails_with(data: &Path, expected: &str) {
    let out = data.join("out");
    for args in [
        vec!["validate"],
        vec!["match", "--out", out.to_str().expect("utf-8 path")],
    ] {
        let output = Command::cargo_bin("righthome")
            .expect("binary")
            .args(&args)
            .arg("--data")
            .arg(data)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr =
            String::from_utf8_lossy(&output.stderr).replace(&format!("{}/", data.display()), "");
        assert!(
            stderr.contains(expected),
            "{args:?}: expected\n{expected}\nin\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(output.stdout.is_empty());
    }
    assert!(!out.exists(), "a failed run wrote {}", out.display());
}

fn case(file: &str, from: &str, to: &str, expected: &str) {
    let (_dir, data) = fixture_with(file, from, to);
    fails_with(&data, expected);
}

#[test]
fn unknown_column() {
    case(
        "homes.csv",
        ",in_house\n",
        ",in_house,colour\n",
        "error[E005] homes.csv:1: column 'colour': expected one of the columns: home_id",
    );
}

#[test]
fn missing_column() {
    case(
        "children.csv",
        ",urgency_days\n",
        "\n",
        "error[E004] children.csv:1: column 'urgency_days': expected this column in the header row",
    );
}

#[test]
fn duplicate_id() {
    case(
        "children.csv",
        "C2,9",
        "C1,9",
        "error[E020] children.csv:3: column 'child_id': value 'C1': expected a unique id (first used on line 2)",
    );
}

#[test]
fn age_out_of_range() {
    case(
        "children.csv",
        "C3,14",
        "C3,27",
        "error[E012] children.csv:4: column 'age': value '27': expected a whole number of years from 0 to 25",
    );
}

#[test]
fn wrong_type() {
    case(
        "homes.csv",
        "PR2,,,2,",
        "PR2,,,two,",
        "error[E011] homes.csv:2: column 'beds_free': value 'two': expected a whole number of free beds from 1 to 100",
    );
}

#[test]
fn unknown_kind() {
    case(
        "homes.csv",
        "foster_inhouse",
        "fostering",
        "error[E013] homes.csv:2: column 'kind': value 'fostering': expected one of: foster_inhouse, foster_agency",
    );
}

#[test]
fn unknown_need_tag() {
    case(
        "homes.csv",
        "missing_risk",
        "missing-risk",
        "error[E014] homes.csv:3: column 'accepts_needs': value 'missing-risk': expected need tags separated by ';'",
    );
}

#[test]
fn unknown_postcode_district() {
    case(
        "homes.csv",
        "foster_inhouse,PR2",
        "foster_inhouse,ZZ9",
        "error[E015] homes.csv:2: column 'postcode_district': value 'ZZ9': expected a UK postcode district",
    );
}

#[test]
fn lat_lon_outside_the_uk() {
    case(
        "homes.csv",
        "53.7900,-2.2500",
        "48.8566,2.3522",
        "error[E016] homes.csv:3: column 'lat': value '48.8566': expected a latitude inside the UK (49 to 61 degrees north)\nerror[E016] homes.csv:3: column 'lon': value '2.3522': expected a longitude inside the UK",
    );
}

#[test]
fn half_a_location() {
    case(
        "homes.csv",
        "53.7900,-2.2500",
        "53.7900,",
        "error[E017] homes.csv:3: column 'lon': value '': expected lon given together with lat",
    );
}

#[test]
fn age_range_inverted() {
    case(
        "homes.csv",
        ",10,17,any",
        ",17,10,any",
        "error[E018] homes.csv:3: column 'age_max': value '10': expected an age at or above age_min (17)",
    );
}

#[test]
fn siblings_with_different_plans() {
    case(
        "children.csv",
        "S1,together,2",
        "S1,apart_assessed,2",
        "error[E021] children.csv:3: column 'sibling_plan': value 'apart_assessed': expected 'together' as for C1 (line 2)",
    );
}

#[test]
fn sibling_group_larger_than_any_home_is_a_gap_not_a_stop() {
    // Issue 17: everyone else is matched; the group waits and the run says why.
    let (_dir, data) = fixture_with("homes.csv", "disability,2,false", "disability,1,false");
    let out = data.join("out");
    let output = Command::cargo_bin("righthome")
        .expect("binary")
        .args([
            "match",
            "--out",
            out.to_str().expect("utf-8 path"),
            "--data",
        ])
        .arg(&data)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("warning[E022]"), "{stderr}");
    assert!(
        stderr.contains("sibling group S1 has 2 children"),
        "{stderr}"
    );
    let matches = std::fs::read_to_string(out.join("matches.csv")).expect("matches.csv");
    assert!(matches.contains("\nC1,S1,,"), "{matches}");
    assert!(
        matches.contains("\nC3,,H"),
        "the others are matched: {matches}"
    );
}

#[test]
fn empty_file() {
    let (_dir, data) = fixture_with("homes.csv", "", "");
    std::fs::write(data.join("homes.csv"), "").expect("write");
    fails_with(
        &data,
        "error[E007] homes.csv: expected a header row naming the columns",
    );
}

#[test]
fn policy_with_an_unknown_key() {
    let (_dir, data) = fixture_with("homes.csv", "", "");
    std::fs::write(data.join("policy.toml"), "[weights]\ndistanse = 1.0\n").expect("write");
    fails_with(
        &data,
        "error[E030] policy.toml:2: expected valid policy settings: unknown field `distanse`",
    );
}

#[test]
fn every_problem_in_every_file_is_reported_together() {
    let (_dir, data) = fixture_with("children.csv", "C3,14", "C3,27");
    let homes = std::fs::read_to_string(data.join("homes.csv")).expect("read");
    std::fs::write(
        data.join("homes.csv"),
        homes.replace("foster_inhouse", "fostering"),
    )
    .expect("write");
    fails_with(&data, "error[E012] children.csv:4");
    fails_with(&data, "error[E013] homes.csv:2");
    fails_with(&data, "2 problems found; nothing was matched or written");
}
