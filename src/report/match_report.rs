//! The match report: today's headline measures, a map of the county (where children were
//! placed, which districts offer children's home beds, moves of more than 20 miles) and the
//! children not placed with the reasons. Children appear by id only.

use super::MatchOutcome;
use super::html::{environment, template_err};
use crate::criteria::ReasonColumn;
use crate::error::Result;
use crate::io::postcodes::{areas, directory};
use crate::model::HomeKind;
use crate::model::location::TWENTY_MILES_KM;
use minijinja::{context, value::Serde};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Serialize)]
struct Dot {
    x: f64,
    y: f64,
}

#[derive(Serialize)]
struct Label {
    x: f64,
    y: f64,
    name: &'static str,
}

#[derive(Serialize)]
struct Sized {
    x: f64,
    y: f64,
    r: f64,
}

#[derive(Serialize)]
struct Segment {
    x1: f64,
    y1: f64,
    x2: f64,
    y2: f64,
}

/// Fits (lat, lon) points into a width x height picture, north up, keeping proportions.
pub(super) struct Projection {
    lat0: f64,
    min_x: f64,
    max_y: f64,
    scale: f64,
    pad: f64,
    pub width: f64,
    pub height: f64,
}

impl Projection {
    pub(super) fn fit(points: &[(f64, f64)], width: f64) -> Projection {
        let lat0 = points.iter().map(|p| p.0).sum::<f64>() / points.len().max(1) as f64;
        let k = lat0.to_radians().cos();
        let xs = points.iter().map(|p| p.1 * k);
        let ys = points.iter().map(|p| p.0);
        let (min_x, max_x) = xs.fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(x), b.max(x)));
        let (min_y, max_y) = ys.fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(y), b.max(y)));
        let pad = 30.0;
        let scale = (width - 2.0 * pad) / (max_x - min_x).max(0.01);
        let height = ((max_y - min_y).max(0.01) * scale + 2.0 * pad + 70.0).round();
        Projection {
            lat0: k,
            min_x,
            max_y,
            scale,
            pad,
            width,
            height,
        }
    }

    pub(super) fn xy(&self, lat: f64, lon: f64) -> (f64, f64) {
        let x = self.pad + (lon * self.lat0 - self.min_x) * self.scale;
        let y = self.pad + (self.max_y - lat) * self.scale;
        ((x * 10.0).round() / 10.0, (y * 10.0).round() / 10.0)
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn pct(x: Option<f64>) -> String {
    x.map_or("n/a".into(), |v| format!("{v:.0}%"))
}

/// The report as one self-contained HTML page.
pub fn match_report(outcome: &MatchOutcome) -> Result<Vec<u8>> {
    let d = outcome.dataset;
    let s = &outcome.summary;
    let env = environment()?;
    let county_codes: BTreeSet<&str> = areas().iter().map(|a| a.0).collect();
    let county: Vec<(f64, f64)> = directory()
        .entries()
        .iter()
        .filter(|e| county_codes.contains(e.local_authority.as_str()))
        .map(|e| (e.lat, e.lon))
        .collect();
    let long_moves: Vec<(usize, usize)> = outcome
        .children
        .iter()
        .filter(|o| o.distance_km.is_some_and(|km| km > TWENTY_MILES_KM))
        .filter_map(|o| o.home.map(|h| (o.child, h)))
        .collect();
    let mut extent = county.clone();
    extent.extend(
        outcome
            .children
            .iter()
            .filter_map(|o| o.home)
            .map(|h| (d.homes[h].location.lat, d.homes[h].location.lon)),
    );
    extent.extend(
        long_moves
            .iter()
            .map(|&(c, _)| (d.children[c].home.lat, d.children[c].home.lon)),
    );
    let p = Projection::fit(&extent, 760.0);
    let at = |lat, lon| p.xy(lat, lon);
    let dots: Vec<Dot> = county
        .iter()
        .map(|&(lat, lon)| at(lat, lon))
        .map(|(x, y)| Dot { x, y })
        .collect();
    let area_labels: Vec<Label> = areas()
        .into_iter()
        .map(|a| (at(a.2, a.3), a.1))
        .map(|((x, y), name)| Label { x, y, name })
        .collect();
    let chome_districts: BTreeSet<&str> = d
        .homes
        .iter()
        .filter(|h| h.kind == HomeKind::ChildrensHome)
        .map(|h| h.location.district.0.as_str())
        .collect();
    let chomes: Vec<Dot> = chome_districts
        .iter()
        .filter_map(|dist| directory().locate(dist))
        .map(|l| at(l.lat, l.lon))
        .map(|(x, y)| Dot { x, y })
        .collect();
    let mut per_home: BTreeMap<usize, usize> = BTreeMap::new();
    for h in outcome.children.iter().filter_map(|o| o.home) {
        *per_home.entry(h).or_default() += 1;
    }
    let homes: Vec<Sized> = per_home
        .iter()
        .map(|(&h, &n)| (at(d.homes[h].location.lat, d.homes[h].location.lon), n))
        .map(|((x, y), n)| Sized {
            x,
            y,
            r: 3.5 + 1.5 * (n as f64).sqrt(),
        })
        .collect();
    let lines: Vec<Segment> = long_moves
        .iter()
        .map(|&(c, h)| {
            let (x1, y1) = at(d.children[c].home.lat, d.children[c].home.lon);
            let (x2, y2) = at(d.homes[h].location.lat, d.homes[h].location.lon);
            Segment { x1, y1, x2, y2 }
        })
        .collect();
    let description = format!(
        "{} placed in {} homes; {} districts have a children's home offering beds; {} would move more than 20 miles from their family.",
        plural(s.placed, "child", "children"),
        per_home.len(),
        chome_districts.len(),
        plural(long_moves.len(), "child", "children")
    );
    let map_svg = env
        .get_template("county_map.svg")
        .and_then(|t| {
            t.render(context! {
                width => p.width, height => p.height, description => &description,
                outline => Serde(&super::outline::district_paths(at)),
                dots => Serde(&dots), areas => Serde(&area_labels), chomes => Serde(&chomes),
                homes => Serde(&homes), lines => Serde(&lines),
            })
        })
        .map_err(template_err)?;
    let three_plus = outcome
        .problem
        .eligibility
        .iter()
        .filter(|e| e.eligible.len() >= 3)
        .count();
    let measures = vec![
        context! { value => format!("{} of {}", s.placed, s.children), label => "children placed" },
        context! { value => pct(s.pct_within_20_miles), label => "within 20 miles of home" },
        context! { value => pct(s.pct_siblings_together), label => "brothers and sisters together" },
        context! { value => pct(s.pct_school_within_limit), label => "able to keep their school" },
        context! { value => pct((s.children > 0).then(|| 100.0 * three_plus as f64 / s.children as f64)), label => "with 3 or more homes to choose from" },
        context! { value => super::pounds(s.total_weekly_cost), label => "weekly cost of today's placements" },
    ];
    let unplaced: Vec<_> = outcome
        .children
        .iter()
        .filter(|o| o.home.is_none())
        .map(|o| {
            let e = &outcome.problem.eligibility[o.child];
            let mut reasons = ReasonColumn::ALL.map(|c| e.rejected_by(c)).to_vec();
            if s.budget.is_some() {
                reasons.push(outcome.rejected_by_budget[o.child]);
            }
            context! { child => d.children[o.child].id.as_str(), eligible => e.eligible.len(), reasons }
        })
        .collect();
    let status = if s.status == "optimal" {
        "the best possible match"
    } else {
        "the best match found in the time allowed"
    };
    let headline = format!(
        "{} children referred; {} placed ({status}), {} not placed today.",
        s.children, s.placed, s.unplaced
    );
    let mut reason_headers = ReasonColumn::ALL.map(|c| c.words()).to_vec();
    if s.budget.is_some() {
        reason_headers.push("weekly budget (homes with room)");
    }
    let budget_line = s
        .budget
        .as_ref()
        .map(|b| super::table::budget_line(outcome, b));
    env.get_template("match_report.html")
        .and_then(|t| {
            t.render(context! {
                headline, measures, map_svg => super::html::rendered_svg(map_svg), map_caption => description, unplaced,
                reason_headers, budget_line,
            })
        })
        .map(String::into_bytes)
        .map_err(template_err)
}
