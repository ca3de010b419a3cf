//! Step-down: a child ready to leave a children's home for a family scores for a foster
//! family with extra support (enhanced foster care).

use super::{ComponentSpec, Criterion, Pair, Points, Said, Spec};
use crate::model::HomeKind;

pub struct StepDown;

static SPEC: Spec = Spec {
    name: "step_down",
    rule: "",
    rejections: &[],
    components: &[ComponentSpec {
        key: "step_down",
        weight_key: "step_down",
        default_weight: 2.0,
        rewards: "enhanced foster family for a child ready to step down",
        young_person: |_| {
            "It is a family ready to help with your move from a children's home.".to_string()
        },
        manager: |_| {
            "Step-down fit: enhanced foster care for a child ready to leave residential care."
                .to_string()
        },
        said: Said::AsReason,
    }],
    reads: &["children.step_down_ready", "homes.kind"],
};

impl Criterion for StepDown {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn score(&self, pair: &Pair, points: &mut Points) {
        let fit = pair.child.step_down_ready && pair.home.kind == HomeKind::FosterEnhanced;
        points.set(0, if fit { 1.0 } else { 0.0 });
    }
}
