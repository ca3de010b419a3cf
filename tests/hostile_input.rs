//! The hostile-input corpus (issue 13, input side): files an attacker or a clumsy export
//! would give, one case per table row, each with its exact expected outcome: the exit code,
//! the problem code, a fragment of the message, that no panic and no raw control character
//! reaches the terminal, that nothing was written to --out, and that the inputs are
//! unchanged. Each case runs the real binary on a copy of tests/fixtures/small.

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The command a case runs.
#[derive(Clone, Copy, Debug)]
enum Run {
    /// `match --data D --out OUT`
    Match,
    /// `validate --data D`
    Validate,
    /// `scenario run --replications 1 --out OUT D/scenario.toml`
    Scenario,
    /// `generate --profile D/profile.toml --out OUT --children 20 --homes 20`
    Generate,
}

struct Case {
    name: &'static str,
    run: Run,
    /// Lays the case's files over the fixture copy in the data directory.
    setup: fn(&Path),
    /// Extra arguments, before the command's own.
    args: &'static [&'static str],
    exit: i32,
    /// The problem code every reported problem must have (None for a success).
    code: Option<&'static str>,
    /// Must appear in the output (stderr on failure, stdout on success).
    fragment: &'static str,
    /// The exact number of problems reported, when stated.
    problems: Option<usize>,
}

// ---- helpers that lay files over the fixture ----

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), bytes).expect("write case file");
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).expect("read fixture")
}

