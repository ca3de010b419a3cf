//! A stochastic forecast of the population in care, week by week: the children in care on the
//! start date, aged a week at a time (care ends at 18), each leaving or moving between
//! categories with the fitted weekly probabilities, and new entrants arriving by age band
//! (Poisson, with the fitted trend). Each replication first draws its own rates from their
//! posterior given the counts (Beta for weekly probabilities, Gamma for entry rates, Jeffreys
//! priors), so that the interval carries the uncertainty of the estimates as well as chance.
//! Seeded per replication: byte-identical results for any thread count.

use super::clean::Episode;
use super::codes::{self, Category};
use super::date::Date;
use super::rates::{self, Rates, tic_band};
use super::read::ChildRecord;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Beta, Distribution, Gamma, Poisson};
use rayon::prelude::*;
use std::collections::HashMap;

/// Most weeks forecast (ten years) and replications: bounds on work and memory.
pub const MAX_WEEKS: u32 = 520;
/// Most replications one forecast runs.
pub const MAX_REPLICATIONS: u32 = 10_000;

/// A child in the simulation.
#[derive(Debug, Clone, Copy)]
struct Sim {
    dob: Date,
    category: Category,
    weeks_in_care: u32,
}

/// Counts by week x category x age band for one replication: `[week][cat][band]`.
type Counts = Vec<[[u32; 5]; 4]>;

/// The forecast: per week, category and band, every replication's count.
#[derive(Debug, Clone)]
pub struct Forecast {
    /// The forecast's start: week 0 is the stock known on it.
    pub from: Date,
    /// Weeks forecast after the start.
    pub weeks: u32,
    /// `[replication][week][category][band]`.
    runs: Vec<Counts>,
}

/// One row of forecast.csv.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// Weeks after the start (0: the start itself).
    pub week: u32,
    /// The week's date.
    pub date: Date,
    /// A category code or `all`.
    pub category: &'static str,
    /// An age band or `all`.
    pub age_band: &'static str,
    /// Mean children over replications.
    pub mean: f64,
    /// 5th percentile of the replications.
    pub p5: f64,
    /// 95th percentile of the replications.
    pub p95: f64,
}

/// The children in care on `from`, as the simulation's start.
fn start_stock(
    episodes: &[Episode],
    children: &HashMap<String, ChildRecord>,
    from: Date,
) -> Vec<Sim> {
    let mut out = Vec::new();
    for own in rates::by_child(episodes) {
        if let Some(child) = children.get(&own[0].child)
            && let Some(s) = rates::state_on(own, child, from)
        {
            out.push(Sim {
                dob: child.dob,
                category: s.category,
                weeks_in_care: s.weeks_in_care,
            });
        }
    }
    out
}

/// A weekly probability drawn from its posterior given `events` in `exposure` weeks.
fn draw_probability(c: rates::Count, rng: &mut ChaCha8Rng) -> f64 {
    let a = c.events + 0.5;
    let b = (c.exposure_weeks - c.events).max(0.0) + 0.5;
    Beta::new(a, b).map_or(0.0, |d| d.sample(rng))
}

/// One replication's rates: `exit[band][cat][tic]`, `moves[band][from][to]`, `entries[band]`.
struct Drawn {
    exit: [[[f64; 3]; 4]; 5],
    moves: [[[f64; 4]; 4]; 5],
    entries: [f64; 5],
}

fn draw(r: &Rates, rng: &mut ChaCha8Rng) -> Drawn {
    let mut d = Drawn {
        exit: [[[0.0; 3]; 4]; 5],
        moves: [[[0.0; 4]; 4]; 5],
        entries: [0.0; 5],
    };
    for b in 0..5 {
        for c in Category::ALL {
            for t in 0..3 {
                d.exit[b][c as usize][t] = draw_probability(r.exit_rate(b, c, t), rng);
            }
            let mut total = 0.0;
            for to in Category::ALL {
                if to != c {
                    let p = draw_probability(r.moves[b][c as usize][to as usize], rng);
                    d.moves[b][c as usize][to as usize] = p;
                    total += p;
                }
            }
            // Leaving and moving compete: never more than certain.
            let room = 1.0 - d.exit[b][c as usize].iter().copied().fold(0.0, f64::max);
            if total > room && total > 0.0 {
                for to in 0..4 {
                    d.moves[b][c as usize][to] *= room / total;
                }
            }
        }
        let n = r.entries[b];
        d.entries[b] = Gamma::new(n.events + 0.5, 1.0 / n.exposure_weeks.max(1.0))
            .map_or(0.0, |g| g.sample(rng));
    }
    d
}

fn band_of(dob: Date, day: Date) -> Option<usize> {
    let band = codes::age_band(dob.age_on(day).max(0))?;
    codes::AGE_BANDS.iter().position(|b| *b == band)
}

