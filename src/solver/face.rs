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
use super::duality::LpSolution;
use super::layout::Layout;
use super::tolerance::{FACE_ROUNDING, relative};

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
    /// The columns some such answer may use, ascending: what a phase inside the face chooses
    /// from.
    pub fn allowed_columns(&self) -> Vec<usize> {
        (0..self.allowed.len())
            .filter(|&j| self.allowed[j])
            .collect()
    }

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
    lp: &LpSolution,
    floor: f64,
    within: Option<&Face>,
) -> Face {
    let y = &lp.row_duals;
    let d = &lp.reduced_costs;
    let upper = lp.objective;
    // Room for rounding in the sums that made U and d.
    let slack = (upper - floor).max(0.0) + relative(FACE_ROUNDING, upper);
    let tight = |row: usize| y.get(row).is_some_and(|&yi| yi > slack);
    let mut allowed = vec![false; model.columns.len()];
    let mut forced = within.map_or_else(|| vec![false; model.columns.len()], |f| f.forced.clone());
    for (&j, &dj) in candidates.iter().zip(d) {
        // A column `within` forces sits at its lower bound 1, where a negative d_j costs
        // nothing (U counts it already): it stays in every answer.
        allowed[j] = forced[j] || dj >= -slack;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solver::Column;
    use crate::solver::layout::layout;

    fn column(home: usize, child: usize, score: f64) -> Column {
        Column {
            home,
            children: smallvec::smallvec![child],
            weight: 1.0,
            score,
            cost: 0.0,
            beds: 1,
        }
    }

    /// A face that allows `allowed` and forces `forced`, with no full rows.
    fn face(allowed: Vec<bool>, forced: Vec<bool>, model: &AssignmentModel) -> Face {
        Face {
            allowed,
            forced,
            child_full: vec![false; model.n_children],
            home_full: vec![false; model.capacity.len()],
            group_full: vec![Vec::new(); model.capacity.len()],
        }
    }

    #[test]
    fn a_column_the_earlier_face_forces_stays_allowed_whatever_its_reduced_cost() {
        // Two children, two homes of one bed. Column 0 (child 0 at home 0) is forced by the
        // earlier face, so it sits at its lower bound 1 and a negative reduced cost there is
        // no evidence against it; column 2 (child 1 at home 0) with the same reduced cost is
        // in no answer reaching the floor.
        let model = AssignmentModel {
            n_children: 2,
            capacity: vec![1, 1],
            columns: vec![column(0, 0, 1.0), column(1, 0, 5.0), column(0, 1, 1.0)].into(),
            budget: None,
            required: Vec::new(),
            conflicts: Vec::new(),
            clashes: None,
        };
        let candidates = [0, 1, 2];
        let layout = layout(&model, &candidates, None, None, &[]);
        let lp = LpSolution {
            values: vec![1.0, 0.0, 0.0],
            reduced_costs: vec![-4.0, 0.0, -4.0],
            row_duals: vec![0.0; 4],
            objective: 6.0,
            lp_columns: candidates.to_vec(),
        };
        let within = face(vec![true; 3], vec![true, false, false], &model);
        let next = optimal_face(&model, &candidates, &layout, &lp, 6.0, Some(&within));
        assert_eq!(next.allowed, vec![true, true, false]);
        assert_eq!(next.forced, vec![true, false, false]);
        // Without the earlier face nothing is forced, and the reduced cost rules column 0 out.
        let alone = optimal_face(&model, &candidates, &layout, &lp, 6.0, None);
        assert_eq!(alone.allowed, vec![false, true, false]);
    }
}
