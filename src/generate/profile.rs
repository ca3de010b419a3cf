//! The profile a synthetic county is generated from (`profile.toml`). Every figure that comes
//! from a publication is cited in the profile file itself and in data/lancashire/README.md;
//! every other figure is marked there as an assumption.

use crate::error::{Code, Problem};
use serde::Deserialize;

/// A county profile (profile.toml): how many referrals and homes, and the shares and weights they are drawn from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Shown in generated files, e.g. "Lancashire (synthetic)".
    pub name: String,
    /// Default number of referrals.
    pub children: usize,
    /// Default number of homes with free beds.
    pub homes: usize,
    /// Where the county is: its local authorities and its neighbours.
    pub area: Area,
    /// How referred children are drawn.
    pub referrals: Referrals,
    /// How homes with free beds are drawn, by kind.
    pub supply: Supply,
    /// Languages and faiths (the culture criterion's columns); absent = columns left blank.
    #[serde(default)]
    pub culture: Option<Culture>,
    /// Residents, connected carers, registration and the other columns of issue 17; absent =
    /// the defaults in code ([`Law::default`]).
    #[serde(default)]
    pub law: Law,
}

/// How the law's columns and residents.csv are drawn (shares 0-1), with defaults.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Law {
    /// Share of foster homes with children already living there.
    pub foster_with_residents_share: f64,
    /// Share of those residents who are fostered (the rest are the carers' own).
    pub resident_fostered_share: f64,
    /// Share of residents who are a brother or sister of a referred sibling group.
    pub resident_sibling_share: f64,
    /// Share of children's homes with young people already living there.
    pub childrens_home_with_residents_share: f64,
    /// Share of supported accommodation not registered with Ofsted.
    pub supported_unregistered_share: f64,
    /// Share of children's homes not registered with Ofsted.
    pub childrens_home_unregistered_share: f64,
    /// Share of foster homes with an exemption from the fostering limit.
    pub fostering_exemption_share: f64,
    /// Share of homes moved to a council near the county that does not adjoin it.
    pub distant_home_share: f64,
    /// Connected-person carers, per 100 referrals.
    pub connected_per_100: f64,
    /// Share of referrals with a living-companion condition (alone, only older, ...).
    pub living_with_share: f64,
    /// Referrals with a home already agreed, per 100.
    pub decided_per_100: f64,
    /// Share of teenage referrals (and residents) with each of the issue 17 need tags.
    pub new_tag_share: f64,
    /// Share of children's homes and enhanced foster homes accepting each of those tags.
    pub new_tag_accepted_share: f64,
}

impl Default for Law {
    fn default() -> Self {
        Law {
            foster_with_residents_share: 0.35,
            resident_fostered_share: 0.7,
            resident_sibling_share: 0.1,
            childrens_home_with_residents_share: 0.6,
            supported_unregistered_share: 0.25,
            childrens_home_unregistered_share: 0.03,
            fostering_exemption_share: 0.08,
            distant_home_share: 0.04,
            connected_per_100: 3.0,
            living_with_share: 0.06,
            decided_per_100: 1.0,
            new_tag_share: 0.03,
            new_tag_accepted_share: 0.4,
        }
    }
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

/// The county's geography.
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

/// The mix of referred children (shares are 0-1, weights relative).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Referrals {
    /// (min age, max age, weight) bands.
    pub age_bands: Vec<(u32, u32, f64)>,
    /// Share of referred children who are boys (0-1).
    pub male_share: f64,
    /// Share whose gender is recorded as other (0-1).
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
    /// Placement need weights for ages 12-15.
    pub placement_need_12_to_15: [f64; 4],
    /// Placement need weights for ages 16 and over.
    pub placement_need_16_plus: [f64; 4],
    /// Share of children in residential care ready to step down (0-1).
    pub step_down_ready_share: f64,
    /// Share of children in school, with a school location and year (0-1).
    pub in_school_share: f64,
    /// (min days, max days, weight) bands of urgency.
    pub urgency_bands: Vec<(u32, u32, f64)>,
    /// Share of children with a preferred district (their wish, 0-1).
    pub preferred_district_share: f64,
    /// Share of children at risk of exploitation who must avoid their home district.
    pub avoid_home_district_share: f64,
}

/// The supply of homes with free beds, one profile per kind.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supply {
    /// Council foster carers.
    pub foster_inhouse: KindProfile,
    /// Independent fostering agency carers.
    pub foster_agency: KindProfile,
    /// Enhanced (step-down) foster carers.
    pub foster_enhanced: KindProfile,
    /// Children's homes.
    pub childrens_home: KindProfile,
    /// Supported accommodation for 16 and 17 year olds.
    pub supported_16plus: KindProfile,
    /// Weights of Ofsted grades: outstanding, good, requires improvement, inadequate, not inspected.
    pub ofsted: [f64; 5],
    /// Homes offered in answer to one referral (absent: every home is drawn from its kind's
    /// profile alone, as before).
    #[serde(default)]
    pub offers: Option<Offers>,
}

