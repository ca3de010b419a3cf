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
    /// E007: the file has no header row (it is empty, or its first row is data).
    EmptyFile,
    /// E008: the path is not a regular file (a directory, a FIFO, a device).
    NotRegularFile,
    /// E009: the file is larger than the input size cap.
    FileTooLarge,
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
    /// E023: an id (child_id, home_id, sibling_group, ...) with characters or a length that
    /// is not allowed: ids become file names and cells in other systems.
    InvalidId,
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
    /// residents.csv names a home that homes.csv does not have.
    ResidentHomeUnknown,
    /// homes.csv's `connected_child` names a child that children.csv does not have.
    ConnectedChildUnknown,
    /// children.csv's `decided_home` names a home that homes.csv does not have.
    DecidedHomeUnknown,
    /// A `[household]` key that is not a need tag.
    HouseholdTag,
    /// `[council] code` is not a known council's ONS code.
    UnknownCouncil,
    /// E070: a scenario's `[population]` return has no children in care on the start date.
    PopulationStart,
    /// E075: a scenario names an area that is not a district, a postcode district or a
    /// district group.
    UnknownArea,
}

impl Code {
    /// Every code the program can emit, in code order (docs/errors.md is checked against it).
    pub const ALL: &'static [Code] = &[
        Code::FileUnreadable,
        Code::NotUtf8,
        Code::FieldCount,
        Code::MissingColumn,
        Code::UnknownColumn,
        Code::DuplicateColumn,
        Code::EmptyFile,
        Code::NotRegularFile,
        Code::FileTooLarge,
        Code::MissingValue,
        Code::WrongType,
        Code::OutOfRange,
        Code::UnknownValue,
        Code::UnknownNeedTag,
        Code::UnknownPostcode,
        Code::OutsideUk,
        Code::MissingLocation,
        Code::AgeRangeInverted,
        Code::SchoolIncomplete,
        Code::DuplicateId,
        Code::SiblingPlanMismatch,
        Code::SiblingGroupTooLarge,
        Code::InvalidId,
        Code::PolicySyntax,
        Code::PolicyValue,
        Code::Ssda903Layout,
        Code::Ssda903NoHeader,
        Code::Ssda903EndsBeforeStart,
        Code::ResidentHomeUnknown,
        Code::ConnectedChildUnknown,
        Code::DecidedHomeUnknown,
        Code::HouseholdTag,
        Code::UnknownCouncil,
        Code::PopulationStart,
        Code::UnknownArea,
    ];

    /// The stable code, such as `E012`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::FileUnreadable => "E001",
            Code::NotUtf8 => "E002",
            Code::FieldCount => "E003",
            Code::MissingColumn => "E004",
            Code::UnknownColumn => "E005",
            Code::DuplicateColumn => "E006",
            Code::EmptyFile => "E007",
            Code::NotRegularFile => "E008",
            Code::FileTooLarge => "E009",
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
            Code::InvalidId => "E023",
            Code::PolicySyntax => "E030",
            Code::PolicyValue => "E031",
            Code::Ssda903Layout => "E040",
            Code::Ssda903NoHeader => "E041",
            Code::Ssda903EndsBeforeStart => "E042",
            Code::ResidentHomeUnknown => "E050",
            Code::ConnectedChildUnknown => "E051",
            Code::DecidedHomeUnknown => "E052",
            Code::HouseholdTag => "E053",
            Code::UnknownCouncil => "E054",
            Code::PopulationStart => "E070",
            Code::UnknownArea => "E075",
        }
    }

    /// What to do about a problem with this code, in words for the person who keeps the file.
    pub fn action(self) -> &'static str {
        match self {
            Code::FileUnreadable => {
                "check the path and the file's permissions, or name another file on the command line"
            }
            Code::NotRegularFile => "name an ordinary file (not a directory, pipe or device)",
            Code::FileTooLarge => {
                "split the file, or raise the cap with --max-input-mib if the file is genuine"
            }
            Code::NotUtf8 => "save the file as CSV UTF-8 (in Excel: Save As, CSV UTF-8)",
            Code::FieldCount => {
                "give the row one field per header column; quote any value holding a comma"
            }
            Code::MissingColumn => "add the column to the header row (see docs/data-format.md)",
            Code::UnknownColumn => "rename the column to one in docs/data-format.md, or remove it",
            Code::DuplicateColumn => "keep one of the two columns and remove the other",
            Code::EmptyFile => {
                "put the header row (the column names, see docs/data-format.md) first in the file"
            }
            Code::MissingValue => "fill in the value",
            Code::WrongType | Code::OutOfRange | Code::UnknownValue => {
                "correct the value to one that is expected"
            }
            Code::UnknownNeedTag => "use a need tag from docs/data-format.md",
            Code::UnknownPostcode => "correct the postcode district, or give lat and lon instead",
            Code::OutsideUk => "correct the latitude and longitude (decimal degrees, WGS84)",
            Code::MissingLocation => "give a postcode district, or both latitude and longitude",
            Code::AgeRangeInverted => "swap age_min and age_max, or correct one of them",
            Code::SchoolIncomplete => {
                "give both the school's location and the school year, or neither"
            }
            Code::DuplicateId => "give each record its own id, or remove the repeated record",
            Code::SiblingPlanMismatch => {
                "record the same sibling_plan for every child in the sibling group"
            }
            Code::SiblingGroupTooLarge => {
                "add a home that can take the group together, or record an assessed plan (apart_assessed)"
            }
            Code::InvalidId => {
                "use only letters, digits, '-', '_' and '.' (not first), at most 64 characters"
            }
            Code::PolicySyntax => "correct the key or the value's type (see the documented keys)",
            Code::Ssda903Layout => {
                "put the return's tables in the directory as CSV, with 'header' and 'episodes' in their names"
            }
            Code::Ssda903NoHeader => {
                "add the child's row to a header table, or correct the CHILD id in the episode"
            }
            Code::Ssda903EndsBeforeStart => {
                "correct DECOM or DEC so that the episode ends on or after the day it began"
            }
            Code::PolicyValue => "set the value within the range given",
            Code::ResidentHomeUnknown => {
                "correct the home_id to a home in homes.csv, or remove the resident's row"
            }
            Code::ConnectedChildUnknown => {
                "correct connected_child to a child in children.csv, or leave it blank"
            }
            Code::DecidedHomeUnknown => {
                "correct decided_home to a home in homes.csv, or leave it blank"
            }
            Code::HouseholdTag => "use a need tag from docs/data-format.md as the key",
            Code::UnknownCouncil => {
                "give the ONS code of the council responsible (see data/reference/council_areas.csv)"
            }
            Code::PopulationStart => {
                "give a start date within the return's years (default: its latest date), or name another return"
            }
            Code::UnknownArea => {
                "spell the area as in data/reference/lancashire_districts.csv, give a postcode district, or use a group from data/reference/district_groups.csv"
            }
        }
    }
}

