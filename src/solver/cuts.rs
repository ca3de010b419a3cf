//! Cover inequalities that close the LP's integrality gap from sibling groups.
//!
//! A home's beds make a knapsack: the sum over its columns of (children placed) x_j is at most
//! its capacity. The LP can meet that row with half a sibling pair in each of two homes (one bed
//! each) and a single child filling the other bed of each, something no real answer can do. At
//! county scale that kind of split lifted the LP bound several score points above the best
//! answer, so branch and bound had to keep most columns.
//!
//! For a home of capacity c, a set C of its columns with more children than c in all (a cover)
//! cannot all be chosen: sum_{C} x_j <= |C| - 1. Adding every other column of the home at least
//! as large as C's largest keeps it valid (the extended cover, Nemhauser and Wolsey, Integer and
//! Combinatorial Optimization, II.2.2). Every answer satisfies these rows, so adding them never
//! changes the optimum; [`separate`] finds the ones the LP's answer breaks.

use super::AssignmentModel;
use super::tolerance::{VIOLATION, ZERO};

/// A row `sum of x over columns <= rhs`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Cut {
    pub home: usize,
    /// Column indices of the model, ascending.
    pub columns: Vec<usize>,
    pub rhs: f64,
}

/// Extended cover inequalities broken by the LP answer `x` (indexed by model column; zero
/// for columns not in the LP), one per home at most, for the `homes` where the answer is
/// fractional. `by_home[h]` lists the candidate columns at home h. Cuts already in `existing`
/// are left out.
pub(super) fn separate(
    model: &AssignmentModel,
    by_home: &[Vec<usize>],
    x: &[f64],
    homes: &[usize],
    existing: &[Cut],
) -> Vec<Cut> {
    let size = |j: usize| model.columns[j].beds as usize;
    let mut cuts = Vec::new();
    for &home in homes {
        let columns = &by_home[home];
        let mut support: Vec<(usize, f64)> = columns
            .iter()
            .map(|&j| (j, x[j]))
            .filter(|&(_, x)| x > ZERO)
            .collect();
        // Largest x first, then larger units: the cover most likely to be broken.
        support.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then(size(b.0).cmp(&size(a.0)))
                .then(a.0.cmp(&b.0))
        });
        let capacity = model.capacity[home] as usize;
        let mut cover: Vec<(usize, f64)> = Vec::new();
        let mut children = 0;
        for &(j, x) in &support {
            cover.push((j, x));
            children += size(j);
            if children > capacity {
                break;
            }
        }
        if children <= capacity {
            continue;
        }
        // Make the cover minimal, dropping the smallest x first.
        for i in (0..cover.len()).rev() {
            if children - size(cover[i].0) > capacity {
                children -= size(cover[i].0);
                cover.remove(i);
            }
        }
        let rhs = (cover.len() - 1) as f64;
        let largest = cover.iter().map(|&(j, _)| size(j)).max().unwrap_or(1);
        let mut members: Vec<usize> = columns
            .iter()
            .copied()
            .filter(|&j| size(j) >= largest || cover.iter().any(|&(c, _)| c == j))
            .collect();
        members.sort_unstable();
        let lhs: f64 = members.iter().map(|&j| x[j]).sum();
        if lhs <= rhs + VIOLATION {
            continue;
        }
        let cut = Cut {
            home,
            columns: members,
            rhs,
        };
        if !existing.contains(&cut) {
            cuts.push(cut);
        }
    }
    cuts
}

/// The columns of `subset` at each home, by home: what [`separate`] extends covers from.
pub(super) fn by_home(model: &AssignmentModel, subset: &[usize]) -> Vec<Vec<usize>> {
    let mut by_home: Vec<Vec<usize>> = vec![Vec::new(); model.capacity.len()];
    for &j in subset {
        by_home[model.columns[j].home].push(j);
    }
    by_home
}

