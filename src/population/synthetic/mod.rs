//! A synthetic SSDA903 return for a synthetic county, from a life-history process: children
//! enter care by age (with a trend), are placed by age, move, change legal status, step down
//! from children's homes, return home, are adopted, and leave at 18; each week is simulated and
//! written as the council would return it, one collection year (April to March) per file, each
//! holding every episode open at some time in its year (an episode still open at the year's end
//! has no end date in that year's file). Nothing in it describes a real child.
//!
//! Calibration (every figure an assumption unless a source is named; see
//! data/lancashire/README.md): Lancashire's children looked after, 2,127 (March 2019), 2,006
//! (March 2021), 1,787 (November 2023), 1,699 (March 2025) (DfE via Lancashire's market position
//! statements); England's mix on 31 March 2022: 56% boys; 70% fostered; 16% in children's homes,
//! secure homes or semi-independent (DfE, Children looked after in England 2022); 7% placed with
//! parents (DfE 2019); 84% of children's home places private, 67% of children in children's
//! homes placed outside their council (NAO, Managing children's residential care, 2025); agency
//! carers 47% of Lancashire's non-relative foster placements (Lancashire Agency Foster Care
//! Market Position Statement, 2025). Entry ages, hazards and pathways are assumptions tuned so
//! that the stock follows the Lancashire counts.

mod dfe_rules;
mod places;
mod write;

use super::date::Date;
use dfe_rules::{entry_legal_status, short_status_days, urn};
use places::{Places, near, places, postcode};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Poisson};

/// Where a child lives, as the generator thinks of it (each maps to a PLACE and provider).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placement {
    FosterRelative,
    FosterInhouse,
    FosterAgency,
    ChildrensHome,
    Supported,
    Parents,
    Adoption,
    Other,
}

use Placement::*;

impl Placement {
    /// PLACE and PLACE_PROVIDER on `day` (supported accommodation is H5 until 2023-24 and K3 from
    /// the 2024-25 return, whose code list first has it).
    fn codes(self, day: Date, private: bool) -> (&'static str, &'static str) {
        match self {
            FosterRelative => ("U3", "PR1"),
            FosterInhouse => ("U6", "PR1"),
            FosterAgency => ("U6", if private { "PR4" } else { "PR5" }),
            ChildrensHome => ("K2", if private { "PR4" } else { "PR1" }),
            Supported if day >= Date::from_ymd(2024, 4, 1).unwrap_or(day) => ("K3", "PR4"),
            Supported => ("H5", "PR4"),
            Parents => ("P1", "PR0"),
            Adoption => ("A6", "PR1"),
            Other => ("R1", "PR3"),
        }
    }

    /// Chance of leaving care in a week (assumption; tuned to the stock).
    fn exit_per_week(self) -> f64 {
        match self {
            FosterRelative => 0.0062,
            FosterInhouse | FosterAgency => 0.0058,
            ChildrensHome => 0.0035,
            Supported => 0.004,
            Parents => 0.010,
            Adoption => 0.04,
            Other => 0.02,
        }
    }

    /// Chance of a move to another placement in a week (assumption).
    fn move_per_week(self) -> f64 {
        match self {
            FosterRelative => 0.0025,
            FosterInhouse | FosterAgency => 0.005,
            ChildrensHome => 0.007,
            Supported => 0.004,
            Parents => 0.004,
            Adoption => 0.0,
            Other => 0.01,
        }
    }
}

/// The first placement by age band (0, 1-4, 5-9, 10-15, 16-17): (placement, weight).
fn placement_on_entry(band: usize) -> &'static [(Placement, f64)] {
    match band {
        0 => &[
            (FosterInhouse, 45.0),
            (FosterAgency, 17.0),
            (FosterRelative, 18.0),
            (Parents, 16.0),
            (Other, 6.0),
        ],
        1 => &[
            (FosterInhouse, 40.0),
            (FosterAgency, 24.0),
            (FosterRelative, 22.0),
            (Parents, 17.0),
        ],
        2 => &[
            (FosterInhouse, 38.0),
            (FosterAgency, 30.0),
            (FosterRelative, 18.0),
            (Parents, 14.0),
            (ChildrensHome, 3.0),
        ],
        3 => &[
            (FosterInhouse, 28.0),
            (FosterAgency, 34.0),
            (FosterRelative, 11.0),
            (Parents, 10.0),
            (ChildrensHome, 25.0),
        ],
        _ => &[
            (FosterInhouse, 12.0),
            (FosterAgency, 20.0),
            (FosterRelative, 5.0),
            (ChildrensHome, 24.0),
            (Supported, 42.0),
        ],
    }
}

