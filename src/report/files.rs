//! The match's output files (the contract other tools read); `command::out_dir` writes them
//! as one set.

use super::MatchOutcome;
use super::escape::{CsvOut, fixed};
use crate::criteria::ReasonColumn;
use crate::error::{Error, Result};

/// matches.csv, pairs.csv, unplaced.csv and summary.json, as (file name, bytes).
pub fn match_files(outcome: &MatchOutcome) -> Result<Vec<(String, Vec<u8>)>> {
    Ok(vec![
        ("matches.csv".to_string(), matches_csv(outcome)?),
        ("pairs.csv".to_string(), pairs_csv(outcome)?),
        ("unplaced.csv".to_string(), unplaced_csv(outcome)?),
        ("summary.json".to_string(), summary_json(outcome)?),
    ])
}

/// matches.csv: one row per child, the home chosen (blank when not placed today).
pub fn matches_csv(outcome: &MatchOutcome) -> Result<Vec<u8>> {
    let d = outcome.dataset;
    let mut w = CsvOut::new();
    w.row([
        "child_id",
        "sibling_group",
        "home_id",
        "home_kind",
        "distance_km",
        "school_km",
        "score",
        "approvals",
    ])?;
    for o in &outcome.children {
        let child = &d.children[o.child];
        let home = o.home.map(|h| &d.homes[h]);
        w.row([
            child.id.as_str(),
            child.sibling_group.as_ref().map_or("", |g| g.as_str()),
            home.map_or("", |h| h.id.as_str()),
            home.map_or("", |h| h.kind.code()),
            &o.distance_km.map_or(String::new(), |x| fixed(x, 2)),
            &o.school_km.map_or(String::new(), |x| fixed(x, 2)),
            &o.score.map_or(String::new(), |x| fixed(x, 4)),
            &crate::approvals::codes(&o.approvals),
        ])?;
    }
    w.finish()
}

/// pairs.csv: every eligible (child, home) pair with its score (large at county scale, so
/// built only when written).
pub fn pairs_csv(outcome: &MatchOutcome) -> Result<Vec<u8>> {
    let d = outcome.dataset;
    let mut w = CsvOut::new();
    w.row(["child_id", "home_id", "score"])?;
    for (c, e) in outcome.problem.eligibility.iter().enumerate() {
        for &(h, score) in &e.eligible {
            w.row([
                d.children[c].id.as_str(),
                d.homes[h].id.as_str(),
                &fixed(score, 4),
            ])?;
        }
    }
    w.finish()
}

/// unplaced.csv: per child, how many homes could take them and why the others could not;
/// last, `rejected_by_budget`: homes with room that only the weekly budget keeps from a child
/// left waiting (counted among `eligible_homes`, not among the rules' columns).
pub fn unplaced_csv(outcome: &MatchOutcome) -> Result<Vec<u8>> {
    let d = outcome.dataset;
    let mut w = CsvOut::new();
    let mut header = vec!["child_id", "eligible_homes"];
    header.extend(ReasonColumn::ALL.iter().map(|c| c.header()));
    header.push("rejected_by_budget");
    w.row(&header)?;
    for (c, e) in outcome.problem.eligibility.iter().enumerate() {
        let mut row = vec![d.children[c].id.to_string(), e.eligible.len().to_string()];
        row.extend(
            ReasonColumn::ALL
                .iter()
                .map(|&col| e.rejected_by(col).to_string()),
        );
        row.push(outcome.rejected_by_budget[c].to_string());
        w.row(&row)?;
    }
    w.finish()
}

/// summary.json: the headline measures.
pub fn summary_json(outcome: &MatchOutcome) -> Result<Vec<u8>> {
    let mut summary =
        serde_json::to_vec_pretty(&outcome.summary).map_err(|e| Error::Solver(e.to_string()))?;
    summary.push(b'\n');
    Ok(summary)
}
