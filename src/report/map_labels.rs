//! Map labels placed so that they never overlap each other or the markers (the family home
//! and the school are often in the same postcode district, so at the same point).

use serde::Serialize;

/// A point on a sheet's map, with its label placed.
#[derive(Serialize)]
pub(super) struct MapPoint {
    pub x: f64,
    pub y: f64,
    pub kind: &'static str,
    pub label: String,
    pub number: usize,
    /// Where the label's text starts (its baseline's left end), placed clear of the other
    /// labels and markers.
    pub label_x: f64,
    pub label_y: f64,
}

/// A box on the map: left, top, right, bottom (SVG units, y down).
type Box4 = (f64, f64, f64, f64);

/// Label font size, and the width of one character as a share of it (Verdana is wide).
const LABEL_FONT: f64 = 14.0;
const CHAR_WIDTH: f64 = 0.62;

fn overlaps(a: Box4, b: Box4) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// The box a label's text takes when its baseline starts at (x, y).
fn label_box(label: &str, x: f64, y: f64) -> Box4 {
    let w = label.chars().count() as f64 * LABEL_FONT * CHAR_WIDTH;
    (x, y - LABEL_FONT, x + w, y + 0.3 * LABEL_FONT)
}

/// Place each point's label beside it (right, left, above, below, then further out), the
/// first place that meets no label already placed and no marker: labels never overlap, even
/// when the family home and the school are in the same district.
pub(super) fn place_labels(points: &mut [MapPoint], width: f64, height: f64) {
    let markers: Vec<Box4> = points
        .iter()
        .map(|p| (p.x - 13.0, p.y - 13.0, p.x + 13.0, p.y + 13.0))
        .collect();
    let mut placed: Vec<Box4> = Vec::new();
    for point in points.iter_mut() {
        if point.label.is_empty() {
            continue;
        }
        let (x, y) = (point.x, point.y);
        let w = point.label.chars().count() as f64 * LABEL_FONT * CHAR_WIDTH;
        let mut spot = (x + 16.0, y - 12.0);
        'search: for ring in 0..12 {
            let d = 18.0 * f64::from(ring);
            let candidates = [
                (x + 16.0 + d, y + 5.0),
                (x - 16.0 - d - w, y + 5.0),
                (x - w / 2.0, y - 16.0 - d),
                (x - w / 2.0, y + 16.0 + LABEL_FONT + d),
                (x + 16.0 + d, y - 12.0 - d),
                (x + 16.0 + d, y + 22.0 + d),
            ];
            for (cx, cy) in candidates {
                let b = label_box(&point.label, cx, cy);
                let inside = b.0 >= 0.0 && b.2 <= width && b.1 >= 0.0 && b.3 <= height;
                if inside
                    && !placed.iter().any(|&p| overlaps(p, b))
                    && !markers.iter().any(|&m| overlaps(m, b))
                {
                    spot = (cx, cy);
                    break 'search;
                }
            }
        }
        placed.push(label_box(&point.label, spot.0, spot.1));
        point.label_x = (spot.0 * 10.0).round() / 10.0;
        point.label_y = (spot.1 * 10.0).round() / 10.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(x: f64, y: f64, kind: &'static str, label: &str, number: usize) -> MapPoint {
        MapPoint {
            x,
            y,
            kind,
            label: label.into(),
            number,
            label_x: 0.0,
            label_y: 0.0,
        }
    }

    #[test]
    fn labels_never_overlap_each_other_or_the_markers() {
        // Family and school in one district (the same point), options around them, and a
        // crowded corner.
        for (fx, fy) in [(320.0, 210.0), (60.0, 60.0), (600.0, 400.0), (50.0, 370.0)] {
            let mut points = vec![
                point(fx, fy, "family", "Your family", 0),
                point(fx, fy, "school", "Your school", 0),
                point(fx + 20.0, fy, "option", "", 1),
                point(fx, fy + 20.0, "option", "", 2),
                point(fx - 20.0, fy - 5.0, "option", "", 3),
            ];
            place_labels(&mut points, 640.0, 420.0);
            let boxes: Vec<Box4> = points
                .iter()
                .filter(|p| !p.label.is_empty())
                .map(|p| label_box(&p.label, p.label_x, p.label_y))
                .collect();
            assert_eq!(boxes.len(), 2);
            for (i, a) in boxes.iter().enumerate() {
                for b in &boxes[i + 1..] {
                    assert!(
                        !overlaps(*a, *b),
                        "labels overlap at ({fx}, {fy}): {a:?} {b:?}"
                    );
                }
                for p in &points {
                    let m = (p.x - 13.0, p.y - 13.0, p.x + 13.0, p.y + 13.0);
                    assert!(!overlaps(*a, m), "a label covers a marker at ({fx}, {fy})");
                }
            }
        }
    }
}