/// Homes where some column has a fractional value, ascending.
pub(super) fn fractional_homes(
    model: &AssignmentModel,
    values: impl Iterator<Item = (usize, f64)>,
) -> Vec<usize> {
    let mut homes: Vec<usize> = values
        .filter(|&(_, x)| x > ZERO && x < 1.0 - ZERO)
        .map(|(j, _)| model.columns[j].home)
        .collect();
    homes.sort_unstable();
    homes.dedup();
    homes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solver::Column;

    fn column(home: usize, children: Vec<usize>) -> Column {
        Column {
            home,
            weight: children.len() as f64,
            beds: children.len() as u32,
            children: children.into(),
            score: 1.0,
            cost: 0.0,
        }
    }

    /// Separate with dense values over every column of the model.
    fn cuts_for(model: &AssignmentModel, x: &[f64], existing: &[Cut]) -> Vec<Cut> {
        let subset: Vec<usize> = (0..model.columns.len()).collect();
        let homes = fractional_homes(model, x.iter().copied().enumerate());
        separate(model, &by_home(model, &subset), x, &homes, existing)
    }

    #[test]
    fn half_a_pair_beside_a_single_child_is_cut_off() {
        // Home 0 has 2 beds: the pair (children 0, 1) at 1/2 and child 2 at 1 fill them in the
        // LP, but no real answer places a pair and a single child in 2 beds.
        let model = AssignmentModel {
            n_children: 4,
            capacity: vec![2],
            columns: vec![
                column(0, vec![0, 1]),
                column(0, vec![2]),
                column(0, vec![3]),
            ]
            .into(),
            budget: None,
            required: Vec::new(),
            conflicts: Vec::new(),
            clashes: None,
        };
        let cuts = cuts_for(&model, &[0.5, 1.0, 0.0], &[]);
        assert_eq!(
            cuts,
            vec![Cut {
                home: 0,
                columns: vec![0, 1],
                rhs: 1.0
            }]
        );
        // An integer answer breaks no cut, and a found cut is not found twice.
        assert!(cuts_for(&model, &[0.0, 1.0, 1.0], &[]).is_empty());
        assert!(cuts_for(&model, &[0.5, 1.0, 0.0], &cuts).is_empty());
    }

    #[test]
    fn every_cut_holds_for_every_answer_that_fits_the_beds() {
        // Brute force: for a home of 3 beds with units of 1, 2 and 3 children, every 0/1 choice
        // that fits the beds satisfies every cut found from any fractional point.
        let sizes = [1usize, 1, 2, 2, 3, 1];
        let mut next = 0;
        let columns: Vec<Column> = sizes
            .iter()
            .map(|&k| {
                let c = column(0, (next..next + k).collect());
                next += k;
                c
            })
            .collect();
        let model = AssignmentModel {
            n_children: next,
            capacity: vec![3],
            columns: columns.into(),
            budget: None,
            required: Vec::new(),
            conflicts: Vec::new(),
            clashes: None,
        };
        let points = [
            [1.0, 1.0, 0.5, 0.0, 0.0, 0.0],
            [0.5, 0.5, 0.5, 0.5, 0.0, 0.0],
            [1.0, 0.0, 0.0, 0.0, 0.6, 0.0],
            [1.0, 1.0, 0.0, 0.0, 0.0, 1.0],
        ];
        let mut cuts = Vec::new();
        for point in &points {
            cuts.extend(cuts_for(&model, point, &[]));
        }
        assert!(cuts.len() >= 2, "fractional points are cut: {cuts:?}");
        for mask in 0u32..(1 << sizes.len()) {
            let chosen = |j: usize| mask & (1 << j) != 0;
            let beds: usize = (0..sizes.len())
                .filter(|&j| chosen(j))
                .map(|j| sizes[j])
                .sum();
            if beds > 3 {
                continue;
            }
            for cut in &cuts {
                let lhs = cut.columns.iter().filter(|&&j| chosen(j)).count() as f64;
                assert!(lhs <= cut.rhs + 1e-9, "{cut:?} cuts off answer {mask:b}");
            }
        }
    }
}
