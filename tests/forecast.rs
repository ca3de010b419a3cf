//! The forecast on a return whose rates are known: a synthetic return generated day by day with
//! constant entry and exit rates. The fitted rates fall within their sampling error, no trend is
//! seen where there is none, and the forecast mean follows the known expectation. Backtest and
//! forecast files are byte-identical for any thread count.

use assert_cmd::Command;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Poisson};
use righthome::population::{Date, Return, backtest, rates};
use std::fmt::Write as _;
use std::path::Path;

/// Entries per week (all aged 1-3 on entry, fostered with the council's carers).
const ENTRIES_PER_WEEK: f64 = 10.0;
/// Probability that a child in care leaves in a given week.
const EXIT_PER_WEEK: f64 = 0.01;

/// Eight years of a return, 1 April 2016 to 31 March 2024, simulated day by day.
fn write_constant_rate_return(dir: &Path, seed: u64) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let start = Date::parse("2016-04-01").expect("date");
    let end = Date::parse("2024-03-31").expect("date");
    let daily_exit = 1.0 - (1.0 - EXIT_PER_WEEK).powf(1.0 / 7.0);
    let arrivals = Poisson::new(ENTRIES_PER_WEEK / 7.0).expect("rate");
    let mut header = String::from("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n");
    let mut episodes = String::from(
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n",
    );
    let mut n = 0;
    let mut day = start;
    while day < end {
        let arriving = arrivals.sample(&mut rng) as u32;
        for _ in 0..arriving {
            n += 1;
            let age_days = rng.random_range(365..4 * 365);
            let dob = day.plus_days(-age_days);
            // Days until leaving: geometric with the daily exit probability.
            let mut left = day;
            loop {
                left = left.plus_days(1);
                if left >= end || rng.random::<f64>() < daily_exit {
                    break;
                }
            }
            let _ = writeln!(header, "K{n},{},{dob},WBRI,,,", 1 + n % 2);
            if left < end {
                let _ = writeln!(episodes, "K{n},{day},S,C2,N1,U4,PR1,{left},E11,,PR1,PR2,");
            } else {
                let _ = writeln!(episodes, "K{n},{day},S,C2,N1,U4,PR1,,,,PR1,PR2,");
            }
        }
        day = day.plus_days(1);
    }
    std::fs::write(dir.join("header.csv"), header).expect("write");
    std::fs::write(dir.join("episodes.csv"), episodes).expect("write");
}

#[test]
fn fitted_rates_fall_within_their_sampling_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_constant_rate_return(dir.path(), 11);
    let ret = Return::load(dir.path()).expect("loads");
    let from = Date::parse("2024-03-31").expect("date");
    let known = ret.known_on(from);
    let r = rates::estimate(&known.episodes, &known.children, from, 104);
    // Entries: all aged 1-3, so band 1 ("1-4"). Poisson: sd of the weekly mean is sqrt(n)/104.
    let e = r.entries[1];
    let se = e.events.sqrt() / 104.0;
    assert!(
        (e.rate() - ENTRIES_PER_WEEK).abs() < 3.5 * se + 0.1,
        "entries {} per week, expected {ENTRIES_PER_WEEK} +- {se}",
        e.rate()
    );
    assert_eq!(
        r.entries[0].events + r.entries[2].events + r.entries[3].events,
        0.0
    );
    assert_eq!(r.entry_trend[1], 1.0, "no trend in constant rates");
    // Exits, pooled over every band and time in care (the rate is the same in all of them).
    let (mut events, mut exposure) = (0.0, 0.0);
    for band in r.exits {
        for cat in band {
            for cell in cat {
                events += cell.events;
                exposure += cell.exposure_weeks;
            }
        }
    }
    let p = events / exposure;
    let se = (EXIT_PER_WEEK * (1.0 - EXIT_PER_WEEK) / exposure).sqrt();
    assert!(
        (p - EXIT_PER_WEEK).abs() < 3.5 * se,
        "exit {p} per week, expected {EXIT_PER_WEEK} +- {se}"
    );
    // Everyone is fostered throughout: no moves between categories.
    let moves: f64 = r.moves.iter().flatten().flatten().map(|c| c.events).sum();
    assert_eq!(moves, 0.0);
}

