//! The population base of a scenario (`[population]`): the children in care on the start
//! date read from the council's SSDA903 return, the rates fitted from its history
//! (`population::rates`: entries by age band with their trend, exits by age band, category
//! and time in care, moves between categories), and a referral profile that gives new
//! entrants (and the children already in care, when they need a new home) their needs,
//! brothers and sisters and locations.
//!
//! Where the children already in care live: homes.csv lists today's FREE beds (as for the
//! daily match), so the children already in care are in beds beyond them, in one off-list
//! placement per kind (the council's own foster carers, agency foster carers, the council's
//! own and private children's homes, supported accommodation, other: with parents, placed for
//! adoption, ...), each costed at the mean weekly cost of its kind in homes.csv (an
//! ASSUMPTION: the return carries no prices). When a child leaves an off-list placement (care
//! ends, a move, a step-down) a bed of that kind frees up in one of homes.csv's homes of the
//! same kind and provider (drawn per child): beds free up when children leave.

use super::LoadedScenario;
use super::load::problem;
use super::simulate::{SimChild, SimHome, Stream, id_key, release, uniform};
use crate::error::{Code, Error, Problem, Result, ValidationReport};
use crate::model::*;
use crate::population::rates::{self, Rates};
use crate::population::{Category, Date, Return, Sex, codes};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Most children a generated referral profile may hold.
pub const MAX_PROFILE_CHILDREN: usize = 20_000;

/// A scenario's `[population]`: where the children in care come from, and the fitted rates'
/// multipliers. Paths are relative to the scenario file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PopulationBase {
    /// The SSDA903 return's directory (every `*header*`, `*episodes*`, `*uasc*` CSV in it).
    pub ssda903: PathBuf,
    /// The start date, `yyyy-mm-dd` (default: the latest date the return knows): the
    /// children in care on that day are week 0's population; rates use only what was known.
    pub start: Option<String>,
    /// Weeks of history before the start that the rates are fitted from (default 104).
    pub window_weeks: u32,
    /// A county profile (profile.toml) to draw the referral profile from; None = the base
    /// data's children.csv.
    pub profile: Option<PathBuf>,
    /// Children drawn from `profile` for the referral profile (default 2000; seed fixed, so
    /// every scenario has the same profile).
    pub profile_children: usize,
    /// Factor on the fitted entry rates (1.1 = 10% more entrants in every age band).
    pub entries: f64,
    /// Factor on the fitted weekly exit probabilities.
    pub exits: f64,
    /// Factor on the fitted weekly probabilities of moving between categories.
    pub moves: f64,
    /// Share of 18th birthdays that end care (default 1); the others stay where they live
    /// ("staying put") until they leave by the fitted exit rates, or at 21.
    pub leave_at_18: f64,
    /// GBP per week for a child in an `other` placement (with parents, placed for adoption,
    /// ...): default 0, no placement fee (an ASSUMPTION).
    pub other_weekly_gbp: f64,
}

impl Default for PopulationBase {
    fn default() -> Self {
        PopulationBase {
            ssda903: PathBuf::new(),
            start: None,
            window_weeks: 104,
            profile: None,
            profile_children: 2000,
            entries: 1.0,
            exits: 1.0,
            moves: 1.0,
            leave_at_18: 1.0,
            other_weekly_gbp: 0.0,
        }
    }
}

