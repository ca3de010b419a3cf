use super::*;
use crate::solver::{Clashes, Column};
use rand::{Rng, SeedableRng};

fn column(home: usize, children: &[usize], beds: u32) -> Column {
    Column {
        home,
        children: children.iter().copied().collect(),
        weight: 1.0,
        score: 1.0,
        cost: 0.0,
        beds,
    }
}

/// A model of `columns` over homes of `capacity`.
fn model(columns: Vec<Column>, capacity: Vec<u32>) -> AssignmentModel {
    let n_children = columns
        .iter()
        .flat_map(|c| c.children.iter().copied())
        .max()
        .map_or(0, |c| c + 1);
    AssignmentModel {
        n_children,
        capacity,
        columns: columns.into(),
        ..AssignmentModel::default()
    }
}

/// The rows broken by `x`, every column of the model in the LP.
fn cuts_for(model: &AssignmentModel, x: &[f64], existing: &[Cut]) -> Vec<Cut> {
    let live: Vec<usize> = (0..model.columns.len()).collect();
    odd_cycles(model, &live, x, existing)
}

#[test]
fn a_triangle_of_shared_children_is_one_row_of_at_most_one() {
    // Sibling pairs {0, 1}, {1, 2}, {2, 0} in three homes, each at a half: every child's row
    // sums to 1, but any two of the columns share a child, so at most one is in an answer.
    let model = model(
        vec![
            column(0, &[0, 1], 2),
            column(1, &[1, 2], 2),
            column(2, &[0, 2], 2),
        ],
        vec![2, 2, 2],
    );
    let cuts = cuts_for(&model, &[0.5; 3], &[]);
    assert_eq!(
        cuts,
        vec![Cut {
            home: 0,
            columns: vec![0, 1, 2],
            rhs: 1.0
        }]
    );
    // Found once: not again beside itself.
    assert!(cuts_for(&model, &[0.5; 3], &cuts).is_empty());
}

#[test]
fn a_five_cycle_of_shared_children_is_at_most_two() {
    // Column i places children i and i + 1 (mod 5): neighbours around the cycle share a
    // child, no three pairwise, so no clique row; the odd cycle says at most 2 of the 5.
    let columns = (0..5).map(|i| column(i, &[i, (i + 1) % 5], 2)).collect();
    let model = model(columns, vec![2; 5]);
    let cuts = cuts_for(&model, &[0.5; 5], &[]);
    assert_eq!(
        cuts,
        vec![Cut {
            home: 0,
            columns: vec![0, 1, 2, 3, 4],
            rhs: 2.0
        }]
    );
}

#[test]
fn beds_and_conflict_pairs_close_a_cycle_across_homes() {
    // Child 0 in homes 0 and 1 (a shared child); home 0's other column takes every bed (over
    // its beds with the first); home 1's other column is a conflict pair with child 0's
    // there; and the two others share child 1: a 5-cycle, only one edge of it a shared child.
    let mut model = model(
        vec![
            column(0, &[0], 1),
            column(1, &[0], 1),
            column(0, &[1], 2),
            column(1, &[2], 1),
            column(2, &[1, 2], 2),
        ],
        vec![2, 2, 2],
    );
    model.conflicts = vec![[1, 3]];
    let cuts = cuts_for(&model, &[0.5; 5], &[]);
    assert_eq!(
        cuts,
        vec![Cut {
            home: 0,
            columns: vec![0, 1, 2, 3, 4],
            rhs: 2.0
        }]
    );
}

#[test]
fn an_integral_answer_breaks_nothing() {
    let columns = (0..5).map(|i| column(i, &[i, (i + 1) % 5], 2)).collect();
    let model = model(columns, vec![2; 5]);
    assert!(cuts_for(&model, &[1.0, 0.0, 1.0, 0.0, 0.0], &[]).is_empty());
    assert!(cuts_for(&model, &[0.0; 5], &[]).is_empty());
}

