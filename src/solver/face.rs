//! What phase 1 proves about every answer that places as many children as possible.
//!
//! Phase 2 must maximise the score among the answers whose urgency-weighted count reaches
//! phase 1's optimum W. Stating that as one dense "count >= W" row lets the LP relaxation trade
//! fractions of placements for score, which opened an integrality gap of several score points
//! at county scale (so branch and bound had to keep hundreds of thousands of columns).
//!
//! Instead, read it off phase 1's LP duals (complementary slackness). For any duals y >= 0 on
//! the `<=` rows (free on the `= 1` rows) and d = w - A^T y, every answer x satisfies
//!
//! ```text
//! w.x = U - sum_{d_j<0} |d_j| x_j - sum_{d_j>0} d_j (1 - x_j) - sum_i y_i slack_i(x),
//! U = y.b + sum_{d_j>0} d_j   (an upper bound on w.x)
//! ```
//!
//! so an answer with w.x >= floor pays at most e = U - floor in those terms. For an integer
//! answer each term is 0 or at least |d_j| (or y_i, as the child, home and group rows have
//! integer slack). Hence: a column with d_j < -e is in no such answer, one with d_j > e is in
//! every such answer, and a row with y_i > e is tight in every such answer. The resulting face
//! holds every answer phase 2 may choose, without a floor row; [`super::fast`] checks the answer
//! reaches the floor and, in the rare case it does not, solves again with the floor row added.
//!
//! U and d come from [`super::relaxation`], recomputed from the duals clipped to their valid
//! signs, so the face stays a proof whatever HiGHS's tolerances did.

use super::AssignmentModel;
use super::highs_model::Solved;
use super::layout::Layout;

/// Restrictions every answer reaching phase 1's optimum satisfies.
#[derive(Debug, Clone)]
pub(super) struct Face {
    /// Columns that some such answer may use (the others are in none).
    pub allowed: Vec<bool>,
    /// Columns in every such answer.
    pub forced: Vec<bool>,
    /// Children placed in every such answer.
    pub child_full: Vec<bool>,
    /// Homes whose beds are all taken in every such answer.
    pub home_full: Vec<bool>,
    /// Per home, index k - 2: the "units of k or more" row is tight in every such answer.
    pub group_full: Vec<Vec<bool>>,
}

impl Face {
    pub fn group_is_full(&self, home: usize, k: usize) -> bool {
        k >= 2 && self.group_full[home].get(k - 2).copied().unwrap_or(false)
    }
}

/// The face of answers with objective >= `floor`, from a phase's relaxation over `candidates`
/// (ascending; `lp`, in their order, has duals already clipped to their signs and its objective
/// is the weak duality bound U computed from them, see [`super::relaxation`]). Columns outside
/// `candidates` are in no such answer. With `within` (the face that phase ran in), the result
/// is the intersection: answers in `within` that also reach `floor`.
pub(super) fn optimal_face(
    model: &AssignmentModel,
    candidates: &[usize],
    layout: &Layout,
    lp: &Solved,
    floor: f64,
    within: Option<&Face>,
) -> Face {
    let y = &lp.row_duals;
    let d = &lp.reduced_costs;
    let upper = lp.objective;
    // Room for rounding in the sums that made U and d.
    let slack = (upper - floor).max(0.0) + 1e-9 * upper.abs().max(1.0);
    let tight = |row: usize| y.get(row).is_some_and(|&yi| yi > slack);
    let mut allowed = vec![false; model.columns.len()];
    let mut forced = within.map_or_else(|| vec![false; model.columns.len()], |f| f.forced.clone());
    for (&j, &dj) in candidates.iter().zip(d) {
        allowed[j] = dj >= -slack;
        forced[j] |= dj > slack;
    }
    let either = |a: bool, b: Option<bool>| a || b.unwrap_or(false);
    Face {
        allowed,
        forced,
        child_full: (0..layout.n_children)
            .map(|c| either(tight(layout.child_row(c)), within.map(|f| f.child_full[c])))
            .collect(),
        home_full: (0..layout.n_homes)
            .map(|h| either(tight(layout.home_row(h)), within.map(|f| f.home_full[h])))
            .collect(),
        group_full: layout
            .groups
            .iter()
            .enumerate()
            .map(|(h, rows)| {
                let mut full: Vec<bool> = rows.iter().map(|&(_, row)| tight(row)).collect();
                if let Some(f) = within {
                    let old = &f.group_full[h];
                    if full.len() < old.len() {
                        full.resize(old.len(), false);
                    }
                    for (k, &was) in old.iter().enumerate() {
                        full[k] |= was;
                    }
                }
                full
            })
            .collect(),
    }
}
