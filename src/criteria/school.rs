//! School: staying at the same school. Score: full when the home is at the school, falling to
//! zero at the policy's school travel limit; multiplied in Year 6, 10 and 11, when a move
//! costs most. No score for a child not in school.

use super::{ComponentSpec, Criterion, Pair, Points, Said, Spec};

pub struct School;

static SPEC: Spec = Spec {
    name: "school",
    rule: "",
    rejections: &[],
    components: &[ComponentSpec {
        key: "school",
        weight_key: "school",
        default_weight: 2.0,
        rewards: "able to stay at the same school",
        young_person: |_| "You could stay at your school.".to_string(),
        manager: |p| {
            format!(
                "About {:.0} km from the current school.",
                p.school_km().unwrap_or(0.0)
            )
        },
        said: Said::InDescription,
    }],
    reads: &[
        "children.school_postcode_district",
        "children.school_lat",
        "children.school_lon",
        "children.school_year",
        "homes.postcode_district",
        "homes.lat",
        "homes.lon",
    ],
};

/// School years in which keeping the school matters most: Year 6 (SATs, secondary transfer)
/// and Years 10-11 (GCSEs).
pub fn is_exam_year(year: u32) -> bool {
    matches!(year, 6 | 10 | 11)
}

impl Criterion for School {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn score(&self, pair: &Pair, points: &mut Points) {
        let (Some(km), Some(school)) = (pair.school_km(), &pair.child.school) else {
            return;
        };
        let limits = &pair.policy.limits;
        let multiplier = if is_exam_year(school.year) {
            limits.exam_year_multiplier
        } else {
            1.0
        };
        points.set_scaled(0, multiplier, 1.0 - km / limits.school_travel_limit_km);
    }
}

#[cfg(test)]
mod tests {
    use crate::criteria::test_support::{child, home, policy, scored};
    use crate::model::School as ChildSchool;

    #[test]
    fn exam_year_doubles_the_school_score() {
        let p = policy();
        let h = home();
        let mut c = child();
        c.school = Some(ChildSchool {
            location: h.location.clone(),
            year: 9,
        });
        let year9 = scored(&c, &h, &p).get("school");
        c.school = Some(ChildSchool {
            location: h.location.clone(),
            year: 10,
        });
        let year10 = scored(&c, &h, &p).get("school");
        assert!((year10 - year9 * p.limits.exam_year_multiplier).abs() < 1e-12);
        assert!((year9 - p.weights.get("school").expect("registered")).abs() < 1e-12);
    }
}