/// Beds offered in answer to a referral. A council sends each referral to providers and takes
/// what they offer for that child (CMA 2022: often one placement or none to choose from), so
/// the free beds of the day are mostly shaped by the children referred, not drawn blind.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offers {
    /// Share of homes (0-1) offered for one referral: its age range is the referral's ages
    /// widened by `age_margin`, it meets the referral's complexity, accepts exactly the
    /// referral's need tags and has room for a sibling group placed together. Referrals take
    /// turns, so each has about the same number of offers.
    pub share: f64,
    /// Years either side of the referral's ages that the offered home also takes (0-17).
    pub age_margin: u32,
    /// Share of offered homes inside the county (0-1) that are in the referral's own district
    /// (providers near the family answer first); the rest stay where they were drawn.
    pub near_share: f64,
}

/// One kind of home: its share of homes, cost, provider and beds.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindProfile {
    /// Share of all homes with free beds.
    pub share: f64,
    /// Typical weekly cost per child, GBP (each home varies +/- cost_spread).
    pub weekly_cost: f64,
    /// How far a home's weekly cost may vary either way, as a share of `weekly_cost` (0-1).
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
    /// Share of this kind's homes just over the county border (0-1); absent: the area's
    /// `out_of_area_home_share`. Children's homes are mostly out of county (NAO 2025), foster
    /// families mostly not, so one figure for all kinds cannot say both.
    #[serde(default)]
    pub out_of_area_share: Option<f64>,
}

/// Most entries in one of a profile's lists (bands, need tags, authorities).
const MAX_ENTRIES: usize = 1000;
/// Largest relative weight in a profile's weight lists.
const MAX_WEIGHT: f64 = 1e6;
/// Most children or homes a profile (or `generate --children/--homes`) may ask for.
pub const MAX_RECORDS: usize = 1_000_000;
/// Highest weekly cost a generated home may have, GBP: what homes.csv accepts.
const MAX_WEEKLY_COST: f64 = 100_000.0;

/// Collects a profile's problems, each at its key's line.
struct Checker<'a> {
    text: &'a str,
    file: &'a str,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn fail(&mut self, key: &str, value: String, expected: &str) {
        self.problems.push(Problem {
            code: Code::PolicyValue,
            file: self.file.to_string(),
            line: crate::io::key_line(self.text, key),
            column: Some(key.to_string()),
            value: Some(value),
            expected: expected.to_string(),
        });
    }

    fn share(&mut self, key: &str, x: f64) {
        if !(0.0..=1.0).contains(&x) {
            self.fail(key, x.to_string(), "a share from 0 to 1");
        }
    }

    fn range(&mut self, key: &str, x: f64, max: f64, words: &str) {
        if !(x.is_finite() && (0.0..=max).contains(&x)) {
            self.fail(key, x.to_string(), words);
        }
    }

    fn count(&mut self, key: &str, len: usize, min: usize) {
        if len < min || len > MAX_ENTRIES {
            self.fail(
                key,
                format!("{len} entries"),
                &format!("a list of {min} to {MAX_ENTRIES} entries"),
            );
        }
    }

    /// Relative weights: each finite, 0 to MAX_WEIGHT, and not all zero.
    fn weights(&mut self, key: &str, weights: impl IntoIterator<Item = f64>) {
        let mut any = false;
        for (i, w) in weights.into_iter().enumerate() {
            if !(w.is_finite() && (0.0..=MAX_WEIGHT).contains(&w)) {
                self.fail(
                    &format!("{key}[{i}]"),
                    w.to_string(),
                    &format!("a weight from 0 to {MAX_WEIGHT}"),
                );
                return;
            }
            any |= w > 0.0;
        }
        if !any {
            self.fail(
                key,
                "all 0".into(),
                "weights of which at least one is above 0",
            );
        }
    }

    /// (min, max, weight) bands: at least one, none inverted, each max at most `top`.
    fn bands(&mut self, key: &str, bands: &[(u32, u32, f64)], top: u32) {
        self.count(key, bands.len(), 1);
        for (i, (lo, hi, _)) in bands.iter().enumerate() {
            if lo > hi || *hi > top {
                self.fail(
                    &format!("{key}[{i}]"),
                    format!("[{lo}, {hi}]"),
                    &format!("a band [min, max, weight] with min <= max <= {top}"),
                );
            }
        }
        self.weights(key, bands.iter().map(|b| b.2));
    }

    fn tag(&mut self, key: &str, tag: &str) {
        if crate::model::need_tag(tag).is_none() {
            self.fail(key, tag.to_string(), "a need tag from docs/data-format.md");
        }
    }
}

