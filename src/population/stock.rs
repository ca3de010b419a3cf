//! The population in care on a date: one row per child with an episode open on that day.
//!
//! Convention (as the DfE counts children looked after on 31 March): a child is in care on
//! day D when an episode started on or before D and has not ended by D. A child who started on
//! D counts; a child whose episode ended on D does not (they left that day).

use super::clean::Episode;
use super::codes::{self, Category};
use super::date::Date;
use super::read::ChildRecord;
use crate::io::{councils, postcodes};
use serde::Serialize;
use std::collections::HashMap;

/// One child in care on the date.
#[derive(Debug, Clone, PartialEq)]
pub struct InCare {
    /// CHILD.
    pub child_id: String,
    /// Whole years of age on the day.
    pub age: i32,
    /// `m` or `f`.
    pub sex: &'static str,
    /// The DfE's age band (`0`, `1-4`, `5-9`, `10-15`, `16-17`).
    pub age_band: &'static str,
    /// PLACE of the episode open on the day.
    pub place: String,
    /// PLACE_PROVIDER of that episode.
    pub provider: String,
    /// The demand model's category of the placement.
    pub category: Category,
    /// righthome's kind of home where one fits (see `codes::kind_of`).
    pub kind: Option<&'static str>,
    /// The day this period of care began (the episode with reason `S`, or the first of an
    /// unbroken run of episodes).
    pub care_start: Date,
    /// The day the current placement began (legal status changes alone do not start one).
    pub placement_start: Date,
    /// Postcode district of HOME_POST, when the ONS directory knows it.
    pub home_district: Option<String>,
    /// Postcode district of PL_POST, when the ONS directory knows it.
    pub placement_district: Option<String>,
    /// Straight-line km between the two districts' centres, when both are known.
    pub distance_km: Option<f64>,
    /// The placement district lies outside the council's area (blank when not known).
    pub out_of_area: Option<bool>,
}

/// What could not be placed on the map, and what was left out, counted (never fatal).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StockWarnings {
    /// Home postcodes given but not in the ONS directory.
    pub home_postcode_unknown: usize,
    /// Placement postcodes given but not in the ONS directory.
    pub placement_postcode_unknown: usize,
    /// Home or placement postcodes left blank.
    pub postcode_blank: usize,
    /// Children aged 18 or over on the date with an episode still open (not counted: a
    /// return's episodes should end at 18).
    pub aged_18_or_over: usize,
}

/// Children in care on `at`, sorted by id; `council` is the responsible council's ONS code.
pub fn stock_on(
    episodes: &[Episode],
    children: &HashMap<String, ChildRecord>,
    at: Date,
    council: &str,
) -> (Vec<InCare>, StockWarnings) {
    let mut warnings = StockWarnings::default();
    let mut rows = Vec::new();
    // Episodes are sorted by child then start: walk each child's run.
    let mut i = 0;
    while i < episodes.len() {
        let mut j = i;
        while j < episodes.len() && episodes[j].child == episodes[i].child {
            j += 1;
        }
        let own = &episodes[i..j];
        if let Some(k) = own
            .iter()
            .position(|e| e.start <= at && e.end.is_none_or(|end| end > at))
            && let Some(child) = children.get(&own[k].child)
        {
            match in_care(own, k, child, at, council, &mut warnings) {
                Some(row) => rows.push(row),
                None => warnings.aged_18_or_over += 1,
            }
        }
        i = j;
    }
    rows.sort_by(|a, b| a.child_id.cmp(&b.child_id));
    (rows, warnings)
}

fn in_care(
    own: &[Episode],
    k: usize,
    child: &ChildRecord,
    at: Date,
    council: &str,
    warnings: &mut StockWarnings,
) -> Option<InCare> {
    let e = &own[k];
    let age = child.dob.age_on(at).max(0);
    let age_band = codes::age_band(age)?;
    let contiguous = |m: usize| m > 0 && own[m - 1].end == Some(own[m].start);
    let mut first = k;
    while own[first].rne != "S" && contiguous(first) {
        first -= 1;
    }
    let mut placement = k;
    while own[placement].rne == "L" && contiguous(placement) {
        placement -= 1;
    }
    let home = locate(
        &e.home_post,
        &mut warnings.home_postcode_unknown,
        &mut warnings.postcode_blank,
    );
    let placed = locate(
        &e.placement_post,
        &mut warnings.placement_postcode_unknown,
        &mut warnings.postcode_blank,
    );
    let distance_km = match (&home, &placed) {
        (Some(h), Some(p)) => Some(h.1.distance_km(&p.1)),
        _ => None,
    };
    let out_of_area = placed.as_ref().map(|(district, _)| {
        let ltla = postcodes::directory()
            .entry(district)
            .map(|d| d.local_authority.as_str());
        ltla.and_then(councils::council_of)
            .is_none_or(|c| c.council_code != council)
    });
    Some(InCare {
        child_id: child.id.clone(),
        age,
        sex: child.sex.code(),
        age_band,
        place: e.place.clone(),
        provider: e.provider.clone(),
        category: Category::of_place(&e.place),
        kind: codes::kind_of(&e.place, &e.provider),
        care_start: own[first].start,
        placement_start: own[placement].start,
        home_district: home.map(|h| h.0),
        placement_district: placed.map(|p| p.0),
        distance_km,
        out_of_area,
    })
}

/// The district of a postcode (full or outward code) and its centre, if the ONS directory
/// knows it; an unknown one is counted in `unknown`, a blank one in `blank`.
fn locate(
    post: &str,
    unknown: &mut usize,
    blank: &mut usize,
) -> Option<(String, crate::model::Location)> {
    if post.trim().is_empty() {
        *blank += 1;
        return None;
    }
    let district = postcodes::normalise_district(post);
    match postcodes::directory().locate(&district) {
        Some(at) => Some((district, at)),
        None => {
            *unknown += 1;
            None
        }
    }
}
