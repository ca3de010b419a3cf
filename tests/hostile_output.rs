//! The output side of the hostile corpus: every case with its exact outcome (exit code,
//! message, and the whole tree on disk afterwards: nothing outside --out, no temporary or
//! lock files, inputs unchanged). Ids are validated at load, so text that reaches outputs
//! from the command line is tried here through free-text fields (scenario names and file
//! names); hostile ids are tried through the library, where load's validation is bypassed.

mod common;

use common::cli::{contents, copy_fixture, righthome, tree};
use std::path::{Path, PathBuf};

/// A temporary root holding a copy of the small fixture (`small/`).
struct Root {
    dir: tempfile::TempDir,
}

impl Root {
    fn new() -> Root {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_fixture("small", dir.path());
        Root { dir }
    }
    fn path(&self) -> &Path {
        self.dir.path()
    }
    fn join(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }
    fn data(&self) -> PathBuf {
        self.join("small")
    }
    /// `righthome ARGS` (with `{root}` in an argument replaced by the root), in the root.
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let root = self.path().to_string_lossy().into_owned();
        let args: Vec<String> = args.iter().map(|a| a.replace("{root}", &root)).collect();
        let out = righthome()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(&args)
            .output()
            .expect("runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
    /// The whole tree, minus the fixture's two files.
    fn extra(&self) -> Vec<String> {
        tree(self.path())
            .into_iter()
            .filter(|n| {
                !matches!(
                    n.as_str(),
                    "small/" | "small/children.csv" | "small/homes.csv"
                )
            })
            .collect()
    }
    fn inputs_unchanged(&self) {
        assert_eq!(
            contents(&self.data()),
            contents(Path::new("tests/fixtures/small")),
            "inputs unchanged"
        );
    }
    /// A scenario on the small fixture in `scen/FILE`, with `name` (TOML text) if given.
    fn scenario(&self, file: &str, name: Option<&str>) -> PathBuf {
        let dir = self.join("scen");
        std::fs::create_dir_all(&dir).expect("mkdir");
        let toy = std::fs::read_to_string("tests/fixtures/scenarios/toy.toml").expect("toy");
        let mut text: String = toy
            .lines()
            .filter(|l| !l.starts_with("name =") && !l.starts_with("base ="))
            .map(|l| format!("{l}\n"))
            .collect();
        text = format!("base = \"../small\"\n{text}");
        if let Some(name) = name {
            text = format!("name = {name}\n{text}");
        }
        let path = dir.join(file);
        std::fs::write(&path, text).expect("write scenario");
        path
    }
}

const MATCH_SET: [&str; 5] = [
    "out/",
    "out/matches.csv",
    "out/pairs.csv",
    "out/summary.json",
    "out/unplaced.csv",
];

fn refused(root: &Root, args: &[&str], message: &str) {
    let (code, stdout, stderr) = root.run(args);
    assert_eq!(code, 1, "{args:?}: {stderr}");
    assert_eq!(stdout, "", "{args:?}");
    assert_eq!(stderr, format!("righthome: {message}\n"), "{args:?}");
    root.inputs_unchanged();
}

// --- Arguments refused before anything is read or written -------------------------------

#[test]
fn bad_time_limits_are_refused_and_nothing_is_written() {
    for (value, shown) in [("0", "0"), ("-1", "-1"), ("NaN", "NaN"), ("inf", "inf")] {
        for command in ["match", "options"] {
            let root = Root::new();
            refused(
                &root,
                &[
                    command,
                    "--data",
                    "{root}/small",
                    "--out",
                    "{root}/out",
                    &format!("--time-limit={value}"),
                ],
                &format!("--time-limit must be a number of seconds above 0, not {shown}"),
            );
            assert_eq!(root.extra(), Vec::<String>::new(), "{command} {value}");
        }
    }
}

#[test]
fn replications_out_of_range_are_refused() {
    for n in ["0", "10001"] {
        let root = Root::new();
        let s = root.scenario("s.toml", None);
        let s = s.to_string_lossy();
        refused(
            &root,
            &[
                "scenario",
                "run",
                &s,
                "--replications",
                n,
                "--out",
                "{root}/out",
            ],
            &format!("--replications must be 1 to 10000, not {n}"),
        );
        assert_eq!(root.extra(), ["scen/", "scen/s.toml"]);
    }
}

#[test]
fn report_scenario_needs_an_out_directory() {
    let root = Root::new();
    let s = root.scenario("s.toml", None);
    refused(
        &root,
        &["report", "scenario", &s.to_string_lossy()],
        "report scenario needs --out DIR",
    );
}

#[test]
fn a_malformed_sweep_is_refused_and_leaves_no_lock() {
    let root = Root::new();
    let s = root.scenario("s.toml", None);
    refused(
        &root,
        &[
            "scenario",
            "sweep",
            &s.to_string_lossy(),
            "--vary",
            "nonsense",
            "--out",
            "{root}/out",
        ],
        "--vary 'nonsense': expected KEY=START..END:STEP, such as supply.add[0].count=0..60:10",
    );
    assert_eq!(root.extra(), ["scen/", "scen/s.toml"]);
}

#[test]
fn an_unknown_child_with_terminal_escapes_is_shown_escaped() {
    let root = Root::new();
    let (code, _, stderr) = root.run(&[
        "options",
        "--data",
        "{root}/small",
        "--child",
        "\u{1b}[2J\u{202e}X",
    ]);
    assert_eq!(code, 1);
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{202e}'),
        "{stderr:?}"
    );
    assert!(
        stderr.contains("no child with id '\\u{1b}[2J\\u{202e}X'"),
        "{stderr}"
    );
}

