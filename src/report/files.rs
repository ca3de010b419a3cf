//! The match's output files (the contract other tools read) and atomic writing: every file
//! goes to a temporary name in the target directory and is renamed only when all are written.

use super::MatchOutcome;
use crate::criteria::ReasonColumn;
use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// matches.csv, pairs.csv, unplaced.csv and summary.json, as (file name, bytes).
pub fn match_files(outcome: &MatchOutcome) -> Result<Vec<(String, Vec<u8>)>> {
    Ok(vec![
        ("matches.csv".to_string(), matches_csv(outcome)?),
        ("pairs.csv".to_string(), pairs_csv(outcome)?),
        ("unplaced.csv".to_string(), unplaced_csv(outcome)?),
        ("summary.json".to_string(), summary_json(outcome)?),
    ])
}

fn csv_err(e: csv::Error) -> Error {
    Error::Solver(format!("formatting CSV: {e}"))
}

fn into_bytes(w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>> {
    w.into_inner().map_err(|e| Error::Solver(e.to_string()))
}

/// matches.csv: one row per child, the home chosen (blank when not placed today).
pub fn matches_csv(outcome: &MatchOutcome) -> Result<Vec<u8>> {
    let d = outcome.dataset;
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "child_id",
        "sibling_group",
        "home_id",
        "home_kind",
        "distance_km",
        "school_km",
        "score",
    ])
    .map_err(csv_err)?;
    for o in &outcome.children {
        let child = &d.children[o.child];
        let home = o.home.map(|h| &d.homes[h]);
        w.write_record([
            child.id.as_str(),
            child.sibling_group.as_ref().map_or("", |g| g.as_str()),
            home.map_or("", |h| h.id.as_str()),
            home.map_or("", |h| h.kind.code()),
            &o.distance_km.map_or(String::new(), |x| format!("{x:.2}")),
            &o.school_km.map_or(String::new(), |x| format!("{x:.2}")),
            &o.score.map_or(String::new(), |x| format!("{x:.4}")),
        ])
        .map_err(csv_err)?;
    }
    into_bytes(w)
}

/// pairs.csv: every eligible (child, home) pair with its score (large at county scale, so
/// built only when written).
pub fn pairs_csv(outcome: &MatchOutcome) -> Result<Vec<u8>> {
    let d = outcome.dataset;
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["child_id", "home_id", "score"])
        .map_err(csv_err)?;
    for (c, e) in outcome.problem.eligibility.iter().enumerate() {
        for &(h, score) in &e.eligible {
            w.write_record([
                d.children[c].id.as_str(),
                d.homes[h].id.as_str(),
                &format!("{score:.4}"),
            ])
            .map_err(csv_err)?;
        }
    }
    into_bytes(w)
}

/// unplaced.csv: per child, how many homes could take them and why the others could not.
pub fn unplaced_csv(outcome: &MatchOutcome) -> Result<Vec<u8>> {
    let d = outcome.dataset;
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["child_id", "eligible_homes"];
    header.extend(ReasonColumn::ALL.iter().map(|c| c.header()));
    w.write_record(&header).map_err(csv_err)?;
    for (c, e) in outcome.problem.eligibility.iter().enumerate() {
        let mut row = vec![d.children[c].id.to_string(), e.eligible.len().to_string()];
        row.extend(
            ReasonColumn::ALL
                .iter()
                .map(|&col| e.rejected_by(col).to_string()),
        );
        w.write_record(&row).map_err(csv_err)?;
    }
    into_bytes(w)
}

/// summary.json: the headline measures.
pub fn summary_json(outcome: &MatchOutcome) -> Result<Vec<u8>> {
    let mut summary =
        serde_json::to_vec_pretty(&outcome.summary).map_err(|e| Error::Solver(e.to_string()))?;
    summary.push(b'\n');
    Ok(summary)
}

/// Refuse to replace earlier results unless asked: a run that would overwrite any of `names`
/// in `dir` fails before anything is computed or written, unless `force`.
pub fn check_output_dir(dir: &Path, names: &[&str], force: bool) -> Result<()> {
    if force {
        return Ok(());
    }
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Usage(format!(
            "{} exists and is not a directory",
            dir.display()
        )));
    }
    let existing: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| dir.join(n).exists())
        .collect();
    if existing.is_empty() {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "{} already holds {}: choose another --out directory, or add --force to replace them",
            dir.display(),
            existing.join(", ")
        )))
    }
}

/// Write every file into `dir` (created if missing) so that either all appear, complete, or
/// none does: each is written to a temporary file beside its target and renamed at the end.
pub fn write_atomically(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<()> {
    let write_err = |path: &Path, source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(|e| write_err(dir, e))?;
    let mut staged = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let mut temp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| write_err(&dir.join(name), e))?;
        temp.write_all(bytes)
            .map_err(|e| write_err(&dir.join(name), e))?;
        temp.as_file()
            .sync_all()
            .map_err(|e| write_err(&dir.join(name), e))?;
        staged.push((temp, dir.join(name)));
    }
    for (temp, path) in staged {
        temp.persist(&path).map_err(|e| write_err(&path, e.error))?;
    }
    Ok(())
}
