//! Where a child's family, a school or a home is.

use geo::{Distance, Haversine, Point};

/// A UK postcode district (outward code), upper case, e.g. `PR1`, `BB11`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct PostcodeDistrict(pub String);

impl std::fmt::Display for PostcodeDistrict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A resolved position (WGS84 degrees) and the postcode district it lies in (given, or the
/// nearest district centre when only lat/lon were given).
#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    pub lat: f64,
    pub lon: f64,
    pub district: PostcodeDistrict,
}

impl Location {
    /// Great-circle distance in km. At county scale it agrees with the straight-line grid
    /// distance the SSDA903 return uses to well under 1%.
    pub fn distance_km(&self, other: &Location) -> f64 {
        let a = Point::new(self.lon, self.lat);
        let b = Point::new(other.lon, other.lat);
        Haversine.distance(a, b) / 1000.0
    }
}

/// The national indicator line for placements far from home: 20 miles, in km.
pub const TWENTY_MILES_KM: f64 = 32.186_88;
