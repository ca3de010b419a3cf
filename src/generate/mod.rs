//! Synthetic counties for demonstration, tests and benchmarks: children and homes located in
//! real postcode districts, drawn from a [`Profile`] with a seeded random generator so that
//! the same profile and seed always give the same files, byte for byte.
//!
//! Nothing generated here is real data about any child or home.

mod columns;
mod law;
mod offers;
pub mod profile;

pub use profile::Profile;

use crate::error::{Code, Error, Problem, Result, ValidationReport};
use crate::io::postcodes::{DistrictEntry, directory};
use crate::model::Location;
use rand::distr::Distribution;
use rand::distr::weighted::WeightedIndex;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::path::Path;

/// Read a profile TOML, with a located error on every bad key or value.
pub fn load_profile(path: &Path) -> Result<Profile> {
    let text =
        crate::io::read_text_bounded(path, "a readable profile TOML file").map_err(|problem| {
            Error::Invalid(ValidationReport {
                problems: vec![problem],
            })
        })?;
    parse_profile(&text, &path.display().to_string())
}

/// Parse and check profile text (from `file`, for messages): a profile the generator can use
/// without failing, and whose output children.csv and homes.csv accept, or every problem.
pub fn parse_profile(text: &str, file: &str) -> Result<Profile> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let profile: Profile = toml::from_str(text).map_err(|e| {
        Error::Invalid(ValidationReport {
            problems: vec![Problem {
                code: Code::PolicySyntax,
                file: file.to_string(),
                line: e
                    .span()
                    .map(|s| crate::io::read::line_of_offset(text.as_bytes(), s.start)),
                column: None,
                value: None,
                expected: format!(
                    "a valid county profile: {}",
                    crate::io::plain_toml_message(e.message())
                ),
            }],
        })
    })?;
    let problems = profile.problems(text, file);
    if problems.is_empty() {
        Ok(profile)
    } else {
        Err(Error::Invalid(ValidationReport { problems }))
    }
}

/// Children and homes as CSV text in the input contract, ready to write or to load.
pub struct GeneratedCounty {
    /// children.csv's bytes, as the loader reads them.
    pub children_csv: Vec<u8>,
    /// homes.csv's bytes, as the loader reads them.
    pub homes_csv: Vec<u8>,
    /// residents.csv's bytes: the children already living in the homes.
    pub residents_csv: Vec<u8>,
}

/// Draw an index with the given weights. Profiles are checked to have a positive weight in
/// every list, so the fallback (index 0) is unreachable for a valid profile.
fn pick(rng: &mut ChaCha8Rng, weights: &[f64]) -> usize {
    WeightedIndex::new(weights).map_or(0, |d| d.sample(rng))
}

fn chance(rng: &mut ChaCha8Rng, p: f64) -> bool {
    rng.random::<f64>() < p
}

struct Geography<'a> {
    county: Vec<&'a DistrictEntry>,
    county_weights: Vec<f64>,
    neighbours: Vec<&'a DistrictEntry>,
}

fn geography<'a>(profile: &Profile, entries: &'a [DistrictEntry]) -> Geography<'a> {
    let county: Vec<&DistrictEntry> = entries
        .iter()
        .filter(|e| profile.area.local_authorities.contains(&e.local_authority))
        .collect();
    let county_locations: Vec<Location> = county.iter().map(|e| location(e)).collect();
    let neighbours = entries
        .iter()
        .filter(|e| !profile.area.local_authorities.contains(&e.local_authority))
        .filter(|e| {
            let l = location(e);
            county_locations
                .iter()
                .any(|c| c.distance_km(&l) <= profile.area.neighbour_radius_km)
        })
        .collect();
    // Districts with more postcodes have more people: a fair proxy for where children live.
    let county_weights = county
        .iter()
        .map(|e| f64::from(e.postcodes.max(1)))
        .collect();
    Geography {
        county,
        county_weights,
        neighbours,
    }
}

fn location(e: &DistrictEntry) -> Location {
    Location::new(
        e.lat,
        e.lon,
        crate::model::PostcodeDistrict(e.district.clone()),
    )
}

