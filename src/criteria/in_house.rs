//! In-house preference: the council's own carers and homes (known, supported, and lower cost).

use super::{Component, Criterion, Pair, ScoreBreakdown};

pub struct InHouse;

impl Criterion for InHouse {
    fn score(&self, pair: &Pair, score: &mut ScoreBreakdown) {
        score.set(
            Component::InHouse,
            pair.policy.weights.in_house,
            if pair.home.in_house { 1.0 } else { 0.0 },
        );
    }
}