// --- An --out that cannot take a set ------------------------------------------------------

#[test]
fn an_out_that_is_a_file_is_refused_and_kept() {
    let root = Root::new();
    std::fs::write(root.join("out"), "keep me").expect("write");
    let out = root.join("out");
    refused(
        &root,
        &["match", "--data", "{root}/small", "--out", "{root}/out"],
        &format!("{} exists and is not a directory", out.display()),
    );
    assert_eq!(std::fs::read_to_string(out).expect("read"), "keep me");
    assert_eq!(root.extra(), ["out"]);
}

#[test]
fn an_out_equal_to_the_data_is_refused_for_every_command() {
    for command in [&["match"][..], &["options"], &["report", "match"]] {
        let root = Root::new();
        let mut args: Vec<&str> = command.to_vec();
        args.extend(["--data", "{root}/small", "--out", "{root}/small", "--force"]);
        let (code, _, stderr) = root.run(&args);
        assert_eq!(code, 1, "{command:?}");
        assert!(stderr.contains("would overwrite the input"), "{stderr}");
        root.inputs_unchanged();
        assert_eq!(root.extra(), Vec::<String>::new());
    }
}

#[test]
fn an_out_holding_an_input_file_is_refused() {
    for flag in ["--children", "--homes", "--policy"] {
        let root = Root::new();
        let out = root.join("out");
        std::fs::create_dir(&out).expect("mkdir");
        let file = match flag {
            "--children" => "children.csv",
            "--homes" => "homes.csv",
            _ => "policy.toml",
        };
        let source = if file == "policy.toml" {
            "data/lancashire/policy.toml".into()
        } else {
            root.data().join(file)
        };
        std::fs::copy(source, out.join(file)).expect("copy");
        let before = contents(&out);
        let (code, _, stderr) = root.run(&[
            "match",
            "--data",
            "{root}/small",
            flag,
            &out.join(file).to_string_lossy(),
            "--out",
            "{root}/out",
            "--force",
        ]);
        assert_eq!(code, 1, "{flag}");
        assert_eq!(
            stderr,
            format!(
                "righthome: --out {} would overwrite the input {}: choose an --out directory that holds none of the inputs\n",
                out.display(),
                out.join(file).display()
            )
        );
        assert_eq!(contents(&out), before, "{flag}: input untouched");
        assert_eq!(root.extra(), ["out/".to_string(), format!("out/{file}")]);
    }
}

#[test]
fn a_scenario_run_cannot_write_over_its_base_data_or_its_own_file() {
    for target in ["small", "scen"] {
        let root = Root::new();
        let s = root.scenario("s.toml", None);
        let out = format!("{{root}}/{target}");
        let (code, _, stderr) = root.run(&[
            "scenario",
            "run",
            &s.to_string_lossy(),
            "--out",
            &out,
            "--force",
        ]);
        assert_eq!(code, 1, "{target}");
        assert!(stderr.contains("would overwrite the input"), "{stderr}");
        root.inputs_unchanged();
        assert_eq!(root.extra(), ["scen/", "scen/s.toml"]);
    }
}

