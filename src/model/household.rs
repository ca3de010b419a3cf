//! Who already lives in a home, and the facts about a home or a child that the law and good
//! practice judge a placement by: registration, connected-person approval, the fostering
//! limit's exemption, living companions and a home already agreed (issue 17).

use super::{ChildId, Gender, HomeId, NeedTag, SiblingGroupId};
use std::collections::BTreeSet;

/// The usual fostering limit (Children Act 1989 Sch. 7 para. 2): children a foster carer may
/// foster at once, unless they are all brothers and sisters or the carer holds an exemption.
pub const FOSTERING_LIMIT: usize = 3;

/// A child already living in a home (residents.csv): no id, only what the rules read.
#[derive(Debug, Clone, PartialEq)]
pub struct Resident {
    /// Age, years.
    pub age: u32,
    /// Gender as recorded.
    pub gender: Gender,
    /// Fostered there (counts towards the fostering limit), rather than the carers' own child.
    pub fostered: bool,
    /// Links the resident to brothers and sisters among today's referrals.
    pub sibling_group: Option<SiblingGroupId>,
    /// Need tags (the children.csv vocabulary): what the household rules read.
    pub needs: BTreeSet<NeedTag>,
}

/// A home's legal standing and household (homes.csv's optional columns and residents.csv).
#[derive(Debug, Clone, PartialEq)]
pub struct Household {
    /// Registered with Ofsted (`registered`, default true): a children's home must be, and
    /// supported accommodation must be for 16-17 year olds (reg. 27C).
    pub registered: bool,
    /// The child this carer is approved for as a connected person (`connected_child`): the
    /// carer takes only that child and their brothers and sisters.
    pub connected_child: Option<ChildId>,
    /// The sibling group of `connected_child` (filled in by the loader from children.csv):
    /// their brothers and sisters may go to the carer too.
    pub connected_group: Option<SiblingGroupId>,
    /// The council has exempted the carer from the usual fostering limit (`fostering_exemption`).
    pub fostering_exemption: bool,
    /// Children already living there (residents.csv), in file order.
    pub residents: Vec<Resident>,
}

impl Default for Household {
    fn default() -> Self {
        Household {
            registered: true,
            connected_child: None,
            connected_group: None,
            fostering_exemption: false,
            residents: Vec::new(),
        }
    }
}

impl Household {
    /// Residents fostered there: the ones the fostering limit counts.
    pub fn fostered(&self) -> impl Iterator<Item = &Resident> {
        self.residents.iter().filter(|r| r.fostered)
    }
}

/// Who a child may live with (`living_with`; SocialCareData placements standard v2,
/// livingCompanions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LivingWith {
    /// `any` (the default): no condition.
    #[default]
    Any,
    /// `alone`: the only child in the home (no resident, nobody else placed today).
    Alone,
    /// `only_older`: every other child in the home is older.
    OnlyOlder,
    /// `only_younger`: every other child in the home is younger.
    OnlyYounger,
    /// `with_others`: should not be the only child in the home.
    WithOthers,
}

impl LivingWith {
    /// Every value with its children.csv code.
    pub const CODES: &'static [(&'static str, LivingWith)] = &[
        ("any", LivingWith::Any),
        ("alone", LivingWith::Alone),
        ("only_older", LivingWith::OnlyOlder),
        ("only_younger", LivingWith::OnlyYounger),
        ("with_others", LivingWith::WithOthers),
    ];

    /// Whether a child of `age` with this condition may share a home with another child of
    /// `other_age`. (`with_others` is judged on the whole household, not a pair.)
    pub fn allows(self, age: u32, other_age: u32) -> bool {
        match self {
            LivingWith::Any | LivingWith::WithOthers => true,
            LivingWith::Alone => false,
            LivingWith::OnlyOlder => other_age > age,
            LivingWith::OnlyYounger => other_age < age,
        }
    }
}

/// What a child's placement already has settled (children.csv's optional columns).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Arrangement {
    /// Who the child may live with.
    pub living_with: LivingWith,
    /// A home already agreed for the child (`decided_home`): the match keeps it.
    pub decided_home: Option<HomeId>,
}

/// A `[household]` companion rule for a need tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HouseholdRule {
    /// A child with the tag is not placed where a younger child lives or is placed.
    NoYounger,
    /// A child with the tag is the only child in the home.
    Alone,
    /// No rule.
    None,
}

/// Whether two children (or a child and a resident) may share a home, each given by
/// (age, needs, living_with): both children's living-companion conditions and the household
/// rules of both children's tags. `rule` maps a tag to its rule. A resident has
/// `LivingWith::Any`.
pub fn may_share(
    a: (u32, &BTreeSet<NeedTag>, LivingWith),
    b: (u32, &BTreeSet<NeedTag>, LivingWith),
    rule: impl Fn(NeedTag) -> HouseholdRule,
) -> Result<(), Clash> {
    if !a.2.allows(a.0, b.0) || !b.2.allows(b.0, a.0) {
        return Err(Clash::LivingWith);
    }
    for (me, other) in [(&a, &b), (&b, &a)] {
        for &tag in me.1 {
            match rule(tag) {
                HouseholdRule::Alone => return Err(Clash::Household),
                HouseholdRule::NoYounger if other.0 < me.0 => return Err(Clash::Household),
                _ => {}
            }
        }
    }
    Ok(())
}

/// Why two children may not share a home.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clash {
    /// A living-companion condition (`living_with`).
    LivingWith,
    /// A `[household]` rule on a need tag.
    Household,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(t: &[NeedTag]) -> BTreeSet<NeedTag> {
        t.iter().copied().collect()
    }

    #[test]
    fn harmful_sexual_behaviour_and_a_younger_child_never_share() {
        let hsb = tags(&["harmful_sexual_behaviour"]);
        let none = tags(&[]);
        let rule = |t: NeedTag| {
            if t == "harmful_sexual_behaviour" {
                HouseholdRule::NoYounger
            } else {
                HouseholdRule::None
            }
        };
        let a = (14, &hsb, LivingWith::Any);
        assert_eq!(
            may_share(a, (9, &none, LivingWith::Any), rule),
            Err(Clash::Household)
        );
        assert_eq!(may_share(a, (16, &none, LivingWith::Any), rule), Ok(()));
        assert_eq!(
            may_share((9, &none, LivingWith::Any), a, rule),
            Err(Clash::Household)
        );
    }

    #[test]
    fn living_companions_read_both_ways() {
        let none = tags(&[]);
        let rule = |_| HouseholdRule::None;
        let older_only = (10, &none, LivingWith::OnlyOlder);
        assert!(may_share(older_only, (12, &none, LivingWith::Any), rule).is_ok());
        assert!(may_share(older_only, (8, &none, LivingWith::Any), rule).is_err());
        assert!(
            may_share(
                (3, &none, LivingWith::Any),
                (5, &none, LivingWith::Alone),
                rule
            )
            .is_err()
        );
        assert!(
            may_share(
                (3, &none, LivingWith::WithOthers),
                (5, &none, LivingWith::Any),
                rule
            )
            .is_ok()
        );
    }
}
