//! Siblings and beds: a sibling group placed together needs a home that takes a group that
//! size and has the beds; a solo-only home takes one child only.

use super::{Criterion, Pair, Reason};

pub struct Siblings;

impl Criterion for Siblings {
    fn rule(&self, pair: &Pair) -> Result<(), Reason> {
        let (home, size) = (pair.home, pair.unit_size);
        if size > 1 && home.solo_only {
            return Err(Reason::SoloOnly);
        }
        if size > home.max_sibling_group {
            return Err(Reason::SiblingGroupSize);
        }
        if size > home.beds_free {
            return Err(Reason::Beds);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::test_support::{child, home, policy};

    #[test]
    fn group_size_solo_and_beds() {
        let p = policy();
        let c = child();
        let mut h = home();
        (h.beds_free, h.max_sibling_group, h.solo_only) = (2, 3, false);
        assert_eq!(Siblings.rule(&Pair::new(&c, &h, &p, 2)), Ok(()));
        assert_eq!(Siblings.rule(&Pair::new(&c, &h, &p, 3)), Err(Reason::Beds));
        assert_eq!(
            Siblings.rule(&Pair::new(&c, &h, &p, 4)),
            Err(Reason::SiblingGroupSize)
        );
        h.solo_only = true;
        assert_eq!(
            Siblings.rule(&Pair::new(&c, &h, &p, 2)),
            Err(Reason::SoloOnly)
        );
        assert_eq!(Siblings.rule(&Pair::new(&c, &h, &p, 1)), Ok(()));
    }
}
