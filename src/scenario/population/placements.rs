//! The off-list placements of the population base: homes.csv lists today's FREE beds, so the
//! children already in care live beyond them, in one off-list placement per kind, costed at
//! homes.csv's mean weekly cost of that kind (the return carries no prices). Here too are the
//! kinds of home each category of placement needs, the one place the categories of the
//! return meet the kinds of home of the match.

use crate::model::*;
use crate::population::Category;

/// An off-list placement: where the children already in care live, one per kind.
#[derive(Debug, Clone)]
pub struct OffList {
    /// The placement as a home (never offered to the match: it has no free beds).
    pub home: Home,
    /// The base homes (indices into homes.csv's homes) of the same kind and provider in
    /// which a bed frees up when a child leaves this placement.
    pub frees_into: Vec<usize>,
}

/// The off-list placements: (name, kind, in-house).
pub(super) const OFF_LIST: [(&str, HomeKind, bool); 6] = [
    ("In-house foster care", HomeKind::FosterInhouse, true),
    ("Agency foster care", HomeKind::FosterAgency, false),
    ("In-house children's home", HomeKind::ChildrensHome, true),
    ("Private children's home", HomeKind::ChildrensHome, false),
    ("Supported accommodation", HomeKind::Supported16Plus, false),
    // Not a home of a kind: with parents, placed for adoption, secure, hospital, ... The
    // kind is only for the residential count (never a children's home).
    ("Other placement", HomeKind::FosterInhouse, true),
];
const OTHER: usize = 5;

/// The off-list placement of a child in care on the start date.
pub(super) fn placement_of(category: Category, provider: &str) -> usize {
    match (category, provider) {
        (Category::Fostering, "PR1") => 0,
        (Category::Fostering, _) => 1,
        (Category::Residential, "PR1") => 2,
        (Category::Residential, _) => 3,
        (Category::Supported, _) => 4,
        (Category::Other, _) => OTHER,
    }
}

/// The plan of a child in a category: the kind of home a child of that category needs when
/// they need a new one (a breakdown, a closure).
pub(in crate::scenario) fn need_of(category: Category) -> PlacementNeed {
    match category {
        Category::Residential => PlacementNeed::Residential,
        Category::Supported => PlacementNeed::Supported,
        _ => PlacementNeed::Family,
    }
}

/// The category of a home of a kind.
pub(in crate::scenario) fn category_of(kind: HomeKind) -> Category {
    match kind {
        HomeKind::ChildrensHome => Category::Residential,
        HomeKind::Supported16Plus => Category::Supported,
        _ => Category::Fostering,
    }
}

/// The category of a new entrant's placement, from their plan.
pub(super) fn need_of_category(need: PlacementNeed) -> Category {
    match need {
        PlacementNeed::Residential => Category::Residential,
        PlacementNeed::Supported => Category::Supported,
        _ => Category::Fostering,
    }
}

/// The off-list placements, costed from homes.csv's mean weekly cost of the kind (and
/// provider), or the `[spot]` price of the kind's plan where homes.csv has none.
pub(super) fn off_list(
    dataset: &Dataset,
    spot: &crate::scenario::Spot,
    other_gbp: f64,
) -> Vec<OffList> {
    OFF_LIST
        .iter()
        .enumerate()
        .map(|(n, &(name, kind, in_house))| {
            let same: Vec<usize> = (0..dataset.homes.len())
                .filter(|&h| dataset.homes[h].kind == kind)
                .collect();
            let own: Vec<usize> = same
                .iter()
                .copied()
                .filter(|&h| dataset.homes[h].in_house == in_house)
                .collect();
            let from = if own.is_empty() { same } else { own };
            let cost = if n == OTHER {
                other_gbp
            } else if from.is_empty() {
                spot.weekly_cost(need_of(category_of(kind)))
            } else {
                from.iter()
                    .map(|&h| dataset.homes[h].weekly_cost)
                    .sum::<f64>()
                    / from.len() as f64
            };
            OffList {
                home: Home {
                    id: HomeId(format!("OFF-LIST-{n}")),
                    name: name.to_string(),
                    kind,
                    // Never in any area: district levers and closures do not reach it.
                    location: Location::new(0.0, 0.0, PostcodeDistrict(String::new())),
                    beds_free: 0,
                    age_min: 0,
                    age_max: 25,
                    gender: GenderAccepted::Any,
                    max_complexity: 4,
                    accepts_needs: Default::default(),
                    max_sibling_group: 12,
                    solo_only: false,
                    weekly_cost: cost,
                    ofsted: Ofsted::NotInspected,
                    in_house,
                    languages: Vec::new(),
                    faith: None,
                    household: Default::default(),
                },
                frees_into: if n == OTHER { Vec::new() } else { from },
            }
        })
        .collect()
}
