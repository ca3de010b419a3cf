//! Typed errors. Validation problems are collected (never just the first) and each carries a
//! stable code listed in `docs/errors.md`.

use std::fmt;
use std::path::PathBuf;

/// Stable problem codes. Never renumber: other tools and people's notes refer to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Code {
    /// E001: the file cannot be opened or read.
    FileUnreadable,
    /// E002: a field is not valid UTF-8 text.
    NotUtf8,
    /// E003: a row has a different number of fields from the header.
    FieldCount,
    /// E004: a required column is missing from the header.
    MissingColumn,
    /// E005: a column the program does not know.
    UnknownColumn,
    /// E006: the same column twice.
    DuplicateColumn,
    /// E007: the file has no header row.
    EmptyFile,
    /// E010: a required value is blank.
    MissingValue,
    /// E011: a value is not of the expected type (number, true/false, ...).
    WrongType,
    /// E012: a number outside its allowed range.
    OutOfRange,
    /// E013: a value not among the allowed codes.
    UnknownValue,
    /// E014: a need tag not in the vocabulary.
    UnknownNeedTag,
    /// E015: a postcode district not in the ONS directory.
    UnknownPostcode,
    /// E016: a latitude/longitude outside the UK.
    OutsideUk,
    /// E017: a location is missing or half-given.
    MissingLocation,
    /// E018: age_min above age_max.
    AgeRangeInverted,
    /// E019: school year without a school location, or the other way round.
    SchoolIncomplete,
    /// E020: an id used twice.
    DuplicateId,
    /// E021: brothers and sisters with different sibling_plan.
    SiblingPlanMismatch,
    /// E022: a together sibling group larger than every home's max_sibling_group.
    SiblingGroupTooLarge,
    /// E030: policy.toml is not valid TOML or has an unknown key or wrong type.
    PolicySyntax,
    /// E031: a policy value out of range.
    PolicyValue,
    /// E040: an SSDA903 directory without its header or episodes table.
    Ssda903Layout,
    /// E041: an SSDA903 episode for a child with no header row.
    Ssda903NoHeader,
    /// E042: an SSDA903 episode that ends before it starts.
    Ssda903EndsBeforeStart,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::FileUnreadable => "E001",
            Code::NotUtf8 => "E002",
            Code::FieldCount => "E003",
            Code::MissingColumn => "E004",
            Code::UnknownColumn => "E005",
            Code::DuplicateColumn => "E006",
            Code::EmptyFile => "E007",
            Code::MissingValue => "E010",
            Code::WrongType => "E011",
            Code::OutOfRange => "E012",
            Code::UnknownValue => "E013",
            Code::UnknownNeedTag => "E014",
            Code::UnknownPostcode => "E015",
            Code::OutsideUk => "E016",
            Code::MissingLocation => "E017",
            Code::AgeRangeInverted => "E018",
            Code::SchoolIncomplete => "E019",
            Code::DuplicateId => "E020",
            Code::SiblingPlanMismatch => "E021",
            Code::SiblingGroupTooLarge => "E022",
            Code::PolicySyntax => "E030",
            Code::PolicyValue => "E031",
            Code::Ssda903Layout => "E040",
            Code::Ssda903NoHeader => "E041",
            Code::Ssda903EndsBeforeStart => "E042",
        }
    }
}

/// One thing wrong with the input, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub code: Code,
    /// The file as the user named it.
    pub file: String,
    /// 1-based line in the file, when the problem is on a line.
    pub line: Option<u64>,
    pub column: Option<String>,
    pub value: Option<String>,
    /// What was expected, in words.
    pub expected: String,
}

impl Problem {
    /// A file that cannot be opened or read: `what` says what kind of file was expected.
    pub fn unreadable(file: impl Into<String>, what: &str, error: &std::io::Error) -> Problem {
        Problem {
            code: Code::FileUnreadable,
            file: file.into(),
            line: None,
            column: None,
            value: None,
            expected: format!("{what} ({error})"),
        }
    }
}

impl fmt::Display for Problem {
    /// `error[E012] children.csv:4: column 'age': value '27': expected a whole number 0-25`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error[{}] {}", self.code.as_str(), self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ":")?;
        if let Some(column) = &self.column {
            // A TOML file has keys where a CSV file has columns.
            let word = if self.file.ends_with(".toml") {
                "key"
            } else {
                "column"
            };
            write!(f, " {word} '{column}':")?;
        }
        if let Some(value) = &self.value {
            write!(f, " value '{}':", shorten(value))?;
        }
        write!(f, " expected {}", self.expected)
    }
}

/// Keep very long values (a pasted paragraph, a binary blob) from flooding the terminal.
fn shorten(value: &str) -> String {
    const MAX: usize = 60;
    if value.chars().count() <= MAX {
        value.to_string()
    } else {
        let head: String = value.chars().take(MAX).collect();
        format!("{head}...")
    }
}

/// Every problem found in the inputs, in file then line order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationReport {
    pub problems: Vec<Problem>,
}

impl fmt::Display for ValidationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in &self.problems {
            writeln!(f, "{problem}")?;
        }
        write!(
            f,
            "{} problem{} found; nothing was matched or written",
            self.problems.len(),
            if self.problems.len() == 1 { "" } else { "s" }
        )
    }
}

/// The library's error type.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Invalid(ValidationReport),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Solver(String),
    #[error("{0}")]
    Usage(String),
}

impl From<ValidationReport> for Error {
    fn from(report: ValidationReport) -> Self {
        Error::Invalid(report)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
