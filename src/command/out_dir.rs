//! Writing an output set all or nothing. The set is written into a temporary directory beside
//! `--out` (`.OUT.righthome-tmp-PID`, same parent, so renaming is atomic) and swapped in with
//! one `renameat2(RENAME_EXCHANGE)` where the system has it (else two renames, recovered by
//! the next run if one is cut short): a reader sees the whole old set or the whole new set.
//!
//! A lock file beside `--out` (`.OUT.righthome-lock`, held with `flock`, removed at the end)
//! stops two runs writing one `--out`; the second is refused at once. Files in `--out` that
//! are not this command's are carried into the new set (hard links); this command's files of
//! an earlier run (55 stale sheets beside a 5-child options.csv) are not. Temporary
//! directories are removed on error, on SIGINT and SIGTERM (see
//! [`cleanup_on_signals`](super::cleanup_on_signals)), and
//! what a killed run left is removed by the next run, which says so.

use super::OutputError;
use super::lock::{in_progress, remove_path, take_lock};
use super::output_set::{OutputSet, SetKind, and_list};
use std::fs::{self, File};
use std::path::{Path, PathBuf};

/// An `--out` directory taken for one run: resolved, locked, checked; [`OutDir::commit`]
/// swaps the set in. Dropped without committing, it removes its temporary files and lock.
#[derive(Debug)]
pub struct OutDir {
    /// As the user gave it, for messages.
    shown: PathBuf,
    /// Absolute, with symbolic links resolved: the directory that is swapped.
    target: PathBuf,
    parent: PathBuf,
    kind: SetKind,
    force: bool,
    lock_path: PathBuf,
    _lock: File,
    temp: PathBuf,
    /// What this run removed that an interrupted run had left.
    cleaned: Vec<String>,
}

impl OutDir {
    /// Take `dir` for a set of `kind`: refused at once if another run holds it, if it is not a
    /// directory, if it holds a sub-directory, or (without `force`) if it holds files of this
    /// set already.
    pub fn open(dir: &Path, kind: SetKind, force: bool) -> Result<OutDir, OutputError> {
        let io = |action: &str, path: &Path| {
            let (action, path) = (action.to_string(), path.to_path_buf());
            move |source| OutputError::Io {
                action,
                path,
                source,
            }
        };
        let shown = dir.to_path_buf();
        if dir.exists() && !dir.is_dir() {
            return Err(OutputError::NotADirectory(shown));
        }
        let absolute = std::path::absolute(dir).map_err(io("find", dir))?;
        let target = if absolute.exists() {
            fs::canonicalize(&absolute).map_err(io("find", dir))?
        } else {
            let (Some(parent), Some(name)) = (absolute.parent(), absolute.file_name()) else {
                return Err(OutputError::NotADirectory(shown));
            };
            fs::create_dir_all(parent).map_err(io("create", parent))?;
            fs::canonicalize(parent)
                .map_err(io("find", parent))?
                .join(name)
        };
        let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else {
            return Err(OutputError::NotADirectory(shown));
        };
        let name = name.to_string_lossy().into_owned();
        let parent = parent.to_path_buf();
        let lock_path = parent.join(format!(".{name}.righthome-lock"));
        let lock = take_lock(&lock_path, &shown)?;
        in_progress().push(lock_path.clone());
        let temp = parent.join(format!(".{name}.righthome-tmp-{}", std::process::id()));
        let mut out = OutDir {
            shown,
            target,
            parent,
            kind,
            force,
            lock_path,
            _lock: lock,
            temp,
            cleaned: Vec::new(),
        };
        out.clean_leftovers(&name)?;
        out.check_contents()?;
        Ok(out)
    }

    /// The directory as the user named it.
    pub fn shown(&self) -> &Path {
        &self.shown
    }

    /// Leftovers of interrupted runs this run removed (or restored), in words, for stderr.
    pub fn cleaned(&self) -> &[String] {
        &self.cleaned
    }

