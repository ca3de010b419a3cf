//! Every template rendered with hostile text in every field that comes from input (child,
//! sibling group and home ids, home names, districts, scenario names), through the library so
//! that load's id validation is bypassed: no raw tag or attribute break-out reaches a page, no
//! formula reaches a CSV, and no path is built from an id that could leave --out.

mod common;

use common::{child, home};
use righthome::command::{CommandError, MatchContext, OutputError};
use righthome::model::{ChildId, Dataset, HomeKind, Policy, PostcodeDistrict, SiblingGroupId};
use righthome::report::{self, MatchOutcome};
use righthome::scenario::{Replication, ScenarioResult};
use righthome::solver::SolveOptions;
use std::collections::BTreeMap;

/// Markup that would run or break out of an attribute if written raw.
const RAW: [&str; 8] = [
    "<svg onload",
    "<script",
    "<img",
    "<b>",
    "\" onmouseover",
    "' onmouseover",
    "</desc></title>",
    "</title><script",
];

fn hostile_context(ids: [&str; 2]) -> MatchContext {
    let mut a = child(ids[0]);
    let mut b = child(ids[1]);
    a.sibling_group = Some(SiblingGroupId::from("<b>group\" onmouseover=\"x"));
    b.sibling_group = a.sibling_group.clone();
    let mut h1 = home("=H1<svg onload=alert(1)>", "PR1");
    h1.name = "<img src=x onerror=alert(1)>".into();
    h1.beds_free = 2;
    h1.max_sibling_group = 2;
    h1.location.district = PostcodeDistrict("</title><script>alert(1)</script>".into());
    let mut h2 = home("@H2' onmouseover='alert(1)", "PR2");
    h2.kind = HomeKind::ChildrensHome;
    // Too old for every home: shown in the report's table of children not placed.
    let mut c = child("<svg onload=alert(1)>unplaced");
    c.age = 20;
    let dataset = Dataset::new(vec![a, b, c], vec![h1, h2]);
    let policy = Policy::default();
    let (problem, result) =
        righthome::matching::run(&dataset, &policy, &SolveOptions::default()).expect("solves");
    MatchContext {
        dataset,
        policy,
        problem,
        result,
    }
}

const IDS: [&str; 2] = ["=1+2<svg onload=alert(1)>", "-x' onmouseover='alert(1)"];

fn assert_no_raw(name: &str, text: &str) {
    for raw in RAW {
        assert!(!text.contains(raw), "{name}: raw '{raw}' in\n{text}");
    }
}

#[test]
fn the_match_report_and_its_svg_escape_every_input() {
    let context = hostile_context(IDS);
    let outcome = context.outcome();
    assert_eq!(
        outcome.summary.placed, 2,
        "the hostile pair is still matched"
    );
    let page = String::from_utf8(report::match_report(&outcome).expect("renders")).expect("utf-8");
    assert_no_raw("match-report.html", &page);
    assert!(
        page.contains("&lt;svg onload=alert(1)&gt;unplaced"),
        "shown escaped"
    );
}

fn hostile_options(context: &MatchContext) -> Vec<righthome::options::ChildOptions> {
    righthome::options::build_options(
        &context.dataset,
        &context.policy,
        &context.problem,
        &context.result,
        5,
        None,
        &SolveOptions::default(),
    )
    .expect("options")
}

#[test]
fn the_managers_page_and_the_sheets_escape_every_input() {
    let context = hostile_context(IDS);
    let built = hostile_options(&context);
    let page = report::manager_page(&context.dataset, &context.policy, &built).expect("renders");
    assert_no_raw("managers.html", &String::from_utf8(page).expect("utf-8"));
    let sheets = report::child_sheets(
        &context.dataset,
        &context.policy,
        &context.problem,
        &context.result.placements,
        &built,
    )
    .expect("renders");
    assert_eq!(sheets.len(), 3);
    for (name, bytes) in sheets {
        assert_no_raw(&name, &String::from_utf8(bytes).expect("utf-8"));
    }
}

