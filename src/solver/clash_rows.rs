//! Children who must not share a home, as rows found where they are needed.
//!
//! [`super::AssignmentModel::clashes`] says which two columns at one home must not both be
//! chosen; listing every such pair would be millions of rows. Each pair's row
//! `x_a + x_b <= 1` holds for every answer the rules allow, so, like a cover inequality
//! ([`super::cuts`]), it may be added to any LP or branch and bound without changing the
//! optimum: it only cuts off answers that break the rules. Two places find them:
//!
//! - [`separate_clashes`], after each LP of a relaxation ([`super::relaxation`]): the pairs of
//!   columns the LP uses at one home that clash and that the LP's answer breaks;
//! - [`broken_clashes`], on each answer of branch and bound ([`super::phase`]): the pairs it
//!   breaks, so that the phase solves again with them and ends with an answer that breaks none.
//!
//! So the first solve's answer nearly always breaks no pair, and [`super::solve`]'s rounds
//! (the whole solve again with the pairs an answer breaks) are a last resort.

use super::cuts::Cut;
use super::tolerance::{VIOLATION, ZERO};
use super::{AssignmentModel, Clashes};

/// Rounds of clash rows in one relaxation: each round adds at least one of finitely many
/// pairs, so this only bounds the work; an answer that still breaks a pair is caught later.
pub(super) const CLASH_ROUNDS: usize = 50;

/// The "at most one of two" row of two clashing columns `a < b` at `home`.
fn clash_row(home: usize, a: usize, b: usize) -> Cut {
    Cut {
        home,
        columns: vec![a, b],
        rhs: 1.0,
    }
}

/// Whether columns `a` and `b` (at one home) cannot both be chosen: they share a child (the
/// child's row already says so) or they clash.
fn exclusive(model: &AssignmentModel, clashes: &dyn Clashes, a: usize, b: usize) -> bool {
    let (ca, cb) = (&model.columns[a], &model.columns[b]);
    ca.children.iter().any(|c| cb.children.contains(c)) || clashes.clash(ca, cb)
}

/// Rows "at most one of these" that the LP's answer `x` (by model column) breaks, over
/// columns at one home that pairwise cannot both be chosen (a clique of clashes: at most one
/// of them is in any answer). Each starts from a column the LP uses (the LP's columns are
/// `live`), takes the used columns that clash with all so far, largest value first, and, when
/// broken, is extended by the home's other columns (`by_home`) that clash with them all, so
/// that the row also holds back columns priced in later. A row already in the LP cannot be
/// broken beyond its tolerance, so none is found twice. Ascending by home, then columns.
pub(super) fn separate_clashes(
    model: &AssignmentModel,
    by_home: &[Vec<usize>],
    live: &[usize],
    x: &[f64],
) -> Vec<Cut> {
    let Some(clashes) = model.clashes.as_deref() else {
        return Vec::new();
    };
    let mut used: Vec<(usize, usize)> = live
        .iter()
        .filter(|&&j| x[j] > ZERO)
        .map(|&j| (model.columns[j].home, j))
        .collect();
    used.sort_unstable();
    let mut rows: Vec<Cut> = Vec::new();
    for at_home in used.chunk_by(|a, b| a.0 == b.0) {
        let home = at_home[0].0;
        let mut columns: Vec<usize> = at_home.iter().map(|&(_, j)| j).collect();
        columns.sort_by(|&a, &b| x[b].total_cmp(&x[a]).then(a.cmp(&b)));
        let mut found: Vec<Vec<usize>> = Vec::new();
        for &first in &columns {
            let mut clique = vec![first];
            for &b in &columns {
                if b != first && clique.iter().all(|&a| exclusive(model, clashes, a, b)) {
                    clique.push(b);
                }
            }
            let lhs: f64 = clique.iter().map(|&j| x[j]).sum();
            if clique.len() < 2 || lhs <= 1.0 + VIOLATION {
                continue;
            }
            for &b in by_home.get(home).map_or(&[][..], |v| v.as_slice()) {
                if x[b] <= ZERO && clique.iter().all(|&a| exclusive(model, clashes, a, b)) {
                    clique.push(b);
                }
            }
            clique.sort_unstable();
            if !found.contains(&clique) {
                found.push(clique);
            }
        }
        found.sort_unstable();
        rows.extend(found.into_iter().map(|columns| Cut {
            home,
            columns,
            rhs: 1.0,
        }));
    }
    rows
}

