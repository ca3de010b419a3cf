//! The pure-assignment special case solved by a dedicated Jonker-Volgenant solver (the lapjv
//! crate), as an independent answer: beds expanded to slots, a dummy "waits today" column per
//! child, dummy rows for unused beds. Placements count lexicographically first through a
//! weight far above any total score.

use righthome::solver::AssignmentModel;

/// (urgency-weighted placed, total score) of the JV optimum. Needs single-child columns only.
pub fn jonker_volgenant(model: &AssignmentModel) -> (f64, f64) {
    assert!(
        model.columns.iter().all(|c| c.children.len() == 1),
        "pure assignment only"
    );
    let total_score: f64 = model.columns.iter().map(|c| c.score.abs()).sum::<f64>() + 1.0;
    // Weights are multiples of 0.25: K * 0.25 must exceed any difference in total score.
    let k = 4.0 * total_score;
    let slots: Vec<usize> = model
        .capacity
        .iter()
        .enumerate()
        .flat_map(|(h, &c)| std::iter::repeat_n(h, c as usize))
        .collect();
    let (n, s) = (model.n_children, slots.len());
    let size = n + s;
    let forbidden = 1e12;
    let mut cost = vec![forbidden; size * size];
    let mut first_slot = vec![0; model.capacity.len()];
    let mut at = 0;
    for (h, &c) in model.capacity.iter().enumerate() {
        first_slot[h] = at;
        at += c as usize;
    }
    for column in model.columns.iter() {
        let c = column.children[0];
        for slot in
            first_slot[column.home]..first_slot[column.home] + model.capacity[column.home] as usize
        {
            cost[c * size + slot] = -(k * column.weight + column.score);
        }
    }
    for c in 0..n {
        cost[c * size + s + c] = 0.0; // waits today
    }
    for r in n..size {
        for col in 0..size {
            cost[r * size + col] = 0.0; // an unused bed, or nothing
        }
    }
    let matrix = lapjv::Matrix::from_shape_vec((size, size), cost).expect("square matrix");
    let (rows, _) = lapjv::lapjv(&matrix).expect("JV solves");
    let pairs: std::collections::HashMap<(usize, usize), (f64, f64)> = model
        .columns
        .iter()
        .map(|col| ((col.children[0], col.home), (col.weight, col.score)))
        .collect();
    let (mut weight, mut score) = (0.0, 0.0);
    for (c, &slot) in rows.iter().enumerate().take(n) {
        if slot < s {
            let (w, v) = pairs[&(c, slots[slot])];
            weight += w;
            score += v;
        }
    }
    (weight, score)
}
