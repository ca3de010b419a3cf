//! School: staying at the same school. Score: full when the home is at the school, falling to
//! zero at the policy's school travel limit; multiplied in Year 6, 10 and 11, when a move
//! costs most. No score for a child not in school.

use super::{Component, Criterion, Pair, ScoreBreakdown};

pub struct School;

/// School years in which keeping the school matters most: Year 6 (SATs, secondary transfer)
/// and Years 10-11 (GCSEs).
pub fn is_exam_year(year: u32) -> bool {
    matches!(year, 6 | 10 | 11)
}

impl Criterion for School {
    fn score(&self, pair: &Pair, score: &mut ScoreBreakdown) {
        let (Some(km), Some(school)) = (pair.school_km(), &pair.child.school) else {
            return;
        };
        let limits = &pair.policy.limits;
        let multiplier = if is_exam_year(school.year) {
            limits.exam_year_multiplier
        } else {
            1.0
        };
        let value = 1.0 - km / limits.school_travel_limit_km;
        score.set(
            Component::School,
            pair.policy.weights.school * multiplier,
            value,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::test_support::{child, home, policy};
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
        let mut s = ScoreBreakdown::default();
        School.score(&Pair::new(&c, &h, &p, 1), &mut s);
        let year9 = s.get(Component::School);
        c.school = Some(ChildSchool {
            location: h.location.clone(),
            year: 10,
        });
        School.score(&Pair::new(&c, &h, &p, 1), &mut s);
        assert!((s.get(Component::School) - year9 * p.limits.exam_year_multiplier).abs() < 1e-12);
        assert!((year9 - p.weights.school).abs() < 1e-12);
    }
}
