//! Reading a scenario file: syntax, every impossible value (each named with its key and line),
//! the base data, and the base policy with the scenario's overrides laid over it.

use super::{LoadedScenario, Scenario};
use crate::error::{Code, Error, Problem, Result, ValidationReport};
use crate::model::{HomeKind, Policy};
use std::path::Path;

fn problem(file: &str, text: &str, key: &str, value: String, expected: String) -> Problem {
    let leaf = key.rsplit(['.', ']']).next().unwrap_or(key);
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with(leaf))
        .map(|i| i as u64 + 1);
    Problem {
        code: Code::PolicyValue,
        file: file.to_string(),
        line,
        column: Some(key.to_string()),
        value: Some(value),
        expected,
    }
}

/// Parse scenario text (from `file`, for messages); every problem is reported.
pub fn parse(text: &str, file: &str) -> std::result::Result<Scenario, ValidationReport> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let scenario: Scenario = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() as u64 + 1);
        ValidationReport {
            problems: vec![Problem {
                code: Code::PolicySyntax,
                file: file.to_string(),
                line,
                column: None,
                value: None,
                expected: format!(
                    "a valid scenario: {}",
                    crate::io::plain_toml_message(e.message())
                ),
            }],
        }
    })?;
    let mut problems = Vec::new();
    let mut check = |ok: bool, key: String, value: String, expected: &str| {
        if !ok {
            problems.push(problem(file, text, &key, value, expected.to_string()));
        }
    };
    let d = &scenario.demand;
    let share = |x: f64| (0.0..=1.0).contains(&x);
    check(
        d.referrals_per_week.is_finite() && d.referrals_per_week >= 0.0,
        "demand.referrals_per_week".into(),
        d.referrals_per_week.to_string(),
        "a number of referrals per week, 0 or more",
    );
    check(
        d.growth_per_year.is_finite() && d.growth_per_year > -1.0,
        "demand.growth_per_year".into(),
        d.growth_per_year.to_string(),
        "a growth above -1 (0.1 = 10% more)",
    );
    check(
        share(d.planned_moves_per_week),
        "demand.planned_moves_per_week".into(),
        d.planned_moves_per_week.to_string(),
        "a weekly share from 0 to 1",
    );
    check(
        share(d.returns_home_per_week),
        "demand.returns_home_per_week".into(),
        d.returns_home_per_week.to_string(),
        "a weekly share from 0 to 1",
    );
    for (i, m) in d.complexity.iter().enumerate() {
        check(
            m.is_finite() && *m >= 0.0,
            format!("demand.complexity[{i}]"),
            m.to_string(),
            "a multiplier, 0 or more",
        );
    }
    for (i, b) in d.age_band.iter().enumerate() {
        check(
            b.min <= b.max && b.max <= 25,
            format!("demand.age_band[{i}].max"),
            b.max.to_string(),
            "an age band with min <= max <= 25",
        );
        check(
            b.multiplier.is_finite() && b.multiplier >= 0.0,
            format!("demand.age_band[{i}].multiplier"),
            b.multiplier.to_string(),
            "a multiplier, 0 or more",
        );
    }
    for (i, m) in d.district.iter().enumerate() {
        check(
            known_district(&m.name),
            format!("demand.district[{i}].name"),
            m.name.clone(),
            "an area name (such as Burnley) or a postcode district (such as BB11)",
        );
    }
    let s = &scenario.supply;
    check(
        s.vacancies_per_week.is_finite() && s.vacancies_per_week >= 0.0,
        "supply.vacancies_per_week".into(),
        s.vacancies_per_week.to_string(),
        "a number of beds per week, 0 or more",
    );
    check(
        share(s.taken_elsewhere_per_week),
        "supply.taken_elsewhere_per_week".into(),
        s.taken_elsewhere_per_week.to_string(),
        "a weekly share from 0 to 1",
    );
    for (i, a) in s.add.iter().enumerate() {
        check(
            HomeKind::from_code(&a.kind).is_some(),
            format!("supply.add[{i}].kind"),
            a.kind.clone(),
            "a kind of home: foster_inhouse, foster_agency, foster_enhanced, childrens_home or supported_16plus",
        );
        check(
            known_district(&a.district),
            format!("supply.add[{i}].district"),
            a.district.clone(),
            "an area name (such as Burnley) or a postcode district (such as BB11)",
        );
        check(
            a.beds >= 1 && a.age_min <= a.age_max && (1..=4).contains(&a.max_complexity),
            format!("supply.add[{i}].beds"),
            a.beds.to_string(),
            "at least 1 bed, age_min <= age_max, max_complexity 1-4",
        );
        check(
            a.weekly_cost.is_finite() && a.weekly_cost >= 0.0,
            format!("supply.add[{i}].weekly_cost"),
            a.weekly_cost.to_string(),
            "a weekly cost in GBP, 0 or more",
        );
        for tag in &a.accepts_needs {
            check(
                crate::model::need_tag(tag).is_some(),
                format!("supply.add[{i}].accepts_needs"),
                tag.clone(),
                "need tags from docs/data-format.md",
            );
        }
    }
    for (i, r) in s.remove.iter().enumerate() {
        check(
            r.home_id.is_some() || r.kind.is_some() || r.district.is_some(),
            format!("supply.remove[{i}]"),
            String::new(),
            "a home_id, or a kind and/or district (with count)",
        );
        if let Some(kind) = &r.kind {
            check(
                HomeKind::from_code(kind).is_some(),
                format!("supply.remove[{i}].kind"),
                kind.clone(),
                "a kind of home",
            );
        }
    }
    for (i, c) in s.change.iter().enumerate() {
        check(
            c.cost_multiplier.is_finite() && c.cost_multiplier >= 0.0,
            format!("supply.change[{i}].cost_multiplier"),
            c.cost_multiplier.to_string(),
            "a multiplier, 0 or more",
        );
        if let Some(kind) = &c.kind {
            check(
                HomeKind::from_code(kind).is_some(),
                format!("supply.change[{i}].kind"),
                kind.clone(),
                "a kind of home",
            );
        }
    }
    let r = &scenario.run;
    check(
        (1..=520).contains(&r.horizon_weeks),
        "run.horizon_weeks".into(),
        r.horizon_weeks.to_string(),
        "1 to 520 weeks",
    );
    check(
        (1..=10_000).contains(&r.replications),
        "run.replications".into(),
        r.replications.to_string(),
        "1 to 10000 replications",
    );
    if problems.is_empty() {
        Ok(scenario)
    } else {
        Err(ValidationReport { problems })
    }
}