/// Share of entrants by age band (assumption: the shape of England's starters in recent years).
const ENTRY_AGE_SHARE: [f64; 5] = [0.18, 0.13, 0.15, 0.36, 0.18];

fn band(age: i32) -> usize {
    match age {
        i32::MIN..=0 => 0,
        1..=4 => 1,
        5..=9 => 2,
        10..=15 => 3,
        _ => 4,
    }
}

pub(super) fn pick<T: Clone>(rng: &mut ChaCha8Rng, choices: &[(T, f64)]) -> T {
    let total: f64 = choices.iter().map(|c| c.1).sum();
    let mut u = rng.random::<f64>() * total;
    for (c, w) in choices {
        u -= w;
        if u < 0.0 {
            return c.clone();
        }
    }
    choices[choices.len() - 1].0.clone()
}

/// One episode as it will be written.
#[derive(Debug, Clone)]
pub(super) struct Episode {
    start: Date,
    end: Option<Date>,
    rne: &'static str,
    ls: &'static str,
    place: &'static str,
    provider: &'static str,
    rec: &'static str,
    reason_change: &'static str,
    home_post: String,
    pl_post: String,
    urn: String,
}

pub(super) struct Child {
    id: String,
    male: bool,
    dob: Date,
    uasc: bool,
    episodes: Vec<Episode>,
}

/// Settings of the generated return.
#[derive(Debug, Clone, Copy)]
pub struct LifeHistory {
    /// The first collection year written (its April); years before it are simulated only to
    /// build a stock with realistic durations.
    pub first_year: i32,
    /// The last collection year written (its April): 2024 means 2024-25.
    pub last_year: i32,
    /// Entries per week in April of `first_year` (tuned to the stock).
    pub entries_per_week: f64,
    /// Change of entries per year, as a factor (0.96 = 4% fewer each year).
    pub entry_trend_per_year: f64,
}

impl Default for LifeHistory {
    fn default() -> Self {
        LifeHistory {
            first_year: 2019,
            last_year: 2024,
            entries_per_week: 16.2,
            entry_trend_per_year: 0.955,
        }
    }
}

