//! The daily match's pages and actions: Today, a child, the young person's sheet, "match
//! now", uploads and recording a decision. Everything shown comes from the library (the
//! match, its approvals, options, reasons and near misses), as `righthome match` gives it.

use super::page;
use crate::approvals::council_name;
use crate::options::{Audience, option_reasons, why_not_best_words};
use crate::report::{self, siblings_living_with};
use crate::web::WebError;
use crate::web::app::{App, lock};
use crate::web::auth::Session;
use crate::web::http::{Req, Resp};
use crate::web::inputs::{self, Solved, approvals_needed};
use minijinja::context;
use minijinja::value::Serde;
use std::sync::Arc;

pub(super) fn latest(app: &App) -> Result<Arc<Solved>, WebError> {
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

pub(super) fn upload(app: &App, req: &Req, user: &str) -> Result<Resp, WebError> {
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

pub(super) fn today(app: &App, s: &Session) -> Result<Resp, WebError> {
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

pub(super) fn child(app: &App, s: &Session, id: &str) -> Result<Resp, WebError> {
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

pub(super) fn sheet(app: &App, id: &str) -> Result<Resp, WebError> {
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

pub(super) fn decide(app: &App, req: &Req, s: &Session, id: &str) -> Result<Resp, WebError> {
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
