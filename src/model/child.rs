//! Demand: a child referred for a new home.

use super::{ChildId, Location, NeedTag, SiblingGroupId};
use std::collections::BTreeSet;

/// A child's gender as recorded in children.csv (`female`, `male` or `other`), checked
/// against what a home is registered for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// `female`: goes to homes for any gender or for girls.
    Female,
    /// `male`: goes to homes for any gender or for boys.
    Male,
    /// `other`: goes to homes registered for any gender.
    Other,
}

/// Whether a sibling group must live together or may, after an assessed decision, live apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiblingPlan {
    /// `together` (the default): the whole group goes to one home, or all wait.
    Together,
    /// `apart_assessed`: an assessed decision lets them live apart; unless the whole group is
    /// in one home, each member placed pays the policy's split penalty.
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
    /// The value as written in children.csv's `placement_need` column.
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
    /// Where the school is (from the school's lat/lon or postcode district).
    pub location: Location,
    /// School year 0-13 (0 = reception).
    pub year: u32,
}

/// One child from children.csv: who they are, what they need, and what they wish for.
#[derive(Debug, Clone, PartialEq)]
pub struct Child {
    /// The pseudonymous id from children.csv, unique in the file.
    pub id: ChildId,
    /// Age in whole years, 0-25.
    pub age: u32,
    /// Checked against the gender a home is registered for.
    pub gender: Gender,
    /// Where the child's family and community are.
    pub home: Location,
    /// Blank when not in school.
    pub school: Option<School>,
    /// The sibling group the child belongs to; None (blank) when placed alone.
    pub sibling_group: Option<SiblingGroupId>,
    /// Whether the group must live together (the same for every member).
    pub sibling_plan: SiblingPlan,
    /// 1 standard .. 4 very high.
    pub complexity: u8,
    /// Need tags (`disability`, `exploitation_risk`, ...): a home must accept every one.
    pub needs: BTreeSet<NeedTag>,
    /// The kind of home the child's plan calls for.
    pub placement_need: PlacementNeed,
    /// Ready to step down from a children's home to a family with extra support.
    pub step_down_ready: bool,
    /// The district the child wishes to live in, if they said; scored, never required.
    pub preferred_district: Option<super::PostcodeDistrict>,
    /// Districts the child must be kept away from (e.g. exploitation risk): a hard rule.
    pub avoid_districts: BTreeSet<super::PostcodeDistrict>,
    /// Days until the child needs the new home.
    pub urgency_days: u32,
    /// Languages the child speaks, main language first (`BSL` = British Sign Language),
    /// trimmed as written; empty when not known.
    pub languages: Vec<String>,
    /// The child's faith as written (trimmed); None for none or not known.
    pub faith: Option<String>,
    /// Who the child may live with and any home already agreed (issue 17).
    pub arrangement: super::household::Arrangement,
}
