//! `righthome population`: the return read, merged and cleaned, and the children in care on a
//! date, each rule checked on a hand-worked return; errors collected and located; the public
//! validator's fake return read with its unplaceable postcodes counted, not fatal.

use assert_cmd::Command;
use righthome::population::{self, Category, Date, Return};
use std::path::Path;

fn righthome() -> Command {
    Command::cargo_bin("righthome").expect("binary")
}

const HEADER_2023: &str = "\
CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
C3,1,10/05/2010,WBRI,,,
C5,2,01/09/2012,WBRI,,,
";

const HEADER_2024: &str = "\
CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,NOTES
C1,1,2015-02-01,WBRI,,,,x
C2,2,01/01/2016,WBRI,,,,
C3,1,10/05/2010,WBRI,,,,
C4,2,01/03/2009,WBRI,,,,
C5,2,01/09/2012,WBRI,,,,
C6,1,31/03/2023,WBRI,,,,
C7,M,01/01/2006,WBRI,,,,
";

const EPISODES_2023: &str = "\
CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
C3,01/06/2022,S,C2,N1,U4,PR1,,,,PR1 2HE,BB11 1AA,
C5,01/01/2022,S,V2,N4,U4,PR1,01/06/2022,E11,,PR1,PR2,
";

/// Worked by hand for 31 March 2024:
/// - C1 enters that day: in care, care and placement start 2024-03-31.
/// - C2 leaves that day: not in care.
/// - C3 open since June 2022 (in both years' files: counted once), council foster carer.
/// - C4 in a children's home from January 2023 "until June 2024", but moved to agency
///   fostering on 1 March 2024: the first episode is cut there; on the day, fostering.
/// - C5 left in 2022 and came back on 1 January 2024: care starts again then.
/// - C6 (a baby) changed legal status only on 1 February 2024: one placement from 2023-04-01.
/// - C7 is 18 with an episode still open: not counted, warned.
const EPISODES_2024: &str = "\
CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
C1,31/03/2024,S,C1,N1,U6,PR4,,,,PR1,M1 1AA,
C2,01/01/2024,S,V2,N1,U4,PR1,31/03/2024,E11,,PR1,PR1,
C3,01/06/2022,S,C2,N1,U4,PR1,,,,PR1 2HE,BB11 1AA,
C4,01/01/2023,S,C2,N1,K2,PR4,01/06/2024,X1,CARPL,BB1,ZZ99 9ZZ,
C4,01/03/2024,P,C2,N1,U6,PR4,,,,BB1,BB2,
C5,01/01/2024,S,C2,N1,K3,PR4,,,,PR1,PR1,
C6,01/04/2023,S,C1,N1,U4,PR1,01/02/2024,X1,,PR1,PR2,
C6,01/02/2024,L,C2,N1,U4,PR1,,,,PR1,PR2,
C7,01/01/2020,S,C2,N1,U4,PR1,,,,PR1,PR1,
";

fn write_return(dir: &Path) {
    std::fs::write(dir.join("2023_header.csv"), HEADER_2023).expect("write");
    std::fs::write(dir.join("2024_header.csv"), HEADER_2024).expect("write");
    std::fs::write(dir.join("2023_episodes.csv"), EPISODES_2023).expect("write");
    std::fs::write(dir.join("2024_Episodes.CSV"), EPISODES_2024).expect("write");
}

fn d(s: &str) -> Date {
    Date::parse(s).expect("test date")
}

