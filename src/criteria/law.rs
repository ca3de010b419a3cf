//! The law on where a child may live (issue 17), checked per child and home:
//! - reg. 27A of the Care Planning, Placement and Case Review (England) Regulations 2010
//!   (from 9 September 2021): a child under 16 is never placed in supported accommodation;
//! - reg. 27C (from 28 October 2023): a 16 or 17 year old goes to supported accommodation only
//!   where it is registered with Ofsted;
//! - Care Standards Act 2000 s.11: a children's home must be registered;
//! - Children Act 1989 Sch. 7 (the usual fostering limit): a foster carer fosters at most three
//!   children, unless they are all brothers and sisters or the council has exempted the carer.
//!
//! The fostering limit is judged here against the residents fostered there and the unit
//! itself; between the children placed today in one home it is a row of the assignment
//! (see docs/matching.md).

use super::{Criterion, Pair, Reason, ReasonColumn, Rejection, Spec};
use crate::model::household::FOSTERING_LIMIT;
use crate::model::{Home, HomeKind, SiblingGroupId};

/// The criterion (registered in [`super::CRITERIA`]).
pub struct Law;

/// A rejection this rule gives (its words say which).
pub static UNDER_16_SUPPORTED: Rejection = Rejection {
    code: "reg_27a_under_16",
    column: ReasonColumn::Law,
    words: "supported accommodation, where no child under 16 may live (reg. 27A)",
};

/// A rejection this rule gives (its words say which).
pub static SUPPORTED_UNREGISTERED: Rejection = Rejection {
    code: "reg_27c_unregistered",
    column: ReasonColumn::Law,
    words: "supported accommodation not registered with Ofsted (reg. 27C)",
};

/// A rejection this rule gives (its words say which).
pub static HOME_UNREGISTERED: Rejection = Rejection {
    code: "unregistered_home",
    column: ReasonColumn::Law,
    words: "a children's home not registered with Ofsted",
};

/// A rejection this rule gives (its words say which).
pub static FOSTERING_LIMIT_REACHED: Rejection = Rejection {
    code: "fostering_limit",
    column: ReasonColumn::Law,
    words: "the carers would foster more than three children (the usual fostering limit)",
};

static SPEC: Spec = Spec {
    name: "law",
    rule: "no child under 16 in supported accommodation (reg. 27A), 16-17 year olds only in \
           registered supported accommodation (reg. 27C), no unregistered children's home, and \
           a foster carer fosters at most three children unless all brothers and sisters or \
           exempted (Children Act 1989 Sch. 7)",
    rejections: &[
        &UNDER_16_SUPPORTED,
        &SUPPORTED_UNREGISTERED,
        &HOME_UNREGISTERED,
        &FOSTERING_LIMIT_REACHED,
    ],
    components: &[],
    reads: &[
        "children.age",
        "children.sibling_group",
        "homes.kind",
        "homes.registered",
        "homes.fostering_exemption",
        "residents.fostered",
        "residents.sibling_group",
    ],
};

/// Whether a foster home may foster `children` more today (a unit of one sibling group
/// `group`, or one child with no group when `group` is None) without breaking the usual
/// fostering limit: fostered residents plus these at most three, or every one of them in one
/// sibling group. An exempted carer (or a home that is not a foster home) always may.
pub fn within_fostering_limit(
    home: &Home,
    children: usize,
    group: Option<&SiblingGroupId>,
) -> bool {
    if !home.kind.is_family() || home.household.fostering_exemption {
        return true;
    }
    let fostered: Vec<_> = home.household.fostered().collect();
    if fostered.len() + children <= FOSTERING_LIMIT {
        return true;
    }
    group.is_some_and(|g| fostered.iter().all(|r| r.sibling_group.as_ref() == Some(g)))
}

