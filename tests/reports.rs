//! The HTML reports: the numbers shown are the numbers in summary.json; no child data beyond
//! ids; nothing loaded from anywhere; charts have text alternatives; and each page renders in
//! headless Chromium (skipped, saying so, where Chromium is not installed).

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn righthome() -> Command {
    Command::cargo_bin("righthome").expect("binary")
}

fn self_contained(html: &str) {
    for banned in [
        "http://", "https://", "<script", "<link", "@import", "url(", "<img",
    ] {
        assert!(!html.contains(banned), "the page contains '{banned}'");
    }
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("json")).expect("valid json")
}

#[test]
fn the_match_report_shows_the_summary_and_only_ids() {
    let dir = tempfile::tempdir().expect("temp dir");
    righthome()
        .args(["report", "match", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let html = std::fs::read_to_string(dir.path().join("match-report.html")).expect("report");
    let summary = json(&dir.path().join("summary.json"));
    self_contained(&html);
    let n = |k: &str| summary[k].as_f64().expect("number");
    assert!(html.contains(&format!("{} of {}", n("placed"), n("children"))));
    for key in [
        "pct_within_20_miles",
        "pct_siblings_together",
        "pct_school_within_limit",
    ] {
        assert!(
            html.contains(&format!("<strong>{:.0}%</strong>", n(key))),
            "{key}"
        );
    }
    assert!(html.contains(&format!(
        "<strong>{}</strong>",
        righthome::report::pounds(n("total_weekly_cost"))
    )));
    // Unplaced children appear by id, and nothing else about any child does.
    let matches = {
        let out = righthome()
            .args(["match", "--format", "csv"])
            .output()
            .expect("runs");
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let unplaced: Vec<&str> = matches
        .lines()
        .skip(1)
        .filter(|l| l.split(',').nth(2) == Some(""))
        .map(|l| l.split(',').next().expect("id"))
        .collect();
    assert_eq!(unplaced.len() as f64, n("unplaced"));
    for id in &unplaced {
        assert!(html.contains(&format!("<td>{id}</td>")), "{id}");
    }
    for private in [
        "female",
        "male",
        "self_harm",
        "exploitation",
        "urgency",
        "school_year",
    ] {
        assert!(!html.contains(private), "the report contains '{private}'");
    }
    assert!(html.contains("<title id=\"map-title\">") && html.contains("<desc id=\"map-desc\">"));
}

#[test]
fn the_dashboard_shows_the_summary_of_each_scenario() {
    let dir = tempfile::tempdir().expect("temp dir");
    righthome()
        .args([
            "report",
            "scenario",
            "tests/fixtures/scenarios/referral/baseline.toml",
            "tests/fixtures/scenarios/referral/recruit-teen-carers.toml",
            "--replications",
            "4",
            "--out",
        ])
        .arg(dir.path())
        .assert()
        .success();
    let html = std::fs::read_to_string(dir.path().join("dashboard.html")).expect("dashboard");
    self_contained(&html);
    let summary = json(&dir.path().join("summary.json"));
    let scenarios = summary.as_array().expect("one entry per scenario");
    assert_eq!(scenarios.len(), 2);
    for s in scenarios {
        let mean = |k: &str| s["metrics"][k]["mean"].as_f64().expect("mean");
        for key in [
            "placed_within_28_days_pct",
            "within_20_miles_pct",
            "three_plus_choices_pct",
        ] {
            let shown = format!(
                "{:.1}% ({:.1}% to {:.1}%)",
                mean(key),
                s["metrics"][key]["p5"].as_f64().expect("p5"),
                s["metrics"][key]["p95"].as_f64().expect("p95")
            );
            assert!(html.contains(&shown), "{} {key}: {shown}", s["scenario"]);
        }
    }
    let base = &scenarios[0]["metrics"]["placed_within_28_days_pct"]["mean"];
    assert!(html.contains(&format!(
        "{:.0}% of children referred are placed within 28 days",
        base.as_f64().expect("mean")
    )));
    // Every chart carries a text alternative.
    assert_eq!(
        html.matches("<svg role=\"img\"").count(),
        html.matches("<desc id=").count()
    );
    assert!(html.matches("<svg").count() >= 11);
}

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser"].iter().find_map(|name| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|p| p.join(name))
                .find(|p| p.is_file())
        })
    })
}

#[test]
fn each_report_renders_in_headless_chromium() {
    let Some(browser) = chromium() else {
        eprintln!(
            "skipped: Chromium is not installed (apt-get install chromium); .ci/run installs it"
        );
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    righthome()
        .args(["report", "match", "--out"])
        .arg(dir.path().join("m"))
        .assert()
        .success();
    righthome()
        .args([
            "report",
            "scenario",
            "tests/fixtures/scenarios/referral/baseline.toml",
            "--replications",
            "2",
            "--out",
        ])
        .arg(dir.path().join("s"))
        .assert()
        .success();
    righthome()
        .args(["options", "--html", "--child", "C0001", "--out"])
        .arg(dir.path().join("o"))
        .assert()
        .success();
    for page in [
        "m/match-report.html",
        "s/dashboard.html",
        "o/child-C0001.html",
    ] {
        let png = dir.path().join(format!("{}.png", page.replace('/', "-")));
        // A hung browser must not hang the test run: coreutils' timeout ends it after 60 s.
        let status = std::process::Command::new("timeout")
            .arg("60")
            .arg(&browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
            ])
            .args([
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--window-size=1000,1400",
            ])
            .arg(format!(
                "--user-data-dir={}",
                dir.path().join("profile").display()
            ))
            .arg(format!("--screenshot={}", png.display()))
            .arg(format!("file://{}", dir.path().join(page).display()))
            .output()
            .expect("chromium runs");
        assert!(
            status.status.success(),
            "{page}: {}",
            String::from_utf8_lossy(&status.stderr)
        );
        let bytes = std::fs::read(&png).expect("screenshot written");
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{page}");
        // IHDR: width and height, big-endian, at bytes 16..24.
        let width = u32::from_be_bytes(bytes[16..20].try_into().expect("4 bytes"));
        let height = u32::from_be_bytes(bytes[20..24].try_into().expect("4 bytes"));
        assert_eq!((width, height), (1000, 1400), "{page}");
        assert!(
            bytes.len() > 20_000,
            "{page}: an almost empty picture ({} bytes)",
            bytes.len()
        );
    }
}