#[test]
fn a_sheet_is_never_named_from_an_id_that_could_leave_out() {
    for bad in [
        "x/../../../ESCAPED",
        "../up",
        "a\0b",
        "a\u{1b}b",
        &"a".repeat(200),
    ] {
        let context = hostile_context([bad, "C2"]);
        let built = hostile_options(&context);
        let set = righthome::command::options_set(&context, &built, true);
        assert!(
            matches!(set, Err(CommandError::Output(OutputError::BadName { .. }))),
            "{bad:?}: {set:?}"
        );
    }
}

#[test]
fn every_output_csv_neutralises_formulas_in_ids() {
    let context = hostile_context(IDS);
    let outcome: MatchOutcome = context.outcome();
    let built = hostile_options(&context);
    let files = [
        ("matches.csv", report::matches_csv(&outcome).expect("csv")),
        ("pairs.csv", report::pairs_csv(&outcome).expect("csv")),
        ("unplaced.csv", report::unplaced_csv(&outcome).expect("csv")),
        (
            "options.csv",
            report::options_csv(&context.dataset, &built).expect("csv"),
        ),
    ];
    for (name, bytes) in files {
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let mut rows = 0;
        for record in reader.records() {
            let record = record.expect("parses");
            rows += 1;
            for cell in record.iter() {
                let first = cell.chars().next();
                let number = cell.parse::<f64>().is_ok();
                assert!(
                    number || !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                    "{name}: cell {cell:?} could run as a formula"
                );
            }
        }
        assert!(rows > 0, "{name} has rows");
    }
    let matches = String::from_utf8(report::matches_csv(&outcome).expect("csv")).expect("utf-8");
    assert!(matches.contains("'=1+2<svg onload=alert(1)>"), "{matches}");
}

fn hostile_result(name: &str) -> ScenarioResult {
    let metrics: BTreeMap<&'static str, f64> = righthome::scenario::METRICS
        .iter()
        .map(|(k, _)| (*k, 1.0))
        .collect();
    let mut gap = BTreeMap::new();
    gap.insert(
        (
            "<script>area</script>".to_string(),
            "family".to_string(),
            "<b>0-4".to_string(),
        ),
        2.0,
    );
    ScenarioResult {
        name: name.into(),
        horizon_weeks: 3,
        replications: vec![
            Replication {
                metrics: metrics.clone(),
                weekly_waiting: vec![1.0, 2.0, 3.0],
                weekly_placed: vec![0.0, 1.0, 0.0],
                gap: gap.clone(),
                beds_needed: gap.clone(),
            };
            2
        ],
    }
}

#[test]
fn the_dashboard_and_its_charts_escape_scenario_names_and_districts() {
    let results = [
        hostile_result("<svg onload=alert(1)>"),
        hostile_result("\" onmouseover=\"alert(1)"),
        hostile_result("</desc></title><script>alert(1)</script>"),
    ];
    let page = report::scenario_dashboard(&results).expect("renders");
    let page = String::from_utf8(page).expect("utf-8");
    assert_no_raw("dashboard.html", &page);
    assert!(page.contains("&lt;svg onload=alert(1)&gt;"));
    let files = righthome::scenario::scenario_files(&results[..1]).expect("files");
    for (name, bytes) in files {
        if name.ends_with(".csv") {
            let text = String::from_utf8(bytes).expect("utf-8");
            assert!(!text.lines().skip(1).any(|l| l.starts_with('=')), "{name}");
        }
    }
}

#[test]
fn a_formula_scenario_name_is_quoted_in_every_scenario_csv() {
    let results = [hostile_result("=cmd|' /C calc'!A0")];
    for (name, bytes) in righthome::scenario::scenario_files(&results).expect("files") {
        if name.ends_with(".csv") {
            let text = String::from_utf8(bytes).expect("utf-8");
            for line in text.lines().skip(1) {
                assert!(line.starts_with("'=cmd|"), "{name}: {line}");
            }
        }
    }
    let _ = ChildId::from("unused");
}
