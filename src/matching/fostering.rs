//! The usual fostering limit (Children Act 1989 Sch. 7) between the children placed today,
//! stated exactly on the beds rows of the assignment.
//!
//! A foster carer without an exemption fosters at most three children, unless every child
//! they foster belongs to one sibling group. At such a home, the children it fosters already
//! (fostered residents, and children kept in the home agreed for them) leave `left` = 3 less
//! their number, and an answer places there either
//! - at most `left` children, of any groups: the home's beds row becomes `min(beds, left)`
//!   and each column counts its children on it; or
//! - more than `left`, every one of them of the one sibling group that every child fostered
//!   there already belongs to (any group when nobody is): that is one column, which counts
//!   every bed of the row, so that no other child joins it. A `together` group is one column
//!   already. The members of an apart-assessed group are columns of one child each, so every
//!   set of more than `left` of them who can each go there is added as a column of its own:
//!   its value is the sum of theirs (each less the split penalty, as the checker scores
//!   brothers and sisters placed one by one).
//!
//! So every answer the law allows at the home is an answer of the model, and the other way
//! round, for apart-assessed groups of up to 12 (docs/matching.md, "Between the children
//! placed today").

use crate::model::household::FOSTERING_LIMIT;
use crate::model::{Dataset, SiblingGroupId, SiblingPlan};
use crate::solver::Column;
use std::collections::BTreeMap;

/// Members of one apart-assessed group at one home beyond which their sets are not listed
/// (2^12 sets at most per home): larger groups keep the one-by-one limit, stricter than the
/// law. No council's sibling group comes near it.
const MOST_MEMBERS_LISTED: usize = 12;

/// Whose brothers and sisters may take a home over the limit.
#[derive(Debug, Clone, PartialEq)]
enum Exception {
    /// Nobody is fostered there yet: any one sibling group.
    AnyGroup,
    /// Everyone fostered there is of this group.
    Group(SiblingGroupId),
    /// Those fostered there are of no one group: the limit holds.
    None,
}

impl Exception {
    fn admits(&self, group: Option<&SiblingGroupId>) -> bool {
        match (self, group) {
            (Exception::AnyGroup, Some(_)) => true,
            (Exception::Group(g), Some(h)) => g == h,
            _ => false,
        }
    }
}

/// The limit at one foster home without an exemption.
#[derive(Debug, Clone)]
struct Limit {
    /// Children who may still be fostered there without the exception.
    left: u32,
    /// Beds free once the homes agreed are kept (the most children any column may place).
    room: u32,
    exception: Exception,
}

/// Apply the limit to `capacity` (beds left after the homes agreed, made the beds rows) and
/// `columns` (drop those the limit rules out, make those over it fill their row, and add the
/// sets of apart-assessed brothers and sisters over it).
pub(super) fn fostering_limit(
    dataset: &Dataset,
    decided: &[(usize, usize)],
    capacity: &mut [u32],
    columns: &mut Vec<Column>,
) {
    let mut decided_at: Vec<Vec<usize>> = vec![Vec::new(); capacity.len()];
    for &(c, h) in decided {
        decided_at[h].push(c);
    }
    let mut limits: Vec<Option<Limit>> = vec![None; capacity.len()];
    for (h, home) in dataset.homes.iter().enumerate() {
        if !home.kind.is_family() || home.household.fostering_exemption {
            continue;
        }
        let groups: Vec<Option<&SiblingGroupId>> = home
            .household
            .fostered()
            .map(|r| r.sibling_group.as_ref())
            .chain(
                decided_at[h]
                    .iter()
                    .map(|&c| dataset.children[c].sibling_group.as_ref()),
            )
            .collect();
        let exception = match groups.first() {
            None => Exception::AnyGroup,
            Some(Some(g)) if groups.iter().all(|x| *x == Some(*g)) => {
                Exception::Group((*g).clone())
            }
            Some(_) => Exception::None,
        };
        let left = FOSTERING_LIMIT.saturating_sub(groups.len()) as u32;
        let room = capacity[h];
        capacity[h] = match (left, &exception) {
            // Only the group's brothers and sisters, up to the beds.
            (0, Exception::Group(_)) => room,
            (0, _) => 0,
            _ => room.min(left),
        };
        limits[h] = Some(Limit {
            left,
            room,
            exception,
        });
    }
    let group_of = |col: &Column| -> Option<SiblingGroupId> {
        let first = dataset.children[col.children[0]].sibling_group.as_ref()?;
        col.children
            .iter()
            .all(|&c| dataset.children[c].sibling_group.as_ref() == Some(first))
            .then(|| first.clone())
    };
    columns.retain_mut(|col| {
        let Some(limit) = &limits[col.home] else {
            return true;
        };
        let size = col.children.len() as u32;
        let admitted = limit.exception.admits(group_of(col).as_ref());
        if limit.left == 0 {
            return admitted;
        }
        if size <= limit.left {
            return true;
        }
        if admitted && size <= limit.room {
            col.beds = capacity[col.home];
            return true;
        }
        false
    });
    let sets = brothers_and_sisters_over_the_limit(dataset, &limits, capacity, columns);
    columns.extend(sets);
}

/// The columns of sets of more than `left` members of one apart-assessed group at a home
/// whose exception admits them, made from the members' own columns there.
fn brothers_and_sisters_over_the_limit(
    dataset: &Dataset,
    limits: &[Option<Limit>],
    capacity: &[u32],
    columns: &[Column],
) -> Vec<Column> {
    let mut apart = vec![false; dataset.children.len()];
    for group in dataset.sibling_groups() {
        if group.plan == SiblingPlan::ApartAssessed {
            for c in group.members {
                apart[c] = true;
            }
        }
    }
    // (home, group) -> the one-child columns of its members there, and whether the whole
    // group has a column there already.
    let mut at: BTreeMap<(usize, &SiblingGroupId), (Vec<usize>, bool)> = BTreeMap::new();
    for (j, col) in columns.iter().enumerate() {
        let Some(limit) = &limits[col.home] else {
            continue;
        };
        let first = col.children[0];
        let Some(group) = dataset.children[first].sibling_group.as_ref() else {
            continue;
        };
        if limit.left == 0 || !apart[first] || !limit.exception.admits(Some(group)) {
            continue;
        }
        let entry = at.entry((col.home, group)).or_default();
        if col.children.len() == 1 {
            entry.0.push(j);
        } else {
            entry.1 = true;
        }
    }
    let mut out = Vec::new();
    for ((h, _), (singles, whole_there)) in at {
        let Some(limit) = &limits[h] else {
            continue;
        };
        let m = singles.len();
        if m <= limit.left as usize || m > MOST_MEMBERS_LISTED {
            continue;
        }
        let most = m.min(limit.room as usize);
        if most <= limit.left as usize {
            continue;
        }
        for set in 1u32..(1u32 << m) {
            let size = set.count_ones() as usize;
            if size <= limit.left as usize || size > most || (size == m && whole_there) {
                continue;
            }
            let members: Vec<&Column> = (0..m)
                .filter(|k| set & (1 << k) != 0)
                .map(|k| &columns[singles[k]])
                .collect();
            let mut children: crate::solver::Members =
                members.iter().map(|c| c.children[0]).collect();
            children.sort_unstable();
            out.push(Column {
                home: h,
                children,
                weight: members.iter().map(|c| c.weight).sum(),
                score: members.iter().map(|c| c.score).sum(),
                cost: members.iter().map(|c| c.cost).sum(),
                beds: capacity[h],
            });
        }
    }
    out
}