impl Profile {
    /// Every value that would make the generator fail or make data that children.csv and
    /// homes.csv reject, each named with its key and its line in `text` (from `file`).
    pub fn problems(&self, text: &str, file: &str) -> Vec<Problem> {
        let mut c = Checker {
            text,
            file,
            problems: Vec::new(),
        };
        for (key, n) in [("children", self.children), ("homes", self.homes)] {
            if n > MAX_RECORDS {
                c.fail(
                    key,
                    n.to_string(),
                    &format!("a number from 0 to {MAX_RECORDS}"),
                );
            }
        }
        let a = &self.area;
        c.count("area.local_authorities", a.local_authorities.len(), 1);
        c.share("area.out_of_area_home_share", a.out_of_area_home_share);
        c.range(
            "area.neighbour_radius_km",
            a.neighbour_radius_km,
            500.0,
            "a distance from 0 to 500 km",
        );
        let r = &self.referrals;
        c.bands("referrals.age_bands", &r.age_bands, 25);
        for (key, x) in [
            ("referrals.male_share", r.male_share),
            ("referrals.other_gender_share", r.other_gender_share),
            ("referrals.sibling_share", r.sibling_share),
            ("referrals.apart_assessed_share", r.apart_assessed_share),
            ("referrals.step_down_ready_share", r.step_down_ready_share),
            ("referrals.in_school_share", r.in_school_share),
            (
                "referrals.preferred_district_share",
                r.preferred_district_share,
            ),
            (
                "referrals.avoid_home_district_share",
                r.avoid_home_district_share,
            ),
        ] {
            c.share(key, x);
        }
        c.weights("referrals.sibling_group_sizes", r.sibling_group_sizes);
        c.weights("referrals.complexity", r.complexity);
        c.count("referrals.needs", r.needs.len(), 0);
        for (i, (tag, older, younger)) in r.needs.iter().enumerate() {
            c.tag(&format!("referrals.needs[{i}]"), tag);
            c.share(&format!("referrals.needs[{i}]"), *older);
            c.share(&format!("referrals.needs[{i}]"), *younger);
        }
        c.weights(
            "referrals.placement_need_under_12",
            r.placement_need_under_12,
        );
        c.weights(
            "referrals.placement_need_12_to_15",
            r.placement_need_12_to_15,
        );
        c.weights("referrals.placement_need_16_plus", r.placement_need_16_plus);
        c.bands("referrals.urgency_bands", &r.urgency_bands, 365);
        let s = &self.supply;
        let kinds = [
            ("foster_inhouse", &s.foster_inhouse),
            ("foster_agency", &s.foster_agency),
            ("foster_enhanced", &s.foster_enhanced),
            ("childrens_home", &s.childrens_home),
            ("supported_16plus", &s.supported_16plus),
        ];
        c.weights("supply", kinds.iter().map(|k| k.1.share));
        for (name, k) in kinds {
            let key = |leaf: &str| format!("supply.{name}.{leaf}");
            c.range(
                &key("weekly_cost"),
                k.weekly_cost,
                MAX_WEEKLY_COST,
                "a weekly cost from 0 to 100000 GBP",
            );
            c.share(&key("cost_spread"), k.cost_spread);
            if k.weekly_cost.is_finite()
                && (0.0..=1.0).contains(&k.cost_spread)
                && k.weekly_cost * (1.0 + k.cost_spread) > MAX_WEEKLY_COST
            {
                c.fail(
                    &key("cost_spread"),
                    k.cost_spread.to_string(),
                    "a spread that keeps weekly_cost x (1 + cost_spread) at most 100000 GBP",
                );
            }
            c.share(&key("in_house_share"), k.in_house_share);
            c.weights(&key("beds"), k.beds);
            c.bands(&key("age_ranges"), &k.age_ranges, 25);
            c.weights(&key("max_complexity"), k.max_complexity);
            c.count(&key("accepts"), k.accepts.len(), 0);
            for (i, (tag, p)) in k.accepts.iter().enumerate() {
                c.tag(&format!("supply.{name}.accepts[{i}]"), tag);
                c.share(&format!("supply.{name}.accepts[{i}]"), *p);
            }
            c.share(&key("solo_share"), k.solo_share);
            c.share(&key("single_gender_share"), k.single_gender_share);
            if let Some(share) = k.out_of_area_share {
                c.share(&key("out_of_area_share"), share);
            }
        }
        c.weights("supply.ofsted", s.ofsted);
        if let Some(o) = &s.offers {
            c.share("supply.offers.share", o.share);
            c.share("supply.offers.near_share", o.near_share);
            c.range(
                "supply.offers.age_margin",
                f64::from(o.age_margin),
                17.0,
                "a number of years from 0 to 17",
            );
        }
        if let Some(cu) = &self.culture {
            c.share("culture.also_english_share", cu.also_english_share);
            c.share(
                "culture.home_second_language_share",
                cu.home_second_language_share,
            );
            // Each weight finite and in range (an infinite one would panic the draw); an
            // empty or all-zero list leaves the column blank, as before.
            for (key, list) in [
                ("culture.main_languages", &cu.main_languages),
                ("culture.home_second_languages", &cu.home_second_languages),
                ("culture.faiths", &cu.faiths),
            ] {
                for (i, (_, w)) in list.iter().enumerate() {
                    c.range(
                        &format!("{key}[{i}]"),
                        *w,
                        MAX_WEIGHT,
                        &format!("a weight from 0 to {MAX_WEIGHT}"),
                    );
                }
            }
        }
        c.problems
    }
}
