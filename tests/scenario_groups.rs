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