/// An area name from data/reference/lancashire_districts.csv or a known postcode district.
pub fn known_district(name: &str) -> bool {
    crate::io::postcodes::directory()
        .locate(&name.to_ascii_uppercase())
        .is_some()
        || crate::io::postcodes::directory()
            .entries()
            .iter()
            .any(|e| crate::io::postcodes::area_name(&e.district) == Some(name))
}

/// Read a scenario file's text.
pub fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| {
        Error::Invalid(ValidationReport {
            problems: vec![Problem::unreadable(
                path.display().to_string(),
                "a readable scenario file",
                &e,
            )],
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
    })
}

/// The base policy with the scenario's [policy] keys laid over it.
fn merge_policy(base: &Policy, overrides: &toml::Table, file: &str, text: &str) -> Result<Policy> {
    let mut merged =
        toml::Table::try_from(base).map_err(|e| Error::Usage(format!("policy: {e}")))?;
    for (section, value) in overrides {
        match (merged.get_mut(section), value) {
            (Some(toml::Value::Table(into)), toml::Value::Table(from)) => {
                for (k, v) in from {
                    into.insert(k.clone(), v.clone());
                }
            }
            _ => {
                merged.insert(section.clone(), value.clone());
            }
        }
    }
    let rendered = toml::to_string(&merged).map_err(|e| Error::Usage(format!("policy: {e}")))?;
    let mut problems = Vec::new();
    match crate::io::parse_policy(&rendered, file, &mut problems) {
        Some(policy) => Ok(policy),
        None => {
            // Point at the scenario's own [policy] lines rather than the merged text.
            for p in &mut problems {
                p.line = text
                    .lines()
                    .position(|l| l.trim_start().starts_with("[policy"))
                    .map(|i| i as u64 + 1);
            }
            Err(Error::Invalid(ValidationReport { problems }))
        }
    }
}
