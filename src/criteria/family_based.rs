//! Family-based care for younger children: a foster family scores for a child under the
//! policy's age (default 12), the council's preference for family life.

use super::{ComponentSpec, Criterion, Pair, Points, Said, Spec};

pub struct FamilyBased;

static SPEC: Spec = Spec {
    name: "family_based",
    rule: "",
    rejections: &[],
    components: &[ComponentSpec {
        key: "family_based",
        weight_key: "family_based",
        default_weight: 2.0,
        rewards: "a family home for a younger child",
        young_person: |_| "You would live with a family.".to_string(),
        manager: |p| {
            format!(
                "A family home for a child under {}.",
                p.policy.limits.family_based_under_age
            )
        },
        said: Said::InDescription,
    }],
    reads: &["children.age", "homes.kind"],
};

impl Criterion for FamilyBased {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn score(&self, pair: &Pair, points: &mut Points) {
        let young = pair.child.age < pair.policy.limits.family_based_under_age;
        let value = if young && pair.home.kind.is_family() {
            1.0
        } else {
            0.0
        };
        points.set(0, value);
    }
}
