//! The pages: Today, a child, approvals, history and accounts. Each is a minijinja template
//! in `templates/web/` (escaped for HTML); the match, options, explanations and sheets come
//! from the same library functions as the commands.

use super::app::{App, SESSION_COOKIE, lock};
use super::auth::Session;
use super::db::AuditFilter;
use super::http::{Req, Resp};
use super::inputs::{self, Solved, approvals_needed};
use super::{WebError, scenarios};
use crate::approvals::council_name;
use crate::options::{Audience, option_reasons, why_not_best_words};
use crate::report::{self, escape::csv_cell, siblings_living_with};
use minijinja::value::Serde;
use minijinja::{Environment, context};
use std::sync::{Arc, OnceLock};

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

fn latest(app: &App) -> Result<Arc<Solved>, WebError> {
    app.latest
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone()
        .ok_or(WebError::NoMatch)
}

/// Solve the live inputs with every standing decision as `decided_home`; the new run
/// replaces the one the pages show.
pub fn run_match(app: &App, user: &str) -> Result<i64, WebError> {
    let _one = lock(&app.matching);
    let (id, decisions) = {
        let db = lock(&app.db);
        (db.next_run_id()?, db.standing()?)
    };
    let dir = inputs::write_run_inputs(&app.data, &app.runs, id, &decisions)?;
    let solved = inputs::solve(&dir, id)?;
    let s = &solved.context.outcome().summary;
    let recorded = lock(&app.db).add_run(user, &dir.display().to_string(), s.children, s.placed)?;
    let solved = Solved {
        run: recorded,
        ..solved
    };
    *app.latest.write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(solved));
    Ok(recorded)
}

fn upload(app: &App, req: &Req, user: &str) -> Result<Resp, WebError> {
    let files: Vec<(&str, Vec<u8>)> = inputs::UPLOAD_FILES
        .iter()
        .filter_map(|(field, name, _)| req.files.get(*field).map(|b| (*name, b.clone())))
        .collect();
    if files.is_empty() {
        return Err(WebError::Form(
            "no file chosen: choose children.csv, homes.csv, residents.csv or policy.toml to upload".into(),
        ));
    }
    inputs::upload(&app.data, &files)?;
    let names: Vec<&str> = files.iter().map(|f| f.0).collect();
    lock(&app.db).audit(user, "upload", None, None, Some(&names.join(", ")))?;
    Ok(Resp::redirect("/"))
}

fn today(app: &App, s: &Session) -> Result<Resp, WebError> {
    let problems: Vec<String> = inputs::problems(&app.data)
        .iter()
        .map(ToString::to_string)
        .collect();
    let solved = app.latest.read().unwrap_or_else(|e| e.into_inner()).clone();
    let decisions = lock(&app.db).standing()?;
    let Some(solved) = solved else {
        return Ok(page(
            s,
            "today.html",
            "Today",
            context! { problems, solved => false },
        ));
    };
    let c = &solved.context;
    let outcome = c.outcome();
    let d = &c.dataset;
    let council = council_name(&c.policy);
    let mut rows = Vec::new();
    let mut unplaced = Vec::new();
    // Sibling groups together: ordered by group (or the child's own id), then id.
    let mut order: Vec<usize> = (0..d.children.len()).collect();
    let key = |i: usize| {
        let ch = &d.children[i];
        (
            ch.sibling_group
                .as_ref()
                .map_or(ch.id.as_str().to_string(), |g| g.0.clone()),
            ch.id.as_str().to_string(),
        )
    };
    order.sort_by_key(|&i| key(i));
    for i in order {
        let o = &outcome.children[i];
        let child = &d.children[i];
        let decided = decisions.iter().find(|x| x.child_id == child.id.as_str());
        let group = child
            .sibling_group
            .as_ref()
            .map(|g| g.0.clone())
            .unwrap_or_default();
        match o.home {
            Some(h) => {
                let home = &d.homes[h];
                rows.push(context! {
                    child => child.id.as_str(), group, home => home.id.as_str(), name => home.name.clone(),
                    kind => home.kind.words(), km => o.distance_km.map(|k| format!("{k:.1}")),
                    approvals => approvals_needed(1, &o.approvals, council).join("; "),
                    decided => decided.map(|x| x.home_id.clone()),
                });
            }
            None => {
                let e = &c.problem.eligibility[i];
                let reasons: Vec<String> = crate::criteria::ReasonColumn::ALL
                    .iter()
                    .filter(|&&col| e.rejected_by(col) > 0)
                    .map(|&col| format!("{} ({} homes)", col.words(), e.rejected_by(col)))
                    .collect();
                let near: Vec<String> = solved
                    .options
                    .iter()
                    .find(|x| x.child == i)
                    .map(|x| x.near_misses.iter().take(3).map(|m| m.words()).collect())
                    .unwrap_or_default();
                unplaced.push(context! {
                    child => child.id.as_str(), group, eligible => e.eligible.len(), reasons, near,
                    why => report::not_placed_words(&outcome, i),
                });
            }
        }
    }
    let sm = &outcome.summary;
    Ok(page(
        s,
        "today.html",
        "Today",
        context! {
            problems, solved => true, run => solved.run, rows, unplaced,
            children => sm.children, placed => sm.placed, homes => d.homes.len(),
            beds => d.homes.iter().map(|h| h.beds_free).sum::<u32>(),
            decided => decisions.len(),
        },
    ))
}

