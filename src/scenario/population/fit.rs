//! Reading and fitting a population base, once per scenario: the SSDA903 return read, the
//! children in care on the start date counted (with only what was known that day), the
//! rates fitted over the window before it, and the referral profile drawn. Every replication
//! then shares the result.

use super::placements::{need_of, off_list, placement_of};
use super::{PopulationBase, PopulationData, Starter, band};
use crate::error::{Code, Error, Result, ValidationReport};
use crate::model::*;
use crate::population::rates::{self, Rates};
use crate::population::{Category, Date, Return, Sex};
use crate::scenario::load::problem;
use crate::scenario::simulate::id_key;
use std::path::Path;

/// The error for a `[population]` start the return cannot give (no date, nobody in care).
fn invalid(file: &str, text: &str, key: &str, value: String, expected: String) -> Error {
    let mut p = problem(file, text, key, value, expected);
    p.code = Code::PopulationStart;
    Error::Invalid(ValidationReport { problems: vec![p] })
}

/// Read the return, count the children in care on the start date, fit the rates and draw
/// the referral profile. `dir` is the scenario file's directory.
pub(in crate::scenario) fn load(
    base: &PopulationBase,
    dir: &Path,
    dataset: &Dataset,
    policy: &Policy,
    spot: &crate::scenario::Spot,
    (file, text): (&str, &str),
) -> Result<PopulationData> {
    let ret = Return::load(&dir.join(&base.ssda903))?;
    let latest = ret.latest_date();
    let start = match (&base.start, latest) {
        (Some(text_start), _) => match Date::parse(text_start) {
            Some(d) => d,
            None => {
                return Err(invalid(
                    file,
                    text,
                    "population.start",
                    text_start.clone(),
                    "a date, yyyy-mm-dd".into(),
                ));
            }
        },
        (None, Some(d)) => d,
        (None, None) => {
            return Err(invalid(
                file,
                text,
                "population.ssda903",
                base.ssda903.display().to_string(),
                "a return with at least one episode".into(),
            ));
        }
    };
    let known = ret.known_on(start);
    let council = if policy.council.code.is_empty() {
        crate::io::councils::LANCASHIRE
    } else {
        policy.council.code.as_str()
    };
    let (stock, _) =
        crate::population::stock::stock_on(&known.episodes, &known.children, start, council);
    if stock.is_empty() {
        return Err(invalid(
            file,
            text,
            "population.start",
            start.to_string(),
            format!(
                "a day on which the return has children in care (its last date is {})",
                latest.map_or("unknown".into(), |d| d.to_string())
            ),
        ));
    }
    let rates = rates::estimate(&known.episodes, &known.children, start, base.window_weeks);
    let pool = match &base.profile {
        Some(p) => profile_pool(&dir.join(p), base.profile_children)?,
        None => Dataset::new(dataset.children.clone(), Vec::new()),
    };
    let mut pool = pool;
    for c in &mut pool.children {
        // New entrants have no home agreed and no one to live with yet.
        c.arrangement = Default::default();
    }
    let placements = off_list(dataset, spot, base.other_weekly_gbp);
    let mut starters = Vec::with_capacity(stock.len());
    for row in &stock {
        let Some(record) = known.children.get(&row.child_id) else {
            continue;
        };
        let age = u32::try_from(row.age.max(0)).unwrap_or(0);
        let next_birthday = (1..=53)
            .find(|&w| record.dob.age_on(start.plus_days(7 * w)) > row.age)
            .unwrap_or(53) as u32;
        let weeks_in_care = u32::try_from(row.care_start.days_until(start) / 7).unwrap_or(0);
        let mut child = template(&pool.children, age, row.category, &row.child_id);
        child.id = ChildId(format!("S-{}", row.child_id));
        child.age = age;
        child.gender = match record.sex {
            Sex::Male => Gender::Male,
            Sex::Female => Gender::Female,
        };
        if let Some(at) = row
            .home_district
            .as_ref()
            .and_then(|d| crate::io::postcodes::directory().locate(d))
        {
            child.home = at;
        }
        child.school = None;
        child.sibling_group = None;
        child.placement_need = need_of(row.category);
        child.step_down_ready = false;
        child.preferred_district = None;
        child.avoid_districts.clear();
        child.urgency_days = 28;
        child.arrangement = Default::default();
        starters.push(Starter {
            child,
            category: row.category,
            weeks_in_care,
            next_birthday,
            placement: placement_of(row.category, &row.provider),
        });
    }
    let unit_band_means = unit_band_means(&pool, &rates);
    Ok(PopulationData {
        start,
        rates,
        starters,
        pool,
        unit_band_means,
        placements,
        settings: base.clone(),
    })
}

