//! Quality: the home's Ofsted grade. Rule: no inadequate home unless the policy allows it.
//! Score: outstanding 1, good 0.75, not yet inspected 0.5, requires improvement 0.25.

use super::{Component, Criterion, Pair, Reason, ScoreBreakdown};
use crate::model::Ofsted;

pub struct Quality;

impl Criterion for Quality {
    fn rule(&self, pair: &Pair) -> Result<(), Reason> {
        if pair.home.ofsted == Ofsted::Inadequate && !pair.policy.limits.allow_inadequate {
            Err(Reason::Quality)
        } else {
            Ok(())
        }
    }

    fn score(&self, pair: &Pair, score: &mut ScoreBreakdown) {
        let value = match pair.home.ofsted {
            Ofsted::Outstanding => 1.0,
            Ofsted::Good => 0.75,
            Ofsted::NotInspected => 0.5,
            Ofsted::RequiresImprovement => 0.25,
            Ofsted::Inadequate => 0.0,
        };
        score.set(Component::Quality, pair.policy.weights.quality, value);
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
        assert_eq!(
            Quality.rule(&Pair::new(&c, &h, &p, 1)),
            Err(Reason::Quality)
        );
        p.limits.allow_inadequate = true;
        assert_eq!(Quality.rule(&Pair::new(&c, &h, &p, 1)), Ok(()));
    }
}
