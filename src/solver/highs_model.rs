//! One restricted model, built column-wise straight into HiGHS and solved as an LP or a MIP
//! (rows as [`super::layout`] lays them out).

use super::basis::Basis;
use super::cuts::Cut;
use super::face::Face;
use super::layout::{Floor, Layout, column_entries, layout};
use super::{AssignmentModel, SolveOptions, SolverError};
use highs::{ColProblem, HighsModelStatus, Row, Sense};

/// What to solve over the chosen columns.
#[derive(Clone, Copy)]
pub(super) struct Restriction<'a> {
    /// The phase's objective, one value per column of the model.
    pub objective: &'a [f64],
    /// A floor on an earlier phase's objective, when the face alone cannot hold it.
    pub floor: Option<Floor>,
    /// What the earlier phases proved every lexicographically optimal answer satisfies.
    pub face: Option<&'a Face>,
    /// Solve as a MIP (true) or as the LP relaxation.
    pub integer: bool,
    /// Cover inequalities to include from the start.
    pub cuts: &'a [Cut],
    /// For an LP: look for broken cover inequalities and re-solve with them.
    pub separate: bool,
    /// For an LP: an objective to solve first, whose optimal basis starts the solve with
    /// `objective` (phase 1's weights are equal across a child's homes, and the dual simplex
    /// crawls on such ties; a little of the score breaks them).
    pub warm_objective: Option<&'a [f64]>,
    /// For an LP: a like LP's final basis to start from (see [`super::basis`]).
    pub basis: Option<&'a Basis>,
    /// For an LP: keep its final basis in the result (for re-solves of a like LP).
    pub keep_basis: bool,
    /// A known answer or a good column set (ascending). For an LP: columns to include from
    /// the start (a known answer keeps the first, restricted LP feasible). For a MIP: an
    /// answer handed to branch and bound as its first incumbent.
    pub start: &'a [usize],
}

impl<'a> Restriction<'a> {
    /// The LP relaxation of `objective`, with cover inequalities found as needed.
    pub fn lp(objective: &'a [f64]) -> Self {
        Restriction {
            objective,
            floor: None,
            face: None,
            integer: false,
            cuts: &[],
            separate: true,
            warm_objective: None,
            basis: None,
            keep_basis: false,
            start: &[],
        }
    }
}

pub(super) struct Solved {
    /// Column values, in the order of the subset solved over.
    pub values: Vec<f64>,
    /// Reduced costs (c - A^T y), in the order of the subset.
    pub reduced_costs: Vec<f64>,
    /// Row duals, by row index of the [`Layout`].
    pub row_duals: Vec<f64>,
    pub objective: f64,
    /// The columns the LP was finally solved over, ascending (a warm start for a like
    /// problem).
    pub lp_columns: Vec<usize>,
}

/// What branch and bound found.
pub(super) struct Run {
    /// Column values in the order of the subset; None when infeasible (or no answer found in
    /// time).
    pub values: Option<Vec<f64>>,
    /// Proven optimal (false when the time limit cut branch and bound short).
    pub optimal: bool,
}

/// The range of every row, by row index: `(lower, upper)`, with the face's tight rows as
/// equalities.
pub(super) fn row_ranges(
    model: &AssignmentModel,
    layout: &Layout,
    what: &Restriction,
    cuts: &[Cut],
) -> (Vec<f64>, Vec<f64>) {
    let face = what.face;
    let mut lower = vec![f64::NEG_INFINITY; layout.n_rows];
    let mut upper = vec![f64::INFINITY; layout.n_rows];
    for child in 0..layout.n_children {
        let row = layout.child_row(child);
        upper[row] = 1.0;
        if face.is_some_and(|f| f.child_full[child]) {
            lower[row] = 1.0;
        }
    }
    for (home, &cap) in model.capacity.iter().enumerate() {
        let row = layout.home_row(home);
        upper[row] = f64::from(cap);
        if face.is_some_and(|f| f.home_full[home]) {
            lower[row] = upper[row];
        }
    }
    if let (Some(row), Some(budget)) = (layout.budget, model.budget) {
        upper[row] = budget;
    }
    if let (Some((row, _)), Some(floor)) = (layout.floor, what.floor) {
        lower[row] = floor.value;
    }
    for &(_, _, row) in &layout.required {
        lower[row] = 1.0;
        upper[row] = 1.0;
    }
    for (home, groups) in layout.groups.iter().enumerate() {
        for &(k, row) in groups {
            upper[row] = f64::from(model.capacity[home] / k as u32);
            if face.is_some_and(|f| f.group_is_full(home, k)) {
                lower[row] = upper[row];
            }
        }
    }
    for (cut, &row) in cuts.iter().zip(&layout.cuts) {
        upper[row] = cut.rhs;
    }
    (lower, upper)
}

/// Lower bound of column `j`: 1 when the face forces it.
pub(super) fn column_lower(what: &Restriction, j: usize) -> f64 {
    if what.face.is_some_and(|f| f.forced[j]) {
        1.0
    } else {
        0.0
    }
}

