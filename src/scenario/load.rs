//! Reading a scenario file: syntax, every impossible value (each named with its key and line),
//! the base data, and the base policy with the scenario's overrides laid over it.

use super::{LoadedScenario, Scenario};
use crate::error::{Code, Error, Problem, Result, ValidationReport};
use crate::model::{HomeKind, Policy};
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

/// Parse scenario text (from `file`, for messages); every problem is reported.
pub fn parse(text: &str, file: &str) -> std::result::Result<Scenario, ValidationReport> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let scenario: Scenario = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| crate::io::read::line_of_offset(text.as_bytes(), s.start));
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
    let within = |x: f64, max: f64| x.is_finite() && (0.0..=max).contains(&x);
    let multiplier = format!("a multiplier from 0 to {MAX_MULTIPLIER}");
    let weeks = format!("a week from 0 to {MAX_WEEKS}");
    let lists = [
        ("demand.age_band", d.age_band.len()),
        ("demand.district", d.district.len()),
        ("supply.add", scenario.supply.add.len()),
        ("supply.remove", scenario.supply.remove.len()),
        ("supply.change", scenario.supply.change.len()),
    ];
    for (key, len) in lists {
        check(
            len <= MAX_LIST_ENTRIES,
            key.into(),
            format!("{len} entries"),
            &format!("at most {MAX_LIST_ENTRIES} entries"),
        );
    }
    check(
        within(d.referrals_per_week, MAX_PER_WEEK),
        "demand.referrals_per_week".into(),
        d.referrals_per_week.to_string(),
        &format!("a number of referrals per week from 0 to {MAX_PER_WEEK}"),
    );
    check(
        d.growth_per_year.is_finite() && d.growth_per_year > -1.0 && d.growth_per_year <= 5.0,
        "demand.growth_per_year".into(),
        d.growth_per_year.to_string(),
        "a growth above -1 and at most 5 (0.1 = 10% more)",
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
    check(
        d.emergency_after_weeks <= MAX_WEEKS,
        "demand.emergency_after_weeks".into(),
        d.emergency_after_weeks.to_string(),
        &format!("a number of weeks from 0 to {MAX_WEEKS}"),
    );
    check(
        within(d.sibling_groups, MAX_MULTIPLIER),
        "demand.sibling_groups".into(),
        d.sibling_groups.to_string(),
        &multiplier,
    );
    for (i, m) in d.complexity.iter().enumerate() {
        check(
            within(*m, MAX_MULTIPLIER),
            format!("demand.complexity[{i}]"),
            m.to_string(),
            &multiplier,
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
            within(b.multiplier, MAX_MULTIPLIER),
            format!("demand.age_band[{i}].multiplier"),
            b.multiplier.to_string(),
            &multiplier,
        );
    }
    for (i, m) in d.district.iter().enumerate() {
        check(
            within(m.multiplier, MAX_MULTIPLIER),
            format!("demand.district[{i}].multiplier"),
            m.multiplier.to_string(),
            &multiplier,
        );
    }
    // Multipliers of every matching entry multiply: bound their product too, so that the
    // referral weights stay finite for the random draw.
    // (A non-finite multiplier is reported on its own above.)
    let at_least_one = |m: f64| if m.is_finite() { m.max(1.0) } else { 1.0 };
    let combined = d
        .age_band
        .iter()
        .map(|b| at_least_one(b.multiplier))
        .chain(d.district.iter().map(|m| at_least_one(m.multiplier)))
        .chain([
            d.complexity
                .iter()
                .copied()
                .fold(1.0_f64, |a, m| a.max(at_least_one(m))),
            at_least_one(d.sibling_groups),
        ])
        .product::<f64>();
    check(
        combined <= MAX_COMBINED_MULTIPLIER,
        "demand".into(),
        format!("{combined:e}"),
        &format!(
            "age band, district, complexity and sibling multipliers that together multiply a referral's weight by at most {MAX_COMBINED_MULTIPLIER:e}"
        ),
    );
    let s = &scenario.supply;
    check(
        within(s.vacancies_per_week, MAX_PER_WEEK),
        "supply.vacancies_per_week".into(),
        s.vacancies_per_week.to_string(),
        &format!("a number of beds per week from 0 to {MAX_PER_WEEK}"),
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
            a.count <= MAX_ADD_COUNT,
            format!("supply.add[{i}].count"),
            a.count.to_string(),
            &format!("a number of homes from 0 to {MAX_ADD_COUNT}"),
        );
        check(
            (1..=100).contains(&a.beds),
            format!("supply.add[{i}].beds"),
            a.beds.to_string(),
            "1 to 100 beds",
        );
        check(
            a.age_min <= a.age_max && a.age_max <= 25,
            format!("supply.add[{i}].age_max"),
            a.age_max.to_string(),
            "an age at or above age_min, at most 25",
        );
        check(
            (1..=4).contains(&a.max_complexity),
            format!("supply.add[{i}].max_complexity"),
            a.max_complexity.to_string(),
            "a level from 1 to 4",
        );
        check(
            (1..=12).contains(&a.max_sibling_group),
            format!("supply.add[{i}].max_sibling_group"),
            a.max_sibling_group.to_string(),
            "a whole number from 1 to 12",
        );
        check(
            within(a.weekly_cost, 100_000.0),
            format!("supply.add[{i}].weekly_cost"),
            a.weekly_cost.to_string(),
            "a weekly cost in GBP from 0 to 100000",
        );
        check(
            a.from_week <= MAX_WEEKS,
            format!("supply.add[{i}].from_week"),
            a.from_week.to_string(),
            &weeks,
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
        if let Some(id) = &r.home_id
            && let Some(expected) = crate::io::id_problem(id)
        {
            check(
                false,
                format!("supply.remove[{i}].home_id"),
                id.clone(),
                &expected,
            );
        }
        if let Some(kind) = &r.kind {
            check(
                HomeKind::from_code(kind).is_some(),
                format!("supply.remove[{i}].kind"),
                kind.clone(),
                "a kind of home",
            );
        }
        check(
            r.from_week <= MAX_WEEKS,
            format!("supply.remove[{i}].from_week"),
            r.from_week.to_string(),
            &weeks,
        );
    }
    for (i, c) in s.change.iter().enumerate() {
        check(
            within(c.cost_multiplier, 10.0),
            format!("supply.change[{i}].cost_multiplier"),
            c.cost_multiplier.to_string(),
            "a multiplier from 0 to 10",
        );
        if let Some(kind) = &c.kind {
            check(
                HomeKind::from_code(kind).is_some(),
                format!("supply.change[{i}].kind"),
                kind.clone(),
                "a kind of home",
            );
        }
        if let Some(m) = c.max_complexity {
            check(
                (1..=4).contains(&m),
                format!("supply.change[{i}].max_complexity"),
                m.to_string(),
                "a level from 1 to 4",
            );
        }
        for tag in &c.accepts_needs_add {
            check(
                crate::model::need_tag(tag).is_some(),
                format!("supply.change[{i}].accepts_needs_add"),
                tag.clone(),
                "need tags from docs/data-format.md",
            );
        }
        check(
            c.from_week <= MAX_WEEKS,
            format!("supply.change[{i}].from_week"),
            c.from_week.to_string(),
            &weeks,
        );
    }
    let sp = &scenario.spot;
    for (key, value) in [
        ("spot.family_gbp", sp.family_gbp),
        ("spot.residential_gbp", sp.residential_gbp),
        ("spot.supported_gbp", sp.supported_gbp),
    ] {
        check(
            within(value, MAX_SPOT_GBP),
            key.into(),
            value.to_string(),
            &format!("a weekly cost in GBP from 0 to {MAX_SPOT_GBP}"),
        );
    }
    check(
        s.children_in_childrens_homes <= MAX_ADD_COUNT,
        "supply.children_in_childrens_homes".into(),
        s.children_in_childrens_homes.to_string(),
        &format!("a number of children from 0 to {MAX_ADD_COUNT}"),
    );
    let r = &scenario.run;
    check(
        (1..=MAX_WEEKS).contains(&r.horizon_weeks),
        "run.horizon_weeks".into(),
        r.horizon_weeks.to_string(),
        &format!("1 to {MAX_WEEKS} weeks"),
    );
    check(
        (1..=10_000).contains(&r.replications),
        "run.replications".into(),
        r.replications.to_string(),
        "1 to 10000 replications",
    );
    problems.extend(area_problems(&scenario, file, text));
    if let Some(p) = &scenario.population {
        problems.extend(p.problems(file, text));
    }
    if problems.is_empty() {
        Ok(scenario)
    } else {
        Err(ValidationReport { problems })
    }
}

