//! Parsing scenario text and checking every value in it against its limits, each problem
//! named with its key, line and error code; apart because it is a long list of checks and
//! nothing else.

use super::areas::area_problems;
use super::{
    MAX_ADD_COUNT, MAX_COMBINED_MULTIPLIER, MAX_LIST_ENTRIES, MAX_MULTIPLIER, MAX_PER_WEEK,
    MAX_SPOT_GBP, MAX_WEEKS, problem,
};
use crate::error::{Code, Problem, ValidationReport};
use crate::model::HomeKind;
use crate::scenario::Scenario;

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
