//! righthome: a placement sufficiency matching optimiser for children's services.
//!
//! Inputs are read and validated by [`io`] into [`model`] types; [`criteria`] decide which
//! homes can take which children and score each pair; [`matching`] builds the assignment and
//! hands it to [`solver`] (the only module that knows about the LP solver); [`checker`]
//! re-checks any match against the inputs; [`report`] writes tables and files; [`command`]
//! is one function per command (the command line and the web app call the same).

// `unsafe` only in the solver's HiGHS backend (src/solver/highs/), which allows it.
#![deny(unsafe_code)]
#![warn(missing_docs)]

pub mod approvals;
pub mod checker;
pub mod command;
pub mod criteria;
pub mod error;
pub mod generate;
pub mod io;
pub mod matching;
pub mod model;
pub mod options;
pub mod population;
pub mod report;
pub mod scenario;
pub mod solver;
pub mod web;

pub use error::{Error, Result};
