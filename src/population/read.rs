//! Reading an SSDA903 return from a directory of CSV tables, one or several collection years:
//! every file whose name contains `header`, `episodes` or `uasc` (case-insensitive). Rows are
//! checked against the DfE's columns and code lists; every problem is collected before
//! anything runs. Extra columns (councils' extracts carry some) are warnings.

use super::bounded::{read_bounded, safe_text};
use super::codes;
use super::date::Date;
use super::fields::RowCheck;
use crate::error::{Code, Problem, ValidationReport};
use crate::io::LineIndex;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Most files considered in the directory: a return is a handful of tables per year.
pub const MAX_FILES: usize = 500;

/// Which table a file holds, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// A header table: one row per child (CHILD, SEX, DOB, ...).
    Header,
    /// An episodes table: one row per episode of care.
    Episodes,
    /// A uasc table: unaccompanied asylum-seeking children.
    Uasc,
}

impl TableKind {
    fn of_name(name: &str) -> Option<TableKind> {
        let lower = name.to_ascii_lowercase();
        if lower.contains("episodes") {
            Some(TableKind::Episodes)
        } else if lower.contains("header") {
            Some(TableKind::Header)
        } else if lower.contains("uasc") {
            Some(TableKind::Uasc)
        } else {
            None
        }
    }

    fn columns(self) -> &'static [&'static str] {
        match self {
            TableKind::Header => &["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
            TableKind::Episodes => &[
                "CHILD",
                "DECOM",
                "RNE",
                "LS",
                "CIN",
                "PLACE",
                "PLACE_PROVIDER",
                "DEC",
                "REC",
                "REASON_PLACE_CHANGE",
                "HOME_POST",
                "PL_POST",
                "URN",
            ],
            TableKind::Uasc => &["CHILD", "SEX", "DOB", "DUC"],
        }
    }
}

/// Sex as the return codes it (1/2, also M/F).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sex {
    /// SEX 1 (or M).
    Male,
    /// SEX 2 (or F).
    Female,
}

impl Sex {
    pub(super) fn parse(text: &str) -> Option<Sex> {
        match text.trim().to_ascii_uppercase().as_str() {
            "1" | "M" => Some(Sex::Male),
            "2" | "F" => Some(Sex::Female),
            _ => None,
        }
    }

    /// `m` or `f`, as population.csv writes it.
    pub fn code(self) -> &'static str {
        match self {
            Sex::Male => "m",
            Sex::Female => "f",
        }
    }
}

/// A child's header row (the latest year's, where several years carry the child).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildRecord {
    /// CHILD: the pseudonymous id.
    pub id: String,
    /// SEX.
    pub sex: Sex,
    /// DOB: the date of birth.
    pub dob: Date,
}

/// One episode row as read (validated values, not yet cleaned).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpisodeRow {
    /// CHILD.
    pub child: String,
    /// DECOM: the day the episode began.
    pub start: Date,
    /// DEC: the day it ended; `None` while open.
    pub end: Option<Date>,
    /// RNE: the reason for the new episode.
    pub rne: String,
    /// LS: the legal status.
    pub legal_status: String,
    /// PLACE: the placement type.
    pub place: String,
    /// PLACE_PROVIDER (blank where the DfE allows).
    pub provider: String,
    /// REC: the reason the episode ceased (blank while open).
    pub reason_ceased: String,
    /// HOME_POST: the postcode the child came from.
    pub home_post: String,
    /// PL_POST: the placement's postcode.
    pub placement_post: String,
    /// Order of the file among the return's files (sorted by name: later years sort later).
    pub file_order: usize,
    /// 1-based line in its file.
    pub line: u64,
}

/// The return as read: children, their episodes, and what was noticed but not fatal.
#[derive(Debug, Clone, Default)]
pub struct ReturnRows {
    /// Every child with a header row, by CHILD.
    pub children: HashMap<String, ChildRecord>,
    /// Every valid episode row, in file order.
    pub episodes: Vec<EpisodeRow>,
    /// Unaccompanied asylum-seeking children (ids in the uasc tables).
    pub uasc: Vec<String>,
    /// Files read, in order.
    pub files: Vec<PathBuf>,
    /// Notes that do not stop the run (extra columns ignored, header rows that disagree).
    pub warnings: Vec<String>,
}

