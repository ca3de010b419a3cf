//! In-house preference: the council's own carers and homes (known, supported, and lower cost).

use super::{ComponentSpec, Criterion, Pair, Points, Said, Spec};

pub struct InHouse;

static SPEC: Spec = Spec {
    name: "in_house",
    rule: "",
    rejections: &[],
    components: &[ComponentSpec {
        key: "in_house",
        weight_key: "in_house",
        default_weight: 1.0,
        rewards: "the council's own carers and homes",
        young_person: |_| "The council knows and supports these carers well.".to_string(),
        manager: |_| "Council's own carers or home.".to_string(),
        said: Said::InDescription,
    }],
    reads: &["homes.in_house"],
};

impl Criterion for InHouse {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn score(&self, pair: &Pair, points: &mut Points) {
        points.set(0, if pair.home.in_house { 1.0 } else { 0.0 });
    }
}
