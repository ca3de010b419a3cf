//! The ONS postcode district directory, shipped inside the binary (data/reference/, with its
//! licence text in data/reference/README.md), so locating a district never touches the network.

use crate::model::{Location, PostcodeDistrict};
use std::collections::HashMap;
use std::sync::OnceLock;

const DIRECTORY_CSV: &str = include_str!("../../data/reference/postcode_districts.csv");
const AREAS_CSV: &str = include_str!("../../data/reference/lancashire_districts.csv");

/// The areas of data/reference/lancashire_districts.csv: (ONS code, name, lat, lon).
pub fn areas() -> Vec<(&'static str, &'static str, f64, f64)> {
    AREAS_CSV
        .lines()
        .skip(1)
        .filter_map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            Some((
                *f.first()?,
                *f.get(1)?,
                f.get(3)?.parse().ok()?,
                f.get(4)?.parse().ok()?,
            ))
        })
        .collect()
}

/// The everyday name of the area a district is in ("Preston", "Blackburn with Darwen"), for
/// districts in Lancashire and its two unitary neighbours; None elsewhere.
pub fn area_name(district: &str) -> Option<&'static str> {
    let entry = directory()
        .by_name
        .get(district)
        .map(|&i| &directory().entries[i])?;
    AREAS_CSV.lines().skip(1).find_map(|line| {
        let mut f = line.split(',');
        let (code, name) = (f.next()?, f.next()?);
        (code == entry.local_authority).then_some(name)
    })
}

/// One district's median postcode position and the local authority holding most of it.
#[derive(Debug, Clone)]
pub struct DistrictEntry {
    /// The outward code, e.g. `PR1`.
    pub district: String,
    /// Latitude of the district's median postcode, WGS84 degrees.
    pub lat: f64,
    /// Longitude of the district's median postcode, WGS84 degrees.
    pub lon: f64,
    /// ONS local authority code, e.g. E07000117 (Burnley).
    pub local_authority: String,
    /// How many postcodes the district has (a proxy for how many people live there).
    pub postcodes: u32,
}

/// The ONS postcode directory's districts, compiled in, with a lookup by name.
pub struct PostcodeDirectory {
    entries: Vec<DistrictEntry>,
    by_name: HashMap<String, usize>,
}

/// The directory, parsed once. The file is part of the source tree and checked by a unit test,
/// so a malformed row is a build defect: such rows are skipped rather than panicking.
pub fn directory() -> &'static PostcodeDirectory {
    static DIRECTORY: OnceLock<PostcodeDirectory> = OnceLock::new();
    DIRECTORY.get_or_init(|| {
        let mut entries = Vec::new();
        for line in DIRECTORY_CSV.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            if f.len() < 6 {
                continue;
            }
            let (Ok(lat), Ok(lon)) = (f[1].parse::<f64>(), f[2].parse::<f64>()) else {
                continue;
            };
            entries.push(DistrictEntry {
                district: f[0].to_string(),
                lat,
                lon,
                local_authority: f[5].to_string(),
                postcodes: f.get(6).and_then(|p| p.trim().parse().ok()).unwrap_or(1),
            });
        }
        let by_name = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.district.clone(), i))
            .collect();
        PostcodeDirectory { entries, by_name }
    })
}

/// Reduce what a user typed (a district or a full postcode, any case and spacing) to a
/// district: `pr1 2he` and `PR12HE` both give `PR1`.
pub fn normalise_district(text: &str) -> String {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let bytes = compact.as_bytes();
    let n = bytes.len();
    // A full postcode ends in an inward code: digit, letter, letter.
    if n >= 5
        && bytes[n - 3].is_ascii_digit()
        && bytes[n - 2].is_ascii_alphabetic()
        && bytes[n - 1].is_ascii_alphabetic()
    {
        compact[..n - 3].to_string()
    } else {
        compact
    }
}

impl PostcodeDirectory {
    /// Every district, in the file's order.
    pub fn entries(&self) -> &[DistrictEntry] {
        &self.entries
    }

    /// A district's row (after [`normalise_district`]), if known.
    pub fn entry(&self, district: &str) -> Option<&DistrictEntry> {
        self.by_name.get(district).map(|&i| &self.entries[i])
    }

    /// The location of a district (after [`normalise_district`]), if known.
    pub fn locate(&self, district: &str) -> Option<Location> {
        self.by_name.get(district).map(|&i| {
            let e = &self.entries[i];
            Location::new(e.lat, e.lon, PostcodeDistrict(e.district.clone()))
        })
    }

    /// The district whose centre is nearest to a point: how a home or child given only by
    /// lat/lon is placed in a district for the avoid-area and wishes rules.
    pub fn nearest(&self, lat: f64, lon: f64) -> PostcodeDistrict {
        let cos_lat = lat.to_radians().cos();
        let mut best = (f64::INFINITY, "");
        for e in &self.entries {
            let dx = (e.lon - lon) * cos_lat;
            let dy = e.lat - lat;
            let d = dx * dx + dy * dy;
            if d < best.0 {
                best = (d, &e.district);
            }
        }
        PostcodeDistrict(best.1.to_string())
    }
}

/// Latitude and longitude bounds of the UK (with a margin), degrees.
pub const UK_LAT: std::ops::RangeInclusive<f64> = 49.0..=61.0;
/// Longitude bounds of the UK (with a margin), degrees.
pub const UK_LON: std::ops::RangeInclusive<f64> = -8.7..=2.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directory_has_every_row_of_the_shipped_file() {
        assert_eq!(
            directory().entries().len(),
            DIRECTORY_CSV.lines().count() - 1
        );
    }

    #[test]
    fn full_postcodes_reduce_to_their_district() {
        assert_eq!(normalise_district("pr1 2he"), "PR1");
        assert_eq!(normalise_district("BB112AA"), "BB11");
        assert_eq!(normalise_district(" bb11 "), "BB11");
        assert_eq!(normalise_district("LA1"), "LA1");
    }

    #[test]
    fn areas_have_everyday_names() {
        assert_eq!(area_name("PR1"), Some("Preston"));
        assert_eq!(area_name("FY1"), Some("Blackpool"));
        assert_eq!(area_name("M1"), None);
    }

    #[test]
    fn preston_is_near_preston() {
        let pr1 = directory().locate("PR1").expect("PR1 is in the directory");
        assert_eq!(directory().nearest(pr1.lat + 0.001, pr1.lon).0, "PR1");
        let bb11 = directory()
            .locate("BB11")
            .expect("BB11 is in the directory");
        // Preston to Burnley is about 35 km.
        let d = pr1.distance_km(&bb11);
        assert!((30.0..40.0).contains(&d), "{d}");
    }
}
