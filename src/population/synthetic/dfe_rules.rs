//! The DfE's rules for the return's fields, as the generator follows them (each names the
//! public validator's rule it keeps: csc-validator-be-903, `scripts/validate_903.py`).

use super::{Placement, birthday_18};
use crate::population::date::Date;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// The legal status on entry, as the DfE's rules allow it: a PACE transfer (J2) only from age
/// 10 (rule 358); a child placed with parents is never only accommodated under section 20
/// (V2, rule 378).
pub(super) fn entry_legal_status(
    drawn: &'static str,
    band: usize,
    placement: Placement,
) -> &'static str {
    match drawn {
        "J2" if band < 3 => "C1",
        "V2" if placement == Placement::Parents => "C1",
        other => other,
    }
}

/// Days a short legal status lasts before the next one: police protection 1-3, PACE 1-14.
pub(super) fn short_status_days(rng: &mut ChaCha8Rng, ls: &str) -> Option<i32> {
    match ls {
        "L1" => Some(rng.random_range(1..=3)),
        "J2" => Some(rng.random_range(1..=14)),
        _ => None,
    }
}

/// An Ofsted unique reference number for the placement's provider, which the return must give
/// for every placement but placements with parents, in the community, residential schools and
/// the like (the DfE's rule 218). Synthetic: the council's own fostering and adoption services
/// have one number each, the agencies a pool of 40, each children's home or supported
/// accommodation its own.
pub(super) fn urn(rng: &mut ChaCha8Rng, place: &str, provider: &str) -> String {
    match (place, provider) {
        ("P1" | "P3" | "R1" | "R2" | "R5" | "T0" | "T1" | "T2" | "T3" | "T4" | "Z1", _) => {
            String::new()
        }
        ("A3" | "A4" | "A5" | "A6", _) => "SC900001".to_string(),
        ("U1" | "U2" | "U3" | "U4" | "U5" | "U6", "PR1") => "SC900002".to_string(),
        ("U1" | "U2" | "U3" | "U4" | "U5" | "U6", _) => {
            format!("SC9001{:02}", rng.random_range(0..40))
        }
        _ => format!("SC{:06}", rng.random_range(100_000..900_000)),
    }
}

/// The day UASC status ceases: the 18th birthday, and for a child born on 29 February the 28th
/// (the DfE's rules 304 and 205B count 18 years as the validator's calendar does).
pub(super) fn uasc_ceased(dob: Date) -> Date {
    let (y, m, d) = dob.ymd();
    if (m, d) == (2, 29) {
        Date::from_ymd(y + 18, 2, 28).unwrap_or_else(|| birthday_18(dob))
    } else {
        birthday_18(dob)
    }
}

/// The UPN as the return gives it: `UN1` (not yet of school age, rule 209: under 4 on 31 August
/// before the collection year) or a synthetic UPN in the DfE's format (check letter, 3-digit
/// authority, 9 digits). The authority number is 000, which no authority has, so a synthetic
/// UPN can never be a real pupil's.
pub(super) fn upn(child: &str, dob: Date, year: i32) -> String {
    let under_four = Date::from_ymd(year - 1, 8, 31).is_some_and(|d| dob.age_on(d) < 4);
    if under_four {
        return "UN1".to_string();
    }
    let digits: u64 = child.bytes().fold(0u64, |n, b| {
        (n * 10 + u64::from(b.wrapping_sub(b'0') % 10)) % 1_000_000_000
    });
    let body = format!("000{digits:09}");
    format!("{}{body}", check_letter(&body))
}

/// The DfE's UPN check letter for the 12 digits after it: digit i (from 2) weighted i, the sum
/// mod 23 indexing the letters without I, O and S.
fn check_letter(digits: &str) -> char {
    const LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPQRTUVWXYZ";
    let sum: u32 = digits
        .bytes()
        .zip(2u32..)
        .map(|(b, w)| u32::from(b.wrapping_sub(b'0') % 10) * w)
        .sum();
    LETTERS[(sum % 23) as usize] as char
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn check_letter_as_the_dfe_worked_example() {
        // The validator's own test UPN (rule 209): H801200001001.
        assert_eq!(check_letter("801200001001"), 'H');
    }

    #[test]
    fn upn_is_un1_before_school_age_and_a_well_formed_upn_with_authority_000_after() {
        let dob = Date::from_ymd(2021, 1, 1).expect("a date");
        assert_eq!(upn("104321", dob, 2024), "UN1"); // 3 on 31 August 2023
        let u = upn("104321", dob, 2026); // 4 on 31 August 2025
        assert_eq!(u.len(), 13);
        assert_eq!(&u[1..4], "000");
        assert_eq!(u.chars().next(), Some(check_letter(&u[1..])));
    }

    #[test]
    fn urn_only_where_the_return_asks_for_one() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        assert_eq!(urn(&mut rng, "P1", "PR0"), "");
        assert_eq!(urn(&mut rng, "R1", "PR3"), "");
        assert_eq!(urn(&mut rng, "U6", "PR1"), "SC900002");
        assert!(urn(&mut rng, "U6", "PR4").starts_with("SC9001"));
        assert_eq!(urn(&mut rng, "K2", "PR4").len(), 8);
    }

    #[test]
    fn legal_status_on_entry_keeps_the_rules() {
        assert_eq!(entry_legal_status("J2", 2, Placement::FosterAgency), "C1");
        assert_eq!(entry_legal_status("J2", 3, Placement::FosterAgency), "J2");
        assert_eq!(entry_legal_status("V2", 1, Placement::Parents), "C1");
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        for _ in 0..50 {
            assert!((1..=3).contains(&short_status_days(&mut rng, "L1").unwrap_or(0)));
            assert!((1..=14).contains(&short_status_days(&mut rng, "J2").unwrap_or(0)));
        }
        assert_eq!(short_status_days(&mut rng, "C2"), None);
    }

    #[test]
    fn uasc_ceases_on_28_february_for_a_leap_day_birth() {
        let leap = Date::from_ymd(2008, 2, 29).expect("a date");
        assert_eq!(uasc_ceased(leap).ymd(), (2026, 2, 28));
        let other = Date::from_ymd(2008, 3, 1).expect("a date");
        assert_eq!(uasc_ceased(other).ymd(), (2026, 3, 1));
    }
}
