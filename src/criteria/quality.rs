//! Quality: the home's Ofsted grade. Rule: no inadequate home unless the policy allows it.
//! Score: outstanding 1, good 0.75, not yet inspected 0.5, requires improvement 0.25.

use super::{ComponentSpec, Criterion, Pair, Points, Reason, ReasonColumn, Rejection, Said, Spec};
use crate::model::Ofsted;

pub struct Quality;

pub static QUALITY: Rejection = Rejection {
    code: "quality",
    column: ReasonColumn::Other,
    words: "rated inadequate by Ofsted",
};

static SPEC: Spec = Spec {
    name: "quality",
    rule: "not rated inadequate by Ofsted (unless `allow_inadequate`): a child should not be \
           placed where inspectors found care unsafe or poor",
    rejections: &[&QUALITY],
    components: &[ComponentSpec {
        key: "quality",
        weight_key: "quality",
        default_weight: 1.0,
        rewards: "Ofsted grade",
        young_person: |_| "Inspectors think the care there is good.".to_string(),
        manager: |p| format!("Ofsted: {}.", p.home.ofsted.code()),
        said: Said::InDescription,
    }],
    reads: &["homes.ofsted"],
};

impl Criterion for Quality {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn rule(&self, pair: &Pair) -> Result<(), Reason> {
        if pair.home.ofsted == Ofsted::Inadequate && !pair.policy.limits.allow_inadequate {
            Err(&QUALITY)
        } else {
            Ok(())
        }
    }

    fn score(&self, pair: &Pair, points: &mut Points) {
        let value = match pair.home.ofsted {
            Ofsted::Outstanding => 1.0,
            Ofsted::Good => 0.75,
            Ofsted::NotInspected => 0.5,
            Ofsted::RequiresImprovement => 0.25,
            Ofsted::Inadequate => 0.0,
        };
        points.set(0, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::test_support::{child, home, policy};

    #[test]
    fn inadequate_only_when_allowed() {
        let mut p = policy();
        let c = child();
        let mut h = home();
        h.ofsted = Ofsted::Inadequate;
        assert_eq!(Quality.rule(&Pair::new(&c, &h, &p, 1)), Err(&QUALITY));
        p.limits.allow_inadequate = true;
        assert_eq!(Quality.rule(&Pair::new(&c, &h, &p, 1)), Ok(()));
    }
}
