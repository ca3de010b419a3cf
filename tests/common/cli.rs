//! Running the binary on fixtures, and looking at what it left on disk.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The `righthome` binary, ready for arguments.
pub fn righthome() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("righthome").expect("binary")
}

/// A copy of tests/fixtures/NAME (files only) in `into/NAME`, for tests that change it.
pub fn copy_fixture(name: &str, into: &Path) -> PathBuf {
    let to = into.join(name);
    std::fs::create_dir_all(&to).expect("fixture dir");
    for entry in std::fs::read_dir(Path::new("tests/fixtures").join(name)).expect("fixture") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
    to
}

/// Every file and directory under `dir`, as sorted relative paths (directories end in `/`).
pub fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let rel = path
            .strip_prefix(root)
            .expect("under root")
            .to_string_lossy()
            .into_owned();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            out.push(format!("{rel}/"));
            walk(root, &path, out);
        } else {
            out.push(rel);
        }
    }
}

/// Every file under `dir` with its bytes (summary.json without its measured solve time).
pub fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    tree(dir)
        .into_iter()
        .filter(|n| !n.ends_with('/'))
        .map(|n| {
            let bytes = std::fs::read(dir.join(&n)).expect("read");
            let bytes = if n.ends_with("summary.json") {
                String::from_utf8_lossy(&bytes)
                    .lines()
                    .filter(|l| !l.contains("solve_time_seconds"))
                    .collect::<Vec<_>>()
                    .join("\n")
                    .into_bytes()
            } else {
                bytes
            };
            (n, bytes)
        })
        .collect()
}
