//! Writing the simulated histories as a council returns them: one header, episodes and uasc
//! table per collection year, each episode in every year it was open, its end known only from
//! the year it happened.

use super::dfe_rules::{uasc_ceased, upn};
use super::{Child, Episode, LifeHistory};
use crate::population::date::Date;
use std::fmt::Write as _;

fn dmy(d: Date) -> String {
    let (y, m, day) = d.ymd();
    format!("{day:02}/{m:02}/{y:04}")
}

pub(super) fn write_years(children: &[Child], s: LifeHistory) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for year in s.first_year..=s.last_year {
        let (Some(from), Some(to)) = (Date::from_ymd(year, 4, 1), Date::from_ymd(year + 1, 3, 31))
        else {
            continue;
        };
        let label = format!("{year}-{:02}", (year + 1) % 100);
        let mut header = String::from("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n");
        let mut episodes = String::from(
            "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n",
        );
        let mut uasc = String::from("CHILD,SEX,DOB,DUC\n");
        for c in children {
            let open: Vec<&Episode> = c
                .episodes
                .iter()
                .filter(|e| e.start <= to && e.end.is_none_or(|end| end >= from))
                .collect();
            if open.is_empty() {
                continue;
            }
            // SEX was 1/2 until 2023-24 and M/F from 2024-25 (the DfE's rule 101).
            let sex = match (c.male, year >= 2024) {
                (true, false) => "1",
                (false, false) => "2",
                (true, true) => "M",
                (false, true) => "F",
            };
            // MOTHER (is the young woman a mother?) is required for girls (rule 393): the
            // generator has no mothers, so 0.
            let mother = if c.male { "" } else { "0" };
            let _ = writeln!(
                header,
                "{},{sex},{},WBRI,{},{mother},",
                c.id,
                dmy(c.dob),
                upn(&c.id, c.dob, year)
            );
            if c.uasc {
                let _ = writeln!(
                    uasc,
                    "{},{sex},{},{}",
                    c.id,
                    dmy(c.dob),
                    dmy(uasc_ceased(c.dob))
                );
            }
            for e in open {
                // Not yet known when this year's return was made.
                let (dec, rec, why) = match e.end {
                    Some(end) if end <= to => (dmy(end), e.rec, e.reason_change),
                    _ => (String::new(), "", ""),
                };
                let _ = writeln!(
                    episodes,
                    "{},{},{},{},N1,{},{},{dec},{rec},{why},{},{},{}",
                    c.id,
                    dmy(e.start),
                    e.rne,
                    e.ls,
                    e.place,
                    e.provider,
                    // An unaccompanied asylum-seeking child has no home postcode in England,
                    // so no distance (rule 406).
                    if c.uasc { "" } else { e.home_post.as_str() },
                    e.pl_post,
                    // Supported accommodation (H5) has an Ofsted number only from the 2023-24
                    // return, when its registration began (rules 222 and 230).
                    if e.place == "H5" && year < 2023 {
                        ""
                    } else {
                        e.urn.as_str()
                    }
                );
            }
        }
        files.push((format!("{label}_header.csv"), header));
        files.push((format!("{label}_episodes.csv"), episodes));
        files.push((format!("{label}_uasc.csv"), uasc));
    }
    files
}