fn csv_quote(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// Set `column` of data row `row` (1 = the first record) in `file`.
fn cell(dir: &Path, file: &str, row: usize, column: &str, value: &str) {
    let text = read(dir, file);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let index = lines[0]
        .split(',')
        .position(|c| c == column)
        .expect("column in fixture");
    let mut fields: Vec<String> = lines[row].split(',').map(str::to_string).collect();
    fields[index] = csv_quote(value);
    lines[row] = fields.join(",");
    write(dir, file, lines.join("\n") + "\n");
}

fn child(dir: &Path, column: &str, value: &str) {
    cell(dir, "children.csv", 1, column, value);
}

fn home(dir: &Path, column: &str, value: &str) {
    cell(dir, "homes.csv", 1, column, value);
}

fn line_ends(dir: &Path, file: &str, end: &str) {
    let text = read(dir, file).replace('\n', end);
    write(dir, file, text);
}

fn scenario(dir: &Path, body: &str) {
    write(dir, "scenario.toml", format!("base = \".\"\n{body}"));
}

/// The bundled county profile with `from` replaced by `to` (which must be found).
fn profile(dir: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string("data/lancashire/profile.toml").expect("profile");
    assert!(text.contains(from), "profile holds {from}");
    write(dir, "profile.toml", text.replacen(from, to, 1));
}

#[cfg(unix)]
fn symlink(dir: &Path, target: &str, name: &str) {
    let _ = std::fs::remove_file(dir.join(name));
    std::os::unix::fs::symlink(target, dir.join(name)).expect("symlink");
}

#[cfg(unix)]
fn fifo(dir: &Path, name: &str) {
    let _ = std::fs::remove_file(dir.join(name));
    let status = std::process::Command::new("mkfifo")
        .arg(dir.join(name))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

fn sparse(dir: &Path, name: &str, bytes: u64) {
    let file = std::fs::File::create(dir.join(name)).expect("create");
    file.set_len(bytes).expect("set_len");
}

const NO_ARGS: &[&str] = &[];

macro_rules! case {
    ($name:expr, $run:ident, $setup:expr, $exit:expr, $code:expr, $fragment:expr) => {
        Case {
            name: $name,
            run: Run::$run,
            setup: $setup,
            args: NO_ARGS,
            exit: $exit,
            code: $code,
            fragment: $fragment,
            problems: None,
        }
    };
    ($name:expr, $run:ident, $setup:expr, $exit:expr, $code:expr, $fragment:expr, $problems:expr) => {
        Case {
            name: $name,
            run: Run::$run,
            setup: $setup,
            args: NO_ARGS,
            exit: $exit,
            code: $code,
            fragment: $fragment,
            problems: Some($problems),
        }
    };
}

const E: Option<&str> = None;

#[rustfmt::skip]
fn cases() -> Vec<Case> {
    let mut cases = vec![
        // ---- ids: validated at load (E023) ----
        case!("id-path-traversal", Match, |d| child(d, "child_id", "x/../../../ESCAPED"), 1, Some("E023"), "column 'child_id': value 'x/../../../ESCAPED': expected an id of letters, digits, '-', '_' and '.' only (found '/')", 1 ),
        case!("id-slash", Match, |d| child(d, "child_id", "a/b"), 1, Some("E023"), "found '/'", 1 ),
        case!("id-backslash", Match, |d| child(d, "child_id", "a\\b"), 1, Some("E023"), "found '\\'", 1 ),
        case!("id-nul", Match, |d| child(d, "child_id", "C\u{0}1"), 1, Some("E023"), "value 'C\\u{0}1'", 1 ),
        case!("id-escape-sequence", Match, |d| child(d, "child_id", "C1\u{1b}[2J"), 1, Some("E023"), "value 'C1\\u{1b}[2J'", 1 ),
        case!("id-right-to-left-override", Match, |d| child(d, "child_id", "\u{202e}1C"), 1, Some("E023"), "value '\\u{202e}1C'", 1 ),
        case!("id-65-characters", Match, |d| child(d, "child_id", &"C".repeat(65)), 1, Some("E023"), "at most 64 characters (this one has 65)", 1 ),
        case!("id-5000-characters", Match, |d| child(d, "child_id", &"C".repeat(5000)), 1, Some("E023"), "(this one has 5000)", 1 ),
        case!("id-64-characters-accepted", Validate, |d| child(d, "child_id", &"C".repeat(64)), 0, E, "OK: 4 children" ),
        case!("id-leading-dot", Match, |d| child(d, "child_id", ".hidden"), 1, Some("E023"), "does not begin with '.'", 1 ),
        case!("id-dot-dot", Match, |d| child(d, "child_id", ".."), 1, Some("E023"), "does not begin with '.'", 1 ),
        case!("id-inner-dot-accepted", Validate, |d| child(d, "child_id", "C.1-a_b"), 0, E, "OK: 4 children" ),
        case!("id-space", Match, |d| child(d, "child_id", "C 1"), 1, Some("E023"), "found U+0020", 1 ),
        case!("id-tab", Match, |d| child(d, "child_id", "C\t1"), 1, Some("E023"), "found U+0009", 1 ),
        case!("id-formula-equals", Match, |d| child(d, "child_id", "=HYPERLINK(\"http://x\")"), 1, Some("E023"), "found '='", 1 ),
        case!("id-formula-plus", Match, |d| child(d, "child_id", "+1"), 1, Some("E023"), "found '+'", 1 ),
        case!("id-formula-at", Match, |d| child(d, "child_id", "@SUM"), 1, Some("E023"), "found '@'", 1 ),
        case!("id-non-ascii-letter", Match, |d| child(d, "child_id", "Zoë"), 1, Some("E023"), "found U+00EB", 1 ),
        case!("id-html", Match, |d| child(d, "child_id", "<script>"), 1, Some("E023"), "found '<'", 1 ),
        case!("home-id-slash", Match, |d| home(d, "home_id", "../H1"), 1, Some("E023"), "column 'home_id': value '../H1'", 1 ),
        case!("home-id-newline-quoted", Match, |d| home(d, "home_id", "H\n1"), 1, Some("E023"), "value 'H\\u{a}1'", 1 ),
        case!("sibling-group-semicolon", Match, |d| child(d, "sibling_group", "S;1"), 1, Some("E023"), "column 'sibling_group': value 'S;1'", 1 ),
        // ---- bounded reading (E008, E009, E001) ----
        case!("children-is-a-directory", Match, |d| { std::fs::remove_file(d.join("children.csv")).expect("rm"); std::fs::create_dir(d.join("children.csv")).expect("mkdir"); }, 1, Some("E008"), "value 'a directory'", 1 ),
        #[cfg(unix)]
        case!("children-is-dev-zero-symlink", Match, |d| symlink(d, "/dev/zero", "children.csv"), 1, Some("E008"), "value 'a device'", 1 ),
        #[cfg(unix)]
        case!("homes-is-dev-null-symlink", Match, |d| symlink(d, "/dev/null", "homes.csv"), 1, Some("E008"), "homes.csv: value 'a device'", 1 ),
        #[cfg(unix)]
        case!("children-is-a-fifo", Match, |d| fifo(d, "children.csv"), 1, Some("E008"), "value 'a named pipe (FIFO)'", 1 ),
        case!("children-sparse-2gb", Match, |d| sparse(d, "children.csv", 2 << 30), 1, Some("E009"), "value '2147483648 bytes': expected a file of at most 67108864 bytes (64 MiB; --max-input-mib raises the cap)", 1 ),
        case!("homes-sparse-100mb", Match, |d| sparse(d, "homes.csv", 100 << 20), 1, Some("E009"), "homes.csv: value '104857600 bytes'", 1 ),
        case!("children-missing", Match, |d| std::fs::remove_file(d.join("children.csv")).expect("rm"), 1, Some("E001"), "children.csv: expected a readable file", 1 ),
        #[cfg(unix)]
        case!("policy-dangling-symlink", Match, |d| symlink(d, "nowhere.toml", "policy.toml"), 1, Some("E001"), "the path is a symbolic link to nothing", 1 ),
        case!("policy-is-a-directory", Match, |d| std::fs::create_dir(d.join("policy.toml")).expect("mkdir"), 1, Some("E008"), "policy.toml: value 'a directory'", 1 ),
        #[cfg(unix)]
        case!("policy-is-a-fifo", Match, |d| fifo(d, "policy.toml"), 1, Some("E008"), "value 'a named pipe (FIFO)'", 1 ),
        case!("policy-over-1mib", Match, |d| write(d, "policy.toml", format!("# {}\n", "x".repeat(1 << 20))), 1, Some("E009"), "expected a file of at most 1048576 bytes", 1 ),
        case!("policy-not-utf8", Match, |d| write(d, "policy.toml", b"[weights]\n# \xff\n"), 1, Some("E002"), "policy.toml:2:", 1 ),
        #[cfg(unix)]
        case!("scenario-is-a-fifo", Scenario, |d| fifo(d, "scenario.toml"), 1, Some("E008"), "scenario.toml: value 'a named pipe (FIFO)'", 1 ),
        #[cfg(unix)]
        case!("profile-is-dev-zero", Generate, |d| symlink(d, "/dev/zero", "profile.toml"), 1, Some("E008"), "profile.toml: value 'a device'", 1 ),
        case!("scenario-sparse-2gb", Scenario, |d| sparse(d, "scenario.toml", 2 << 30), 1, Some("E009"), "value '2147483648 bytes'", 1 ),
        // ---- right lines, no leaks ----
        case!("crlf-line-number", Match, |d| { child(d, "age", "27"); line_ends(d, "children.csv", "\r\n") }, 1, Some("E012"), "children.csv:2: column 'age': value '27'", 1 ),
        case!("crlf-line-number-last-row", Match, |d| { cell(d, "children.csv", 4, "age", "27"); line_ends(d, "children.csv", "\r\n") }, 1, Some("E012"), "children.csv:5: column 'age'", 1 ),
        case!("cr-only-line-number", Match, |d| { cell(d, "children.csv", 3, "age", "27"); line_ends(d, "children.csv", "\r") }, 1, Some("E012"), "children.csv:4: column 'age'", 1 ),
        case!("lf-line-number", Match, |d| cell(d, "children.csv", 3, "age", "27"), 1, Some("E012"), "children.csv:4: column 'age'", 1 ),
        case!("crlf-after-quoted-newline", Match, |d| { cell(d, "homes.csv", 2, "beds_free", "x"); cell(d, "homes.csv", 1, "name", "two\nlines"); line_ends(d, "homes.csv", "\r\n") }, 1, Some("E011"), "homes.csv:4: column 'beds_free'", 1 ),
        case!("children-without-header", Match, |d| { let text = read(d, "children.csv"); write(d, "children.csv", text.split_once('\n').expect("header").1); }, 1, Some("E007"), "children.csv:1: expected a header row naming the columns first; line 1 names none of them", 1 ),
        case!("homes-without-header", Match, |d| { let text = read(d, "homes.csv"); write(d, "homes.csv", text.split_once('\n').expect("header").1); }, 1, Some("E007"), "homes.csv:1: expected a header row", 1 ),
        case!("policy-cost-at-its-own-line", Match, |d| write( d, "policy.toml", "[limits]\ncost_ceiling_gbp = 7000.0\n\n[weights]\ncost = -1.0\n" ), 1, Some("E031"), "policy.toml:5: key 'weights.cost'", 1 ),
        case!("policy-same-leaf-other-table", Match, |d| write( d, "policy.toml", "[urgency]\nlater = 1.0\n\n[weights]\ndistance = 2.0\n[options]\nclose_within = 2.0\n" ), 1, Some("E031"), "policy.toml:7: key 'options.close_within'", 1 ),
        case!("policy-crlf-key-line", Match, |d| write(d, "policy.toml", "[weights]\r\n\r\ndistance = -1.0\r\n"), 1, Some("E031"), "policy.toml:3: key 'weights.distance'", 1 ),
        case!("scenario-key-line-second-add", Scenario, |d| scenario( d, "[[supply.add]]\nkind = \"foster_inhouse\"\ndistrict = \"Burnley\"\ncount = 1\nweekly_cost = 500.0\n\n[[supply.add]]\nkind = \"castle\"\ndistrict = \"Burnley\"\ncount = 1\nweekly_cost = 500.0\n" ), 1, Some("E031"), "scenario.toml:9: key 'supply.add[1].kind'", 1 ),
        case!("scenario-policy-override-line", Scenario, |d| scenario( d, "[run]\nhorizon_weeks = 2\n\n[policy.weights]\ndistance = 1e308\n" ), 1, Some("E031"), "scenario.toml:6: key 'weights.distance'", 1 ),
        // ---- money ----
        case!("money-plain", Validate, |d| home(d, "weekly_cost", "1000"), 0, E, "OK: 4 children" ),
        case!("money-thousands", Validate, |d| home(d, "weekly_cost", "1,000"), 0, E, "OK: 4 children" ),
        case!("money-pound-thousands", Validate, |d| home(d, "weekly_cost", "£1,000"), 0, E, "OK: 4 children" ),
        case!("money-misplaced-commas", Match, |d| home(d, "weekly_cost", "1,0,0,0"), 1, Some("E011"), "column 'weekly_cost': value '1,0,0,0'", 1 ),
        case!("money-double-pound", Match, |d| home(d, "weekly_cost", "££5"), 1, Some("E011"), "value '££5'", 1 ),
        case!("money-exponent", Match, |d| home(d, "weekly_cost", "1e3"), 1, Some("E011"), "value '1e3'", 1 ),
        case!("money-infinity", Match, |d| home(d, "weekly_cost", "inf"), 1, Some("E011"), "value 'inf'", 1 ),
        case!("money-nan", Match, |d| home(d, "weekly_cost", "NaN"), 1, Some("E011"), "value 'NaN'", 1 ),
        case!("latitude-nan", Match, |d| cell(d, "homes.csv", 2, "lat", "NaN"), 1, Some("E011"), "column 'lat': value 'NaN'", 1 ),
        // ---- bounded policy values ----
        case!("policy-distance-1e308", Match, |d| write(d, "policy.toml", "[weights]\ndistance = 1e308\n"), 1, Some("E031"), "policy.toml:2: key 'weights.distance': value '", 1 ),
        case!("policy-weight-1001", Match, |d| write(d, "policy.toml", "[weights]\ncost = 1001\n"), 1, Some("E031"), "expected a number from 0 to 1000", 1 ),
        case!("policy-urgency-1e9", Match, |d| write(d, "policy.toml", "[urgency]\nlater = 1e9\n"), 1, Some("E031"), "key 'urgency.later'", 1 ),
        case!("policy-max-distance-1e9", Match, |d| write(d, "policy.toml", "[limits]\nmax_distance_km = 1e9\n"), 1, Some("E031"), "at most 2000 km", 1 ),
        case!("policy-exam-multiplier-1e6", Match, |d| write(d, "policy.toml", "[limits]\nexam_year_multiplier = 1e6\n"), 1, Some("E031"), "a multiplier from 0 to 100", 1 ),
        case!("policy-placement-points-1e300", Match, |d| write(d, "policy.toml", "[options]\nplacement_points = 1e300\n"), 1, Some("E031"), "key 'options.placement_points'", 1 ),
        case!("policy-budget-inf", Match, |d| write(d, "policy.toml", "[limits]\nweekly_budget_gbp = inf\n"), 1, Some("E031"), "key 'limits.weekly_budget_gbp'", 1 ),
        case!("policy-nan-weight", Match, |d| write(d, "policy.toml", "[weights]\nschool = nan\n"), 1, Some("E031"), "key 'weights.school': value 'NaN'", 1 ),
        // ---- bounded scenario values ----
        case!("scenario-referrals-1e9", Scenario, |d| scenario(d, "[demand]\nreferrals_per_week = 1e9\n"), 1, Some("E031"), "scenario.toml:3: key 'demand.referrals_per_week'", 1 ),
        case!("scenario-count-4e9", Scenario, |d| scenario( d, "[[supply.add]]\nkind = \"foster_inhouse\"\ndistrict = \"Burnley\"\ncount = 4000000000\nweekly_cost = 500.0\n" ), 1, Some("E031"), "scenario.toml:5: key 'supply.add[0].count'", 1 ),
        case!("scenario-vacancies-1e12", Scenario, |d| scenario(d, "[supply]\nvacancies_per_week = 1e12\n"), 1, Some("E031"), "key 'supply.vacancies_per_week'", 1 ),
        case!("scenario-complexity-1e308", Scenario, |d| scenario(d, "[demand]\ncomplexity = [1e308, 1e308, 0, 0]\n"), 1, Some("E031"), "key 'demand.complexity[0]'" ),
        case!("scenario-complexity-inf", Scenario, |d| scenario(d, "[demand]\ncomplexity = [1, inf, 1, 1]\n"), 1, Some("E031"), "key 'demand.complexity[1]'" ),
        case!("scenario-horizon-100000", Scenario, |d| scenario(d, "[run]\nhorizon_weeks = 100000\n"), 1, Some("E031"), "1 to 520 weeks", 1 ),
        case!("scenario-growth-1e9", Scenario, |d| scenario(d, "[demand]\ngrowth_per_year = 1e9\n"), 1, Some("E031"), "key 'demand.growth_per_year'", 1 ),
        case!("scenario-sibling-groups-nan", Scenario, |d| scenario(d, "[demand]\nsibling_groups = nan\n"), 1, Some("E031"), "key 'demand.sibling_groups'", 1 ),
        case!("scenario-district-multiplier-inf", Scenario, |d| scenario( d, "[[demand.district]]\nname = \"Burnley\"\nmultiplier = inf\n" ), 1, Some("E031"), "key 'demand.district[0].multiplier'" ),
        case!("scenario-age-band-inverted", Scenario, |d| scenario( d, "[[demand.age_band]]\nmin = 15\nmax = 12\nmultiplier = 2.0\n" ), 1, Some("E031"), "scenario.toml:4: key 'demand.age_band[0].max'", 1 ),
        case!("scenario-combined-multipliers", Scenario, |d| scenario( d, &"[[demand.age_band]]\nmin = 0\nmax = 17\nmultiplier = 100.0\n".repeat(7) ), 1, Some("E031"), "key 'demand'", 1 ),
        case!("scenario-too-many-entries", Scenario, |d| scenario( d, &"[[demand.age_band]]\nmin = 0\nmax = 17\nmultiplier = 1.0\n".repeat(101) ), 1, Some("E031"), "key 'demand.age_band': value '101 entries'", 1 ),
        case!("scenario-cost-multiplier-inf", Scenario, |d| scenario( d, "[[supply.change]]\nkind = \"foster_agency\"\ncost_multiplier = inf\n" ), 1, Some("E031"), "key 'supply.change[0].cost_multiplier'", 1 ),
        case!("scenario-from-week-1e6", Scenario, |d| scenario( d, "[[supply.remove]]\nkind = \"foster_agency\"\nfrom_week = 1000000\n" ), 1, Some("E031"), "key 'supply.remove[0].from_week'", 1 ),
        case!("scenario-remove-home-id-traversal", Scenario, |d| scenario(d, "[[supply.remove]]\nhome_id = \"../H1\"\n"), 1, Some("E031"), "key 'supply.remove[0].home_id': value '../H1'", 1 ),
        case!("scenario-add-zero-beds", Scenario, |d| scenario( d, "[[supply.add]]\nkind = \"foster_inhouse\"\ndistrict = \"Burnley\"\ncount = 1\nbeds = 0\nweekly_cost = 500.0\n" ), 1, Some("E031"), "key 'supply.add[0].beds'", 1 ),
        case!("scenario-add-cost-1e300", Scenario, |d| scenario( d, "[[supply.add]]\nkind = \"foster_inhouse\"\ndistrict = \"Burnley\"\ncount = 1\nweekly_cost = 1e300\n" ), 1, Some("E031"), "key 'supply.add[0].weekly_cost'", 1 ),
        case!("scenario-emergency-after-1e9", Scenario, |d| scenario(d, "[demand]\nemergency_after_weeks = 1000000000\n"), 1, Some("E031"), "key 'demand.emergency_after_weeks'", 1 ),
        // ---- the county profile, validated like every other input ----
        case!("profile-no-age-bands", Generate, |d| profile( d, "age_bands = [[0, 0, 4.0], [1, 4, 10.0], [5, 9, 14.0], [10, 15, 44.0], [16, 17, 28.0]]", "age_bands = []" ), 1, Some("E031"), "key 'referrals.age_bands': value '0 entries'" ),
        case!("profile-inverted-age-band", Generate, |d| profile(d, "[10, 15, 44.0]", "[15, 10, 44.0]"), 1, Some("E031"), "key 'referrals.age_bands[3]': value '[15, 10]'", 1 ),
        case!("profile-age-band-over-25", Generate, |d| profile(d, "[16, 17, 28.0]", "[16, 30, 28.0]"), 1, Some("E031"), "key 'referrals.age_bands[4]'", 1 ),
        case!("profile-male-share-nan", Generate, |d| profile(d, "male_share = 0.56", "male_share = nan"), 1, Some("E031"), "key 'referrals.male_share': value 'NaN'", 1 ),
        case!("profile-negative-weight", Generate, |d| profile( d, "complexity = [35.0, 30.0, 22.0, 13.0]", "complexity = [35.0, -30.0, 22.0, 13.0]" ), 1, Some("E031"), "key 'referrals.complexity[1]': value '-30'", 1 ),
        case!("profile-all-zero-weights", Generate, |d| profile( d, "complexity = [35.0, 30.0, 22.0, 13.0]", "complexity = [0.0, 0.0, 0.0, 0.0]" ), 1, Some("E031"), "weights of which at least one is above 0", 1 ),
        case!("profile-unknown-need-tag", Generate, |d| profile(d, "[\"autism\", 0.15, 0.17]", "[\"autismm\", 0.15, 0.17]"), 1, Some("E031"), "value 'autismm'", 1 ),
        case!("profile-four-million-children", Generate, |d| profile(d, "children = 60", "children = 4000000"), 1, Some("E031"), "key 'children': value '4000000'", 1 ),
        case!("profile-not-toml", Generate, |d| write(d, "profile.toml", "name = \n"), 1, Some("E030"), "profile.toml:1:", 1 ),
    ];
    let mut raised = case!("cap-raised-by-flag", Validate, |d| { let mut big = read(d, "children.csv"); for i in 0..40_000 { big.push_str(&format!( "Z{i},10,female,PR1,,,,,,,,,1,,family,false,,,30\n" )); } write(d, "children.csv", big); }, 0, E, "OK: 40004 children" );
    raised.args = &["--max-input-mib", "2"];
    cases.push(raised);
    let mut capped = case!("cap-lowered-by-flag", Match, |d| { let mut big = read(d, "children.csv"); for i in 0..40_000 { big.push_str(&format!( "Z{i},10,female,PR1,,,,,,,,,1,,family,false,,,30\n" )); } write(d, "children.csv", big); }, 1, Some("E009"), "expected a file of at most 1048576 bytes (1 MiB", 1 );
    capped.args = &["--max-input-mib", "1"];
    cases.push(capped);
    cases
}

/// Every regular file under `dir` with its bytes, and every other entry with its kind,
/// without ever opening a FIFO or a device.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir") {
            let path = entry.expect("entry").path();
            let meta = std::fs::symlink_metadata(&path).expect("metadata");
            let key = path.strip_prefix(dir).expect("under").to_path_buf();
            if meta.is_dir() {
                out.insert(key, b"<dir>".to_vec());
                stack.push(path);
            } else if meta.is_file() && meta.len() < (8 << 20) {
                out.insert(key, std::fs::read(&path).expect("read"));
            } else {
                out.insert(
                    key,
                    format!("<{:?} {}>", meta.file_type(), meta.len()).into_bytes(),
                );
            }
        }
    }
    out
}