    /// Refuse an `--out` that holds (or is) one of the inputs: writing the set there would
    /// replace the very files being read. `inputs` may name files or directories.
    pub fn refuse_inputs<P: AsRef<Path>>(&self, inputs: &[P]) -> Result<(), OutputError> {
        for input in inputs {
            let input = input.as_ref();
            let Ok(resolved) = fs::canonicalize(input) else {
                continue;
            };
            if resolved.starts_with(&self.target) {
                return Err(OutputError::OverwritesInput {
                    dir: self.shown.clone(),
                    input: input.to_path_buf(),
                });
            }
        }
        Ok(())
    }

    /// Remove (or, for a set moved aside by a swap that was cut short, restore) what runs
    /// killed while writing this `--out` left beside it. Safe under the lock: no live run
    /// is writing this `--out`.
    fn clean_leftovers(&mut self, name: &str) -> Result<(), OutputError> {
        let Ok(entries) = fs::read_dir(&self.parent) else {
            return Ok(());
        };
        let (tmp, old) = (
            format!(".{name}.righthome-tmp-"),
            format!(".{name}.righthome-old-"),
        );
        let mut found: Vec<(String, PathBuf)> = entries
            .flatten()
            .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
            .filter(|(n, _)| n.starts_with(&tmp) || n.starts_with(&old))
            .collect();
        found.sort();
        for (leftover, path) in found {
            if leftover.starts_with(&old) && !self.target.exists() {
                fs::rename(&path, &self.target).map_err(|source| OutputError::Io {
                    action: "restore the earlier set from".into(),
                    path: path.clone(),
                    source,
                })?;
                self.cleaned.push(format!(
                    "restored the earlier output set from {leftover}, left by an interrupted run"
                ));
                continue;
            }
            remove_path(&path);
            self.cleaned.push(format!(
                "removed {leftover}, left in {} by an interrupted run",
                self.parent.display()
            ));
        }
        Ok(())
    }

    /// This set's files already in `--out` (refused without `force`), and sub-directories
    /// (always refused: they could not be carried into the new set atomically).
    fn check_contents(&self) -> Result<(), OutputError> {
        let Ok(entries) = fs::read_dir(&self.target) else {
            return Ok(());
        };
        let mut names: Vec<(String, bool)> = entries
            .flatten()
            .map(|e| {
                let dir = e.file_type().is_ok_and(|t| t.is_dir());
                (e.file_name().to_string_lossy().into_owned(), dir)
            })
            .collect();
        names.sort();
        if let Some((name, _)) = names.iter().find(|(_, dir)| *dir) {
            return Err(OutputError::HoldsDirectory {
                dir: self.shown.clone(),
                name: name.clone(),
            });
        }
        if self.force {
            return Ok(());
        }
        let mut existing: Vec<String> = self
            .kind
            .names
            .iter()
            .filter(|n| names.iter().any(|(m, _)| m == *n))
            .map(|n| n.to_string())
            .collect();
        let sheets = names
            .iter()
            .filter(|(n, _)| !self.kind.names.contains(&n.as_str()) && self.kind.owns(n))
            .count();
        if sheets > 0 {
            existing.push(format!("{sheets} earlier per-record file(s)"));
        }
        if existing.is_empty() {
            Ok(())
        } else {
            Err(OutputError::Holds {
                dir: self.shown.clone(),
                names: and_list(&existing),
            })
        }
    }

    /// Write `set` and swap it in for whatever `--out` held; returns the lines to tell the
    /// user (leftovers cleaned). Consumes the lock: it is released when this returns.
    pub fn commit(self, set: &OutputSet) -> Result<Vec<String>, OutputError> {
        self.check_contents()?;
        let result = self.write_and_swap(set);
        // Drop removes the temporary directory (if still there) and the lock file.
        let cleaned = self.cleaned.clone();
        drop(self);
        result.map(|()| cleaned)
    }