pub(super) fn problem(
    code: Code,
    file: &str,
    line: Option<u64>,
    column: Option<&str>,
    value: Option<&str>,
    expected: String,
) -> Problem {
    Problem {
        code,
        file: file.to_string(),
        line,
        column: column.map(str::to_string),
        value: value.map(str::to_string),
        expected,
    }
}

/// Read every table of the return in `dir`. Every problem in every file is collected.
pub fn read_return(dir: &Path) -> Result<ReturnRows, ValidationReport> {
    let shown = dir.display().to_string();
    let mut problems = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(Problem::unreadable(
                shown,
                "a directory holding the SSDA903 tables",
                &e,
            ));
            return Err(ValidationReport { problems });
        }
    };
    let mut files: Vec<(String, PathBuf, TableKind)> = Vec::new();
    for entry in entries.flatten().take(MAX_FILES * 4) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(kind) = TableKind::of_name(&name) {
            files.push((name, entry.path(), kind));
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    if files.len() > MAX_FILES {
        problems.push(problem(
            Code::Ssda903Layout,
            &shown,
            None,
            None,
            Some(&files.len().to_string()),
            format!("at most {MAX_FILES} tables in one return directory"),
        ));
        return Err(ValidationReport { problems });
    }
    let has = |k| files.iter().any(|f| f.2 == k);
    if !has(TableKind::Header) || !has(TableKind::Episodes) {
        problems.push(problem(
            Code::Ssda903Layout,
            &shown,
            None,
            None,
            None,
            "a directory with at least one file whose name contains 'header' and one whose \
             name contains 'episodes' (e.g. header.csv, 2024_episodes.csv): put the return's \
             tables there as CSV"
                .to_string(),
        ));
        return Err(ValidationReport { problems });
    }
    let mut rows = ReturnRows::default();
    for (order, (_, path, kind)) in files.iter().enumerate() {
        rows.files.push(path.clone());
        read_table(path, *kind, order, &mut rows, &mut problems);
    }
    // Every episode needs its child's header row (the date of birth gives the age).
    for e in &rows.episodes {
        if !rows.children.contains_key(&e.child) {
            let file = rows.files[e.file_order].display().to_string();
            problems.push(problem(
                Code::Ssda903NoHeader,
                &file,
                Some(e.line),
                Some("CHILD"),
                Some(&e.child),
                "a child with a row in a header table (for the date of birth)".to_string(),
            ));
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(ValidationReport { problems })
    }
}

fn read_table(
    path: &Path,
    kind: TableKind,
    order: usize,
    rows: &mut ReturnRows,
    problems: &mut Vec<Problem>,
) {
    let file = path.display().to_string();
    let bytes = match read_bounded(path) {
        Ok(b) => b,
        Err(p) => {
            problems.push(p);
            return;
        }
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let lines = LineIndex::new(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(bytes);
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_ascii_uppercase()).collect(),
        Err(e) => {
            problems.push(problem(
                Code::NotUtf8,
                &file,
                Some(1),
                None,
                None,
                format!("a header row of UTF-8 text ({e})"),
            ));
            return;
        }
    };
    let mut index: HashMap<&'static str, usize> = HashMap::new();
    for &column in kind.columns() {
        if let Some(i) = header.iter().position(|h| h == column) {
            index.insert(column, i);
        }
    }
    let required: &[&str] = match kind {
        TableKind::Header => &["CHILD", "SEX", "DOB"],
        TableKind::Episodes => &[
            "CHILD",
            "DECOM",
            "RNE",
            "LS",
            "CIN",
            "PLACE",
            "PLACE_PROVIDER",
            "DEC",
            "REC",
            "HOME_POST",
            "PL_POST",
        ],
        TableKind::Uasc => &["CHILD", "SEX", "DOB"],
    };
    let mut missing = false;
    for &column in required {
        if !index.contains_key(column) {
            missing = true;
            problems.push(problem(
                Code::MissingColumn,
                &file,
                Some(1),
                Some(column),
                None,
                format!(
                    "a column '{column}' in this {} table, as the DfE specifies: add it",
                    match kind {
                        TableKind::Header => "header",
                        TableKind::Episodes => "episodes",
                        TableKind::Uasc => "uasc",
                    }
                ),
            ));
        }
    }
    for h in &header {
        if !h.is_empty() && !kind.columns().contains(&h.as_str()) {
            rows.warnings.push(format!(
                "{file}: column '{}' is not in the return and was ignored",
                safe_text(h)
            ));
        }
    }
    if missing {
        return;
    }
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| lines.line(p.byte()));
                problems.push(problem(
                    Code::NotUtf8,
                    &file,
                    line,
                    None,
                    None,
                    "rows of UTF-8 text".to_string(),
                ));
                if problems.len() > 1000 {
                    return;
                }
                continue;
            }
        };
        let line = record.position().map_or(0, |p| lines.line(p.byte()));
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let get = |c: &str| -> &str {
            index
                .get(c)
                .and_then(|&i| record.get(i))
                .map_or("", str::trim)
        };
        let mut row = RowCheck {
            file: &file,
            line,
            problems,
        };
        match kind {
            TableKind::Header | TableKind::Uasc => {
                let child = row.id(get("CHILD"));
                let sex = row.sex(get("SEX"));
                let dob = row.date("DOB", get("DOB"), true);
                if kind == TableKind::Uasc {
                    row.date("DUC", get("DUC"), false);
                }
                if let (Some(id), Some(sex), Some(Some(dob))) = (child, sex, dob) {
                    if kind == TableKind::Uasc {
                        rows.uasc.push(id);
                    } else {
                        let record = ChildRecord {
                            id: id.clone(),
                            sex,
                            dob,
                        };
                        if let Some(old) = rows.children.insert(id, record.clone())
                            && old != record
                        {
                            rows.warnings.push(format!(
                                "{file}:{line}: child {}'s header differs from an earlier year's; the later is used",
                                record.id
                            ));
                        }
                    }
                }
            }
            TableKind::Episodes => {
                let child = row.id(get("CHILD"));
                let start = row.date("DECOM", get("DECOM"), true);
                let end = row.date("DEC", get("DEC"), false);
                let rne = row.code("RNE", get("RNE"), codes::RNE, true);
                let ls = row.code("LS", get("LS"), codes::LS, true);
                row.code("CIN", get("CIN"), codes::CIN, true);
                let place = row.code("PLACE", get("PLACE"), codes::PLACE, true);
                let provider = row.code(
                    "PLACE_PROVIDER",
                    get("PLACE_PROVIDER"),
                    codes::PLACE_PROVIDER,
                    false,
                );
                let rec = row.code("REC", get("REC"), codes::REC, false);
                row.code(
                    "REASON_PLACE_CHANGE",
                    get("REASON_PLACE_CHANGE"),
                    codes::REASON_PLACE_CHANGE,
                    false,
                );
                if let (Some(Some(s)), Some(Some(e))) = (start, end)
                    && e < s
                {
                    row.problems.push(problem(
                        Code::Ssda903EndsBeforeStart,
                        &file,
                        Some(line),
                        Some("DEC"),
                        Some(get("DEC")),
                        format!("a date on or after DECOM ({s}): correct the episode's dates"),
                    ));
                    continue;
                }
                if let (
                    Some(child),
                    Some(Some(start)),
                    Some(end),
                    Some(rne),
                    Some(ls),
                    Some(place),
                    Some(provider),
                    Some(rec),
                ) = (child, start, end, rne, ls, place, provider, rec)
                {
                    rows.episodes.push(EpisodeRow {
                        child,
                        start,
                        end,
                        rne,
                        legal_status: ls,
                        place,
                        provider,
                        reason_ceased: rec,
                        home_post: get("HOME_POST").to_string(),
                        placement_post: get("PL_POST").to_string(),
                        file_order: order,
                        line,
                    });
                }
            }
        }
        if problems.len() > 1000 {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_say_which_table() {
        assert_eq!(
            TableKind::of_name("2024_Episodes.csv"),
            Some(TableKind::Episodes)
        );
        assert_eq!(TableKind::of_name("HEADER.csv"), Some(TableKind::Header));
        assert_eq!(TableKind::of_name("uasc_2023.csv"), Some(TableKind::Uasc));
        assert_eq!(TableKind::of_name("notes.csv"), None);
    }
}
