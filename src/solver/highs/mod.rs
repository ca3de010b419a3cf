//! The HiGHS backend: the one place that holds HiGHS's types (the `highs` crate's model types
//! and its C API, `highs-sys`) and every `unsafe` block, behind a small safe wrapper. The
//! algorithm (the rest of `solver/`) describes rows and columns by index and reads back
//! values, duals and bases in its own terms.
//!
//! A model goes: [`Builder`] (rows, then columns) -> [`Model`] (settings fixed, not yet solved:
//! a basis or a first answer may be set, rows and columns added, costs changed) -> [`Solved`]
//! (values, duals, basis), and back to [`Model`] for the next change. HiGHS runs on one
//! thread per model, so that the same model always gives the same answer.

mod ffi;

use super::SolverError;
use ::highs::{ColProblem, HighsModelStatus, HighsSolutionStatus, Row, Sense};

/// Where a column or a row stands in a basis (HiGHS's `HighsBasisStatus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BasisStatus {
    /// Nonbasic at its lower bound.
    Lower,
    Basic,
    /// Nonbasic at its upper bound.
    Upper,
    /// Nonbasic free, at zero.
    Zero,
    Nonbasic,
}

/// Settings of a branch-and-bound solve (an LP has none to choose).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(super) struct MipOptions {
    /// Seconds; None = until proven optimal.
    pub time_limit: Option<f64>,
}

/// HiGHS's `presolve_rule_off` bit mask: bit 15 probing, bit 16 enumeration of solutions
/// (`PresolveRuleType` in HiGHS's `lp_data/HConst.h`, 1.15).
const PRESOLVE_RULES_OFF: i32 = (1 << 15) | (1 << 16);

/// A model being written: its rows first, then its columns one by one.
pub(super) struct Builder {
    problem: ColProblem,
    rows: Vec<Row>,
    /// One column's entries, by the `highs` crate's row handles (kept to reuse its buffer).
    by_row: Vec<(Row, f64)>,
}

impl Builder {
    /// A model whose row r ranges over `lower[r]..=upper[r]`.
    pub fn new(lower: &[f64], upper: &[f64]) -> Builder {
        let mut problem = ColProblem::default();
        let rows = lower
            .iter()
            .zip(upper)
            .map(|(&lo, &up)| problem.add_row(lo..=up))
            .collect();
        Builder {
            problem,
            rows,
            by_row: Vec::with_capacity(8),
        }
    }

    /// Add a column of objective `cost`, bounds `lower..=1`, with `entries` (row index,
    /// coefficient); `integer` for a binary column of a branch-and-bound model.
    pub fn add_column(&mut self, cost: f64, lower: f64, entries: &[(usize, f64)], integer: bool) {
        self.by_row.clear();
        self.by_row
            .extend(entries.iter().map(|&(r, a)| (self.rows[r], a)));
        self.problem
            .add_column_with_integrality(cost, lower..=1.0, self.by_row.iter(), integer);
    }

    /// The model, maximising, ready to solve as an LP (no presolve: the LPs are re-solved
    /// from a basis many times, and presolve would only cost).
    pub fn lp(self) -> Result<Model, SolverError> {
        self.finish()
    }

    /// The model, maximising, ready for branch and bound to a relative gap of 0.
    pub fn mip(self, options: &MipOptions) -> Result<Model, SolverError> {
        let mut model = self.finish()?;
        let highs = &mut model.highs;
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
        Ok(model)
    }

    fn finish(self) -> Result<Model, SolverError> {
        let mut highs = self
            .problem
            .try_optimise(Sense::Maximise)
            .map_err(|e| SolverError::Highs(format!("{e:?}")))?;
        highs.make_quiet();
        highs.set_option("threads", 1);
        highs.set_option("presolve", "off");
        Ok(Model { highs })
    }
}

/// New columns for [`Model::add_columns`], gathered in HiGHS's compressed-column form.
#[derive(Default)]
pub(super) struct Columns {
    costs: Vec<f64>,
    lower: Vec<f64>,
    upper: Vec<f64>,
    starts: Vec<highs_sys::HighsInt>,
    index: Vec<highs_sys::HighsInt>,
    value: Vec<f64>,
}

impl Columns {
    /// Room for `n` columns.
    pub fn with_capacity(n: usize) -> Columns {
        Columns {
            costs: Vec::with_capacity(n),
            lower: Vec::with_capacity(n),
            upper: Vec::with_capacity(n),
            starts: Vec::with_capacity(n),
            ..Columns::default()
        }
    }

    /// One more column of objective `cost`, bounds `lower..=1`, with `entries` (row index,
    /// coefficient).
    pub fn push(
        &mut self,
        cost: f64,
        lower: f64,
        entries: &[(usize, f64)],
    ) -> Result<(), SolverError> {
        self.starts.push(ffi::highs_int(self.index.len())?);
        for &(r, a) in entries {
            self.index.push(ffi::highs_int(r)?);
            self.value.push(a);
        }
        self.costs.push(cost);
        self.lower.push(lower);
        self.upper.push(1.0);
        Ok(())
    }
}

