//! Which council is responsible for children's services in each lower-tier district (ONS
//! codes), compiled into the program from `data/reference/council_areas.csv` (ONS, Open
//! Government Licence v3.0; see data/reference/README.md).

use std::collections::HashMap;
use std::sync::OnceLock;

const AREAS_CSV: &str = include_str!("../../data/reference/council_areas.csv");
const ADJACENCY_CSV: &str = include_str!("../../data/reference/council_adjacency.csv");

/// Lancashire County Council, the council of the bundled synthetic county.
pub const LANCASHIRE: &str = "E10000017";

/// One lower-tier district and its council.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouncilArea {
    /// ONS code of the lower-tier district (e.g. E07000117, Burnley).
    pub ltla_code: String,
    /// The district's ONS name.
    pub ltla_name: String,
    /// ONS code of the council responsible for its children's services (a county council for a two-tier district).
    pub council_code: String,
    /// That council's ONS name.
    pub council_name: String,
}

fn table() -> &'static HashMap<String, CouncilArea> {
    static TABLE: OnceLock<HashMap<String, CouncilArea>> = OnceLock::new();
    TABLE.get_or_init(|| {
        // The file is compiled in and read by a test: a malformed row could only be a bad
        // refresh of it, which `every_row_is_read` catches; such a row is skipped, not fatal.
        csv::Reader::from_reader(AREAS_CSV.as_bytes())
            .records()
            .filter_map(|r| {
                let r = r.ok()?;
                let area = CouncilArea {
                    ltla_code: r.get(0)?.trim().to_string(),
                    ltla_name: r.get(1)?.trim().to_string(),
                    council_code: r.get(2)?.trim().to_string(),
                    council_name: r.get(3)?.trim().to_string(),
                };
                Some((area.ltla_code.clone(), area))
            })
            .collect()
    })
}

fn adjacency() -> &'static HashMap<String, Vec<String>> {
    static TABLE: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for r in csv::Reader::from_reader(ADJACENCY_CSV.as_bytes())
            .records()
            .flatten()
        {
            if let (Some(a), Some(b)) = (r.get(0), r.get(1)) {
                map.entry(a.trim().to_string())
                    .or_default()
                    .push(b.trim().to_string());
            }
        }
        map
    })
}

/// The councils sharing a land boundary with `council_code` (ONS codes, sorted).
pub fn neighbours(council_code: &str) -> &'static [String] {
    adjacency().get(council_code).map_or(&[], Vec::as_slice)
}

/// The council responsible for a lower-tier district (by its ONS code), if known.
pub fn council_of(ltla_code: &str) -> Option<&'static CouncilArea> {
    table().get(ltla_code)
}

/// The name of an upper-tier council (by its ONS code), if the table knows it.
pub fn council_name(council_code: &str) -> Option<&'static str> {
    static NAMES: OnceLock<HashMap<String, String>> = OnceLock::new();
    NAMES
        .get_or_init(|| {
            table()
                .values()
                .map(|a| (a.council_code.clone(), a.council_name.clone()))
                .collect()
        })
        .get(council_code)
        .map(String::as_str)
}

/// The council responsible for a postcode district (by the postcode table's `laua`), if known.
pub fn council_of_district(district: &str) -> Option<&'static CouncilArea> {
    let entry = super::postcodes::directory().entry(district)?;
    council_of(&entry.local_authority)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_read() {
        assert_eq!(table().len(), AREAS_CSV.lines().count() - 1);
        let hull = council_of("E06000010").expect("Hull");
        assert_eq!(hull.ltla_name, "Kingston upon Hull, City of");
    }

    #[test]
    fn lancashire_has_its_thirteen_neighbours() {
        let n = neighbours(LANCASHIRE);
        assert_eq!(n.len(), 13, "{n:?}");
        assert!(n.iter().any(|c| c == "E06000008"), "Blackburn with Darwen");
        assert!(
            neighbours("E06000046").is_empty(),
            "the Isle of Wight has none"
        );
    }

    #[test]
    fn two_tier_districts_belong_to_their_county() {
        let burnley = council_of("E07000117").expect("Burnley");
        assert_eq!(burnley.council_code, LANCASHIRE);
        assert_eq!(burnley.council_name, "Lancashire");
        let blackpool = council_of("E06000009").expect("Blackpool");
        assert_eq!(blackpool.council_code, "E06000009");
    }
}
