//! Homes offered in answer to a referral (`[supply.offers]`): a council sends each referral to
//! providers and takes what they offer for that child, so on the day most free beds are shaped
//! by the children referred (CMA 2022: councils often have one placement or none to choose
//! from). A share of the homes drawn from their kinds' profiles is fitted to one referral:
//! the referral's ages (widened by a margin), its complexity, exactly its need tags, and room
//! for a sibling group placed together. Drawn from a stream of its own, after the children
//! and before the law's columns, so that every column drawn before is unchanged.

use super::profile::Offers;
use super::{Geography, chance};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Mixed into the seed for this stream ("offers!" in ASCII).
const OFFER_STREAM: u64 = 0x006f_6666_6572_7321;

use super::columns::*;

/// Whether a kind of home can take a child with this placement need: the generator's copy of
/// `criteria::placement_type::fits` (without step-down), plus reg. 27A (no under-16s in
/// supported accommodation).
fn kind_fits(need: &str, kind: &str, age: u32) -> bool {
    let family = kind.starts_with("foster");
    match need {
        "family" => family,
        "residential" => kind == "childrens_home",
        "either" => family || kind == "childrens_home",
        "supported" => family || (kind == "supported_16plus" && age >= 16),
        _ => false,
    }
}

fn parse(cell: &str) -> u32 {
    cell.parse().unwrap_or(0)
}

/// Fit `offers.share` of the homes to one referral each (a sibling group placed together is
/// one referral), referrals taking turns in a shuffled order; `offers.near_share` of those in
/// the county move to the referral's district.
pub(super) fn fit(
    offers: &Offers,
    seed: u64,
    geo: &Geography,
    homes: &mut [Vec<String>],
    children: &[Vec<String>],
) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ OFFER_STREAM);
    // Referrals: a together group is one, everyone else on their own.
    let mut units: Vec<Vec<&Vec<String>>> = Vec::new();
    for child in children {
        let group = &child[C_GROUP];
        let together = !group.is_empty() && child[C_PLAN] == "together";
        match units
            .iter_mut()
            .find(|u| together && u[0][C_GROUP] == *group)
        {
            Some(unit) => unit.push(child),
            None => units.push(vec![child]),
        }
    }
    units.shuffle(&mut rng);
    let mut order: Vec<usize> = (0..homes.len()).collect();
    order.shuffle(&mut rng);
    let n = (homes.len() as f64 * offers.share).round() as usize;
    let mut taken = vec![0usize; units.len()];
    let mut next = 0;
    for &h in order.iter().take(n) {
        let home = &mut homes[h];
        let fits = |u: &Vec<&Vec<String>>| {
            u.iter()
                .all(|c| kind_fits(&c[C_NEED], &home[H_KIND], parse(&c[C_AGE])))
        };
        // The referral with the fewest offers so far, the next in turn among equals.
        let Some(i) = (0..units.len())
            .filter(|&i| fits(&units[i]))
            .min_by_key(|&i| (taken[i], (i + units.len() - next) % units.len()))
        else {
            continue;
        };
        taken[i] += 1;
        next = (i + 1) % units.len();
        let unit = &units[i];
        let in_county = geo.county.iter().any(|e| e.district == home[H_DISTRICT]);
        if in_county
            && chance(&mut rng, offers.near_share)
            && let Some(place) = geo
                .county
                .iter()
                .find(|e| e.district == unit[0][C_DISTRICT])
        {
            home[H_DISTRICT] = place.district.clone();
            home[H_LAT] = format!("{:.5}", place.lat + rng.random_range(-0.012..0.012));
            home[H_LON] = format!("{:.5}", place.lon + rng.random_range(-0.02..0.02));
        }
        let youngest = unit.iter().map(|c| parse(&c[C_AGE])).min().unwrap_or(0);
        let oldest = unit.iter().map(|c| parse(&c[C_AGE])).max().unwrap_or(17);
        let (lo, hi) = if home[H_KIND] == "supported_16plus" {
            (16, 17)
        } else {
            (
                youngest.saturating_sub(offers.age_margin),
                (oldest + offers.age_margin).min(17),
            )
        };
        home[H_AGE_MIN] = lo.to_string();
        home[H_AGE_MAX] = hi.to_string();
        let complexity = unit.iter().map(|c| parse(&c[C_COMPLEXITY])).max();
        let drawn = parse(&home[H_COMPLEXITY]);
        home[H_COMPLEXITY] = drawn.max(complexity.unwrap_or(1)).to_string();
        let mut tags: Vec<&str> = unit
            .iter()
            .flat_map(|c| c[C_NEEDS].split(';'))
            .filter(|t| !t.is_empty())
            .collect();
        tags.sort_unstable();
        tags.dedup();
        home[H_ACCEPTS] = tags.join(";");
        if home[H_GENDER] != "any" && unit.iter().any(|c| c[C_GENDER] != home[H_GENDER]) {
            home[H_GENDER] = "any".into();
        }
        if unit.len() > 1 {
            let size = unit.len() as u32;
            home[H_BEDS] = parse(&home[H_BEDS]).max(size).to_string();
            home[H_GROUP] = parse(&home[H_GROUP]).max(size).to_string();
            home[H_SOLO] = "false".into();
        }
    }
}