const NEEDS: [&str; 4] = ["family", "residential", "either", "supported"];

/// Generate a county. `children`/`homes` override the profile's counts.
pub fn generate(
    profile: &Profile,
    seed: u64,
    children: Option<usize>,
    homes: Option<usize>,
) -> Result<GeneratedCounty> {
    let entries = directory().entries();
    let geo = geography(profile, entries);
    if geo.county.is_empty() {
        return Err(Error::Usage(
            "the profile's local_authorities match no postcode district".into(),
        ));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // Languages and faiths come from a stream of their own, so that every other column is
    // what it was before the culture columns existed.
    let mut culture = CultureDraw {
        profile: profile.culture.as_ref(),
        rng: ChaCha8Rng::seed_from_u64(seed ^ CULTURE_STREAM),
    };
    let n_homes = homes.unwrap_or(profile.homes);
    let n_children = children.unwrap_or(profile.children);
    if n_homes.max(n_children) > profile::MAX_RECORDS {
        return Err(Error::Usage(format!(
            "at most {} children and {} homes can be generated, not {n_children} and {n_homes}",
            profile::MAX_RECORDS,
            profile::MAX_RECORDS
        )));
    }
    let (mut homes, largest_group) = generate_homes(profile, &geo, &mut rng, &mut culture, n_homes);
    let mut children = generate_children(
        profile,
        &geo,
        &mut rng,
        &mut culture,
        n_children,
        largest_group,
    );
    // Beds offered for one referral, and the law's columns and the residents, come from
    // streams of their own too.
    if let Some(offers) = &profile.supply.offers {
        offers::fit(offers, seed, &geo, &mut homes, &children);
    }
    let residents = law::draw(&profile.law, seed, &geo, &mut homes, &mut children);
    Ok(GeneratedCounty {
        children_csv: write_csv(crate::io::CHILD_COLUMNS, &children)?,
        homes_csv: write_csv(crate::io::HOME_COLUMNS, &homes)?,
        residents_csv: write_csv(crate::io::RESIDENT_COLUMNS, &residents)?,
    })
}

/// Mixed into the seed for the languages-and-faiths stream ("culture!" in ASCII).
const CULTURE_STREAM: u64 = 0x6375_6c74_7572_6521;

/// Draws the `languages` and `faith` columns (blank when the profile has no `[culture]`).
struct CultureDraw<'a> {
    profile: Option<&'a profile::Culture>,
    rng: ChaCha8Rng,
}

fn draw_name(rng: &mut ChaCha8Rng, list: &[(String, f64)]) -> String {
    let weights: Vec<f64> = list.iter().map(|l| l.1).collect();
    list.get(pick(rng, &weights))
        .map_or(String::new(), |l| l.0.clone())
}

impl CultureDraw<'_> {
    /// A child's (languages, faith).
    fn child(&mut self) -> (String, String) {
        let Some(c) = self.profile else {
            return (String::new(), String::new());
        };
        let main = draw_name(&mut self.rng, &c.main_languages);
        let languages = if main != "English" && chance(&mut self.rng, c.also_english_share) {
            format!("{main};English")
        } else {
            main
        };
        (languages, draw_name(&mut self.rng, &c.faiths))
    }

    /// A home's (languages, faith).
    fn home(&mut self) -> (String, String) {
        let Some(c) = self.profile else {
            return (String::new(), String::new());
        };
        let languages = if chance(&mut self.rng, c.home_second_language_share) {
            format!(
                "English;{}",
                draw_name(&mut self.rng, &c.home_second_languages)
            )
        } else {
            "English".to_string()
        };
        (languages, draw_name(&mut self.rng, &c.faiths))
    }
}

fn csv_err(e: impl std::fmt::Display) -> Error {
    Error::Usage(format!("formatting generated CSV: {e}"))
}

/// Where the law's appended columns sit in a generated row.
const HOME_CONNECTED: usize = 20;
const CHILD_DECIDED: usize = 22;

