//! Cost: lower weekly cost scores higher, linear to zero at the policy's cost ceiling. The
//! optional weekly budget is a whole-match limit and lives in the assignment, not here.

use super::{Component, Criterion, Pair, ScoreBreakdown};

pub struct Cost;

impl Criterion for Cost {
    fn score(&self, pair: &Pair, score: &mut ScoreBreakdown) {
        let ceiling = pair.policy.limits.cost_ceiling_gbp;
        score.set(
            Component::Cost,
            pair.policy.weights.cost,
            1.0 - pair.home.weekly_cost / ceiling,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::test_support::{child, home, policy};

    #[test]
    fn cost_above_the_ceiling_scores_zero() {
        let p = policy();
        let c = child();
        let mut h = home();
        h.weekly_cost = p.limits.cost_ceiling_gbp * 2.0;
        let mut s = ScoreBreakdown::default();
        Cost.score(&Pair::new(&c, &h, &p, 1), &mut s);
        assert!(s.get(Component::Cost).abs() < 1e-12);
        h.weekly_cost = p.limits.cost_ceiling_gbp / 4.0;
        Cost.score(&Pair::new(&c, &h, &p, 1), &mut s);
        assert!((s.get(Component::Cost) - 0.75 * p.weights.cost).abs() < 1e-12);
    }
}