fn replication(start: &[Sim], r: &Rates, from: Date, weeks: u32, seed: u64, rep: u32) -> Counts {
    // One stream per replication, whatever thread runs it.
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ (u64::from(rep) << 32 | 0x9e37));
    let d = draw(r, &mut rng);
    let mut kids = start.to_vec();
    let mut counts: Counts = Vec::with_capacity(weeks as usize + 1);
    let tally = |kids: &[Sim], day: Date| {
        let mut c = [[0u32; 5]; 4];
        for k in kids {
            if let Some(b) = band_of(k.dob, day) {
                c[k.category as usize][b] += 1;
            }
        }
        c
    };
    counts.push(tally(&kids, from));
    for w in 1..=weeks {
        let day = from.plus_days(7 * w as i32);
        let week_start = from.plus_days(7 * (w as i32 - 1));
        kids.retain_mut(|k| {
            let Some(b) = band_of(k.dob, week_start) else {
                return false;
            };
            if k.dob.age_on(day) >= 18 {
                return false;
            }
            let c = k.category as usize;
            let u: f64 = rng.random();
            let exit = d.exit[b][c][tic_band(k.weeks_in_care)];
            k.weeks_in_care += 1;
            if u < exit {
                return false;
            }
            let mut acc = exit;
            for to in Category::ALL {
                acc += d.moves[b][c][to as usize];
                if u < acc {
                    k.category = to;
                    break;
                }
            }
            true
        });
        for b in 0..5 {
            let mean = d.entries[b] * r.entry_trend[b].powi(w as i32);
            let n = Poisson::new(mean).map_or(0, |p| p.sample(&mut rng) as u64);
            let cats = r.entry_category[b];
            let ages = &r.entry_ages[b];
            for _ in 0..n {
                let total: f64 = cats.iter().sum();
                let mut u = rng.random::<f64>() * total;
                let mut category = Category::Other;
                for c in Category::ALL {
                    u -= cats[c as usize];
                    if u < 0.0 {
                        category = c;
                        break;
                    }
                }
                let age_days = if ages.is_empty() {
                    365 * [0, 2, 7, 12, 16][b]
                } else {
                    ages[rng.random_range(0..ages.len())]
                };
                kids.push(Sim {
                    dob: day.plus_days(-age_days),
                    category,
                    weeks_in_care: 0,
                });
            }
        }
        counts.push(tally(&kids, day));
    }
    counts
}

/// Forecast `weeks` weeks from `from` with `replications` replications.
pub fn forecast(
    episodes: &[Episode],
    children: &HashMap<String, ChildRecord>,
    rates: &Rates,
    from: Date,
    weeks: u32,
    replications: u32,
    seed: u64,
) -> Forecast {
    let start = start_stock(episodes, children, from);
    let runs = (0..replications)
        .into_par_iter()
        .map(|rep| replication(&start, rates, from, weeks, seed, rep))
        .collect();
    Forecast { from, weeks, runs }
}

/// The p-th quantile (0-1) of sorted values, linearly interpolated.
pub fn quantile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let h = p * (sorted.len() - 1) as f64;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

impl Forecast {
    /// Every week's rows: each category and band, and `all` for either or both.
    pub fn bands(&self) -> Vec<Band> {
        let mut out = Vec::new();
        let cats: Vec<Option<usize>> = (0..4).map(Some).chain([None]).collect();
        let bands: Vec<Option<usize>> = (0..5).map(Some).chain([None]).collect();
        for week in 0..=self.weeks {
            for &c in &cats {
                for &b in &bands {
                    let mut values: Vec<f64> = self
                        .runs
                        .iter()
                        .map(|run| {
                            let w = &run[week as usize];
                            let mut n = 0;
                            for (ci, row) in w.iter().enumerate() {
                                for (bi, count) in row.iter().enumerate() {
                                    if c.is_none_or(|x| x == ci) && b.is_none_or(|x| x == bi) {
                                        n += count;
                                    }
                                }
                            }
                            f64::from(n)
                        })
                        .collect();
                    values.sort_by(f64::total_cmp);
                    let mean = values.iter().sum::<f64>() / values.len().max(1) as f64;
                    out.push(Band {
                        week,
                        date: self.from.plus_days(7 * week as i32),
                        category: c.map_or("all", |i| Category::ALL[i].code()),
                        age_band: b.map_or("all", |i| codes::AGE_BANDS[i]),
                        mean,
                        p5: quantile(&values, 0.05),
                        p95: quantile(&values, 0.95),
                    });
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(quantile(&v, 0.0), 1.0);
        assert_eq!(quantile(&v, 0.5), 3.0);
        assert_eq!(quantile(&v, 0.25), 2.0);
        assert!((quantile(&v, 0.05) - 1.2).abs() < 1e-12);
        assert_eq!(quantile(&[], 0.5), 0.0);
    }
}