/// Rows as CSV under the columns' header.
fn write_csv(columns: &[crate::io::ColumnSpec], rows: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(columns.iter().map(|c| c.name))
        .map_err(csv_err)?;
    for row in rows {
        w.write_record(row).map_err(csv_err)?;
    }
    w.into_inner().map_err(csv_err)
}

fn generate_homes(
    profile: &Profile,
    geo: &Geography,
    rng: &mut ChaCha8Rng,
    culture: &mut CultureDraw,
    n: usize,
) -> (Vec<Vec<String>>, u32) {
    let s = &profile.supply;
    let kinds = [
        ("foster_inhouse", &s.foster_inhouse),
        ("foster_agency", &s.foster_agency),
        ("foster_enhanced", &s.foster_enhanced),
        ("childrens_home", &s.childrens_home),
        ("supported_16plus", &s.supported_16plus),
    ];
    let shares: Vec<f64> = kinds.iter().map(|k| k.1.share).collect();
    let mut rows = Vec::with_capacity(n);
    let mut largest_group = 0;
    for i in 0..n {
        let (kind, k) = kinds[pick(rng, &shares)];
        let place = if !geo.neighbours.is_empty()
            && chance(
                rng,
                k.out_of_area_share
                    .unwrap_or(profile.area.out_of_area_home_share),
            ) {
            geo.neighbours[rng.random_range(0..geo.neighbours.len())]
        } else {
            geo.county[pick(rng, &geo.county_weights)]
        };
        // Homes sit somewhere in their district, not all on its centre point.
        let lat = place.lat + rng.random_range(-0.012..0.012);
        let lon = place.lon + rng.random_range(-0.02..0.02);
        let solo = chance(rng, k.solo_share);
        let beds = if solo { 1 } else { pick(rng, &k.beds) + 1 };
        let (age_min, age_max, _) =
            k.age_ranges[pick(rng, &k.age_ranges.iter().map(|a| a.2).collect::<Vec<_>>())];
        let gender = if chance(rng, k.single_gender_share) {
            if chance(rng, 0.5) { "female" } else { "male" }
        } else {
            "any"
        };
        let max_complexity = pick(rng, &k.max_complexity) + 1;
        let accepts: Vec<&str> = k
            .accepts
            .iter()
            .filter(|(_, p)| chance(rng, *p))
            .map(|(t, _)| t.as_str())
            .collect();
        // A family with several free beds can usually take brothers and sisters together.
        let max_group = if solo || kind == "supported_16plus" {
            1
        } else {
            rng.random_range(1..=beds.max(1)) as u32
        };
        largest_group = largest_group.max(max_group.min(beds as u32));
        let cost = k.weekly_cost * (1.0 + rng.random_range(-k.cost_spread..=k.cost_spread));
        let ofsted = [
            "outstanding",
            "good",
            "requires_improvement",
            "inadequate",
            "not_inspected",
        ][pick(rng, &s.ofsted)];
        let in_house = chance(rng, k.in_house_share);
        let label = kind.replace('_', " ");
        let (languages, faith) = culture.home();
        rows.push(vec![
            format!("H{:04}", i + 1),
            format!("Synthetic {label} {}", i + 1),
            kind.to_string(),
            place.district.clone(),
            format!("{lat:.5}"),
            format!("{lon:.5}"),
            beds.to_string(),
            age_min.to_string(),
            age_max.to_string(),
            gender.to_string(),
            max_complexity.to_string(),
            accepts.join(";"),
            max_group.to_string(),
            solo.to_string(),
            format!("{cost:.0}"),
            ofsted.to_string(),
            in_house.to_string(),
            languages,
            faith,
        ]);
    }
    (rows, largest_group)
}

