//! Step-down: a child ready to leave a children's home for a family scores for a foster
//! family with extra support (enhanced foster care).

use super::{Component, Criterion, Pair, ScoreBreakdown};
use crate::model::HomeKind;

pub struct StepDown;

impl Criterion for StepDown {
    fn score(&self, pair: &Pair, score: &mut ScoreBreakdown) {
        let fit = pair.child.step_down_ready && pair.home.kind == HomeKind::FosterEnhanced;
        score.set(
            Component::StepDown,
            pair.policy.weights.step_down,
            if fit { 1.0 } else { 0.0 },
        );
    }
}
