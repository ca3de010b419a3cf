//! Raw CSV rows as read: strings with their line numbers, the header checked against the
//! contract. No interpretation of values happens here.

use crate::error::{Code, Problem};
use std::collections::HashMap;
use std::path::Path;

/// A column of the input contract.
pub struct ColumnSpec {
    /// The column's name in the header row.
    pub name: &'static str,
    /// Must be present in the header (its values may still be blank where the field allows).
    pub required: bool,
}

/// A CSV file read into memory.
pub struct Table {
    /// The file as the user named it, for messages.
    pub file: String,
    index: HashMap<&'static str, usize>,
    pub rows: Vec<Row>,
}

/// One record: its 1-based line in the file and its fields, trimmed.
pub struct Row {
    pub line: u64,
    pub fields: Vec<String>,
}

impl Table {
    /// The value of `column` in `row`, or "" when the column is absent (optional columns).
    pub fn get<'a>(&self, row: &'a Row, column: &str) -> &'a str {
        self.index
            .get(column)
            .and_then(|&i| row.fields.get(i))
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// Read `path` and check its header against `columns`. Problems are pushed to `problems`;
/// `None` when nothing useful can be read (missing file, no header, missing columns).
pub fn read_table(
    path: &Path,
    columns: &[ColumnSpec],
    problems: &mut Vec<Problem>,
) -> Option<Table> {
    let file = path.display().to_string();
    match super::read::read_bounded(path, super::read::InputKind::Csv, "a readable file") {
        Ok(bytes) => parse_table(&bytes, &file, columns, problems),
        Err(problem) => {
            problems.push(problem);
            None
        }
    }
}

/// Where each line of a text starts, so that a record's byte offset gives its line number
/// whatever the line ends: LF (Unix), CRLF (Windows, the usual spreadsheet export) or a lone
/// CR (old Mac exports) each end one line.
pub(crate) struct LineIndex<'a> {
    bytes: &'a [u8],
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 2;
                    continue;
                }
                b'\r' | b'\n' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex { bytes, starts }
    }

    /// The 1-based line of the record starting at byte `offset`. The CSV reader ends a
    /// record at the CR of a CRLF and counts the LF as the next record's start, so line-end
    /// bytes at `offset` are stepped over first.
    pub(crate) fn line(&self, offset: u64) -> u64 {
        let mut offset = usize::try_from(offset).unwrap_or(usize::MAX);
        while matches!(self.bytes.get(offset), Some(b'\r' | b'\n')) {
            offset += 1;
        }
        self.starts.partition_point(|&s| s <= offset) as u64
    }
}

