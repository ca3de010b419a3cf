//! The area names a scenario uses (district levers, homes added, removed or changed), checked
//! against the areas, postcode districts and district groups (E075); apart because it reads the
//! reference data, which the other checks do not.

use super::problem;
use crate::error::{Code, Problem};
use crate::scenario::Scenario;

/// Every area a scenario names (district levers, homes added, removed or changed) that is not
/// an area, a postcode district or a district group: E075, with the known names.
pub(super) fn area_problems(scenario: &Scenario, file: &str, text: &str) -> Vec<Problem> {
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
                        crate::scenario::groups::names()
                    ),
                )
            }
        })
        .collect()
}

/// An area name from data/reference/lancashire_districts.csv, a known postcode district, or a
/// district group from data/reference/district_groups.csv.
pub fn known_district(name: &str) -> bool {
    crate::scenario::groups::members(name).is_some()
        || crate::io::postcodes::directory()
            .locate(&name.to_ascii_uppercase())
            .is_some()
        || crate::io::postcodes::directory()
            .entries()
            .iter()
            .any(|e| crate::io::postcodes::area_name(&e.district) == Some(name))
}
