//! The household already there (residents.csv): the child's living companions
//! (`living_with`, SocialCareData placements data standard v2, livingCompanions) and the
//! `[household]` rules on need tags (risks to others: by default a child who poses a risk of
//! sexual harm is not placed with a younger child), judged against each resident. A resident
//! of the child's own sibling group is exempt: living with brothers and sisters is the
//! sibling plan's assessed decision. Between children placed today in one home the same test
//! is a conflict row of the assignment (see docs/matching.md).
//!
//! Also a score: a home where a brother or sister already lives.

use super::{ComponentSpec, Criterion, Pair, Points, Reason, ReasonColumn, Rejection, Said, Spec};
use crate::model::household::{Clash, may_share};
use crate::model::{Child, Home, LivingWith, Policy};

/// The criterion (registered in [`super::CRITERIA`]).
pub struct Household;

/// A rejection this rule gives (its words say which).
pub static LIVING_COMPANIONS: Rejection = Rejection {
    code: "living_with",
    column: ReasonColumn::Household,
    words: "the children already living there are not who this child should live with",
};

/// A rejection this rule gives (its words say which).
pub static HOUSEHOLD_RISK: Rejection = Rejection {
    code: "household_risk",
    column: ReasonColumn::Household,
    words: "a risk between this child and a child already living there",
};

static SPEC: Spec = Spec {
    name: "household",
    rule: "the child's living companions (`living_with`) and the `[household]` rules hold \
           against every child already living there, brothers and sisters excepted: a child \
           must be safe with the household they join",
    rejections: &[&LIVING_COMPANIONS, &HOUSEHOLD_RISK],
    components: &[ComponentSpec {
        key: "siblings_living_there",
        weight_key: "siblings_living_there",
        default_weight: 8.0,
        rewards: "with brothers or sisters already living there",
        young_person: |_| "Your brother or sister already lives there.".to_string(),
        manager: |_| "With brothers or sisters already living there.".to_string(),
        said: Said::AsReason,
    }],
    reads: &[
        "children.age",
        "children.needs",
        "children.living_with",
        "children.sibling_group",
        "residents.age",
        "residents.needs",
        "residents.sibling_group",
    ],
};

/// Whether two children may share a home under the policy: None when they may, else why not.
/// Brothers and sisters (one sibling group) always may.
pub fn clash(a: &Child, b: &Child, policy: &Policy) -> Option<Clash> {
    if a.sibling_group.is_some() && a.sibling_group == b.sibling_group {
        return None;
    }
    may_share(
        (a.age, &a.needs, a.arrangement.living_with),
        (b.age, &b.needs, b.arrangement.living_with),
        |t| policy.household_rule(t),
    )
    .err()
}

/// Whether a child's own conditions can clash with another child placed in the same home:
/// a living-companion condition other than `any` / `with_others`, or a need tag with a
/// `[household]` rule. Only such children make conflict rows.
pub fn can_clash(child: &Child, policy: &Policy) -> bool {
    !matches!(
        child.arrangement.living_with,
        LivingWith::Any | LivingWith::WithOthers
    ) || child
        .needs
        .iter()
        .any(|&t| policy.household_rule(t) != crate::model::HouseholdRule::None)
}

/// The assignment's clashing columns ([`crate::solver::Clashes`]): two columns at one home
/// clash when a child of one and a child of the other may not share it ([`clash`]).
#[derive(Debug)]
pub struct Companions {
    /// The children (dataset order), as the columns index them.
    pub children: Vec<Child>,
    /// Per child: whether it can clash at all ([`can_clash`]).
    pub restrictive: Vec<bool>,
    /// The policy its `[household]` rules come from.
    pub policy: Policy,
}

impl Companions {
    /// Whether child `a` and child `b` may not share a home.
    pub fn children_clash(&self, a: usize, b: usize) -> bool {
        (self.restrictive[a] || self.restrictive[b])
            && clash(&self.children[a], &self.children[b], &self.policy).is_some()
    }
}

