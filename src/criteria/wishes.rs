//! Wishes: the child's own preference for where to live (a postcode district).

use super::{Component, Criterion, Pair, ScoreBreakdown};

pub struct Wishes;

impl Criterion for Wishes {
    fn score(&self, pair: &Pair, score: &mut ScoreBreakdown) {
        let wanted = pair.child.preferred_district.as_ref() == Some(&pair.home.location.district);
        score.set(
            Component::Wishes,
            pair.policy.weights.wishes,
            if wanted { 1.0 } else { 0.0 },
        );
    }
}
