//! The DfE's SSDA903 code lists, including codes retired but still present in older years'
//! returns, and how placement codes map to the demand model's categories and righthome's kinds.
//!
//! Sources: DfE, "Children looked after return 2025 to 2026: guide" (code lists for PLACE,
//! PLACE_PROVIDER, RNE, LS, CIN, REC, REASON_PLACE_CHANGE); retired codes (H5, P2, Z1, B and U
//! for RNE) as in the guides of earlier years and the public validator (data-to-insight's
//! csc-validator-be-903). Categories follow the Data to Insight demand model's standard
//! configuration.

/// PLACE: placement type. H5, P2 and Z1 were retired in 2023-24 (replaced by K3 and Z11-Z14)
/// but older years' files carry them.
pub const PLACE: &[&str] = &[
    "A3", "A4", "A5", "A6", "H5", "K1", "K2", "K3", "P1", "P2", "P3", "R1", "R2", "R3", "R5", "S1",
    "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1", "Z11", "Z12", "Z13",
    "Z14",
];

/// PLACE_PROVIDER: PR0 parents, PR1 own council, PR2 other council, PR3 other public, PR4
/// private, PR5 voluntary.
pub const PLACE_PROVIDER: &[&str] = &["PR0", "PR1", "PR2", "PR3", "PR4", "PR5"];

/// RNE: reason for new episode. B and U are retired but appear in older years.
pub const RNE: &[&str] = &["S", "L", "P", "T", "U", "B"];

/// LS: legal status.
pub const LS: &[&str] = &[
    "C1", "C2", "D1", "E1", "J1", "J2", "J3", "L1", "L2", "L3", "V2", "V3", "V4",
];

/// CIN: category of need.
pub const CIN: &[&str] = &["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"];

/// REC: reason episode ceased. X1 = the episode ends and a new one begins the same day (the
/// child stays in care); every other code ends the period of care.
pub const REC: &[&str] = &[
    "E11", "E12", "E13", "E14", "E15", "E16", "E17", "E2", "E3", "E41", "E45", "E46", "E47", "E48",
    "E4A", "E4B", "E5", "E6", "E7", "E8", "E9", "X1",
];

/// REASON_PLACE_CHANGE.
pub const REASON_PLACE_CHANGE: &[&str] = &[
    "CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ", "PLACE",
    "CUSTOD", "OTHER",
];

/// The demand model's placement categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// U1-U6: foster care.
    Fostering,
    /// K2 and R1: children's homes and residential care homes.
    Residential,
    /// H5, P2 and K3: semi-independent and supported accommodation.
    Supported,
    /// Everything else in care: parents, adoption, secure homes, hospital, ...
    Other,
}

impl Category {
    /// Every category, in the order the outputs list them.
    pub const ALL: [Category; 4] = [
        Category::Fostering,
        Category::Residential,
        Category::Supported,
        Category::Other,
    ];

    /// U1-U6 fostering; K2 and R1 residential; H5, P2 and K3 supported; the rest other.
    pub fn of_place(place: &str) -> Category {
        match place {
            "U1" | "U2" | "U3" | "U4" | "U5" | "U6" => Category::Fostering,
            "K2" | "R1" => Category::Residential,
            "H5" | "P2" | "K3" => Category::Supported,
            _ => Category::Other,
        }
    }

    /// The category as the outputs spell it (`fostering`, ...).
    pub fn code(self) -> &'static str {
        match self {
            Category::Fostering => "fostering",
            Category::Residential => "residential",
            Category::Supported => "supported",
            Category::Other => "other",
        }
    }
}

/// righthome's kind of home for a placement, where one fits: foster placements with the
/// council's own carers (PR1) or an agency (PR4 private, PR5 voluntary), children's homes (K2),
/// supported accommodation (H5, K3). Blank for everything else (kinship foster care with
/// another council's carers, adoption, parents, secure homes, ...).
pub fn kind_of(place: &str, provider: &str) -> Option<&'static str> {
    match (Category::of_place(place), place, provider) {
        (Category::Fostering, _, "PR1") => Some("foster_inhouse"),
        (Category::Fostering, _, "PR4" | "PR5") => Some("foster_agency"),
        (_, "K2", _) => Some("childrens_home"),
        (_, "H5" | "K3", _) => Some("supported_16plus"),
        _ => None,
    }
}

/// The DfE's published age bands: `0` (under 1), `1-4`, `5-9`, `10-15`, `16-17`.
pub const AGE_BANDS: [&str; 5] = ["0", "1-4", "5-9", "10-15", "16-17"];

/// The band of an age in whole years (0-17); `None` for 18 and over.
pub fn age_band(age: i32) -> Option<&'static str> {
    match age {
        i32::MIN..=0 => Some("0"),
        1..=4 => Some("1-4"),
        5..=9 => Some("5-9"),
        10..=15 => Some("10-15"),
        16 | 17 => Some("16-17"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_follow_the_demand_model() {
        assert_eq!(Category::of_place("U4"), Category::Fostering);
        assert_eq!(Category::of_place("K2"), Category::Residential);
        assert_eq!(Category::of_place("R1"), Category::Residential);
        assert_eq!(Category::of_place("K3"), Category::Supported);
        assert_eq!(Category::of_place("H5"), Category::Supported);
        assert_eq!(Category::of_place("K1"), Category::Other);
        assert_eq!(Category::of_place("P1"), Category::Other);
    }

    #[test]
    fn kinds_where_one_fits() {
        assert_eq!(kind_of("U4", "PR1"), Some("foster_inhouse"));
        assert_eq!(kind_of("U6", "PR4"), Some("foster_agency"));
        assert_eq!(kind_of("U1", "PR2"), None);
        assert_eq!(kind_of("K2", "PR4"), Some("childrens_home"));
        assert_eq!(kind_of("K3", "PR4"), Some("supported_16plus"));
        assert_eq!(kind_of("A4", "PR1"), None);
    }

    #[test]
    fn bands_as_published() {
        assert_eq!(age_band(0), Some("0"));
        assert_eq!(age_band(1), Some("1-4"));
        assert_eq!(age_band(9), Some("5-9"));
        assert_eq!(age_band(15), Some("10-15"));
        assert_eq!(age_band(17), Some("16-17"));
        assert_eq!(age_band(18), None);
    }
}
