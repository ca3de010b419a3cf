//! The population in care, read from the council's SSDA903 return (the statutory return of
//! children looked after): the return's tables read and checked ([`read`]), several years
//! merged and cleaned ([`clean`]), and the children in care on any date ([`stock`]).

pub mod backtest;
mod bounded;
pub mod clean;
pub mod codes;
pub mod date;
mod fields;
pub mod forecast;
pub mod rates;
pub mod read;
pub mod stock;
pub mod synthetic;

pub use bounded::safe_text;
pub use clean::{Cleaning, Episode};
pub use codes::Category;
pub use date::Date;
pub use read::{ChildRecord, Sex};
pub use stock::{InCare, StockWarnings};

use crate::error::{Error, Result};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A return read, merged and cleaned.
#[derive(Debug, Clone)]
pub struct Return {
    /// Every child with a header row, by CHILD (the latest year's row where years disagree).
    pub children: HashMap<String, ChildRecord>,
    /// Cleaned episodes, sorted by child then start.
    pub episodes: Vec<Episode>,
    /// How many rows each cleaning step touched.
    pub cleaning: Cleaning,
    /// The tables read, in name order.
    pub files: Vec<PathBuf>,
    /// Notes from reading that did not stop it (extra columns, header rows that differ between years).
    pub warnings: Vec<String>,
}

impl Return {
    /// Read every table in `dir` (see [`read::read_return`]) and clean the episodes.
    pub fn load(dir: &Path) -> Result<Return> {
        let rows = read::read_return(dir).map_err(Error::Invalid)?;
        let (episodes, cleaning) = clean::clean(rows.episodes);
        Ok(Return {
            children: rows.children,
            episodes,
            cleaning,
            files: rows.files,
            warnings: rows.warnings,
        })
    }

    /// The return as it stood on `day`: episodes starting later are dropped, and ends after
    /// `day` are not yet known (the episode is open). What a forecast from `day` may use.
    pub fn known_on(&self, day: Date) -> Return {
        let episodes = self
            .episodes
            .iter()
            .filter(|e| e.start <= day)
            .map(|e| {
                let mut e = e.clone();
                if e.end.is_some_and(|end| end > day) {
                    e.end = None;
                    e.reason_ceased.clear();
                }
                e
            })
            .collect();
        Return {
            children: self.children.clone(),
            episodes,
            cleaning: self.cleaning,
            files: self.files.clone(),
            warnings: Vec::new(),
        }
    }

    /// The latest date the return knows of: the last start or end of any episode.
    pub fn latest_date(&self) -> Option<Date> {
        self.episodes
            .iter()
            .flat_map(|e| [Some(e.start), e.end])
            .flatten()
            .max()
    }
}

/// The population in care on a date, with what was cleaned and what could not be placed.
#[derive(Debug, Clone)]
pub struct Population {
    /// The day counted on.
    pub at: Date,
    /// ONS code of the responsible council, for `out_of_area`.
    pub council: String,
    /// One row per child in care on the day, sorted by id.
    pub children: Vec<InCare>,
    /// How many rows each cleaning step touched.
    pub cleaning: Cleaning,
    /// What could not be placed on the map, and who was left out, counted.
    pub warnings: StockWarnings,
    /// Warnings from reading (extra columns ignored, header rows that differ between years).
    pub notes: Vec<String>,
    /// How many of the return's tables were read.
    pub files: usize,
}

/// The children in care on `at` (default: the latest date in the return) for `council` (the
/// ONS code of the responsible council, for `out_of_area`).
pub fn population(ret: &Return, at: Option<Date>, council: &str) -> Result<Population> {
    let at = match at.or_else(|| ret.latest_date()) {
        Some(d) => d,
        None => {
            return Err(Error::Usage(
                "the return has no episodes, so there is no date to count on: give --at".into(),
            ));
        }
    };
    let (children, warnings) = stock::stock_on(&ret.episodes, &ret.children, at, council);
    Ok(Population {
        at,
        council: council.to_string(),
        children,
        cleaning: ret.cleaning,
        warnings,
        notes: ret.warnings.clone(),
        files: ret.files.len(),
    })
}

impl Population {
    /// Children by category and age band, with `all` totals: (category, band, count).
    pub fn counts(&self) -> Vec<(&'static str, &'static str, usize)> {
        let mut out = Vec::new();
        let cats = Category::ALL.iter().map(|c| Some(*c)).chain([None]);
        for cat in cats {
            let bands = codes::AGE_BANDS.iter().map(|b| Some(*b)).chain([None]);
            for band in bands {
                let n = self
                    .children
                    .iter()
                    .filter(|c| cat.is_none_or(|k| c.category == k))
                    .filter(|c| band.is_none_or(|b| c.age_band == b))
                    .count();
                out.push((cat.map_or("all", Category::code), band.unwrap_or("all"), n));
            }
        }
        out
    }