/// What a solve ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    /// Proven optimal.
    Optimal,
    /// Proven infeasible (or unbounded: never, as every column is bounded).
    Infeasible,
    /// Stopped by the time limit (or an iteration limit); `feasible`: with an answer in hand.
    Stopped { feasible: bool },
}

/// A model HiGHS holds, not solved since its last change.
pub(super) struct Model {
    highs: ::highs::Model,
}

impl Model {
    /// Start the next solve from this basis (one status per column and per row, in the
    /// model's order). Returns whether HiGHS took it (false when it does not fit the model).
    pub fn set_basis(&mut self, columns: &[BasisStatus], rows: &[BasisStatus]) -> bool {
        if columns.len() != self.highs.num_cols() || rows.len() != self.highs.num_rows() {
            return false;
        }
        let columns: Vec<_> = columns.iter().map(|&s| ffi::status_code(s)).collect();
        let rows: Vec<_> = rows.iter().map(|&s| ffi::status_code(s)).collect();
        ffi::set_basis(&mut self.highs, &columns, &rows)
    }

    /// Hand branch and bound a first answer, one value per column (HiGHS checks it is
    /// feasible and ignores it otherwise).
    pub fn set_solution(&mut self, columns: &[f64]) -> Result<(), SolverError> {
        self.highs
            .try_set_solution(Some(columns), None, None, None)
            .map(|_| ())
            .map_err(|e| SolverError::Highs(format!("{e:?}")))
    }

    /// Append `columns`, in their order, in one call.
    pub fn add_columns(&mut self, columns: &Columns) -> Result<(), SolverError> {
        ffi::add_columns(&mut self.highs, columns)
    }

    /// Append the row `lower <= sum of value[i] x[index[i]] <= upper` (`index`: positions of
    /// columns in the model).
    pub fn add_row(
        &mut self,
        lower: f64,
        upper: f64,
        index: &[usize],
        value: &[f64],
    ) -> Result<(), SolverError> {
        ffi::add_row(&mut self.highs, lower, upper, index, value)
    }

    /// Give every column a new objective value (`costs`, one per column in the model's order),
    /// keeping the basis for the next solve.
    pub fn change_costs(&mut self, costs: &[f64]) -> Result<(), SolverError> {
        ffi::change_costs(&mut self.highs, costs)
    }

    /// Stop the next solve after `seconds` (the time left of the whole solve).
    pub fn set_time_limit(&mut self, seconds: f64) {
        self.highs.set_option("time_limit", seconds.max(1e-3));
    }

    /// Solve (from the last basis, if the model was solved before).
    pub fn solve(self) -> Result<Solved, SolverError> {
        let highs = self
            .highs
            .try_solve()
            .map_err(|e| SolverError::Highs(format!("{e:?}")))?;
        let outcome = match highs.status() {
            HighsModelStatus::Optimal => Outcome::Optimal,
            HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => {
                Outcome::Infeasible
            }
            HighsModelStatus::ReachedTimeLimit | HighsModelStatus::ReachedIterationLimit => {
                Outcome::Stopped {
                    feasible: highs.primal_solution_status() == HighsSolutionStatus::Feasible,
                }
            }
            other => return Err(SolverError::Highs(format!("{other:?}"))),
        };
        Ok(Solved { highs, outcome })
    }
}

/// A model HiGHS has solved.
pub(super) struct Solved {
    highs: ::highs::SolvedModel,
    outcome: Outcome,
}

/// The values a solve ended with.
pub(super) struct Solution {
    inner: ::highs::Solution,
}

impl Solution {
    /// Column values, in the model's order.
    pub fn columns(&self) -> &[f64] {
        self.inner.columns()
    }

    /// Row duals, in the model's order.
    pub fn row_duals(&self) -> &[f64] {
        self.inner.dual_rows()
    }
}

impl Solved {
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    pub fn solution(&self) -> Solution {
        Solution {
            inner: self.highs.get_solution(),
        }
    }

    /// The objective value HiGHS computed (the algorithm takes its bound from the duals
    /// instead; tests compare with this).
    #[cfg(test)]
    pub fn objective(&self) -> f64 {
        self.highs.objective_value()
    }

    /// The final basis: (one status per column, one per row), in the model's order.
    pub fn basis(&self) -> Result<(Vec<BasisStatus>, Vec<BasisStatus>), SolverError> {
        let (columns, rows) = ffi::basis(&self.highs)?;
        let read = |codes: Vec<highs_sys::HighsInt>| -> Result<Vec<BasisStatus>, SolverError> {
            codes.into_iter().map(ffi::status_of).collect()
        };
        Ok((read(columns)?, read(rows)?))
    }

    /// Back to a model to change and solve again (from this solve's basis).
    pub fn reopen(self) -> Model {
        Model {
            highs: self.highs.into(),
        }
    }
}
