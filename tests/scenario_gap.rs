//! District groups ("East Lancashire", data/reference/district_groups.csv) in scenarios: a
//! group lever or filter acts exactly as the same lever on each of its districts, an unknown
//! name is refused naming the file, the key, the value and the known names, and the gap is
//! reported by group as well as by district.

use righthome::scenario::{self, ScenarioResult};
use std::path::Path;

const BASE: &str = "name = \"g\"\nbase = \"../data/lancashire\"\n[supply]\nchildren_in_childrens_homes = 10\nvacancies_per_week = 12.0\n[run]\nhorizon_weeks = 10\nreplications = 3\nseed = 5\n";

fn run(extra: &str) -> ScenarioResult {
    let text = format!("{BASE}{extra}");
    let s = scenario::load_text(&text, Path::new("scenarios/g.toml")).expect("loads");
    scenario::run_scenario(&s, &indicatif::ProgressBar::hidden()).expect("runs")
}

fn same(a: &ScenarioResult, b: &ScenarioResult) -> bool {
    a.replications == b.replications
}

#[test]
fn a_group_lever_is_the_same_lever_on_each_of_its_districts() {
    let group = run("[[demand.district]]\nname = \"East Lancashire\"\nmultiplier = 3.0\n");
    let each: String = [
        "Blackburn with Darwen",
        "Burnley",
        "Hyndburn",
        "Pendle",
        "Ribble Valley",
        "Rossendale",
    ]
    .iter()
    .map(|d| format!("[[demand.district]]\nname = \"{d}\"\nmultiplier = 3.0\n"))
    .collect();
    assert!(same(&group, &run(&each)));
    // And it does something: more entries than without it.
    let plain = run("");
    let entries = |r: &ScenarioResult| r.metric("entries").expect("entries").mean;
    assert!(entries(&group) > entries(&plain));

    let closed = run("[[supply.remove]]\nkind = \"childrens_home\"\ndistrict = \"Fylde Coast\"\n");
    let closed_each: String = ["Blackpool", "Fylde", "Wyre"]
        .iter()
        .map(|d| format!("[[supply.remove]]\nkind = \"childrens_home\"\ndistrict = \"{d}\"\n"))
        .collect();
    assert!(same(&closed, &run(&closed_each)));
}

#[test]
fn an_unknown_area_names_the_file_key_value_and_known_names() {
    let text = format!(
        "{BASE}[[supply.add]]\nkind = \"foster_inhouse\"\ndistrict = \"East Lancs\"\ncount = 2\nweekly_cost = 700.0\n"
    );
    let err = scenario::load_text(&text, Path::new("scenarios/g.toml"))
        .expect_err("refused")
        .to_string();
    for part in [
        "E075",
        "scenarios/g.toml:12",
        "supply.add[0].district",
        "East Lancs",
        "East Lancashire",
        "Fylde Coast",
        "Burnley",
    ] {
        assert!(err.contains(part), "{part} not in {err}");
    }
}
#[test]
fn the_gap_has_group_rows_that_add_up_their_districts() {
    let r = run("[demand]\nreferrals_per_week = 30.0\n");
    let files = scenario::scenario_files(std::slice::from_ref(&r)).expect("files");
    let gap = String::from_utf8(files[2].1.clone()).expect("utf-8");
    let header: Vec<&str> = gap.lines().next().expect("header").split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (district, need, band, unmet, kind) = (
        col("district"),
        col("placement_need"),
        col("age_band"),
        col("unmet_mean"),
        col("area_kind"),
    );
    let rows: Vec<Vec<&str>> = gap
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let members = scenario::groups::members("East Lancashire").expect("group");
    let mut checked = 0;
    for g in rows.iter().filter(|r| r[district] == "East Lancashire") {
        assert_eq!(g[kind], "group");
        let sum: f64 = rows
            .iter()
            .filter(|r| r[kind] == "district" && members.contains(&r[district]))
            .filter(|r| r[need] == g[need] && r[band] == g[band])
            .map(|r| r[unmet].parse::<f64>().expect("number"))
            .sum();
        let total: f64 = g[unmet].parse().expect("number");
        assert!((sum - total).abs() < 0.011, "{g:?}: {sum} vs {total}");
        checked += 1;
    }
    assert!(checked > 0, "no East Lancashire rows in\n{gap}");
}

