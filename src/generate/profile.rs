//! The profile a synthetic county is generated from (`profile.toml`). Every figure that comes
//! from a publication is cited in the profile file itself and in data/lancashire/README.md;
//! every other figure is marked there as an assumption.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Shown in generated files, e.g. "Lancashire (synthetic)".
    pub name: String,
    /// Default number of referrals.
    pub children: usize,
    /// Default number of homes with free beds.
    pub homes: usize,
    pub area: Area,
    pub referrals: Referrals,
    pub supply: Supply,
    /// Languages and faiths (the culture criterion's columns); absent = columns left blank.
    #[serde(default)]
    pub culture: Option<Culture>,
}

/// How languages and faiths are spread over children and homes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Culture {
    /// (language, weight): a child's main language (`BSL` = British Sign Language).
    pub main_languages: Vec<(String, f64)>,
    /// Share of children whose main language is not English who also speak English.
    pub also_english_share: f64,
    /// Share of homes where a language besides English is spoken.
    pub home_second_language_share: f64,
    /// (language, weight) of that other language.
    pub home_second_languages: Vec<(String, f64)>,
    /// (faith, weight) of children and of carers; "" = none or not known (left blank).
    pub faiths: Vec<(String, f64)>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// ONS codes of the local authorities the county's children come from.
    pub local_authorities: Vec<String>,
    /// Share of homes placed in neighbouring authorities (out of area but near).
    pub out_of_area_home_share: f64,
    /// How far beyond the county a neighbouring home may be, km.
    pub neighbour_radius_km: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Referrals {
    /// (min age, max age, weight) bands.
    pub age_bands: Vec<(u32, u32, f64)>,
    pub male_share: f64,
    pub other_gender_share: f64,
    /// Share of referred children who come with brothers or sisters.
    pub sibling_share: f64,
    /// Weights of sibling group sizes 2, 3, 4, 5.
    pub sibling_group_sizes: [f64; 4],
    /// Share of sibling groups with an assessed plan to live apart.
    pub apart_assessed_share: f64,
    /// Weights of complexity levels 1-4.
    pub complexity: [f64; 4],
    /// (need tag, probability for a child of 12 or over, probability under 12).
    pub needs: Vec<(String, f64, f64)>,
    /// Placement need weights (family, residential, either, supported) by age band:
    /// under 12, 12-15, 16 and over.
    pub placement_need_under_12: [f64; 4],
    pub placement_need_12_to_15: [f64; 4],
    pub placement_need_16_plus: [f64; 4],
    pub step_down_ready_share: f64,
    pub in_school_share: f64,
    /// (min days, max days, weight) bands of urgency.
    pub urgency_bands: Vec<(u32, u32, f64)>,
    pub preferred_district_share: f64,
    /// Share of children at risk of exploitation who must avoid their home district.
    pub avoid_home_district_share: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supply {
    pub foster_inhouse: KindProfile,
    pub foster_agency: KindProfile,
    pub foster_enhanced: KindProfile,
    pub childrens_home: KindProfile,
    pub supported_16plus: KindProfile,
    /// Weights of Ofsted grades: outstanding, good, requires improvement, inadequate, not inspected.
    pub ofsted: [f64; 5],
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindProfile {
    /// Share of all homes with free beds.
    pub share: f64,
    /// Typical weekly cost per child, GBP (each home varies +/- cost_spread).
    pub weekly_cost: f64,
    pub cost_spread: f64,
    /// Share run by the council.
    pub in_house_share: f64,
    /// Weights of 1, 2, 3, 4, 5 free beds.
    pub beds: [f64; 5],
    /// (age_min, age_max, weight) registrations.
    pub age_ranges: Vec<(u32, u32, f64)>,
    /// Weights of max complexity 1-4.
    pub max_complexity: [f64; 4],
    /// (need tag, probability the home accepts it).
    pub accepts: Vec<(String, f64)>,
    /// Share that takes one child only.
    pub solo_share: f64,
    /// Share registered for girls only and for boys only.
    pub single_gender_share: f64,
}