    fn write_and_swap(&self, set: &OutputSet) -> Result<(), OutputError> {
        let io = |action: &'static str, path: PathBuf| {
            move |source| OutputError::Io {
                action: action.into(),
                path,
                source,
            }
        };
        {
            let mut registry = in_progress();
            registry.push(self.temp.clone());
            remove_path(&self.temp);
            fs::create_dir(&self.temp).map_err(io("create", self.temp.clone()))?;
        }
        for (name, bytes) in set.files() {
            super::output_set::check_file_name(name)?;
            let path = self.temp.join(name);
            debug_assert!(path.starts_with(&self.temp) && path.parent() == Some(&*self.temp));
            let mut file = File::create_new(&path).map_err(io("write", self.shown.join(name)))?;
            std::io::Write::write_all(&mut file, bytes)
                .and_then(|()| file.sync_all())
                .map_err(io("write", self.shown.join(name)))?;
        }
        self.carry_over(set)?;
        if let Ok(meta) = fs::metadata(&self.target) {
            let _ = fs::set_permissions(&self.temp, meta.permissions());
        }
        if let Ok(dir) = File::open(&self.temp) {
            let _ = dir.sync_all();
        }
        let _registry = in_progress();
        swap(&self.temp, &self.target, &self.parent)
            .map_err(io("swap the new set into", self.shown.clone()))?;
        // The temporary name now holds the earlier set (or nothing): remove it.
        remove_path(&self.temp);
        if let Ok(dir) = File::open(&self.parent) {
            let _ = dir.sync_all();
        }
        Ok(())
    }

    /// Hard-link into the new set every file of `--out` that is not this command's (the
    /// user's own files, another command's set), so that the swap keeps them.
    fn carry_over(&self, set: &OutputSet) -> Result<(), OutputError> {
        let Ok(entries) = fs::read_dir(&self.target) else {
            return Ok(());
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let text = name.to_string_lossy();
            if self.kind.owns(&text) || set.get(&text).is_some() {
                continue;
            }
            let (from, to) = (entry.path(), self.temp.join(&name));
            let carried = fs::hard_link(&from, &to).or_else(|_| {
                if entry.file_type().is_ok_and(|t| t.is_symlink()) {
                    copy_symlink(&from, &to)
                } else {
                    fs::copy(&from, &to).map(|_| ())
                }
            });
            carried.map_err(|source| OutputError::Io {
                action: "keep".into(),
                path: self.shown.join(&name),
                source,
            })?;
        }
        Ok(())
    }
}

impl Drop for OutDir {
    fn drop(&mut self) {
        let mut registry = in_progress();
        remove_path(&self.temp);
        // Unlinked while still held: a run waiting on it re-checks the path (see take_lock).
        let _ = fs::remove_file(&self.lock_path);
        registry.retain(|p| p != &self.temp && p != &self.lock_path);
    }
}

#[cfg(unix)]
fn copy_symlink(from: &Path, to: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(fs::read_link(from)?, to)
}

#[cfg(not(unix))]
fn copy_symlink(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::copy(from, to).map(|_| ())
}

/// Put `new` in the place of `target` in one step where the system can (Linux
/// `RENAME_EXCHANGE`), else by moving `target` aside first (a crash between the two renames
/// leaves the earlier set aside, which the next run restores).
fn swap(new: &Path, target: &Path, parent: &Path) -> std::io::Result<()> {
    if !target.exists() {
        return fs::rename(new, target);
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, new, CWD, target, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(()),
            Err(e)
                if e == rustix::io::Errno::INVAL
                    || e == rustix::io::Errno::NOSYS
                    || e == rustix::io::Errno::OPNOTSUPP => {}
            Err(e) => return Err(e.into()),
        }
    }
    let name = target
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let aside = parent.join(format!(".{name}.righthome-old-{}", std::process::id()));
    fs::rename(target, &aside)?;
    if let Err(e) = fs::rename(new, target) {
        let _ = fs::rename(&aside, target);
        return Err(e);
    }
    // The earlier set goes where the temporary directory was, to be removed with it.
    fs::rename(&aside, new)
}

