//! Scenarios in the background: a planner picks a bundled scenario (compared with the
//! baseline), the run goes on in its own thread while the page shows how long it has run
//! (refreshing itself), and the library's dashboard is served when it is done.

use super::WebError;
use crate::command::{OutTarget, ScenarioRun, report_scenario};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Most replications a run from the app may ask for (the page's field).
pub const MAX_WEB_REPLICATIONS: u32 = 200;

/// Where a run is.
#[derive(Debug, Clone)]
pub enum JobState {
    /// Simulating.
    Running,
    /// Done: the dashboard's directory.
    Done(PathBuf),
    /// Failed, with the message.
    Failed(String),
}

/// One background run.
#[derive(Debug, Clone)]
pub struct Job {
    /// 1, 2, ...
    pub id: usize,
    /// Who started it.
    pub by: String,
    /// The scenario files' names, the baseline first.
    pub names: Vec<String>,
    /// Replications asked for.
    pub replications: u32,
    /// When it started.
    pub started: Instant,
    /// Seconds it took, once finished.
    pub seconds: Option<f64>,
    /// Where it is.
    pub state: JobState,
}

/// The bundled scenarios: `*.toml` file names in `dir`, sorted.
pub fn bundled(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    names
}

/// Start `name` beside the baseline in a thread; returns the job's id.
pub fn start(
    jobs: &Arc<Mutex<Vec<Job>>>,
    dir: &Path,
    out_root: &Path,
    name: &str,
    replications: u32,
    by: &str,
) -> Result<usize, WebError> {
    let known = bundled(dir);
    if !known.iter().any(|n| n == name) {
        return Err(WebError::Form(format!(
            "no scenario '{name}': choose one of {}",
            known.join(", ")
        )));
    }
    if !(1..=MAX_WEB_REPLICATIONS).contains(&replications) {
        return Err(WebError::Form(format!(
            "replications must be 1 to {MAX_WEB_REPLICATIONS}, not {replications}"
        )));
    }
    let mut names = vec!["baseline.toml".to_string()];
    if name != "baseline.toml" {
        names.push(name.to_string());
    }
    let files: Vec<PathBuf> = names.iter().map(|n| dir.join(n)).collect();
    let mut all = super::app::lock(jobs);
    let id = all.len() + 1;
    let out = out_root.join(format!("scenario-{id}"));
    all.push(Job {
        id,
        by: by.to_string(),
        names,
        replications,
        started: Instant::now(),
        seconds: None,
        state: JobState::Running,
    });
    drop(all);
    let jobs = Arc::clone(jobs);
    std::thread::spawn(move || {
        let run = ScenarioRun {
            out: Some(OutTarget {
                dir: out.clone(),
                force: true,
            }),
            replications: Some(replications),
            seed: None,
            progress: false,
        };
        let state = match report_scenario(&files, &run) {
            Ok(_) => JobState::Done(out),
            Err(e) => JobState::Failed(e.message()),
        };
        let mut all = super::app::lock(&jobs);
        if let Some(job) = all.iter_mut().find(|j| j.id == id) {
            job.seconds = Some(job.started.elapsed().as_secs_f64());
            job.state = state;
        }
    });
    Ok(id)
}
