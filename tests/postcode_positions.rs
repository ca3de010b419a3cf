//! The compiled-in postcode table puts every nation where it is. The first edition placed all 81
//! Northern Ireland districts near Chester (their Irish Grid references had been converted as if
//! British): these pins catch a future refresh that misplaces a nation again.

use righthome::io::postcodes::directory;

/// Each pin: district, latitude and longitude (degrees) of its centre, from the ONS directory
/// (and, for the BT rows, a map: BT1 is Belfast city centre, BT48 Derry/Londonderry).
const PINS: &[(&str, f64, f64)] = &[
    ("BT1", 54.60, -5.93),
    ("BT48", 55.00, -7.32),
    ("PR1", 53.76, -2.70),
    ("EH1", 55.95, -3.19),
    ("CF10", 51.47, -3.18),
];

#[test]
fn known_districts_sit_where_they_are() {
    for &(district, lat, lon) in PINS {
        let at = directory()
            .locate(district)
            .unwrap_or_else(|| panic!("{district} is in the directory"));
        // 0.05 degrees: a few km, far less than the 150 km error this test exists for.
        assert!(
            (at.lat - lat).abs() < 0.05 && (at.lon - lon).abs() < 0.05,
            "{district} is at {:.4}, {:.4}; expected about {lat}, {lon}",
            at.lat,
            at.lon
        );
    }
}

#[test]
fn every_northern_ireland_district_is_in_northern_ireland() {
    // Northern Ireland lies west of 5.4 W and between 54.0 and 55.3 N; Great Britain's nearest
    // mainland (the Mull of Galloway) is at 4.86 W.
    let bt: Vec<_> = directory()
        .entries()
        .iter()
        .filter(|e| e.district.starts_with("BT"))
        .collect();
    assert_eq!(bt.len(), 81, "the directory has 81 BT districts");
    for e in bt {
        assert!(
            (54.0..=55.3).contains(&e.lat) && (-8.2..=-5.4).contains(&e.lon),
            "{} at {}, {} is not in Northern Ireland",
            e.district,
            e.lat,
            e.lon
        );
    }
}

#[test]
fn belfast_is_far_from_chester() {
    let bt1 = directory().locate("BT1").expect("BT1");
    let ch1 = directory().locate("CH1").expect("CH1");
    let km = bt1.distance_km(&ch1);
    // Belfast to Chester is about 250 km in a straight line (the old table said a few km).
    assert!((230.0..280.0).contains(&km), "{km}");
}
