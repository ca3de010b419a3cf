//! A match into --out killed with SIGKILL at random moments (20 tries, seeded) always leaves
//! either no set or a whole set, byte-identical to a reference run (or the earlier whole set),
//! and the next run removes whatever the killed one left beside --out.

mod common;

use common::cli::{contents, righthome, tree};
use std::path::Path;
use std::time::{Duration, Instant};

/// A small seeded generator (SplitMix64), so that the kill moments are the same every run.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn leftovers(root: &Path) -> Vec<String> {
    tree(root)
        .into_iter()
        .filter(|n| n.starts_with(".out.righthome-"))
        .collect()
}

#[test]
fn a_killed_match_leaves_no_set_or_a_whole_set() {
    let root = tempfile::tempdir().expect("temp dir");
    let data = root.path().join("county");
    righthome()
        .args(["generate", "--children", "500", "--homes", "1000", "--out"])
        .arg(&data)
        .assert()
        .success();
    let out = root.path().join("out");
    let run = |force: bool| {
        let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("righthome"));
        command
            .args(["match", "--data"])
            .arg(&data)
            .arg("--out")
            .arg(&out);
        if force {
            command.arg("--force");
        }
        command
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        command
    };
    let started = Instant::now();
    assert!(run(false).status().expect("runs").success());
    let took = started.elapsed();
    let reference = contents(&out);
    assert_eq!(reference.len(), 4, "the whole match set");

    let mut seed = 20_261_201;
    let (mut none, mut whole_old, mut whole_new) = (0, 0, 0);
    for attempt in 0..20 {
        // Half the tries start from no set, half from an earlier whole set.
        let from_nothing = attempt % 2 == 0;
        if from_nothing {
            std::fs::remove_dir_all(&out).expect("remove");
        }
        let earlier = contents(&out);
        let delay = Duration::from_micros(next(&mut seed) % (took.as_micros() as u64 * 6 / 5 + 1));
        let mut child = run(true).spawn().expect("spawn");
        std::thread::sleep(delay);
        let _ = child.kill();
        let status = child.wait().expect("wait");
        if !out.exists() {
            none += 1;
            assert!(from_nothing, "try {attempt}: an earlier set vanished");
        } else {
            let now = contents(&out);
            assert_eq!(
                now, reference,
                "try {attempt} ({delay:?}, {status}): not a whole set"
            );
            if status.success() || earlier.is_empty() {
                whole_new += 1;
            } else {
                whole_old += 1;
            }
        }
        // The next run cleans whatever the killed one left beside --out.
        assert!(run(true).status().expect("runs").success(), "try {attempt}");
        assert_eq!(
            leftovers(root.path()),
            Vec::<String>::new(),
            "try {attempt}"
        );
        assert_eq!(contents(&out), reference, "try {attempt}");
    }
    eprintln!(
        "20 kills (reference run {took:?}): {none} left no set, {whole_old} the earlier set, {whole_new} the new set"
    );
    assert_eq!(
        tree(root.path())
            .iter()
            .filter(|n| n.starts_with('.'))
            .count(),
        0
    );
}
