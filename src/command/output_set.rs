//! What each command writes: the names of its output set, and the set itself (file name and
//! bytes) as one value, so that callers never keep lists of file names of their own.

use super::OutputError;

/// The files one command writes into its `--out` directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SetKind {
    /// The command, for messages (`match`, `options`, ...).
    pub command: &'static str,
    /// Fixed file names, in the order messages list them.
    pub names: &'static [&'static str],
    /// File-name patterns (prefix, suffix) of files there may be one per record of, such as
    /// the per-child sheets `child-{id}.html`.
    pub patterns: &'static [(&'static str, &'static str)],
    /// Whether "Wrote ..." names the files (`false`: it gives their number).
    pub lists_names: bool,
}

/// `match --out`.
pub const MATCH: SetKind = SetKind {
    command: "match",
    names: &["matches.csv", "pairs.csv", "unplaced.csv", "summary.json"],
    patterns: &[],
    lists_names: true,
};

/// `options --out` (and, with `--html`, a sheet per child and the managers' page).
pub const OPTIONS: SetKind = SetKind {
    command: "options",
    names: &[
        "options.csv",
        "options.json",
        "choice_summary.json",
        "managers.html",
    ],
    patterns: &[("child-", ".html")],
    lists_names: false,
};

/// `report match --out`.
pub const REPORT_MATCH: SetKind = SetKind {
    command: "report match",
    names: &["match-report.html", "summary.json"],
    patterns: &[],
    lists_names: true,
};

/// `report scenario --out`.
pub const REPORT_SCENARIO: SetKind = SetKind {
    command: "report scenario",
    names: &[
        "dashboard.html",
        "summary.csv",
        "summary.json",
        "gap.csv",
        "weekly.csv",
    ],
    patterns: &[],
    lists_names: true,
};

/// `scenario run|compare|sweep --out`.
pub const SCENARIO: SetKind = SetKind {
    command: "scenario",
    names: &["summary.csv", "summary.json", "gap.csv", "weekly.csv"],
    patterns: &[],
    lists_names: true,
};

/// `generate --out`.
pub const GENERATE: SetKind = SetKind {
    command: "generate",
    names: &["children.csv", "homes.csv", "residents.csv"],
    patterns: &[],
    lists_names: true,
};

/// `population --out`.
pub const POPULATION: SetKind = SetKind {
    command: "population",
    names: &["population.csv", "population.json"],
    patterns: &[],
    lists_names: true,
};

/// `forecast --out`.
pub const FORECAST: SetKind = SetKind {
    command: "forecast",
    names: &["forecast.csv", "rates.csv"],
    patterns: &[],
    lists_names: true,
};

/// `backtest --out`.
pub const BACKTEST: SetKind = SetKind {
    command: "backtest",
    names: &["backtest.csv"],
    patterns: &[],
    lists_names: true,
};

/// `generate --ssda903 --out`: a header, episodes and uasc table per collection year.
pub const GENERATE_SSDA903: SetKind = SetKind {
    command: "generate --ssda903",
    names: &[],
    patterns: &[
        ("", "_header.csv"),
        ("", "_episodes.csv"),
        ("", "_uasc.csv"),
    ],
    lists_names: false,
};

/// Longest file name a set may hold (well inside every file system's 255 bytes, with room
/// for the temporary directory's name beside it).
pub const MAX_NAME_LEN: usize = 100;

impl SetKind {
    /// Whether `name` is one of this set's files (a fixed name or a pattern's).
    pub fn owns(&self, name: &str) -> bool {
        self.names.contains(&name)
            || self.patterns.iter().any(|(prefix, suffix)| {
                name.len() > prefix.len() + suffix.len()
                    && name.starts_with(prefix)
                    && name.ends_with(suffix)
            })
    }

