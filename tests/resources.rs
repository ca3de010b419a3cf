//! Bounded time and memory on hostile input: `/dev/zero` as children.csv, a 2 GB sparse
//! file, a FIFO, and extreme scenario values each end within a few seconds with a clear
//! error, and the process's peak memory (measured by `/usr/bin/time`, where installed) stays
//! small. Run with `--nocapture` to see the figures.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Peak resident memory allowed, KiB: the binary with the postcode directory loaded uses
/// well under this; reading a 2 GB file would use twenty times more.
const MAX_RSS_KIB: u64 = 100 * 1024;

fn fixture(dir: &Path) {
    for name in ["children.csv", "homes.csv"] {
        std::fs::copy(Path::new("tests/fixtures/small").join(name), dir.join(name))
            .expect("copy fixture");
    }
}

/// Run the binary with `args`; (exit code, stderr, seconds, peak RSS in KiB if measured).
fn measure(args: &[&std::ffi::OsStr]) -> (Option<i32>, String, f64, Option<u64>) {
    let bin = assert_cmd::cargo::cargo_bin("righthome");
    let timed = Path::new("/usr/bin/time").exists();
    let report = tempfile::NamedTempFile::new().expect("temp file");
    let mut command = if timed {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f").arg("%M").arg("-o").arg(report.path()).arg(&bin);
        c
    } else {
        Command::new(&bin)
    };
    command.args(args);
    let started = Instant::now();
    let mut child = command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawns");
    // Never wait forever: a blocked read is the failure this test is for.
    let deadline = started + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{args:?} still running after 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let seconds = started.elapsed().as_secs_f64();
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut stderr)
        .expect("stderr text");
    let rss = timed
        .then(|| std::fs::read_to_string(report.path()).ok())
        .flatten()
        .and_then(|t| t.lines().last().and_then(|l| l.trim().parse().ok()));
    // /usr/bin/time passes the exit code through.
    (status.code(), stderr, seconds, rss)
}

fn check(label: &str, args: &[&std::ffi::OsStr], code: &str) {
    let (exit, stderr, seconds, rss) = measure(args);
    println!(
        "{label}: exit {exit:?}, {seconds:.2} s, peak RSS {} KiB",
        rss.map_or("?".to_string(), |r| r.to_string())
    );
    assert_eq!(exit, Some(1), "{label}: {stderr}");
    assert!(
        stderr.contains(&format!("error[{code}]")),
        "{label}: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{label}: {stderr}");
    assert!(seconds < 5.0, "{label} took {seconds} s");
    if let Some(rss) = rss {
        assert!(rss < MAX_RSS_KIB, "{label}: peak RSS {rss} KiB");
    }
}

fn validate_args(dir: &Path) -> Vec<std::ffi::OsString> {
    vec!["validate".into(), "--data".into(), dir.into()]
}

fn os(v: &[std::ffi::OsString]) -> Vec<&std::ffi::OsStr> {
    v.iter().map(|s| s.as_os_str()).collect()
}

#[cfg(unix)]
#[test]
fn dev_zero_sparse_file_and_fifo_end_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    fixture(dir.path());
    let children = dir.path().join("children.csv");

    std::fs::remove_file(&children).expect("rm");
    std::os::unix::fs::symlink("/dev/zero", &children).expect("symlink");
    check(
        "/dev/zero as children.csv",
        &os(&validate_args(dir.path())),
        "E008",
    );

    std::fs::remove_file(&children).expect("rm");
    std::fs::File::create(&children)
        .expect("create")
        .set_len(2 << 30)
        .expect("sparse 2 GB");
    check(
        "2 GB sparse children.csv",
        &os(&validate_args(dir.path())),
        "E009",
    );
    // Raising the cap above the file's size is the user's choice; the cap still holds.
    let mut raised = vec!["--max-input-mib".into(), "1024".into()];
    raised.extend(validate_args(dir.path()));
    check("2 GB sparse, cap raised to 1 GiB", &os(&raised), "E009");

    std::fs::remove_file(&children).expect("rm");
    let status = Command::new("mkfifo")
        .arg(&children)
        .status()
        .expect("mkfifo");
    assert!(status.success());
    check(
        "FIFO as children.csv",
        &os(&validate_args(dir.path())),
        "E008",
    );
}

#[test]
fn extreme_scenario_values_are_refused_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    fixture(dir.path());
    let scenario = dir.path().join("scenario.toml");
    for (label, body) in [
        (
            "referrals_per_week = 1e9",
            "[demand]\nreferrals_per_week = 1e9\n",
        ),
        (
            "vacancies_per_week = 1e12",
            "[supply]\nvacancies_per_week = 1e12\n",
        ),
        (
            "complexity = [1e308, 1e308, 0, 0]",
            "[demand]\ncomplexity = [1e308, 1e308, 0, 0]\n",
        ),
        (
            "count = 4000000000",
            "[[supply.add]]\nkind = \"foster_inhouse\"\ndistrict = \"Burnley\"\ncount = 4000000000\nweekly_cost = 500.0\n",
        ),
        (
            "horizon_weeks = 4000000000",
            "[run]\nhorizon_weeks = 4000000000\n",
        ),
        (
            "replications = 4000000000",
            "[run]\nreplications = 4000000000\n",
        ),
    ] {
        std::fs::write(&scenario, format!("base = \".\"\n{body}")).expect("write");
        let args: Vec<std::ffi::OsString> =
            vec!["scenario".into(), "run".into(), scenario.clone().into()];
        check(label, &os(&args), "E031");
    }
    let profile = std::fs::read_to_string("data/lancashire/profile.toml")
        .expect("profile")
        .replacen("children = 60", "children = 4000000000", 1);
    let path = dir.path().join("profile.toml");
    std::fs::write(&path, profile).expect("write");
    let out = dir.path().join("out");
    let args: Vec<std::ffi::OsString> = vec![
        "generate".into(),
        "--profile".into(),
        path.into(),
        "--out".into(),
        out.clone().into(),
    ];
    check("profile children = 4000000000", &os(&args), "E031");
    assert!(!out.exists());
}
