//! Where placements lie: postcode districts of the county, its neighbouring councils and the
//! rest of England, weighted by how many postcodes (people) they hold and, for the county and its
//! neighbours, by nearness to the child's home.

use crate::io::{councils, postcodes};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

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

/// An invented full postcode in a real district (the inward code is random).
pub(super) fn postcode(rng: &mut ChaCha8Rng, district: &str) -> String {
    const LETTERS: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";
    let a = LETTERS[rng.random_range(0..LETTERS.len())] as char;
    let b = LETTERS[rng.random_range(0..LETTERS.len())] as char;
    format!("{district} {}{a}{b}", rng.random_range(1..10))
}