#[test]
fn generate_cannot_write_over_its_profile() {
    let root = Root::new();
    std::fs::create_dir(root.join("p")).expect("mkdir");
    std::fs::copy("data/lancashire/profile.toml", root.join("p/profile.toml")).expect("copy");
    let (code, _, stderr) = root.run(&[
        "generate",
        "--profile",
        "{root}/p/profile.toml",
        "--out",
        "{root}/p",
        "--force",
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("would overwrite the input"), "{stderr}");
    assert_eq!(root.extra(), ["p/", "p/profile.toml"]);
}

#[test]
fn an_out_holding_a_directory_is_refused_before_any_work() {
    for sub in ["sub", "matches.csv"] {
        let root = Root::new();
        std::fs::create_dir_all(root.join("out").join(sub)).expect("mkdir");
        let out = root.join("out");
        refused(
            &root,
            &[
                "match",
                "--data",
                "{root}/small",
                "--out",
                "{root}/out",
                "--force",
            ],
            &format!(
                "{} holds a directory, '{sub}': an output set is swapped in whole, so --out must hold files only; choose another --out directory",
                out.display()
            ),
        );
        assert_eq!(root.extra(), ["out/".to_string(), format!("out/{sub}/")]);
    }
}

#[test]
fn an_earlier_set_is_refused_without_force_and_left_whole() {
    let root = Root::new();
    let args = ["match", "--data", "{root}/small", "--out", "{root}/out"];
    assert_eq!(root.run(&args).0, 0);
    let before = contents(&root.join("out"));
    let out = root.join("out");
    refused(
        &root,
        &args,
        &format!(
            "{} already holds matches.csv, pairs.csv, unplaced.csv and summary.json: choose another --out directory, or add --force to replace them",
            out.display()
        ),
    );
    assert_eq!(contents(&out), before);
    assert_eq!(root.extra(), MATCH_SET);
}

#[test]
fn earlier_child_sheets_alone_count_as_an_earlier_set() {
    let root = Root::new();
    let out = root.join("out");
    std::fs::create_dir(&out).expect("mkdir");
    for id in ["A", "B", "C"] {
        std::fs::write(out.join(format!("child-{id}.html")), id).expect("write");
    }
    refused(
        &root,
        &["options", "--data", "{root}/small", "--out", "{root}/out"],
        &format!(
            "{} already holds 3 earlier per-record file(s): choose another --out directory, or add --force to replace them",
            out.display()
        ),
    );
}

#[test]
fn a_second_run_into_a_locked_out_is_refused_at_once() {
    let root = Root::new();
    let out = root.join("out");
    let held = righthome::command::OutDir::open(&out, righthome::command::output_set::MATCH, false)
        .expect("lock");
    let started = std::time::Instant::now();
    let (code, _, stderr) = root.run(&["match", "--data", "{root}/small", "--out", "{root}/out"]);
    assert_eq!(code, 1);
    assert!(started.elapsed().as_secs() < 10, "refused at once");
    assert_eq!(
        stderr,
        format!(
            "righthome: another righthome run is writing {} (it holds {}): wait for it to finish, or choose another --out directory\n",
            out.display(),
            root.join(".out.righthome-lock").display()
        )
    );
    drop(held);
    assert_eq!(
        root.extra(),
        Vec::<String>::new(),
        "the lock is gone with its holder"
    );
}

// --- Sets replaced whole, other files kept ------------------------------------------------

#[test]
fn force_removes_stale_sheets_of_an_earlier_run() {
    let root = Root::new();
    let out = root.join("out");
    std::fs::create_dir(&out).expect("mkdir");
    for i in 0..55 {
        std::fs::write(out.join(format!("child-OLD{i}.html")), "stale").expect("write");
    }
    std::fs::write(out.join("options.csv"), "stale").expect("write");
    let (code, _, stderr) = root.run(&[
        "options",
        "--html",
        "--data",
        "{root}/small",
        "--out",
        "{root}/out",
        "--force",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, format!("Wrote 8 files to {}\n", out.display()));
    assert_eq!(
        root.extra(),
        [
            "out/",
            "out/child-C1.html",
            "out/child-C2.html",
            "out/child-C3.html",
            "out/child-C4.html",
            "out/choice_summary.json",
            "out/managers.html",
            "out/options.csv",
            "out/options.json",
        ]
    );
}

#[test]
fn force_keeps_files_that_are_not_the_sets() {
    let root = Root::new();
    let out = root.join("out");
    std::fs::create_dir(&out).expect("mkdir");
    std::fs::write(out.join("notes.txt"), "mine").expect("write");
    std::fs::write(out.join(".hidden"), "mine too").expect("write");
    assert_eq!(
        root.run(&["match", "--data", "{root}/small", "--out", "{root}/out"])
            .0,
        0
    );
    assert_eq!(
        root.run(&[
            "match",
            "--data",
            "{root}/small",
            "--out",
            "{root}/out",
            "--force"
        ])
        .0,
        0
    );
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).expect("read"),
        "mine"
    );
    let mut want: Vec<String> = MATCH_SET.iter().map(|s| s.to_string()).collect();
    want.extend(["out/.hidden".into(), "out/notes.txt".into()]);
    want.sort();
    assert_eq!(root.extra(), want);
}