impl PopulationBase {
    /// Every out-of-range value, each named with its key and line.
    pub(super) fn problems(&self, file: &str, text: &str) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut check = |ok: bool, key: &str, value: String, expected: &str| {
            if !ok {
                out.push(problem(file, text, key, value, expected.to_string()));
            }
        };
        check(
            !self.ssda903.as_os_str().is_empty(),
            "population.ssda903",
            String::new(),
            "the directory of the SSDA903 return",
        );
        if let Some(start) = &self.start {
            check(
                Date::parse(start).is_some(),
                "population.start",
                start.clone(),
                "a date, yyyy-mm-dd",
            );
        }
        check(
            (2..=super::load::MAX_WEEKS).contains(&self.window_weeks),
            "population.window_weeks",
            self.window_weeks.to_string(),
            &format!("2 to {} weeks", super::load::MAX_WEEKS),
        );
        check(
            (1..=MAX_PROFILE_CHILDREN).contains(&self.profile_children),
            "population.profile_children",
            self.profile_children.to_string(),
            &format!("1 to {MAX_PROFILE_CHILDREN} children"),
        );
        let max = super::load::MAX_MULTIPLIER;
        for (key, v) in [
            ("population.entries", self.entries),
            ("population.exits", self.exits),
            ("population.moves", self.moves),
        ] {
            check(
                v.is_finite() && (0.0..=max).contains(&v),
                key,
                v.to_string(),
                &format!("a multiplier from 0 to {max}"),
            );
        }
        check(
            (0.0..=1.0).contains(&self.leave_at_18),
            "population.leave_at_18",
            self.leave_at_18.to_string(),
            "a share from 0 to 1",
        );
        check(
            self.other_weekly_gbp.is_finite()
                && (0.0..=super::load::MAX_SPOT_GBP).contains(&self.other_weekly_gbp),
            "population.other_weekly_gbp",
            self.other_weekly_gbp.to_string(),
            &format!(
                "a weekly cost in GBP from 0 to {}",
                super::load::MAX_SPOT_GBP
            ),
        );
        out
    }
}

/// A child in care on the start date.
#[derive(Debug, Clone)]
pub struct Starter {
    /// The child as the match sees them: age, sex and home area from the return, needs from
    /// a profile child of the same age band and kind of placement (an ASSUMPTION: the return
    /// records no needs); no sibling group, no school.
    pub child: Child,
    /// The category of the placement on the start date.
    pub category: Category,
    /// Whole weeks in care on the start date.
    pub weeks_in_care: u32,
    /// Weeks from the start to the next birthday (1-53).
    pub next_birthday: u32,
    /// Index of the off-list placement they are in ([`PopulationData::placements`]).
    pub placement: usize,
}

/// An off-list placement: where the children already in care live, one per kind.
#[derive(Debug, Clone)]
pub struct OffList {
    /// The placement as a home (never offered to the match: it has no free beds).
    pub home: Home,
    /// The base homes (indices into homes.csv's homes) of the same kind and provider in
    /// which a bed frees up when a child leaves this placement.
    pub frees_into: Vec<usize>,
}

/// A population base, read and fitted once per scenario.
#[derive(Debug)]
pub struct PopulationData {
    /// Week 0's date.
    pub start: Date,
    /// The rates fitted over the window before the start.
    pub rates: Rates,
    /// The children in care on the start date, sorted by CHILD.
    pub starters: Vec<Starter>,
    /// The referral profile new entrants are drawn from.
    pub pool: Dataset,
    /// Per referral unit of the pool, the fitted weekly entry mean contributed by each DfE
    /// age band (before trend and levers).
    pub unit_band_means: Vec<[f64; 5]>,
    /// The off-list placements, in [`OFF_LIST`] order.
    pub placements: Vec<OffList>,
    /// The multipliers and settings, as written.
    pub settings: PopulationBase,
}

/// The off-list placements: (name, kind, in-house).
const OFF_LIST: [(&str, HomeKind, bool); 6] = [
    ("In-house foster care", HomeKind::FosterInhouse, true),
    ("Agency foster care", HomeKind::FosterAgency, false),
    ("In-house children's home", HomeKind::ChildrensHome, true),
    ("Private children's home", HomeKind::ChildrensHome, false),
    ("Supported accommodation", HomeKind::Supported16Plus, false),
    // Not a home of a kind: with parents, placed for adoption, secure, hospital, ... The
    // kind is only for the residential count (never a children's home).
    ("Other placement", HomeKind::FosterInhouse, true),
];
const OTHER: usize = 5;

/// The off-list placement of a child in care on the start date.
fn placement_of(category: Category, provider: &str) -> usize {
    match (category, provider) {
        (Category::Fostering, "PR1") => 0,
        (Category::Fostering, _) => 1,
        (Category::Residential, "PR1") => 2,
        (Category::Residential, _) => 3,
        (Category::Supported, _) => 4,
        (Category::Other, _) => OTHER,
    }
}

