//! Scenarios from the web app: a planner runs one beside the baseline in the background, the
//! page shows its progress, and the library's dashboard is served when done; other roles
//! cannot start one; a bad choice is refused with what to choose.

mod common;

use common::web::{signed_in, start};
use std::time::{Duration, Instant};

#[test]
fn a_planner_runs_a_scenario_in_the_background_and_gets_the_dashboard() {
    let s = start();
    let mut art = signed_in(&s.addr, "art");
    art.get("/scenarios");
    let r = art.post(
        "/scenarios",
        &[
            ("scenario", "recruit-teen-carers.toml"),
            ("replications", "2"),
        ],
    );
    assert_eq!(r.status, 403);
    let mut p = signed_in(&s.addr, "planner");
    let page = p.get("/scenarios").body;
    assert!(
        page.contains("recruit-teen-carers.toml"),
        "the bundled scenarios are offered: {page}"
    );
    let r = p.post(
        "/scenarios",
        &[("scenario", "../etc/passwd"), ("replications", "2")],
    );
    assert_eq!(r.status, 400);
    assert!(r.body.contains("choose one of"), "{}", r.body);
    let r = p.post(
        "/scenarios",
        &[("scenario", "baseline.toml"), ("replications", "100000")],
    );
    assert_eq!(r.status, 400);
    let r = p.post(
        "/scenarios",
        &[
            ("scenario", "recruit-teen-carers.toml"),
            ("replications", "2"),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let page = p.get("/scenarios").body;
        if page.contains("/scenarios/1/dashboard") {
            break;
        }
        assert!(!page.contains("failed"), "{page}");
        assert!(page.contains("running for"), "progress shown: {page}");
        assert!(Instant::now() < deadline, "the run finished in time");
        std::thread::sleep(Duration::from_millis(200));
    }
    let dash = p.get("/scenarios/1/dashboard");
    assert_eq!(dash.status, 200);
    assert!(
        dash.body.contains("<svg") && dash.body.contains("recruit"),
        "the dashboard compares"
    );
    assert!(
        p.get("/history?action=scenario_run")
            .body
            .contains("recruit-teen-carers.toml")
    );
    assert_eq!(p.get("/scenarios/9/dashboard").status, 404);
}