#[test]
fn another_commands_set_beside_is_kept() {
    let root = Root::new();
    assert_eq!(
        root.run(&["match", "--data", "{root}/small", "--out", "{root}/out"])
            .0,
        0
    );
    let matched = contents(&root.join("out"));
    assert_eq!(
        root.run(&["options", "--data", "{root}/small", "--out", "{root}/out"])
            .0,
        0
    );
    let after = contents(&root.join("out"));
    for (name, bytes) in &matched {
        assert_eq!(after.get(name), Some(bytes), "{name} kept");
    }
    assert!(after.contains_key("options.csv") && after.contains_key("choice_summary.json"));
}

#[test]
fn a_report_beside_a_match_keeps_the_page_and_replaces_the_summary() {
    let root = Root::new();
    assert_eq!(
        root.run(&[
            "report",
            "match",
            "--data",
            "{root}/small",
            "--out",
            "{root}/out"
        ])
        .0,
        0
    );
    let (code, _, stderr) = root.run(&["match", "--data", "{root}/small", "--out", "{root}/out"]);
    assert_eq!(code, 1, "summary.json is in both sets: {stderr}");
    assert_eq!(
        root.run(&[
            "match",
            "--data",
            "{root}/small",
            "--out",
            "{root}/out",
            "--force"
        ])
        .0,
        0
    );
    let mut want: Vec<String> = MATCH_SET.iter().map(|s| s.to_string()).collect();
    want.push("out/match-report.html".into());
    want.sort();
    assert_eq!(root.extra(), want);
}

#[cfg(unix)]
#[test]
fn an_out_that_is_a_symlink_writes_into_its_target() {
    let root = Root::new();
    std::fs::create_dir(root.join("real")).expect("mkdir");
    std::os::unix::fs::symlink(root.join("real"), root.join("out")).expect("symlink");
    assert_eq!(
        root.run(&["match", "--data", "{root}/small", "--out", "{root}/out"])
            .0,
        0
    );
    assert!(root.join("out").is_symlink());
    assert_eq!(
        tree(&root.join("real")),
        ["matches.csv", "pairs.csv", "summary.json", "unplaced.csv"]
    );
}

#[test]
fn missing_parents_are_created_and_nothing_else_is_left() {
    let root = Root::new();
    let (code, _, stderr) =
        root.run(&["match", "--data", "{root}/small", "--out", "{root}/a/b/out"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        root.extra(),
        [
            "a/",
            "a/b/",
            "a/b/out/",
            "a/b/out/matches.csv",
            "a/b/out/pairs.csv",
            "a/b/out/summary.json",
            "a/b/out/unplaced.csv"
        ]
    );
    root.inputs_unchanged();
}

#[test]
fn leftovers_of_a_killed_run_are_removed_and_reported() {
    let root = Root::new();
    let leftover = root.join(".out.righthome-tmp-424242");
    std::fs::create_dir(&leftover).expect("mkdir");
    std::fs::write(leftover.join("pairs.csv"), "child ids").expect("write");
    std::fs::write(root.join(".out.righthome-lock"), "424242\n").expect("stale lock");
    let (code, _, stderr) = root.run(&["match", "--data", "{root}/small", "--out", "{root}/out"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "righthome: removed .out.righthome-tmp-424242, left in {} by an interrupted run\n",
            root.path().canonicalize().expect("canonical").display()
        )),
        "{stderr}"
    );
    assert_eq!(root.extra(), MATCH_SET);
}

