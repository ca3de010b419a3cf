//! 50 clients recording and withdrawing decisions at once lose and duplicate nothing (the
//! audit log and the decisions agree with what the clients were told); and a server killed
//! mid-burst leaves a sound database holding every decision it acknowledged.

mod common;

use common::web::{Client, signed_in, start};
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Every child's recommended home from the art client's view of each child's page.
/// (Children no home can take today are left out.)
fn recommended(c: &mut Client, children: &[String]) -> BTreeMap<String, String> {
    children
        .iter()
        .filter_map(|id| {
            let page = c.get(&format!("/child/{id}")).body;
            let home = page
                .split("value=\"")
                .filter_map(|r| r.split('"').next())
                .find(|v| v.starts_with('H'))?
                .to_string();
            Some((id.clone(), home))
        })
        .collect()
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).expect(sql)
}

#[test]
fn fifty_clients_record_and_withdraw_at_once_and_nothing_is_lost_or_doubled() {
    let s = start();
    let mut art = signed_in(&s.addr, "art");
    assert_eq!(art.post("/match", &[]).status, 303);
    let all: Vec<String> = (1..=30).map(|i| format!("C{i:04}")).collect();
    let homes = Arc::new(recommended(&mut art, &all));
    let children: Vec<String> = homes.keys().take(10).cloned().collect();
    assert_eq!(children.len(), 10);
    let started = Instant::now();
    let addr = s.addr.clone();
    let threads: Vec<_> = (0..50)
        .map(|k| {
            let (addr, homes, child) = (addr.clone(), Arc::clone(&homes), children[k % 10].clone());
            std::thread::spawn(move || {
                let mut c = signed_in(&addr, if k % 2 == 0 { "art" } else { "manager" });
                let home = homes[&child].clone();
                let (mut decided, mut withdrawn) = (0, 0);
                for _ in 0..6 {
                    match c
                        .post(
                            &format!("/child/{child}/decide"),
                            &[("home", &home), ("reason", "")],
                        )
                        .status
                    {
                        303 => decided += 1,
                        409 => {}
                        other => panic!("decide: {other}"),
                    }
                    match c.post(&format!("/child/{child}/withdraw"), &[]).status {
                        303 => withdrawn += 1,
                        409 => {}
                        other => panic!("withdraw: {other}"),
                    }
                }
                (child, decided, withdrawn)
            })
        })
        .collect();
    let mut told: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for t in threads {
        let (child, d, w) = t.join().expect("client");
        let e = told.entry(child).or_default();
        e.0 += d;
        e.1 += w;
    }
    let took = started.elapsed();
    assert!(took < Duration::from_secs(120), "took {took:?}");
    let conn = Connection::open(s.db()).expect("db");
    for (child, (d, w)) in &told {
        let q = |sql: &str| {
            conn.query_row(sql, [child], |r| r.get::<_, i64>(0))
                .expect(sql)
        };
        assert_eq!(
            q("SELECT COUNT(*) FROM decisions WHERE child_id = ?1"),
            *d,
            "{child}: decisions"
        );
        assert_eq!(
            q("SELECT COUNT(*) FROM audit WHERE action = 'decide' AND child_id = ?1"),
            *d,
            "{child}: audit decide"
        );
        assert_eq!(
            q("SELECT COUNT(*) FROM decisions WHERE child_id = ?1 AND withdrawn_at IS NOT NULL"),
            *w,
            "{child}: withdrawn"
        );
        assert_eq!(
            q("SELECT COUNT(*) FROM audit WHERE action = 'withdraw' AND child_id = ?1"),
            *w,
            "{child}: audit withdraw"
        );
        assert!(d - w == 0 || d - w == 1, "{child}: at most one standing");
        assert!(*d > 0, "{child}: some decision got through");
    }
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok");
}

#[test]
fn a_server_killed_mid_burst_keeps_every_acknowledged_decision() {
    let s = start();
    let mut art = signed_in(&s.addr, "art");
    assert_eq!(art.post("/match", &[]).status, 303);
    let all: Vec<String> = (1..=40).map(|i| format!("C{i:04}")).collect();
    let homes = Arc::new(recommended(&mut art, &all));
    let children: Vec<String> = homes.keys().cloned().collect();
    let addr = s.addr.clone();
    let threads: Vec<_> = (0..4)
        .map(|k| {
            let (addr, homes) = (addr.clone(), Arc::clone(&homes));
            let mine: Vec<String> = children.iter().skip(k).step_by(4).cloned().collect();
            std::thread::spawn(move || {
                let mut c = signed_in(&addr, "art");
                let mut acknowledged: BTreeMap<String, bool> = BTreeMap::new();
                let deadline = Instant::now() + Duration::from_secs(30);
                'burst: while Instant::now() < deadline {
                    for child in &mine {
                        let home = &homes[child];
                        match c.try_send(
                            "POST",
                            &format!("/child/{child}/decide"),
                            "application/x-www-form-urlencoded",
                            common::web::form(&[
                                ("csrf", &c.csrf.clone()),
                                ("home", home),
                                ("reason", ""),
                            ])
                            .as_bytes(),
                        ) {
                            Some(r) if r.status == 303 => {
                                acknowledged.insert(child.clone(), true);
                            }
                            Some(_) => {}
                            None => break 'burst,
                        }
                        match c.try_send(
                            "POST",
                            &format!("/child/{child}/withdraw"),
                            "application/x-www-form-urlencoded",
                            common::web::form(&[("csrf", &c.csrf.clone())]).as_bytes(),
                        ) {
                            Some(r) if r.status == 303 => {
                                acknowledged.insert(child.clone(), false);
                            }
                            Some(_) => {}
                            None => {
                                // Killed mid-withdraw: whether it was done is unknown.
                                acknowledged.remove(child);
                                break 'burst;
                            }
                        }
                        // Leave one standing for every second child.
                        if child.ends_with(['0', '2', '4', '6', '8']) {
                            match c.try_send(
                                "POST",
                                &format!("/child/{child}/decide"),
                                "application/x-www-form-urlencoded",
                                common::web::form(&[
                                    ("csrf", &c.csrf.clone()),
                                    ("home", home),
                                    ("reason", ""),
                                ])
                                .as_bytes(),
                            ) {
                                Some(r) if r.status == 303 => {
                                    acknowledged.insert(child.clone(), true);
                                }
                                Some(_) => {}
                                None => break 'burst,
                            }
                        }
                    }
                }
                acknowledged
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(1500));
    let dir = s.stop();
    let mut standing: Vec<String> = Vec::new();
    for t in threads {
        standing.extend(
            t.join()
                .expect("client")
                .into_iter()
                .filter(|(_, on)| *on)
                .map(|(c, _)| c),
        );
    }
    let conn = Connection::open(dir.path().join("righthome.db")).expect("db");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok");
    let decides = count(&conn, "SELECT COUNT(*) FROM audit WHERE action = 'decide'");
    assert!(decides > 0, "the burst wrote before the kill");
    for child in &standing {
        let n: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM decisions WHERE child_id = ?1 AND withdrawn_at IS NULL",
                [child],
                |r| r.get(0),
            )
            .expect("query");
        assert_eq!(n, 1, "{child}: acknowledged and standing");
    }
    assert_eq!(
        count(&conn, "SELECT COUNT(*) FROM decisions"),
        decides,
        "audit and decisions agree"
    );
    drop(conn);
    // And the app starts again on it.
    let s = common::web::restart(dir);
    assert_eq!(Client::new(&s.addr).get("/healthz").status, 200);
}
