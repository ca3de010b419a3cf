//! Demand: a child referred for a new home.

use super::{ChildId, Location, NeedTag, SiblingGroupId};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
    /// Goes to homes registered for any gender.
    Other,
}

/// Whether a sibling group must live together or may, after an assessed decision, live apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiblingPlan {
    Together,
    ApartAssessed,
}

/// The kind of home the child's plan calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlacementNeed {
    /// A foster family (any foster kind).
    Family,
    /// A children's home.
    Residential,
    /// A foster family or a children's home.
    Either,
    /// Supported accommodation for 16+, or a foster family.
    Supported,
}

impl PlacementNeed {
    pub fn code(self) -> &'static str {
        match self {
            PlacementNeed::Family => "family",
            PlacementNeed::Residential => "residential",
            PlacementNeed::Either => "either",
            PlacementNeed::Supported => "supported",
        }
    }
}

/// The child's current school.
#[derive(Debug, Clone, PartialEq)]
pub struct School {
    pub location: Location,
    /// School year 0-13 (0 = reception).
    pub year: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Child {
    pub id: ChildId,
    /// Age in whole years, 0-25.
    pub age: u32,
    pub gender: Gender,
    /// Where the child's family and community are.
    pub home: Location,
    /// Blank when not in school.
    pub school: Option<School>,
    pub sibling_group: Option<SiblingGroupId>,
    pub sibling_plan: SiblingPlan,
    /// 1 standard .. 4 very high.
    pub complexity: u8,
    pub needs: BTreeSet<NeedTag>,
    pub placement_need: PlacementNeed,
    /// Ready to step down from a children's home to a family with extra support.
    pub step_down_ready: bool,
    pub preferred_district: Option<super::PostcodeDistrict>,
    pub avoid_districts: BTreeSet<super::PostcodeDistrict>,
    /// Days until the child needs the new home.
    pub urgency_days: u32,
    /// Languages the child speaks, main language first (`BSL` = British Sign Language),
    /// trimmed as written; empty when not known.
    pub languages: Vec<String>,
    /// The child's faith as written (trimmed); None for none or not known.
    pub faith: Option<String>,
}