#[test]
fn a_set_moved_aside_by_a_killed_swap_is_restored() {
    let root = Root::new();
    assert_eq!(
        root.run(&["match", "--data", "{root}/small", "--out", "{root}/out"])
            .0,
        0
    );
    let before = contents(&root.join("out"));
    std::fs::rename(root.join("out"), root.join(".out.righthome-old-424242")).expect("aside");
    let (code, _, stderr) = root.run(&["match", "--data", "{root}/small", "--out", "{root}/out"]);
    assert_eq!(code, 1, "the restored set is refused without --force");
    assert!(stderr.contains("already holds matches.csv"), "{stderr}");
    assert_eq!(contents(&root.join("out")), before);
    assert_eq!(root.extra(), MATCH_SET);
}

#[test]
fn generate_twice_needs_force() {
    let root = Root::new();
    let args = [
        "generate",
        "--children",
        "5",
        "--homes",
        "5",
        "--out",
        "{root}/g",
    ];
    assert_eq!(root.run(&args).0, 0);
    let (code, _, stderr) = root.run(&args);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("already holds children.csv, homes.csv and residents.csv"),
        "{stderr}"
    );
    let mut forced = args.to_vec();
    forced.push("--force");
    assert_eq!(root.run(&forced).0, 0);
    assert_eq!(
        root.extra(),
        ["g/", "g/children.csv", "g/homes.csv", "g/residents.csv"]
    );
}

// --- Escaping of free text that reaches outputs -------------------------------------------

#[test]
fn a_formula_scenario_name_is_neutralised_in_every_csv() {
    let root = Root::new();
    let s = root.scenario("s.toml", Some("'=HYPERLINK(\"http://x\",\"y\")'"));
    let (code, _, stderr) = root.run(&[
        "scenario",
        "run",
        &s.to_string_lossy(),
        "--out",
        "{root}/out",
    ]);
    assert_eq!(code, 0, "{stderr}");
    for file in ["summary.csv", "weekly.csv", "gap.csv"] {
        let text = std::fs::read_to_string(root.join("out").join(file)).expect("read");
        for line in text.lines().skip(1) {
            assert!(line.starts_with("\"'=HYPERLINK("), "{file}: {line}");
        }
    }
    let json = std::fs::read_to_string(root.join("out/summary.json")).expect("read");
    assert!(
        json.contains("\"scenario\": \"=HYPERLINK("),
        "JSON keeps the name as it is"
    );
}

#[test]
fn formula_prefixes_are_all_neutralised_and_numbers_kept() {
    for (name, cell) in [
        ("'+1+1'", "'+1+1"),
        ("'-1+1'", "'-1+1"),
        ("'@SUM(A1)'", "'@SUM(A1)"),
        ("\"\\tx\"", "'\tx"),
        ("'-0.5'", "-0.5"),
    ] {
        let root = Root::new();
        let s = root.scenario("s.toml", Some(name));
        assert_eq!(
            root.run(&[
                "scenario",
                "run",
                &s.to_string_lossy(),
                "--out",
                "{root}/out"
            ])
            .0,
            0
        );
        let text = std::fs::read_to_string(root.join("out/summary.csv")).expect("read");
        let row = text.lines().nth(1).expect("a row");
        assert!(row.starts_with(&format!("{cell},")), "{name}: {row}");
    }
}