/// As [`read_table`], from bytes already in memory; `file` names them in messages.
pub fn parse_table(
    bytes: &[u8],
    file: &str,
    columns: &[ColumnSpec],
    problems: &mut Vec<Problem>,
) -> Option<Table> {
    let file = file.to_string();
    let problem =
        |code, line, column: Option<&str>, value: Option<&str>, expected: String| Problem {
            code,
            file: file.clone(),
            line,
            column: column.map(str::to_string),
            value: value.map(str::to_string),
            expected,
        };
    // Spreadsheets save a byte-order mark at the start; it is not part of the first column name.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let lines = LineIndex::new(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes);

    let mut records = reader.byte_records();
    let header = loop {
        match records.next() {
            None => {
                let expected = format!("a header row naming the columns: {}", names(columns));
                problems.push(problem(Code::EmptyFile, None, None, None, expected));
                return None;
            }
            Some(Err(e)) => {
                problems.push(problem(
                    Code::FieldCount,
                    None,
                    None,
                    None,
                    format!("valid CSV ({e})"),
                ));
                return None;
            }
            // A header made only of blank cells is a blank line a spreadsheet left: skip it.
            Some(Ok(record)) if record.iter().all(|f| f.is_empty()) => continue,
            Some(Ok(record)) => break record,
        }
    };
    let header_line = header.position().map_or(1, |p| lines.line(p.byte()));

    let mut index = HashMap::new();
    let mut header_ok = true;
    let mut width = header.len();
    // Trailing blank header cells come from spreadsheets with formatted empty columns.
    while width > 0 && header[width - 1].is_empty() {
        width -= 1;
    }
    // A file whose first row names no column at all has lost its header (or was saved without
    // one): say so once, without echoing a child's record as "unknown columns".
    let known = header
        .iter()
        .take(width)
        .filter(|raw| {
            let name = String::from_utf8_lossy(raw).to_ascii_lowercase();
            columns.iter().any(|c| c.name == name)
        })
        .count();
    if known == 0 {
        let expected = format!(
            "a header row naming the columns first; line {header_line} names none of them: {}",
            names(columns)
        );
        problems.push(problem(
            Code::EmptyFile,
            Some(header_line),
            None,
            None,
            expected,
        ));
        return None;
    }
    for (i, raw) in header.iter().take(width).enumerate() {
        let name = String::from_utf8_lossy(raw).to_ascii_lowercase();
        match columns.iter().find(|c| c.name == name) {
            Some(spec) => {
                if index.insert(spec.name, i).is_some() {
                    problems.push(problem(
                        Code::DuplicateColumn,
                        Some(header_line),
                        Some(spec.name),
                        None,
                        "each column once".into(),
                    ));
                    header_ok = false;
                }
            }
            None => {
                problems.push(problem(
                    Code::UnknownColumn,
                    Some(header_line),
                    Some(&name),
                    None,
                    format!("one of the columns: {}", names(columns)),
                ));
                header_ok = false;
            }
        }
    }
    for spec in columns.iter().filter(|c| c.required) {
        if !index.contains_key(spec.name) {
            problems.push(problem(
                Code::MissingColumn,
                Some(header_line),
                Some(spec.name),
                None,
                "this column in the header row".into(),
            ));
            header_ok = false;
        }
    }
    if !header_ok {
        return None;
    }

    let mut rows = Vec::new();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map(|p| lines.line(p.byte()));
                problems.push(problem(
                    Code::FieldCount,
                    line,
                    None,
                    None,
                    format!("valid CSV ({e})"),
                ));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| lines.line(p.byte()));
        if record.iter().all(|f| f.is_empty()) {
            continue;
        }
        // Cells beyond the header are accepted only when blank (spreadsheet padding).
        let extra_filled = record.iter().skip(width).any(|f| !f.is_empty());
        if record.len() < width || extra_filled {
            // A quote opened and never closed swallows the following lines into one field.
            let unclosed = record.iter().any(|f| f.contains(&b'\n'));
            let hint = if unclosed {
                " (a quote \" opened on this line is never closed)"
            } else {
                ""
            };
            problems.push(problem(
                Code::FieldCount,
                Some(line),
                None,
                Some(&format!(
                    "{} field{}",
                    record.len(),
                    if record.len() == 1 { "" } else { "s" }
                )),
                format!("{width} fields, as in the header{hint}"),
            ));
            continue;
        }
        let mut fields = Vec::with_capacity(width);
        for (i, raw) in record.iter().take(width).enumerate() {
            match std::str::from_utf8(raw) {
                Ok(text) => fields.push(text.to_string()),
                Err(_) => {
                    let column = header
                        .get(i)
                        .map(|h| String::from_utf8_lossy(h).to_ascii_lowercase());
                    let lossy = String::from_utf8_lossy(raw).into_owned();
                    problems.push(problem(
                        Code::NotUtf8,
                        Some(line),
                        column.as_deref(),
                        Some(&lossy),
                        "UTF-8 text (save the file as CSV UTF-8)".into(),
                    ));
                    // Kept (with the bad bytes replaced) so that no second problem is reported
                    // for a blank value; the row is left out all the same.
                    fields.push(lossy);
                }
            }
        }
        rows.push(Row { line, fields });
    }
    Some(Table { file, index, rows })
}

fn names(columns: &[ColumnSpec]) -> String {
    columns
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(", ")
}