/// Children drawn from a county profile (fixed seed: the same in every scenario).
fn profile_pool(path: &Path, n: usize) -> Result<Dataset> {
    let profile = crate::generate::load_profile(path)?;
    let county = crate::generate::generate(&profile, POOL_SEED, Some(n), None)?;
    let (dataset, _) = crate::io::load_from_memory(&county.children_csv, &county.homes_csv, None)
        .map_err(Error::Invalid)?;
    Ok(Dataset::new(dataset.children, Vec::new()))
}

/// The seed the referral profile is generated with.
const POOL_SEED: u64 = 903;

/// A profile child for a child in care: single, of the same DfE age band and (where one
/// exists) a plan that fits the category, chosen by the child's id.
fn template(pool: &[Child], age: u32, category: Category, id: &str) -> Child {
    let fits = |c: &Child| match category {
        Category::Residential => matches!(
            c.placement_need,
            PlacementNeed::Residential | PlacementNeed::Either
        ),
        Category::Supported => c.placement_need == PlacementNeed::Supported,
        _ => matches!(
            c.placement_need,
            PlacementNeed::Family | PlacementNeed::Either
        ),
    };
    let single_band: Vec<&Child> = pool
        .iter()
        .filter(|c| c.sibling_group.is_none() && band(c.age) == band(age))
        .collect();
    let fitting: Vec<&Child> = single_band.iter().copied().filter(|c| fits(c)).collect();
    let from = if fitting.is_empty() {
        single_band
    } else {
        fitting
    };
    let key = id_key(&ChildId(id.to_string())) as usize;
    match from.get(key % from.len().max(1)) {
        Some(c) => (*c).clone(),
        None => pool
            .get(key % pool.len().max(1))
            .cloned()
            .unwrap_or_else(|| blank_child(age)),
    }
}

/// A child with no needs, for an empty profile (never reached with a profile of children).
fn blank_child(age: u32) -> Child {
    Child {
        id: ChildId(String::new()),
        age,
        gender: Gender::Other,
        home: Location::new(53.76, -2.70, PostcodeDistrict("PR1".into())),
        school: None,
        sibling_group: None,
        sibling_plan: SiblingPlan::Together,
        complexity: 1,
        needs: Default::default(),
        placement_need: PlacementNeed::Family,
        step_down_ready: false,
        preferred_district: None,
        avoid_districts: Default::default(),
        urgency_days: 28,
        languages: Vec::new(),
        faith: None,
        arrangement: Default::default(),
    }
}

/// Per referral unit, the fitted weekly entry mean each DfE band contributes: a band's
/// entrants per week shared equally among the profile's children of that band, and a unit
/// arriving brings all its members (so a unit's mean is its members' shares over its size).
fn unit_band_means(pool: &Dataset, rates: &Rates) -> Vec<[f64; 5]> {
    let mut in_band = [0usize; 5];
    for c in &pool.children {
        in_band[band(c.age)] += 1;
    }
    pool.units()
        .iter()
        .map(|u| {
            let mut m = [0.0; 5];
            for &i in &u.members {
                let b = band(pool.children[i].age);
                m[b] += rates.entries[b].rate() / in_band[b].max(1) as f64 / u.members.len() as f64;
            }
            m
        })
        .collect()
}
