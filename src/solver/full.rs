//! The full model, stated plainly through good_lp: one binary per column, both phases solved
//! as MIPs over every column. Slow at county scale, but obviously right: the fast solver in
//! [`super::fast`] is tested and benchmarked against it.

use good_lp::solvers::highs::{HighsPresolveType, highs};
use good_lp::{
    Expression, ProblemVariables, ResolutionError, Solution, SolutionStatus, SolverModel, Variable,
    WithInitialSolution, variable,
};
use std::time::Instant;

use super::tolerance::{PHASE, relative};
use super::{Assignment, AssignmentModel, Column, Optimality, SolveOptions, SolverError};

/// Solve the full model as two MIPs.
pub fn solve(model: &AssignmentModel, options: &SolveOptions) -> Result<Assignment, SolverError> {
    let start = Instant::now();
    if model.columns.is_empty() && model.required.is_empty() {
        return Ok(Assignment::nobody_placed());
    }
    let first = run_phase(model, options, Phase::Placed, None)?;
    let target = first.value(model, |c| c.weight);
    let second = run_phase(
        model,
        options,
        Phase::Score {
            placed_at_least: target,
        },
        Some(&first.chosen),
    )?;
    let optimality = if first.optimal && second.optimal {
        Optimality::Optimal
    } else {
        Optimality::TimeLimit
    };
    Ok(Assignment {
        warm_start: super::WarmStart::default(),
        weighted_placed: second.value(model, |c| c.weight),
        total_score: second.value(model, |c| c.score),
        chosen: second.chosen,
        optimality,
        gap: f64::NAN,
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// Every pair of columns at one home, with no child in common, that the model's `clashes`
/// (or its listed `conflicts`) forbid together, sorted.
fn conflict_pairs(model: &AssignmentModel, per_home: &[Vec<usize>]) -> Vec<[usize; 2]> {
    let mut pairs = model.conflicts.clone();
    if let Some(clashes) = &model.clashes {
        for columns in per_home {
            for (i, &a) in columns.iter().enumerate() {
                for &b in &columns[i + 1..] {
                    let (ca, cb) = (&model.columns[a].children, &model.columns[b].children);
                    if ca.iter().all(|c| !cb.contains(c))
                        && clashes.clash(&model.columns[a], &model.columns[b])
                    {
                        pairs.push([a, b]);
                    }
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

enum Phase {
    Placed,
    Score { placed_at_least: f64 },
}

struct PhaseResult {
    chosen: Vec<usize>,
    optimal: bool,
}

impl PhaseResult {
    fn value(&self, model: &AssignmentModel, f: impl Fn(&Column) -> f64) -> f64 {
        self.chosen.iter().map(|&j| f(&model.columns[j])).sum()
    }
}

fn run_phase(
    model: &AssignmentModel,
    options: &SolveOptions,
    phase: Phase,
    warm_start: Option<&[usize]>,
) -> Result<PhaseResult, SolverError> {
    let mut vars = ProblemVariables::new();
    let x: Vec<Variable> = vars.add_vector(variable().binary(), model.columns.len());
    let objective: Expression = match phase {
        Phase::Placed => x
            .iter()
            .zip(model.columns.iter())
            .map(|(v, c)| c.weight * *v)
            .sum(),
        Phase::Score { .. } => x
            .iter()
            .zip(model.columns.iter())
            .map(|(v, c)| c.score * *v)
            .sum(),
    };
    let mut problem = highs(vars.maximise(objective))
        .set_presolve(HighsPresolveType::Off)
        .set_threads(1)
        .set_mip_rel_gap(0.0)
        .map_err(|e| SolverError::Highs(e.to_string()))?;
    if let Some(limit) = options.time_limit {
        problem = problem.set_time_limit(limit);
    }

    let mut per_child: Vec<Vec<usize>> = vec![Vec::new(); model.n_children];
    let mut per_home: Vec<Vec<usize>> = vec![Vec::new(); model.capacity.len()];
    for (j, column) in model.columns.iter().enumerate() {
        for &c in &column.children {
            per_child[c].push(j);
        }
        per_home[column.home].push(j);
    }
    for columns in per_child.iter().filter(|cols| cols.len() > 1) {
        let placed: Expression = columns.iter().map(|&j| x[j]).sum();
        problem.add_constraint(placed.leq(1));
    }
    for (h, columns) in per_home.iter().enumerate() {
        let demand: u32 = columns.iter().map(|&j| model.columns[j].beds).sum();
        if demand > model.capacity[h] {
            let used: Expression = columns
                .iter()
                .map(|&j| f64::from(model.columns[j].beds) * x[j])
                .sum();
            problem.add_constraint(used.leq(f64::from(model.capacity[h])));
        }
    }
    // Children who must not share a home: every clashing pair of columns at a home, stated.
    for &[a, b] in &conflict_pairs(model, &per_home) {
        problem.add_constraint((x[a] + x[b]).leq(1));
    }
    if let Some(budget) = model.budget {
        let spend: Expression = x
            .iter()
            .zip(model.columns.iter())
            .map(|(v, c)| c.cost * *v)
            .sum();
        problem.add_constraint(spend.leq(budget));
    }
    for &(child, home) in &model.required {
        let placed_there: Expression = per_child[child]
            .iter()
            .filter(|&&j| model.columns[j].home == home)
            .map(|&j| x[j])
            .sum();
        problem.add_constraint(placed_there.eq(1));
    }
    if let Phase::Score { placed_at_least } = phase {
        let placed: Expression = x
            .iter()
            .zip(model.columns.iter())
            .map(|(v, c)| c.weight * *v)
            .sum();
        let slack = relative(PHASE, placed_at_least);
        problem.add_constraint(placed.geq(placed_at_least - slack));
    }
    if let Some(chosen) = warm_start {
        let mut start = vec![0.0; x.len()];
        for &j in chosen {
            start[j] = 1.0;
        }
        problem = problem.with_initial_solution(x.iter().copied().zip(start));
    }

    let solution = match problem.solve() {
        Ok(solution) => solution,
        Err(ResolutionError::Other("NoSolutionFound")) => {
            return Err(SolverError::NoSolutionInTime(
                options.time_limit.unwrap_or(f64::INFINITY),
            ));
        }
        Err(ResolutionError::Infeasible) => return Err(SolverError::Infeasible),
        Err(e) => return Err(SolverError::Highs(e.to_string())),
    };
    let optimal = matches!(solution.status(), SolutionStatus::Optimal);
    let chosen = x
        .iter()
        .enumerate()
        .filter(|(_, v)| solution.value(**v) > 0.5)
        .map(|(j, _)| j)
        .collect();
    Ok(PhaseResult { chosen, optimal })
}
