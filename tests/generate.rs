//! The synthetic county generator: reproducible, valid, and calibrated as its profile says.

use righthome::generate::{self, load_profile};
use righthome::io::{self, InputPaths};
use std::path::Path;

fn profile() -> generate::Profile {
    load_profile(Path::new("data/lancashire/profile.toml")).expect("bundled profile loads")
}

#[test]
fn the_bundled_data_is_what_the_generator_makes_with_seed_42() {
    let county = generate::generate(&profile(), 42, None, None).expect("generates");
    assert_eq!(
        county.children_csv,
        std::fs::read("data/lancashire/children.csv").expect("bundled")
    );
    assert_eq!(
        county.homes_csv,
        std::fs::read("data/lancashire/homes.csv").expect("bundled")
    );
    assert_eq!(
        county.residents_csv,
        std::fs::read("data/lancashire/residents.csv").expect("bundled")
    );
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let p = profile();
    let a = generate::generate(&p, 7, Some(200), Some(300)).expect("generates");
    let b = generate::generate(&p, 7, Some(200), Some(300)).expect("generates");
    let c = generate::generate(&p, 8, Some(200), Some(300)).expect("generates");
    assert_eq!(
        (&a.children_csv, &a.homes_csv),
        (&b.children_csv, &b.homes_csv)
    );
    assert_ne!(a.children_csv, c.children_csv);
}

#[test]
fn a_county_of_2000_children_and_3000_homes_validates_and_follows_its_profile() {
    let county = generate::generate(&profile(), 7, Some(2000), Some(3000)).expect("generates");
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("children.csv"), &county.children_csv).expect("write");
    std::fs::write(dir.path().join("homes.csv"), &county.homes_csv).expect("write");
    let (dataset, _) = io::load(&InputPaths::in_dir(dir.path())).expect("generated data is valid");
    assert_eq!(dataset.children.len(), 2000);
    assert_eq!(dataset.homes.len(), 3000);
    // Teenagers are over-represented among referrals (profile: 10-17 weights 72 of 100; ages
    // of siblings spread around the first child's, so allow a margin).
    let older = dataset.children.iter().filter(|c| c.age >= 10).count() as f64 / 2000.0;
    assert!((0.6..0.8).contains(&older), "{older}");
    // About 35% of children come with brothers or sisters.
    let siblings = dataset
        .children
        .iter()
        .filter(|c| c.sibling_group.is_some())
        .count() as f64
        / 2000.0;
    assert!((0.28..0.42).contains(&siblings), "{siblings}");
    // Every kind of home is present, and the profile's share are outside the county's authorities.
    for kind in righthome::model::HomeKind::ALL {
        assert!(dataset.homes.iter().any(|h| h.kind == kind), "{kind:?}");
    }
    let directory = righthome::io::postcodes::directory();
    let authorities = profile().area.local_authorities;
    let outside = dataset
        .homes
        .iter()
        .filter(|h| {
            let district = &h.location.district.0;
            let entry = directory
                .entries()
                .iter()
                .find(|e| &e.district == district)
                .expect("known district");
            !authorities.contains(&entry.local_authority)
        })
        .count() as f64
        / 3000.0;
    // Expected: each kind's share of homes times its out-of-area share (or the area's).
    let p = profile();
    let s = &p.supply;
    let expected: f64 = [
        &s.foster_inhouse,
        &s.foster_agency,
        &s.foster_enhanced,
        &s.childrens_home,
        &s.supported_16plus,
    ]
    .iter()
    .map(|k| k.share * k.out_of_area_share.unwrap_or(p.area.out_of_area_home_share))
    .sum::<f64>()
        / [
            &s.foster_inhouse,
            &s.foster_agency,
            &s.foster_enhanced,
            &s.childrens_home,
            &s.supported_16plus,
        ]
        .iter()
        .map(|k| k.share)
        .sum::<f64>();
    assert!((outside - expected).abs() < 0.05, "{outside} vs {expected}");
}

#[test]
fn the_bundled_policy_file_states_the_built_in_defaults() {
    let mut problems = Vec::new();
    let policy =
        io::load_policy(Path::new("data/lancashire/policy.toml"), &mut problems).expect("loads");
    assert_eq!(policy, righthome::model::Policy::default());
}
