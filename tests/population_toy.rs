//! A toy on the population base, worked by hand for every measure in summary.csv: four
//! children in care on 31 March 2025 (tests/fixtures/population-toy), three weeks, nobody
//! entering, nobody leaving but at 18 (`entries`, `exits` and `moves` set to 0), two
//! children's homes closing in week 1, a step-down in week 0 and a spot placement in week 2.
//!
//! The children (ssda903/), their plans from the return's PLACE and PLACE_PROVIDER:
//! - 1001, 10, in-house foster care (U1, PR1): homes.csv has no in-house foster home, so the
//!   placement is costed at the family spot price, GBP 1000 a week.
//! - 1002, 17, agency foster care (U4, PR4): GBP 1000 likewise; 18 on 10 April 2025, between
//!   week 1 (7 April) and week 2 (14 April): care ends in week 2.
//! - 1003, 14, private children's home (K2, PR4): costed at homes.csv's mean private
//!   children's home, H2's GBP 5000; the first (by CHILD) in residential care, so with
//!   `step_down_drive = 1` ready to step down.
//! - 1004, 15, the council's own children's home (K2, PR1): H3's GBP 4000, living in H3.
//!
//! Week 0: only 1003 seeks a home; the only family home is H1 (enhanced foster, 900): 1003
//! steps down to it, ending the 5000 fee. Cost 1000 + 1000 + 900 + 4000 = 6900. Waiting 0;
//! in children's homes: 1004 (1).
//! Week 1: H2 and H3 (the first two children's homes in homes.csv) close; 1004 lived in H3 and
//! waits again with 7 days' urgency for another children's home; none is open. Not yet past
//! the urgency (7 days waited is not more than 7). Cost 1000 + 1000 + 900 + 6000 (1004 waiting,
//! costed at the residential spot price) = 8900. Waiting 1; in children's homes 0.
//! Week 2: 1002 turns 18 and leaves care (1 exit). 1004 is past the urgency (14 > 7 days: one
//! week of unmet need) and, `emergency_after_weeks = 0`, goes to a residential spot placement
//! (6000). Cost 1000 + 900 + 6000 = 7900. Waiting 0; in children's homes: 1004's residential
//! spot placement (1).

use righthome::scenario;
use std::path::Path;

#[test]
fn the_population_toy_matches_the_hand_worked_answer() {
    let s = scenario::load(Path::new("tests/fixtures/population-toy/toy.toml")).expect("loads");
    let r = scenario::run_scenario(&s, &indicatif::ProgressBar::hidden()).expect("runs");
    assert_eq!(r.replications.len(), 2);
    for rep in &r.replications {
        let m = |k: &str| rep.metrics[k];
        // Children counted: 4 at the start + 0 entries - 1 exit (1002 at 18) = 3 at the end.
        assert_eq!(m("children_in_care_start"), 4.0);
        assert_eq!(m("entries"), 0.0);
        assert_eq!(m("referrals"), 0.0);
        assert_eq!(m("exits"), 1.0);
        assert_eq!(m("children_in_care_end"), 3.0);
        for band in [
            "entries_0_4",
            "entries_5_9",
            "entries_10_12",
            "entries_13_15",
            "entries_16_17",
        ] {
            assert_eq!(m(band), 0.0, "{band}");
        }
        // Waiting at the end of each week: 0, 1 (1004), 0 (1004 in a spot placement).
        assert_eq!(rep.weekly_waiting, vec![0.0, 1.0, 0.0]);
        assert_eq!(m("waiting_mean"), 1.0 / 3.0);
        assert_eq!(m("waiting_peak"), 1.0);
        // Placed: 1003's step-down in week 0, nobody after.
        assert_eq!(rep.weekly_placed, vec![1.0, 0.0, 0.0]);
        assert_eq!(m("unmet_need_weeks"), 1.0);
        // 1004, in care at the start, is in a spot placement: counted.
        assert_eq!(m("emergency_placements"), 1.0);
        // In children's homes: 1, 0, 1.
        assert_eq!(m("residential_placements_mean"), 2.0 / 3.0);
        // Costs: 6900, 8900, 7900.
        assert_eq!(m("weekly_cost_gbp"), 23_700.0 / 3.0);
        assert_eq!(m("annual_cost_gbp"), 23_700.0 * 52.0 / 3.0);
        // The referral measures are over the entries: none, so none is defined.
        for key in [
            "placed_within_7_days_pct",
            "placed_within_28_days_pct",
            "within_20_miles_pct",
            "siblings_together_pct",
            "kept_school_pct",
            "three_plus_choices_pct",
            "family_share_pct",
            "residential_share_pct",
        ] {
            assert!(m(key).is_nan(), "{key}: {}", m(key));
        }
        // Nobody entering waited past their urgency: no gap rows; the beds needed are
        // 1004's children's home bed in Preston (PR1) and its group, 13-15 (age 15).
        assert!(rep.gap.is_empty());
        let beds: Vec<_> = rep.beds_needed.iter().collect();
        let cell = |area: &str| {
            (
                area.to_string(),
                "residential".to_string(),
                "13-15".to_string(),
            )
        };
        assert_eq!(beds.len(), 2, "{beds:?}");
        assert_eq!(rep.beds_needed[&cell("Preston")], 1.0);
        assert_eq!(rep.beds_needed[&cell("Central Lancashire")], 1.0);
    }
}
