//! Every security point of the web app, over HTTP against a real `righthome serve`: no page
//! without a session, CSRF-less POSTs refused, roles checked on the server, accounts locked
//! after repeated failures, the headers on every response, cookies' attributes, hostile
//! values escaped, uploads capped and validated, loopback by default.

mod common;

use common::web::{ACCOUNTS, Client, signed_in, start};

#[test]
fn healthz_is_open_and_every_other_page_needs_a_session() {
    let s = start();
    let mut c = Client::new(&s.addr);
    let r = c.get("/healthz");
    assert_eq!((r.status, r.body.as_str()), (200, "ok"));
    for path in [
        "/",
        "/child/C0001",
        "/approvals",
        "/history",
        "/history.csv",
        "/accounts",
        "/report",
    ] {
        let r = c.get(path);
        assert_eq!(r.status, 303, "{path}");
        assert_eq!(r.header("location"), "/login", "{path}");
    }
    let r = c.post("/match", &[]);
    assert_eq!((r.status, r.header("location")), (303, "/login"));
    // A made-up session id is no session.
    c.cookies.insert("rh_session".into(), "0".repeat(64));
    assert_eq!(c.get("/").status, 303);
}

#[test]
fn posts_without_the_sessions_csrf_token_are_refused() {
    let s = start();
    let mut c = signed_in(&s.addr, "art");
    let good = c.csrf.clone();
    for token in ["", "nope", &"a".repeat(64)] {
        c.csrf = token.to_string();
        let r = c.post("/match", &[]);
        assert_eq!(r.status, 403, "token {token:?}");
        assert!(r.body.contains("CSRF"), "{}", r.body);
    }
    // The sign-in form needs its own token too.
    let mut fresh = Client::new(&s.addr);
    let r = fresh.post(
        "/login",
        &[("username", "ann"), ("password", ACCOUNTS[0].2)],
    );
    assert_eq!(r.status, 403);
    c.csrf = good;
    assert_eq!(c.post("/match", &[]).status, 303);
    let history = c.get("/history").body;
    assert_eq!(
        history.matches("<td>match</td>").count(),
        1,
        "only the one with a token ran"
    );
}

/// The second option (home id) on a child's page: a choice that is not rank 1, so that it
/// needs a reason and a manager's sign-off (read from the page, not pinned to one calibration).
fn second_option(page: &str) -> String {
    page.split("name=\"home\" id=\"home-")
        .nth(2)
        .and_then(|r| r.split('"').next())
        .expect("a child with a second option")
        .to_string()
}

