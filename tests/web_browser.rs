//! The app in a real browser: headless Chromium driven through WebDriver (chromedriver, its
//! JSON protocol spoken directly). Sign in as `art`, upload the bundled files, match, open a
//! child, record a decision that is not rank 1 with its reason; sign in as `manager`, approve
//! it; the next match keeps it (given as `decided_home`, the home read back from the match);
//! the history shows both. On every page, axe-core finds no serious or critical
//! accessibility violation.
//!
//! The tools: /usr/bin/chromedriver and /usr/bin/chromium (Debian's chromium-driver and
//! chromium) and axe-core from npm in target/npm (.ci/run installs all three). Missing, the
//! test fails under CI and says what to install; elsewhere it says so and skips.
//! With RIGHTHOME_SCREENSHOTS=1 it also writes docs/screenshots/*.png.

mod common;

use common::web::{Client, start};
use serde_json::{Value, json};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";
const AXE: &str = "target/npm/node_modules/axe-core/axe.min.js";
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// The tools, or None (after failing under CI) with what is missing said.
fn tools() -> Option<String> {
    let missing: Vec<&str> = [CHROMEDRIVER, CHROMIUM, AXE]
        .into_iter()
        .filter(|p| !Path::new(p).exists())
        .collect();
    if missing.is_empty() {
        return std::fs::read_to_string(AXE).ok();
    }
    let message = format!(
        "the browser test needs {}: apt-get install chromium chromium-driver; npm install --prefix target/npm axe-core@4.14.1 (.ci/run does both)",
        missing.join(", ")
    );
    assert!(std::env::var_os("CI").is_none(), "{message}");
    eprintln!("skipped: {message}");
    None
}

struct Driver {
    process: Child,
    http: Client,
    session: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let path = format!("/session/{}", self.session);
        let _ = self.http.try_send("DELETE", &path, "", b"");
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

impl Driver {
    fn start() -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let process = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let mut http = Client::new(&format!("127.0.0.1:{port}"));
        let deadline = Instant::now() + Duration::from_secs(20);
        while http.try_send("GET", "/status", "", b"").is_none() {
            assert!(Instant::now() < deadline, "chromedriver did not answer");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().expect("profile").keep();
        let caps = json!({"capabilities": {"alwaysMatch": {"browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": ["--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1200,1000", format!("--user-data-dir={}", profile.display())]}}}});
        let mut driver = Driver {
            process,
            http,
            session: String::new(),
        };
        let v = driver.call("POST", "/session", caps);
        driver.session = v["sessionId"].as_str().expect("a session").to_string();
        driver
    }

    fn call(&mut self, method: &str, path: &str, body: Value) -> Value {
        let full = if path == "/session" {
            path.to_string()
        } else {
            format!("/session/{}{path}", self.session)
        };
        let text = if method == "GET" {
            Vec::new()
        } else {
            body.to_string().into_bytes()
        };
        let r = self.http.send(method, &full, "application/json", &text);
        let v: Value =
            serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{full}: {e}: {}", r.body));
        assert_eq!(r.status, 200, "{method} {full}: {v}");
        v["value"].clone()
    }

    fn go(&mut self, base: &str, path: &str) {
        self.call(
            "POST",
            "/url",
            json!({"url": format!("http://{base}{path}")}),
        );
    }

