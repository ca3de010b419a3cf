//! Checks of one row's fields against the DfE's formats and code lists: each problem is
//! pushed with its file, line, column and value, and the value returned when it is valid.

use super::bounded::safe_text;
use super::date::Date;
use super::read::{Sex, problem};
use crate::error::{Code, Problem};

/// Checks of one row's fields, each pushing its problem and returning the value if valid.
pub(super) struct RowCheck<'a> {
    pub(super) file: &'a str,
    pub(super) line: u64,
    pub(super) problems: &'a mut Vec<Problem>,
}

impl RowCheck<'_> {
    fn push(&mut self, code: Code, column: &str, value: &str, expected: String) {
        self.problems.push(problem(
            code,
            self.file,
            Some(self.line),
            Some(column),
            Some(&safe_text(value)),
            expected,
        ));
    }

    /// A child id, by the rule every input's ids follow (`io::values::id_problem`, E023).
    pub(super) fn id(&mut self, value: &str) -> Option<String> {
        if value.is_empty() {
            self.push(
                Code::MissingValue,
                "CHILD",
                value,
                "the child's id".to_string(),
            );
            return None;
        }
        match crate::io::values::id_problem(value) {
            None => Some(value.to_string()),
            Some(expected) => {
                self.push(Code::InvalidId, "CHILD", value, expected);
                None
            }
        }
    }

    pub(super) fn sex(&mut self, value: &str) -> Option<Sex> {
        let sex = Sex::parse(value);
        if sex.is_none() {
            self.push(
                Code::UnknownValue,
                "SEX",
                value,
                "1 or 2 (also M or F)".to_string(),
            );
        }
        sex
    }

    /// `Some(None)` for a blank optional date, `None` when the value is wrong.
    pub(super) fn date(
        &mut self,
        column: &str,
        value: &str,
        required: bool,
    ) -> Option<Option<Date>> {
        if value.is_empty() {
            if required {
                self.push(
                    Code::MissingValue,
                    column,
                    value,
                    "a date dd/mm/yyyy".to_string(),
                );
                return None;
            }
            return Some(None);
        }
        match Date::parse(value) {
            Some(d) => Some(Some(d)),
            None => {
                self.push(
                    Code::WrongType,
                    column,
                    value,
                    "a date dd/mm/yyyy (or yyyy-mm-dd) between 1900 and 2100".to_string(),
                );
                None
            }
        }
    }

    /// A code from `list`; blank allowed unless `required` (then `Some("")`).
    pub(super) fn code(
        &mut self,
        column: &str,
        value: &str,
        list: &[&str],
        required: bool,
    ) -> Option<String> {
        let upper = value.to_ascii_uppercase();
        if upper.is_empty() && !required {
            return Some(String::new());
        }
        if list.contains(&upper.as_str()) {
            return Some(upper);
        }
        let expected = format!("one of the DfE's codes for {column}: {}", list.join(", "));
        let code = if upper.is_empty() {
            Code::MissingValue
        } else {
            Code::UnknownValue
        };
        self.push(code, column, value, expected);
        None
    }
}
