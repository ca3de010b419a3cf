//! Turning one raw row's strings into typed values, pushing a located problem for each bad one.

use super::postcodes::{UK_LAT, UK_LON, directory, normalise_district};
use super::table::{Row, Table};
use super::values::{id_problem, plain_money};
use crate::error::{Code, Problem};
use crate::model::{Location, NEED_TAGS, NeedTag, PostcodeDistrict, need_tag};
use std::collections::BTreeSet;
use std::ops::RangeInclusive;

/// Reads the fields of one row, collecting problems rather than stopping at the first.
pub struct Fields<'a> {
    pub table: &'a Table,
    pub row: &'a Row,
    pub problems: &'a mut Vec<Problem>,
}

impl Fields<'_> {
    /// The trimmed text of a column ("" when blank or absent).
    pub fn text(&self, column: &str) -> &str {
        self.table.get(self.row, column)
    }

    pub fn problem(&mut self, code: Code, column: &str, value: &str, expected: impl Into<String>) {
        self.problems.push(Problem {
            code,
            file: self.table.file.clone(),
            line: Some(self.row.line),
            column: Some(column.to_string()),
            value: Some(value.to_string()),
            expected: expected.into(),
        });
    }

    /// A value that must not be blank.
    pub fn required(&mut self, column: &str, expected: &str) -> Option<String> {
        let text = self.text(column).to_string();
        if text.is_empty() {
            self.problem(Code::MissingValue, column, "", expected);
            None
        } else {
            Some(text)
        }
    }

    /// A required id, unique in its file: `seen` maps ids to the line they were first used on.
    pub fn unique_id(
        &mut self,
        column: &str,
        expected: &str,
        seen: &mut std::collections::HashMap<String, u64>,
    ) -> Option<String> {
        let id = self.required(column, expected)?;
        if !self.check_id(column, &id) {
            return None;
        }
        if let Some(first) = seen.insert(id.clone(), self.row.line) {
            self.problem(
                Code::DuplicateId,
                column,
                &id,
                format!("a unique id (first used on line {first})"),
            );
        }
        Some(id)
    }

    /// Check an id-like value (see [`id_problem`]); false (and a problem pushed) when bad.
    pub fn check_id(&mut self, column: &str, id: &str) -> bool {
        // A field that is not UTF-8 is already reported (E002) with its bytes replaced.
        let not_utf8 = self.problems.iter().rev().any(|p| {
            p.code == Code::NotUtf8
                && p.line == Some(self.row.line)
                && p.column.as_deref() == Some(column)
        });
        if not_utf8 {
            return false;
        }
        match id_problem(id) {
            None => true,
            Some(expected) => {
                self.problem(Code::InvalidId, column, id, expected);
                false
            }
        }
    }

    /// An optional id-like value ("" when blank), checked as [`Fields::check_id`].
    pub fn optional_id(&mut self, column: &str) -> Option<String> {
        let text = self.text(column).to_string();
        (text.is_empty() || self.check_id(column, &text)).then_some(text)
    }

    /// A whole number in `range`.
    pub fn whole(
        &mut self,
        column: &str,
        range: RangeInclusive<u32>,
        expected: &str,
    ) -> Option<u32> {
        let text = self.required(column, expected)?;
        match text.parse::<i64>() {
            Ok(n) if n >= i64::from(*range.start()) && n <= i64::from(*range.end()) => {
                u32::try_from(n).ok()
            }
            Ok(_) => {
                self.problem(Code::OutOfRange, column, &text, expected);
                None
            }
            Err(_) => {
                self.problem(Code::WrongType, column, &text, expected);
                None
            }
        }
    }

    /// A decimal number in `range`.
    pub fn number(
        &mut self,
        column: &str,
        range: RangeInclusive<f64>,
        expected: &str,
    ) -> Option<f64> {
        let text = self.required(column, expected)?;
        self.parse_number(column, &text, &text, range, expected)
    }

    /// An amount of money in GBP in `range`: `1000`, `1,000`, `£1,000` or `£1000.50` (as
    /// spreadsheets format it), but never `1,0,0,0` or `££5`.
    pub fn money(
        &mut self,
        column: &str,
        range: RangeInclusive<f64>,
        expected: &str,
    ) -> Option<f64> {
        let text = self.required(column, expected)?;
        match plain_money(&text) {
            Some(cleaned) => self.parse_number(column, &text, &cleaned, range, expected),
            None => {
                self.problem(Code::WrongType, column, &text, expected);
                None
            }
        }
    }

    fn parse_number(
        &mut self,
        column: &str,
        text: &str,
        cleaned: &str,
        range: RangeInclusive<f64>,
        expected: &str,
    ) -> Option<f64> {
        // Rust also reads "inf", "NaN" and "1e5"; only plain decimals are numbers here.
        let plain = !cleaned.is_empty()
            && cleaned
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-' || b == b'+');
        match cleaned.parse::<f64>() {
            Ok(_) if !plain => {
                self.problem(Code::WrongType, column, text, expected);
                None
            }
            Ok(x) if x.is_finite() && range.contains(&x) => Some(x),
            Ok(_) => {
                self.problem(Code::OutOfRange, column, text, expected);
                None
            }
            Err(_) => {
                self.problem(Code::WrongType, column, text, expected);
                None
            }
        }
    }

    /// A yes/no value. Spreadsheet exports write TRUE, True, yes, Y, 1: all are accepted.
    pub fn boolean(&mut self, column: &str) -> Option<bool> {
        const EXPECTED: &str = "true or false (also accepted: yes/no, y/n, 1/0, any case)";
        let text = self.required(column, EXPECTED)?;
        match text.to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "1" => Some(true),
            "false" | "no" | "n" | "0" => Some(false),
            _ => {
                self.problem(Code::WrongType, column, &text, EXPECTED);
                None
            }
        }
    }

    /// An optional yes/no value: `default` when blank or the column is absent.
    pub fn optional_boolean(&mut self, column: &str, default: bool) -> Option<bool> {
        if self.text(column).is_empty() {
            return Some(default);
        }
        self.boolean(column)
    }

    /// An optional code from a fixed set: `default` when blank or the column is absent.
    pub fn optional_choice<T: Copy>(
        &mut self,
        column: &str,
        options: &[(&str, T)],
        default: T,
    ) -> Option<T> {
        if self.text(column).is_empty() {
            return Some(default);
        }
        self.choice(column, options)
    }

    /// One of a fixed set of codes (case-insensitive).
    pub fn choice<T: Copy>(&mut self, column: &str, options: &[(&str, T)]) -> Option<T> {
        let expected = format!(
            "one of: {}",
            options.iter().map(|o| o.0).collect::<Vec<_>>().join(", ")
        );
        let text = self.required(column, &expected)?;
        let lower = text.to_ascii_lowercase();
        match options.iter().find(|o| o.0 == lower) {
            Some(o) => Some(o.1),
            None => {
                self.problem(Code::UnknownValue, column, &text, expected);
                None
            }
        }
    }

    /// `;`-separated need tags from the vocabulary (blank = none).
    pub fn need_tags(&mut self, column: &str) -> BTreeSet<NeedTag> {
        let text = self.text(column).to_string();
        let mut tags = BTreeSet::new();
        for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            match need_tag(&part.to_ascii_lowercase()) {
                Some(tag) => {
                    tags.insert(tag);
                }
                None => self.problem(
                    Code::UnknownNeedTag,
                    column,
                    part,
                    format!("need tags separated by ';' from: {}", NEED_TAGS.join(", ")),
                ),
            }
        }
        tags
    }

    /// A known postcode district (a full postcode is reduced to its district), blank = none.
    pub fn district(&mut self, column: &str) -> Option<PostcodeDistrict> {
        let text = self.text(column).to_string();
        if text.is_empty() {
            return None;
        }
        let district = normalise_district(&text);
        if directory().locate(&district).is_some() {
            Some(PostcodeDistrict(district))
        } else {
            self.problem(
                Code::UnknownPostcode,
                column,
                &text,
                "a UK postcode district such as PR1 or BB11, or a full postcode",
            );
            None
        }
    }

    /// `;`-separated postcode districts (blank = none).
    pub fn districts(&mut self, column: &str) -> BTreeSet<PostcodeDistrict> {
        let text = self.text(column).to_string();
        let mut out = BTreeSet::new();
        for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let district = normalise_district(part);
            if directory().locate(&district).is_some() {
                out.insert(PostcodeDistrict(district));
            } else {
                self.problem(
                    Code::UnknownPostcode,
                    column,
                    part,
                    "UK postcode districts separated by ';', such as BB1;BB2",
                );
            }
        }
        out
    }

    /// A location from a postcode district column and/or lat and lon columns. Returns
    /// `Some(None)` when all three are blank (allowed only when `optional`), `None` on error.
    /// With both given, lat/lon (more precise) wins and the district names the area.
    pub fn location(
        &mut self,
        district_col: &str,
        lat_col: &str,
        lon_col: &str,
        optional: bool,
    ) -> Option<Option<Location>> {
        let (d, la, lo) = (
            self.text(district_col).is_empty(),
            self.text(lat_col).is_empty(),
            self.text(lon_col).is_empty(),
        );
        if d && la && lo {
            if optional {
                return Some(None);
            }
            let expected = format!("a location: {district_col}, or both {lat_col} and {lon_col}");
            self.problem(Code::MissingLocation, district_col, "", expected);
            return None;
        }
        let district = if d {
            None
        } else {
            Some(self.district(district_col)?)
        };
        if la != lo {
            let (missing, other) = if la {
                (lat_col, lon_col)
            } else {
                (lon_col, lat_col)
            };
            self.problem(
                Code::MissingLocation,
                missing,
                "",
                format!("{missing} given together with {other}"),
            );
            return None;
        }
        if la {
            // District only (validated above).
            return district.and_then(|d| directory().locate(&d.0)).map(Some);
        }
        let lat = self.number(lat_col, -90.0..=90.0, "a latitude in degrees");
        let lon = self.number(lon_col, -180.0..=180.0, "a longitude in degrees");
        let (lat, lon) = (lat?, lon?);
        let mut inside = true;
        if !UK_LAT.contains(&lat) {
            let text = self.text(lat_col).to_string();
            self.problem(
                Code::OutsideUk,
                lat_col,
                &text,
                "a latitude inside the UK (49 to 61 degrees north)",
            );
            inside = false;
        }
        if !UK_LON.contains(&lon) {
            let text = self.text(lon_col).to_string();
            self.problem(
                Code::OutsideUk,
                lon_col,
                &text,
                "a longitude inside the UK (-8.7 to 2.0 degrees)",
            );
            inside = false;
        }
        if !inside {
            return None;
        }
        let district = district.unwrap_or_else(|| directory().nearest(lat, lon));
        Some(Some(Location::new(lat, lon, district)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::table::{ColumnSpec, read_table};

    fn with_row(csv: &str, check: impl FnOnce(&mut Fields)) -> Vec<Problem> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("t.csv");
        std::fs::write(&path, csv).expect("write temp file");
        let cols = [
            ColumnSpec {
                name: "a",
                required: true,
            },
            ColumnSpec {
                name: "b",
                required: false,
            },
            ColumnSpec {
                name: "c",
                required: false,
            },
        ];
        let mut problems = Vec::new();
        let table = read_table(&path, &cols, &mut problems).expect("header ok");
        let mut fields = Fields {
            table: &table,
            row: &table.rows[0],
            problems: &mut problems,
        };
        check(&mut fields);
        problems
    }

    #[test]
    fn spreadsheet_booleans_are_accepted() {
        for (text, want) in [
            ("TRUE", true),
            ("Yes", true),
            ("y", true),
            ("False", false),
            ("0", false),
        ] {
            let problems = with_row(&format!("a\n{text}\n"), |f| {
                assert_eq!(f.boolean("a"), Some(want))
            });
            assert!(problems.is_empty());
        }
        let problems = with_row("a\nmaybe\n", |f| assert_eq!(f.boolean("a"), None));
        assert_eq!(problems[0].code, Code::WrongType);
        assert_eq!(problems[0].line, Some(2));
    }

    #[test]
    fn out_of_range_and_wrong_type_are_told_apart() {
        let problems = with_row("a,b\n27,x\n", |f| {
            assert_eq!(f.whole("a", 0..=25, "0-25"), None);
            assert_eq!(f.whole("b", 0..=25, "0-25"), None);
        });
        assert_eq!(
            problems.iter().map(|p| p.code).collect::<Vec<_>>(),
            vec![Code::OutOfRange, Code::WrongType]
        );
    }

    #[test]
    fn half_given_lat_lon_is_an_error_and_lat_lon_finds_a_district() {
        let problems = with_row("a,b,c\n,53.76,\n", |f| {
            assert_eq!(f.location("a", "b", "c", false), None)
        });
        assert_eq!(problems[0].code, Code::MissingLocation);
        let pr1 = directory().locate("PR1").expect("PR1 known");
        let csv = format!("a,b,c\n,{},{}\n", pr1.lat, pr1.lon);
        let problems = with_row(&csv, |f| {
            let loc = f.location("a", "b", "c", false).flatten().expect("located");
            assert_eq!(loc.district.0, "PR1");
        });
        assert!(problems.is_empty());
    }

    #[test]
    fn money_accepts_spreadsheet_formats_only() {
        for (text, want) in [
            ("1000", 1000.0),
            ("1,000", 1000.0),
            ("£1,000", 1000.0),
            ("£950.50", 950.5),
        ] {
            let problems = with_row(&format!("a\n\"{text}\"\n"), |f| {
                assert_eq!(f.money("a", 0.0..=1e5, "GBP"), Some(want), "{text}")
            });
            assert!(problems.is_empty(), "{text}: {problems:?}");
        }
        for text in [
            "1,0,0,0",
            "££5",
            "1,00",
            "10,000.0,0",
            "£",
            "inf",
            "1e3",
            "5£",
        ] {
            let problems = with_row(&format!("a\n\"{text}\"\n"), |f| {
                assert_eq!(f.money("a", 0.0..=1e5, "GBP"), None, "{text}")
            });
            assert_eq!(problems[0].code, Code::WrongType, "{text}");
        }
    }

    #[test]
    fn bom_and_padding_columns_are_ignored() {
        let problems = with_row("\u{feff}a,b,,\n1,2,,\n", |f| {
            assert_eq!(f.whole("a", 0..=9, "0-9"), Some(1))
        });
        assert!(problems.is_empty(), "{problems:?}");
    }
}
