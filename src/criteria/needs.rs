//! Needs: the home meets the child's level of complexity and is registered or trained for
//! every need tag the child has. Score: a home matched to the child's level scores higher
//! than one far above it, so that scarce high-support beds stay for the children who need them.

use super::{Component, Criterion, Pair, Reason, ScoreBreakdown};

pub struct Needs;

impl Criterion for Needs {
    fn rule(&self, pair: &Pair) -> Result<(), Reason> {
        if pair.child.complexity > pair.home.max_complexity {
            return Err(Reason::Complexity);
        }
        if !pair.child.needs.is_subset(&pair.home.accepts_needs) {
            return Err(Reason::NeedTags);
        }
        Ok(())
    }

    fn score(&self, pair: &Pair, score: &mut ScoreBreakdown) {
        let above = f64::from(
            pair.home
                .max_complexity
                .saturating_sub(pair.child.complexity),
        );
        score.set(
            Component::NeedsFit,
            pair.policy.weights.needs_fit,
            1.0 - above / 3.0,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::test_support::{child, home, policy};

    #[test]
    fn complexity_and_tags_are_both_checked() {
        let p = policy();
        let mut c = child();
        let mut h = home();
        c.complexity = 3;
        h.max_complexity = 2;
        assert_eq!(
            Needs.rule(&Pair::new(&c, &h, &p, 1)),
            Err(Reason::Complexity)
        );
        h.max_complexity = 3;
        c.needs.insert("self_harm");
        assert_eq!(Needs.rule(&Pair::new(&c, &h, &p, 1)), Err(Reason::NeedTags));
        h.accepts_needs.insert("self_harm");
        assert_eq!(Needs.rule(&Pair::new(&c, &h, &p, 1)), Ok(()));
    }

    #[test]
    fn exact_level_scores_full_and_far_above_scores_zero() {
        let p = policy();
        let (mut c, mut h) = (child(), home());
        c.complexity = 1;
        h.max_complexity = 4;
        let mut s = ScoreBreakdown::default();
        Needs.score(&Pair::new(&c, &h, &p, 1), &mut s);
        assert!(s.get(Component::NeedsFit).abs() < 1e-12);
        h.max_complexity = 1;
        Needs.score(&Pair::new(&c, &h, &p, 1), &mut s);
        assert!((s.get(Component::NeedsFit) - p.weights.needs_fit).abs() < 1e-12);
    }
}
