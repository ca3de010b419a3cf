//! The assignment solver: the only module that speaks to an LP solver (HiGHS, through the
//! backend in `solver/highs/`, which alone holds the `highs` crate's model types and the C
//! API `highs-sys`; and, for the plainly stated reference model, good_lp). Everything else
//! describes the problem as an [`AssignmentModel`] and reads back the chosen columns.
//!
//! Lexicographic: phase 1 maximises the urgency-weighted number of children placed; phase 2
//! fixes that (to a relative 1e-7) and maximises the total score. [`solve`] proves each phase
//! optimal over every column while handing HiGHS only the columns that could matter (see
//! [`fast`]); [`full::solve`] states the full model directly, for tests and benches.

// The algorithm: no HiGHS type in any of these (see `fast` for the method).
mod basis;
mod clash_rows;
mod conflict_cuts;
mod cuts;
mod duality;
mod face;
mod fast;
mod goal;
mod in_face;
mod layout;
mod phase;
mod pricing;
mod relaxation;
mod restricted;
mod subsets;
mod tolerance;
mod warm;

// The HiGHS backend: every HiGHS type, every call into its C API and every `unsafe` block of
// the crate are in this folder, behind a safe wrapper.
#[allow(unsafe_code)]
mod highs;

pub use warm::WarmStart;
pub mod full;

/// The children of a column, kept inline up to two: a county has a million columns, nearly
/// all of one child, and a heap allocation each cost a tenth of the build.
pub type Members = smallvec::SmallVec<[usize; 2]>;

/// One way of placing children: a unit (a child, or siblings together) in one home.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Index of the home.
    pub home: usize,
    /// Indices of the children this column places (one, or a whole sibling group).
    pub children: Members,
    /// Phase-1 value: the sum of the children's urgency weights.
    pub weight: f64,
    /// Phase-2 value: the sum of the children's scores (less any split penalty).
    pub score: f64,
    /// Weekly cost of the placement, GBP (per-child cost times children).
    pub cost: f64,
    /// What the column counts on its home's beds row: its children, or every bed the row has
    /// (a sibling group taken over the usual fostering limit under the "all brothers and
    /// sisters" exception: no other child may join it, see docs/matching.md).
    pub beds: u32,
}

/// The assignment to solve, free of any solver's types.
#[derive(Debug, Clone, Default)]
pub struct AssignmentModel {
    /// How many children there are; columns index them 0..n_children.
    pub n_children: usize,
    /// Children each home can take.
    pub capacity: Vec<u32>,
    /// Shared, so that the many re-solves of `options` (same columns, one required pair
    /// each) need not copy them.
    pub columns: std::sync::Arc<Vec<Column>>,
    /// Cap on the summed weekly cost, GBP.
    pub budget: Option<f64>,
    /// (child, home) pairs that must be in the answer: how an option's system cost is found.
    pub required: Vec<(usize, usize)>,
    /// Pairs of columns (ascending within the pair, the pairs sorted) of which at most one may
    /// be chosen: children who must not share a home. Stated as rows of every LP and branch
    /// and bound; [`solve`] adds, one round at a time, the pairs of `clashes` its answer breaks.
    pub conflicts: Vec<[usize; 2]>,
    /// Which pairs of columns at one home clash (None: none do). Consulted only on the columns
    /// of an answer, so the (possibly millions of) pairs are never listed.
    pub clashes: Option<std::sync::Arc<dyn Clashes>>,
}

/// Which columns must not both be chosen (children who must not share a home).
pub trait Clashes: std::fmt::Debug + Send + Sync {
    /// Whether columns `a` and `b` (at one home, with no child in common) must not both be
    /// chosen.
    fn clash(&self, a: &Column, b: &Column) -> bool;
}