#[test]
fn roles_are_checked_on_the_server() {
    let s = start();
    let mut art = signed_in(&s.addr, "art");
    assert_eq!(art.post("/match", &[]).status, 303);
    let second = second_option(&art.get("/child/C0001").body);
    let r = art.post(
        "/child/C0001/decide",
        &[("home", &second), ("reason", "near school")],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    let mut manager = signed_in(&s.addr, "manager");
    let page = manager.get("/approvals").body;
    let id = page
        .split("action=\"/approvals/")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a pending approval")
        .to_string();
    let mut planner = signed_in(&s.addr, "planner");
    assert_eq!(planner.get("/approvals").status, 403);
    let r = planner.post(&format!("/approvals/{id}"), &[("outcome", "approve")]);
    assert_eq!(r.status, 403, "a planner cannot approve");
    assert_eq!(planner.post("/match", &[]).status, 403);
    assert_eq!(planner.post("/child/C0001/withdraw", &[]).status, 403);
    assert_eq!(
        art.post(&format!("/approvals/{id}"), &[("outcome", "approve")])
            .status,
        403
    );
    assert_eq!(art.get("/accounts").status, 403);
    assert_eq!(art.post("/accounts/mary/disable", &[]).status, 403);
    assert!(
        manager.get("/approvals").body.contains("pending"),
        "nothing was approved"
    );
    let r = manager.post(
        &format!("/approvals/{id}"),
        &[("outcome", "approve"), ("note", "agreed")],
    );
    assert_eq!(r.status, 303);
    assert!(manager.get("/child/C0001").body.contains("approved"));
    // An admin disables the planner: its session ends at once.
    let mut admin = signed_in(&s.addr, "admin");
    admin.get("/accounts");
    assert_eq!(admin.post("/accounts/pat/disable", &[]).status, 303);
    assert_eq!(planner.get("/").status, 303);
    let mut again = Client::new(&s.addr);
    assert_eq!(again.login("pat", ACCOUNTS[2].2).status, 401);
}

#[test]
fn repeated_failures_lock_the_account() {
    let s = start();
    let mut c = Client::new(&s.addr);
    for _ in 0..5 {
        assert_eq!(c.login("ann", "not-the-password").status, 401);
    }
    // Locked: even the right password is refused now.
    assert_eq!(c.login("ann", ACCOUNTS[0].2).status, 401);
    // Other accounts are not.
    let mut m = Client::new(&s.addr);
    assert_eq!(m.login("mary", ACCOUNTS[1].2).status, 303);
    let history = m.get("/history?action=login_failed").body;
    assert!(
        history.contains("locked"),
        "the refusal while locked is logged"
    );
}

#[test]
fn failures_from_one_address_are_rate_limited() {
    let s = start();
    let mut c = Client::new(&s.addr);
    let mut statuses = Vec::new();
    for i in 0..21 {
        statuses.push(c.login(&format!("nobody{i}"), "whatever-password").status);
    }
    assert!(statuses[..20].iter().all(|&x| x == 401), "{statuses:?}");
    assert_eq!(statuses[20], 429);
    assert_eq!(
        c.login("ann", ACCOUNTS[0].2).status,
        429,
        "the address waits"
    );
}

#[test]
fn every_response_carries_the_security_headers_and_cookies_are_strict() {
    let s = start();
    let mut c = Client::new(&s.addr);
    let login = c.get("/login");
    let mut c = signed_in(&s.addr, "art");
    let mut replies = vec![
        login,
        Client::new(&s.addr).get("/healthz"),
        c.get("/"),
        c.get("/history"),
        c.get("/nowhere"),
        c.get("/static/app.css"),
    ];
    replies.push(c.post("/match", &[]));
    for r in &replies {
        let csp = r.header("content-security-policy");
        assert!(csp.contains("default-src 'self'"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert_eq!(r.header("x-content-type-options"), "nosniff");
        assert_eq!(r.header("referrer-policy"), "no-referrer");
        assert_eq!(r.header("x-frame-options"), "DENY");
    }
    let page = c.get("/").body;
    assert!(
        !page.contains("<script") && !page.contains("style="),
        "no inline scripts or styles"
    );
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "nothing from elsewhere"
    );
    let mut fresh = Client::new(&s.addr);
    fresh.get("/login");
    let r = fresh.post(
        "/login",
        &[("username", "ann"), ("password", ACCOUNTS[0].2)],
    );
    let cookie = r.header("set-cookie");
    let session = cookie
        .lines()
        .find(|l| l.starts_with("rh_session="))
        .expect("session cookie");
    for attr in ["HttpOnly", "SameSite=Strict", "Max-Age=", "Path=/"] {
        assert!(session.contains(attr), "{session}");
    }
    assert!(
        !session.contains("Secure"),
        "plain HTTP on loopback: not Secure unless --behind-tls"
    );
}

#[test]
fn hostile_values_are_escaped_on_every_page() {
    let s = start();
    let mut c = signed_in(&s.addr, "art");
    c.post("/match", &[]);
    let second = second_option(&c.get("/child/C0001").body);
    let hostile = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";
    let r = c.post(
        "/child/C0001/decide",
        &[("home", &second), ("reason", hostile)],
    );
    assert_eq!(r.status, 303);
    let r = c.post("/child/C0002/decide", &[("home", hostile), ("reason", "x")]);
    assert_eq!(r.status, 400);
    let mut login = Client::new(&s.addr);
    login.login(hostile, "whatever-password");
    let mut m = signed_in(&s.addr, "manager");
    for path in [
        "/",
        "/child/C0001",
        "/approvals",
        "/history",
        &format!("/history?user={}", "%3Cscript%3E"),
        "/child/%3Cscript%3E",
    ] {
        let body = m.get(path).body;
        assert!(!body.contains("<script>"), "{path}");
        assert!(!body.contains("<img src=x"), "{path}");
    }
    assert!(
        m.get("/history").body.contains("&lt;script&gt;"),
        "shown, escaped"
    );
    let csv = m.get("/history.csv").body;
    assert!(csv.contains("<script>"), "CSV keeps the text as it was");
}

fn multipart(csrf: &str, files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let b = "----righthometestboundary";
    let mut body =
        format!("--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n")
            .into_bytes();
    for (field, name, bytes) in files {
        body.extend(format!("--{b}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n").as_bytes());
        body.extend(*bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{b}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={b}"), body)
}

#[test]
fn uploads_are_validated_and_capped_and_a_failed_one_changes_nothing() {
    let s = start();
    let mut c = signed_in(&s.addr, "art");
    let before = std::fs::read(s.data().join("children.csv")).expect("read");
    let bad = b"child_id,age\nC1,<script>\n".to_vec();
    let (ct, body) = multipart(&c.csrf.clone(), &[("children", "children.csv", &bad)]);
    let r = c.send("POST", "/upload", &ct, &body);
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(
        r.body.contains("E004") || r.body.contains("E011"),
        "problems listed: {}",
        r.body
    );
    assert!(!r.body.contains("<script>"));
    assert_eq!(
        std::fs::read(s.data().join("children.csv")).expect("read"),
        before
    );
    let big = vec![b'a'; 9 * 1024 * 1024];
    let (ct, body) = multipart(&c.csrf.clone(), &[("children", "children.csv", &big)]);
    let r = c.send("POST", "/upload", &ct, &body);
    assert_eq!(r.status, 413);
    assert_eq!(
        std::fs::read(s.data().join("children.csv")).expect("read"),
        before
    );
    // Fewer referrals: the first ten, and every child a connected-person carer in homes.csv
    // is approved for (a carer's child must be among the referrals: E051, checked below).
    let homes = std::fs::read_to_string(s.data().join("homes.csv")).expect("read");
    let mut table = csv::Reader::from_reader(homes.as_bytes());
    let col = table
        .headers()
        .expect("header")
        .iter()
        .position(|h| h == "connected_child")
        .expect("connected_child");
    let connected: Vec<String> = table
        .records()
        .map(|r| r.expect("row")[col].to_string())
        .filter(|c| !c.is_empty())
        .collect();
    assert!(
        !connected.is_empty(),
        "the bundled county has connected carers"
    );
    let mut fewer = String::new();
    for (i, line) in String::from_utf8(before.clone())
        .expect("utf8")
        .lines()
        .enumerate()
    {
        let id = line.split(',').next().unwrap_or("");
        if i <= 10 || connected.iter().any(|c| c == id) {
            fewer.push_str(line);
            fewer.push('\n');
        }
    }
    // Without a connected carer's child the set is refused, the file named as uploaded.
    let first_ten: String = fewer.lines().take(11).map(|l| format!("{l}\n")).collect();
    if first_ten != fewer {
        let (ct, body) = multipart(
            &c.csrf.clone(),
            &[("children", "children.csv", first_ten.as_bytes())],
        );
        let r = c.send("POST", "/upload", &ct, &body);
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(
            r.body.contains("E051") && r.body.contains("homes.csv:"),
            "{}",
            r.body
        );
        assert!(!r.body.contains(".upload-"), "no staging path: {}", r.body);
    }
    let (ct, body) = multipart(
        &c.csrf.clone(),
        &[("children", "children.csv", fewer.as_bytes())],
    );
    let r = c.send("POST", "/upload", &ct, &body);
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(
        std::fs::read_to_string(s.data().join("children.csv")).expect("read"),
        fewer
    );
    // residents.csv is taken by the same loader: a resident in an unknown home is refused
    // (E050) and nothing changes; a valid one replaces the file.
    let residents = std::fs::read(s.data().join("residents.csv")).expect("bundled residents");
    let bad = b"home_id,age,gender,fostered,sibling_group,needs\nH9999,7,female,true,,\n";
    let (ct, body) = multipart(&c.csrf.clone(), &[("residents", "residents.csv", bad)]);
    let r = c.send("POST", "/upload", &ct, &body);
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(
        r.body.contains("E050") && r.body.contains("H9999"),
        "{}",
        r.body
    );
    assert_eq!(
        std::fs::read(s.data().join("residents.csv")).expect("read"),
        residents
    );
    let fewer_residents: Vec<u8> = String::from_utf8(residents.clone())
        .expect("utf8")
        .lines()
        .take(3)
        .flat_map(|l| format!("{l}\n").into_bytes())
        .collect();
    let (ct, body) = multipart(
        &c.csrf.clone(),
        &[("residents", "residents.csv", &fewer_residents)],
    );
    let r = c.send("POST", "/upload", &ct, &body);
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(
        std::fs::read(s.data().join("residents.csv")).expect("read"),
        fewer_residents
    );
    // The planner may not upload.
    let mut p = signed_in(&s.addr, "planner");
    let (ct, body) = multipart(
        &p.csrf.clone(),
        &[("children", "children.csv", fewer.as_bytes())],
    );
    assert_eq!(p.send("POST", "/upload", &ct, &body).status, 403);
}

#[test]
fn binding_beyond_loopback_needs_allow_remote() {
    let out = std::process::Command::new(common::web::binary())
        .args(["serve", "--bind", "0.0.0.0:0", "--db"])
        .arg(std::env::temp_dir().join("righthome-never.db"))
        .output()
        .expect("serve");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--allow-remote"), "{err}");
}