    /// "Wrote matches.csv, pairs.csv, unplaced.csv and summary.json to out" (or "Wrote 7
    /// files to out").
    pub fn wrote_message(&self, files: usize, dir: &std::path::Path) -> String {
        if self.lists_names {
            format!("Wrote {} to {}", and_list(self.names), dir.display())
        } else {
            format!("Wrote {files} files to {}", dir.display())
        }
    }
}

/// `a, b and c`.
pub(crate) fn and_list(items: &[impl AsRef<str>]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => format!(
            "{} and {}",
            rest.iter()
                .map(|s| s.as_ref())
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

/// A file name that is one plain component inside `--out`: letters, digits, `-`, `_` and
/// `.` (not first), at most [`MAX_NAME_LEN`] bytes. Anything else (a `/`, `..`, a NUL, a
/// control character) could name a file outside `--out` or one a shell would mangle.
pub fn check_file_name(name: &str) -> Result<(), OutputError> {
    let ok = !name.is_empty()
        && name.len() <= MAX_NAME_LEN
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(OutputError::BadName {
            name: crate::report::escape::terminal_safe(
                &name.chars().take(MAX_NAME_LEN).collect::<String>(),
                crate::report::escape::Spelling::Rust,
            )
            .into_owned(),
        })
    }
}

/// One command's output files, complete, ready to be written as one set.
#[derive(Debug, Clone)]
pub struct OutputSet {
    kind: SetKind,
    files: Vec<(String, Vec<u8>)>,
}

impl OutputSet {
    /// An empty set of the given kind (which decides the file names it may hold).
    pub fn new(kind: SetKind) -> Self {
        OutputSet {
            kind,
            files: Vec::new(),
        }
    }

    /// Add a file; its name must be one of the set's and a plain name (see
    /// [`check_file_name`]), and not already in the set.
    pub fn add(&mut self, name: impl Into<String>, bytes: Vec<u8>) -> Result<(), OutputError> {
        let name = name.into();
        check_file_name(&name)?;
        if !self.kind.owns(&name) || self.get(&name).is_some() {
            return Err(OutputError::BadName { name });
        }
        self.files.push((name, bytes));
        Ok(())
    }

    /// The kind of set: which command's files these are.
    pub fn kind(&self) -> SetKind {
        self.kind
    }

    /// The files, in the order they were added.
    pub fn files(&self) -> &[(String, Vec<u8>)] {
        &self.files
    }

    /// One file's bytes.
    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.as_slice())
    }

    /// One file's text (lossy: the files are UTF-8 as written).
    pub fn text(&self, name: &str) -> String {
        self.get(name)
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_could_leave_out_are_refused() {
        for bad in [
            "",
            "../x.csv",
            "a/b",
            ".hidden",
            "x\0y",
            "x\u{1b}y",
            "\u{202e}lmth.exe",
            &"a".repeat(MAX_NAME_LEN + 1),
        ] {
            assert!(check_file_name(bad).is_err(), "{bad:?}");
        }
        assert!(check_file_name("child-C0001.html").is_ok());
    }

    #[test]
    fn a_set_holds_only_its_own_files_once() {
        let mut set = OutputSet::new(OPTIONS);
        set.add("options.csv", b"x".to_vec()).expect("own");
        set.add("child-C1.html", Vec::new()).expect("pattern");
        assert!(set.add("options.csv", Vec::new()).is_err(), "twice");
        assert!(
            set.add("matches.csv", Vec::new()).is_err(),
            "not this set's"
        );
        assert!(set.add("child-.html", Vec::new()).is_err(), "empty id");
        assert!(set.add("child-../../x.html", Vec::new()).is_err());
        assert_eq!(set.text("options.csv"), "x");
        assert!(OPTIONS.owns("child-C0001.html") && !MATCH.owns("child-C0001.html"));
        assert_eq!(
            MATCH.wrote_message(4, std::path::Path::new("out")),
            "Wrote matches.csv, pairs.csv, unplaced.csv and summary.json to out"
        );
    }
}
