//! Random and quasi-random points in the unit hypercube, one independent stream per
//! replication, so that a run's inputs depend only on `(seed, run index)` and never on the
//! thread that computes it.
//!
//! * [`Rng`]: xoshiro256** (Blackman & Vigna 2018, "Scrambled linear pseudorandom number
//!   generators"), seeded through SplitMix64 (Steele, Lea & Flood 2014) from the seed, a
//!   purpose tag and the run index.
//! * [`Sampling::Sobol`]: the Owen-scrambled Sobol sequence of the `sobol_burley` crate
//!   (Burley 2020, "Practical hash-based Owen scrambling"; Joe & Kuo direction numbers),
//!   scrambled by the seed. At most 2¹⁶ points; dimensions beyond 256 continue in further
//!   independently scrambled 256-dimension blocks (Burley's "padding").

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// How the points of the unit hypercube are drawn.
///
/// # Examples
/// ```
/// use linkage::uncertainty::sample::Sampling;
/// assert_eq!(Sampling::default(), Sampling::Random);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sampling {
    /// Independent uniform pseudo-random numbers ([`Rng`]).
    #[default]
    Random,
    /// Owen-scrambled Sobol points (quasi-random): lower-discrepancy, so estimates converge
    /// faster for smooth outputs. At most [`SOBOL_MAX_POINTS`] points.
    Sobol,
}

/// The most points [`Sampling::Sobol`] can give (the `sobol_burley` crate's limit).
pub const SOBOL_MAX_POINTS: usize = 1 << 16;

/// Purpose tags, so that streams for different uses of one seed never coincide.
pub(crate) const TAG_UA: u64 = 0x5541; // "UA"
pub(crate) const TAG_SA: u64 = 0x5341; // "SA"
pub(crate) const TAG_BOOTSTRAP: u64 = 0x4253; // "BS"

/// One step of SplitMix64: advances `state` by the golden-ratio increment and returns the
/// mixed value (Steele, Lea & Flood 2014; the constants of Java's `SplittableRandom`).
///
/// # Examples
/// ```
/// use linkage::uncertainty::sample::splitmix64;
/// let mut s = 0;
/// // the first SplitMix64 output for state 0
/// assert_eq!(splitmix64(&mut s), 0xE220_A839_7B1D_CDAF);
/// ```
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The xoshiro256** generator (Blackman & Vigna 2018): 256 bits of state, period 2²⁵⁶ − 1.
///
/// # Examples
/// ```
/// use linkage::uncertainty::sample::Rng;
/// let mut a = Rng::stream(1, 0, 7);
/// let mut b = Rng::stream(1, 0, 7);
/// let u = a.uniform();
/// assert!((0.0..1.0).contains(&u));
/// assert_eq!(u.to_bits(), b.uniform().to_bits()); // same (seed, tag, index): same stream
/// assert_ne!(Rng::stream(1, 0, 8).next_u64(), Rng::stream(1, 0, 7).next_u64());
/// ```
#[derive(Debug, Clone)]
pub struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// The stream for run `index` of purpose `tag` under `seed`: the seed, tag and index are
    /// hashed with SplitMix64 into a key, and four further SplitMix64 outputs of the key fill
    /// the state (never all zero).
    pub fn stream(seed: u64, tag: u64, index: u64) -> Rng {
        let mut k = seed;
        let a = splitmix64(&mut k);
        let mut k = a ^ tag.wrapping_mul(0xD1B5_4A32_D192_ED03);
        let b = splitmix64(&mut k);
        let mut key = b ^ index;
        let mut s = [0u64; 4];
        for v in &mut s {
            *v = splitmix64(&mut key);
        }
        if s.iter().all(|&v| v == 0) {
            s[0] = 1;
        }
        Rng { s }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// A uniform number in `[0, 1)`: the top 53 bits times 2⁻⁵³.
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A uniform integer in `0..n` (`n ≥ 1`), by Lemire's multiply-shift (bias below 2⁻⁶⁴·n,
    /// negligible for bootstrap resampling).
    ///
    /// # Examples
    /// ```
    /// use linkage::uncertainty::sample::Rng;
    /// let mut r = Rng::stream(3, 0, 0);
    /// assert!((0..1000).all(|_| r.below(5) < 5));
    /// ```
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
}

/// Fill `x` with point `index` of the sequence: `x.len()` coordinates in `[0, 1)`.
///
/// Random points come from `Rng::stream(seed, tag, index)`; Sobol points from the
/// scrambled sequence with a scramble derived from `(seed, tag)`. The caller checks
/// `index < SOBOL_MAX_POINTS` for Sobol points ([`check_points`]).
pub(crate) fn fill_point(sampling: Sampling, seed: u64, tag: u64, index: usize, x: &mut [f64]) {
    match sampling {
        Sampling::Random => {
            let mut rng = Rng::stream(seed, tag, index as u64);
            for v in x.iter_mut() {
                *v = rng.uniform();
            }
        }
        Sampling::Sobol => {
            let mut k = seed ^ tag.rotate_left(32);
            let base = splitmix64(&mut k);
            let i = index as u32;
            for (d, v) in x.iter_mut().enumerate() {
                let block = (d / 256) as u64;
                // one independent scramble per block of 256 dimensions
                let mut kb = base ^ block.wrapping_mul(0x9E37_79B9_7F4A_7C15);
                let scramble = (splitmix64(&mut kb) >> 32) as u32;
                *v = f64::from(sobol_burley::sample(i, (d % 256) as u32, scramble));
            }
        }
    }
}

/// Check that `points` points can be drawn with `sampling`.
///
/// # Errors
/// [`Error::Method`] for more than [`SOBOL_MAX_POINTS`] Sobol points.
pub(crate) fn check_points(sampling: Sampling, points: usize) -> Result<()> {
    if sampling == Sampling::Sobol && points > SOBOL_MAX_POINTS {
        return Err(Error::Method {
            method: "sobol sampling",
            reason: format!(
                "{points} points asked for, the scrambled Sobol sequence has at most {SOBOL_MAX_POINTS}: use random sampling"
            ),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xoshiro_reference_values() {
        // xoshiro256** from state [1, 2, 3, 4]: the reference C implementation's first
        // outputs (11520, 0, 1509978240, 1215971899390074240).
        let mut r = Rng { s: [1, 2, 3, 4] };
        let got: Vec<u64> = (0..4).map(|_| r.next_u64()).collect();
        assert_eq!(got, [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240]);
    }

    #[test]
    fn uniform_mean_and_range() {
        let mut r = Rng::stream(42, TAG_UA, 0);
        let n = 100_000;
        let mut sum = 0.0;
        for _ in 0..n {
            let u = r.uniform();
            assert!((0.0..1.0).contains(&u));
            sum += u;
        }
        assert!((sum / f64::from(n) - 0.5).abs() < 0.005);
    }

    #[test]
    fn sobol_points_are_stratified() {
        // 256 points of a scrambled Sobol sequence: exactly one in each 1/256 interval of
        // every one of the first few dimensions.
        let mut x = [0.0; 4];
        let mut seen = vec![[false; 256]; 4];
        for i in 0..256 {
            fill_point(Sampling::Sobol, 9, TAG_SA, i, &mut x);
            for (d, &v) in x.iter().enumerate() {
                seen[d][(v * 256.0) as usize] = true;
            }
        }
        assert!(seen.iter().all(|s| s.iter().all(|&b| b)));
        assert!(check_points(Sampling::Sobol, SOBOL_MAX_POINTS + 1).is_err());
    }
}
