//! The sufficiency gap as an area x kind-of-home heat table per scenario; apart because it
//! reads the beds needed by area, which nothing else on the page does.

use crate::scenario::ScenarioResult;
use minijinja::context;

const NEEDS: [(&str, &str); 4] = [
    ("family", "family"),
    ("residential", "children's home"),
    ("either", "family or children's home"),
    ("supported", "supported, 16+"),
];

/// The gap tables: per scenario, the beds needed (mean over replications of the sum over age
/// bands of each band's beds needed, see `scenarios/README.md`) by area and kind of home, the
/// same rows in every scenario (districts first, then district groups, from
/// [`crate::scenario::gap_rows`]), zeros included; the children who waited past their date
/// beside them in each area's total.
pub(super) fn gap_tables(results: &[ScenarioResult]) -> Vec<minijinja::Value> {
    let rows = crate::scenario::gap_rows(results);
    let mut areas: Vec<(bool, &str)> = Vec::new();
    for (is_group, key) in &rows {
        if !areas.contains(&(*is_group, key.0.as_str())) {
            areas.push((*is_group, key.0.as_str()));
        }
    }
    results
        .iter()
        .map(|r| {
            let reps = r.replications.len().max(1) as f64;
            // Mean over replications of a sum over the area's cells of one kind (or all kinds).
            let mean_of = |area: &str, need: Option<&str>, f: &dyn Fn(&crate::scenario::Replication, &crate::scenario::GapKey) -> f64| -> f64 {
                let cells: Vec<&crate::scenario::GapKey> = rows
                    .iter()
                    .map(|(_, k)| k)
                    .filter(|k| k.0 == area && need.is_none_or(|n| k.1 == n))
                    .collect();
                r.replications.iter().map(|x| cells.iter().map(|k| f(x, k)).sum::<f64>()).sum::<f64>() / reps
            };
            let beds = |x: &crate::scenario::Replication, k: &crate::scenario::GapKey| x.beds_needed.get(k).copied().unwrap_or(0.0);
            let unmet = |x: &crate::scenario::Replication, k: &crate::scenario::GapKey| crate::scenario::unmet_in(x, k);
            let table: Vec<(&str, bool, Vec<f64>, f64, f64)> = areas
                .iter()
                .map(|&(is_group, area)| {
                    let cells: Vec<f64> = NEEDS.iter().map(|n| mean_of(area, Some(n.0), &beds)).collect();
                    (area, is_group, cells, mean_of(area, None, &beds), mean_of(area, None, &unmet))
                })
                .collect();
            let max = table.iter().flat_map(|t| t.2.iter().copied()).fold(0.0, f64::max).max(1e-9);
            let rows: Vec<_> = table
                .iter()
                .map(|(area, is_group, cells, total, waited)| {
                    let cells: Vec<_> = cells
                        .iter()
                        .map(|&v| context! { text => format!("{v:.1}"), shade => format!("{:.2}", 0.6 * v / max) })
                        .collect();
                    let area = if *is_group { format!("{area} (group)") } else { area.to_string() };
                    context! { area, cells, total => format!("{total:.1}"), waited => format!("{waited:.1}") }
                })
                .collect();
            context! { name => r.name.clone(), kinds => NEEDS.map(|n| n.1).to_vec(), rows }
        })
        .collect()
}