/// Every area a scenario names (district levers, homes added, removed or changed) that is not
/// an area, a postcode district or a district group: E075, with the known names.
fn area_problems(scenario: &Scenario, file: &str, text: &str) -> Vec<Problem> {
    let s = &scenario.supply;
    let named = (scenario.demand.district.iter().enumerate())
        .map(|(i, m)| (format!("demand.district[{i}].name"), &m.name))
        .chain(
            (s.add.iter().enumerate())
                .map(|(i, a)| (format!("supply.add[{i}].district"), &a.district)),
        )
        .chain((s.remove.iter().enumerate()).filter_map(|(i, r)| {
            (r.district.as_ref()).map(|d| (format!("supply.remove[{i}].district"), d))
        }))
        .chain((s.change.iter().enumerate()).filter_map(|(i, c)| {
            (c.district.as_ref()).map(|d| (format!("supply.change[{i}].district"), d))
        }));
    named
        .filter(|(_, name)| !known_district(name))
        .map(|(key, name)| {
            let areas: Vec<&str> = crate::io::postcodes::areas().iter().map(|a| a.1).collect();
            Problem {
                code: Code::UnknownArea,
                ..problem(
                    file,
                    text,
                    &key,
                    name.clone(),
                    format!(
                        "an area ({}), a postcode district (such as BB11) or a district group from data/reference/district_groups.csv ({}); names are case-sensitive",
                        areas.join(", "),
                        super::groups::names()
                    ),
                )
            }
        })
        .collect()
}

/// An area name from data/reference/lancashire_districts.csv, a known postcode district, or a
/// district group from data/reference/district_groups.csv.
pub fn known_district(name: &str) -> bool {
    super::groups::members(name).is_some()
        || crate::io::postcodes::directory()
            .locate(&name.to_ascii_uppercase())
            .is_some()
        || crate::io::postcodes::directory()
            .entries()
            .iter()
            .any(|e| crate::io::postcodes::area_name(&e.district) == Some(name))
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
            // Point at the scenario's own [policy] key (or its [policy] table) rather than
            // the merged text.
            for p in &mut problems {
                let key = match &p.column {
                    Some(column) => format!("policy.{column}"),
                    None => "policy".to_string(),
                };
                p.line = crate::io::key_line(text, &key);
            }
            Err(Error::Invalid(ValidationReport { problems }))
        }
    }
}
