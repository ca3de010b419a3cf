//! The pages: Today and a child (in `daily`), approvals, history, scenarios and accounts.
//! Each is a minijinja template in `templates/web/` (escaped for HTML); the match, options,
//! explanations and sheets come from the same library functions as the commands.

use super::app::{App, SESSION_COOKIE, lock};
use super::auth::Session;
use super::db::AuditFilter;
use super::http::{Req, Resp};
use super::{WebError, scenarios};
use crate::report::{self, escape::csv_cell};
use minijinja::value::Serde;
use minijinja::{Environment, context};
use std::sync::OnceLock;

mod daily;

pub use daily::run_match;
use daily::{child, decide, latest, sheet, today, upload};

fn env() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
        let templates = [
            ("base.html", include_str!("../../templates/web/base.html")),
            ("login.html", include_str!("../../templates/web/login.html")),
            ("error.html", include_str!("../../templates/web/error.html")),
            ("today.html", include_str!("../../templates/web/today.html")),
            ("child.html", include_str!("../../templates/web/child.html")),
            (
                "approvals.html",
                include_str!("../../templates/web/approvals.html"),
            ),
            (
                "history.html",
                include_str!("../../templates/web/history.html"),
            ),
            (
                "accounts.html",
                include_str!("../../templates/web/accounts.html"),
            ),
            (
                "scenarios.html",
                include_str!("../../templates/web/scenarios.html"),
            ),
        ];
        for (name, source) in templates {
            // The templates are the program's own: a syntax error fails the unit test below.
            if let Err(e) = env.add_template(name, source) {
                eprintln!("righthome: template {name}: {e}");
            }
        }
        env
    })
}

fn render(status: u16, name: &str, ctx: minijinja::Value) -> Resp {
    match env().get_template(name).and_then(|t| t.render(ctx)) {
        Ok(html) => Resp::html(status, html),
        Err(e) => Resp::text(500, &format!("cannot show the page {name}: {e}")),
    }
}

/// The sign-in page.
pub fn login_page(csrf: &str, message: &str) -> Resp {
    render(
        200,
        "login.html",
        context! { csrf, message, title => "Sign in" },
    )
}

/// A page saying what went wrong and what to do.
pub fn error_page(e: &WebError) -> Resp {
    let problems: Vec<String> = match e {
        WebError::Invalid(p) => p.iter().map(ToString::to_string).collect(),
        _ => Vec::new(),
    };
    render(
        e.status(),
        "error.html",
        context! { title => "Not done", message => e.to_string(), problems },
    )
}

fn page(session: &Session, name: &str, title: &str, extra: minijinja::Value) -> Resp {
    let ctx = context! {
        title, user => session.user.clone(), role => session.role.as_str(), csrf => session.csrf.clone(),
        can_decide => session.role.can_decide(), can_approve => session.role.can_approve(),
        can_admin => session.role.can_admin(),
        ..extra
    };
    render(200, name, ctx)
}

fn forbid(allowed: bool, what: &str) -> Result<(), WebError> {
    if allowed {
        Ok(())
    } else {
        Err(WebError::Forbidden(what.to_string()))
    }
}