impl crate::solver::Clashes for Companions {
    fn clash(&self, a: &crate::solver::Column, b: &crate::solver::Column) -> bool {
        a.children
            .iter()
            .any(|&x| b.children.iter().any(|&y| self.children_clash(x, y)))
    }
}

/// Whether a child may join the residents of a home: None when they may, else why not.
pub fn resident_clash(child: &Child, home: &Home, policy: &Policy) -> Option<Clash> {
    let residents = &home.household.residents;
    if child.arrangement.living_with == LivingWith::WithOthers && residents.is_empty() {
        return Some(Clash::LivingWith);
    }
    residents
        .iter()
        .filter(|r| child.sibling_group.is_none() || r.sibling_group != child.sibling_group)
        .find_map(|r| {
            may_share(
                (child.age, &child.needs, child.arrangement.living_with),
                (r.age, &r.needs, LivingWith::Any),
                |t| policy.household_rule(t),
            )
            .err()
        })
}

impl Criterion for Household {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn rule(&self, pair: &Pair) -> Result<(), Reason> {
        match resident_clash(pair.child, pair.home, pair.policy) {
            None => Ok(()),
            Some(Clash::LivingWith) => Err(&LIVING_COMPANIONS),
            Some(Clash::Household) => Err(&HOUSEHOLD_RISK),
        }
    }

    fn score(&self, pair: &Pair, points: &mut Points) {
        let with = pair.child.sibling_group.as_ref().is_some_and(|g| {
            pair.home
                .household
                .residents
                .iter()
                .any(|r| r.sibling_group.as_ref() == Some(g))
        });
        points.set(0, if with { 1.0 } else { 0.0 });
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{child, home, policy};
    use super::*;
    use crate::model::{Gender, Resident, SiblingGroupId, need_tag};

    fn resident(age: u32, group: Option<&str>) -> Resident {
        Resident {
            age,
            gender: Gender::Male,
            fostered: true,
            sibling_group: group.map(SiblingGroupId::from),
            needs: Default::default(),
        }
    }

    #[test]
    fn risks_to_others_no_harmful_sexual_behaviour_with_a_younger_resident() {
        let mut h = home();
        h.household.residents = vec![resident(6, None)];
        let mut c = child();
        c.age = 13;
        c.needs
            .insert(need_tag("harmful_sexual_behaviour").expect("tag"));
        let p = policy();
        assert_eq!(
            Household.rule(&Pair::new(&c, &h, &p, 1)),
            Err(&HOUSEHOLD_RISK)
        );
        h.household.residents = vec![resident(15, None)];
        assert_eq!(Household.rule(&Pair::new(&c, &h, &p, 1)), Ok(()));
    }

    #[test]
    fn living_companions_alone_only_older_with_others() {
        let mut h = home();
        let mut c = child();
        c.age = 9;
        let p = policy();
        c.arrangement.living_with = LivingWith::WithOthers;
        assert_eq!(
            Household.rule(&Pair::new(&c, &h, &p, 1)),
            Err(&LIVING_COMPANIONS)
        );
        h.household.residents = vec![resident(5, None)];
        assert_eq!(Household.rule(&Pair::new(&c, &h, &p, 1)), Ok(()));
        c.arrangement.living_with = LivingWith::OnlyOlder;
        assert_eq!(
            Household.rule(&Pair::new(&c, &h, &p, 1)),
            Err(&LIVING_COMPANIONS)
        );
        c.arrangement.living_with = LivingWith::Alone;
        assert_eq!(
            Household.rule(&Pair::new(&c, &h, &p, 1)),
            Err(&LIVING_COMPANIONS)
        );
        // A brother already living there is no clash, and scores.
        c.sibling_group = Some(SiblingGroupId::from("S1"));
        h.household.residents = vec![resident(5, Some("S1"))];
        assert_eq!(Household.rule(&Pair::new(&c, &h, &p, 1)), Ok(()));
        let s = super::super::test_support::scored(&c, &h, &p);
        assert!(s.get("siblings_living_there") > 0.0);
    }
}
