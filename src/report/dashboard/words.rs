//! Numbers and paired differences put into words (`2,693`, `+1.0 percentage points`, "a real
//! difference"); apart because the headlines and the bars share them and must agree.

use crate::report::pounds;
use crate::scenario::{Interval, is_real};

pub(super) fn value_text(x: f64, percent: bool) -> String {
    if percent {
        format!("{x:.1}%")
    } else {
        whole(x)
    }
}

/// A count with thousands separators: 2,693.
pub(super) fn whole(x: f64) -> String {
    pounds(x).replace('£', "")
}

/// A signed change as a person reads it: `+1,234`, `-2.5 points`, `-£406,585`.
fn signed(x: f64, unit: Unit) -> String {
    let sign = if x < 0.0 { "-" } else { "+" };
    match unit {
        Unit::Points => format!("{sign}{:.1} percentage points", x.abs()),
        Unit::Count => format!("{sign}{}", whole(x.abs())),
        Unit::Pounds => format!("{sign}{}", pounds(x.abs())),
    }
}

/// How a paired difference is put into words.
#[derive(Clone, Copy)]
pub(super) enum Unit {
    Points,
    Count,
    Pounds,
}

/// "+2.0 (in 90% of the paired replications between +1.0 and +3.0): a real difference" or
/// "... may be chance": the words follow the paired test ([`is_real`]), never the ranges.
pub(super) fn change_words(d: &Interval, unit: Unit) -> String {
    format!(
        "{} (in 90% of the paired replications between {} and {}): {}",
        signed(d.mean, unit),
        signed(d.p5, unit),
        signed(d.p95, unit),
        if is_real(d) {
            "a real difference"
        } else {
            "may be chance"
        }
    )
}

/// "+2.0 (+1.0 to +3.0), real" or "..., may be chance": for a bar, with the same test.
pub(super) fn short_change(d: &Interval, unit: Unit) -> String {
    let unit = match unit {
        Unit::Points => Unit::Count,
        other => other,
    };
    let num = |x: f64| match unit {
        Unit::Pounds => signed(x, unit),
        _ => format!("{x:+.1}"),
    };
    format!(
        "{} ({} to {}), {}",
        num(d.mean),
        num(d.p5),
        num(d.p95),
        if is_real(d) { "real" } else { "may be chance" }
    )
}