impl AssignmentModel {
    /// The pairs of `chosen` columns (ascending) that clash and are not yet rows, sorted.
    pub fn broken_conflicts(&self, chosen: &[usize]) -> Vec<[usize; 2]> {
        let Some(clashes) = &self.clashes else {
            return Vec::new();
        };
        let mut by_home: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        for &j in chosen {
            by_home.entry(self.columns[j].home).or_default().push(j);
        }
        let mut out = Vec::new();
        for columns in by_home.values() {
            for (i, &a) in columns.iter().enumerate() {
                for &b in &columns[i + 1..] {
                    let pair = if a < b { [a, b] } else { [b, a] };
                    if clashes.clash(&self.columns[pair[0]], &self.columns[pair[1]])
                        && self.conflicts.binary_search(&pair).is_err()
                    {
                        out.push(pair);
                    }
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// This model with `more` conflict rows (sorted, none already in it).
    fn with_conflicts(&self, more: &[[usize; 2]]) -> AssignmentModel {
        let mut conflicts = [self.conflicts.as_slice(), more].concat();
        conflicts.sort_unstable();
        conflicts.dedup();
        AssignmentModel {
            conflicts,
            ..self.clone()
        }
    }
}

/// How long the solver may run.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SolveOptions {
    /// Seconds one solve may take as a whole, every LP and branch and bound in it (`--time-limit`);
    /// None = until proven optimal.
    pub time_limit: Option<f64>,
    /// When the solve under way must end: set by the solver from `time_limit` as a solve starts
    /// (callers leave it `None`).
    pub deadline: Option<std::time::Instant>,
}

impl SolveOptions {
    /// These options with the deadline of a solve starting now (kept if one is already set).
    pub fn started(&self) -> SolveOptions {
        let deadline = self.deadline.or_else(|| {
            self.time_limit.map(|t| {
                std::time::Instant::now() + std::time::Duration::from_secs_f64(t.clamp(0.0, 1e9))
            })
        });
        SolveOptions { deadline, ..*self }
    }

    /// Seconds left before the deadline (0 when past it); None without a time limit.
    pub fn remaining(&self) -> Option<f64> {
        self.deadline.map(|d| {
            d.saturating_duration_since(std::time::Instant::now())
                .as_secs_f64()
        })
    }
}

/// How good the answer is known to be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Optimality {
    /// Proven optimal in both phases.
    Optimal,
    /// The time limit was hit: the best match found, not proven optimal.
    TimeLimit,
}

/// The solver's answer: the columns chosen and both phases' objective values.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// Indices of the chosen columns, ascending.
    pub chosen: Vec<usize>,
    /// Phase 1's objective: the chosen columns' urgency weights summed.
    pub weighted_placed: f64,
    /// Phase 2's objective: the chosen columns' scores summed.
    pub total_score: f64,
    /// Whether both phases were proven optimal or the time limit stopped one.
    pub optimality: Optimality,
    /// What a like problem (the same columns, say, with one pair required) can start from.
    pub warm_start: WarmStart,
    /// With `TimeLimit`: how far below the LP bound the stopped phase's answer is, as a share
    /// of the bound (0.01 = within 1% of the best possible); 0 when proven optimal.
    pub gap: f64,
    /// Wall-clock seconds the solve took, both phases.
    pub seconds: f64,
}

impl Assignment {
    /// The answer when there is nothing to choose from: nobody placed, trivially optimal.
    pub(crate) fn nobody_placed() -> Assignment {
        Assignment {
            chosen: Vec::new(),
            weighted_placed: 0.0,
            total_score: 0.0,
            optimality: Optimality::Optimal,
            gap: 0.0,
            seconds: 0.0,
            warm_start: WarmStart::default(),
        }
    }
}

/// Why the solver gave no match.
#[derive(Debug, thiserror::Error)]
pub enum SolverError {
    /// The time limit (seconds) ran out before any feasible match was found.
    #[error("the time limit of {0} s ran out before any match was found; allow more time")]
    NoSolutionInTime(f64),
    /// No match meets the required pairs, capacities and budget together.
    #[error("no match satisfies the required placements and limits")]
    Infeasible,
    /// HiGHS failed, or the model or its answer would not cross to or from HiGHS; the words say
    /// which.
    #[error("HiGHS reported: {0}")]
    Highs(String),
}

/// Solve the model, proven optimal over every column (unless the time limit cuts it short).
pub fn solve(model: &AssignmentModel, options: &SolveOptions) -> Result<Assignment, SolverError> {
    lazily(model, options, &WarmStart::default(), None)
}

/// The fast solver, with the clashing pairs its answers break added as rows until an answer
/// breaks none. Each solve is proven optimal over the answers meeting the rows stated so far,
/// a set holding every answer that meets them all; the last answer meets them all, so it is
/// optimal over those too (docs/matching.md, "Children who must not share a home"). A re-solve
/// starts with the rows its warm start's solve found, so the options rarely repeat a round.
fn lazily(
    model: &AssignmentModel,
    options: &SolveOptions,
    warm: &WarmStart,
    keep: Option<&[Option<usize>]>,
) -> Result<Assignment, SolverError> {
    let options = &options.started();
    let known: Vec<[usize; 2]> = warm
        .conflicts
        .iter()
        .filter(|p| model.conflicts.binary_search(p).is_err())
        .copied()
        .collect();
    let mut current = std::borrow::Cow::Borrowed(model);
    if !known.is_empty() {
        current = std::borrow::Cow::Owned(model.with_conflicts(&known));
    }
    let mut warm = std::borrow::Cow::Borrowed(warm);
    let mut seconds = 0.0;
    loop {
        let mut answer = fast::solve(&current, options, &warm, keep)?;
        seconds += answer.seconds;
        let broken = current.broken_conflicts(&answer.chosen);
        if broken.is_empty() {
            answer.seconds = seconds;
            answer.warm_start.conflicts = current.conflicts.clone();
            return Ok(answer);
        }
        current = std::borrow::Cow::Owned(current.with_conflicts(&broken));
        warm = std::borrow::Cow::Owned(answer.warm_start);
    }
}

/// [`solve`], starting each phase's LP from the columns a like problem's solve ended with.
pub fn solve_from(
    model: &AssignmentModel,
    options: &SolveOptions,
    warm: &WarmStart,
) -> Result<Assignment, SolverError> {
    lazily(model, options, warm, None)
}

/// [`solve_from`], and among the optimal answers one that keeps the most children where
/// `keep` places them (home index per child): what the options compare with the recommended
/// match, so that an option's "moves" are only the moves it needs.
pub fn solve_near(
    model: &AssignmentModel,
    options: &SolveOptions,
    warm: &WarmStart,
    keep: &[Option<usize>],
) -> Result<Assignment, SolverError> {
    lazily(model, options, warm, Some(keep))
}