fn run_case(case: &Case) -> Result<(), String> {
    let root = tempfile::tempdir().expect("temp dir");
    let data = root.path().join("data");
    std::fs::create_dir(&data).expect("data dir");
    for name in ["children.csv", "homes.csv"] {
        std::fs::copy(
            Path::new("tests/fixtures/small").join(name),
            data.join(name),
        )
        .expect("copy fixture");
    }
    (case.setup)(&data);
    let out = root.path().join("out");
    let before = snapshot(root.path());
    let mut command = Command::cargo_bin("righthome").expect("binary");
    command.args(case.args);
    match case.run {
        Run::Match => command
            .args(["match", "--data"])
            .arg(&data)
            .arg("--out")
            .arg(&out),
        Run::Validate => command.args(["validate", "--data"]).arg(&data),
        Run::Scenario => command
            .args(["scenario", "run", "--replications", "1", "--out"])
            .arg(&out)
            .arg(data.join("scenario.toml")),
        Run::Generate => command
            .args(["generate", "--children", "20", "--homes", "20", "--profile"])
            .arg(data.join("profile.toml"))
            .arg("--out")
            .arg(&out),
    };
    command.timeout(Duration::from_secs(20));
    let started = Instant::now();
    let output = command.output().expect("runs");
    let elapsed = started.elapsed();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let shown = if case.exit == 0 { &stdout } else { &stderr };
    let mut failures = Vec::new();
    if output.status.code() != Some(case.exit) {
        failures.push(format!(
            "exit {:?}, expected {}",
            output.status.code(),
            case.exit
        ));
    }
    if !shown.contains(case.fragment) {
        failures.push(format!("no fragment {:?}", case.fragment));
    }
    if stderr.contains("panicked") || stdout.contains("panicked") {
        failures.push("a panic".into());
    }
    for bad in ['\u{1b}', '\u{0}', '\u{202e}', '\r'] {
        if stderr.contains(bad) || stdout.contains(bad) {
            failures.push(format!("a raw {bad:?} reached the terminal"));
        }
    }
    if elapsed > Duration::from_secs(10) {
        failures.push(format!("took {elapsed:?}"));
    }
    if let Some(code) = case.code {
        let reported: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error[")).collect();
        if reported.is_empty()
            || !reported
                .iter()
                .all(|l| l.starts_with(&format!("error[{code}]")))
        {
            failures.push(format!("problems not all {code}"));
        }
        if let Some(n) = case.problems
            && reported.len() != n
        {
            failures.push(format!("{} problems, expected {n}", reported.len()));
        }
        if !stdout.is_empty() {
            failures.push("output on stdout".into());
        }
        if out.exists() {
            failures.push("--out was written".into());
        }
        let after = snapshot(root.path());
        if after != before {
            failures.push("the inputs changed, or a file was left behind".into());
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}: {}\nstdout:\n{stdout}\nstderr:\n{stderr}",
            case.name,
            failures.join("; ")
        ))
    }
}

#[test]
fn every_hostile_case_has_its_exact_outcome() {
    let cases = cases();
    assert!(cases.len() >= 60, "the corpus has {} cases", cases.len());
    let mut names: Vec<&str> = cases.iter().map(|c| c.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), cases.len(), "case names are unique");
    let only = std::env::var("HOSTILE_CASE").ok();
    let failures: Vec<String> = cases
        .iter()
        .filter(|c| only.as_deref().is_none_or(|o| c.name.contains(o)))
        .filter_map(|c| run_case(c).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n---\n")
    );
}
