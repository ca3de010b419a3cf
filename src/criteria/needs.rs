//! Needs: the home meets the child's level of complexity and is registered or trained for
//! every need tag the child has. Score: a home matched to the child's level scores higher
//! than one far above it, so that scarce high-support beds stay for the children who need them.

use super::{ComponentSpec, Criterion, Pair, Points, Reason, ReasonColumn, Rejection, Said, Spec};

pub struct Needs;

pub static COMPLEXITY: Rejection = Rejection {
    code: "complexity",
    column: ReasonColumn::Needs,
    words: "the home cannot meet this level of need",
};

pub static NEED_TAGS: Rejection = Rejection {
    code: "need_tags",
    column: ReasonColumn::Needs,
    words: "the home is not registered or trained for a need the child has",
};

static SPEC: Spec = Spec {
    name: "needs",
    rule: "complexity at most the home's maximum, and every need tag accepted by the home: a \
           home must be able to keep the child safe and meet their needs",
    rejections: &[&COMPLEXITY, &NEED_TAGS],
    components: &[ComponentSpec {
        key: "needs_fit",
        weight_key: "needs_fit",
        default_weight: 1.0,
        rewards: "the home meets the child's level of need without being far beyond it",
        young_person: |_| "The people there can give you the help you need.".to_string(),
        manager: |p| {
            format!(
                "Needs fit: the home meets complexity up to {}, the child's is {}.",
                p.home.max_complexity, p.child.complexity
            )
        },
        said: Said::InDescription,
    }],
    reads: &[
        "children.complexity",
        "children.needs",
        "homes.max_complexity",
        "homes.accepts_needs",
    ],
};

impl Criterion for Needs {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn rule(&self, pair: &Pair) -> Result<(), Reason> {
        if pair.child.complexity > pair.home.max_complexity {
            return Err(&COMPLEXITY);
        }
        if !pair.child.needs.is_subset(&pair.home.accepts_needs) {
            return Err(&NEED_TAGS);
        }
        Ok(())
    }

    fn score(&self, pair: &Pair, points: &mut Points) {
        let above = f64::from(
            pair.home
                .max_complexity
                .saturating_sub(pair.child.complexity),
        );
        points.set(0, 1.0 - above / 3.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::test_support::{child, home, policy, scored};

    #[test]
    fn complexity_and_tags_are_both_checked() {
        let p = policy();
        let mut c = child();
        let mut h = home();
        c.complexity = 3;
        h.max_complexity = 2;
        assert_eq!(Needs.rule(&Pair::new(&c, &h, &p, 1)), Err(&COMPLEXITY));
        h.max_complexity = 3;
        c.needs.insert("self_harm");
        assert_eq!(Needs.rule(&Pair::new(&c, &h, &p, 1)), Err(&NEED_TAGS));
        h.accepts_needs.insert("self_harm");
        assert_eq!(Needs.rule(&Pair::new(&c, &h, &p, 1)), Ok(()));
    }

    #[test]
    fn exact_level_scores_full_and_far_above_scores_zero() {
        let p = policy();
        let (mut c, mut h) = (child(), home());
        c.complexity = 1;
        h.max_complexity = 4;
        assert!(scored(&c, &h, &p).get("needs_fit").abs() < 1e-12);
        h.max_complexity = 1;
        let full = p.weights.get("needs_fit").expect("registered");
        assert!((scored(&c, &h, &p).get("needs_fit") - full).abs() < 1e-12);
    }
}
