//! `righthome options`: every child's ranked options, each explained, with what choosing it
//! would cost the whole match.

use super::matching::MatchContext;
use super::output_set::OPTIONS;
use super::{
    CommandError, Format, Inputs, OutTarget, Output, OutputSet, Result, commit, open_out,
    solve_options,
};
use crate::model::ChildId;
use crate::options::{ChildOptions, build_options, choice_summary};
use crate::report;

/// The arguments of `righthome options`.
#[derive(Debug, Clone)]
pub struct OptionsArgs {
    /// Where the children, homes and policy are read from.
    pub inputs: Inputs,
    /// Only this child (and their brothers and sisters), in full.
    pub child: Option<String>,
    /// Also write options.csv and choice_summary.json here.
    pub out: Option<OutTarget>,
    /// With `out`: a sheet per child and the managers' page too.
    pub html: bool,
    /// Most options per child (at least 1; beyond three, only close alternatives).
    pub max_options: usize,
    /// What to print: the table, or the options as CSV or JSON.
    pub format: Format,
    /// Seconds the solver may spend on each phase of each solve.
    pub time_limit: Option<f64>,
}

/// options.csv, options.json and choice_summary.json, and with `html` the sheets and the managers' page.
pub fn options_set(
    context: &MatchContext,
    built: &[ChildOptions],
    html: bool,
) -> Result<OutputSet> {
    let MatchContext {
        dataset,
        policy,
        problem,
        result,
    } = context;
    let mut set = OutputSet::new(OPTIONS);
    set.add("options.csv", report::options_csv(dataset, built)?)?;
    set.add(
        "options.json",
        report::options_json(dataset, policy, &result.placements, built)?,
    )?;
    let summary = choice_summary(problem, built);
    set.add(
        "choice_summary.json",
        report::choice_summary_json(&summary)?,
    )?;
    if html {
        for (name, bytes) in
            report::child_sheets(dataset, policy, problem, &result.placements, built)?
        {
            set.add(name, bytes)?;
        }
        set.add(
            "managers.html",
            report::manager_page(dataset, policy, built)?,
        )?;
    }
    Ok(set)
}

/// Build the options, write the set if asked, and say what to print.
pub fn run_options(args: &OptionsArgs) -> Result<Output> {
    let options = solve_options(args.time_limit)?;
    if args.html && args.out.is_none() {
        return Err(CommandError::Argument(
            "--html needs --out DIR: the sheets are files".into(),
        ));
    }
    let mut output = Output::default();
    let out = open_out(args.out.as_ref(), OPTIONS, &mut output)?;
    if let Some(dir) = &out {
        dir.refuse_inputs(&args.inputs.all())?;
    }
    let paths = args.inputs.paths();
    let (dataset, policy) = crate::io::load(&paths).map_err(crate::Error::from)?;
    let only = match &args.child {
        Some(id) => Some(dataset.child_index(&ChildId(id.clone())).ok_or_else(|| {
            crate::Error::Usage(format!(
                "no child with id '{id}' in {}",
                paths.children.display()
            ))
        })?),
        None => None,
    };
    let (problem, result) = crate::matching::run_today(&dataset, &policy, &options)?;
    let context = MatchContext {
        dataset,
        policy,
        problem,
        result,
    };
    if let Some(warning) = context.cut_short_warning(args.time_limit) {
        output.note(warning);
    }
    let built = build_options(
        &context.dataset,
        &context.policy,
        &context.problem,
        &context.result,
        args.max_options,
        only,
        &options,
    )
    .map_err(|e| crate::Error::Solver(e.to_string()))?;
    let set = options_set(&context, &built, args.html)?;
    let wrote = commit(out, &set)?;
    let stdout = match args.format {
        Format::Table => report::options_table(
            &context.dataset,
            &context.policy,
            &context.problem,
            &context.result.placements,
            &built,
            only.is_some(),
        ),
        Format::Csv => set.text("options.csv"),
        Format::Json => set.text("options.json"),
    };
    let notes = std::mem::take(&mut output.stderr);
    output = Output::formatted(stdout, args.format);
    output.stderr = notes;
    if let Some(line) = wrote {
        output.note(line);
    }
    Ok(output)
}
