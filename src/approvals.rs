//! The approvals a placement needs (flags, not rules; issue 17): who must sign it off.
//!
//! - `out_of_area` (Care Planning, Placement and Case Review (England) Regulations 2010, reg. 11):
//!   the home's postcode district lies outside the council's area (the postcode table's `laua`,
//!   through `io::councils`): the nominated officer's approval;
//! - `distant` (reg. 11): outside the council's area and not in an adjoining council's: the
//!   Director of Children's Services' approval (the 20-mile line is the national statistic,
//!   reported apart);
//! - `ks4_school_move` (reg. 10): Year 10 or 11 and the home beyond `school_travel_limit_km`
//!   from the school: the nominated officer's approval;
//! - `siblings_apart`: a child placed apart from a brother or sister among today's referrals;
//! - `fostering_limit_exemption` (Children Act 1989 Sch. 7): an exempted carer fostering more
//!   than three children who are not all one sibling group;
//! - `decided_breaks_rule`: a home already agreed (`decided_home`) that a rule would rule out.

use crate::io::councils;
use crate::model::household::FOSTERING_LIMIT;
use crate::model::{Dataset, Policy};

/// One approval a placement needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Flag {
    /// Outside the council's area (reg. 11): the nominated officer.
    OutOfArea,
    /// Outside the council's area and its neighbours (reg. 11): the Director.
    Distant,
    /// An exam-year school move (reg. 10): the nominated officer.
    Ks4SchoolMove,
    /// Placed apart from a brother or sister.
    SiblingsApart,
    /// Over the usual fostering limit under the carer's exemption.
    FosteringLimitExemption,
    /// A home already agreed that breaks a rule.
    DecidedBreaksRule,
}

impl Flag {
    /// Every flag, in the order the `approvals` column lists them.
    pub const ALL: [Flag; 6] = [
        Flag::OutOfArea,
        Flag::Distant,
        Flag::Ks4SchoolMove,
        Flag::SiblingsApart,
        Flag::FosteringLimitExemption,
        Flag::DecidedBreaksRule,
    ];

    /// The code in the `approvals` column and summary.json.
    pub fn code(self) -> &'static str {
        match self {
            Flag::OutOfArea => "out_of_area",
            Flag::Distant => "distant",
            Flag::Ks4SchoolMove => "ks4_school_move",
            Flag::SiblingsApart => "siblings_apart",
            Flag::FosteringLimitExemption => "fostering_limit_exemption",
            Flag::DecidedBreaksRule => "decided_breaks_rule",
        }
    }

    /// Who must approve, and why, in words (`council` is the council's name).
    pub fn words(self, council: &str) -> String {
        match self {
            Flag::OutOfArea => format!("needs the nominated officer's approval: outside {council}"),
            Flag::Distant => {
                format!("needs the Director's approval: outside {council} and its neighbours")
            }
            Flag::Ks4SchoolMove => {
                "needs the nominated officer's approval: a school move in Year 10 or 11".into()
            }
            Flag::SiblingsApart => "placed apart from a brother or sister".into(),
            Flag::FosteringLimitExemption => {
                "over the usual fostering limit under the carer's exemption".into()
            }
            Flag::DecidedBreaksRule => "a home already agreed that breaks a rule: review it".into(),
        }
    }
}

/// The `;`-separated codes (blank when none).
pub fn codes(flags: &[Flag]) -> String {
    flags.iter().map(|f| f.code()).collect::<Vec<_>>().join(";")
}

/// The council's name for the words (its code when the table does not know it).
pub fn council_name(policy: &Policy) -> &str {
    councils::council_name(&policy.council.code).unwrap_or(policy.council.code.as_str())
}

/// The approvals child `c` needs in home `h`, given where every child goes (`placements`,
/// with `c` in `h`), in [`Flag::ALL`] order.
pub fn flags(
    dataset: &Dataset,
    policy: &Policy,
    placements: &[Option<usize>],
    c: usize,
    h: usize,
) -> Vec<Flag> {
    let child = &dataset.children[c];
    let home = &dataset.homes[h];
    let mut out = Vec::new();
    let own = policy.council.code.as_str();
    if let Some(area) = councils::council_of_district(&home.location.district.0)
        && area.council_code != own
    {
        out.push(Flag::OutOfArea);
        if !councils::neighbours(own).contains(&area.council_code) {
            out.push(Flag::Distant);
        }
    }
    if let Some(school) = &child.school
        && (school.year == 10 || school.year == 11)
        && school.location.distance_km(&home.location) > policy.limits.school_travel_limit_km
    {
        out.push(Flag::Ks4SchoolMove);
    }
    if let Some(group) = &child.sibling_group {
        let apart = dataset.children.iter().enumerate().any(|(o, other)| {
            o != c && other.sibling_group.as_ref() == Some(group) && placements[o] != Some(h)
        });
        if apart {
            out.push(Flag::SiblingsApart);
        }
    }
    if home.kind.is_family() && home.household.fostering_exemption {
        let mut members: Vec<Option<&crate::model::SiblingGroupId>> = home
            .household
            .fostered()
            .map(|r| r.sibling_group.as_ref())
            .collect();
        members.extend(
            (0..dataset.children.len())
                .filter(|&o| o == c || placements[o] == Some(h))
                .map(|o| dataset.children[o].sibling_group.as_ref()),
        );
        let one_group = members[0].is_some() && members.iter().all(|g| *g == members[0]);
        if members.len() > FOSTERING_LIMIT && !one_group {
            out.push(Flag::FosteringLimitExemption);
        }
    }
    if child.arrangement.decided_home.as_ref() == Some(&home.id) {
        let unit: Vec<&crate::model::Child> = dataset
            .placed_with(c)
            .into_iter()
            .map(|o| &dataset.children[o])
            .collect();
        if crate::criteria::evaluate(&unit, home, policy).is_err() {
            out.push(Flag::DecidedBreaksRule);
        }
    }
    out
}
