//! The self-initializing quadratic sieve, for composites of about 35 to 70 digits whose
//! smallest prime factor is too large for rho and ECM within the work budget.
//!
//! The sieve itself is the `rusqsieve` crate (pure Rust, SIQS with large primes and block
//! Lanczos), run on one thread with its own ECM off: this module decides *when* it runs (the
//! cost model below, charged to the caller's work budget so the answer is the same on every
//! machine) and converts between `BigUint` and the crate's fixed-width integers. The factors it
//! returns are checked here (product) and again by the caller (BPSW on each).

use num_bigint::BigUint;
use num_traits::{One, Zero};
use rusqsieve::{FactorConfig, Natural, Parallelism};

/// The largest composite handed to the sieve, in bits (about 69 digits). Above it a balanced
/// semiprime takes tens of seconds to minutes on one core, beyond any budget of this crate.
pub(super) const MAX_BITS: u64 = 230;

/// The smallest composite worth the sieve's set-up, in bits (about 30 digits); below it rho
/// and ECM on `u128` are faster.
pub(super) const MIN_BITS: u64 = 100;

/// Estimated cost of factoring a `bits`-bit composite with the sieve, in work-budget units of
/// about 25 ns. Fitted to one-core times of `rusqsieve` on balanced semiprimes made by PARI/GP
/// (40 digits 0.04 s, 50 digits 0.2 s, 60 digits 1.2 s, 69 digits 7 s): the time grows by a
/// factor of about e^0.17 per decimal digit, e^0.051 per bit.
pub(super) fn cost(bits: u64) -> u64 {
    const UNITS_PER_SECOND: f64 = 4.0e7;
    let digits = bits as f64 * std::f64::consts::LOG10_2;
    let seconds = 0.04 * (0.17 * (digits - 40.0)).exp();
    (seconds * UNITS_PER_SECOND).ceil() as u64
}

/// The prime factors of the odd composite `n` (`MIN_BITS <= bits <= MAX_BITS`), with
/// repetition, or `None` if the sieve failed. Every returned factor is greater than one and
/// their product is `n`.
pub(super) fn factor(n: &BigUint) -> Option<Vec<BigUint>> {
    if n.bits() > MAX_BITS || n.is_zero() {
        return None;
    }
    // 512 bits of storage: room for the input (at most MAX_BITS) and the sieve's intermediates.
    let input = Natural::<8>::from_decimal(&n.to_string()).ok()?;
    let config = FactorConfig::default()
        .with_parallelism(Parallelism::threads(1)?)
        .with_ecm(false);
    let found = rusqsieve::factor_with(input, config).ok()?;
    let factors: Vec<BigUint> = found
        .expanded()
        .map(|p| p.to_string().parse::<BigUint>())
        .collect::<Result<_, _>>()
        .ok()?;
    let product: BigUint = factors.iter().product();
    (product == *n && factors.iter().all(|f| !f.is_one())).then_some(factors)
}