#[cfg(test)]
mod tests {
    use super::super::output_set::{MATCH, OPTIONS};
    use super::*;

    fn set(kind: SetKind, files: &[(&str, &str)]) -> OutputSet {
        let mut set = OutputSet::new(kind);
        for (n, t) in files {
            set.add(*n, t.as_bytes().to_vec()).expect("name");
        }
        set
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn force_replaces_the_whole_set_and_keeps_other_files() {
        let root = tempfile::tempdir().expect("temp");
        let out = root.path().join("out");
        let first = set(
            OPTIONS,
            &[
                ("options.csv", "1"),
                ("child-A.html", "a"),
                ("child-B.html", "b"),
            ],
        );
        OutDir::open(&out, OPTIONS, false)
            .expect("open")
            .commit(&first)
            .expect("commit");
        fs::write(out.join("notes.txt"), "mine").expect("write");
        assert!(matches!(
            OutDir::open(&out, OPTIONS, false),
            Err(OutputError::Holds { .. })
        ));
        let second = set(OPTIONS, &[("options.csv", "2"), ("child-A.html", "a2")]);
        OutDir::open(&out, OPTIONS, true)
            .expect("open")
            .commit(&second)
            .expect("commit");
        assert_eq!(listing(&out), ["child-A.html", "notes.txt", "options.csv"]);
        assert_eq!(
            fs::read_to_string(out.join("options.csv")).expect("read"),
            "2"
        );
        assert_eq!(
            listing(root.path()),
            ["out"],
            "no lock or temporary directory left"
        );
    }

    #[test]
    fn a_second_run_is_refused_while_the_first_holds_the_lock() {
        let root = tempfile::tempdir().expect("temp");
        let out = root.path().join("out");
        let first = OutDir::open(&out, MATCH, false).expect("open");
        let second = OutDir::open(&out, MATCH, false);
        assert!(
            matches!(second, Err(OutputError::Busy { .. })),
            "{second:?}"
        );
        drop(first);
        assert_eq!(listing(root.path()), Vec::<String>::new());
        OutDir::open(&out, MATCH, false).expect("free again");
    }

    #[test]
    fn leftovers_of_a_killed_run_are_removed_or_restored() {
        let root = tempfile::tempdir().expect("temp");
        let out = root.path().join("out");
        fs::create_dir(root.path().join(".out.righthome-tmp-99999")).expect("mkdir");
        fs::create_dir(root.path().join(".out.righthome-old-99998")).expect("mkdir");
        fs::write(
            root.path().join(".out.righthome-old-99998/matches.csv"),
            "old",
        )
        .expect("w");
        let taken = OutDir::open(&out, MATCH, true).expect("open");
        assert_eq!(taken.cleaned().len(), 2, "{:?}", taken.cleaned());
        drop(taken);
        assert_eq!(listing(root.path()), ["out"]);
        assert_eq!(listing(&out), ["matches.csv"], "the earlier set is back");
    }

    #[test]
    fn inputs_and_sub_directories_are_refused() {
        let root = tempfile::tempdir().expect("temp");
        let out = root.path().join("out");
        fs::create_dir_all(out.join("sub")).expect("mkdir");
        assert!(matches!(
            OutDir::open(&out, MATCH, true),
            Err(OutputError::HoldsDirectory { .. })
        ));
        fs::remove_dir(out.join("sub")).expect("rmdir");
        fs::write(out.join("children.csv"), "id\n").expect("write");
        let taken = OutDir::open(&out, MATCH, true).expect("open");
        let refused = taken.refuse_inputs(&[out.join("children.csv")]);
        assert!(matches!(refused, Err(OutputError::OverwritesInput { .. })));
        assert!(
            taken
                .refuse_inputs(&[root.path().join("elsewhere.csv")])
                .is_ok()
        );
    }
}
