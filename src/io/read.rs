//! Bounded reading of input files. Inputs come from case systems, spreadsheets and other
//! teams, so a path may name a directory, a pipe, a device (`/dev/zero` behind a symlink) or a
//! file far larger than any real one. Only regular files are read, each up to a size cap that
//! is checked before reading (from the file's metadata) and enforced while reading (a file
//! that grows meanwhile), so memory stays bounded and nothing ever blocks.

use crate::error::{Code, Problem};
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Default cap on a CSV input (children.csv, homes.csv), bytes: 64 MiB, about a million rows
/// of children, many times any council's real file.
pub const DEFAULT_MAX_CSV_BYTES: u64 = 64 * 1024 * 1024;
/// Default cap on a TOML input (policy, scenario, county profile), bytes: 1 MiB; the bundled
/// files are a few KiB.
pub const DEFAULT_MAX_TOML_BYTES: u64 = 1024 * 1024;

static MAX_CSV_BYTES: AtomicU64 = AtomicU64::new(DEFAULT_MAX_CSV_BYTES);
static MAX_TOML_BYTES: AtomicU64 = AtomicU64::new(DEFAULT_MAX_TOML_BYTES);

/// The kind of input, which decides its size cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A CSV table: children.csv, homes.csv.
    Csv,
    /// A TOML settings file: policy.toml, a scenario, a county profile.
    Toml,
}

/// Set the size caps (bytes) for the rest of the process; `righthome --max-input-mib` sets
/// them. A cap of 0 is taken as 1 byte.
pub fn set_max_input_bytes(csv: u64, toml: u64) {
    MAX_CSV_BYTES.store(csv.max(1), Ordering::Relaxed);
    MAX_TOML_BYTES.store(toml.max(1), Ordering::Relaxed);
}

/// Set the caps from one figure in MiB (`--max-input-mib`): CSV inputs up to `mib` MiB,
/// TOML inputs up to a 64th of that, never below their default.
pub fn set_max_input_mib(mib: u64) {
    let csv = mib.saturating_mul(1024 * 1024);
    set_max_input_bytes(csv, (csv / 64).max(DEFAULT_MAX_TOML_BYTES));
}

/// The size cap (bytes) now in force for `kind`.
pub fn max_input_bytes(kind: InputKind) -> u64 {
    match kind {
        InputKind::Csv => MAX_CSV_BYTES.load(Ordering::Relaxed),
        InputKind::Toml => MAX_TOML_BYTES.load(Ordering::Relaxed),
    }
}

/// Read the whole of `path`, a regular file of at most the cap for `kind`; `what` says what
/// kind of file was expected, for the message. Every failure is one located problem.
pub fn read_bounded(path: &Path, kind: InputKind, what: &str) -> Result<Vec<u8>, Problem> {
    let file = path.display().to_string();
    let cap = max_input_bytes(kind);
    // Metadata first (following symlinks), so that a FIFO or a device is never opened.
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => {
            if std::fs::symlink_metadata(path).is_ok() {
                let mut p = Problem::unreadable(file, what, &e);
                p.expected = format!("{what} (the path is a symbolic link to nothing: {e})");
                return Err(p);
            }
            return Err(Problem::unreadable(file, what, &e));
        }
    };
    check_regular(&file, &meta, what)?;
    check_size(&file, meta.len(), cap)?;
    let mut handle = open_nonblocking(path).map_err(|e| Problem::unreadable(&file, what, &e))?;
    // The path may have been swapped between the check and the open: check what was opened.
    let meta = handle
        .metadata()
        .map_err(|e| Problem::unreadable(&file, what, &e))?;
    check_regular(&file, &meta, what)?;
    check_size(&file, meta.len(), cap)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    (&mut handle)
        .take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Problem::unreadable(&file, what, &e))?;
    check_size(&file, bytes.len() as u64, cap)?;
    Ok(bytes)
}

