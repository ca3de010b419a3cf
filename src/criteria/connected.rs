//! Connected persons (Children Act 1989 s.22C(7)(a)): a relative, friend or other connected
//! person approved as a foster carer for one child takes that child and their brothers and
//! sisters only. Preferring such a carer is the assignment's connected-person tier (see
//! docs/matching.md), not a score.

use super::{Criterion, Pair, Reason, ReasonColumn, Rejection, Spec};

/// The criterion (registered in [`super::CRITERIA`]).
pub struct Connected;

/// A rejection this rule gives (its words say which).
pub static CONNECTED_FOR_ANOTHER: Rejection = Rejection {
    code: "connected_for_another_child",
    column: ReasonColumn::Law,
    words: "approved as a connected carer for another child only",
};

static SPEC: Spec = Spec {
    name: "connected",
    rule: "a carer approved as a connected person for a child takes only that child and their \
           brothers and sisters (their approval is for that child: s.22C(7)(a))",
    rejections: &[&CONNECTED_FOR_ANOTHER],
    components: &[],
    reads: &["homes.connected_child", "children.sibling_group"],
};

impl Criterion for Connected {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn rule(&self, pair: &Pair) -> Result<(), Reason> {
        let Some(approved) = &pair.home.household.connected_child else {
            return Ok(());
        };
        if approved == &pair.child.id {
            return Ok(());
        }
        // A brother or sister of the approved child (the loader records the child's group).
        match (
            &pair.child.sibling_group,
            &pair.home.household.connected_group,
        ) {
            (Some(g), Some(a)) if g == a => Ok(()),
            _ => Err(&CONNECTED_FOR_ANOTHER),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{child, home, policy};
    use super::*;
    use crate::model::{ChildId, SiblingGroupId};

    #[test]
    fn s22c_connected_carer_takes_only_their_child_and_siblings() {
        let mut h = home();
        h.household.connected_child = Some(ChildId::from("C7"));
        let mut c = child();
        let p = policy();
        assert_eq!(
            Connected.rule(&Pair::new(&c, &h, &p, 1)),
            Err(&CONNECTED_FOR_ANOTHER)
        );
        c.id = ChildId::from("C7");
        assert_eq!(Connected.rule(&Pair::new(&c, &h, &p, 1)), Ok(()));
        c.id = ChildId::from("C8");
        c.sibling_group = Some(SiblingGroupId::from("S1"));
        h.household.connected_group = Some(SiblingGroupId::from("S1"));
        assert_eq!(Connected.rule(&Pair::new(&c, &h, &p, 1)), Ok(()));
    }
}
