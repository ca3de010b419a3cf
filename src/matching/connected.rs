//! The connected-person tier (Children Act 1989 s.22C(7)(a)): a child with an eligible
//! carer approved as a connected person for them, with a bed, is placed there. It comes after
//! "most children placed" and before the score.
//!
//! A connected carer takes only their child and that child's brothers and sisters (the
//! takers). Two cases, each exact:
//! - The carer has room for every taker: each taker's columns elsewhere are set aside. Moving
//!   a taker there from any answer frees a bed elsewhere and places no fewer children, so the
//!   tier's answers are the ones where they are all there.
//! - Some carer has room for fewer (brothers and sisters assessed to live apart, more than
//!   the beds): which of them go is the score's to say, so every child a column places with
//!   any connected carer earns one bonus in phase 2, the same at every carer, larger than any
//!   score the children concerned could gain elsewhere: 1 plus twice the sum, over every
//!   carer's takers and everyone in a column with them, of the largest absolute score of their
//!   columns. Raising the number with their carers, from any answer, moves only such children
//!   (takers between carers, one taker into a carer), since a carer takes no one else: it
//!   gains the bonus and loses less than it. So phase 2's optimum is the tier's, and among the
//!   tier's answers the score decides (the bonus being the same at every carer). It is taken
//!   off every score reported ([`TierBonus::of`]), and off the time limit's gap.
//!
//! With a weekly budget, freeing money can move anyone, so the bonus is 1 plus twice the sum
//! over every child; the first case is still applied before "most placed" (the law prefers
//! the carer, even if it costs a placement elsewhere).

use crate::model::Dataset;
use crate::solver::Column;
use std::collections::BTreeMap;

/// The connected tier's bonus in phase 2, when some carer has room for fewer than they could
/// take: score points per child a column places with a connected carer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TierBonus {
    /// The connected homes, ascending (empty: no bonus).
    homes: Vec<usize>,
    /// Score points per child placed at one of them.
    per_child: f64,
}

impl TierBonus {
    /// The bonus a column earns (0 away from a connected home).
    pub fn of_column(&self, column: &Column) -> f64 {
        if self.homes.binary_search(&column.home).is_ok() {
            self.per_child * column.children.len() as f64
        } else {
            0.0
        }
    }

    /// A time limit's gap (a share of the bound of the score with the bonus in it, see
    /// [`crate::solver::Assignment::gap`]) as a share of the score without it: never smaller.
    pub fn gap_without(&self, gap: f64, score_with: f64, bonus: f64) -> f64 {
        if gap <= 0.0 || bonus <= 0.0 || gap >= 1.0 {
            return gap;
        }
        // bound = score + absolute, and gap = absolute / max(|bound|, 1).
        let absolute = (gap * score_with / (1.0 - gap)).max(gap);
        absolute / (score_with - bonus + absolute).abs().max(1.0)
    }

    /// The bonus in an answer: what to take off the solver's score.
    pub fn of(&self, columns: &[Column], chosen: &[usize]) -> f64 {
        if self.homes.is_empty() {
            return 0.0;
        }
        chosen.iter().map(|&j| self.of_column(&columns[j])).sum()
    }
}

/// The tier over the columns left once the homes agreed and the children deferred are out
/// (`capacity`: the beds rows). Per child, whether their columns elsewhere are set aside;
/// and the bonus, when some carer has room for fewer than they could take, already added to
/// `columns`. `budget`: a weekly budget is set.
pub(super) fn connected_tier(
    dataset: &Dataset,
    columns: &mut [Column],
    capacity: &[u32],
    budget: bool,
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
    let mut short = false;
    let mut every_taker: Vec<usize> = Vec::new();
    for (children, room) in takers.values_mut() {
        children.sort_unstable();
        children.dedup();
        if children.len() <= *room {
            for &c in children.iter() {
                only[c] = true;
            }
        } else {
            short = true;
        }
        every_taker.extend(children.iter().copied());
    }
    if !short {
        return (only, TierBonus::default());
    }
    // Per child: the largest absolute score of their columns.
    let mut largest = vec![0.0f64; dataset.children.len()];
    for col in columns.iter() {
        for &c in &col.children {
            largest[c] = largest[c].max(col.score.abs());
        }
    }
    // Everyone, under a budget; else the takers and everyone in a column with one of them.
    let mut involved = vec![budget; dataset.children.len()];
    if !budget {
        let mut taker = vec![false; dataset.children.len()];
        for &c in &every_taker {
            taker[c] = true;
        }
        for col in columns.iter() {
            if col.children.iter().any(|&c| taker[c]) {
                for &c in &col.children {
                    involved[c] = true;
                }
            }
        }
    }
    let sum: f64 = (0..largest.len())
        .filter(|&c| involved[c])
        .map(|c| largest[c])
        .sum();
    let bonus = TierBonus {
        homes: takers.keys().copied().collect(),
        per_child: 1.0 + 2.0 * sum,
    };
    for col in columns.iter_mut() {
        col.score += bonus.of_column(col);
    }
    (only, bonus)
}

#[cfg(test)]
mod tests {
    use super::TierBonus;

    #[test]
    fn the_gap_without_the_bonus_is_the_share_of_the_score_alone() {
        let bonus = TierBonus::default();
        // Worked by hand: score 90 with a bonus of 50 in it, 10% below a bound of 100: 10
        // points below, of a bound of 50 without the bonus: 20%.
        let gap = bonus.gap_without(0.1, 90.0, 50.0);
        assert!((gap - 0.2).abs() < 1e-12, "{gap}");
        // No bonus in the answer, or proven optimal: unchanged.
        assert_eq!(bonus.gap_without(0.1, 90.0, 0.0), 0.1);
        assert_eq!(bonus.gap_without(0.0, 90.0, 50.0), 0.0);
    }
}