fn generate_children(
    profile: &Profile,
    geo: &Geography,
    rng: &mut ChaCha8Rng,
    culture: &mut CultureDraw,
    n: usize,
    largest_group: u32,
) -> Vec<Vec<String>> {
    let r = &profile.referrals;
    let mut rows = Vec::with_capacity(n);
    let size_weights = &r.sibling_group_sizes;
    let mean_size = size_weights
        .iter()
        .enumerate()
        .map(|(i, w)| (i + 2) as f64 * w)
        .sum::<f64>()
        / size_weights.iter().sum::<f64>();
    // Probability a new unit is a group, so that sibling_share of children are in groups.
    let p_group = r.sibling_share / (mean_size - r.sibling_share * (mean_size - 1.0));
    let age_weights: Vec<f64> = r.age_bands.iter().map(|b| b.2).collect();
    let urgency_weights: Vec<f64> = r.urgency_bands.iter().map(|b| b.2).collect();
    let (mut made, mut group_no) = (0, 0);
    while made < n {
        let size = if chance(rng, p_group) {
            (pick(rng, size_weights) + 2).min(n - made)
        } else {
            1
        };
        let home = geo.county[pick(rng, &geo.county_weights)];
        let group = (size > 1).then(|| {
            group_no += 1;
            format!("S{group_no:03}")
        });
        let plan =
            if size > 1 && (chance(rng, r.apart_assessed_share) || size as u32 > largest_group) {
                "apart_assessed"
            } else {
                "together"
            };
        let band = r.age_bands[pick(rng, &age_weights)];
        let first_age = rng.random_range(band.0..=band.1);
        let (ub_lo, ub_hi, _) = r.urgency_bands[pick(rng, &urgency_weights)];
        let urgency = rng.random_range(ub_lo..=ub_hi);
        // Brothers and sisters share their family's languages and faith.
        let (languages, faith) = culture.child();
        for _ in 0..size {
            made += 1;
            let age = if group.is_some() {
                (i64::from(first_age) + rng.random_range(-6..=6)).clamp(0, 17) as u32
            } else {
                first_age
            };
            let gender = if chance(rng, r.other_gender_share) {
                "other"
            } else if chance(rng, r.male_share) {
                "male"
            } else {
                "female"
            };
            let teen = age >= 12;
            let needs: Vec<&str> = r
                .needs
                .iter()
                .filter(|(_, older, younger)| chance(rng, if teen { *older } else { *younger }))
                .map(|(t, _, _)| t.as_str())
                .collect();
            // ASSUMPTION: very high complexity is rare in the youngest children.
            let mut complexity = (pick(rng, &r.complexity) + 1).min(match age {
                0..=4 => 2,
                5..=11 => 3,
                _ => 4,
            });
            let need = if group.is_some() {
                // Brothers and sisters together need a kind of home they can all live in.
                complexity = complexity.min(3);
                if plan == "together" {
                    "family"
                } else if teen {
                    "either"
                } else {
                    "family"
                }
            } else {
                let weights = match age {
                    0..=11 => &r.placement_need_under_12,
                    12..=15 => &r.placement_need_12_to_15,
                    _ => &r.placement_need_16_plus,
                };
                NEEDS[pick(rng, weights)]
            };
            let step_down = teen && group.is_none() && chance(rng, r.step_down_ready_share);
            let in_school = (4..=17).contains(&age) && chance(rng, r.in_school_share);
            let school = if in_school {
                if chance(rng, 0.75) {
                    home
                } else {
                    geo.county[pick(rng, &geo.county_weights)]
                }
            } else {
                home
            };
            let preferred = if chance(rng, r.preferred_district_share) {
                home.district.as_str()
            } else {
                ""
            };
            let avoid = if needs.contains(&"exploitation_risk")
                && chance(rng, r.avoid_home_district_share)
            {
                home.district.as_str()
            } else {
                ""
            };
            rows.push(vec![
                format!("C{made:04}"),
                age.to_string(),
                gender.to_string(),
                home.district.clone(),
                String::new(),
                String::new(),
                if in_school {
                    school.district.clone()
                } else {
                    String::new()
                },
                String::new(),
                String::new(),
                if in_school {
                    (age - 4).min(13).to_string()
                } else {
                    String::new()
                },
                group.clone().unwrap_or_default(),
                if group.is_some() {
                    plan.to_string()
                } else {
                    String::new()
                },
                complexity.to_string(),
                needs.join(";"),
                need.to_string(),
                step_down.to_string(),
                preferred.to_string(),
                avoid.to_string(),
                urgency.to_string(),
                languages.clone(),
                faith.clone(),
            ]);
        }
    }
    rows
}
