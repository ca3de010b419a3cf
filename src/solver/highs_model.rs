//! One restricted model, built column-wise straight into HiGHS and solved as an LP or a MIP.
//!
//! Rows, in this order: one per child (placed at most once), one per home (beds), the budget,
//! phase 2's floor on the weighted count, one per required pair, then the sibling-group valid
//! inequalities (at most floor(capacity / k) units of k or more children in a home). The
//! [`Layout`] records where each row went so that [`super::face`] can read the duals back.

use super::cuts::Cut;
use super::face::Face;
use super::{AssignmentModel, SolveOptions, SolverError};
use highs::{ColProblem, HighsModelStatus, Row, Sense};

/// What to solve over the chosen columns.
#[derive(Clone, Copy)]
pub(super) struct Restriction<'a> {
    /// The phase's objective, one value per column of the model.
    pub objective: &'a [f64],
    /// Phase 2's floor on the urgency-weighted count, when the face alone cannot hold it.
    pub floor: Option<f64>,
    /// What phase 1 proved every lexicographically optimal answer satisfies.
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
    /// For an LP: columns to include from the start (a known answer keeps the first,
    /// restricted LP feasible).
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
            start: &[],
        }
    }
}

/// Where each kind of row sits in the model (row indices).
#[derive(Debug, Clone, Default)]
pub(super) struct Layout {
    pub n_children: usize,
    pub n_homes: usize,
    pub budget: Option<usize>,
    pub floor: Option<usize>,
    /// (child, home, row) for each required pair.
    pub required: Vec<(usize, usize, usize)>,
    /// Per home: (k, row) for each group inequality "units of k or more children".
    pub groups: Vec<Vec<(usize, usize)>>,
    /// Row of each cover inequality, in the order of the cuts.
    pub cuts: Vec<usize>,
    /// Per model column: an index into `cut_rows`, or `u32::MAX` when it is in no cut (empty
    /// until the first cut).
    pub cut_slot: Vec<u32>,
    /// The rows of the cuts a column appears in, by slot.
    pub cut_rows: Vec<Vec<usize>>,
    pub n_rows: usize,
}

impl Layout {
    /// Give the next row to `cut`.
    pub fn add_cut(&mut self, n_columns: usize, cut: &Cut) {
        let row = self.n_rows;
        self.n_rows += 1;
        self.cuts.push(row);
        if self.cut_slot.is_empty() {
            self.cut_slot = vec![u32::MAX; n_columns];
        }
        for &j in &cut.columns {
            if self.cut_slot[j] == u32::MAX {
                // Fewer cuts than u32::MAX: each one is a row of a HiGHS model.
                self.cut_slot[j] = u32::try_from(self.cut_rows.len()).unwrap_or(u32::MAX - 1);
                self.cut_rows.push(Vec::new());
            }
            self.cut_rows[self.cut_slot[j] as usize].push(row);
        }
    }

    /// The rows of the cuts column `j` is in.
    pub fn cuts_of(&self, j: usize) -> &[usize] {
        match self.cut_slot.get(j) {
            Some(&slot) if slot != u32::MAX => &self.cut_rows[slot as usize],
            _ => &[],
        }
    }

    pub fn child_row(&self, child: usize) -> usize {
        child
    }

