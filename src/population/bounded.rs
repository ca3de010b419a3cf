//! Reading a table's bytes within bounds, line numbers that are right for every line ending,
//! and values made safe to show in a message.

use crate::error::Problem;
use std::path::Path;

/// The table's bytes: only a regular file, within the CSV cap every input has (64 MiB unless
/// `--max-input-mib` raises it), read by the same bounded reader as every other input.
pub(super) fn read_bounded(path: &Path) -> Result<Vec<u8>, Problem> {
    crate::io::read_bounded(path, crate::io::InputKind::Csv, "an SSDA903 table as CSV")
}

/// Line numbers from byte offsets, right for LF, CRLF and CR-only files (the csv crate's own
/// line count is one short after a CRLF header).
pub(super) struct LineIndex {
    /// Offsets where a line starts (after each line ending).
    starts: Vec<usize>,
    /// Whether each byte is a line ending (`\r` or `\n`).
    is_ending: Vec<bool>,
}

impl LineIndex {
    pub(super) fn new(bytes: &[u8]) -> LineIndex {
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex {
            starts,
            is_ending: bytes.iter().map(|&b| b == b'\r' || b == b'\n').collect(),
        }
    }

    /// The 1-based line of the record that starts at `offset` (line endings skipped).
    pub(super) fn line_at(&self, offset: u64) -> u64 {
        let len = self.is_ending.len();
        let mut at = usize::try_from(offset).unwrap_or(usize::MAX).min(len);
        while at < len && self.is_ending[at] {
            at += 1;
        }
        self.starts.partition_point(|&s| s <= at) as u64
    }
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
    fn lines_are_right_for_every_line_ending() {
        for text in ["a\nb\nc\n", "a\r\nb\r\nc\r\n", "a\rb\rc\r"] {
            let index = LineIndex::new(text.as_bytes());
            let c = text.find('c').expect("c") as u64;
            let b = text.find('b').expect("b") as u64;
            assert_eq!(
                (index.line_at(0), index.line_at(b), index.line_at(c)),
                (1, 2, 3),
                "{text:?}"
            );
            // An offset pointing at the previous line's ending still names the record's line.
            assert_eq!(index.line_at(b - 1), 2, "{text:?}");
        }
    }

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
