//! Cost: lower weekly cost scores higher, linear to zero at the policy's cost ceiling. The
//! optional weekly budget is a whole-match limit and lives in the assignment, not here.

use super::{ComponentSpec, Criterion, Pair, Points, Said, Spec};

pub struct Cost;

static SPEC: Spec = Spec {
    name: "cost",
    rule: "",
    rejections: &[],
    components: &[ComponentSpec {
        key: "cost",
        weight_key: "cost",
        default_weight: 1.0,
        rewards: "lower weekly cost",
        // The young person's sheet never speaks of money.
        young_person: |_| "The council can keep this home going for you.".to_string(),
        manager: |p| format!("Weekly cost £{:.0}.", p.home.weekly_cost),
        said: Said::InDescription,
    }],
    reads: &["homes.weekly_cost"],
};

impl Criterion for Cost {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn score(&self, pair: &Pair, points: &mut Points) {
        let ceiling = pair.policy.limits.cost_ceiling_gbp;
        points.set(0, 1.0 - pair.home.weekly_cost / ceiling);
    }
}

#[cfg(test)]
mod tests {
    use crate::criteria::test_support::{child, home, policy, scored};

    #[test]
    fn cost_above_the_ceiling_scores_zero() {
        let p = policy();
        let c = child();
        let mut h = home();
        h.weekly_cost = p.limits.cost_ceiling_gbp * 2.0;
        assert!(scored(&c, &h, &p).get("cost").abs() < 1e-12);
        h.weekly_cost = p.limits.cost_ceiling_gbp / 4.0;
        let w = p.weights.get("cost").expect("registered");
        assert!((scored(&c, &h, &p).get("cost") - 0.75 * w).abs() < 1e-12);
    }
}