#[test]
fn terminal_escapes_in_a_scenario_name_are_shown_not_obeyed() {
    for (name, shown) in [
        ("\"\\u001B[2Jx\"", "\\u{1b}[2Jx"),
        ("\"a\\u202Eb\"", "a\\u{202e}b"),
        ("\"\\u0007bell\"", "\\u{7}bell"),
    ] {
        let root = Root::new();
        let s = root.scenario("s.toml", Some(name));
        let (code, stdout, _) = root.run(&["scenario", "run", &s.to_string_lossy()]);
        assert_eq!(code, 0);
        assert!(
            stdout.starts_with(&format!("{shown}: 2 replications")),
            "{stdout}"
        );
        assert!(
            !stdout.chars().any(|c| c.is_control() && c != '\n'),
            "{stdout:?}"
        );
    }
}

fn dashboard_of(root: &Root, scenario: &Path) -> String {
    let (code, _, stderr) = root.run(&[
        "report",
        "scenario",
        &scenario.to_string_lossy(),
        "--out",
        "{root}/out",
    ]);
    assert_eq!(code, 0, "{stderr}");
    std::fs::read_to_string(root.join("out/dashboard.html")).expect("dashboard")
}

#[test]
fn script_in_a_scenario_name_does_not_reach_the_dashboard() {
    for name in [
        "'<svg onload=alert(1)>'",
        "'\" onmouseover=\"alert(1)'",
        "'</title><script>alert(1)</script>'",
    ] {
        let root = Root::new();
        let s = root.scenario("s.toml", Some(name));
        let html = dashboard_of(&root, &s);
        for raw in ["<svg onload", "\" onmouseover", "<script", "</title><"] {
            assert!(!html.contains(raw), "{name}: {raw} in the page");
        }
        assert!(
            html.contains("&lt;") || html.contains("&quot;"),
            "{name}: shown escaped"
        );
    }
}

#[test]
fn script_in_a_scenario_file_name_does_not_reach_the_dashboard() {
    let root = Root::new();
    let s = root.scenario("<svg onload=alert(1)>.toml", None);
    let html = dashboard_of(&root, &s);
    assert!(!html.contains("<svg onload"), "raw file name in the page");
    assert!(html.contains("&lt;svg onload=alert(1)&gt;"));
}

#[test]
fn nobody_placed_costs_zero_not_negative_zero() {
    let root = Root::new();
    let homes = std::fs::read_to_string(root.data().join("homes.csv")).expect("read");
    std::fs::write(
        root.data().join("homes.csv"),
        format!("{}\n", homes.lines().next().expect("header")),
    )
    .expect("w");
    let (code, stdout, _) = root.run(&["match", "--format", "json", "--data", "{root}/small"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("\"total_weekly_cost\": 0.0"), "{stdout}");
    assert!(!stdout.contains("-0"), "{stdout}");
}

// --- Interrupted runs -----------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn sigint_and_sigterm_remove_the_temporary_files() {
    for (signal, code) in [("INT", 130), ("TERM", 143)] {
        let root = Root::new();
        let s = root.scenario("s.toml", None);
        let text = std::fs::read_to_string(&s).expect("read");
        std::fs::write(&s, text.replace("horizon_weeks = 3", "horizon_weeks = 52")).expect("w");
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("righthome"))
            .args(["scenario", "run"])
            .arg(&s)
            .args(["--replications", "10000", "--out"])
            .arg(root.join("out"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        // The lock is taken first: once it exists, the run is under way.
        let started = std::time::Instant::now();
        while !root.join(".out.righthome-lock").exists() && started.elapsed().as_secs() < 20 {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
        let status = std::process::Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .expect("kill");
        assert!(status.success());
        let exit = child.wait().expect("wait");
        assert_eq!(exit.code(), Some(code), "{signal}");
        assert_eq!(
            root.extra(),
            ["scen/", "scen/s.toml"],
            "{signal}: nothing left"
        );
    }
}

#[test]
fn a_restored_set_is_reported_and_then_replaced_with_force() {
    let root = Root::new();
    assert_eq!(
        root.run(&["match", "--data", "{root}/small", "--out", "{root}/out"])
            .0,
        0
    );
    std::fs::rename(root.join("out"), root.join(".out.righthome-old-424243")).expect("aside");
    let (code, _, stderr) = root.run(&[
        "match",
        "--data",
        "{root}/small",
        "--out",
        "{root}/out",
        "--force",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.starts_with("righthome: restored the earlier output set from .out.righthome-old-424243, left by an interrupted run\n"),
        "{stderr}"
    );
    assert_eq!(root.extra(), MATCH_SET);
}