    pub fn home_row(&self, home: usize) -> usize {
        self.n_children + home
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
    /// For an LP solved by pricing: the columns it was finally solved over, ascending (a
    /// warm start for a like problem). Empty otherwise.
    pub lp_columns: Vec<usize>,
}

pub(super) struct Run {
    /// None when infeasible (or no answer found in time).
    pub solution: Option<Solved>,
    /// Proven optimal (false when the time limit cut branch and bound short).
    pub optimal: bool,
    pub layout: Layout,
    /// Every cut in the model: those given and those found.
    pub cuts: Vec<Cut>,
}

/// The rows of the model over `subset`: which group inequalities exist depends on the largest
/// unit each home can take among those columns (and, with a face, on the face's own rows).
pub(super) fn layout(
    model: &AssignmentModel,
    subset: &[usize],
    floor: bool,
    face: Option<&Face>,
    cuts: &[Cut],
) -> Layout {
    let n_children = model.n_children;
    let n_homes = model.capacity.len();
    let mut next = n_children + n_homes;
    let mut take = || {
        next += 1;
        next - 1
    };
    let budget = model.budget.map(|_| take());
    let floor = floor.then(&mut take);
    let required = model
        .required
        .iter()
        .map(|&(c, h)| (c, h, take()))
        .collect();
    let mut largest = vec![1usize; n_homes];
    for &j in subset {
        let c = &model.columns[j];
        largest[c.home] = largest[c.home].max(c.children.len());
    }
    if let Some(face) = face {
        for (home, full) in face.group_full.iter().enumerate() {
            largest[home] = largest[home].max(full.len() + 1);
        }
    }
    let groups = largest
        .iter()
        .map(|&big| (2..=big).map(|k| (k, take())).collect())
        .collect();
    let mut layout = Layout {
        n_children,
        n_homes,
        budget,
        floor,
        required,
        groups,
        cuts: Vec::new(),
        cut_slot: Vec::new(),
        cut_rows: Vec::new(),
        n_rows: next,
    };
    for cut in cuts {
        layout.add_cut(model.columns.len(), cut);
    }
    layout
}

/// The (row, coefficient) entries of column `j`.
pub(super) fn column_entries(
    model: &AssignmentModel,
    layout: &Layout,
    j: usize,
    out: &mut Vec<(usize, f64)>,
) {
    let column = &model.columns[j];
    out.clear();
    out.extend(column.children.iter().map(|&c| (layout.child_row(c), 1.0)));
    out.push((layout.home_row(column.home), column.children.len() as f64));
    for &(k, row) in &layout.groups[column.home] {
        if column.children.len() >= k {
            out.push((row, 1.0));
        }
    }
    if let Some(row) = layout.budget {
        out.push((row, column.cost));
    }
    if let Some(row) = layout.floor {
        out.push((row, column.weight));
    }
    for &(c, h, row) in &layout.required {
        if h == column.home && column.children.contains(&c) {
            out.push((row, 1.0));
        }
    }
    out.extend(layout.cuts_of(j).iter().map(|&row| (row, 1.0)));
}

/// The reduced cost `objective[j] - A_j.y` of column `j`: the same entries as
/// [`column_entries`], summed straight away (pricing runs it over every column, many times).
pub(super) fn reduced_cost(
    model: &AssignmentModel,
    layout: &Layout,
    objective: &[f64],
    y: &[f64],
    j: usize,
) -> f64 {
    let column = &model.columns[j];
    let size = column.children.len();
    let mut d = objective[j];
    for &c in &column.children {
        d -= y[layout.child_row(c)];
    }
    d -= size as f64 * y[layout.home_row(column.home)];
    for &(k, row) in &layout.groups[column.home] {
        if size >= k {
            d -= y[row];
        }
    }
    if let Some(row) = layout.budget {
        d -= column.cost * y[row];
    }
    if let Some(row) = layout.floor {
        d -= column.weight * y[row];
    }
    for &(c, h, row) in &layout.required {
        if h == column.home && column.children.contains(&c) {
            d -= y[row];
        }
    }
    for &row in layout.cuts_of(j) {
        d -= y[row];
    }
    d
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
    if let (Some(row), Some(floor)) = (layout.floor, what.floor) {
        lower[row] = floor;
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
        // Presolve pays for itself on the (small) branch-and-bound models, not on the LPs.
        highs.set_option("presolve", "on");
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
    let layout = layout(model, subset, what.floor.is_some(), what.face, what.cuts);
    let mut live = build(model, &layout, subset, what, options)?;
    if what.integer && !what.start.is_empty() {
        // A known answer gives branch and bound its first incumbent (if every column of it is
        // in `subset`; HiGHS checks it is feasible and ignores it otherwise).
        let known: Vec<f64> = subset
            .iter()
            .map(|j| f64::from(u8::from(what.start.binary_search(j).is_ok())))
            .collect();
        if what.start.iter().all(|j| subset.binary_search(j).is_ok()) {
            live.try_set_solution(Some(&known), None, None, None)
                .map_err(|e| SolverError::Highs(format!("{e:?}")))?;
        }
    }
    let (solved, optimal) = solve_live(live, options)?;
    let cuts = what.cuts.to_vec();
    let Some(optimal) = optimal else {
        return Ok(Run {
            solution: None,
            optimal: true,
            layout,
            cuts,
        });
    };
    let solution = solved.get_solution();
    Ok(Run {
        solution: Some(Solved {
            values: solution.columns().to_vec(),
            reduced_costs: solution.dual_columns().to_vec(),
            row_duals: solution.dual_rows().to_vec(),
            objective: solved.objective_value(),
            lp_columns: Vec::new(),
        }),
        optimal,
        layout,
        cuts,
    })
}

fn highs_int(n: usize) -> Result<highs_sys::HighsInt, SolverError> {
    highs_sys::HighsInt::try_from(n)
        .map_err(|_| SolverError::Highs("model too large for HiGHS".into()))
}

/// Add `cut` as a row of a model already solved, so the next solve starts from its basis.
/// `position[j]` is column j's place in the live model (None if not in it). (The `highs` crate
/// names columns only by handles it hands out while building, so rows and columns added to a
/// live model go in through the C API.)
pub(super) fn add_cut_row(
    live: &mut highs::Model,
    position: &[Option<u32>],
    cut: &Cut,
) -> Result<(), SolverError> {
    let mut index = Vec::with_capacity(cut.columns.len());
    for &j in &cut.columns {
        if let Some(p) = position[j] {
            index.push(highs_int(p as usize)?);
        }
    }
    let value = vec![1.0; index.len()];
    let count = highs_int(index.len())?;
    // SAFETY: the pointer is the live HiGHS instance `live` owns; `index` and `value` hold
    // `count` entries each and outlive the call; every index is a column of this model.
    let status = unsafe {
        highs_sys::Highs_addRow(
            live.as_mut_ptr(),
            f64::NEG_INFINITY,
            cut.rhs,
            count,
            index.as_ptr(),
            value.as_ptr(),
        )
    };
    if status == highs_sys::kHighsStatusError {
        return Err(SolverError::Highs(
            "adding a cover inequality failed".into(),
        ));
    }
    Ok(())
}

/// Add `columns` to a model already solved (an LP), each with its entries in every row of
/// `layout`, in one call.
pub(super) fn add_columns(
    live: &mut highs::Model,
    model: &AssignmentModel,
    layout: &Layout,
    what: &Restriction,
    columns: &[usize],
) -> Result<(), SolverError> {
    let mut entries = Vec::with_capacity(8);
    let mut starts = Vec::with_capacity(columns.len());
    let mut index = Vec::new();
    let mut value = Vec::new();
    let mut costs = Vec::with_capacity(columns.len());
    let mut lower = Vec::with_capacity(columns.len());
    for &j in columns {
        starts.push(highs_int(index.len())?);
        column_entries(model, layout, j, &mut entries);
        for &(r, a) in &entries {
            index.push(highs_int(r)?);
            value.push(a);
        }
        costs.push(what.objective[j]);
        lower.push(column_lower(what, j));
    }
    let upper = vec![1.0; columns.len()];
    // SAFETY: the pointer is the live HiGHS instance `live` owns; `costs`, `lower`, `upper` and
    // `starts` hold one entry per new column, `index` and `value` one per nonzero, all outliving
    // the call; every index is a row of `layout`, which is the row set of this model.
    let status = unsafe {
        highs_sys::Highs_addCols(
            live.as_mut_ptr(),
            highs_int(columns.len())?,
            costs.as_ptr(),
            lower.as_ptr(),
            upper.as_ptr(),
            highs_int(index.len())?,
            starts.as_ptr(),
            index.as_ptr(),
            value.as_ptr(),
        )
    };
    if status == highs_sys::kHighsStatusError {
        return Err(SolverError::Highs("adding columns failed".into()));
    }
    Ok(())
}

/// Give the columns of a model already solved new objective values (`costs`, one per column
/// in the model's order), keeping its basis for the next solve.
pub(super) fn change_costs(live: &mut highs::Model, costs: &[f64]) -> Result<(), SolverError> {
    if costs.is_empty() {
        return Ok(());
    }
    let last = highs_int(costs.len() - 1)?;
    // SAFETY: the pointer is the live HiGHS instance `live` owns; `costs` holds one value for
    // each of the model's columns 0..=last and outlives the call.
    let status = unsafe {
        highs_sys::Highs_changeColsCostByRange(live.as_mut_ptr(), 0, last, costs.as_ptr())
    };
    if status == highs_sys::kHighsStatusError {
        return Err(SolverError::Highs("changing the objective failed".into()));
    }
    Ok(())
}