/// The plan of a child in a category: the kind of home a child of that category needs when
/// they need a new one (a breakdown, a closure).
pub(super) fn need_of(category: Category) -> PlacementNeed {
    match category {
        Category::Residential => PlacementNeed::Residential,
        Category::Supported => PlacementNeed::Supported,
        _ => PlacementNeed::Family,
    }
}

/// The category of a home of a kind.
pub(super) fn category_of(kind: HomeKind) -> Category {
    match kind {
        HomeKind::ChildrensHome => Category::Residential,
        HomeKind::Supported16Plus => Category::Supported,
        _ => Category::Fostering,
    }
}

/// Index of a DfE age band for an age in years (18 and over: the 16-17 band).
fn band(age: u32) -> usize {
    let a = i32::try_from(age.min(17)).unwrap_or(17);
    codes::age_band(a)
        .and_then(|b| codes::AGE_BANDS.iter().position(|x| *x == b))
        .unwrap_or(4)
}

fn invalid(file: &str, text: &str, key: &str, value: String, expected: String) -> Error {
    let mut p = problem(file, text, key, value, expected);
    p.code = Code::PopulationStart;
    Error::Invalid(ValidationReport { problems: vec![p] })
}

/// Read the return, count the children in care on the start date, fit the rates and draw
/// the referral profile. `dir` is the scenario file's directory.
pub(super) fn load(
    base: &PopulationBase,
    dir: &Path,
    dataset: &Dataset,
    policy: &Policy,
    spot: &super::Spot,
    (file, text): (&str, &str),
) -> Result<PopulationData> {
    let ret = Return::load(&dir.join(&base.ssda903))?;
    let latest = ret.latest_date();
    let start = match (&base.start, latest) {
        (Some(text_start), _) => match Date::parse(text_start) {
            Some(d) => d,
            None => {
                return Err(invalid(
                    file,
                    text,
                    "population.start",
                    text_start.clone(),
                    "a date, yyyy-mm-dd".into(),
                ));
            }
        },
        (None, Some(d)) => d,
        (None, None) => {
            return Err(invalid(
                file,
                text,
                "population.ssda903",
                base.ssda903.display().to_string(),
                "a return with at least one episode".into(),
            ));
        }
    };
    let known = ret.known_on(start);
    let council = if policy.council.code.is_empty() {
        crate::io::councils::LANCASHIRE
    } else {
        policy.council.code.as_str()
    };
    let (stock, _) =
        crate::population::stock::stock_on(&known.episodes, &known.children, start, council);
    if stock.is_empty() {
        return Err(invalid(
            file,
            text,
            "population.start",
            start.to_string(),
            format!(
                "a day on which the return has children in care (its last date is {})",
                latest.map_or("unknown".into(), |d| d.to_string())
            ),
        ));
    }
    let rates = rates::estimate(&known.episodes, &known.children, start, base.window_weeks);
    let pool = match &base.profile {
        Some(p) => profile_pool(&dir.join(p), base.profile_children)?,
        None => Dataset::new(dataset.children.clone(), Vec::new()),
    };
    let mut pool = pool;
    for c in &mut pool.children {
        // New entrants have no home agreed and no one to live with yet.
        c.arrangement = Default::default();
    }
    let placements = off_list(dataset, spot, base.other_weekly_gbp);
    let mut starters = Vec::with_capacity(stock.len());
    for row in &stock {
        let Some(record) = known.children.get(&row.child_id) else {
            continue;
        };
        let age = u32::try_from(row.age.max(0)).unwrap_or(0);
        let next_birthday = (1..=53)
            .find(|&w| record.dob.age_on(start.plus_days(7 * w)) > row.age)
            .unwrap_or(53) as u32;
        let weeks_in_care = u32::try_from(row.care_start.days_until(start) / 7).unwrap_or(0);
        let mut child = template(&pool.children, age, row.category, &row.child_id);
        child.id = ChildId(format!("S-{}", row.child_id));
        child.age = age;
        child.gender = match record.sex {
            Sex::Male => Gender::Male,
            Sex::Female => Gender::Female,
        };
        if let Some(at) = row
            .home_district
            .as_ref()
            .and_then(|d| crate::io::postcodes::directory().locate(d))
        {
            child.home = at;
        }
        child.school = None;
        child.sibling_group = None;
        child.placement_need = need_of(row.category);
        child.step_down_ready = false;
        child.preferred_district = None;
        child.avoid_districts.clear();
        child.urgency_days = 28;
        child.arrangement = Default::default();
        starters.push(Starter {
            child,
            category: row.category,
            weeks_in_care,
            next_birthday,
            placement: placement_of(row.category, &row.provider),
        });
    }
    let unit_band_means = unit_band_means(&pool, &rates);
    Ok(PopulationData {
        start,
        rates,
        starters,
        pool,
        unit_band_means,
        placements,
        settings: base.clone(),
    })
}

