//! Reading a scenario file: syntax, every impossible value (each named with its key and line),
//! the base data, and the base policy with the scenario's overrides laid over it.
//!
//! This file holds the limits, the problem at a key and the loading of a file with its base
//! data; the checks of every value, the checks of area names and the policy merge are apart.

mod areas;
mod checks;
mod policy;

pub use areas::known_district;
pub use checks::parse;

use super::LoadedScenario;
use crate::error::{Code, Error, Problem, Result, ValidationReport};
use policy::merge_policy;
use std::path::Path;

/// Most entries a scenario's list (age bands, districts, homes added, ...) may hold: far more
/// than any real what-if, and few enough that multipliers of matching entries stay finite.
pub const MAX_LIST_ENTRIES: usize = 100;
/// Largest demand multiplier (age band, district, complexity, sibling groups).
pub const MAX_MULTIPLIER: f64 = 100.0;
/// Largest product of the demand multipliers that can apply to one referral.
pub const MAX_COMBINED_MULTIPLIER: f64 = 1e12;
/// Largest weekly rate of referrals or of vacancies: ten times a large county's.
pub const MAX_PER_WEEK: f64 = 1000.0;
/// Most homes one `[[supply.add]]` entry may add.
pub const MAX_ADD_COUNT: u32 = 10_000;
/// Dearest spot placement, GBP per child per week (unregistered placements have been
/// reported at over £10,000 a week; ten times that bounds every plausible price).
pub const MAX_SPOT_GBP: f64 = 100_000.0;
/// Longest horizon, and latest `from_week`, in weeks (ten years).
pub const MAX_WEEKS: u32 = 520;

pub(super) fn problem(
    file: &str,
    text: &str,
    key: &str,
    value: String,
    expected: String,
) -> Problem {
    let line = crate::io::key_line(text, key);
    Problem {
        code: Code::PolicyValue,
        file: file.to_string(),
        line,
        column: Some(key.to_string()),
        value: Some(value),
        expected,
    }
}

/// Read a scenario file's text.
pub fn read(path: &Path) -> Result<String> {
    crate::io::read_text_bounded(path, "a readable scenario file").map_err(|problem| {
        Error::Invalid(ValidationReport {
            problems: vec![problem],
        })
    })
}

/// Load a scenario file, its base data and the merged policy.
pub fn load(path: &Path) -> Result<LoadedScenario> {
    load_text(&read(path)?, path)
}

/// Load scenario `text` as if read from `path` (its base is relative to that path).
pub fn load_text(text: &str, path: &Path) -> Result<LoadedScenario> {
    let file = path.display().to_string();
    let text = text.to_string();
    let mut scenario = parse(&text, &file)?;
    let base = path.parent().unwrap_or(Path::new(".")).join(&scenario.base);
    let (dataset, base_policy) = crate::io::load(&crate::io::InputPaths::in_dir(&base))?;
    let step_down_drive = match scenario.policy.remove("step_down_drive") {
        None => 0,
        Some(toml::Value::Integer(n)) if (0..=10_000).contains(&n) => n as u32,
        Some(other) => {
            return Err(Error::Invalid(ValidationReport {
                problems: vec![problem(
                    &file,
                    &text,
                    "policy.step_down_drive",
                    other.to_string(),
                    "a whole number of children, 0 to 10000".into(),
                )],
            }));
        }
    };
    let policy = merge_policy(&base_policy, &scenario.policy, &file, &text)?;
    // The population base: read and fitted once, shared by every replication.
    let population = match &scenario.population {
        Some(p) => Some(std::sync::Arc::new(super::population::load(
            p,
            path.parent().unwrap_or(Path::new(".")),
            &dataset,
            &policy,
            &scenario.spot,
            (&file, &text),
        )?)),
        None => None,
    };
    let (stock, from) = match &population {
        Some(p) => (
            u32::try_from(p.residential()).unwrap_or(u32::MAX),
            "the children in residential care on the population's start date",
        ),
        None => (
            scenario.supply.children_in_childrens_homes,
            "supply.children_in_childrens_homes",
        ),
    };
    if step_down_drive > stock {
        return Err(Error::Invalid(ValidationReport {
            problems: vec![problem(
                &file,
                &text,
                "policy.step_down_drive",
                step_down_drive.to_string(),
                format!(
                    "at most {from} ({stock}): the children stepping down are among those already in children's homes"
                ),
            )],
        }));
    }
    let name = scenario.name.clone().unwrap_or_else(|| {
        path.file_stem()
            .map_or(file.clone(), |s| s.to_string_lossy().into_owned())
    });
    Ok(LoadedScenario {
        name,
        scenario,
        dataset,
        policy,
        step_down_drive,
        population,
    })
}
