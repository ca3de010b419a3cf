//! Wishes: the child's own preference for where to live (a postcode district).

use super::{ComponentSpec, Criterion, Pair, Points, Said, Spec};

pub struct Wishes;

static SPEC: Spec = Spec {
    name: "wishes",
    rule: "",
    rejections: &[],
    components: &[ComponentSpec {
        key: "wishes",
        weight_key: "wishes",
        default_weight: 1.0,
        rewards: "in the district the child asked for",
        young_person: |_| "It is in the area you asked for.".to_string(),
        manager: |_| "In the district the child asked for.".to_string(),
        said: Said::AsReason,
    }],
    reads: &["children.preferred_district", "homes.postcode_district"],
};

impl Criterion for Wishes {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn score(&self, pair: &Pair, points: &mut Points) {
        let wanted = pair.child.preferred_district.as_ref() == Some(&pair.home.location.district);
        points.set(0, if wanted { 1.0 } else { 0.0 });
    }
}
