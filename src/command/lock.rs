//! The `--out` lock, and the registry of what runs in progress would leave behind: read by
//! the SIGINT/SIGTERM handler, which removes it all before the process exits.

use super::OutputError;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary directories and lock files of runs in progress, for the signal handler; the
/// mutex is also held while a set is swapped in, so a signal never lands mid-swap.
static IN_PROGRESS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

pub(super) fn in_progress() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    IN_PROGRESS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub(super) fn remove_path(path: &Path) {
    let _ = if path.is_dir() && !path.is_symlink() {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    };
}

/// On SIGINT or SIGTERM, remove every temporary directory and lock file of a run in
/// progress, then exit with 128 + the signal's number (130, 143), as a shell would report.
/// For programs (the command line); a library caller with signal handling of its own keeps
/// it and gets the same clean-up from errors and drops.
pub fn cleanup_on_signals() -> Result<(), OutputError> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGINT, SIGTERM]).map_err(|e| OutputError::Io {
            action: "set up the clean-up on interrupt for".into(),
            path: PathBuf::from("signals"),
            source: e,
        })?;
    std::thread::Builder::new()
        .name("righthome-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let paths = in_progress();
                for path in paths.iter() {
                    remove_path(path);
                }
                std::process::exit(128 + signal);
            }
        })
        .map_err(|e| OutputError::Io {
            action: "start the clean-up thread for".into(),
            path: PathBuf::from("signals"),
            source: e,
        })?;
    Ok(())
}

/// The lock file, held exclusively (`flock`, released by the kernel however the holder
/// dies, so a stale file never blocks). Refused at once, not waited for, when held.
#[cfg(unix)]
pub(super) fn take_lock(path: &Path, shown: &Path) -> Result<File, OutputError> {
    use rustix::fs::{FlockOperation, flock};
    use std::os::unix::fs::MetadataExt;
    let io = |source| OutputError::Io {
        action: "lock".into(),
        path: path.to_path_buf(),
        source,
    };
    for _ in 0..100 {
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(io)?;
        match flock(&file, FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => {}
            Err(e) if e == rustix::io::Errno::WOULDBLOCK => {
                return Err(OutputError::Busy {
                    dir: shown.to_path_buf(),
                    lock: path.to_path_buf(),
                });
            }
            Err(e) => return Err(io(e.into())),
        }
        // The holder before us may have removed the file after we opened it: then our lock
        // is on a file nobody else will see, and we start again.
        let held = file.metadata().map_err(io)?;
        match fs::metadata(path) {
            Ok(now) if now.ino() == held.ino() && now.dev() == held.dev() => {
                let _ = std::io::Write::write_all(
                    &mut &file,
                    format!("{}\n", std::process::id()).as_bytes(),
                );
                return Ok(file);
            }
            _ => continue,
        }
    }
    Err(OutputError::Busy {
        dir: shown.to_path_buf(),
        lock: path.to_path_buf(),
    })
}

#[cfg(not(unix))]
pub(super) fn take_lock(path: &Path, shown: &Path) -> Result<File, OutputError> {
    File::create_new(path).map_err(|_| OutputError::Busy {
        dir: shown.to_path_buf(),
        lock: path.to_path_buf(),
    })
}