/// Children drawn from a county profile (fixed seed: the same in every scenario).
fn profile_pool(path: &Path, n: usize) -> Result<Dataset> {
    let profile = crate::generate::load_profile(path)?;
    let county = crate::generate::generate(&profile, POOL_SEED, Some(n), None)?;
    let (dataset, _) = crate::io::load_from_memory(&county.children_csv, &county.homes_csv, None)
        .map_err(Error::Invalid)?;
    Ok(Dataset::new(dataset.children, Vec::new()))
}

/// The seed the referral profile is generated with.
const POOL_SEED: u64 = 903;

/// A profile child for a child in care: single, of the same DfE age band and (where one
/// exists) a plan that fits the category, chosen by the child's id.
fn template(pool: &[Child], age: u32, category: Category, id: &str) -> Child {
    let fits = |c: &Child| match category {
        Category::Residential => matches!(
            c.placement_need,
            PlacementNeed::Residential | PlacementNeed::Either
        ),
        Category::Supported => c.placement_need == PlacementNeed::Supported,
        _ => matches!(
            c.placement_need,
            PlacementNeed::Family | PlacementNeed::Either
        ),
    };
    let single_band: Vec<&Child> = pool
        .iter()
        .filter(|c| c.sibling_group.is_none() && band(c.age) == band(age))
        .collect();
    let fitting: Vec<&Child> = single_band.iter().copied().filter(|c| fits(c)).collect();
    let from = if fitting.is_empty() {
        single_band
    } else {
        fitting
    };
    let key = id_key(&ChildId(id.to_string())) as usize;
    match from.get(key % from.len().max(1)) {
        Some(c) => (*c).clone(),
        None => pool
            .get(key % pool.len().max(1))
            .cloned()
            .unwrap_or_else(|| blank_child(age)),
    }
}

fn blank_child(age: u32) -> Child {
    Child {
        id: ChildId(String::new()),
        age,
        gender: Gender::Other,
        home: Location::new(53.76, -2.70, PostcodeDistrict("PR1".into())),
        school: None,
        sibling_group: None,
        sibling_plan: SiblingPlan::Together,
        complexity: 1,
        needs: Default::default(),
        placement_need: PlacementNeed::Family,
        step_down_ready: false,
        preferred_district: None,
        avoid_districts: Default::default(),
        urgency_days: 28,
        languages: Vec::new(),
        faith: None,
        arrangement: Default::default(),
    }
}

/// Per referral unit, the fitted weekly entry mean each DfE band contributes: a band's
/// entrants per week shared equally among the profile's children of that band, and a unit
/// arriving brings all its members (so a unit's mean is its members' shares over its size).
fn unit_band_means(pool: &Dataset, rates: &Rates) -> Vec<[f64; 5]> {
    let mut in_band = [0usize; 5];
    for c in &pool.children {
        in_band[band(c.age)] += 1;
    }
    pool.units()
        .iter()
        .map(|u| {
            let mut m = [0.0; 5];
            for &i in &u.members {
                let b = band(pool.children[i].age);
                m[b] += rates.entries[b].rate() / in_band[b].max(1) as f64 / u.members.len() as f64;
            }
            m
        })
        .collect()
}

