//! Latency of the web app under load: 50 clients on loopback, each loading the Today page and
//! recording and withdrawing a decision, while one more runs "Match now" over and over.
//! Prints percentiles of each (bounded: 50 x 10 rounds, and at most 60 s).
//!
//! `cargo bench --bench web_load` (figures in benches/README.md).

#[path = "../tests/common/web.rs"]
#[allow(dead_code)]
mod web;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn percentiles(name: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    let at = |p: f64| ms[((ms.len() - 1) as f64 * p).round() as usize];
    println!(
        "{name:<22} n={:<5} p50={:>7.1} ms  p90={:>7.1} ms  p99={:>7.1} ms  max={:>7.1} ms",
        ms.len(),
        at(0.5),
        at(0.9),
        at(0.99),
        ms[ms.len() - 1]
    );
}

fn main() {
    let server = web::start();
    let addr = server.addr.clone();
    let mut art = web::signed_in(&addr, "art");
    assert_eq!(art.post("/match", &[]).status, 303);
    let page = art.get("/child/C0001").body;
    let home = page
        .split("value=\"")
        .filter_map(|r| r.split('"').next())
        .find(|v| v.starts_with('H'))
        .expect("an option")
        .to_string();
    let today = Arc::new(Mutex::new(Vec::new()));
    let decide = Arc::new(Mutex::new(Vec::new()));
    let matches = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let deadline = Instant::now() + Duration::from_secs(60);
    let matcher = {
        let (addr, matches, stop) = (addr.clone(), Arc::clone(&matches), Arc::clone(&stop));
        std::thread::spawn(move || {
            let mut c = web::signed_in(&addr, "manager");
            while !stop.load(Ordering::Relaxed) && Instant::now() < deadline {
                let t = Instant::now();
                assert_eq!(c.post("/match", &[]).status, 303);
                matches
                    .lock()
                    .expect("lock")
                    .push(t.elapsed().as_secs_f64() * 1e3);
            }
        })
    };
    let clients: Vec<_> = (0..50)
        .map(|k| {
            let (addr, today, decide, home) = (
                addr.clone(),
                Arc::clone(&today),
                Arc::clone(&decide),
                home.clone(),
            );
            std::thread::spawn(move || {
                let mut c = web::signed_in(&addr, "art");
                for _ in 0..10 {
                    if Instant::now() > deadline {
                        break;
                    }
                    let t = Instant::now();
                    assert_eq!(c.get("/").status, 200);
                    today
                        .lock()
                        .expect("lock")
                        .push(t.elapsed().as_secs_f64() * 1e3);
                    // Every client contends for one child: the worst case for the database.
                    let _ = k;
                    let child = "C0001";
                    let t = Instant::now();
                    let s = c
                        .post(
                            &format!("/child/{child}/decide"),
                            &[("home", &home), ("reason", "")],
                        )
                        .status;
                    assert!(s == 303 || s == 409, "{s}");
                    let s = c.post(&format!("/child/{child}/withdraw"), &[]).status;
                    assert!(s == 303 || s == 409, "{s}");
                    decide
                        .lock()
                        .expect("lock")
                        .push(t.elapsed().as_secs_f64() * 1e3 / 2.0);
                }
            })
        })
        .collect();
    for c in clients {
        c.join().expect("client");
    }
    stop.store(true, Ordering::Relaxed);
    matcher.join().expect("matcher");
    println!(
        "righthome serve under 50 clients (bundled county, {} workers):",
        righthome::web::WORKERS
    );
    percentiles(
        "GET / (Today)",
        std::mem::take(&mut today.lock().expect("lock")),
    );
    percentiles(
        "POST decide|withdraw",
        std::mem::take(&mut decide.lock().expect("lock")),
    );
    percentiles(
        "POST /match",
        std::mem::take(&mut matches.lock().expect("lock")),
    );
}
