//! The connected-person tier (Children Act 1989 s.22C(7)(a)): a child with an eligible
//! carer approved as a connected person for them, with a bed, is placed there. It comes after
//! "most children placed" and before the score.
//!
//! A connected carer takes only their child and that child's brothers and sisters (the
//! takers). Two cases, each exact:
//! - The carer has room for every taker: each taker's columns elsewhere are set aside. Moving
//!   a taker there from any answer frees a bed elsewhere and places no fewer children, so the
//!   tier's answers are the ones where they are all there.
//! - The carer has room for fewer (brothers and sisters assessed to live apart, more than the
//!   beds): which of them go is the score's to say, so each child a column places there is
//!   worth a bonus in phase 2 larger than any score the takers could gain elsewhere: twice the
//!   sum, over the takers and everyone in a column with them, of the largest absolute score of
//!   their columns, plus 1. Moving one more taker there from an answer changes only the
//!   takers' columns, so it gains more than it could lose, and the tier's answers are the
//!   ones phase 2 chooses. The bonus is taken off every score reported ([`TierBonus::of`]).
//!
//! Without a weekly budget. With one, a dearer carer could cost a placement; the first case
//! is still applied (the law prefers the carer), the second weighs the bonus after "most placed".

use crate::model::Dataset;
use crate::solver::Column;
use std::collections::BTreeMap;

/// Per connected home with fewer beds than takers: the bonus a column there earns per child.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TierBonus {
    /// (home index, score points per child placed there), ascending by home.
    per_child: Vec<(usize, f64)>,
}

impl TierBonus {
    /// The bonus a column earns (0 away from such a home).
    pub fn of_column(&self, column: &Column) -> f64 {
        self.per_child
            .binary_search_by_key(&column.home, |b| b.0)
            .map_or(0.0, |i| self.per_child[i].1 * column.children.len() as f64)
    }

    /// The bonus in an answer: what to take off the solver's score.
    pub fn of(&self, columns: &[Column], chosen: &[usize]) -> f64 {
        if self.per_child.is_empty() {
            return 0.0;
        }
        chosen.iter().map(|&j| self.of_column(&columns[j])).sum()
    }
}

/// The tier over the columns left once the homes agreed and the children deferred are out
/// (`capacity`: the beds rows). Per child, whether their columns elsewhere are set aside;
/// and the bonus of the carers with fewer beds than takers, already added to `columns`.
pub(super) fn connected_tier(
    dataset: &Dataset,
    columns: &mut [Column],
    capacity: &[u32],
) -> (Vec<bool>, TierBonus) {
    let mut only = vec![false; dataset.children.len()];
    // Per connected home: the children it could take, and the most one answer could place
    // there (its beds row, or the largest column that fills the row).
    let mut takers: BTreeMap<usize, (Vec<usize>, usize)> = Default::default();
    for col in columns.iter() {
        if dataset.homes[col.home].household.connected_child.is_some() {
            let entry = takers
                .entry(col.home)
                .or_insert_with(|| (Vec::new(), capacity[col.home] as usize));
            entry.0.extend(col.children.iter().copied());
            entry.1 = entry.1.max(col.children.len());
        }
    }
    let mut short: Vec<(usize, Vec<usize>)> = Vec::new();
    for (h, (mut children, room)) in takers {
        children.sort_unstable();
        children.dedup();
        if children.len() <= room {
            for c in children {
                only[c] = true;
            }
        } else {
            short.push((h, children));
        }
    }
    if short.is_empty() {
        return (only, TierBonus::default());
    }
    // Per child: the largest absolute score of their columns, and the columns they are in.
    let mut largest = vec![0.0f64; dataset.children.len()];
    let mut columns_of: Vec<Vec<usize>> = vec![Vec::new(); dataset.children.len()];
    for (j, col) in columns.iter().enumerate() {
        for &c in &col.children {
            largest[c] = largest[c].max(col.score.abs());
            columns_of[c].push(j);
        }
    }
    let mut per_child = Vec::with_capacity(short.len());
    for (h, children) in short {
        let mut involved: Vec<usize> = children.clone();
        for &c in &children {
            for &j in &columns_of[c] {
                involved.extend(columns[j].children.iter().copied());
            }
        }
        involved.sort_unstable();
        involved.dedup();
        let sum: f64 = involved.iter().map(|&c| largest[c]).sum();
        per_child.push((h, 1.0 + 2.0 * sum));
    }
    let bonus = TierBonus { per_child };
    for col in columns.iter_mut() {
        col.score += bonus.of_column(col);
    }
    (only, bonus)
}
