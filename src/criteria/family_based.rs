//! Family-based care for younger children: a foster family scores for a child under the
//! policy's age (default 12), the council's preference for family life.

use super::{Component, Criterion, Pair, ScoreBreakdown};

pub struct FamilyBased;

impl Criterion for FamilyBased {
    fn score(&self, pair: &Pair, score: &mut ScoreBreakdown) {
        let young = pair.child.age < pair.policy.limits.family_based_under_age;
        let value = if young && pair.home.kind.is_family() {
            1.0
        } else {
            0.0
        };
        score.set(
            Component::FamilyBased,
            pair.policy.weights.family_based,
            value,
        );
    }
}
