//! Reading a table's bytes within bounds, and values made safe to show in a message.

use crate::error::Problem;
use std::path::Path;

/// The table's bytes: only a regular file, within the CSV cap every input has (64 MiB unless
/// `--max-input-mib` raises it), read by the same bounded reader as every other input.
pub(super) fn read_bounded(path: &Path) -> Result<Vec<u8>, Problem> {
    crate::io::read_bounded(path, crate::io::InputKind::Csv, "an SSDA903 table as CSV")
}

/// A value shown in a message: control characters made visible, at most 60 characters.
pub fn safe_text(text: &str) -> String {
    text.chars()
        .take(60)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_never_carry_control_characters() {
        assert_eq!(safe_text("a\u{1b}[31mb"), "a?[31mb");
        assert_eq!(safe_text(&"x".repeat(500)).len(), 60);
    }

    #[test]
    fn only_regular_files_are_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let problem = read_bounded(dir.path()).expect_err("a directory is refused");
        assert_eq!(problem.code, crate::error::Code::NotRegularFile);
    }
}
