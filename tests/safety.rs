//! Trustworthy under limits and faults: existing results are not clobbered, inputs are never
//! modified, empty problems are normal answers, the time limit is explained, outputs are
//! byte-identical whatever the thread count, and a million-row file is read in full.

use assert_cmd::Command;
use std::path::Path;

fn righthome() -> Command {
    Command::cargo_bin("righthome").expect("binary")
}

fn read_all(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| {
            let path = e.expect("entry").path();
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            let bytes = std::fs::read(&path).expect("read");
            // The solve time is measured, not computed: the one field allowed to differ.
            let bytes = if name == "summary.json" {
                String::from_utf8_lossy(&bytes)
                    .lines()
                    .filter(|l| !l.contains("solve_time_seconds"))
                    .collect::<Vec<_>>()
                    .join("\n")
                    .into_bytes()
            } else {
                bytes
            };
            (name, bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn an_earlier_result_is_kept_unless_forced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    righthome()
        .args(["match", "--data", "tests/fixtures/small", "--out"])
        .arg(&out)
        .assert()
        .success();
    let before = read_all(&out);
    let second = righthome()
        .args(["match", "--data", "tests/fixtures/small", "--out"])
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(second.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(
        stderr.contains("already holds matches.csv") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(read_all(&out), before, "nothing was touched");
    righthome()
        .args([
            "match",
            "--force",
            "--data",
            "tests/fixtures/small",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
}

#[test]
fn inputs_are_never_modified() {
    let snapshot = || {
        ["children.csv", "homes.csv"]
            .map(|n| std::fs::read(Path::new("tests/fixtures/small").join(n)).expect("read"))
    };
    let before = snapshot();
    let dir = tempfile::tempdir().expect("temp dir");
    righthome()
        .args([
            "options",
            "--html",
            "--data",
            "tests/fixtures/small",
            "--out",
        ])
        .arg(dir.path())
        .assert()
        .success();
    assert_eq!(snapshot(), before);
}

#[test]
fn no_referrals_and_no_homes_are_normal_answers() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["children.csv", "homes.csv"] {
        std::fs::copy(
            Path::new("tests/fixtures/small").join(name),
            dir.path().join(name),
        )
        .expect("copy");
    }
    let header_only = |name: &str| {
        let text = std::fs::read_to_string(dir.path().join(name)).expect("read");
        std::fs::write(
            dir.path().join(name),
            format!("{}\n", text.lines().next().expect("header")),
        )
        .expect("write");
    };
    header_only("homes.csv");
    let out = righthome()
        .args(["match", "--format", "json", "--data"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(out.status.success());
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        (summary["placed"].as_u64(), summary["unplaced"].as_u64()),
        (Some(0), Some(4))
    );
    header_only("children.csv");
    let out = righthome()
        .args(["match", "--format", "json", "--data"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(out.status.success());
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(summary["children"].as_u64(), Some(0));
    assert!(summary["pct_within_20_miles"].is_null());
}

#[test]
fn the_time_limit_is_checked_and_explained() {
    let bad = righthome()
        .args(["match", "--time-limit", "0"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&bad.stderr)
            .contains("--time-limit must be a number of seconds above 0")
    );
    // A limit far too short for branch and bound: either the best match found with its gap,
    // or a plain message that none was found in time. Never a panic.
    let tight = righthome()
        .args(["match", "--time-limit", "0.000001"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&tight.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    match tight.status.code() {
        Some(0) => assert!(
            stderr.is_empty() || stderr.contains("within") && stderr.contains("time limit"),
            "{stderr}"
        ),
        Some(1) => assert!(stderr.contains("time limit"), "{stderr}"),
        other => panic!("exit {other:?}: {stderr}"),
    }
}

#[test]
fn outputs_are_byte_identical_with_one_and_two_threads() {
    let run = |threads: &str| {
        let dir = tempfile::tempdir().expect("temp dir");
        righthome()
            .env("RAYON_NUM_THREADS", threads)
            .args(["match", "--out"])
            .arg(dir.path().join("m"))
            .assert()
            .success();
        righthome()
            .env("RAYON_NUM_THREADS", threads)
            .args(["options", "--html", "--out"])
            .arg(dir.path().join("o"))
            .assert()
            .success();
        (
            read_all(&dir.path().join("m")),
            read_all(&dir.path().join("o")),
        )
    };
    assert!(
        run("1") == run("2"),
        "outputs differ between 1 and 2 threads"
    );
}

#[test]
fn a_million_rows_are_read_in_full() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        "tests/fixtures/small/homes.csv",
        dir.path().join("homes.csv"),
    )
    .expect("copy");
    let mut text = String::from(
        "child_id,age,gender,home_postcode_district,home_lat,home_lon,school_postcode_district,school_lat,school_lon,school_year,sibling_group,sibling_plan,complexity,needs,placement_need,step_down_ready,preferred_district,avoid_districts,urgency_days\n",
    );
    for i in 0..1_000_000 {
        text.push_str(&format!(
            "C{i},10,female,PR1,,,,,,,,,1,,family,false,,,30\n"
        ));
    }
    // The last row repeats the first id: found, and located, after a million rows.
    text.push_str("C0,10,female,PR1,,,,,,,,,1,,family,false,,,30\n");
    std::fs::write(dir.path().join("children.csv"), text).expect("write");
    let out = righthome()
        .args(["validate", "--data"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("children.csv:1000002: column 'child_id': value 'C0': expected a unique id (first used on line 2)"), "{stderr}");
    assert!(
        stderr.ends_with("1 problem found; nothing was matched or written\n"),
        "{stderr}"
    );
}
