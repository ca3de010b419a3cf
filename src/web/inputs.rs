//! The live inputs (the data directory's CSVs), uploads that replace them only when valid,
//! and runs: each match solves its own copy of the inputs, with every standing decision
//! written into children.csv as the child's `decided_home`.

use super::WebError;
use super::db::Decision;
use crate::approvals::Flag;
use crate::command::MatchContext;
use crate::error::Problem;
use crate::io::InputPaths;
use crate::options::{ChildOptions, build_options};
use crate::solver::SolveOptions;
use std::path::{Path, PathBuf};

/// The input files an upload may carry, by form field: (field, file name, required). The
/// same files, by the same names, as `righthome match --data DIR` reads.
pub const UPLOAD_FILES: [(&str, &str, bool); 4] = [
    ("children", "children.csv", true),
    ("homes", "homes.csv", true),
    ("residents", "residents.csv", false),
    ("policy", "policy.toml", false),
];

/// Options shown per child on its page.
pub const MAX_OPTIONS: usize = 5;

/// A solved run with its options, kept for the pages until the next run.
pub struct Solved {
    /// The run's id in the database.
    pub run: i64,
    /// The match as solved.
    pub context: MatchContext,
    /// Every child's options.
    pub options: Vec<ChildOptions>,
}

/// Problems in the live inputs (empty when they load).
pub fn problems(data: &Path) -> Vec<Problem> {
    match crate::io::load(&InputPaths::in_dir(data)) {
        Ok(_) => Vec::new(),
        Err(report) => report.problems,
    }
}

/// children.csv with a `decided_home` column filled for the decided children: a decision
/// recorded in the app overrides the file's own `decided_home`, which is kept otherwise
/// (the column moves to the end). Rows are copied field for field.
pub fn with_decided_home(children_csv: &[u8], decisions: &[Decision]) -> Result<Vec<u8>, WebError> {
    let bad = |e: csv::Error| WebError::Input(format!("children.csv: {e}"));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(children_csv);
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut rows = reader.records();
    let Some(header) = rows.next().transpose().map_err(bad)? else {
        return Err(WebError::Input("children.csv is empty".into()));
    };
    let id_col = header.iter().position(|h| h == "child_id").unwrap_or(0);
    let old = header.iter().position(|h| h == "decided_home");
    let keep = |rec: &csv::StringRecord| -> Vec<String> {
        rec.iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != old)
            .map(|(_, v)| v.to_string())
            .collect()
    };
    let mut head = keep(&header);
    head.push("decided_home".into());
    out.write_record(&head).map_err(bad)?;
    for rec in rows {
        let rec = rec.map_err(bad)?;
        let mut fields = keep(&rec);
        let id = rec.get(id_col).unwrap_or("");
        let in_file = old.and_then(|i| rec.get(i)).unwrap_or("");
        let decided = decisions
            .iter()
            .find(|d| d.child_id == id)
            .map_or(in_file, |d| d.home_id.as_str());
        fields.push(decided.to_string());
        out.write_record(&fields).map_err(bad)?;
    }
    out.into_inner()
        .map_err(|e| WebError::Input(format!("children.csv: {e}")))
}

fn io_err(path: &Path, e: std::io::Error) -> WebError {
    WebError::Input(format!("cannot write {}: {e}", path.display()))
}

/// Write run `id`'s inputs into `runs/run-ID/`: homes.csv, residents.csv and policy.toml
/// copied, children.csv with every standing decision as the child's `decided_home`, which
/// the loader reads and the match keeps (re-checked against every rule), as for any
/// `righthome match --data DIR`.
pub fn write_run_inputs(
    data: &Path,
    runs: &Path,
    id: i64,
    decisions: &[Decision],
) -> Result<PathBuf, WebError> {
    let dir = runs.join(format!("run-{id}"));
    std::fs::create_dir_all(&dir).map_err(|e| io_err(&dir, e))?;
    let src = InputPaths::in_dir(data);
    let read = |p: &Path| {
        std::fs::read(p).map_err(|e| WebError::Input(format!("cannot read {}: {e}", p.display())))
    };
    let children = read(&src.children)?;
    let decided = with_decided_home(&children, decisions)?;
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).map_err(|e| io_err(&p, e))
    };
    write("children.csv", &decided)?;
    write("homes.csv", &read(&src.homes)?)?;
    if let Some(residents) = src.residents.as_ref().filter(|p| p.exists()) {
        write("residents.csv", &read(residents)?)?;
    }
    if let Some(policy) = src.policy.as_ref().filter(|p| p.exists()) {
        write("policy.toml", &read(policy)?)?;
    }
    Ok(dir)
}

/// Solve a run's inputs and build every child's options.
pub fn solve(dir: &Path, run: i64) -> Result<Solved, WebError> {
    let paths = InputPaths::in_dir(dir);
    let options = SolveOptions::default();
    let context = MatchContext::solve(&paths, &options).map_err(|e| match e {
        crate::command::CommandError::Library(crate::Error::Invalid(report)) => {
            WebError::Invalid(report.problems)
        }
        other => WebError::Input(other.message()),
    })?;
    let built = build_options(
        &context.dataset,
        &context.policy,
        &context.problem,
        &context.result,
        MAX_OPTIONS,
        None,
        &options,
    )
    .map_err(|e| WebError::Input(e.to_string()))?;
    Ok(Solved {
        run,
        context,
        options: built,
    })
}