/// Columns clash at a home when their first children differ in parity (a stand-in rule).
#[derive(Debug)]
struct Parity;

impl Clashes for Parity {
    fn clash(&self, a: &Column, b: &Column) -> bool {
        (a.children[0] + b.children[0]) % 2 == 1
    }
}

/// Whether choosing the columns in `mask` meets every child's row, every home's beds, the
/// conflict pairs and the clash rule.
fn feasible(model: &AssignmentModel, mask: u32) -> bool {
    let chosen: Vec<usize> = (0..model.columns.len())
        .filter(|&j| mask & (1 << j) != 0)
        .collect();
    let mut placed = vec![0; model.n_children];
    let mut beds = vec![0; model.capacity.len()];
    for &j in &chosen {
        let c = &model.columns[j];
        beds[c.home] += c.beds;
        for &child in &c.children {
            placed[child] += 1;
        }
    }
    let rows_met = placed.iter().all(|&n| n <= 1)
        && beds.iter().zip(&model.capacity).all(|(b, c)| b <= c)
        && model
            .conflicts
            .iter()
            .all(|&[a, b]| !(chosen.contains(&a) && chosen.contains(&b)));
    rows_met && model.broken_conflicts(&chosen).is_empty()
}

#[test]
fn every_cut_holds_for_every_answer_of_small_random_models() {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(17);
    let mut rows = 0;
    for _ in 0..300 {
        let n_homes = rng.random_range(1..=3);
        let n_children = rng.random_range(2..=5);
        let capacity: Vec<u32> = (0..n_homes).map(|_| rng.random_range(1..=3)).collect();
        let n_columns = rng.random_range(3..=11);
        let columns: Vec<Column> = (0..n_columns)
            .map(|_| {
                let home = rng.random_range(0..n_homes);
                let first = rng.random_range(0..n_children);
                let mut children = vec![first];
                if rng.random_bool(0.3) {
                    let second = rng.random_range(0..n_children);
                    if second != first {
                        children.push(second);
                    }
                }
                // Sometimes every bed (a group taken over the fostering limit).
                let beds = if rng.random_bool(0.2) {
                    capacity[home]
                } else {
                    children.len() as u32
                };
                column(home, &children, beds)
            })
            .collect();
        let mut model = model(columns, capacity);
        model.n_children = n_children;
        let mut conflicts: Vec<[usize; 2]> = (0..rng.random_range(0..3))
            .map(|_| {
                let (a, b) = (
                    rng.random_range(0..n_columns),
                    rng.random_range(0..n_columns),
                );
                [a.min(b), a.max(b)]
            })
            .filter(|[a, b]| a != b)
            .collect();
        conflicts.sort_unstable();
        conflicts.dedup();
        model.conflicts = conflicts;
        if rng.random_bool(0.5) {
            model.clashes = Some(std::sync::Arc::new(Parity));
        }
        let x: Vec<f64> = (0..n_columns)
            .map(|_| match rng.random_range(0..4) {
                0 => 0.0,
                1 => 0.5,
                _ => rng.random_range(0.05..0.95),
            })
            .collect();
        let cuts = cuts_for(&model, &x, &[]);
        rows += cuts.len();
        for cut in &cuts {
            let lhs: f64 = cut.columns.iter().map(|&j| x[j]).sum();
            assert!(
                lhs > cut.rhs + VIOLATION / 2.0,
                "{cut:?} is not broken by {x:?}"
            );
        }
        for mask in 0u32..(1 << n_columns) {
            if !feasible(&model, mask) {
                continue;
            }
            for cut in &cuts {
                let lhs = cut
                    .columns
                    .iter()
                    .filter(|&&j| mask & (1 << j) != 0)
                    .count();
                assert!(
                    lhs as f64 <= cut.rhs,
                    "{cut:?} cuts off answer {mask:b} of {model:?}"
                );
            }
        }
    }
    assert!(rows >= 50, "random fractional points are cut: {rows} rows");
}