fn child(app: &App, s: &Session, id: &str) -> Result<Resp, WebError> {
    let solved = latest(app)?;
    let c = &solved.context;
    let d = &c.dataset;
    let i = d
        .child_index(&crate::model::ChildId(id.to_string()))
        .ok_or(WebError::NotFound)?;
    let child = &d.children[i];
    let opts = solved
        .options
        .iter()
        .find(|o| o.child == i)
        .ok_or(WebError::NotFound)?;
    let council = council_name(&c.policy);
    let options: Vec<_> = opts
        .options
        .iter()
        .map(|o| {
            let home = &d.homes[o.home];
            let siblings = siblings_living_with(d, &c.result.placements, i, o.home, o.recommended);
            context! {
                rank => o.rank, home => home.id.as_str(), name => home.name.clone(), kind => home.kind.words(),
                score => format!("{:.2}", o.score),
                system_cost => format!("{:.2}", o.system_cost), recommended => o.recommended,
                lines => option_reasons(d, &c.policy, i, o.home, siblings, Audience::Manager),
                why_not_best => o.why_not_best.as_ref().map(|w| why_not_best_words(d, i, w, o.score).0),
                approvals => approvals_needed(o.rank, &o.approvals, council),
                displaced => o.displaced.iter().map(|&x| d.children[x].id.as_str().to_string()).collect::<Vec<_>>(),
            }
        })
        .collect();
    let siblings: Vec<String> = d
        .children
        .iter()
        .filter(|o| {
            o.id != child.id && o.sibling_group.is_some() && o.sibling_group == child.sibling_group
        })
        .map(|o| o.id.as_str().to_string())
        .collect();
    let near: Vec<_> = opts
        .near_misses
        .iter()
        .map(|m| {
            let homes: Vec<String> = m
                .homes
                .iter()
                .map(|&h| format!("{} ({})", d.homes[h].name, d.homes[h].id))
                .collect();
            context! { words => m.words(), homes }
        })
        .collect();
    let history = lock(&app.db).decisions_for(id)?;
    let standing = history.iter().find(|x| x.withdrawn_at.is_none()).cloned();
    Ok(page(
        s,
        "child.html",
        &format!("Child {id}"),
        context! {
            child => id, siblings, options, eligible => opts.eligible_homes, near, standing => Serde(&standing), history => Serde(&history), run => solved.run,
        },
    ))
}

fn sheet(app: &App, id: &str) -> Result<Resp, WebError> {
    let solved = latest(app)?;
    let c = &solved.context;
    let i = c
        .dataset
        .child_index(&crate::model::ChildId(id.to_string()))
        .ok_or(WebError::NotFound)?;
    let only: Vec<_> = solved
        .options
        .iter()
        .filter(|o| o.child == i)
        .cloned()
        .collect();
    let pages = report::child_sheets(
        &c.dataset,
        &c.policy,
        &c.problem,
        &c.result.placements,
        &only,
    )
    .map_err(|e| WebError::Input(e.to_string()))?;
    let (_, html) = pages.into_iter().next().ok_or(WebError::NotFound)?;
    Ok(Resp::bytes("text/html; charset=utf-8", html))
}

fn decide(app: &App, req: &Req, s: &Session, id: &str) -> Result<Resp, WebError> {
    let solved = latest(app)?;
    let d = &solved.context.dataset;
    let i = d
        .child_index(&crate::model::ChildId(id.to_string()))
        .ok_or(WebError::NotFound)?;
    let home = req.field("home");
    let opts = solved
        .options
        .iter()
        .find(|o| o.child == i)
        .ok_or(WebError::NotFound)?;
    let chosen = opts
        .options
        .iter()
        .find(|o| d.homes[o.home].id.as_str() == home)
        .ok_or_else(|| {
            WebError::Form(format!(
                "home '{home}' is not one of {id}'s options: choose one of the options listed"
            ))
        })?;
    let reason = req.field("reason").trim();
    if chosen.rank != 1 && reason.is_empty() {
        return Err(WebError::Form(format!(
            "option {} is not the recommended home: say why it is chosen (the reason is required)",
            chosen.rank
        )));
    }
    let council = council_name(&solved.context.policy);
    let needs = approvals_needed(chosen.rank, &chosen.approvals, council).join("; ");
    lock(&app.db).decide(
        id,
        home,
        chosen.rank as i64,
        solved.run,
        reason,
        &s.user,
        &needs,
    )?;
    Ok(Resp::redirect(&format!("/child/{id}")))
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
