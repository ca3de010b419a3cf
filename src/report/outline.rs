//! The county's outline and districts for the maps: Lancashire's 12 districts and its two
//! unitary neighbours, simplified from the ONS boundaries (data/reference/lancashire_outline.json,
//! Open Government Licence v3.0; see data/reference/README.md), compiled into the program.

use serde::{Deserialize, Serialize};
use std::fmt::Write;
use std::sync::LazyLock;

#[derive(Deserialize)]
struct File {
    districts: Vec<District>,
}

#[derive(Deserialize)]
struct District {
    name: String,
    council: String,
    /// Outer rings, each a list of [lon, lat] in degrees (WGS84).
    rings: Vec<Vec<[f64; 2]>>,
}

static OUTLINE: LazyLock<Vec<District>> = LazyLock::new(|| {
    // Shipped with the program and checked by a test: an unreadable copy draws no outline.
    serde_json::from_str::<File>(include_str!("../../data/reference/lancashire_outline.json"))
        .map(|f| f.districts)
        .unwrap_or_default()
});

/// One district drawn: its SVG path and whether it is Lancashire County Council's.
#[derive(Debug, Serialize)]
pub(super) struct DistrictPath {
    pub name: String,
    pub d: String,
    pub county: bool,
}

/// Every district's outline as SVG paths, through `project` ((lat, lon) -> (x, y)).
pub(super) fn district_paths(project: impl Fn(f64, f64) -> (f64, f64)) -> Vec<DistrictPath> {
    OUTLINE
        .iter()
        .map(|district| {
            let mut d = String::new();
            for ring in &district.rings {
                for (i, &[lon, lat]) in ring.iter().enumerate() {
                    let (x, y) = project(lat, lon);
                    let _ = write!(d, "{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" });
                }
                d.push('Z');
            }
            DistrictPath {
                name: district.name.clone(),
                d,
                county: district.council == "Lancashire",
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_shipped_outline_has_the_fourteen_districts() {
        let paths = super::district_paths(|lat, lon| (lon, lat));
        assert_eq!(paths.len(), 14);
        assert_eq!(paths.iter().filter(|p| p.county).count(), 12);
        assert!(
            paths
                .iter()
                .all(|p| p.d.starts_with('M') && p.d.ends_with('Z'))
        );
    }
}
