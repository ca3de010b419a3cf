//! The pure-assignment special case solved by dedicated Jonker-Volgenant solvers, as
//! independent answers: beds expanded to slots, a dummy "waits today" column per child.
//! Placements count lexicographically first through a weight far above any total score. Two
//! implementations: the lapjv crate (square matrices, so dummy rows for unused beds) and the
//! lsap crate (scipy's `linear_sum_assignment`, rectangular: children x (slots + waits)).

use righthome::solver::AssignmentModel;

/// The cost of a pair neither solver may choose.
const FORBIDDEN: f64 = 1e12;

/// Weight per urgency-weighted placement: weights are multiples of 0.25, so K * 0.25 must
/// exceed any difference in total score.
fn placement_weight(model: &AssignmentModel) -> f64 {
    let total_score: f64 = model.columns.iter().map(|c| c.score.abs()).sum::<f64>() + 1.0;
    4.0 * total_score
}

/// Each bed as a slot: the home of each slot, and each home's first slot.
fn slots(model: &AssignmentModel) -> (Vec<usize>, Vec<usize>) {
    let slots: Vec<usize> = model
        .capacity
        .iter()
        .enumerate()
        .flat_map(|(h, &c)| std::iter::repeat_n(h, c as usize))
        .collect();
    let mut first_slot = vec![0; model.capacity.len()];
    let mut at = 0;
    for (h, &c) in model.capacity.iter().enumerate() {
        first_slot[h] = at;
        at += c as usize;
    }
    (slots, first_slot)
}

/// (urgency-weighted placed, total score) of child `c` -> slot `assigned[c]` (slots beyond
/// the beds: waits today).
fn totals(model: &AssignmentModel, slots: &[usize], assigned: &[usize]) -> (f64, f64) {
    let pairs: std::collections::HashMap<(usize, usize), (f64, f64)> = model
        .columns
        .iter()
        .map(|col| ((col.children[0], col.home), (col.weight, col.score)))
        .collect();
    let (mut weight, mut score) = (0.0, 0.0);
    for (c, &slot) in assigned.iter().enumerate().take(model.n_children) {
        if slot < slots.len() {
            let (w, v) = pairs[&(c, slots[slot])];
            weight += w;
            score += v;
        }
    }
    (weight, score)
}

/// The cost matrix, row-major, `rows` x (slots + one "waits today" column per child): child
/// c's row holds -(K weight + score) at every slot of each home it may go to and 0 at its own
/// waits column, FORBIDDEN elsewhere; rows past the children (the square solver's unused beds)
/// are all 0. Also each slot's home. Needs single-child columns only.
fn cost_matrix(model: &AssignmentModel, rows: usize) -> (Vec<f64>, Vec<usize>) {
    assert!(
        model.columns.iter().all(|c| c.children.len() == 1),
        "pure assignment only"
    );
    let k = placement_weight(model);
    let (slots, first_slot) = slots(model);
    let (n, s) = (model.n_children, slots.len());
    let width = s + n;
    let mut cost = vec![FORBIDDEN; rows * width];
    for column in model.columns.iter() {
        let c = column.children[0];
        let first = first_slot[column.home];
        for slot in first..first + model.capacity[column.home] as usize {
            cost[c * width + slot] = -(k * column.weight + column.score);
        }
    }
    for c in 0..n {
        cost[c * width + s + c] = 0.0; // waits today
    }
    for r in n..rows {
        cost[r * width..(r + 1) * width].fill(0.0); // an unused bed, or nothing
    }
    (cost, slots)
}

/// (urgency-weighted placed, total score) of scipy's rectangular Jonker-Volgenant (the lsap
/// crate) on the children x (slots + waits) matrix.
pub fn rectangular_jonker_volgenant(model: &AssignmentModel) -> (f64, f64) {
    let n = model.n_children;
    let (cost, slots) = cost_matrix(model, n);
    let (rows, cols) = lsap::solve(n, slots.len() + n, &cost, false).expect("JV solves");
    let mut assigned = vec![usize::MAX; n];
    for (&r, &c) in rows.iter().zip(&cols) {
        assigned[r] = c;
    }
    totals(model, &slots, &assigned)
}

/// (urgency-weighted placed, total score) of the square Jonker-Volgenant (the lapjv crate),
/// the matrix padded with a row per bed.
pub fn jonker_volgenant(model: &AssignmentModel) -> (f64, f64) {
    let size = model.n_children + model.capacity.iter().map(|&c| c as usize).sum::<usize>();
    let (cost, slots) = cost_matrix(model, size);
    let matrix = lapjv::Matrix::from_shape_vec((size, size), cost).expect("square matrix");
    let (rows, _) = lapjv::lapjv(&matrix).expect("JV solves");
    totals(model, &slots, &rows)
}