/// The clashing pairs an answer (`chosen`, column indices) breaks that are neither the
/// model's conflict rows nor among `rows`, as rows.
pub(super) fn broken_clashes(model: &AssignmentModel, chosen: &[usize], rows: &[Cut]) -> Vec<Cut> {
    model
        .broken_conflicts(chosen)
        .into_iter()
        .map(|[a, b]| clash_row(model.columns[a].home, a, b))
        .filter(|row| !rows.contains(row))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solver::Column;
    use crate::solver::cuts::by_home;

    /// Columns clash when their first children have different parity (a stand-in rule).
    #[derive(Debug)]
    struct Parity;

    impl Clashes for Parity {
        fn clash(&self, a: &Column, b: &Column) -> bool {
            (a.children[0] + b.children[0]) % 2 == 1
        }
    }

    fn model() -> AssignmentModel {
        let column = |home: usize, child: usize| Column {
            home,
            children: smallvec::smallvec![child],
            weight: 1.0,
            score: 1.0,
            cost: 0.0,
            beds: 1,
        };
        AssignmentModel {
            n_children: 3,
            capacity: vec![3, 3],
            columns: vec![column(0, 0), column(0, 1), column(0, 2), column(1, 1)].into(),
            clashes: Some(std::sync::Arc::new(Parity)),
            ..AssignmentModel::default()
        }
    }

    /// The clique rows broken by `x`, every column of the model a candidate.
    fn rows_for(model: &AssignmentModel, x: &[f64]) -> Vec<Cut> {
        let all: Vec<usize> = (0..model.columns.len()).collect();
        separate_clashes(model, &by_home(model, &all), &all, x)
    }

    #[test]
    fn only_broken_clashing_sets_at_one_home_become_rows() {
        let model = model();
        // Children 0 and 1 clash at home 0 (both chosen: broken); 1 and 2 clash but sum to
        // exactly 1 (not broken); 0 and 2 do not clash; column 3 is at another home.
        assert_eq!(
            rows_for(&model, &[1.0, 0.5, 0.5, 1.0]),
            vec![clash_row(0, 0, 1)]
        );
        assert_eq!(
            rows_for(&model, &[1.0, 1.0, 1.0, 1.0]),
            vec![clash_row(0, 0, 1), clash_row(0, 1, 2)]
        );
        // Without a clash rule there is nothing to find.
        let plain = AssignmentModel {
            clashes: None,
            ..model
        };
        assert!(rows_for(&plain, &[1.0; 4]).is_empty());
    }

    #[test]
    fn a_broken_clique_is_one_row_extended_by_the_home_s_other_columns() {
        // Every pair clashes: three children at one home, each at a half, break "at most one
        // of the three" (1.5 > 1) though no pair is broken; a fourth column at the home, unused
        // by the LP, clashes with all three and joins the row.
        #[derive(Debug)]
        struct All;
        impl Clashes for All {
            fn clash(&self, _: &Column, _: &Column) -> bool {
                true
            }
        }
        let model = AssignmentModel {
            n_children: 4,
            capacity: vec![4],
            columns: (0..4)
                .map(|c| Column {
                    home: 0,
                    children: smallvec::smallvec![c],
                    weight: 1.0,
                    score: 1.0,
                    cost: 0.0,
                    beds: 1,
                })
                .collect::<Vec<_>>()
                .into(),
            clashes: Some(std::sync::Arc::new(All)),
            ..AssignmentModel::default()
        };
        let rows = rows_for(&model, &[0.5, 0.5, 0.5, 0.0]);
        assert_eq!(
            rows,
            vec![Cut {
                home: 0,
                columns: vec![0, 1, 2, 3],
                rhs: 1.0
            }]
        );
        // Brute force: every answer with no two clashing columns (at most one) meets it.
        for mask in 0u32..16 {
            let lhs = (0..4).filter(|&j| mask & (1 << j) != 0).count();
            if lhs <= 1 {
                assert!(lhs as f64 <= rows[0].rhs);
            }
        }
    }

    #[test]
    fn an_answer_s_broken_pairs_are_found_once() {
        let model = model();
        let found = broken_clashes(&model, &[0, 1, 2], &[]);
        assert_eq!(found, vec![clash_row(0, 0, 1), clash_row(0, 1, 2)]);
        assert_eq!(
            broken_clashes(&model, &[0, 1, 2], &found[..1]),
            vec![clash_row(0, 1, 2)]
        );
    }
}
