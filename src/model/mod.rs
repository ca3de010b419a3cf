//! Validated domain types: what the rest of the program reasons about.
//!
//! Everything here has passed validation in [`crate::io`]: ids are unique, numbers are in range,
//! every location is resolved to a point. Nothing in this module reads files or talks to a solver.

mod child;
mod home;
pub mod household;
mod ids;
pub mod location;
pub mod measures;
pub mod policy;

pub use child::{Child, Gender, PlacementNeed, School, SiblingPlan};
pub use home::{GenderAccepted, Home, HomeKind, Ofsted};
pub use household::{Arrangement, HouseholdRule, LivingWith, Resident};
pub use ids::{ChildId, HomeId, SiblingGroupId};
pub use location::{Location, PostcodeDistrict};
pub use policy::{Policy, Weights};

use std::collections::BTreeMap;

/// The need tags a child may carry and a home may accept. A fixed vocabulary so that a typo
/// ("exploitaton_risk") is an error rather than a silent mismatch that rules out every home.
pub const NEED_TAGS: &[&str] = &[
    "autism",
    "disability",
    "exploitation_risk",
    "fire_setting",
    "harm_to_animals",
    "harmful_sexual_behaviour",
    "mental_health",
    "missing_risk",
    "parent_and_child",
    "physical_harm_to_others",
    "self_harm",
    "substance_misuse",
    "uasc",
];

/// A need tag from [`NEED_TAGS`].
pub type NeedTag = &'static str;

/// Look a tag up in [`NEED_TAGS`], returning the interned tag.
pub fn need_tag(text: &str) -> Option<NeedTag> {
    NEED_TAGS.iter().copied().find(|t| *t == text)
}

/// One day's inputs: the children to be matched and the homes with free beds, both sorted by id
/// so that everything built from them (and so the solver's answer) is independent of row order.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// The referrals from children.csv, sorted by id.
    pub children: Vec<Child>,
    /// The homes with free beds from homes.csv, sorted by id.
    pub homes: Vec<Home>,
    /// What the loader noticed that does not stop the run (a supported home listed from under
    /// 16, a `together` group no home can take together), one line each.
    pub warnings: Vec<String>,
}

/// Brothers and sisters to be matched together (or, when assessed, possibly apart).
#[derive(Debug, Clone, PartialEq)]
pub struct SiblingGroup {
    /// The group's id, as in children.csv's `sibling_group` column.
    pub id: SiblingGroupId,
    /// Whether the group must live together (the members' shared plan).
    pub plan: SiblingPlan,
    /// Indices into [`Dataset::children`], in id order.
    pub members: Vec<usize>,
}

/// What the assignment places as one: a child alone, or a sibling group. The one definition
/// matching, the checker and the simulation share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Indices into [`Dataset::children`], in id order.
    pub members: Vec<usize>,
    /// The members may also be placed one by one (an `apart_assessed` group).
    pub apart_allowed: bool,
}

impl Dataset {
    /// Per child, the home agreed for them that is kept (`decided_home`), in the words
    /// "kept even if the optimum would differ", where it has a bed: in child id order (the
    /// order of [`Dataset::children`]), a child (with their `together` group, who go as one)
    /// keeps the home agreed for them if its beds not already kept for children before them
    /// take the whole unit; two agreed for one bed, the first is kept and the other is matched
    /// as any child. The match and the checker both take it from here.
    pub fn agreed_homes(&self) -> Vec<Option<usize>> {
        let mut kept: Vec<Option<usize>> = vec![None; self.children.len()];
        let mut beds: Vec<u32> = self.homes.iter().map(|h| h.capacity()).collect();
        for (c, child) in self.children.iter().enumerate() {
            let Some(h) = child
                .arrangement
                .decided_home
                .as_ref()
                .and_then(|id| self.home_index(id))
            else {
                continue;
            };
            let unit = self.placed_with(c);
            if unit.iter().any(|&m| kept[m].is_some()) {
                continue;
            }
            if beds[h] as usize >= unit.len() {
                beds[h] -= unit.len() as u32;
                for m in unit {
                    kept[m] = Some(h);
                }
            }
        }
        kept
    }

    /// Every unit, ordered by its first member: each child with no sibling group alone, and
    /// each sibling group (of any plan) as one unit.
    pub fn units(&self) -> Vec<Unit> {
        let mut units: Vec<Unit> = self
            .children
            .iter()
            .enumerate()
            .filter(|(_, c)| c.sibling_group.is_none())
            .map(|(i, _)| Unit {
                members: vec![i],
                apart_allowed: false,
            })
            .collect();
        for group in self.sibling_groups() {
            units.push(Unit {
                apart_allowed: group.plan == SiblingPlan::ApartAssessed,
                members: group.members,
            });
        }
        units.sort_by_key(|u| u.members[0]);
        units
    }

    /// The children who must live with child `c` wherever they go, `c` included, in id
    /// order: a `together` group's members, or `c` alone (no group, or an assessed plan to
    /// live apart, where each member is judged alone).
    pub fn placed_with(&self, c: usize) -> Vec<usize> {
        let child = &self.children[c];
        match (&child.sibling_group, child.sibling_plan) {
            (Some(g), SiblingPlan::Together) => (0..self.children.len())
                .filter(|&o| self.children[o].sibling_group.as_ref() == Some(g))
                .collect(),
            _ => vec![c],
        }
    }

    /// Build a dataset, sorting children and homes by id (the deterministic order).
    pub fn new(mut children: Vec<Child>, mut homes: Vec<Home>) -> Self {
        children.sort_by(|a, b| a.id.cmp(&b.id));
        homes.sort_by(|a, b| a.id.cmp(&b.id));
        Dataset {
            children,
            homes,
            warnings: Vec::new(),
        }
    }

    /// The sibling groups, in group id order. Children with no group are not listed.
    pub fn sibling_groups(&self) -> Vec<SiblingGroup> {
        let mut groups: BTreeMap<&SiblingGroupId, Vec<usize>> = BTreeMap::new();
        for (index, child) in self.children.iter().enumerate() {
            if let Some(group) = &child.sibling_group {
                groups.entry(group).or_default().push(index);
            }
        }
        groups
            .into_iter()
            .map(|(id, members)| SiblingGroup {
                id: id.clone(),
                plan: self.children[members[0]].sibling_plan,
                members,
            })
            .collect()
    }

    /// Index of the child with this id, if present.
    pub fn child_index(&self, id: &ChildId) -> Option<usize> {
        self.children.binary_search_by(|c| c.id.cmp(id)).ok()
    }

    /// Index of the home with this id, if present.
    pub fn home_index(&self, id: &HomeId) -> Option<usize> {
        self.homes.binary_search_by(|h| h.id.cmp(id)).ok()
    }
}
