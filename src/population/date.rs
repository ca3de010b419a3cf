//! Calendar dates as the return writes them (`dd/mm/yyyy`, also `yyyy-mm-dd`), held as a day
//! number so that durations and comparisons are plain integer arithmetic.

use std::fmt;

/// A civil date (proleptic Gregorian), as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

impl Date {
    /// The date of a year, month (1-12) and day (1-31), if it exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1900..=2100).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        if day > days_in_month(year, month) {
            return None;
        }
        Some(Date(days_from_civil(year, month, day)))
    }

    /// `dd/mm/yyyy` or `yyyy-mm-dd`; years 1900-2100 (nothing in a return lies outside).
    pub fn parse(text: &str) -> Option<Date> {
        let t = text.trim();
        let parts: Vec<&str> = if t.contains('/') {
            let p: Vec<&str> = t.split('/').collect();
            if p.len() != 3 || p[2].len() != 4 {
                return None;
            }
            vec![p[2], p[1], p[0]]
        } else {
            let p: Vec<&str> = t.split('-').collect();
            if p.len() != 3 || p[0].len() != 4 {
                return None;
            }
            p
        };
        if parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        let year = parts[0].parse().ok()?;
        let month = parts[1].parse().ok()?;
        let day = parts[2].parse().ok()?;
        Date::from_ymd(year, month, day)
    }

    /// (year, month, day).
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i32 {
        later.0 - self.0
    }

    /// The date `days` later.
    pub fn plus_days(self, days: i32) -> Date {
        Date(self.0 + days)
    }

    /// Whole years of age on `on` for someone born on `self` (a 29 February birthday counts
    /// from 1 March in other years, as in English law).
    pub fn age_on(self, on: Date) -> i32 {
        let (by, bm, bd) = self.ymd();
        let (y, m, d) = on.ymd();
        let mut age = y - by;
        if (m, d) < (bm, bd) {
            age -= 1;
        }
        age
    }
}

impl fmt::Display for Date {
    /// ISO 8601, `yyyy-mm-dd`: what other systems read without ambiguity.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Howard Hinnant's days_from_civil.
fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Howard Hinnant's civil_from_days.
fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_formats_read_the_same_day() {
        let a = Date::parse("31/03/2024").expect("valid");
        let b = Date::parse("2024-03-31").expect("valid");
        assert_eq!(a, b);
        assert_eq!(a.to_string(), "2024-03-31");
        assert_eq!(Date::parse("1970-01-01").map(|d| d.0), Some(0));
    }

    #[test]
    fn impossible_dates_are_refused() {
        for bad in [
            "31/02/2024",
            "29/02/2023",
            "00/01/2024",
            "1/13/2024",
            "2024/01/01",
            "",
            "x",
            "01/01/24",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("29/02/2024").is_some());
    }

    #[test]
    fn every_day_round_trips() {
        let start = Date::parse("1900-01-01").expect("valid");
        let end = Date::parse("2100-12-31").expect("valid");
        let mut d = start;
        while d <= end {
            let (y, m, day) = d.ymd();
            assert_eq!(Date::from_ymd(y, m, day), Some(d));
            d = d.plus_days(1);
        }
    }

    #[test]
    fn ages_turn_on_the_birthday() {
        let dob = Date::parse("15/06/2008").expect("valid");
        assert_eq!(dob.age_on(Date::parse("14/06/2024").expect("valid")), 15);
        assert_eq!(dob.age_on(Date::parse("15/06/2024").expect("valid")), 16);
        let leap = Date::parse("29/02/2008").expect("valid");
        assert_eq!(leap.age_on(Date::parse("28/02/2026").expect("valid")), 17);
        assert_eq!(leap.age_on(Date::parse("01/03/2026").expect("valid")), 18);
    }
}
