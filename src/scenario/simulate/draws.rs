//! The random draws of a replication (common random numbers): every draw comes from its own
//! stream or uniform, keyed by (seed, replication, week, purpose) and, where it concerns one
//! child or one bed, by the child's id or the home and bed. Scenarios compared with the same
//! seed then see the same referrals and endings for the same children, so their differences
//! come from the scenario; and results do not depend on the thread count.

use crate::model::ChildId;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Poisson};

/// What a draw is for: each purpose has its own stream, so a change in how often one kind of
/// draw is made never shifts another's.
#[derive(Clone, Copy)]
pub(in crate::scenario) enum Stream {
    Arrivals = 1,
    Endings = 2,
    Vacancies = 3,
    TakenElsewhere = 4,
    StepDown = 5,
    /// Which home of its kind a bed left in an off-list placement frees up in.
    Release = 6,
    /// Whether a child leaves care on their 18th birthday (population base).
    Eighteen = 7,
    /// An entrant's week of birthday (population base).
    Birthday = 8,
}

/// SplitMix64: spreads (seed, replication, week, stream) over independent generator seeds.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

pub(super) fn stream(seed: u64, replication: u32, week: u32, which: Stream) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(mix(
        mix(mix(seed) ^ u64::from(replication)) ^ (u64::from(week) << 8 | which as u64)
    ))
}

/// A uniform draw in [0, 1) keyed by (seed, replication, week, purpose, key): the same for the
/// same child or bed in every scenario, whatever else happened.
pub(in crate::scenario) fn uniform(
    seed: u64,
    replication: u32,
    week: u32,
    which: Stream,
    key: u64,
) -> f64 {
    let x = mix(mix(
        mix(mix(seed) ^ u64::from(replication)) ^ (u64::from(week) << 8 | which as u64)
    ) ^ key);
    (x >> 11) as f64 / (1u64 << 53) as f64
}

/// A child id as a key for [`uniform`] (FNV-1a).
pub(in crate::scenario) fn id_key(id: &ChildId) -> u64 {
    id.as_str().bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A Poisson(mean) count drawn from a stream (0 for a mean that is not positive).
pub(super) fn poisson(rng: &mut ChaCha8Rng, mean: f64) -> u64 {
    if mean <= 0.0 {
        return 0;
    }
    Poisson::new(mean).map_or(0, |d| d.sample(rng) as u64)
}

/// The Poisson(mean) count whose cumulative probability first reaches `u` (inversion):
/// monotone in the mean for a fixed `u`. Capped at 10,000 (a unit's weekly mean is far below).
pub(super) fn poisson_inverse(u: f64, mean: f64) -> u64 {
    let (mut k, mut p) = (0u64, (-mean).exp());
    let mut cdf = p;
    if p == 0.0 {
        // exp underflows beyond a mean of about 745: a normal approximation, still monotone.
        return (mean + mean.sqrt() * normal_quantile(u)).max(0.0).round() as u64;
    }
    while u > cdf && k < 10_000 {
        k += 1;
        p *= mean / k as f64;
        cdf += p;
        if p == 0.0 {
            break;
        }
    }
    k
}

/// An approximate standard normal quantile (the logistic with the normal's spread: within
/// about 10% in the middle, monotone; only for weekly means above 745, which the scenario
/// limits make all but impossible for one referral unit).
fn normal_quantile(u: f64) -> f64 {
    let u = u.clamp(1e-12, 1.0 - 1e-12);
    (u / (1.0 - u)).ln() * 3f64.sqrt() / std::f64::consts::PI
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poisson_by_inversion_is_monotone_and_has_its_mean() {
        let n = 20_000;
        let draws = |mean: f64| -> Vec<u64> {
            (0..n)
                .map(|i| poisson_inverse(uniform(7, 0, 0, Stream::Arrivals, i), mean))
                .collect()
        };
        let (low, high) = (draws(0.5), draws(0.55));
        assert!(low.iter().zip(&high).all(|(a, b)| a <= b));
        let mean = |v: &[u64]| v.iter().sum::<u64>() as f64 / n as f64;
        assert!((mean(&low) - 0.5).abs() < 0.02, "{}", mean(&low));
        assert!((mean(&high) / mean(&low) - 1.1).abs() < 0.03);
        assert_eq!(poisson_inverse(0.0, 3.0), 0);
    }
}