/// One thing wrong with the input, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The stable code of the problem (see docs/errors.md).
    pub code: Code,
    /// The file as the user named it.
    pub file: String,
    /// 1-based line in the file, when the problem is on a line.
    pub line: Option<u64>,
    /// The column (CSV) or key (TOML) holding the bad value, when there is one.
    pub column: Option<String>,
    /// The bad value as read (escaped and cut when shown).
    pub value: Option<String>,
    /// What was expected, in words.
    pub expected: String,
}

impl Problem {
    /// What to do about this problem (from its code), beside what was expected.
    pub fn action(&self) -> &'static str {
        self.code.action()
    }

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
        write!(
            f,
            "error[{}] {}",
            self.code.as_str(),
            printable(&self.file, 200)
        )?;
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
            write!(f, " {word} '{}':", printable(column, MAX_VALUE_CHARS))?;
        }
        if let Some(value) = &self.value {
            write!(f, " value '{}':", printable(value, MAX_VALUE_CHARS))?;
        }
        write!(f, " expected {}", printable(&self.expected, 2000))
    }
}

/// Values longer than this many characters are cut in messages.
pub const MAX_VALUE_CHARS: usize = 60;

/// Text from an input made safe to show: control characters (ESC, NUL, CR, ...) and
/// invisible direction marks (RLO and friends) are written as `\u{..}` escapes so that they
/// can neither drive a terminal nor reorder a line, and anything past `max` characters is cut
/// (a pasted paragraph or a binary blob must not flood the screen).
pub fn printable(text: &str, max: usize) -> String {
    let mut out = String::new();
    for (n, c) in text.chars().enumerate() {
        if n == max {
            out.push_str("...");
            break;
        }
        if c.is_control() || is_direction_mark(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Unicode bidirectional controls and marks: invisible, and able to reorder what is shown.
fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Every problem found in the inputs, in file then line order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationReport {
    /// Every problem, in file then line order.
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
    /// The inputs have problems: every one of them, located.
    #[error("{0}")]
    Invalid(ValidationReport),
    /// A file could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why the system refused.
        #[source]
        source: std::io::Error,
    },
    /// An output could not be produced (formatted, rendered or written), with the file it was for.
    #[error("cannot produce {}: {source}", path.display())]
    Output {
        /// The file the output was for.
        path: PathBuf,
        /// What went wrong in producing it.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The solver could not finish: what happened and what to change.
    #[error("{0}")]
    Solver(String),
    /// A command line or request that cannot be carried out: what was wrong.
    #[error("{0}")]
    Usage(String),
}

impl From<ValidationReport> for Error {
    fn from(report: ValidationReport) -> Self {
        Error::Invalid(report)
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