#[test]
fn the_stock_on_a_date_is_worked_by_hand() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_return(dir.path());
    let ret = Return::load(dir.path()).expect("the hand-made return loads");
    assert_eq!(ret.cleaning.rows_read, 11);
    assert_eq!(ret.cleaning.duplicates_dropped, 1, "C3 in both years");
    assert_eq!(ret.cleaning.overlaps_cut, 1, "C4's children's home");
    assert_eq!(ret.cleaning.legal_status_joined, 1, "C6's legal status");
    assert!(
        ret.warnings.iter().any(|w| w.contains("'NOTES'")),
        "{:?}",
        ret.warnings
    );
    let stock = population::population(&ret, Some(d("2024-03-31")), "E10000017").expect("stock");
    let ids: Vec<&str> = stock.children.iter().map(|c| c.child_id.as_str()).collect();
    assert_eq!(ids, ["C1", "C3", "C4", "C5", "C6"]);
    assert_eq!(stock.warnings.aged_18_or_over, 1);
    let by = |id: &str| {
        stock
            .children
            .iter()
            .find(|c| c.child_id == id)
            .expect("in care")
    };
    let c1 = by("C1");
    assert_eq!(
        (c1.care_start, c1.placement_start),
        (d("2024-03-31"), d("2024-03-31"))
    );
    assert_eq!(
        (c1.age, c1.age_band, c1.kind),
        (9, "5-9", Some("foster_agency"))
    );
    assert_eq!(c1.placement_district.as_deref(), Some("M1"));
    assert_eq!(c1.out_of_area, Some(true), "Manchester is not Lancashire");
    let c3 = by("C3");
    assert_eq!(c3.kind, Some("foster_inhouse"));
    assert_eq!(c3.out_of_area, Some(false), "Burnley is in Lancashire");
    let km = c3.distance_km.expect("both districts known");
    assert!((30.0..40.0).contains(&km), "Preston to Burnley: {km}");
    let c4 = by("C4");
    assert_eq!(c4.category, Category::Fostering);
    assert_eq!(
        (c4.care_start, c4.placement_start),
        (d("2023-01-01"), d("2024-03-01"))
    );
    assert_eq!(c4.age_band, "10-15");
    let c5 = by("C5");
    assert_eq!(
        c5.care_start,
        d("2024-01-01"),
        "a re-entry starts a new period of care"
    );
    assert_eq!(
        (c5.category, c5.kind),
        (Category::Supported, Some("supported_16plus"))
    );
    let c6 = by("C6");
    assert_eq!((c6.age, c6.age_band), (1, "1-4"));
    assert_eq!(
        c6.placement_start,
        d("2023-04-01"),
        "a legal status change is no move"
    );
    // C4's first episode's placement postcode was unplaceable, but C4 is counted by the
    // episode open on the day (BB2), so no warning comes from it today.
    assert_eq!(stock.warnings.placement_postcode_unknown, 0);
}

#[test]
fn the_day_before_and_after_a_change() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_return(dir.path());
    let ret = Return::load(dir.path()).expect("loads");
    let on = |day: &str| {
        population::population(&ret, Some(d(day)), "E10000017")
            .expect("stock")
            .children
            .iter()
            .map(|c| (c.child_id.clone(), c.place.clone()))
            .collect::<Vec<_>>()
    };
    // 30 March: C1 not yet in care, C2 still in care.
    let before = on("2024-03-30");
    assert!(before.iter().any(|(c, _)| c == "C2"));
    assert!(!before.iter().any(|(c, _)| c == "C1"));
    // 29 February: C4 still in the children's home (the move was on 1 March).
    let feb = on("2024-02-29");
    assert!(
        feb.contains(&("C4".to_string(), "K2".to_string())),
        "{feb:?}"
    );
    // June 2022: C5 left on 1 June, so not in care that day; C3 started that day.
    let june = on("2022-06-01");
    assert!(!june.iter().any(|(c, _)| c == "C5"));
    assert!(june.iter().any(|(c, _)| c == "C3"));
}

#[test]
fn the_command_prints_the_stock_and_writes_its_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_return(dir.path());
    let out = dir.path().join("out");
    let run = righthome()
        .args(["population", "--at", "31/03/2024", "--ssda903"])
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let table = String::from_utf8_lossy(&run.stdout);
    assert!(
        table.contains("Children in care on 2024-03-31: 5"),
        "{table}"
    );
    // fostering: C1 (5-9), C3 (10-15, 13), C4 (10-15, 15), C6 (1-4); supported: C5 (10-15).
    assert!(
        table
            .lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>()
                == ["fostering", "0", "1", "1", "2", "0", "4"]),
        "{table}"
    );
    let csv = std::fs::read_to_string(out.join("population.csv")).expect("population.csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "child_id,age,sex,age_band,place,provider,category,kind,care_start,placement_start,\
             home_district,placement_district,distance_km,out_of_area"
        )
    );
    assert_eq!(lines.count(), 5);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("population.json")).expect("json"))
            .expect("valid JSON");
    assert_eq!(json["children_in_care"], 5);
    assert_eq!(json["cleaning"]["duplicates_dropped"], 1);
}

