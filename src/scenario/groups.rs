//! Named groups of districts ("East Lancashire", "Fylde Coast"), from the shipped table
//! data/reference/district_groups.csv (sources in data/reference/README.md): a scenario's
//! levers and supply filters accept a group wherever they take an area, and the sufficiency
//! gap is also reported by group.

use std::collections::BTreeMap;
use std::sync::OnceLock;

const GROUPS_CSV: &str = include_str!("../../data/reference/district_groups.csv");

/// Every group by name, with the everyday names of its districts (as
/// data/reference/lancashire_districts.csv spells them), in the table's order. A row whose
/// ONS code is not in the districts table is skipped (a unit test checks there are none).
pub fn groups() -> &'static BTreeMap<&'static str, Vec<&'static str>> {
    static GROUPS: OnceLock<BTreeMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    GROUPS.get_or_init(|| {
        let areas = crate::io::postcodes::areas();
        let mut out: BTreeMap<&'static str, Vec<&'static str>> = BTreeMap::new();
        for line in GROUPS_CSV.lines().skip(1) {
            let mut f = line.split(',');
            let (Some(group), Some(code)) = (f.next(), f.next()) else {
                continue;
            };
            if let Some(&(_, name, _, _)) = areas.iter().find(|a| a.0 == code) {
                out.entry(group).or_default().push(name);
            }
        }
        out
    })
}

/// The districts of a group, or None when `name` is not a group.
pub fn members(name: &str) -> Option<&'static [&'static str]> {
    groups().get(name).map(Vec::as_slice)
}

/// The groups an area (everyday district name) belongs to, in name order.
pub fn groups_of(area: &str) -> impl Iterator<Item = &'static str> + '_ {
    groups()
        .iter()
        .filter(move |(_, m)| m.contains(&area))
        .map(|(g, _)| *g)
}

/// Whether an area (everyday district name, if the postcode district has one) is `name` or
/// in the group `name`.
pub fn area_in(area: Option<&str>, name: &str) -> bool {
    area.is_some_and(|a| a == name || members(name).is_some_and(|m| m.contains(&a)))
}

/// The group names, comma-separated, for messages.
pub fn names() -> String {
    groups().keys().copied().collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_names_a_known_district_and_groups_do_not_clash_with_areas() {
        let rows = GROUPS_CSV.lines().skip(1).count();
        let named: usize = groups().values().map(Vec::len).sum();
        assert_eq!(
            rows, named,
            "a row's ONS code is not in lancashire_districts.csv"
        );
        let areas = crate::io::postcodes::areas();
        for g in groups().keys() {
            assert!(!areas.iter().any(|a| a.1 == *g), "{g} is also a district");
        }
        assert_eq!(
            members("Central Lancashire"),
            Some(&["Chorley", "Preston", "South Ribble"][..])
        );
        assert_eq!(members("East Lancashire").map(<[_]>::len), Some(6));
        assert!(area_in(Some("Wyre"), "Fylde Coast"));
        assert!(area_in(Some("Wyre"), "Wyre"));
        assert!(!area_in(Some("Preston"), "Fylde Coast"));
        assert!(!area_in(None, "Fylde Coast"));
        assert_eq!(
            groups_of("Wyre").collect::<Vec<_>>(),
            ["Fylde Coast", "North Lancashire"]
        );
    }
}
