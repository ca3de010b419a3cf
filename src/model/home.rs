//! Supply: a home with free beds today.

use super::{HomeId, Location, NeedTag};
use std::collections::BTreeSet;

/// The five kinds of home the Access to Resources Team matches to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HomeKind {
    /// `foster_inhouse`: the council's own foster carers.
    FosterInhouse,
    /// `foster_agency`: foster carers from an independent fostering agency (IFA).
    FosterAgency,
    /// `foster_enhanced`: foster carers with extra support, for higher needs and step-down.
    FosterEnhanced,
    /// `childrens_home`: a residential children's home (in-house or private).
    ChildrensHome,
    /// `supported_16plus`: supported accommodation for young people aged 16 and over.
    Supported16Plus,
}

impl HomeKind {
    /// Every kind, in declaration order: what codes are looked up in and lists are made from.
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

    /// The kind a CSV code names; None for an unknown code.
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
    /// `any`: children of any gender.
    Any,
    /// `female`: girls only.
    Female,
    /// `male`: boys only.
    Male,
}

/// The home's latest Ofsted grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Ofsted {
    /// `outstanding`: the highest grade.
    Outstanding,
    /// `good`.
    Good,
    /// `requires_improvement`: below good, not unsafe.
    RequiresImprovement,
    /// `inadequate`: ruled out unless the policy allows it.
    Inadequate,
    /// `not_inspected`: not yet inspected (e.g. a new home); scored between good and
    /// requires improvement.
    NotInspected,
}

impl Ofsted {
    /// Every grade, best first (not inspected last): what codes are looked up in.
    pub const ALL: [Ofsted; 5] = [
        Ofsted::Outstanding,
        Ofsted::Good,
        Ofsted::RequiresImprovement,
        Ofsted::Inadequate,
        Ofsted::NotInspected,
    ];

    /// The code used in CSV files.
    pub fn code(self) -> &'static str {
        match self {
            Ofsted::Outstanding => "outstanding",
            Ofsted::Good => "good",
            Ofsted::RequiresImprovement => "requires_improvement",
            Ofsted::Inadequate => "inadequate",
            Ofsted::NotInspected => "not_inspected",
        }
    }

    /// The grade a CSV code names; None for an unknown code.
    pub fn from_code(code: &str) -> Option<Ofsted> {
        Ofsted::ALL.into_iter().find(|o| o.code() == code)
    }
}

/// A home with at least one free bed.
#[derive(Debug, Clone, PartialEq)]
pub struct Home {
    /// The home's id from homes.csv, unique in the file.
    pub id: HomeId,
    /// The home's name as written, shown to people in reports and options sheets.
    pub name: String,
    /// Which of the five kinds of home it is.
    pub kind: HomeKind,
    /// Where the home is (lat/lon, or its postcode district's centre) and its district.
    pub location: Location,
    /// Free beds today.
    pub beds_free: u32,
    /// Youngest age taken, years, inclusive.
    pub age_min: u32,
    /// Oldest age taken, years, inclusive.
    pub age_max: u32,
    /// The genders the home is registered or approved for.
    pub gender: GenderAccepted,
    /// Highest complexity of need (1 standard .. 4 very high) the home can meet.
    pub max_complexity: u8,
    /// Need tags the home is registered or trained for; a child's every tag must be here.
    pub accepts_needs: BTreeSet<NeedTag>,
    /// Largest sibling group the home can take together (1 = single children only).
    pub max_sibling_group: u32,
    /// Takes one child only, whatever its bed count.
    pub solo_only: bool,
    /// Weekly cost per child, GBP.
    pub weekly_cost: f64,
    /// The latest Ofsted grade: rules out inadequate homes and scores the rest.
    pub ofsted: Ofsted,
    /// Run by the council itself (not an agency or private provider); scored when the policy
    /// prefers in-house homes.
    pub in_house: bool,
    /// Languages spoken in the home (`BSL` = British Sign Language), trimmed as written;
    /// empty when not known.
    pub languages: Vec<String>,
    /// The carers' (or the home's) faith as written (trimmed); None for none or not known.
    pub faith: Option<String>,
    /// Registration, connected-person approval, fostering exemption and who already lives
    /// there (issue 17); the default is a registered home with nobody living there.
    pub household: super::household::Household,
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