/// As [`read_bounded`], as UTF-8 text (a TOML file).
pub fn read_text_bounded(path: &Path, what: &str) -> Result<String, Problem> {
    let bytes = read_bounded(path, InputKind::Toml, what)?;
    String::from_utf8(bytes).map_err(|e| Problem {
        code: Code::NotUtf8,
        file: path.display().to_string(),
        line: Some(line_of_offset(e.as_bytes(), e.utf8_error().valid_up_to())),
        column: None,
        value: None,
        expected: format!("{what} in UTF-8 text"),
    })
}

/// The 1-based line holding byte `offset` of a TOML text (LF or CRLF line ends).
pub fn line_of_offset(bytes: &[u8], offset: usize) -> u64 {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
        + 1
}

fn check_regular(file: &str, meta: &std::fs::Metadata, what: &str) -> Result<(), Problem> {
    if meta.is_file() {
        return Ok(());
    }
    let ft = meta.file_type();
    let is = if ft.is_dir() {
        "a directory"
    } else if is_fifo(&ft) {
        "a named pipe (FIFO)"
    } else if is_device(&ft) {
        "a device"
    } else {
        "not a regular file"
    };
    Err(Problem {
        code: Code::NotRegularFile,
        file: file.to_string(),
        line: None,
        column: None,
        value: Some(is.to_string()),
        expected: format!("{what}: an ordinary file"),
    })
}

fn check_size(file: &str, len: u64, cap: u64) -> Result<(), Problem> {
    if len <= cap {
        return Ok(());
    }
    Err(Problem {
        code: Code::FileTooLarge,
        file: file.to_string(),
        line: None,
        column: None,
        value: Some(if len > cap.saturating_add(1) {
            format!("{len} bytes")
        } else {
            format!("more than {cap} bytes")
        }),
        expected: format!(
            "a file of at most {cap} bytes ({} MiB; --max-input-mib raises the cap)",
            cap.div_ceil(1024 * 1024)
        ),
    })
}

#[cfg(unix)]
fn is_fifo(ft: &std::fs::FileType) -> bool {
    std::os::unix::fs::FileTypeExt::is_fifo(ft)
}
#[cfg(not(unix))]
fn is_fifo(_: &std::fs::FileType) -> bool {
    false
}
#[cfg(unix)]
fn is_device(ft: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    ft.is_char_device() || ft.is_block_device()
}
#[cfg(not(unix))]
fn is_device(_: &std::fs::FileType) -> bool {
    false
}

/// Open for reading without ever blocking: on Linux with O_NONBLOCK, so that a FIFO put in
/// the file's place after the metadata check opens at once (and is then refused).
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(all(
        target_os = "linux",
        any(target_arch = "x86_64", target_arch = "aarch64")
    ))]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK on these targets (asm-generic/fcntl.h); the libc crate is not a
        // dependency of this crate.
        const O_NONBLOCK: i32 = 0o4000;
        options.custom_flags(O_NONBLOCK);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_is_refused_and_a_small_file_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let err = read_bounded(dir.path(), InputKind::Csv, "a CSV file").unwrap_err();
        assert_eq!(err.code, Code::NotRegularFile);
        assert_eq!(err.value.as_deref(), Some("a directory"));
        let path = dir.path().join("a.csv");
        std::fs::write(&path, "a\n1\n").expect("write");
        assert_eq!(
            read_bounded(&path, InputKind::Csv, "a CSV file").expect("read"),
            b"a\n1\n"
        );
    }

    #[test]
    fn a_dangling_symlink_says_so() {
        let dir = tempfile::tempdir().expect("temp dir");
        let link = dir.path().join("policy.toml");
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("gone.toml"), &link).expect("symlink");
        #[cfg(unix)]
        {
            let err = read_bounded(&link, InputKind::Toml, "a TOML file").unwrap_err();
            assert_eq!(err.code, Code::FileUnreadable);
            assert!(err.expected.contains("symbolic link"), "{}", err.expected);
        }
    }

    #[test]
    fn line_of_offset_counts_line_feeds() {
        assert_eq!(line_of_offset(b"a\r\nb\nc", 5), 3);
        assert_eq!(line_of_offset(b"abc", 99), 1);
    }
}