    /// population.csv: one row per child in care on the date.
    pub fn csv(&self) -> Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let fail = |e: csv::Error| Error::Usage(format!("formatting population.csv: {e}"));
        w.write_record([
            "child_id",
            "age",
            "sex",
            "age_band",
            "place",
            "provider",
            "category",
            "kind",
            "care_start",
            "placement_start",
            "home_district",
            "placement_district",
            "distance_km",
            "out_of_area",
        ])
        .map_err(fail)?;
        for c in &self.children {
            w.write_record([
                crate::report::escape::csv_cell(&c.child_id).as_ref(),
                &c.age.to_string(),
                c.sex,
                c.age_band,
                &c.place,
                &c.provider,
                c.category.code(),
                c.kind.unwrap_or(""),
                &c.care_start.to_string(),
                &c.placement_start.to_string(),
                c.home_district.as_deref().unwrap_or(""),
                c.placement_district.as_deref().unwrap_or(""),
                &c.distance_km.map_or(String::new(), |d| format!("{d:.1}")),
                c.out_of_area
                    .map_or("", |o| if o { "true" } else { "false" }),
            ])
            .map_err(fail)?;
        }
        w.into_inner()
            .map_err(|e| Error::Usage(format!("formatting population.csv: {e}")))
    }

    /// population.json: the date, the counts, the cleaning and the warnings.
    pub fn json(&self) -> Result<Vec<u8>> {
        let counts: Vec<serde_json::Value> = self
            .counts()
            .into_iter()
            .map(|(c, b, n)| serde_json::json!({"category": c, "age_band": b, "children": n}))
            .collect();
        let value = serde_json::json!({
            "at": self.at.to_string(),
            "council": self.council,
            "children_in_care": self.children.len(),
            "files_read": self.files,
            "cleaning": self.cleaning,
            "warnings": self.warnings,
            "notes": self.notes,
            "stock": counts,
        });
        let mut bytes = serde_json::to_vec_pretty(&value)
            .map_err(|e| Error::Usage(format!("formatting population.json: {e}")))?;
        bytes.push(b'\n');
        Ok(bytes)
    }

    /// The table for a person: the headline, the cleaning, the warnings, then the stock by
    /// category x age band.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "Children in care on {}: {} (from {} table{} of the SSDA903 return).",
            self.at,
            self.children.len(),
            self.files,
            if self.files == 1 { "" } else { "s" }
        );
        let c = &self.cleaning;
        let _ = writeln!(
            s,
            "Cleaning: {} episode rows read; {} duplicates across years dropped; {} overlapping \
             episodes cut at the next start; {} legal-status-only changes joined; {} episodes left.",
            c.rows_read, c.duplicates_dropped, c.overlaps_cut, c.legal_status_joined, c.episodes
        );
        let w = &self.warnings;
        if w.home_postcode_unknown + w.placement_postcode_unknown + w.postcode_blank > 0 {
            let _ = writeln!(
                s,
                "Warnings: {} home and {} placement postcodes not in the ONS directory, {} blank \
                 (those children still count; their distance and area are left blank).",
                w.home_postcode_unknown, w.placement_postcode_unknown, w.postcode_blank
            );
        }
        if w.aged_18_or_over > 0 {
            let _ = writeln!(
                s,
                "Warnings: {} children aged 18 or over with an episode still open were not counted.",
                w.aged_18_or_over
            );
        }
        for note in self.notes.iter().take(10) {
            let _ = writeln!(s, "Note: {note}");
        }
        if self.notes.len() > 10 {
            let _ = writeln!(s, "Note: and {} more like these.", self.notes.len() - 10);
        }
        let _ = writeln!(s);
        let _ = write!(s, "{:<12}", "category");
        for band in codes::AGE_BANDS.iter().chain(&["all"]) {
            let _ = write!(s, "{band:>7}");
        }
        let _ = writeln!(s);
        let counts = self.counts();
        for row in counts.chunks(codes::AGE_BANDS.len() + 1) {
            let _ = write!(s, "{:<12}", row[0].0);
            for (_, _, n) in row {
                let _ = write!(s, "{n:>7}");
            }
            let _ = writeln!(s);
        }
        s
    }
}