impl Criterion for Law {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn rule(&self, pair: &Pair) -> Result<(), Reason> {
        let (child, home) = (pair.child, pair.home);
        match home.kind {
            HomeKind::Supported16Plus if child.age < 16 => return Err(&UNDER_16_SUPPORTED),
            HomeKind::Supported16Plus if child.age < 18 && !home.household.registered => {
                return Err(&SUPPORTED_UNREGISTERED);
            }
            HomeKind::ChildrensHome if !home.household.registered => {
                return Err(&HOME_UNREGISTERED);
            }
            _ => {}
        }
        // A unit of more than one is a `together` sibling group: all one group. A unit of
        // one with a group (a lone referral, or an apart-assessed member) may still join
        // fostered residents all of its group: "all brothers and sisters" counts residents.
        let group = child.sibling_group.as_ref();
        if !within_fostering_limit(home, pair.unit_size as usize, group) {
            return Err(&FOSTERING_LIMIT_REACHED);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{child, home, policy};
    use super::*;
    use crate::model::{HomeKind, Resident, SiblingGroupId};

    fn check(c: &crate::model::Child, h: &Home, size: u32) -> Result<(), Reason> {
        Law.rule(&Pair::new(c, h, &policy(), size))
    }

    fn fostered(group: Option<&str>) -> Resident {
        Resident {
            age: 8,
            gender: crate::model::Gender::Female,
            fostered: true,
            sibling_group: group.map(SiblingGroupId::from),
            needs: Default::default(),
        }
    }

    #[test]
    fn reg_27a_no_child_under_16_in_supported_accommodation() {
        let mut h = home();
        h.kind = HomeKind::Supported16Plus;
        h.age_min = 14;
        let mut c = child();
        c.age = 15;
        assert_eq!(check(&c, &h, 1), Err(&UNDER_16_SUPPORTED));
        c.age = 16;
        assert_eq!(check(&c, &h, 1), Ok(()));
    }

    #[test]
    fn reg_27c_sixteen_and_seventeen_only_in_registered_supported_accommodation() {
        let mut h = home();
        h.kind = HomeKind::Supported16Plus;
        h.household.registered = false;
        let mut c = child();
        c.age = 17;
        assert_eq!(check(&c, &h, 1), Err(&SUPPORTED_UNREGISTERED));
        h.household.registered = true;
        assert_eq!(check(&c, &h, 1), Ok(()));
    }

    #[test]
    fn care_standards_act_no_unregistered_childrens_home() {
        let mut h = home();
        h.kind = HomeKind::ChildrensHome;
        h.household.registered = false;
        assert_eq!(check(&child(), &h, 1), Err(&HOME_UNREGISTERED));
    }

    #[test]
    fn children_act_sch7_usual_fostering_limit() {
        let mut h = home();
        h.kind = HomeKind::FosterAgency;
        h.household.residents = vec![fostered(None), fostered(None)];
        let mut c = child();
        assert_eq!(check(&c, &h, 1), Ok(()), "2 fostered + 1 = 3");
        h.household.residents.push(fostered(None));
        assert_eq!(check(&c, &h, 1), Err(&FOSTERING_LIMIT_REACHED));
        // Carers' own children do not count.
        h.household.residents = vec![fostered(None), fostered(None)];
        h.household.residents[1].fostered = false;
        assert_eq!(check(&c, &h, 2), Ok(()));
        // A group of four brothers and sisters with their fostered sister: all one group.
        h.household.residents = vec![fostered(Some("S1"))];
        c.sibling_group = Some(SiblingGroupId::from("S1"));
        assert_eq!(check(&c, &h, 4), Ok(()));
        c.sibling_group = Some(SiblingGroupId::from("S2"));
        assert_eq!(check(&c, &h, 4), Err(&FOSTERING_LIMIT_REACHED));
        h.household.fostering_exemption = true;
        assert_eq!(check(&c, &h, 4), Ok(()), "exempted carer");
    }

    #[test]
    fn children_act_sch7_a_lone_referral_joins_three_fostered_brothers_and_sisters() {
        // Three fostered residents of S1 and one referral of S1, placed alone: four children
        // fostered, all brothers and sisters, so the usual limit does not apply.
        let mut h = home();
        h.kind = HomeKind::FosterInhouse;
        h.household.residents = vec![fostered(Some("S1")); 3];
        let mut c = child();
        c.sibling_group = Some(SiblingGroupId::from("S1"));
        assert_eq!(check(&c, &h, 1), Ok(()));
        // Not of their group, or with no group: four children, not all brothers and sisters.
        c.sibling_group = Some(SiblingGroupId::from("S2"));
        assert_eq!(check(&c, &h, 1), Err(&FOSTERING_LIMIT_REACHED));
        c.sibling_group = None;
        assert_eq!(check(&c, &h, 1), Err(&FOSTERING_LIMIT_REACHED));
        // One of the three residents unrelated: the exception fails.
        c.sibling_group = Some(SiblingGroupId::from("S1"));
        h.household.residents[2].sibling_group = None;
        assert_eq!(check(&c, &h, 1), Err(&FOSTERING_LIMIT_REACHED));
    }
}