/// The generated tables: (file name, contents), one header, episodes and uasc file per year.
pub fn generate_return(settings: LifeHistory, seed: u64, council: &str) -> Vec<(String, String)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let places = places(council);
    let burn_in = Date::from_ymd(settings.first_year - 8, 4, 1)
        .unwrap_or(Date::from_ymd(2000, 4, 1).expect("a valid date"));
    let first = Date::from_ymd(settings.first_year, 4, 1).unwrap_or(burn_in);
    let end = Date::from_ymd(settings.last_year + 1, 3, 31).unwrap_or(first);
    let mut children: Vec<Child> = Vec::new();
    // Children in care now: index into `children`, current placement.
    let mut active: Vec<(usize, Placement)> = Vec::new();
    let mut day = burn_in;
    let mut next_id = 100_000u32;
    while day <= end {
        let years = f64::from(day.days_until(first)) / -365.25;
        let rate = settings.entries_per_week * settings.entry_trend_per_year.powf(years);
        // Leaving, moving, legal status, 18th birthdays.
        let mut still = Vec::with_capacity(active.len());
        for (i, placement) in active.drain(..) {
            let c = &mut children[i];
            let when = day.plus_days(rng.random_range(0..7));
            let age = c.dob.age_on(when);
            let adult = c.dob.age_on(day.plus_days(7)) >= 18;
            let u: f64 = rng.random();
            let last = c.episodes.len() - 1;
            let start_of_last = c.episodes[last].start;
            if adult {
                let eighteen = birthday_18(c.dob);
                let rec = if matches!(placement, FosterInhouse | FosterAgency | FosterRelative)
                    && rng.random::<f64>() < 0.3
                {
                    "E17"
                } else if rng.random::<f64>() < 0.6 {
                    "E8"
                } else {
                    "E5"
                };
                close(
                    &mut c.episodes[last],
                    eighteen.max(start_of_last.plus_days(1)),
                    rec,
                );
                continue;
            }
            let exit = placement.exit_per_week() * if band(age) == 4 { 0.6 } else { 1.0 };
            if u < exit {
                let rec = if placement == Adoption {
                    "E11"
                } else {
                    pick(
                        &mut rng,
                        &[
                            ("E4A", 45.0),
                            ("E13", 10.0),
                            ("E41", 8.0),
                            ("E45", 12.0),
                            ("E46", 5.0),
                            ("E47", 6.0),
                            ("E48", 3.0),
                            ("E8", 6.0),
                            ("E3", 3.0),
                            ("E15", 2.0),
                        ],
                    )
                };
                // Leaving to live with former foster carers (E45, E46) only from a foster
                // placement (the DfE's rule 516).
                let fostered = matches!(placement, FosterInhouse | FosterAgency | FosterRelative);
                let rec = if matches!(rec, "E45" | "E46") && !fostered {
                    "E4A"
                } else {
                    rec
                };
                close(
                    &mut c.episodes[last],
                    when.max(start_of_last.plus_days(1)),
                    rec,
                );
                continue;
            }
            let young_foster = band(age) <= 1 && matches!(placement, FosterInhouse | FosterAgency);
            let next = if young_foster && rng.random::<f64>() < 0.004 {
                Some((Adoption, "CARPL"))
            } else if placement == ChildrensHome && rng.random::<f64>() < 0.0025 {
                Some((FosterAgency, "CARPL"))
            } else if band(age) == 4
                && matches!(placement, FosterInhouse | FosterAgency)
                && rng.random::<f64>() < 0.004
            {
                Some((Supported, "CARPL"))
            } else if rng.random::<f64>() < placement.move_per_week() {
                let mut to = pick(&mut rng, placement_on_entry(band(age)));
                if to == Parents || to == placement && rng.random::<f64>() < 0.5 {
                    to = if band(age) >= 3 {
                        ChildrensHome
                    } else {
                        FosterAgency
                    };
                }
                Some((
                    to,
                    pick(
                        &mut rng,
                        &[
                            ("CARPL", 30.0),
                            ("CREQB", 20.0),
                            ("CREQO", 15.0),
                            ("CHILD", 8.0),
                            ("LAREQ", 10.0),
                            ("STAND", 4.0),
                            ("ALLEG", 3.0),
                            ("OTHER", 10.0),
                        ],
                    ),
                ))
            } else {
                None
            };
            if when <= start_of_last {
                still.push((i, placement));
                continue;
            }
            if let Some((to, why)) = next {
                let home_post = c.episodes[last].home_post.clone();
                // Placed for adoption under a placement order (E1: the DfE's rule 408).
                let ls = if to == Adoption {
                    "E1"
                } else {
                    c.episodes[last].ls
                };
                close(&mut c.episodes[last], when, "X1");
                c.episodes[last].reason_change = why;
                // A move that also changes the legal status is RNE U (rule 436), else P.
                let rne = if ls == c.episodes[last].ls { "P" } else { "U" };
                let mut ep = placed(&mut rng, &places, to, when, rne, ls, home_post);
                // A move is to somewhere else: not the same place, provider, postcode and
                // Ofsted number as before (rule 435).
                let before = &c.episodes[last];
                for _ in 0..8 {
                    let same = ep.place == before.place
                        && ep.provider == before.provider
                        && ep.pl_post == before.pl_post
                        && ep.urn == before.urn;
                    if !same {
                        break;
                    }
                    let district = ep.pl_post.split(' ').next().unwrap_or("").to_string();
                    ep.pl_post = postcode(&mut rng, &district);
                }
                c.episodes.push(ep);
                still.push((i, to));
            } else if c.episodes[last].ls == "C1" && rng.random::<f64>() < 0.02 {
                // The interim care order becomes a full care order: a legal status change only.
                let mut ep = c.episodes[last].clone();
                close(&mut c.episodes[last], when, "X1");
                ep.start = when;
                ep.rne = "L";
                ep.ls = "C2";
                ep.end = None;
                ep.rec = "";
                ep.reason_change = "";
                c.episodes.push(ep);
                still.push((i, placement));
            } else {
                still.push((i, placement));
            }
        }
        active = still;
        // Entries this week.
        let n = Poisson::new(rate).map_or(0, |p| p.sample(&mut rng) as u32);
        for _ in 0..n {
            let b = pick(
                &mut rng,
                &[
                    (0usize, ENTRY_AGE_SHARE[0]),
                    (1, ENTRY_AGE_SHARE[1]),
                    (2, ENTRY_AGE_SHARE[2]),
                    (3, ENTRY_AGE_SHARE[3]),
                    (4, ENTRY_AGE_SHARE[4]),
                ],
            );
            let (lo, hi) = [
                // Days of age on entry, clear of the birthdays (leap days) that bound a band, so a
                // 10-year-old is past their 10th birthday (rule 358) and a 16-year-old their 16th
                // (rule 371).
                (0, 364),
                (367, 5 * 365 - 1),
                (5 * 365 + 3, 10 * 365 - 1),
                (10 * 365 + 4, 16 * 365 - 1),
                (16 * 365 + 6, 18 * 365 - 30),
            ][b];
            let when = day.plus_days(rng.random_range(0..7));
            let dob = when.plus_days(-rng.random_range(lo..=hi));
            let uasc = b >= 3 && rng.random::<f64>() < 0.06;
            let mut placement = pick(&mut rng, placement_on_entry(b));
            if uasc && placement == Parents {
                placement = FosterAgency;
            }
            let home = pick(&mut rng, &places.county);
            let home_post = postcode(&mut rng, &home);
            let ls = pick(
                &mut rng,
                &[
                    ("C1", 55.0),
                    ("V2", 25.0),
                    ("J2", 3.0),
                    ("L1", 2.0),
                    ("C2", 15.0),
                ],
            );
            let ls = entry_legal_status(ls, b, placement);
            let mut ep = placed(&mut rng, &places, placement, when, "S", ls, home_post);
            ep.rne = "S";
            let mut episodes = vec![ep];
            if let Some(days) = short_status_days(&mut rng, ls) {
                // Police protection (L1) lasts at most 72 hours and a PACE transfer (J2) at most
                // 21 days (the DfE's rules 361, 364): then an order or accommodation follows in
                // the same placement, a change of legal status only.
                let mut next = episodes[0].clone();
                close(&mut episodes[0], when.plus_days(days), "X1");
                next.start = when.plus_days(days);
                next.rne = "L";
                next.ls = if placement == Parents || rng.random::<f64>() < 0.6 {
                    "C1"
                } else {
                    "V2"
                };
                episodes.push(next);
            }
            next_id += 1 + rng.random_range(0..3);
            children.push(Child {
                id: next_id.to_string(),
                male: rng.random::<f64>() < 0.56,
                dob,
                uasc,
                episodes,
            });
            active.push((children.len() - 1, placement));
        }
        day = day.plus_days(7);
    }
    write::write_years(&children, settings)
}