/// Replace the live inputs with `files` (by file name) only if the whole set loads: the
/// files are staged in a directory inside `data`, validated with the same loaders as every
/// command, then renamed into place. A failed upload changes nothing.
pub fn upload(data: &Path, files: &[(&str, Vec<u8>)]) -> Result<(), WebError> {
    let stage = tempfile::Builder::new()
        .prefix(".upload-")
        .tempdir_in(data)
        .map_err(|e| io_err(data, e))?;
    for (_, name, _) in UPLOAD_FILES {
        let from = data.join(name);
        if from.exists() {
            std::fs::copy(&from, stage.path().join(name)).map_err(|e| io_err(&from, e))?;
        }
    }
    for (name, bytes) in files {
        let p = stage.path().join(name);
        std::fs::write(&p, bytes).map_err(|e| io_err(&p, e))?;
    }
    if let Err(report) = crate::io::load(&InputPaths::in_dir(stage.path())) {
        // Name each file as the user knows it, not by the staging directory.
        let problems = report
            .problems
            .into_iter()
            .map(|mut p| {
                if let Some(name) = Path::new(&p.file)
                    .strip_prefix(stage.path())
                    .ok()
                    .and_then(|rest| rest.to_str())
                {
                    p.file = name.to_string();
                }
                p
            })
            .collect();
        return Err(WebError::Invalid(problems));
    }
    for (name, _) in files {
        let to = data.join(name);
        std::fs::rename(stage.path().join(name), &to).map_err(|e| io_err(&to, e))?;
    }
    Ok(())
}

/// The approvals a decision needs, in words (empty: none): the library's approvals for the
/// chosen option (out of area, distant, Year 10/11 move, siblings apart, fostering limit
/// exemption, a decided home that breaks a rule: [`crate::approvals::Flag::words`]) and, for
/// an option other than the recommended one, the manager's sign-off of the reason given.
pub fn approvals_needed(rank: usize, flags: &[Flag], council: &str) -> Vec<String> {
    let mut needs = Vec::new();
    if rank != 1 {
        needs.push(format!(
            "needs a manager's approval: not the recommended home (option {rank})"
        ));
    }
    needs.extend(flags.iter().map(|f| f.words(council)));
    needs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision(child: &str, home: &str) -> Decision {
        Decision {
            id: 1,
            child_id: child.into(),
            home_id: home.into(),
            rank: 2,
            reason: String::new(),
            by_user: "a".into(),
            decided_at: String::new(),
            withdrawn_at: None,
            approval: None,
            needs: None,
            approval_id: None,
            approval_note: None,
        }
    }

    #[test]
    fn decided_homes_fill_a_new_column_and_override_the_files_own() {
        let csv = b"child_id,age\nC1,4\n\"C2\",\"5,x\"\n";
        let out = with_decided_home(csv, &[decision("C2", "H9")]).expect("csv");
        assert_eq!(
            String::from_utf8(out.clone()).expect("utf8"),
            "child_id,age,decided_home\nC1,4,\nC2,\"5,x\",H9\n"
        );
        let again = with_decided_home(&out, &[decision("C1", "H1")]).expect("csv");
        assert_eq!(
            String::from_utf8(again).expect("utf8"),
            "child_id,age,decided_home\nC1,4,H1\nC2,\"5,x\",H9\n"
        );
        let file = b"child_id,decided_home,age\nC1,H5,4\nC2,H6,5\n";
        let out = with_decided_home(file, &[decision("C2", "H9")]).expect("csv");
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            "child_id,age,decided_home\nC1,4,H5\nC2,5,H9\n"
        );
    }

    #[test]
    fn a_failed_upload_changes_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        for name in ["children.csv", "homes.csv", "residents.csv", "policy.toml"] {
            std::fs::copy(
                Path::new("data/lancashire").join(name),
                dir.path().join(name),
            )
            .expect("copy");
        }
        let before = std::fs::read(dir.path().join("homes.csv")).expect("read");
        let e =
            upload(dir.path(), &[("homes.csv", b"home_id\nH1\n".to_vec())]).expect_err("invalid");
        assert!(
            matches!(e, WebError::Invalid(ref p) if !p.is_empty()),
            "{e}"
        );
        assert_eq!(
            std::fs::read(dir.path().join("homes.csv")).expect("read"),
            before
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .collect();
        assert_eq!(names.len(), 4, "the staging directory is gone");
        upload(dir.path(), &[("homes.csv", before.clone())]).expect("valid upload");
    }

    #[test]
    fn only_rank_one_without_flags_needs_no_approval() {
        assert!(approvals_needed(1, &[], "Lancashire").is_empty());
        let needs = approvals_needed(2, &[Flag::OutOfArea, Flag::Distant], "Lancashire");
        assert_eq!(needs.len(), 3);
        assert_eq!(needs[2], Flag::Distant.words("Lancashire"));
        assert!(needs[2].contains("Director"), "{needs:?}");
    }
}