/// HiGHS's `presolve_rule_off` bit mask: bit 15 probing, bit 16 enumeration of solutions
/// (`PresolveRuleType` in HiGHS's `lp_data/HConst.h`, 1.15).
const PRESOLVE_RULES_OFF: i32 = (1 << 15) | (1 << 16);

/// The HiGHS model over `columns` (ascending), ready to solve.
pub(super) fn build(
    model: &AssignmentModel,
    layout: &Layout,
    columns: &[usize],
    what: &Restriction,
    options: &SolveOptions,
) -> Result<highs::Model, SolverError> {
    let (lower, upper) = row_ranges(model, layout, what, what.cuts);
    let mut pb = ColProblem::default();
    let rows: Vec<Row> = lower
        .iter()
        .zip(&upper)
        .map(|(&lo, &up)| pb.add_row(lo..=up))
        .collect();
    let mut entries: Vec<(usize, f64)> = Vec::with_capacity(8);
    let mut by_row: Vec<(Row, f64)> = Vec::with_capacity(8);
    for &j in columns {
        column_entries(model, layout, j, &mut entries);
        by_row.clear();
        by_row.extend(entries.iter().map(|&(r, a)| (rows[r], a)));
        pb.add_column_with_integrality(
            what.objective[j],
            column_lower(what, j)..=1.0,
            by_row.iter(),
            what.integer,
        );
    }
    let mut highs = pb
        .try_optimise(Sense::Maximise)
        .map_err(|e| SolverError::Highs(format!("{e:?}")))?;
    highs.make_quiet();
    highs.set_option("threads", 1);
    highs.set_option("presolve", "off");
    if what.integer {
        // Presolve pays for itself on the (small) branch-and-bound models, not on the LPs,
        // except two of its rules: probing (and its clique table) and solution enumeration
        // took most of presolve's time on these assignment models and made branch and bound
        // slower, not faster (2,000 x 3,000 seed 2: 3.5 s -> 1.8 s in branch and bound).
        highs.set_option("presolve", "on");
        highs.set_option("presolve_rule_off", PRESOLVE_RULES_OFF);
        // Its feasibility-jump heuristic cost more than the rest of branch and bound on the
        // options' many small models: a 200-child county's options 6.4 -> 2.9 s, the
        // 500-child county's 5.8 -> 5.1 s, with byte-identical options.csv.
        highs.set_option("mip_heuristic_run_feasibility_jump", false);
        highs.set_option("mip_rel_gap", 0.0);
        if let Some(limit) = options.time_limit {
            highs.set_option("time_limit", limit);
        }
    }
    Ok(highs)
}

/// Solve `live`; None when infeasible; the bool says whether it was proven optimal.
pub(super) fn solve_live(
    live: highs::Model,
    options: &SolveOptions,
) -> Result<(highs::SolvedModel, Option<bool>), SolverError> {
    let solved = live
        .try_solve()
        .map_err(|e| SolverError::Highs(format!("{e:?}")))?;
    let optimal = match solved.status() {
        HighsModelStatus::Optimal => true,
        HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => {
            return Ok((solved, None));
        }
        HighsModelStatus::ReachedTimeLimit | HighsModelStatus::ReachedIterationLimit => false,
        other => return Err(SolverError::Highs(format!("{other:?}"))),
    };
    if !optimal && solved.primal_solution_status() != highs::HighsSolutionStatus::Feasible {
        return Err(SolverError::NoSolutionInTime(
            options.time_limit.unwrap_or(f64::INFINITY),
        ));
    }
    Ok((solved, Some(optimal)))
}

/// Build and solve the model over `subset` of the columns as it stands (no pricing, no new
/// cuts): the branch-and-bound step.
pub(super) fn run(
    model: &AssignmentModel,
    subset: &[usize],
    what: &Restriction,
    options: &SolveOptions,
) -> Result<Run, SolverError> {
    let layout = layout(
        model,
        subset,
        what.floor.map(|f| f.measure),
        what.face,
        what.cuts,
    );
    let mut live = build(model, &layout, subset, what, options)?;
    // A known answer gives branch and bound its first incumbent, when every column of it is
    // in `subset` (HiGHS checks it is feasible and ignores it otherwise).
    if what.integer
        && !what.start.is_empty()
        && what.start.iter().all(|j| subset.binary_search(j).is_ok())
    {
        let known: Vec<f64> = subset
            .iter()
            .map(|j| f64::from(u8::from(what.start.binary_search(j).is_ok())))
            .collect();
        live.try_set_solution(Some(&known), None, None, None)
            .map_err(|e| SolverError::Highs(format!("{e:?}")))?;
    }
    let (solved, optimal) = solve_live(live, options)?;
    Ok(Run {
        values: optimal.map(|_| solved.get_solution().columns().to_vec()),
        optimal: optimal.unwrap_or(true),
    })
}