/// The small base with every home closed from the start: C1 and C2 (a Preston sibling group
/// of 7 and 9, family, 10 days' urgency), C3 (Burnley, 14, residential, 3 days) and C4
/// (Lancaster, 16, supported, 30 days) wait all five weeks (no spot placement for a year).
const NO_SUPPLY: &str = "name = \"none\"\nbase = \"../small\"\n[demand]\nreferrals_per_week = 0.0\nplanned_moves_per_week = 0.0\nreturns_home_per_week = 0.0\nemergency_after_weeks = 52\n[supply]\nvacancies_per_week = 0.0\ntaken_elsewhere_per_week = 0.0\n[[supply.remove]]\nkind = \"foster_inhouse\"\n[[supply.remove]]\nkind = \"foster_agency\"\n[[supply.remove]]\nkind = \"foster_enhanced\"\n[[supply.remove]]\nkind = \"childrens_home\"\n[[supply.remove]]\nkind = \"supported_16plus\"\n[run]\nhorizon_weeks = 5\nreplications = 2\nseed = 3\n";

fn key(area: &str, need: &str, band: &str) -> (String, String, String) {
    (area.into(), need.into(), band.into())
}

#[test]
fn beds_needed_worked_by_hand_on_a_toy() {
    let s = scenario::load_text(NO_SUPPLY, Path::new("tests/fixtures/scenarios/none.toml"))
        .expect("loads");
    let r = scenario::run_scenario(&s, &indicatif::ProgressBar::hidden()).expect("runs");
    // End of week w (from 0) a waiting child is in unmet need once 7 (w + 1) days exceed their
    // urgency: C3 from week 0 (7 > 3), C1 and C2 from week 1 (14 > 10), C4 in week 4 only
    // (35 > 30). The worst week holds both Preston siblings at once: 2 family beds.
    let expected = [
        (key("Preston", "family", "5-9"), 2.0),
        (key("Central Lancashire", "family", "5-9"), 2.0),
        (key("Burnley", "residential", "13-15"), 1.0),
        (key("East Lancashire", "residential", "13-15"), 1.0),
        (key("Pennine Lancashire", "residential", "13-15"), 1.0),
        (key("Lancaster", "supported", "16-17"), 1.0),
        (key("North Lancashire", "supported", "16-17"), 1.0),
    ];
    for rep in &r.replications {
        assert_eq!(rep.beds_needed, expected.iter().cloned().collect());
        assert_eq!(rep.weekly_waiting, vec![4.0; 5]);
    }
    // A year of it with C4 never past urgency (4 weeks): no Lancaster row anywhere.
    let mut short = s.clone();
    short.scenario.run.horizon_weeks = 4;
    let r4 = scenario::run_scenario(&short, &indicatif::ProgressBar::hidden()).expect("runs");
    assert!(
        r4.replications[0]
            .beds_needed
            .keys()
            .all(|k| k.0 != "Lancaster" && k.0 != "North Lancashire")
    );
    // Both side by side: every row in both tables, the shorter run's Lancaster rows as zeros.
    let files = scenario::scenario_files(&[r, r4]).expect("files");
    let gap = String::from_utf8(files[2].1.clone()).expect("utf-8");
    assert!(gap.starts_with("scenario,district,placement_need,age_band,unmet_mean,unmet_p5,unmet_p95,beds_needed_mean,beds_needed_p5,beds_needed_p95,area_kind\n"), "{gap}");
    assert!(
        gap.contains("\nnone,Preston,family,5-9,2.00,2.00,2.00,2.00,2.00,2.00,district\n"),
        "{gap}"
    );
    assert!(
        gap.contains("\nnone,Lancaster,supported,16-17,1.00,1.00,1.00,1.00,1.00,1.00,district\n"),
        "{gap}"
    );
    assert!(
        gap.contains(
            "\nnone,North Lancashire,supported,16-17,1.00,1.00,1.00,1.00,1.00,1.00,group\n"
        ),
        "{gap}"
    );
    let rows: Vec<&str> = gap.lines().skip(1).collect();
    assert_eq!(rows.len() % 2, 0);
    let (a, b) = rows.split_at(rows.len() / 2);
    for (x, y) in a.iter().zip(b) {
        assert_eq!(
            x.split(',').skip(1).take(3).collect::<Vec<_>>(),
            y.split(',').skip(1).take(3).collect::<Vec<_>>()
        );
    }
    assert!(
        b.contains(&"none,Lancaster,supported,16-17,0.00,0.00,0.00,0.00,0.00,0.00,district"),
        "{gap}"
    );
}