    fn find(&mut self, css: &str) -> String {
        let v = self.call(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        v[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element {css}: {v}"))
            .to_string()
    }

    fn click(&mut self, css: &str) {
        let id = self.find(css);
        self.call("POST", &format!("/element/{id}/click"), json!({}));
    }

    /// Click something that loads a new page, and wait for it.
    fn submit(&mut self, css: &str) {
        self.call(
            "POST",
            "/execute/sync",
            json!({"script": "window.__old_page = true;", "args": []}),
        );
        self.click(css);
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let v = self.call("POST", "/execute/sync", json!({"script":
                "return document.readyState === 'complete' && window.__old_page === undefined;", "args": []}));
            if v.as_bool() == Some(true) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "no new page after clicking {css}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn type_in(&mut self, css: &str, text: &str) {
        let id = self.find(css);
        self.call(
            "POST",
            &format!("/element/{id}/value"),
            json!({"text": text}),
        );
    }

    fn source(&mut self) -> String {
        self.call("GET", "/source", json!({}))
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    fn url(&mut self) -> String {
        self.call("GET", "/url", json!({}))
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    fn sign_in(&mut self, base: &str, name: &str, password: &str) {
        self.go(base, "/login");
        self.type_in("#username", name);
        self.type_in("#password", password);
        self.submit("main form button[type=submit]");
        let src = self.source();
        assert!(
            self.url().ends_with(&format!("{base}/")),
            "signed in as {name}: {} {src}",
            self.url()
        );
    }

    /// axe-core's serious and critical violations on the current page.
    fn axe(&mut self, axe: &str) -> Vec<String> {
        self.call("POST", "/execute/sync", json!({"script": axe, "args": []}));
        let v = self.call("POST", "/execute/async", json!({"script":
            "const done = arguments[arguments.length - 1]; axe.run(document).then(r => done(r.violations.map(v => [v.id, v.impact, v.nodes.length]))).catch(e => done([['axe-error', 'critical', String(e)]]));",
            "args": []}));
        v.as_array()
            .into_iter()
            .flatten()
            .filter(|x| matches!(x[1].as_str(), Some("serious" | "critical")))
            .map(|x| x.to_string())
            .collect()
    }

    fn screenshot(&mut self, name: &str) {
        if std::env::var_os("RIGHTHOME_SCREENSHOTS").is_none() {
            return;
        }
        let b64 = self.call("GET", "/screenshot", json!({}));
        let png = base64(b64.as_str().expect("base64"));
        std::fs::create_dir_all("docs/screenshots").expect("dir");
        std::fs::write(
            PathBuf::from("docs/screenshots").join(format!("{name}.png")),
            png,
        )
        .expect("write");
    }
}

fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let digits: Vec<u8> = text.bytes().filter_map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &d)| acc | (u32::from(d) << (18 - 6 * i)));
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

#[test]
fn base64_decodes() {
    assert_eq!(base64("aGVsbG8="), b"hello");
    assert_eq!(base64("aGk="), b"hi");
}

#[test]
fn a_decision_recorded_approved_kept_and_logged_in_a_real_browser() {
    let Some(axe) = tools() else { return };
    let server = start();
    let base = server.addr.clone();
    let mut b = Driver::start();
    let mut violations = Vec::new();
    b.go(&base, "/login");
    violations.extend(b.axe(&axe).into_iter().map(|v| format!("/login: {v}")));
    b.screenshot("login");
    b.sign_in(&base, "ann", "ann-password-1");
    // Upload the bundled files, then match.
    let bundled = std::fs::canonicalize("data/lancashire").expect("bundled data");
    b.type_in(
        "#children",
        &bundled.join("children.csv").display().to_string(),
    );
    b.type_in("#homes", &bundled.join("homes.csv").display().to_string());
    b.type_in(
        "#residents",
        &bundled.join("residents.csv").display().to_string(),
    );
    b.submit("form[action='/upload'] button");
    assert!(!b.source().contains("Not done"), "the upload was taken");
    b.submit("form[action='/match'] button");
    let today = b.source();
    assert!(today.contains("Match (run 1)"), "matched");
    violations.extend(b.axe(&axe).into_iter().map(|v| format!("/: {v}")));
    b.screenshot("today");
    // A child with a second option: record it, with a reason.
    b.submit("a[href='/child/C0001']");
    let radios = b.source();
    let second = radios
        .split("name=\"home\" id=\"home-")
        .nth(2)
        .and_then(|r| r.split('"').next())
        .expect("a second option")
        .to_string();
    violations.extend(b.axe(&axe).into_iter().map(|v| format!("/child: {v}")));
    b.screenshot("child");
    b.click(&format!("#home-{second}"));
    b.submit("form[action$='/decide'] button[type=submit]");
    let refused = b.source();
    assert!(
        refused.contains("reason is required"),
        "no reason, refused: {refused}"
    );
    b.go(&base, "/child/C0001");
    b.click(&format!("#home-{second}"));
    b.type_in(
        "#reason",
        "Keeps her at her school and near her grandmother",
    );
    b.submit("form[action$='/decide'] button[type=submit]");
    let page = b.source();
    assert!(
        page.contains(&format!("<strong>{second}</strong>")) && page.contains("pending"),
        "recorded, waiting"
    );
    b.go(&base, "/child/C0001/sheet");
    assert!(b.source().contains("<h1"), "the sheet to print");
    b.go(&base, "/");
    b.submit(".signout button");
    // The manager approves it.
    b.sign_in(&base, "mary", "mary-password-1");
    b.go(&base, "/approvals");
    violations.extend(b.axe(&axe).into_iter().map(|v| format!("/approvals: {v}")));
    b.screenshot("approvals");
    b.type_in("textarea[name=note]", "Agreed: school stability");
    b.submit("button[value=approve]");
    assert!(b.source().contains("<strong>approved</strong>"));
    b.go(&base, "/child/C0001");
    assert!(
        b.source().contains("approved"),
        "the child's page shows the state"
    );
    // The next match is given the decision.
    b.go(&base, "/");
    b.submit("form[action='/match'] button");
    assert!(b.source().contains("Match (run 2)"));
    // The match itself keeps it: Today's table (the match output) gives C0001 that home,
    // and the run's children.csv carried it as `decided_home` to the loader.
    let today = b.source();
    let row = today
        .split("<a href=\"/child/C0001\">C0001</a></th>")
        .nth(1)
        .and_then(|r| r.split("</tr>").next())
        .expect("C0001's row in the match");
    let home_cell = row
        .split("<td>")
        .nth(2)
        .and_then(|c| c.split("</td>").next());
    assert_eq!(
        home_cell,
        Some(second.as_str()),
        "the match keeps it: {row}"
    );
    let run = server.path().join("righthome-runs").join("run-2");
    let children = std::fs::read_to_string(run.join("children.csv")).expect("run 2's inputs");
    assert!(
        children
            .lines()
            .next()
            .is_some_and(|h| h.ends_with("decided_home"))
    );
    let line = children
        .lines()
        .find(|l| l.starts_with("C0001,"))
        .expect("C0001's row");
    assert!(line.ends_with(&format!(",{second}")), "{line}");
    assert!(
        run.join("residents.csv").exists(),
        "residents go to the run"
    );
    // The history shows both.
    b.go(&base, "/history");
    let history = b.source();
    assert!(
        history.contains("<td>decide</td>") && history.contains("<td>approve</td>"),
        "both logged"
    );
    violations.extend(b.axe(&axe).into_iter().map(|v| format!("/history: {v}")));
    b.screenshot("history");
    b.go(&base, "/report");
    violations.extend(b.axe(&axe).into_iter().map(|v| format!("/report: {v}")));
    b.go(&base, "/child/C0001/sheet");
    violations.extend(
        b.axe(&axe)
            .into_iter()
            .map(|v| format!("/child/C0001/sheet: {v}")),
    );
    b.go(&base, "/");
    b.submit(".signout button");
    b.sign_in(&base, "ada", "ada-password-1");
    b.go(&base, "/accounts");
    violations.extend(b.axe(&axe).into_iter().map(|v| format!("/accounts: {v}")));
    b.screenshot("accounts");
    b.submit(".signout button");
    b.sign_in(&base, "pat", "pat-password-1");
    b.go(&base, "/scenarios");
    violations.extend(b.axe(&axe).into_iter().map(|v| format!("/scenarios: {v}")));
    b.screenshot("scenarios");
    assert!(
        violations.is_empty(),
        "serious or critical accessibility violations: {violations:#?}"
    );
}
