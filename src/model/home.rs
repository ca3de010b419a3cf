//! Supply: a home with free beds today.

use super::{HomeId, Location, NeedTag};
use std::collections::BTreeSet;

/// The five kinds of home the Access to Resources Team matches to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HomeKind {
    FosterInhouse,
    FosterAgency,
    FosterEnhanced,
    ChildrensHome,
    Supported16Plus,
}

impl HomeKind {
    pub const ALL: [HomeKind; 5] = [
        HomeKind::FosterInhouse,
        HomeKind::FosterAgency,
        HomeKind::FosterEnhanced,
        HomeKind::ChildrensHome,
        HomeKind::Supported16Plus,
    ];

    /// The code used in CSV files.
    pub fn code(self) -> &'static str {
        match self {
            HomeKind::FosterInhouse => "foster_inhouse",
            HomeKind::FosterAgency => "foster_agency",
            HomeKind::FosterEnhanced => "foster_enhanced",
            HomeKind::ChildrensHome => "childrens_home",
            HomeKind::Supported16Plus => "supported_16plus",
        }
    }

    pub fn from_code(code: &str) -> Option<HomeKind> {
        HomeKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Plain words for people.
    pub fn words(self) -> &'static str {
        match self {
            HomeKind::FosterInhouse => "foster family (council carers)",
            HomeKind::FosterAgency => "foster family (agency carers)",
            HomeKind::FosterEnhanced => "foster family with extra support",
            HomeKind::ChildrensHome => "children's home",
            HomeKind::Supported16Plus => "supported home for 16 and over",
        }
    }

    /// A family home: one of the foster kinds.
    pub fn is_family(self) -> bool {
        matches!(
            self,
            HomeKind::FosterInhouse | HomeKind::FosterAgency | HomeKind::FosterEnhanced
        )
    }
}

/// Which children a home is registered or approved for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenderAccepted {
    Any,
    Female,
    Male,
}

/// The home's latest Ofsted grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Ofsted {
    Outstanding,
    Good,
    RequiresImprovement,
    Inadequate,
    NotInspected,
}

impl Ofsted {
    pub const ALL: [Ofsted; 5] = [
        Ofsted::Outstanding,
        Ofsted::Good,
        Ofsted::RequiresImprovement,
        Ofsted::Inadequate,
        Ofsted::NotInspected,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Ofsted::Outstanding => "outstanding",
            Ofsted::Good => "good",
            Ofsted::RequiresImprovement => "requires_improvement",
            Ofsted::Inadequate => "inadequate",
            Ofsted::NotInspected => "not_inspected",
        }
    }

    pub fn from_code(code: &str) -> Option<Ofsted> {
        Ofsted::ALL.into_iter().find(|o| o.code() == code)
    }
}

/// A home with at least one free bed.
#[derive(Debug, Clone, PartialEq)]
pub struct Home {
    pub id: HomeId,
    pub name: String,
    pub kind: HomeKind,
    pub location: Location,
    /// Free beds today.
    pub beds_free: u32,
    /// Youngest age taken, years, inclusive.
    pub age_min: u32,
    /// Oldest age taken, years, inclusive.
    pub age_max: u32,
    pub gender: GenderAccepted,
    /// Highest complexity of need (1 standard .. 4 very high) the home can meet.
    pub max_complexity: u8,
    pub accepts_needs: BTreeSet<NeedTag>,
    /// Largest sibling group the home can take together (1 = single children only).
    pub max_sibling_group: u32,
    /// Takes one child only, whatever its bed count.
    pub solo_only: bool,
    /// Weekly cost per child, GBP.
    pub weekly_cost: f64,
    pub ofsted: Ofsted,
    pub in_house: bool,
    /// Languages spoken in the home (`BSL` = British Sign Language), trimmed as written;
    /// empty when not known.
    pub languages: Vec<String>,
    /// The carers' (or the home's) faith as written (trimmed); None for none or not known.
    pub faith: Option<String>,
}

impl Home {
    /// How many children the home can take today: its free beds, or one if solo-only.
    pub fn capacity(&self) -> u32 {
        if self.solo_only {
            self.beds_free.min(1)
        } else {
            self.beds_free
        }
    }
}