/// Route a signed-in request.
pub fn route(app: &App, req: &Req, s: &Session) -> Result<Resp, WebError> {
    let parts: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    match (req.method.as_str(), parts.as_slice()) {
        ("GET", [""]) => today(app, s),
        ("POST", ["match"]) => {
            forbid(s.role.can_decide(), "run the match")?;
            run_match(app, &s.user)?;
            Ok(Resp::redirect("/"))
        }
        ("POST", ["upload"]) => {
            forbid(s.role.can_decide(), "upload inputs")?;
            upload(app, req, &s.user)
        }
        ("GET", ["report"]) => {
            let solved = latest(app)?;
            let c = &solved.context;
            let html =
                report::match_report(&c.outcome()).map_err(|e| WebError::Input(e.to_string()))?;
            Ok(Resp::bytes("text/html; charset=utf-8", html))
        }
        ("GET", ["child", id]) => child(app, s, id),
        ("GET", ["child", id, "sheet"]) => sheet(app, id),
        ("POST", ["child", id, "decide"]) => {
            forbid(s.role.can_decide(), "record decisions")?;
            decide(app, req, s, id)
        }
        ("POST", ["child", id, "withdraw"]) => {
            forbid(s.role.can_decide(), "withdraw decisions")?;
            lock(&app.db).withdraw(id, &s.user)?;
            Ok(Resp::redirect(&format!("/child/{id}")))
        }
        ("GET", ["approvals"]) => {
            forbid(s.role.can_approve(), "see approvals")?;
            let rows = lock(&app.db).approvals()?;
            Ok(page(
                s,
                "approvals.html",
                "Approvals",
                context! { rows => Serde(&rows) },
            ))
        }
        ("POST", ["approvals", id]) => {
            forbid(s.role.can_approve(), "approve decisions")?;
            let id: i64 = id.parse().map_err(|_| WebError::NotFound)?;
            let approve = match req.field("outcome") {
                "approve" => true,
                "decline" => false,
                other => {
                    return Err(WebError::Form(format!(
                        "outcome '{other}': expected approve or decline"
                    )));
                }
            };
            let note = req.field("note").trim();
            if !approve && note.is_empty() {
                return Err(WebError::Form("a note is required to decline".into()));
            }
            lock(&app.db).settle(id, approve, note, &s.user)?;
            Ok(Resp::redirect("/approvals"))
        }
        ("GET", ["history"]) => {
            let filter = filter(req);
            let rows = lock(&app.db).audit_rows(&filter)?;
            let query = format!(
                "user={}&action={}&child={}",
                url(&filter.user),
                url(&filter.action),
                url(&filter.child)
            );
            Ok(page(
                s,
                "history.html",
                "History",
                context! {
                    rows => Serde(&rows), f_user => filter.user, f_action => filter.action, f_child => filter.child, query,
                },
            ))
        }
        ("GET", ["history.csv"]) => history_csv(app, req),
        ("GET", ["scenarios"]) => scenarios_page(app, s),
        ("POST", ["scenarios"]) => {
            forbid(s.role.can_plan(), "run scenarios")?;
            let replications = req.field("replications").trim().parse().map_err(|_| {
                WebError::Form(format!(
                    "replications '{}': expected a whole number 1 to {}",
                    req.field("replications"),
                    scenarios::MAX_WEB_REPLICATIONS
                ))
            })?;
            let name = req.field("scenario");
            let id = scenarios::start(
                &app.jobs,
                &app.scenarios,
                &app.runs,
                name,
                replications,
                &s.user,
            )?;
            lock(&app.db).audit(
                &s.user,
                "scenario_run",
                None,
                None,
                Some(&format!("run {id}: {name} x {replications}")),
            )?;
            Ok(Resp::redirect("/scenarios"))
        }
        ("GET", ["scenarios", id, "dashboard"]) => {
            let id: usize = id.parse().map_err(|_| WebError::NotFound)?;
            let jobs = lock(&app.jobs);
            let Some(scenarios::JobState::Done(dir)) =
                jobs.iter().find(|j| j.id == id).map(|j| &j.state)
            else {
                return Err(WebError::NotFound);
            };
            let html = std::fs::read(dir.join("dashboard.html"))
                .map_err(|e| WebError::Input(format!("the dashboard: {e}")))?;
            Ok(Resp::bytes("text/html; charset=utf-8", html))
        }
        ("GET", ["accounts"]) => {
            forbid(s.role.can_admin(), "manage accounts")?;
            let users: Vec<_> = lock(&app.db)
                .users()?
                .into_iter()
                .map(|(name, role, disabled)| context! { name, role, disabled })
                .collect();
            Ok(page(s, "accounts.html", "Accounts", context! { users }))
        }
        ("POST", ["accounts", name, "disable"]) => {
            forbid(s.role.can_admin(), "manage accounts")?;
            lock(&app.db).disable_user(name, &s.user)?;
            lock(&app.sessions).end_user(name);
            Ok(Resp::redirect("/accounts"))
        }
        ("POST", ["logout"]) => {
            if let Some(id) = req.cookies.get(SESSION_COOKIE) {
                lock(&app.sessions).end(id);
            }
            Ok(Resp::redirect("/login").with("Set-Cookie", app.cookie(SESSION_COOKIE, "", 0)))
        }
        _ => Err(WebError::NotFound),
    }
}

fn url(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn filter(req: &Req) -> AuditFilter {
    AuditFilter {
        user: req.param("user").trim().to_string(),
        action: req.param("action").trim().to_string(),
        child: req.param("child").trim().to_string(),
    }
}

fn scenarios_page(app: &App, s: &Session) -> Result<Resp, WebError> {
    let jobs: Vec<_> = lock(&app.jobs)
        .iter()
        .rev()
        .map(|j| {
            let (state, done, failed) = match &j.state {
                scenarios::JobState::Running => (format!("running for {} s", j.started.elapsed().as_secs()), false, String::new()),
                scenarios::JobState::Done(_) => (format!("done in {:.1} s", j.seconds.unwrap_or(0.0)), true, String::new()),
                scenarios::JobState::Failed(m) => ("failed".to_string(), false, m.clone()),
            };
            context! { id => j.id, by => j.by.clone(), names => j.names.join(" against "), replications => j.replications, state, done, failed }
        })
        .collect();
    let running = lock(&app.jobs)
        .iter()
        .any(|j| matches!(j.state, scenarios::JobState::Running));
    Ok(page(
        s,
        "scenarios.html",
        "Scenarios",
        context! {
            jobs, running, names => scenarios::bundled(&app.scenarios), can_plan => s.role.can_plan(),
            max => scenarios::MAX_WEB_REPLICATIONS,
        },
    ))
}

fn history_csv(app: &App, req: &Req) -> Result<Resp, WebError> {
    let rows = lock(&app.db).audit_rows(&filter(req))?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let csv_err = |e: csv::Error| WebError::Input(format!("history.csv: {e}"));
    out.write_record(["id", "at", "user", "action", "child_id", "home_id", "note"])
        .map_err(csv_err)?;
    for r in rows {
        let cells = [
            r.id.to_string(),
            r.at,
            r.by_user,
            r.action,
            r.child_id.unwrap_or_default(),
            r.home_id.unwrap_or_default(),
            r.note.unwrap_or_default(),
        ];
        out.write_record(cells.iter().map(|c| csv_cell(c).into_owned()))
            .map_err(csv_err)?;
    }
    let out = out
        .into_inner()
        .map_err(|e| WebError::Input(format!("history.csv: {e}")))?;
    Ok(Resp::bytes("text/csv; charset=utf-8", out).with(
        "Content-Disposition",
        "attachment; filename=\"history.csv\"".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_parses() {
        for name in [
            "base.html",
            "login.html",
            "error.html",
            "today.html",
            "child.html",
            "approvals.html",
            "history.html",
            "accounts.html",
            "scenarios.html",
        ] {
            assert!(env().get_template(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn hostile_text_is_escaped_on_pages() {
        let r = login_page("t", "<script>alert(1)</script>");
        let body = String::from_utf8(r.body).expect("utf8");
        assert!(!body.contains("<script>alert"), "{body}");
        assert!(body.contains("&lt;script&gt;"));
    }
}
