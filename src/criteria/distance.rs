//! Distance from the child's family and community. Rule: no further than the policy's maximum.
//! Score: nearer is better (linear to zero at the maximum), plus a bonus inside the national
//! 20-mile line.

use super::{Component, Criterion, Pair, Reason, ScoreBreakdown};
use crate::model::location::TWENTY_MILES_KM;

pub struct Distance;

impl Criterion for Distance {
    fn rule(&self, pair: &Pair) -> Result<(), Reason> {
        if pair.distance_km() <= pair.policy.limits.max_distance_km {
            Ok(())
        } else {
            Err(Reason::Distance)
        }
    }

    fn score(&self, pair: &Pair, score: &mut ScoreBreakdown) {
        let w = &pair.policy.weights;
        score.set(
            Component::Distance,
            w.distance,
            1.0 - pair.distance_km() / pair.policy.limits.max_distance_km,
        );
        let within = if pair.distance_km() <= TWENTY_MILES_KM {
            1.0
        } else {
            0.0
        };
        score.set(Component::Within20Miles, w.within_20_miles, within);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::test_support::{child, home_at, policy};

    #[test]
    fn preston_to_burnley_is_inside_20_miles_and_preston_to_carlisle_is_not_allowed() {
        let p = policy();
        let c = child(); // family in PR1
        let burnley = home_at("BB11");
        let pair = Pair::new(&c, &burnley, &p, 1);
        assert!(Distance.rule(&pair).is_ok());
        let mut s = ScoreBreakdown::default();
        Distance.score(&pair, &mut s);
        assert!((s.get(Component::Within20Miles) - p.weights.within_20_miles).abs() < 1e-12);
        let expected = p.weights.distance * (1.0 - pair.distance_km() / p.limits.max_distance_km);
        assert!((s.get(Component::Distance) - expected).abs() < 1e-12);
        let carlisle = home_at("CA1");
        assert_eq!(
            Distance.rule(&Pair::new(&c, &carlisle, &p, 1)),
            Err(Reason::Distance)
        );
    }
}