#[test]
fn every_problem_is_reported_with_its_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("header.csv"),
        "CHILD,SEX,DOB\nA,3,01/01/2010\nB,1,31/02/2010\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("episodes.csv"),
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n\
         A,01/01/2020,S,C2,N1,X9,PR1,,,,,,\r\n\
         A,01/01/2021,S,C2,N1,U4,PR1,01/01/2020,E11,,,,\r\n\
         Z,01/01/2021,S,C2,N1,U4,PR1,,,,,,\r\n",
    )
    .expect("write");
    let run = righthome()
        .args(["population", "--ssda903"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    for expected in [
        "header.csv:2: column 'SEX': value '3'",
        "header.csv:3: column 'DOB': value '31/02/2010'",
        "episodes.csv:2: column 'PLACE': value 'X9'",
        "error[E042]",
        "episodes.csv:3: column 'DEC'",
        "error[E041]",
        "episodes.csv:4: column 'CHILD': value 'Z'",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in\n{err}");
    }
    assert!(run.stdout.is_empty());
}

#[test]
fn a_directory_without_the_tables_says_what_it_needs() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("notes.txt"), "hello").expect("write");
    let run = righthome()
        .args(["population", "--ssda903"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("error[E040]") && err.contains("episodes"),
        "{err}"
    );
}

/// The public validator's fake return (real columns and codes, random postcodes): it reads
/// without errors, and its postcodes, which exist nowhere, are counted as warnings.
#[test]
fn the_validators_fake_return_reads_with_its_postcodes_counted() {
    // A copy of ../shared/data/ssda903-fake (MIT licence and provenance beside it).
    let fake = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ssda903-fake");
    let ret = Return::load(&fake).expect("the fake return loads without errors");
    assert_eq!(ret.cleaning.rows_read, 5050);
    let stock = population::population(&ret, None, "E10000017").expect("stock");
    assert!(!stock.children.is_empty());
    assert!(stock.warnings.home_postcode_unknown > 0);
    let total: usize = stock
        .counts()
        .iter()
        .filter(|(c, b, _)| *c != "all" && *b != "all")
        .map(|(_, _, n)| n)
        .sum();
    assert_eq!(total, stock.children.len());
}

/// The bundled return is what `generate --ssda903 --seed 42` makes, and its stock follows the
/// published Lancashire counts it was calibrated to (within 5%).
#[test]
fn the_bundled_return_is_generated_and_calibrated() {
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/lancashire/ssda903");
    let made = righthome::population::synthetic::generate_return(
        righthome::population::synthetic::LifeHistory::default(),
        42,
        righthome::io::councils::LANCASHIRE,
    );
    assert_eq!(made.len(), 18, "six years of header, episodes and uasc");
    for (name, text) in &made {
        let file = std::fs::read_to_string(bundled.join(name)).expect("bundled table");
        assert!(
            file == *text,
            "{name} is not what the generator makes with seed 42"
        );
    }
    let ret = Return::load(&bundled).expect("the bundled return loads");
    assert!(
        ret.cleaning.duplicates_dropped > 0,
        "years overlap, as real returns do"
    );
    for (day, published) in [
        ("2019-03-31", 2127.0),
        ("2021-03-31", 2006.0),
        ("2023-11-30", 1787.0),
        ("2025-03-31", 1699.0),
    ] {
        let n = population::population(&ret, Some(d(day)), "E10000017")
            .expect("stock")
            .children
            .len() as f64;
        assert!(
            (n - published).abs() / published < 0.05,
            "{day}: {n} in care, published {published}"
        );
    }
}
