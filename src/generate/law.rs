//! The columns of issue 17 and residents.csv, drawn from a stream of their own (so that every
//! column drawn before them is unchanged): registration, fostering exemptions, connected-person
//! carers, living companions, homes already agreed, the new need tags, and the children
//! already living in the homes, some of them brothers or sisters of today's referrals.

use super::profile::Law;
use super::{Geography, chance};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Mixed into the seed for this stream ("law!" in ASCII).
const LAW_STREAM: u64 = 0x6c61_7721;

/// The need tags issue 17 added: drawn here, not from the profile's `[referrals] needs`.
const NEW_TAGS: [&str; 3] = ["physical_harm_to_others", "fire_setting", "harm_to_animals"];

use super::columns::*;

fn push_tag(list: &mut String, tag: &str) {
    if !list.is_empty() {
        list.push(';');
    }
    list.push_str(tag);
}

/// Append the law's columns to every home and child row, and draw residents.csv's rows.
pub(super) fn draw(
    law: &Law,
    seed: u64,
    geo: &Geography,
    homes: &mut [Vec<String>],
    children: &mut [Vec<String>],
) -> Vec<Vec<String>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ LAW_STREAM);
    // Referred sibling groups: what a resident's sibling_group links to.
    let mut groups: Vec<(String, u32)> = children
        .iter()
        .filter(|c| !c[C_GROUP].is_empty())
        .map(|c| (c[C_GROUP].clone(), c[C_AGE].parse().unwrap_or(10)))
        .collect();
    groups.dedup_by(|a, b| a.0 == b.0);
    for child in children.iter_mut() {
        let age: u32 = child[C_AGE].parse().unwrap_or(0);
        if age >= 12 {
            for tag in NEW_TAGS {
                if chance(&mut rng, law.new_tag_share) {
                    push_tag(&mut child[C_NEEDS], tag);
                }
            }
        }
        let living = if chance(&mut rng, law.living_with_share) {
            ["alone", "only_older", "only_younger", "with_others"][rng.random_range(0..4)]
        } else {
            ""
        };
        child.push(living.to_string());
        child.push(String::new());
    }
    let mut residents = Vec::new();
    for (h, home) in homes.iter_mut().enumerate() {
        let kind = home[H_KIND].clone();
        let family = kind.starts_with("foster");
        if kind == "childrens_home" || kind == "foster_enhanced" {
            for tag in NEW_TAGS {
                if chance(&mut rng, law.new_tag_accepted_share) {
                    push_tag(&mut home[H_ACCEPTS], tag);
                }
            }
        }
        let registered = match kind.as_str() {
            "supported_16plus" => !chance(&mut rng, law.supported_unregistered_share),
            "childrens_home" => !chance(&mut rng, law.childrens_home_unregistered_share),
            _ => true,
        };
        let exemption = family && chance(&mut rng, law.fostering_exemption_share);
        if chance(&mut rng, law.distant_home_share) {
            // Further away: a district near the county in a council that does not adjoin it.
            let far: Vec<_> = geo
                .neighbours
                .iter()
                .filter(|e| {
                    crate::io::councils::council_of(&e.local_authority).is_some_and(|a| {
                        a.council_code != crate::io::councils::LANCASHIRE
                            && !crate::io::councils::neighbours(crate::io::councils::LANCASHIRE)
                                .contains(&a.council_code)
                    })
                })
                .collect();
            if !far.is_empty() {
                let place = far[rng.random_range(0..far.len())];
                home[H_DISTRICT] = place.district.clone();
                home[H_LAT] = format!("{:.5}", place.lat);
                home[H_LON] = format!("{:.5}", place.lon);
            }
        }
        home.push(if registered {
            String::new()
        } else {
            "false".into()
        });
        home.push(String::new());
        home.push(if exemption {
            "true".into()
        } else {
            String::new()
        });
        let with_residents = if family {
            law.foster_with_residents_share
        } else if kind == "childrens_home" {
            law.childrens_home_with_residents_share
        } else {
            0.0
        };
        if !exemption && !chance(&mut rng, with_residents) {
            continue;
        }
        // An exempted carer is exempted because they already foster three.
        let n = if exemption {
            3
        } else {
            rng.random_range(1..=if family { 2 } else { 3 })
        };
        for _ in 0..n {
            let (group, age) = match groups.len() {
                g if g > 0 && family && chance(&mut rng, law.resident_sibling_share) => {
                    let (id, age) = &groups[rng.random_range(0..g)];
                    (
                        id.clone(),
                        (*age as i64 + rng.random_range(-3..=3)).clamp(0, 17),
                    )
                }
                _ if family => (String::new(), rng.random_range(0..=17)),
                _ => (String::new(), rng.random_range(12..=17)),
            };
            let fostered = !family || exemption || chance(&mut rng, law.resident_fostered_share);
            let mut needs = String::new();
            if age >= 12 && chance(&mut rng, law.new_tag_share * 2.0) {
                needs = "harmful_sexual_behaviour".into();
            }
            residents.push(vec![
                format!("H{:04}", h + 1),
                age.to_string(),
                if chance(&mut rng, 0.5) {
                    "female"
                } else {
                    "male"
                }
                .to_string(),
                fostered.to_string(),
                group,
                needs,
            ]);
        }
    }
    connect(law, &mut rng, geo, homes, children, &residents);
    let n_decided = (children.len() as f64 * law.decided_per_100 / 100.0).round() as usize;
    if !homes.is_empty() {
        for _ in 0..n_decided {
            let c = rng.random_range(0..children.len());
            let h = rng.random_range(0..homes.len());
            children[c][super::CHILD_DECIDED] = format!("H{:04}", h + 1);
        }
    }
    residents
}

/// Make a few foster homes without residents connected-person carers for one referral each:
/// a relative living where the child's family does, approved for the child (and able to take
/// their brothers and sisters).
fn connect(
    law: &Law,
    rng: &mut ChaCha8Rng,
    geo: &Geography,
    homes: &mut [Vec<String>],
    children: &[Vec<String>],
    residents: &[Vec<String>],
) {
    let n = (children.len() as f64 * law.connected_per_100 / 100.0).ceil() as usize;
    let occupied: std::collections::BTreeSet<&str> =
        residents.iter().map(|r| r[0].as_str()).collect();
    let free: Vec<usize> = (0..homes.len())
        .filter(|&h| {
            homes[h][H_KIND] == "foster_inhouse"
                && !occupied.contains(format!("H{:04}", h + 1).as_str())
        })
        .collect();
    for k in 0..n.min(free.len()) {
        let home = &mut homes[free[(k * 7919) % free.len()]];
        let child = &children[rng.random_range(0..children.len())];
        if child[C_NEED] == "residential" {
            continue;
        }
        let group = children
            .iter()
            .filter(|c| !child[C_GROUP].is_empty() && c[C_GROUP] == child[C_GROUP])
            .count()
            .max(1);
        if let Some(place) = geo.county.iter().find(|e| e.district == child[C_DISTRICT]) {
            home[H_DISTRICT] = place.district.clone();
            home[H_LAT] = format!("{:.5}", place.lat);
            home[H_LON] = format!("{:.5}", place.lon);
        }
        home[H_BEDS] = group.to_string();
        home[H_AGE_MIN] = "0".into();
        home[H_AGE_MAX] = "17".into();
        home[H_GENDER] = "any".into();
        home[H_COMPLEXITY] = "4".into();
        home[H_ACCEPTS] = child[C_NEEDS].clone();
        home[H_GROUP] = group.to_string();
        home[H_SOLO] = "false".into();
        home[super::HOME_CONNECTED] = child[C_ID].clone();
    }
}
