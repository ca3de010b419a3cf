//! Column positions in the generator's rows (homes.csv and children.csv as written by
//! `generate`), shared by the passes that rewrite rows after they are drawn (`law`, `offers`),
//! so that a change of layout is made once.

pub(super) const H_KIND: usize = 2;
pub(super) const H_DISTRICT: usize = 3;
pub(super) const H_LAT: usize = 4;
pub(super) const H_LON: usize = 5;
pub(super) const H_BEDS: usize = 6;
pub(super) const H_AGE_MIN: usize = 7;
pub(super) const H_AGE_MAX: usize = 8;
pub(super) const H_GENDER: usize = 9;
pub(super) const H_COMPLEXITY: usize = 10;
pub(super) const H_ACCEPTS: usize = 11;
pub(super) const H_GROUP: usize = 12;
pub(super) const H_SOLO: usize = 13;
pub(super) const C_ID: usize = 0;
pub(super) const C_AGE: usize = 1;
pub(super) const C_GENDER: usize = 2;
pub(super) const C_DISTRICT: usize = 3;
pub(super) const C_GROUP: usize = 10;
pub(super) const C_PLAN: usize = 11;
pub(super) const C_COMPLEXITY: usize = 12;
pub(super) const C_NEEDS: usize = 13;
pub(super) const C_NEED: usize = 14;