/// The off-list placements, costed from homes.csv's mean weekly cost of the kind (and
/// provider), or the `[spot]` price of the kind's plan where homes.csv has none.
fn off_list(dataset: &Dataset, spot: &super::Spot, other_gbp: f64) -> Vec<OffList> {
    OFF_LIST
        .iter()
        .enumerate()
        .map(|(n, &(name, kind, in_house))| {
            let same: Vec<usize> = (0..dataset.homes.len())
                .filter(|&h| dataset.homes[h].kind == kind)
                .collect();
            let own: Vec<usize> = same
                .iter()
                .copied()
                .filter(|&h| dataset.homes[h].in_house == in_house)
                .collect();
            let from = if own.is_empty() { same } else { own };
            let cost = if n == OTHER {
                other_gbp
            } else if from.is_empty() {
                spot.weekly_cost(need_of(category_of(kind)))
            } else {
                from.iter()
                    .map(|&h| dataset.homes[h].weekly_cost)
                    .sum::<f64>()
                    / from.len() as f64
            };
            OffList {
                home: Home {
                    id: HomeId(format!("OFF-LIST-{n}")),
                    name: name.to_string(),
                    kind,
                    // Never in any area: district levers and closures do not reach it.
                    location: Location::new(0.0, 0.0, PostcodeDistrict(String::new())),
                    beds_free: 0,
                    age_min: 0,
                    age_max: 25,
                    gender: GenderAccepted::Any,
                    max_complexity: 4,
                    accepts_needs: Default::default(),
                    max_sibling_group: 12,
                    solo_only: false,
                    weekly_cost: cost,
                    ofsted: Ofsted::NotInspected,
                    in_house,
                    languages: Vec::new(),
                    faith: None,
                    household: Default::default(),
                },
                frees_into: if n == OTHER { Vec::new() } else { from },
            }
        })
        .collect()
}

impl PopulationData {
    /// Children in residential care on the start date: the most a step-down drive can move.
    pub fn residential(&self) -> usize {
        self.starters
            .iter()
            .filter(|s| s.category == Category::Residential)
            .count()
    }

    /// This week's entry mean of each referral unit (before growth), with the levers'
    /// `weights`.
    pub(super) fn unit_means(&self, week: u32, weights: &[f64]) -> Vec<f64> {
        let trend: Vec<f64> = (0..5)
            .map(|b| self.rates.entry_trend[b].powi(i32::try_from(week).unwrap_or(0)))
            .collect();
        self.unit_band_means
            .iter()
            .zip(weights)
            .map(|(m, w)| {
                m.iter().zip(&trend).map(|(a, t)| a * t).sum::<f64>() * w * self.settings.entries
            })
            .collect()
    }
}

/// The off-list placements added after the base homes, and the children in care at the
/// start in them; the first `step_down_drive` of those in children's homes (by id) are
/// ready to step down to a family.
pub(super) fn start(
    s: &LoadedScenario,
    p: &PopulationData,
    replication: u32,
    homes: &mut Vec<SimHome>,
    children: &mut Vec<SimChild>,
) {
    let first = homes.len();
    for o in &p.placements {
        homes.push(SimHome {
            home: o.home.clone(),
            free: 0,
            active: true,
            base: false,
            off_list: true,
        });
    }
    let mut drive = s.step_down_drive;
    for st in &p.starters {
        let mut child = st.child.clone();
        let ready = drive > 0 && st.category == Category::Residential;
        if ready {
            drive -= 1;
            (child.step_down_ready, child.placement_need) = (true, PlacementNeed::Family);
        }
        super::simulate::push_child(children, child, 0);
        if let Some(c) = children.last_mut() {
            c.home = Some(first + st.placement);
            c.placed_week = Some(0);
            c.in_care_at_start = true;
            c.seeking = ready;
            c.category = st.category;
            c.weeks_in_care_at_arrival = st.weeks_in_care;
            c.next_birthday = Some(st.next_birthday);
            // The home of its kind they live in, drawn per child (beyond its free beds).
            let frees = &p.placements[st.placement].frees_into;
            if !frees.is_empty() {
                let u = uniform(
                    s.scenario.run.seed,
                    replication,
                    0,
                    Stream::Release,
                    id_key(&c.child.id),
                );
                c.resident_of =
                    Some(frees[((u * frees.len() as f64) as usize).min(frees.len() - 1)]);
            }
        }
    }
}

