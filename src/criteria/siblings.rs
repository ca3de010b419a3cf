//! Siblings and beds: a sibling group placed together needs a home that takes a group that
//! size and has the beds; a solo-only home takes one child only.

use super::{Criterion, Pair, Reason, ReasonColumn, Rejection, Spec};

pub struct Siblings;

pub static SIBLING_GROUP_SIZE: Rejection = Rejection {
    code: "sibling_group_size",
    column: ReasonColumn::Beds,
    words: "cannot take the whole sibling group together",
};

pub static SOLO_ONLY: Rejection = Rejection {
    code: "solo_only",
    column: ReasonColumn::Beds,
    words: "takes one child only",
};

pub static BEDS: Rejection = Rejection {
    code: "beds",
    column: ReasonColumn::Beds,
    words: "not enough free beds",
};

static SPEC: Spec = Spec {
    name: "siblings",
    rule: "the unit fits: a group within `max_sibling_group` and `beds_free`, and solo homes take \
           one child: brothers and sisters live together unless assessed otherwise",
    rejections: &[&SOLO_ONLY, &SIBLING_GROUP_SIZE, &BEDS],
    components: &[],
    reads: &[
        "children.sibling_group",
        "children.sibling_plan",
        "homes.beds_free",
        "homes.max_sibling_group",
        "homes.solo_only",
    ],
};

impl Criterion for Siblings {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn rule(&self, pair: &Pair) -> Result<(), Reason> {
        let (home, size) = (pair.home, pair.unit_size);
        if size > 1 && home.solo_only {
            return Err(&SOLO_ONLY);
        }
        if size > home.max_sibling_group {
            return Err(&SIBLING_GROUP_SIZE);
        }
        if size > home.beds_free {
            return Err(&BEDS);
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
        assert_eq!(Siblings.rule(&Pair::new(&c, &h, &p, 3)), Err(&BEDS));
        assert_eq!(
            Siblings.rule(&Pair::new(&c, &h, &p, 4)),
            Err(&SIBLING_GROUP_SIZE)
        );
        h.solo_only = true;
        assert_eq!(Siblings.rule(&Pair::new(&c, &h, &p, 2)), Err(&SOLO_ONLY));
        assert_eq!(Siblings.rule(&Pair::new(&c, &h, &p, 1)), Ok(()));
    }
}