#[test]
fn the_forecast_mean_follows_the_known_expectation() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_constant_rate_return(dir.path(), 12);
    let ret = Return::load(dir.path()).expect("loads");
    let from = Date::parse("2024-03-31").expect("date");
    let settings = backtest::Settings {
        weeks: 52,
        replications: 200,
        seed: 5,
        window_weeks: 104,
    };
    let run = backtest::run_forecast(&ret, from, settings).expect("forecast");
    let all = |week: u32| {
        run.bands
            .iter()
            .find(|b| b.week == week && b.category == "all" && b.age_band == "all")
            .expect("row")
            .clone()
    };
    let s0 = all(0).mean;
    // Each week: stay with probability q, then the week's entrants arrive.
    let q: f64 = 1.0 - EXIT_PER_WEEK;
    let expected = s0 * q.powi(52) + ENTRIES_PER_WEEK * (1.0 - q.powi(52)) / EXIT_PER_WEEK;
    let at52 = all(52);
    assert!(
        (at52.mean - expected).abs() / expected < 0.04,
        "week 52 mean {} against the expected {expected}",
        at52.mean
    );
    assert!(
        at52.p5 <= expected && expected <= at52.p95,
        "{} .. {} should hold {expected}",
        at52.p5,
        at52.p95
    );
    assert_eq!(all(0).p5, all(0).p95, "week 0 is the known stock");
    // Every week has every category x band and the totals.
    assert_eq!(run.bands.len(), 53 * 5 * 6);
}

#[test]
fn forecast_and_backtest_files_are_the_same_for_any_thread_count() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("return");
    std::fs::create_dir(&data).expect("dir");
    write_constant_rate_return(&data, 13);
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let out = dir.path().join(format!("out{threads}"));
        let run = Command::cargo_bin("righthome")
            .expect("binary")
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "forecast",
                "--from",
                "2023-03-31",
                "--weeks",
                "20",
                "--replications",
                "30",
            ])
            .arg("--ssda903")
            .arg(&data)
            .arg("--out")
            .arg(&out)
            .output()
            .expect("runs");
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        outputs.push((
            std::fs::read(out.join("forecast.csv")).expect("forecast.csv"),
            std::fs::read(out.join("rates.csv")).expect("rates.csv"),
        ));
        let bt = Command::cargo_bin("righthome")
            .expect("binary")
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "backtest",
                "--at",
                "2024-03-31",
                "--weeks",
                "26",
                "--replications",
                "30",
            ])
            .arg("--ssda903")
            .arg(&data)
            .output()
            .expect("runs");
        assert!(bt.status.success());
        outputs.push((bt.stdout, Vec::new()));
    }
    assert!(
        outputs[0] == outputs[2],
        "forecast files differ between 1 and 2 threads"
    );
    assert!(
        outputs[1] == outputs[3],
        "backtest differs between 1 and 2 threads"
    );
    let text = String::from_utf8_lossy(&outputs[1].0);
    assert!(text.contains("Mean absolute percentage error"), "{text}");
}

#[test]
fn out_of_range_settings_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_constant_rate_return(dir.path(), 14);
    for (flag, value) in [
        ("--weeks", "0"),
        ("--weeks", "100000"),
        ("--replications", "0"),
    ] {
        let mut args = vec!["forecast", "--from", "2023-03-31", "--weeks", "10"];
        if flag == "--weeks" {
            args[4] = value;
        } else {
            args.extend([flag, value]);
        }
        let run = Command::cargo_bin("righthome")
            .expect("binary")
            .args(&args)
            .arg("--ssda903")
            .arg(dir.path())
            .output()
            .expect("runs");
        assert_eq!(run.status.code(), Some(1), "{flag} {value}");
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(err.contains(flag), "{err}");
    }
}