fn close(e: &mut Episode, day: Date, rec: &'static str) {
    e.end = Some(day);
    e.rec = rec;
}

pub(super) fn birthday_18(dob: Date) -> Date {
    let (y, m, d) = dob.ymd();
    Date::from_ymd(y + 18, m, d)
        .or_else(|| Date::from_ymd(y + 18, 3, 1))
        .unwrap_or(dob.plus_days(6575))
}

/// A new episode in `placement` from `day`: its codes and a placement postcode where a home of
/// that kind would be (in the county, a neighbour, or further away).
fn placed(
    rng: &mut ChaCha8Rng,
    places: &Places,
    placement: Placement,
    day: Date,
    rne: &'static str,
    ls: &'static str,
    home_post: String,
) -> Episode {
    let private = rng.random::<f64>() < 0.84;
    let (place, provider) = placement.codes(day, private);
    let (county, neighbour) = match placement {
        ChildrensHome => (0.15, 0.45),
        FosterAgency => (0.72, 0.2),
        Supported => (0.7, 0.2),
        Other => (0.4, 0.3),
        _ => (0.88, 0.1),
    };
    let pl_post = if placement == Parents {
        home_post.clone()
    } else {
        let u: f64 = rng.random();
        let home = home_post.split(' ').next().unwrap_or("");
        // The council's own children's homes are in its own area (the DfE's rule 1015).
        let own_home = placement == ChildrensHome && provider == "PR1";
        let district = if u < county || own_home {
            pick(rng, &near(&places.county, home))
        } else if u < county + neighbour {
            pick(rng, &near(&places.neighbours, home))
        } else {
            pick(rng, &places.england)
        };
        // Never the home's own postcode unless placed with parents (rule 392d).
        let mut pl = postcode(rng, &district);
        for _ in 0..8 {
            if pl != home_post {
                break;
            }
            pl = postcode(rng, &district);
        }
        pl
    };
    let urn = urn(rng, place, provider);
    Episode {
        start: day,
        end: None,
        rne,
        ls,
        place,
        provider,
        rec: "",
        reason_change: "",
        home_post,
        pl_post,
        urn,
    }
}
