//! A quick, deterministic stand-in for the cargo-fuzz targets `scenario` and `profile`
//! (fuzz/fuzz_targets/): thousands of mutations of the bundled scenarios and county profile
//! (numbers swapped for extremes, lines dropped, doubled or cut) must each give a value or
//! located problems, never a panic; a profile that passes must generate data that passes
//! its own validation.

use std::panic::{AssertUnwindSafe, catch_unwind};

/// xorshift64*: a tiny seeded generator, so that every run tries the same inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const EXTREMES: &[&str] = &[
    "1e308",
    "-1e308",
    "-1",
    "nan",
    "inf",
    "-inf",
    "0",
    "0.0",
    "-0.0",
    "4000000000",
    "18446744073709551615",
    "1e-320",
    "25",
    "26",
    "366",
    "[]",
    "\"\"",
    "\"../x\"",
];

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for _ in 0..1 + rng.below(3) {
        if lines.is_empty() {
            break;
        }
        let i = rng.below(lines.len());
        match rng.below(5) {
            // A number (or a value) replaced by an extreme.
            0 | 1 => {
                if let Some(eq) = lines[i].find('=') {
                    let key = lines[i][..eq].to_string();
                    lines[i] = format!("{key}= {}", EXTREMES[rng.below(EXTREMES.len())]);
                } else if let Some(start) = lines[i].find(|c: char| c.is_ascii_digit()) {
                    let end = lines[i][start..]
                        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                        .map_or(lines[i].len(), |e| start + e);
                    let value = EXTREMES[rng.below(EXTREMES.len())];
                    lines[i].replace_range(start..end, value);
                }
            }
            2 => {
                lines.remove(i);
            }
            3 => {
                let copy = lines[i].clone();
                lines.insert(i, copy);
            }
            _ => {
                let cut = rng.below(lines[i].len() + 1);
                let cut = (0..=cut)
                    .rev()
                    .find(|&c| lines[i].is_char_boundary(c))
                    .unwrap_or(0);
                lines[i].truncate(cut);
            }
        }
    }
    lines.join("\n") + "\n"
}

#[test]
fn mutated_scenarios_never_panic() {
    let seeds: Vec<String> = std::fs::read_dir("scenarios")
        .expect("scenarios")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| std::fs::read_to_string(p).expect("read"))
        .collect();
    let mut rng = Rng(0x5eed);
    for n in 0..3000 {
        let text = mutate(&mut rng, &seeds[n % seeds.len()]);
        let result = catch_unwind(|| righthome::scenario::parse(&text, "scenario.toml"));
        match result {
            Ok(Ok(_)) => {}
            Ok(Err(report)) => {
                assert!(!report.problems.is_empty());
                let _ = righthome::io::problems_json(&report.problems);
            }
            Err(_) => panic!("scenario::parse panicked on:\n{text}"),
        }
    }
}

#[test]
fn mutated_profiles_never_panic_and_valid_ones_generate_valid_data() {
    let seed = std::fs::read_to_string("data/lancashire/profile.toml").expect("profile");
    let mut rng = Rng(0xfee1);
    let mut generated = 0;
    for _ in 0..600 {
        let text = mutate(&mut rng, &seed);
        let result = catch_unwind(AssertUnwindSafe(|| {
            let Ok(profile) = righthome::generate::parse_profile(&text, "profile.toml") else {
                return false;
            };
            let Ok(county) = righthome::generate::generate(&profile, 1, Some(40), Some(40)) else {
                return false;
            };
            if let Err(report) =
                righthome::io::load_from_memory(&county.children_csv, &county.homes_csv, None)
            {
                panic!("a valid profile generated invalid data:\n{report}");
            }
            true
        }));
        match result {
            Ok(made) => generated += usize::from(made),
            Err(_) => panic!("profile parse or generate panicked on:\n{text}"),
        }
    }
    assert!(
        generated > 50,
        "only {generated} mutated profiles were valid"
    );
}
