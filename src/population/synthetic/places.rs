//! Where placements lie: postcode districts of the county, its neighbouring councils and the
//! rest of England, weighted by how many postcodes (people) they hold and, for the county and its
//! neighbours, by nearness to the child's home.

use crate::io::{councils, postcodes};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Postcode districts by where a placement lies: the county, its neighbours, further away.
pub(super) struct Places {
    pub(super) county: Vec<(String, f64)>,
    pub(super) neighbours: Vec<(String, f64)>,
    pub(super) england: Vec<(String, f64)>,
}

/// Most placements are near home: a district's weight falls by e for every this many km
/// (assumption, so that about a fifth of placements are over 20 miles away, as nationally).
const NEAR_KM: f64 = 12.0;

/// `list` reweighted by nearness to `home`.
pub(super) fn near(list: &[(String, f64)], home: &str) -> Vec<(String, f64)> {
    let dir = postcodes::directory();
    let Some(at) = dir.locate(home) else {
        return list.to_vec();
    };
    list.iter()
        .map(|(d, w)| {
            let km = dir.locate(d).map_or(100.0, |l| at.distance_km(&l));
            (d.clone(), w * (-km / NEAR_KM).exp())
        })
        .collect()
}

pub(super) fn places(council: &str) -> Places {
    let near = councils::neighbours(council);
    let mut p = Places {
        county: Vec::new(),
        neighbours: Vec::new(),
        england: Vec::new(),
    };
    for e in postcodes::directory().entries() {
        let Some(area) = councils::council_of(&e.local_authority) else {
            continue;
        };
        let w = f64::from(e.postcodes.max(1));
        if area.council_code == council {
            p.county.push((e.district.clone(), w));
        } else if near.contains(&area.council_code) {
            p.neighbours.push((e.district.clone(), w));
        } else if area.council_code.starts_with('E') {
            p.england.push((e.district.clone(), w));
        }
    }
    p
}

/// A few real postcodes in each English district (`scripts/postcode_sample.py`; ONS Postcode
/// Directory, OGL v3): a synthetic child is placed at a real postcode so that the DfE's
/// validator, which derives the placement's council and distance from the postcode, can check
/// the return. The child is invented; the postcode is only a place.
const SAMPLE_CSV: &str = include_str!("../../../data/reference/postcode_sample.csv");

/// District -> its sampled postcodes, in file order (sorted).
fn sample() -> &'static HashMap<&'static str, Vec<&'static str>> {
    static SAMPLE: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let mut map: HashMap<&str, Vec<&str>> = HashMap::new();
        for line in SAMPLE_CSV.lines().skip(1) {
            if let Some((district, postcode)) = line.split_once(',') {
                map.entry(district).or_default().push(postcode);
            }
        }
        map
    })
}

/// A full postcode in `district`: one of its real sampled postcodes, or (for a district the
/// sample lacks, outside England) an invented inward code.
pub(super) fn postcode(rng: &mut ChaCha8Rng, district: &str) -> String {
    if let Some(codes) = sample().get(district).filter(|c| !c.is_empty()) {
        return codes[rng.random_range(0..codes.len())].to_string();
    }
    const LETTERS: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";
    let a = LETTERS[rng.random_range(0..LETTERS.len())] as char;
    let b = LETTERS[rng.random_range(0..LETTERS.len())] as char;
    format!("{district} {}{a}{b}", rng.random_range(1..10))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn every_sampled_postcode_lies_in_its_district_and_every_english_district_has_one() {
        for (district, codes) in sample() {
            for c in codes {
                assert_eq!(c.split(' ').next(), Some(*district), "{c}");
                assert_eq!(c.len(), district.len() + 4, "{c}");
            }
        }
        let english = postcodes::directory()
            .entries()
            .iter()
            .filter(|e| e.local_authority.starts_with('E'))
            .filter(|e| !sample().contains_key(e.district.as_str()))
            .count();
        assert_eq!(english, 0);
    }

    #[test]
    fn a_sampled_district_gives_one_of_its_real_postcodes() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let pc = postcode(&mut rng, "PR1");
        assert!(sample()["PR1"].contains(&pc.as_str()), "{pc}");
        assert!(postcode(&mut rng, "ZZ99").starts_with("ZZ99 "));
    }
}
