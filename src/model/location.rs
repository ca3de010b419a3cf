//! Where a child's family, a school or a home is.

use geo::Haversine;

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
    /// Latitude, WGS84 degrees (north positive).
    pub lat: f64,
    /// Longitude, WGS84 degrees (east positive; negative across Lancashire).
    pub lon: f64,
    /// The postcode district it lies in: what wishes and avoid areas are matched against.
    pub district: PostcodeDistrict,
    /// cos(latitude), worked out once: building a county's match measures millions of
    /// distances, and the cosines were a tenth of that time.
    cos_lat: f64,
}

impl Location {
    /// A location at `lat`, `lon` (WGS84 degrees) in `district`; the cosine is worked out here.
    pub fn new(lat: f64, lon: f64, district: PostcodeDistrict) -> Self {
        Location {
            lat,
            lon,
            district,
            cos_lat: lat.to_radians().cos(),
        }
    }

    /// Great-circle distance in km. At county scale it agrees with the straight-line grid
    /// distance the SSDA903 return uses to well under 1%. The geo crate's haversine, step for
    /// step (so the same bits; a test checks), with each end's cosine kept from `new`.
    pub fn distance_km(&self, other: &Location) -> f64 {
        let delta_theta = (other.lat - self.lat).to_radians();
        let delta_lambda = (other.lon - self.lon).to_radians();
        let a = (delta_theta / 2.0).sin().powi(2)
            + self.cos_lat * other.cos_lat * (delta_lambda / 2.0).sin().powi(2);
        let c = 2.0 * a.sqrt().asin();
        Haversine.radius() * c / 1000.0
    }
}

/// The national indicator line for placements far from home: 20 miles, in km.
pub const TWENTY_MILES_KM: f64 = 32.186_88;

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Distance, Point};
    use proptest::prelude::*;

    proptest! {
        /// The kept-cosine haversine is geo's, bit for bit, anywhere in and around the UK.
        #[test]
        fn distance_is_geos_haversine_to_the_bit(
            a in (49.0f64..61.0, -9.0f64..2.5),
            b in (49.0f64..61.0, -9.0f64..2.5),
        ) {
            let place = |(lat, lon): (f64, f64)| Location::new(lat, lon, PostcodeDistrict("X".into()));
            let geo_km = Haversine.distance(Point::new(a.1, a.0), Point::new(b.1, b.0)) / 1000.0;
            prop_assert_eq!(place(a).distance_km(&place(b)).to_bits(), geo_km.to_bits());
        }
    }
}