/// New entrants' birthdays (drawn per child) and categories (from their plan).
pub(super) fn admit(s: &LoadedScenario, replication: u32, children: &mut [SimChild]) {
    for c in children {
        let u = uniform(
            s.scenario.run.seed,
            replication,
            0,
            Stream::Birthday,
            id_key(&c.child.id),
        );
        c.next_birthday = Some(1 + (u * 52.0) as u32);
        c.category = need_of_category(c.child.placement_need);
    }
}

fn need_of_category(need: PlacementNeed) -> Category {
    match need {
        PlacementNeed::Residential => Category::Residential,
        PlacementNeed::Supported => Category::Supported,
        _ => Category::Fostering,
    }
}

/// The week's endings and moves: for every child in care (waiting or not), 18th birthdays
/// and exits by the fitted rates; for every child with a placement, moves between categories (a new home of the new kind is
/// needed; into `other` at once) and placement breakdowns (`demand.planned_moves_per_week`:
/// a new home of the same kind). One uniform per child and week, keyed by the child, decides
/// all of these, so compared scenarios stay paired child by child.
pub(super) fn week_events(
    s: &LoadedScenario,
    p: &PopulationData,
    week: u32,
    replication: u32,
    homes: &mut [SimHome],
    children: &mut [SimChild],
) {
    let seed = s.scenario.run.seed;
    let set = &p.settings;
    let breakdown = s.scenario.demand.planned_moves_per_week;
    let other = homes.iter().rposition(|h| h.off_list);
    // Every child in care, waiting ones included: a child waiting for a home still turns 18
    // and still goes home at the fitted rates (a 17-year-old cannot wait in care for ever).
    for c in children.iter_mut().filter(|c| c.in_care()) {
        let age = c.age(week);
        let key = id_key(&c.child.id);
        let stays_at_18 = uniform(seed, replication, 0, Stream::Eighteen, key) >= set.leave_at_18;
        if age >= 21 || (age >= 18 && !stays_at_18) {
            c.ended = true;
            if let Some(h) = c.home {
                release(homes, h, c.resident_of.take());
            }
            continue;
        }
        let b = band(age);
        let cat = c.category;
        let tic = rates::tic_band(c.weeks_in_care_at_arrival + (week - c.arrived));
        let exit = (p.rates.exit_rate(b, cat, tic).rate() * set.exits).min(1.0);
        let u = uniform(seed, replication, week, Stream::Endings, key);
        if u < exit {
            c.ended = true;
            if let Some(h) = c.home {
                release(homes, h, c.resident_of.take());
            }
            continue;
        }
        // Moves and breakdowns are of a placement: not for a child waiting or in a spot one.
        if c.emergency || c.home.is_none() {
            continue;
        }
        let mut acc = exit;
        let mut moved = false;
        for to in Category::ALL {
            acc += p.rates.moves[b][cat as usize][to as usize].rate() * set.moves;
            if to != cat && u < acc {
                moved = true;
                if to == Category::Other {
                    if let (Some(h), Some(o)) = (c.home, other) {
                        release(homes, h, c.resident_of.take());
                        c.home = Some(o);
                    }
                    (c.seeking, c.moving_since) = (false, None);
                } else {
                    c.child.placement_need = need_of(to);
                    c.seeking = true;
                    c.moving_since = Some(week);
                }
                c.category = to;
                break;
            }
        }
        if !moved && u < acc + breakdown && !c.seeking {
            // A breakdown: a new home of the same kind as the one they are in (a child with
            // an `either` plan living in a children's home needs another children's home).
            c.child.placement_need = need_of(c.category);
            c.seeking = true;
        }
    }
}
