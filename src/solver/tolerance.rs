//! Every tolerance the solver uses, in one place. Relative ones scale with the size of the
//! value they are applied to ([`relative`]), so that a county's total score of twenty thousand
//! and a test's score of three are treated alike; absolute ones apply to a single column's
//! value (between 0 and 1) or to one row.

/// Relative: how far below phase 1's optimum phase 2 may place (the urgency-weighted count is
/// fixed "to a relative 1e-7"), and how far below its bound a phase's answer may be and still
/// count as at the bound. The plain model (`full.rs`) uses the same.
pub(super) const PHASE: f64 = 1e-7;

/// Relative: how far below phase 2's optimum phase 3 may score. Tighter than [`PHASE`], as
/// the score is what the options report (system cost).
pub(super) const KEEP: f64 = 1e-9;

/// Relative: the first reduced-cost room of a phase run inside a face (branch and bound over
/// the columns with reduced cost at least minus this).
pub(super) const FIRST_ROOM: f64 = 1e-6;

/// Relative: room for rounding in the sums that made a face's bound and reduced costs.
pub(super) const FACE_ROUNDING: f64 = 1e-9;

/// Absolute, per column: a left-out column enters the LP when its reduced cost exceeds this.
pub(super) const PRICE: f64 = 1e-7;

/// Absolute, per column: a value within this of 0 or 1 counts as integral.
pub(super) const INTEGRAL: f64 = 1e-6;

/// Absolute, per column: a value below this counts as zero when looking for broken covers.
pub(super) const ZERO: f64 = 1e-9;

/// Absolute, per row: how far past its bound a cover inequality must be broken to be worth a
/// row.
pub(super) const VIOLATION: f64 = 1e-4;

/// `share` of `value`'s size, never less than `share` itself (values below 1 count as 1).
pub(super) fn relative(share: f64, value: f64) -> f64 {
    share * value.abs().max(1.0)
}
